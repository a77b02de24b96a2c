//! A sealed vault record (issue #6): what the vault reads back from its own file.
//!
//! Random bytes never pass the AEAD tag, so besides raw sealed bytes this target seals
//! fuzz-chosen plaintext under a fixed test key for the right place and runs the vault's reader
//! for that place (`qujat_core::vault::fuzzing`). The first byte picks the record:
//!
//! | byte % 8 | the rest |
//! |---|---|
//! | 0 | raw bytes where a sealed value belongs: open nowhere, typed errors from every reader |
//! | 1 | a summary row's plaintext `id ‖ summary`; then the wallet's summary decoder, round trip |
//! | 2 | a bundle column's plaintext; then the bundle decoder, round trip |
//! | 3 | the time (8 bytes), then a TOTP record: decode → encode → decode, code check |
//! | 4 | parts (see `split`): a stored recovery code, the code typed: spent only on a match |
//! | 5 | the key store's plaintext (KDF parameters, salt, data key under the PIN key) |
//! | 6 | a flag byte, then parts: audit entries 1, 2, … (and the head if the flag is odd) |
//! | 7 | the lockout row (in clear): failures, remaining, last seen, and the time (4 × 8 bytes) |

use crate::{bundle_round_trip, diploma_summary_round_trip, i64_at, records, split};
use qujat_core::credential::CredentialBundle;

/// Clock readings up to ~35,000 years: the clock is the platform's, not the file's.
const MAX_TIME: i64 = 1 << 40;

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    let Some((&kind, rest)) = data.split_first() else { return };
    let r = records();
    match kind % 8 {
        0 => r.open_raw(rest),
        1 => {
            if let Some(s) = r.summary(rest) {
                diploma_summary_round_trip(s.id, s.summary.expose_secret());
            }
        }
        2 => {
            let plain = r.bundle(rest);
            if let Ok(b) = CredentialBundle::from_bytes(plain.expose_secret()) {
                bundle_round_trip(&b);
            }
        }
        3 => r.totp_record(rest.get(8..).unwrap_or_default(), i64_at(rest, 0) % MAX_TIME),
        4 => {
            let parts = split(rest);
            let typed = String::from_utf8_lossy(parts.get(1).copied().unwrap_or_default());
            r.recovery_code(parts.first().copied().unwrap_or_default(), &typed);
        }
        5 => r.key_bundle(rest),
        6 => {
            let Some((&flag, rest)) = rest.split_first() else { return };
            let mut parts = split(rest);
            let head = if flag % 2 == 1 { parts.pop() } else { None };
            r.audit_log(&parts, head);
        }
        _ => r.lockout_row(i64_at(rest, 0), i64_at(rest, 1), i64_at(rest, 2), i64_at(rest, 3) % MAX_TIME),
    }
}
