//! The rules the two apps share, from the core (docs/BINDINGS.md, "The rules the apps get from
//! the core"): what a code field accepts, which claims are preselected and which need a
//! confirmation, how a trust-anchor key file is read, which language a screen speaks, how a
//! countdown reads, and how a verdict looks. Each function is a one-line delegation; the rules
//! and their tests live in the core.
//!
//! The core's payload-free enums cross as uniffi remote types (`#[uniffi::remote(Enum)]`): the
//! generated code matches them exhaustively, so a variant added in the core fails this crate's
//! build until it is listed here too.

use qujat_core::auth::{CodeKind, code_entry};
use qujat_core::credential::{ClaimSet, claim_choice, reading_language};
use qujat_core::screen_limits::{self, ScreenLimits};
use qujat_core::verifier::{NextStep, Severity, VerdictView as CoreVerdictView};
use qujat_core::{countdown, key_file};

use crate::types::{ClaimId, Language, LocalizedText};

/// What the holder typed in a second-factor field.
#[uniffi::remote(Enum)]
pub enum CodeKind {
    /// Six digits: an authenticator code ([`authenticator_code`] gives it in ASCII).
    Authenticator,
    /// Sixteen recovery-code characters ([`recovery_code`] gives it grouped).
    Recovery,
    /// Could still become one of the two with more typing.
    Incomplete,
    /// Can be neither.
    Invalid,
}

/// The colour family of a result screen. Only `Ok` is green and says "accept".
#[uniffi::remote(Enum)]
pub enum Severity {
    /// Accept (green).
    Ok,
    /// Genuine, but something needs a second look (amber).
    Warning,
    /// Do not accept (red).
    Refused,
    /// This phone cannot judge (grey).
    CannotJudge,
}

/// What the employer should do next.
#[uniffi::remote(Enum)]
pub enum NextStep {
    /// Nothing.
    None,
    /// Ask the holder for a fresh QR code.
    AskForNewQr,
    /// One of the two phones has a wrong clock.
    CheckClocks,
    /// Update this phone's trust list or status lists when online.
    UpdateTrustData,
    /// Point the camera at the code again.
    ScanAgain,
    /// Repair the verifier's stored state before checking again.
    RepairState,
    /// Do not accept this diploma.
    DoNotAccept,
}

/// A verdict as a result screen shows it (the core's `Verdict::view`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VerdictView {
    /// Colour family.
    pub severity: Severity,
    /// The key of its wording: the apps show `<key>_title` and `<key>_body` from their strings.
    pub wording_key: String,
    /// What to do next.
    pub next_step: NextStep,
    /// The key of the next step's sentence in the apps' strings (none for `NextStep::None`).
    pub next_step_key: Option<String>,
    /// The time the wording mentions, Unix seconds.
    pub time: Option<i64>,
    /// True only for a valid verdict: the one state in which the screen says "accept".
    pub accept: bool,
    /// The disclosed claims may be shown.
    pub show_claims: bool,
    /// Claims are shown but the verdict is not valid: put them under a "not confirmed" banner.
    pub claims_with_caveat: bool,
    /// The verifier recorded the challenge as answered: drop it; a new scan needs a new one.
    pub answers_challenge: bool,
}

impl From<CoreVerdictView> for VerdictView {
    fn from(v: CoreVerdictView) -> Self {
        Self {
            severity: v.severity,
            wording_key: v.wording_key.to_owned(),
            next_step: v.next_step,
            next_step_key: v.next_step.key().map(str::to_owned),
            time: v.time,
            accept: v.accept,
            show_claims: v.show_claims,
            claims_with_caveat: v.claims_with_caveat,
            answers_challenge: v.answers_challenge,
        }
    }
}

/// The numbers both apps' screens follow (the core's `screen_limits`).
#[uniffi::remote(Record)]
pub struct ScreenLimits {
    /// Shortest PIN the wallet accepts (below this an unlock attempt is not sent).
    pub pin_min_len: u32,
    /// Longest PIN the wallet accepts.
    pub pin_max_len: u32,
    /// A presentation's lifetime unless the holder asks otherwise, seconds.
    pub presentation_ttl_secs: u32,
    /// The last seconds of a QR code's lifetime, in which the screen warns that it ends.
    pub ending_soon_secs: i64,
    /// After "scan again", the code just checked is ignored this long.
    pub rescan_quiet_secs: i64,
    /// New QR codes the screen makes by itself in a row before the holder must tap.
    pub max_auto_refreshes: u32,
    /// A PDF's (document presentation's) validity unless the holder asks otherwise, days.
    pub document_days_default: u32,
    /// The longest validity a PDF may have, days (the shortest is 1).
    pub document_days_max: u32,
}

/// The answer to turning one claim on or off.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ClaimToggle {
    /// The new selection, in slot order.
    Changed {
        /// The selected claims.
        selected: Vec<ClaimId>,
    },
    /// A sensitive claim: ask the holder, then call [`confirm_sensitive_claim`].
    NeedsConfirmation,
    /// Not a claim this diploma states.
    NotAvailable,
}

impl From<claim_choice::Toggle> for ClaimToggle {
    fn from(t: claim_choice::Toggle) -> Self {
        match t {
            claim_choice::Toggle::Changed(set) => Self::Changed { selected: ids(set) },
            claim_choice::Toggle::NeedsConfirmation => Self::NeedsConfirmation,
            claim_choice::Toggle::NotAvailable => Self::NotAvailable,
        }
    }
}

fn set(claims: Vec<ClaimId>) -> ClaimSet {
    claims.into_iter().fold(ClaimSet::EMPTY, |s, c| s.with(c))
}

fn ids(set: ClaimSet) -> Vec<ClaimId> {
    set.iter().collect()
}

// --- code fields -------------------------------------------------------------------------------

/// Classify what was typed in the unlock screen's second-factor field.
#[uniffi::export]
pub fn classify_code(input: String) -> CodeKind {
    code_entry::classify(&input)
}

/// An authenticator code or a verifier's challenge as six ASCII digits (separators dropped,
/// any script's digits), or null if `input` is not one (yet).
#[uniffi::export]
pub fn authenticator_code(input: String) -> Option<String> {
    code_entry::authenticator_code(&input).map(|c| c.expose_secret().to_owned())
}

/// What a 6-digit code field keeps while typing: its digits as ASCII, at most six.
#[uniffi::export]
pub fn filter_code_typing(input: String) -> String {
    code_entry::filter_code_typing(&input)
}

/// A recovery code as `XXXX-XXXX-XXXX-XXXX`, or null if `input` is not a whole one.
#[uniffi::export]
pub fn recovery_code(input: String) -> Option<String> {
    code_entry::recovery_code(&input).map(|c| c.expose_secret().to_owned())
}

/// What a recovery-code field shows while typing: canonical characters grouped in fours.
#[uniffi::export]
pub fn format_recovery_typing(input: String) -> String {
    code_entry::format_recovery_typing(&input)
}

// --- claim choice ------------------------------------------------------------------------------

/// True for the claims hidden unless the holder asks and confirms: IIN, birth date, GPA.
#[uniffi::export]
pub fn is_sensitive_claim(claim: ClaimId) -> bool {
    claim.is_sensitive()
}

/// The claims preselected for a diploma stating `stated`, for a reader of `lang`: the core's
/// default set for that language, never a sensitive claim.
#[uniffi::export]
pub fn preselected_claims(stated: Vec<ClaimId>, lang: Language) -> Vec<ClaimId> {
    ids(claim_choice::preselected(set(stated), lang))
}

/// Turn `claim` on or off in `selected`; a sensitive claim asks for a confirmation first.
#[uniffi::export]
pub fn toggle_claim(stated: Vec<ClaimId>, selected: Vec<ClaimId>, claim: ClaimId, on: bool) -> ClaimToggle {
    claim_choice::toggle(set(stated), set(selected), claim, on).into()
}

/// Add a sensitive claim after the holder confirmed.
#[uniffi::export]
pub fn confirm_sensitive_claim(stated: Vec<ClaimId>, selected: Vec<ClaimId>, claim: ClaimId) -> Vec<ClaimId> {
    ids(claim_choice::confirm_sensitive(set(stated), set(selected), claim))
}

/// True if the selection shows at least one claim.
#[uniffi::export]
pub fn can_present(selected: Vec<ClaimId>) -> bool {
    claim_choice::can_present(set(selected))
}

/// True if the selection shows neither name (the verifier cannot tell whose diploma it is).
#[uniffi::export]
pub fn hides_name(selected: Vec<ClaimId>) -> bool {
    claim_choice::hides_name(set(selected))
}

/// True if the selection shows a sensitive claim.
#[uniffi::export]
pub fn includes_sensitive(selected: Vec<ClaimId>) -> bool {
    claim_choice::includes_sensitive(set(selected))
}

// --- keys ----------------------------------------------------------------------------------------

/// The 32 bytes of the Ed25519 public key in a `qujat` public-key file, bare hex or raw bytes
/// (the trust anchor the app ships); null if it is none of these or not a valid key.
#[uniffi::export]
pub fn parse_public_key_file(bytes: Vec<u8>) -> Option<Vec<u8>> {
    key_file::parse_public_key_file(&bytes).map(|k| k.to_bytes().to_vec())
}

/// Lower-case hex in groups of four (`1a2b 3c4d …`), to read a key aloud or compare it.
#[uniffi::export]
pub fn grouped_hex(bytes: Vec<u8>) -> String {
    key_file::grouped_hex(&bytes)
}

// --- language and time ---------------------------------------------------------------------------

/// The app's language: the holder's choice, else the first of the device's preferred BCP 47
/// tags that is Kazakh, Russian or English, else English.
#[uniffi::export]
pub fn choose_language(user_choice: Option<Language>, device_preferred: Vec<String>) -> Language {
    reading_language::choose_language(user_choice, &device_preferred)
}

/// The text to show a reader of `lang`: theirs, else the next in that reader's fallback order.
#[uniffi::export]
pub fn pick_text(text: LocalizedText, lang: Language) -> Option<String> {
    reading_language::pick(&text, lang).map(str::to_owned)
}

/// Whole seconds from `now` until `until`, never negative.
#[uniffi::export]
pub fn seconds_left(until: i64, now: i64) -> i64 {
    countdown::seconds_left(until, now)
}

/// `m:ss` below an hour, `h:mm:ss` from an hour on.
#[uniffi::export]
pub fn format_countdown(seconds: i64) -> String {
    countdown::format_countdown(seconds)
}

/// The share of `total` still left, 0–1, for a progress ring.
#[uniffi::export]
pub fn fraction_left(seconds_left: i64, total: i64) -> f64 {
    countdown::fraction_left(seconds_left, total)
}

/// The numbers both apps' screens follow: PIN bounds, presentation lifetime, QR "ending soon",
/// the verifier's quiet time after "scan again".
#[uniffi::export]
pub fn screen_limits() -> ScreenLimits {
    screen_limits::screen_limits()
}

/// True if a scanned text is worth sending to the verifier (it starts with `QJ1:`).
#[uniffi::export]
pub fn looks_like_presentation(text: String) -> bool {
    screen_limits::looks_like_presentation(&text)
}
