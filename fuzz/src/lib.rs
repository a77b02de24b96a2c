//! Shared set-up and round-trip checks for the fuzz targets.
//!
//! Every target decodes untrusted bytes with the same code the apps run, and where an encoder
//! exists checks that a decoded value survives encode → decode unchanged. The payload encodings
//! are deterministic, so "unchanged" is checked on bytes: the re-encoding of the decoded value
//! equals the re-encoding of that re-encoding decoded again.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::OnceLock;

use qujat_core::credential::{Credential, CredentialBundle, CredentialPayload, Date};
use qujat_core::keys::PublicKey;
use qujat_core::presentation::PresentationPayload;
use qujat_core::status::StatusListPayload;
use qujat_core::trust::TrustListPayload;
use qujat_core::vault::CredentialId;
use qujat_core::vault::fuzzing::Records;
use qujat_core::verifier::Verifier;
use qujat_core::wallet::DiplomaSummary;
use qujat_tests::{FIXTURES, NOW, World};

pub mod targets;

/// The largest single allocation a target may make: what `-malloc_limit_mb=256` checks under
/// AddressSanitizer. libFuzzer needs a sanitizer's malloc hooks for that flag, so this allocator
/// checks the same for the builds without one (`SANITIZER=none` in `scripts/fuzz.sh`). SQLite's
/// own allocations go to `malloc` directly and are bounded by `-rss_limit_mb` there.
pub const MAX_ALLOCATION: usize = 256 << 20;

/// The system allocator, aborting (a crash libFuzzer reports with its input) on any single
/// allocation larger than [`MAX_ALLOCATION`]: an unbounded allocation driven by the input.
pub struct BoundedAllocator;

impl BoundedAllocator {
    fn check(size: usize) {
        if size > MAX_ALLOCATION {
            // No formatting: it could allocate.
            let _ = std::io::stderr().write_all(b"==qujat-fuzz== single allocation above 256 MiB\n");
            std::process::abort();
        }
    }
}

// SAFETY: every method checks the size, then delegates unchanged to `System`, whose contract the
// callers' obligations are.
unsafe impl GlobalAlloc for BoundedAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::check(layout.size());
        // SAFETY: the caller's obligations for `alloc` are `System.alloc`'s.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::check(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::check(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: BoundedAllocator = BoundedAllocator;

/// The world every target (and the seed generator) uses: same seed, same keys.
pub const WORLD_SEED: &str = "fuzz";

/// A verifier with a real trust list and every issuer's status list installed, built once.
pub struct Fixture {
    /// Verifier on a clock stopped at [`NOW`], so seeded presentations stay valid.
    pub verifier: Verifier,
    /// The trust anchor's key.
    pub anchor: PublicKey,
    /// The installed trust list's content.
    pub trust: TrustListPayload,
    /// The issuer's "today" for issuer input.
    pub today: Date,
}

/// The world with one credential issued per fixture diploma (so status lists have entries),
/// and those credentials, in [`FIXTURES`] order.
pub fn world() -> (World, Vec<CredentialBundle>) {
    let mut w = World::new(WORLD_SEED);
    let bundles = FIXTURES.iter().map(|(name, _)| w.issue(name)).collect();
    (w, bundles)
}

/// The shared fixture, built on first use (`OnceLock`: once per fuzzing process).
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let (w, _) = world();
        let verifier = w.verifier();
        let trust = World::trust_payload(&w.issuers, 1, NOW + 30 * qujat_tests::DAY);
        Fixture { verifier, anchor: w.anchor.public(), trust, today: Date::from_unix(NOW).unwrap() }
    })
}

/// decode(encode(p)) re-encodes to the same bytes.
pub fn presentation_payload_round_trip(p: &PresentationPayload) {
    let bytes = p.to_cbor();
    let back =
        PresentationPayload::from_cbor(&bytes).expect("a decoded presentation payload re-encodes to a decodable one");
    assert_eq!(back.to_cbor(), bytes, "presentation payload round trip changed the encoding");
}

/// decode(encode(p)) == p, and the encoding is stable.
pub fn credential_payload_round_trip(p: &CredentialPayload) {
    let bytes = p.to_cbor();
    let back =
        CredentialPayload::from_cbor(&bytes).expect("a decoded credential payload re-encodes to a decodable one");
    assert_eq!(&back, p, "credential payload round trip changed the value");
    assert_eq!(back.to_cbor(), bytes);
}

/// A parsed credential's bytes parse again to the same payload.
pub fn credential_round_trip(c: &Credential) {
    let again = Credential::parse(c.as_bytes()).expect("a parsed credential's bytes parse again");
    assert_eq!(again.payload(), c.payload());
    credential_payload_round_trip(c.payload());
}

/// from_bytes(to_bytes(b)) serializes to the same bytes and gives the same claims.
pub fn bundle_round_trip(b: &CredentialBundle) {
    let bytes = b.to_bytes();
    let back = CredentialBundle::from_bytes(&bytes).expect("a decoded bundle re-encodes to a decodable one");
    assert_eq!(back.to_bytes(), bytes, "bundle round trip changed the encoding");
    assert_eq!(back.claims(), b.claims());
    credential_round_trip(b.credential());
}

/// decode(encode(p)) == p, and the encoding is stable.
pub fn trust_payload_round_trip(p: &TrustListPayload) {
    let bytes = p.to_cbor();
    let back = TrustListPayload::from_cbor(&bytes).expect("a decoded trust list re-encodes to a decodable one");
    assert_eq!(&back, p, "trust list round trip changed the value");
    assert_eq!(back.to_cbor(), bytes);
}

/// decode(encode(p)) == p, and the encoding is stable.
pub fn status_payload_round_trip(p: &StatusListPayload) {
    let bytes = p.to_cbor();
    let back = StatusListPayload::from_cbor(&bytes).expect("a decoded status list re-encodes to a decodable one");
    assert_eq!(&back, p, "status list round trip changed the value");
    assert_eq!(back.to_cbor(), bytes);
}

/// The fixture of the vault record target, built once per process.
pub fn records() -> &'static Records {
    static RECORDS: OnceLock<Records> = OnceLock::new();
    RECORDS.get_or_init(Records::new)
}

/// Split fuzz input into parts, each a big-endian `u16` length then that many bytes (the last
/// part takes what is left when the input ends early). [`join`] is the inverse.
pub fn split(mut data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    while data.len() >= 2 {
        let len = usize::from(u16::from_be_bytes([data[0], data[1]]));
        let end = (2 + len).min(data.len());
        parts.push(&data[2..end]);
        data = &data[end..];
    }
    parts
}

/// The input [`split`] splits into `parts`.
pub fn join(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        let len = u16::try_from(p.len()).expect("parts are under 64 KiB");
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(p);
    }
    out
}

/// The big-endian `i64` at `data[8 * i..]`, zero-padded when the input is short.
pub fn i64_at(data: &[u8], i: usize) -> i64 {
    let mut b = [0u8; 8];
    for (k, byte) in data.iter().skip(8 * i).take(8).enumerate() {
        b[k] = *byte;
    }
    i64::from_be_bytes(b)
}

/// A stored diploma summary that decodes re-encodes to the same bytes and value.
pub fn diploma_summary_round_trip(id: CredentialId, bytes: &[u8]) {
    if let Ok(d) = DiplomaSummary::from_cbor(id, bytes) {
        let c = d.to_cbor();
        let back = DiplomaSummary::from_cbor(id, &c).expect("an encoded diploma summary decodes");
        assert_eq!(back, d, "diploma summary round trip changed the value");
        assert_eq!(back.to_cbor(), c);
    }
}
