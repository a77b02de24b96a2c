//! The diploma credential: claims model, issuer input, selective-disclosure tree, and the
//! signed credential and bundle (their COSE envelope is [`crate::cose`]).

pub mod claim_choice;
pub mod claims;
pub mod date;
pub mod diploma;
pub mod input;
pub mod labels;
pub mod reading_language;
pub mod signed;
pub mod tree;

pub use claims::{ClaimId, ClaimSet, ClaimValue, DisclosedClaims};
pub use date::Date;
pub use diploma::{DegreeLevel, Diploma, Gpa, Iin, Lang, Localized, PersonName, StudyForm};
pub use input::{InputError, InputErrorKind, JsonType, MAX_INPUT_BYTES, parse_issuer_input, to_issuer_input_json};
pub use labels::{Word, claim_label, degree_label, study_form_label, word};
pub use signed::{BundleError, Credential, CredentialBundle, CredentialError, CredentialPayload};
