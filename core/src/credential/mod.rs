//! The diploma credential: claims model, selective-disclosure tree, COSE encoding.

pub mod claims;
pub mod date;
pub mod diploma;

pub use claims::{ClaimId, ClaimSet, ClaimValue, DisclosedClaims};
pub use date::Date;
pub use diploma::{DegreeLevel, Diploma, Gpa, Iin, Lang, Localized, PersonName, StudyForm};
