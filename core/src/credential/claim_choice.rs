//! The holder's choice of claims to show: the rules both apps follow on the "present" screen.
//!
//! 1. Only claims the diploma states can be chosen.
//! 2. The preselection is [`ClaimSet::default_for`] the reader's language, minus every
//!    sensitive claim ([`ClaimId::is_sensitive`]: IIN, birth date, GPA), which is never
//!    preselected even if a future default listed one.
//! 3. Turning a sensitive claim on is a two-step act: [`toggle`] answers
//!    [`Toggle::NeedsConfirmation`] and only [`confirm_sensitive`] adds it.
//! 4. A presentation shows at least one claim ([`can_present`]).
//! 5. With neither name claim the verifier cannot tell the diploma is the holder's:
//!    [`hides_name`] lets the screen say so (a hint, not a block).

use super::claims::{ClaimId, ClaimSet};
use super::diploma::Lang;

/// The answer to turning one claim on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    /// The new selection.
    Changed(ClaimSet),
    /// A sensitive claim: ask the holder, then call [`confirm_sensitive`].
    NeedsConfirmation,
    /// Not a claim this diploma states.
    NotAvailable,
}

/// The claims preselected for a diploma stating `stated`, for a reader of `lang` (rule 2).
pub fn preselected(stated: ClaimSet, lang: Lang) -> ClaimSet {
    ClaimSet::default_for(lang)
        .iter()
        .filter(|c| stated.contains(*c) && !c.is_sensitive())
        .fold(ClaimSet::EMPTY, ClaimSet::with)
}

/// Turn `claim` on or off in `selected` (rules 1 and 3).
pub fn toggle(stated: ClaimSet, selected: ClaimSet, claim: ClaimId, on: bool) -> Toggle {
    if !stated.contains(claim) {
        Toggle::NotAvailable
    } else if on && claim.is_sensitive() && !selected.contains(claim) {
        Toggle::NeedsConfirmation
    } else if on {
        Toggle::Changed(selected.with(claim))
    } else {
        Toggle::Changed(selected.without(claim))
    }
}

/// Add a sensitive claim after the holder confirmed (unchanged if the diploma does not state it).
pub fn confirm_sensitive(stated: ClaimSet, selected: ClaimSet, claim: ClaimId) -> ClaimSet {
    if stated.contains(claim) { selected.with(claim) } else { selected }
}

/// True if the selection shows at least one claim (rule 4).
pub fn can_present(selected: ClaimSet) -> bool {
    selected != ClaimSet::EMPTY
}

/// True if the selection shows neither name (rule 5).
pub fn hides_name(selected: ClaimSet) -> bool {
    !selected.contains(ClaimId::Name) && !selected.contains(ClaimId::NameLatin)
}

/// True if the selection shows a sensitive claim.
pub fn includes_sensitive(selected: ClaimSet) -> bool {
    selected.iter().any(ClaimId::is_sensitive)
}

#[cfg(test)]
mod tests {
    //! Cases from the apps' former copies (android/logic `ClaimSelectionTest`), so none is lost.
    use super::*;

    fn set(claims: &[ClaimId]) -> ClaimSet {
        claims.iter().copied().fold(ClaimSet::EMPTY, ClaimSet::with)
    }

    #[test]
    fn only_iin_birth_date_and_gpa_are_sensitive() {
        let sensitive: Vec<ClaimId> = ClaimId::ALL.into_iter().filter(|c| c.is_sensitive()).collect();
        assert_eq!(sensitive, vec![ClaimId::BirthDate, ClaimId::Iin, ClaimId::Gpa]);
    }

    #[test]
    fn preselection_is_the_language_default_minus_what_the_diploma_does_not_state() {
        let all = ClaimSet::all();
        let ru = preselected(all, Lang::Ru);
        assert!(ru.contains(ClaimId::ProgramRu) && !ru.contains(ClaimId::ProgramEn));
        assert!(preselected(all, Lang::En).contains(ClaimId::ProgramEn));
        assert_eq!(preselected(all, Lang::En), ClaimSet::default_presentation());
        let no_study_form = all.without(ClaimId::StudyForm);
        assert!(!preselected(no_study_form, Lang::En).contains(ClaimId::StudyForm));
        assert_eq!(preselected(ClaimSet::EMPTY, Lang::Kk), ClaimSet::EMPTY);
    }

    #[test]
    fn a_sensitive_claim_is_never_preselected() {
        for lang in Lang::ALL {
            assert!(!includes_sensitive(preselected(ClaimSet::all(), lang)));
        }
    }

    #[test]
    fn turning_a_sensitive_claim_on_asks_first() {
        let stated = ClaimSet::all();
        let selected = preselected(stated, Lang::En);
        assert_eq!(toggle(stated, selected, ClaimId::Iin, true), Toggle::NeedsConfirmation);
        let with_iin = confirm_sensitive(stated, selected, ClaimId::Iin);
        assert!(with_iin.contains(ClaimId::Iin) && includes_sensitive(with_iin));
        // Already on: turning it on again changes nothing and asks nothing.
        assert_eq!(toggle(stated, with_iin, ClaimId::Iin, true), Toggle::Changed(with_iin));
        // Off needs no confirmation.
        assert_eq!(toggle(stated, with_iin, ClaimId::Iin, false), Toggle::Changed(selected));
    }

    #[test]
    fn ordinary_claims_toggle_at_once_and_unstated_ones_not_at_all() {
        let stated = set(&[ClaimId::Name, ClaimId::DegreeLevel, ClaimId::Gpa]);
        let selected = set(&[ClaimId::Name]);
        assert_eq!(
            toggle(stated, selected, ClaimId::DegreeLevel, true),
            Toggle::Changed(set(&[ClaimId::Name, ClaimId::DegreeLevel]))
        );
        assert_eq!(toggle(stated, selected, ClaimId::Name, false), Toggle::Changed(ClaimSet::EMPTY));
        assert_eq!(toggle(stated, selected, ClaimId::Honors, true), Toggle::NotAvailable);
        assert_eq!(toggle(stated, selected, ClaimId::Iin, true), Toggle::NotAvailable);
        assert_eq!(confirm_sensitive(stated, selected, ClaimId::Iin), selected);
    }

    #[test]
    fn empty_cannot_be_presented_and_no_name_is_flagged() {
        assert!(!can_present(ClaimSet::EMPTY));
        assert!(can_present(set(&[ClaimId::Honors])));
        assert!(hides_name(set(&[ClaimId::DegreeLevel])));
        assert!(!hides_name(set(&[ClaimId::NameLatin])));
        assert!(!hides_name(set(&[ClaimId::Name])));
    }
}
