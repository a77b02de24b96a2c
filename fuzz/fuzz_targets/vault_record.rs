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
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::vault_record::run(data));
