import Foundation

/// What people type or paste where a code is expected, turned into what the core accepts
/// (the same rules as `android/logic`'s `CodeEntry`, which is what the JVM tests check).
enum CodeEntry {
    static let codeDigits = 6
    static let recoveryChars = 16
    private static let crockford = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    private static let separators: Set<Character> = [" ", "-", ".", "\u{00A0}", "\u{2009}", "\u{202F}", "\t", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2212}"]

    enum SecondFactor: Equatable {
        case totp(String)
        case recovery(String)
        case incomplete
        case invalid
    }

    /// A decimal digit of any script as its ASCII digit.
    private static func asciiDigit(_ c: Character) -> Character? {
        // Decimal digits only (Unicode Nd, as Java's Character.isDigit): not ², ½ or ⑤.
        guard c.unicodeScalars.count == 1, c.unicodeScalars.first?.properties.numericType == .decimal,
              let v = c.wholeNumberValue, (0...9).contains(v) else { return nil }
        return Character(String(v))
    }

    private static func digitsOnly(_ input: String) -> String? {
        var out = ""
        for c in input where !separators.contains(c) {
            guard let d = asciiDigit(c) else { return nil }
            out.append(d)
        }
        return out
    }

    /// Six ASCII digits, or nil.
    static func totp(_ input: String) -> String? {
        guard let d = digitsOnly(input), d.count == codeDigits else { return nil }
        return d
    }

    static func challenge(_ input: String) -> String? { totp(input) }

    /// What a code field keeps while typing.
    static func filterCodeTyping(_ input: String) -> String {
        String(input.compactMap(asciiDigit).prefix(codeDigits))
    }

    private static func recoveryCharacters(_ input: String) -> String? {
        var out = ""
        for raw in input where !separators.contains(raw) {
            let upper = raw.uppercased()
            guard upper.count == 1 else { return nil } // "ß" → "SS": not a code character anyway
            var c = Character(upper)
            if c == "O" { c = "0" } else if c == "I" || c == "L" { c = "1" } else if let d = asciiDigit(c) { c = d }
            guard crockford.contains(c) else { return nil }
            out.append(c)
        }
        return out
    }

    private static func group(_ chars: String) -> String {
        stride(from: 0, to: chars.count, by: 4).map { i -> String in
            let start = chars.index(chars.startIndex, offsetBy: i)
            let end = chars.index(start, offsetBy: min(4, chars.count - i))
            return String(chars[start..<end])
        }.joined(separator: "-")
    }

    /// `XXXX-XXXX-XXXX-XXXX`, or nil.
    static func recovery(_ input: String) -> String? {
        guard let c = recoveryCharacters(input), c.count == recoveryChars else { return nil }
        return group(c)
    }

    static func formatRecoveryTyping(_ input: String) -> String {
        var chars = ""
        for raw in input where chars.count < recoveryChars {
            if let one = recoveryCharacters(String(raw)) { chars += one }
        }
        return group(chars)
    }

    static func secondFactor(_ input: String) -> SecondFactor {
        if let t = totp(input) { return .totp(t) }
        if let r = recovery(input) { return .recovery(r) }
        if let d = digitsOnly(input), d.count < codeDigits { return .incomplete }
        guard let c = recoveryCharacters(input) else { return .invalid }
        return c.count < recoveryChars ? .incomplete : .invalid
    }
}

/// Remaining time on a screen.
enum Countdown {
    static func secondsLeft(until: Int64, now: Int64) -> Int64 { max(0, until - now) }

    static func format(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        let h = s / 3600, m = s / 60 % 60, sec = s % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, sec) : String(format: "%d:%02d", m, sec)
    }

    static func fraction(_ left: Int64, total: Int64) -> Double {
        total <= 0 ? 0 : min(1, max(0, Double(left) / Double(total)))
    }
}

enum Clock {
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
