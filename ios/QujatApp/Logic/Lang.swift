import Foundation
import QujatCore

/// The app's language for the core's labels: the app's localization (chosen per app in iOS
/// Settings), else the device's first known language, else English. Same order as Android.
enum AppLanguage {
    static func current() -> Language {
        let preferred = Bundle.main.preferredLocalizations + Locale.preferredLanguages
        for tag in preferred {
            switch tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first {
            case "kk": return .kk
            case "ru": return .ru
            case "en": return .en
            default: continue
            }
        }
        return .en
    }
}

extension LocalizedText {
    /// The text for a reader of `lang`, falling back as Android does (kk → ru → en, ru → en → kk, en → ru → kk).
    func pick(_ lang: Language) -> String? {
        let order: [String?]
        switch lang {
        case .kk: order = [kk, ru, en]
        case .ru: order = [ru, en, kk]
        case .en: order = [en, ru, kk]
        }
        return order.compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
