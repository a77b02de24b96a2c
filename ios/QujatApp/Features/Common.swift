import QujatCore
import SwiftUI

/// A QR symbol drawn from the core's module matrix: black on white, whole points per module,
/// quiet zone of 4 modules.
struct QRView: View {
    let width: Int
    let modules: [UInt8]
    let label: String

    /// A presentation's QR code.
    init(qr: QrCode, label: String) {
        self.init(width: Int(qr.width), modules: [UInt8](qr.modules), label: label)
    }

    /// Any symbol from the core, e.g. a `QrSymbol` of the otpauth URI (read, then released).
    init(width: Int, modules: [UInt8], label: String) {
        self.width = width
        self.modules = modules
        self.label = label
    }

    var body: some View {
        Canvas { context, size in
            let n = width + 8
            let cell = floor(min(size.width, size.height) / CGFloat(n))
            let origin = (min(size.width, size.height) - cell * CGFloat(n)) / 2 + cell * 4
            context.fill(Path(CGRect(origin: .zero, size: size)), with: .color(.white))
            var path = Path()
            for y in 0..<width {
                for x in 0..<width where modules[y * width + x] != 0 {
                    path.addRect(CGRect(x: origin + CGFloat(x) * cell, y: origin + CGFloat(y) * cell, width: cell, height: cell))
                }
            }
            context.fill(path, with: .color(.black))
        }
        .aspectRatio(1, contentMode: .fit)
        .accessibilityLabel(label)
    }
}

/// A PIN field: digits only, secure, at most the core's longest PIN.
struct PinField: View {
    let title: String
    @Binding var pin: String

    var body: some View {
        SecureField(title, text: $pin)
            .keyboardType(.numberPad)
            .textContentType(.oneTimeCode) // no password autofill offers for a wallet PIN
            .onChange(of: pin) { _, value in
                let filtered = String(value.filter(\.isASCII).filter(\.isNumber).prefix(Int(screenLimits().pinMaxLen)))
                if filtered != value { pin = filtered }
            }
    }
}

func L(_ key: String) -> String { NSLocalizedString(key, comment: "") }
func L(_ key: String, _ args: CVarArg...) -> String { String(format: NSLocalizedString(key, comment: ""), arguments: args) }

func dateTime(_ unix: Int64) -> String {
    Date(timeIntervalSince1970: TimeInterval(unix)).formatted(date: .abbreviated, time: .shortened)
}
