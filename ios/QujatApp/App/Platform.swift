import Foundation
import QujatCore

/// The wall clock, in Unix seconds (platform glue; the countdown rules are the core's).
enum Clock {
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}

/// The app's language for the core's labels: the core's rule (`chooseLanguage`) over the app's
/// localization (chosen per app in iOS Settings), then the device's preferred languages.
enum AppLanguage {
    static func current() -> Language {
        chooseLanguage(userChoice: nil, devicePreferred: Bundle.main.preferredLocalizations + Locale.preferredLanguages)
    }
}

extension LocalizedText {
    /// The text for a reader of `lang`, falling back in that reader's order (the core's `pickText`).
    func pick(_ lang: Language) -> String? { pickText(text: self, lang: lang) }
}
