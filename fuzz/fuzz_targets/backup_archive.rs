//! The archive inside a backup file (`docs/BACKUP.md` §2), as a restore reads it once the age
//! layer has opened the file. (The age format itself is the `age` crate's, fuzzed upstream;
//! decrypting here would let the fuzzer pick a scrypt work factor of up to 2^20 per input.)
//!
//! Whatever decodes re-encodes to exactly the same bytes (the archive is deterministic CBOR).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| qujat_fuzz::targets::backup_archive::run(data));
