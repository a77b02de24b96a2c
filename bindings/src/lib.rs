//! Qujat's bindings for the Android and iOS apps (uniffi proc-macros; Kotlin package
//! `kz.qujat.core`, Swift module `QujatCore`).
//!
//! This crate is a thin typed skin over `qujat-core`, not an API of its own: every exported
//! method converts its arguments, calls the core once and converts the answer. No rule lives
//! here. What crosses:
//!
//! * objects: [`Wallet`] (the holder), [`Enrolment`], [`AuthenticatorChange`] and
//!   [`RecoveryCodes`] (secrets shown once), [`QrSymbol`] (a QR code of text that may be
//!   secret: the `otpauth://` URI) and [`Verifier`] (the employer);
//! * functions: [`check_pin`] (the PIN policy's verdict before setup), claim labels, defaults;
//! * the foreign trait the app implements: [`PlatformKeyStore`] (Android Keystore, iOS Keychain);
//! * records and enums: the core's own where they fit (uniffi remote types: [`DiplomaSummary`],
//!   [`WalletStatus`], [`ClaimId`], [`DegreeLevel`], [`AuditKind`], [`WeakPinReason`] …, so the
//!   compiler checks the mapping), and shapes made for the screens (claims with labels in
//!   kk/ru/en, presentations with their QR code, verification reports);
//! * one error enum per object ([`WalletError`], [`VerifierError`], [`QrError`]), each mapped
//!   from the core's errors in one exhaustive `From` impl.
//!
//! With the `testing` feature (tests only, never a shipped library) also: `KdfCost.InsecureForTests`,
//! `Wallet.openWithClock`, `Verifier.withClock` / `openWithClock`, the `Clock` foreign trait,
//! and the tools `IssuerTool` and `TrustAnchorTool` with their `IssuerError`.
//!
//! No record carries a secret: the authenticator URI and recovery codes live in objects
//! ([`Enrolment`], [`AuthenticatorChange`], [`RecoveryCodes`]) that the app shows once and
//! closes. Nothing here panics on any input (no `unwrap`/`expect`); were a panic to happen,
//! uniffi would turn it into an internal error on the other side rather than let it cross.
#![deny(clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod error;
mod pin_policy;
mod platform;
mod qr_symbol;
mod rules;
#[cfg(test)]
mod shipped_api;
#[cfg(feature = "testing")]
mod tools;
mod types;
mod verifier;
mod wallet;

#[cfg(feature = "testing")]
pub use error::IssuerError;
pub use error::{QrError, StorageErrorKind, VerifierError, WalletError, WeakPinReason};
pub use pin_policy::check_pin;
#[cfg(feature = "testing")]
pub use platform::Clock;
pub use platform::{KeyStoreError, PlatformKeyStore};
pub use qr_symbol::QrSymbol;
pub use rules::{
    ClaimToggle, VerdictView, authenticator_code, can_present, choose_language, classify_code, confirm_sensitive_claim,
    filter_code_typing, format_countdown, format_recovery_typing, fraction_left, grouped_hex, hides_name,
    includes_sensitive, is_sensitive_claim, looks_like_presentation, parse_public_key_file, pick_text,
    preselected_claims, recovery_code, screen_limits, seconds_left, toggle_claim,
};
#[cfg(feature = "testing")]
pub use tools::{IssuerTool, TrustAnchorTool, TrustedIssuer, TrustedKey};
pub use types::{
    CalendarDate, Claim, ClaimId, ClaimValue, DateParts, DegreeLevel, Language, LocalizedText, StudyForm, all_claims,
    claim_label, default_presentation_claims, degree_label, study_form_label,
};
pub use verifier::{HeldStatusList, IssuerInfo, StatusFreshness, TrustListInfo, Verdict, VerificationReport, Verifier};
#[cfg(feature = "pdf")]
pub use wallet::DocumentPdfRequest;
pub use wallet::{
    AtMaxFailures, AuditEntry, AuditKind, AuditLog, AuthenticatorChange, DiplomaDetail, DiplomaId, DiplomaList,
    DiplomaSummary, Enrolment, KdfCost, Presentation, PresentationRequest, QrCode, RecoveryCodes, Wallet,
    WalletOptions, WalletState, WalletStatus, default_wallet_options,
};

uniffi::setup_scaffolding!("qujat");
