//! The verification record: what a verifier saw, as JSON an HR system can store, check
//! against `docs/schemas/verification-record.schema.json` and re-verify later
//! (`docs/RECORD.md`).
//!
//! Built from a [`VerificationReport`] and the text that was verified, in one place: the CLI
//! (`qujat verify --record`) and the apps (through the bindings) write the same JSON. The
//! record holds the presentation string itself, so anyone with the trust anchor can run the
//! verification again as of the recorded time (`qujat verify --at`).
//!
//! It carries personal data (the disclosed claims): its `Debug` shows the verdict only.

use serde::Serialize;

use crate::credential::labels::{claim_label, value_text};
use crate::credential::{ClaimId, ClaimValue, Date, Lang, Localized};
use crate::keys::hex_encode;
use crate::platform::UnixTime;
use crate::presentation::wire::MAX_TEXT_CHARS;
use crate::verifier::{PresentationKind, Verdict, VerificationReport};

/// The record format's version: a reader refuses a higher major version it does not know.
/// New optional keys do not change it; a key removed or changed in meaning does.
pub const RECORD_VERSION: u32 = 1;

/// What a verifier saw, ready to serialize (see the module docs). Top-level keys, in order:
/// `record_version`, `verdict`, `reason`, `kind`, `audience`, `verified_at`, `presentation`,
/// `presentation_truncated`, `presentation_sha256`, `issuer`, `claims`, `times`.
#[derive(Clone, PartialEq, Serialize)]
pub struct VerificationRecord {
    /// [`RECORD_VERSION`].
    pub record_version: u32,
    /// The verdict's stable code (`VALID`, `REVOKED`, …).
    pub verdict: &'static str,
    /// Why, in stable codes.
    pub reason: RecordReason,
    /// `live` (a QR code shown on a phone), `document` (a printed or e-mailed copy), or
    /// `unknown` (the text was not readable as either: `MALFORMED`).
    pub kind: &'static str,
    /// For a document presentation: the audience it was made for, as signed (authenticated only
    /// when the verdict says the signatures held); `null` otherwise.
    pub audience: Option<String>,
    /// When the verification ran, RFC 3339 UTC.
    pub verified_at: String,
    /// The verified text itself (`QJ1:…`), exactly as given to the verifier; cut to its first
    /// [`MAX_TEXT_CHARS`] bytes only when longer (then it was `MALFORMED`, `TOO_LONG`), so a
    /// record stays bounded.
    pub presentation: String,
    /// True when `presentation` was cut (never for a readable presentation).
    pub presentation_truncated: bool,
    /// SHA-256 of the whole verified text's UTF-8 bytes, lowercase hex (as in the verifier's
    /// history, so a record and its history row match).
    pub presentation_sha256: String,
    /// The issuer, when the trust list knew it.
    pub issuer: Option<RecordIssuer>,
    /// Disclosed claims (empty unless the signatures and disclosures held), in slot order.
    pub claims: Vec<RecordClaim>,
    /// The times and list versions the verdict rests on.
    pub times: RecordTimes,
}

impl std::fmt::Debug for VerificationRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerificationRecord").field("verdict", &self.verdict).finish_non_exhaustive()
    }
}

/// The reason behind a verdict, as stable codes (no free text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordReason {
    /// The failed rule: for `MALFORMED` the decoding rule's code (`BASE45`, `ZLIB`, … as in
    /// `docs/FORMAT.md` §15), otherwise the verdict code.
    pub code: &'static str,
    /// The key of the verdict's wording in the apps' string tables (`verdict_revoked`, …).
    pub wording_key: &'static str,
    /// The key of what to do next (`next_ask_new_qr`, …), if anything.
    pub next_step: Option<&'static str>,
    /// The time the wording mentions (expired at, created at, valid until), RFC 3339.
    pub at: Option<String>,
    /// For `UNKNOWN_ISSUER`: the issuer id the credential claims (untrusted).
    pub claimed_issuer: Option<String>,
}

/// The issuer as the trust list names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordIssuer {
    /// Issuer id.
    pub id: String,
    /// Names in kk/ru/en (`null` where the trust list gives none).
    pub name: RecordText,
}

/// A text in Kazakh, Russian and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordText {
    /// Kazakh.
    pub kk: Option<String>,
    /// Russian.
    pub ru: Option<String>,
    /// English.
    pub en: Option<String>,
}

impl RecordText {
    fn of(l: &Localized) -> Self {
        Self { kk: l.kk.clone(), ru: l.ru.clone(), en: l.en.clone() }
    }
    fn by_lang(f: impl Fn(Lang) -> String) -> Self {
        Self { kk: Some(f(Lang::Kk)), ru: Some(f(Lang::Ru)), en: Some(f(Lang::En)) }
    }
}

/// One disclosed claim.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct RecordClaim {
    /// The claim's stable key (`name`, `degree`, `iin`, …).
    pub key: &'static str,
    /// Its label in kk/ru/en.
    pub label: RecordText,
    /// The typed value; `null` when the diploma does not state it (disclosed as absent).
    pub value: Option<RecordValue>,
    /// The value as the screen shows it, in kk/ru/en; `null` when not stated.
    pub text: Option<RecordText>,
}

/// A claim's value, typed by claim (see `docs/RECORD.md`).
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RecordValue {
    /// `name`, `name_latin`: `{"family", "given"}`.
    Name {
        /// Family name.
        family: String,
        /// Given names.
        given: String,
    },
    /// `number`: `{"series", "number"}`.
    Number {
        /// Series.
        series: String,
        /// Number.
        number: String,
    },
    /// `program_kk/ru/en`: `{"program", "qualification"}`.
    Program {
        /// Programme name.
        program: String,
        /// Qualification.
        qualification: String,
    },
    /// `honors`: a boolean.
    Flag(bool),
    /// Text, a date (`YYYY-MM-DD`), a degree level or form of study (its name), a GPA
    /// (`"3.67"`, a decimal string so that no float rounding creeps in).
    Text(String),
}

impl RecordValue {
    fn of(v: &ClaimValue) -> Self {
        match v {
            ClaimValue::Name(n) => Self::Name { family: n.family.clone(), given: n.given.clone() },
            ClaimValue::DegreeLevel(l) => Self::Text(l.name().to_owned()),
            ClaimValue::Text(t) => Self::Text(t.clone()),
            ClaimValue::Flag(b) => Self::Flag(*b),
            ClaimValue::Date(d) => Self::Text(d.to_string()),
            ClaimValue::DiplomaNumber { series, number } => {
                Self::Number { series: series.clone(), number: number.clone() }
            }
            ClaimValue::StudyForm(f) => Self::Text(f.name().to_owned()),
            ClaimValue::ProgramText { program, qualification } => {
                Self::Program { program: program.clone(), qualification: qualification.clone() }
            }
            ClaimValue::Gpa(g) => Self::Text(g.to_string()),
        }
    }
}

/// Times (RFC 3339 UTC) and list versions; `null` where the verifier did not get that far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordTimes {
    /// When the holder made the presentation.
    pub created_at: Option<String>,
    /// When it stops being valid.
    pub expires_at: Option<String>,
    /// When the verification ran (as the top-level `verified_at`).
    pub verified_at: String,
    /// `issued_at` of the issuer's status list used.
    pub status_list_issued_at: Option<String>,
    /// Until when that status list was current.
    pub status_list_valid_until: Option<String>,
    /// Sequence of the trust list used.
    pub trust_list_sequence: Option<u64>,
    /// The challenge the presentation answers (6 digits).
    pub challenge: Option<String>,
}

impl VerificationRecord {
    /// The record of `report`, the verification of `presentation` (the exact text verified).
    pub fn new(report: &VerificationReport, presentation: &str) -> Self {
        let r = report;
        let view = r.verdict.view();
        let mut claims: Vec<RecordClaim> = r
            .claims
            .values
            .iter()
            .map(|(c, v)| RecordClaim {
                key: c.key(),
                label: label(*c),
                value: Some(RecordValue::of(v)),
                text: Some(RecordText::by_lang(|l| value_text(v, l))),
            })
            .chain(r.claims.not_stated.iter().map(|c| RecordClaim {
                key: c.key(),
                label: label(*c),
                value: None,
                text: None,
            }))
            .collect();
        claims.sort_by_key(|c| ClaimId::ALL.iter().position(|id| id.key() == c.key));
        let verified_at = rfc3339(r.verified_at);
        Self {
            record_version: RECORD_VERSION,
            verdict: r.verdict.code(),
            reason: RecordReason {
                code: match &r.verdict {
                    Verdict::Malformed(m) => m.code(),
                    v => v.code(),
                },
                wording_key: view.wording_key,
                next_step: view.next_step.key(),
                at: view.time.map(rfc3339),
                claimed_issuer: match &r.verdict {
                    Verdict::UnknownIssuer { claimed_id } => Some(claimed_id.clone()),
                    _ => None,
                },
            },
            kind: r.kind.as_ref().map_or("unknown", PresentationKind::code),
            audience: r.kind.as_ref().and_then(PresentationKind::audience).map(str::to_owned),
            verified_at: verified_at.clone(),
            presentation: cut(presentation, MAX_TEXT_CHARS).to_owned(),
            presentation_truncated: presentation.len() > MAX_TEXT_CHARS,
            presentation_sha256: hex_encode(&super::presentation_sha256(presentation)),
            issuer: r.issuer.as_ref().map(|i| RecordIssuer { id: i.id.clone(), name: RecordText::of(&i.name) }),
            claims,
            times: RecordTimes {
                created_at: r.created_at.map(rfc3339),
                expires_at: r.expires_at.map(rfc3339),
                verified_at,
                status_list_issued_at: r.status.as_ref().map(|s| rfc3339(s.list_issued_at)),
                status_list_valid_until: r.status.as_ref().map(|s| rfc3339(s.valid_until)),
                trust_list_sequence: r.trust_list_sequence,
                challenge: r.challenge.map(|c| c.to_string()),
            },
        }
    }

    /// Pretty JSON (UTF-8, keys in the documented order).
    pub fn to_json(&self) -> String {
        #[allow(clippy::expect_used)]
        serde_json::to_string_pretty(self).expect("strings, integers, booleans and options always serialize")
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn label(c: ClaimId) -> RecordText {
    RecordText::by_lang(|l| claim_label(c, l).to_owned())
}

/// A Unix time as RFC 3339 UTC, `YYYY-MM-DDTHH:MM:SSZ`. The dates the core knows are years
/// 1900–2200 (the verifier's times are in that window); outside it the date is `0000-01-01`.
pub fn rfc3339(t: UnixTime) -> String {
    let date = Date::from_unix(t).map_or_else(|| "0000-01-01".to_owned(), |d| d.to_string());
    let s = t.rem_euclid(86_400);
    format!("{date}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// Parse a time for `--at`: Unix seconds (`1767225600`), or RFC 3339
/// (`2026-01-01T00:00:00Z`, `…+05:00`, fractional seconds dropped). `None` if neither.
pub fn parse_time(s: &str) -> Option<UnixTime> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = Date::parse_iso(s.get(..10)?)?;
    let (h, m, sec) = (two_of(s, 11)?, two_of(s, 14)?, two_of(s, 17)?);
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let mut rest = s.get(19..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = frac.get(digits..)?;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            let (oh, om) = (two_of(rest, 1)?, two_of(rest, 4)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(date.to_days() * 86_400 + h * 3600 + m * 60 + sec.min(59) - offset)
}

/// The two ASCII digits at `s[i..i + 2]` as a number.
fn two_of(s: &str, i: usize) -> Option<i64> {
    let p = s.get(i..i + 2)?;
    if p.bytes().all(|c| c.is_ascii_digit()) { p.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    #[test]
    fn rfc3339_round_trips_and_offsets_are_applied() {
        for t in [0i64, 1_767_225_600, 1_767_225_600 + 3 * 3600 + 4 * 60 + 5, 4_102_444_799] {
            assert_eq!(parse_time(&rfc3339(t)), Some(t), "{}", rfc3339(t));
            assert_eq!(parse_time(&t.to_string()), Some(t));
        }
        assert_eq!(rfc3339(1_767_225_600), "2026-01-01T00:00:00Z");
        assert_eq!(parse_time("2026-01-01T05:00:00+05:00"), Some(1_767_225_600));
        assert_eq!(parse_time("2025-12-31T23:30:00.123-00:30"), Some(1_767_225_600));
        for bad in ["", "2026-01-01", "2026-01-01T24:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T00:00:00", "x", "-5"]
        {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_bare_record_has_the_keys_and_no_claims_and_debug_hides_the_text() {
        let report = VerificationReport::bare(Verdict::NoTrustList, 1_767_225_600);
        let rec = VerificationRecord::new(&report, "QJ1:ABC");
        let v: serde_json::Value = serde_json::from_str(&rec.to_json()).unwrap();
        assert_eq!(v["verdict"], "NO_TRUST_LIST");
        assert_eq!(v["reason"]["code"], "NO_TRUST_LIST");
        assert_eq!(v["kind"], "unknown", "a report that read no presentation knows no kind");
        assert_eq!(v["verified_at"], "2026-01-01T00:00:00Z");
        assert_eq!(v["presentation"], "QJ1:ABC");
        // printf 'QJ1:ABC' | sha256sum
        assert_eq!(v["presentation_sha256"], "c21c591ec7b1d27768805cf208a58fde07b80c7e3df54b9feef83817ebf9ea81");
        assert!(v["issuer"].is_null());
        assert_eq!(v["claims"], serde_json::json!([]));
        assert_eq!(v["presentation_truncated"], false);
        assert!(!format!("{rec:?}").contains("QJ1"));
    }

    #[test]
    fn an_over_long_text_is_cut_in_the_record_and_hashed_whole() {
        let long = format!("QJ1:{}", "Ж".repeat(MAX_TEXT_CHARS));
        let report = VerificationReport::bare(Verdict::NoTrustList, 0);
        let rec = VerificationRecord::new(&report, &long);
        assert!(rec.presentation_truncated);
        assert!(rec.presentation.len() <= MAX_TEXT_CHARS && rec.presentation.len() > MAX_TEXT_CHARS - 2);
        assert!(long.starts_with(&rec.presentation));
        assert_eq!(rec.presentation_sha256, hex_encode(&Sha256::digest(long.as_bytes())));
        let exact = "A".repeat(MAX_TEXT_CHARS);
        let rec = VerificationRecord::new(&report, &exact);
        assert_eq!((rec.presentation.as_str(), rec.presentation_truncated), (exact.as_str(), false));
    }
}
