//! The diploma credential: claims model, selective-disclosure tree, COSE encoding.

pub mod claims;
pub mod cose;
pub mod date;
pub mod diploma;
pub mod signed;
pub mod tree;

pub use claims::{ClaimId, ClaimSet, ClaimValue, DisclosedClaims};
pub use date::Date;
pub use diploma::{DegreeLevel, Diploma, Gpa, Iin, Lang, Localized, PersonName, StudyForm};
pub use signed::{BundleError, Credential, CredentialBundle, CredentialError, CredentialPayload};
