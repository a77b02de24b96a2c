//! Human-readable labels in Kazakh, Russian and English: claim names, degree levels, forms of
//! study, and the few verdict-neutral words a verifier screen needs.
//!
//! Labels are static strings so that every platform shows the same wording; verdicts
//! ("valid", "revoked", …) belong to the verifier report, not here.

use super::claims::{ClaimId, ClaimValue};
use super::diploma::{DegreeLevel, Lang, StudyForm};

/// One text in the three languages.
struct Tr {
    kk: &'static str,
    ru: &'static str,
    en: &'static str,
}

impl Tr {
    fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Kk => self.kk,
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }
}

const fn tr(kk: &'static str, ru: &'static str, en: &'static str) -> Tr {
    Tr { kk, ru, en }
}

/// The label of a claim, as shown beside its value.
pub fn claim_label(c: ClaimId, lang: Lang) -> &'static str {
    let t = match c {
        ClaimId::Name => tr("Тегі, аты", "Фамилия, имя", "Name"),
        ClaimId::DegreeLevel => tr("Білім деңгейі", "Уровень образования", "Level of education"),
        ClaimId::ProgramCode => {
            tr("Білім беру бағдарламасының коды", "Код образовательной программы", "Programme code")
        }
        ClaimId::Honors => tr("Үздік диплом", "Диплом с отличием", "Diploma with distinction"),
        ClaimId::IssueDate => tr("Берілген күні", "Дата выдачи", "Date of issue"),
        ClaimId::DiplomaNumber => {
            tr("Дипломның сериясы мен нөмірі", "Серия и номер диплома", "Diploma series and number")
        }
        ClaimId::StudyForm => tr("Оқу нысаны", "Форма обучения", "Form of study"),
        ClaimId::ProgramEn => tr(
            "Бағдарлама және біліктілік (ағылшын тілінде)",
            "Программа и квалификация (на английском)",
            "Programme and qualification (English)",
        ),
        ClaimId::ProgramRu => tr(
            "Бағдарлама және біліктілік (орыс тілінде)",
            "Программа и квалификация (на русском)",
            "Programme and qualification (Russian)",
        ),
        ClaimId::ProgramKk => tr(
            "Бағдарлама және біліктілік (қазақ тілінде)",
            "Программа и квалификация (на казахском)",
            "Programme and qualification (Kazakh)",
        ),
        ClaimId::NameLatin => tr("Тегі, аты (латын әліпбиімен)", "Фамилия, имя (латиницей)", "Name (Latin script)"),
        ClaimId::BirthDate => tr("Туған күні", "Дата рождения", "Date of birth"),
        ClaimId::Iin => tr("ЖСН", "ИИН", "IIN"),
        ClaimId::Gpa => tr("Орташа балл (GPA)", "Средний балл (GPA)", "Grade point average (GPA)"),
    };
    t.get(lang)
}

/// The name of a degree level.
///
/// `Doctor` is "Доктор" / "Doctor" without "(PhD)": the level also covers doctors by profile;
/// the qualification text says which.
pub fn degree_label(l: DegreeLevel, lang: Lang) -> &'static str {
    let t = match l {
        DegreeLevel::Tvet => tr(
            "Техникалық және кәсіптік білім",
            "Техническое и профессиональное образование",
            "Technical and vocational education",
        ),
        DegreeLevel::Bachelor => tr("Бакалавр", "Бакалавр", "Bachelor"),
        DegreeLevel::Specialist => tr("Маман", "Специалист", "Specialist"),
        DegreeLevel::Master => tr("Магистр", "Магистр", "Master"),
        DegreeLevel::Doctor => tr("Доктор", "Доктор", "Doctor"),
    };
    t.get(lang)
}

/// The name of a form of study.
pub fn study_form_label(f: StudyForm, lang: Lang) -> &'static str {
    let t = match f {
        StudyForm::FullTime => tr("Күндізгі", "Очная", "Full-time"),
        StudyForm::PartTime => tr("Сырттай немесе кешкі", "Заочная или вечерняя", "Part-time"),
        StudyForm::Distance => tr("Қашықтықтан", "Дистанционная", "Distance learning"),
    };
    t.get(lang)
}

/// A claim value as one line of text in `lang` (names "family given", dates `YYYY-MM-DD`,
/// degree levels and forms of study by their label, flags as yes/no, GPA with two decimals).
/// Used by the CLI and by the apps through the bindings, so both show the same text.
pub fn value_text(v: &ClaimValue, lang: Lang) -> String {
    match v {
        ClaimValue::Name(n) => format!("{} {}", n.family, n.given),
        ClaimValue::DegreeLevel(l) => degree_label(*l, lang).to_owned(),
        ClaimValue::Text(t) => t.clone(),
        ClaimValue::Flag(b) => {
            let t = if *b { tr("иә", "да", "yes") } else { tr("жоқ", "нет", "no") };
            t.get(lang).to_owned()
        }
        ClaimValue::Date(d) => d.to_string(),
        ClaimValue::DiplomaNumber { series, number } => format!("{series} № {number}"),
        ClaimValue::StudyForm(f) => study_form_label(*f, lang).to_owned(),
        ClaimValue::ProgramText { program, qualification } => format!("{program} — {qualification}"),
        ClaimValue::Gpa(g) => g.to_string(),
    }
}

/// A verdict-neutral word for showing claim values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Word {
    /// A flag that is set.
    Yes,
    /// A flag that is not set.
    No,
    /// The value of honours when set ("with distinction").
    WithDistinction,
    /// The holder disclosed the claim, but the diploma does not state it (e.g. GPA on a PhD).
    NotStated,
    /// The holder did not disclose the claim.
    NotDisclosed,
    /// Heading for the issuing institution.
    IssuedBy,
}

impl Word {
    /// Every word.
    pub const ALL: [Word; 6] =
        [Word::Yes, Word::No, Word::WithDistinction, Word::NotStated, Word::NotDisclosed, Word::IssuedBy];
}

/// A verdict-neutral UI word.
pub fn word(w: Word, lang: Lang) -> &'static str {
    let t = match w {
        Word::Yes => tr("Иә", "Да", "Yes"),
        Word::No => tr("Жоқ", "Нет", "No"),
        Word::WithDistinction => tr("Үздік", "С отличием", "With distinction"),
        Word::NotStated => tr("Дипломда көрсетілмеген", "В дипломе не указано", "Not stated on the diploma"),
        Word::NotDisclosed => tr("Иесі ұсынбаған", "Владелец не предъявил", "Not shared by the holder"),
        Word::IssuedBy => tr("Диплом берген", "Кем выдан", "Issued by"),
    };
    t.get(lang)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// Every label of a kind: non-empty, trimmed, distinct within a language.
    fn check<T: Copy + std::fmt::Debug>(all: &[T], label: fn(T, Lang) -> &'static str) {
        for lang in Lang::ALL {
            let mut seen = HashSet::new();
            for x in all {
                let l = label(*x, lang);
                assert!(!l.is_empty(), "{x:?} {lang:?}");
                assert_eq!(l, l.trim(), "{x:?} {lang:?}");
                assert!(seen.insert(l), "{x:?} {lang:?}: duplicate {l:?}");
            }
        }
    }

    #[test]
    fn claim_labels() {
        check(&ClaimId::ALL, claim_label);
        assert_eq!(claim_label(ClaimId::Name, Lang::Kk), "Тегі, аты");
        assert_eq!(claim_label(ClaimId::Name, Lang::Ru), "Фамилия, имя");
        assert_eq!(claim_label(ClaimId::Name, Lang::En), "Name");
        // Kazakh and Russian wording differ for every claim.
        for c in ClaimId::ALL {
            assert_ne!(claim_label(c, Lang::Kk), claim_label(c, Lang::Ru), "{c:?}");
        }
    }

    #[test]
    fn degree_and_study_form_labels() {
        check(&DegreeLevel::ALL, degree_label);
        check(&StudyForm::ALL, study_form_label);
        assert_eq!(degree_label(DegreeLevel::Tvet, Lang::Kk), "Техникалық және кәсіптік білім");
        assert_eq!(degree_label(DegreeLevel::Master, Lang::En), "Master");
    }

    #[test]
    fn value_texts() {
        use crate::credential::{Date, Gpa};
        assert_eq!(value_text(&ClaimValue::Flag(true), Lang::Ru), "да");
        assert_eq!(value_text(&ClaimValue::DegreeLevel(DegreeLevel::Master), Lang::Kk), "Магистр");
        assert_eq!(value_text(&ClaimValue::Date(Date::new(2024, 6, 30).unwrap()), Lang::En), "2024-06-30");
        assert_eq!(value_text(&ClaimValue::Gpa(Gpa::from_hundredths(367).unwrap()), Lang::En), "3.67");
    }

    #[test]
    fn words() {
        check(&Word::ALL, word);
        assert_eq!(word(Word::WithDistinction, Lang::Kk), "Үздік");
        assert_eq!(word(Word::WithDistinction, Lang::Ru), "С отличием");
    }

    #[test]
    fn english_is_ascii_and_kazakh_uses_kazakh_letters() {
        let mut kk = String::new();
        for c in ClaimId::ALL {
            assert!(claim_label(c, Lang::En).is_ascii());
            kk.push_str(claim_label(c, Lang::Kk));
        }
        for l in DegreeLevel::ALL {
            assert!(degree_label(l, Lang::En).is_ascii());
            kk.push_str(degree_label(l, Lang::Kk));
        }
        for f in StudyForm::ALL {
            assert!(study_form_label(f, Lang::En).is_ascii());
            kk.push_str(study_form_label(f, Lang::Kk));
        }
        for w in Word::ALL {
            assert!(word(w, Lang::En).is_ascii());
            kk.push_str(word(w, Lang::Kk));
        }
        // Written with the Kazakh letters, not Russian look-alikes.
        for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'і'] {
            assert!(kk.contains(letter), "{letter}");
        }
    }
}
