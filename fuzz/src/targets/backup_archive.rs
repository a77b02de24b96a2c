//! The archive inside a backup file (`docs/BACKUP.md` §2), as a restore reads it once the age
//! layer has opened the file. (The age format itself is the `age` crate's, fuzzed upstream;
//! decrypting here would let the fuzzer pick a scrypt work factor of up to 2^20 per input.)
//!
//! Whatever decodes re-encodes to exactly the same bytes (the archive is deterministic CBOR).

use qujat_core::backup::Archive;

/// One input: what the fuzz target runs on every input libFuzzer makes.
pub fn run(data: &[u8]) {
    if let Ok(a) = Archive::from_cbor(data) {
        let again = a.to_cbor();
        assert_eq!(again.expose_secret(), data, "archive round trip changed the encoding");
    }
}
