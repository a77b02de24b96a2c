import QujatCore
import SwiftUI

/// A result screen's colour family. Only `accept` is green.
enum Tone { case accept, caution, reject, neutral }

enum NextStep: String {
    case none, askForNewQr = "next_ask_new_qr", checkClocks = "next_check_clocks",
         updateTrustData = "next_update_trust", scanAgain = "next_scan_again",
         updateApp = "next_update_app", doNotAccept = "next_do_not_accept"
}

/// Verdict → colour, wording and next step: the table of android/logic's VerdictUi, which the
/// JVM tests check against docs/FORMAT.md §10.
struct VerdictStyle {
    let tone: Tone
    /// The key prefix of `<key>_title` / `<key>_body` in Localizable.strings.
    let key: String
    let next: NextStep
    let time: Int64?
    let accept: Bool

    init(_ verdict: Verdict) {
        (tone, key, next, time) = Self.row(verdict)
        accept = verdict == .valid
    }

    private static func row(_ verdict: Verdict) -> (Tone, String, NextStep, Int64?) {
        switch verdict {
        case .valid: return (.accept, "verdict_valid", .none, nil)
        case .revoked: return (.reject, "verdict_revoked", .doNotAccept, nil)
        case .expired(let at): return (.caution, "verdict_expired", .askForNewQr, at)
        case .notYetValid(let at): return (.caution, "verdict_not_yet_valid", .checkClocks, at)
        case .challengeMismatch: return (.reject, "verdict_challenge_mismatch", .askForNewQr, nil)
        case .challengeReused: return (.reject, "verdict_challenge_reused", .doNotAccept, nil)
        case .unknownIssuer: return (.reject, "verdict_unknown_issuer", .doNotAccept, nil)
        case .forgedIssuerSignature: return (.reject, "verdict_forged_issuer", .doNotAccept, nil)
        case .issuerKeyNotValid: return (.reject, "verdict_issuer_key_not_valid", .doNotAccept, nil)
        case .forgedHolderSignature: return (.reject, "verdict_forged_holder", .doNotAccept, nil)
        case .disclosureMismatch: return (.reject, "verdict_disclosure_mismatch", .doNotAccept, nil)
        case .trustListExpired(let at): return (.neutral, "verdict_trust_list_expired", .updateTrustData, at)
        case .noTrustList: return (.neutral, "verdict_no_trust_list", .updateTrustData, nil)
        case .statusUnknown: return (.caution, "verdict_status_unknown", .updateTrustData, nil)
        case .statusStale(let until): return (.caution, "verdict_status_stale", .updateTrustData, until)
        case .malformed: return (.neutral, "verdict_malformed", .scanAgain, nil)
        }
    }

    /// Whether the core recorded the challenge as answered (FORMAT.md §10 step 8).
    static func answersChallenge(_ v: Verdict) -> Bool {
        switch v {
        case .valid, .revoked, .statusUnknown, .statusStale: return true
        default: return false
        }
    }

    var background: Color {
        switch tone {
        case .accept: return Color(red: 0x1B / 255, green: 0x7F / 255, blue: 0x3B / 255)
        case .caution: return Color(red: 0xF2 / 255, green: 0xA9 / 255, blue: 0x00 / 255)
        case .reject: return Color(red: 0xC6 / 255, green: 0x28 / 255, blue: 0x28 / 255)
        case .neutral: return Color(red: 0x45 / 255, green: 0x5A / 255, blue: 0x64 / 255)
        }
    }

    var foreground: Color { tone == .caution ? .black : .white }
}
