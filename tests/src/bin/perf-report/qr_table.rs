//! QR versions of real presentations of the four fixtures, computed by the encoder itself.

use std::error::Error;

use qujat_core::credential::{ClaimSet, Lang};
use qujat_core::presentation::Challenge;
use qujat_core::qr::{self, Ecc};
use qujat_tests::{FIXTURES, World};

/// The error-correction levels in the table.
pub const LEVELS: [Ecc; 3] = [Ecc::L, Ecc::M, Ecc::Q];

/// The claim sets in the table: name and set, and whether the presentation answers a challenge.
pub fn claim_sets() -> [(&'static str, ClaimSet, bool); 5] {
    [
        ("minimal", ClaimSet::minimal(), false),
        ("default", ClaimSet::default_presentation(), false),
        ("default + challenge", ClaimSet::default_presentation(), true),
        ("default-ru", ClaimSet::default_for(Lang::Ru), false),
        ("all", ClaimSet::all(), false),
    ]
}

/// One presentation's size.
#[derive(Debug, Clone)]
pub struct QrRow {
    /// Fixture name.
    pub fixture: &'static str,
    /// Claim-set name.
    pub set: &'static str,
    /// Characters of the `QJ1:` string.
    pub chars: usize,
    /// QR version at each of [`LEVELS`].
    pub versions: [u8; 3],
}

/// Every fixture × claim set.
pub fn compute() -> Result<Vec<QrRow>, Box<dyn Error>> {
    let mut world = World::new("perf-report");
    let challenge = Challenge::new(424_242);
    let mut rows = vec![];
    for (fixture, _) in FIXTURES {
        let bundle = world.issue(fixture);
        for (set, claims, with_challenge) in claim_sets() {
            let text = world.present(&bundle, claims, challenge.filter(|_| with_challenge)).text;
            let mut versions = [0u8; 3];
            for (v, ecc) in versions.iter_mut().zip(LEVELS) {
                *v = qr::version_for(&text, ecc).map_err(|e| format!("{fixture} {set} {ecc:?}: {e}"))?;
            }
            rows.push(QrRow { fixture, set, chars: text.len(), versions });
        }
    }
    Ok(rows)
}
