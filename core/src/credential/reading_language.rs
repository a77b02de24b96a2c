//! Which language a screen speaks, and which text a reader of that language sees.
//!
//! The apps' rule (the core's labels take the language they are given): the holder's explicit
//! choice, else the device's first preferred language that is one of ours, else English (the
//! language someone who reads neither Kazakh nor Russian most likely reads). A text missing in
//! the reader's language falls back: Kazakh readers to Russian (the other official language)
//! before English; Russian readers to English, then Kazakh; English readers to Russian, then
//! Kazakh (issuers in Kazakhstan always have Kazakh and Russian, English only sometimes).

use super::diploma::{Lang, Localized};

/// The app's language: `user_choice`, else the first of `device_preferred` (BCP 47 tags, most
/// preferred first: `kk-KZ`, `ru`, `en-GB`, `kk-Cyrl-KZ`) that is one of ours, else English.
pub fn choose_language<S: AsRef<str>>(user_choice: Option<Lang>, device_preferred: &[S]) -> Lang {
    user_choice.or_else(|| device_preferred.iter().find_map(|t| Lang::from_tag(t.as_ref().trim()))).unwrap_or(Lang::En)
}

/// The order in which to look for a text for a reader of `lang`.
pub fn fallback_order(lang: Lang) -> [Lang; 3] {
    match lang {
        Lang::Kk => [Lang::Kk, Lang::Ru, Lang::En],
        Lang::Ru => [Lang::Ru, Lang::En, Lang::Kk],
        Lang::En => [Lang::En, Lang::Ru, Lang::Kk],
    }
}

/// The text to show a reader of `lang`: theirs, else the first non-blank one in
/// [`fallback_order`].
pub fn pick(text: &Localized, lang: Lang) -> Option<&str> {
    fallback_order(lang).into_iter().filter_map(|l| text.get(l)).find(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    //! Cases from the apps' former copies (android/logic `LanguageTest`), so none is lost.
    use super::*;

    #[test]
    fn the_holders_choice_wins_then_the_device_then_english() {
        assert_eq!(choose_language(Some(Lang::Kk), &["ru-RU"]), Lang::Kk);
        assert_eq!(choose_language(None, &["de-DE", "kk-Cyrl-KZ", "ru"]), Lang::Kk);
        assert_eq!(choose_language(None, &["ru_KZ"]), Lang::Ru);
        assert_eq!(choose_language(None, &[" EN-gb "]), Lang::En);
        assert_eq!(choose_language(None, &["de", "fr"]), Lang::En);
        assert_eq!(choose_language::<&str>(None, &[]), Lang::En);
        assert_eq!(choose_language(None, &["kkk", "r", "ru"]), Lang::Ru);
    }

    #[test]
    fn texts_fall_back_in_the_readers_order() {
        let all = Localized { kk: Some("Қ".into()), ru: Some("Р".into()), en: Some("E".into()) };
        assert_eq!(pick(&all, Lang::Kk), Some("Қ"));
        let no_kk = Localized { kk: None, ..all.clone() };
        assert_eq!(pick(&no_kk, Lang::Kk), Some("Р"));
        let no_ru = Localized { ru: Some("  ".into()), ..all.clone() };
        assert_eq!(pick(&no_ru, Lang::Ru), Some("E"));
        let only_kk = Localized { kk: Some("Қ".into()), ru: None, en: None };
        assert_eq!(pick(&only_kk, Lang::En), Some("Қ"));
        let en_kk = Localized { kk: Some("Қ".into()), ru: None, en: Some("E".into()) };
        assert_eq!(pick(&en_kk, Lang::Ru), Some("E"));
        assert_eq!(pick(&Localized::default(), Lang::Ru), None);
    }
}
