import QujatCore
import SwiftUI

/// The colours of a result screen for the core's severity of a verdict (view code only: the
/// severity, wording key and next step come from the core in `VerificationReport.view`).
extension Severity {
    var background: Color {
        switch self {
        case .ok: return Color(red: 0x1B / 255, green: 0x7F / 255, blue: 0x3B / 255)
        case .warning: return Color(red: 0xF2 / 255, green: 0xA9 / 255, blue: 0x00 / 255)
        case .refused: return Color(red: 0xC6 / 255, green: 0x28 / 255, blue: 0x28 / 255)
        case .cannotJudge: return Color(red: 0x45 / 255, green: 0x5A / 255, blue: 0x64 / 255)
        }
    }

    var foreground: Color { self == .warning ? .black : .white }
}
