//! A damaged vault file: a small valid vault (built once: two diplomas, an audit log) with
//! fuzz-chosen bytes overwritten or cut off, then open → status → unlock → list → get → audit
//! log → holder key, as the app does. Every failure must be a typed error, never a panic; and
//! whatever still opens must be exactly what was stored (a damaged file never yields forged or
//! mixed-up data). An unchanged file must give everything back.
//!
//! Input: a flag byte (odd: unlock with a recovery code instead of the TOTP code), then patches,
//! each `offset (u16, big-endian, modulo the file length) ‖ length (u8) ‖ bytes`; a length of
//! 0 cuts the file at the offset. Each run starts from fresh files (vault and key store): a
//! damaged lockout row may wipe the vault, which deletes the key store's key.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::vault_file::run(data));
