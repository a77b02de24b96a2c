//! Shared test world for Qujat's cross-crate tests: a trust anchor, issuers, holders, a
//! verifier on a manual clock, all from fixed seeds so every run is the same.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::sync::Arc;

pub mod capture;
pub mod negative;
pub mod perf;
pub mod reencode;

use qujat_core::credential::{ClaimSet, CredentialBundle, Diploma, Localized};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::KeyPair;
use qujat_core::platform::{ManualClock, SeededRandom, UnixTime};
use qujat_core::presentation::{self, Challenge, Presentation, PresentationRequest};
use qujat_core::status::StatusListPayload;
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};
use qujat_core::verifier::Verifier;

/// 2026-11-25T12:00:00Z.
pub const NOW: UnixTime = 1_795_608_000;
pub const DAY: i64 = 86_400;
pub const YEAR: i64 = 365 * DAY;

/// The four fixture diplomas (copied from the product brief's fixtures).
pub const FIXTURES: [(&str, &str); 4] = [
    ("enu-bachelor-honors", include_str!("../fixtures/diplomas/enu-bachelor-honors.json")),
    ("kaznu-master", include_str!("../fixtures/diplomas/kaznu-master.json")),
    ("satbayev-phd", include_str!("../fixtures/diplomas/satbayev-phd.json")),
    ("almaty-college-tvet", include_str!("../fixtures/diplomas/almaty-college-tvet.json")),
];

/// Parse a fixture by name.
pub fn fixture(name: &str) -> Diploma {
    let (_, json) = FIXTURES.iter().find(|(n, _)| *n == name).unwrap();
    let today = qujat_core::credential::Date::from_unix(NOW).unwrap();
    qujat_core::credential::input::parse_issuer_input(json.as_bytes(), today).unwrap()
}

fn names(en: &str) -> Localized {
    Localized { kk: Some(format!("{en} (kk)")), ru: Some(format!("{en} (ru)")), en: Some(en.to_owned()) }
}

/// Everything a scenario needs.
pub struct World {
    pub rng: Arc<SeededRandom>,
    pub clock: Arc<ManualClock>,
    pub anchor: KeyPair,
    pub issuers: Vec<Issuer>,
    pub register: Register,
    pub holder: KeyPair,
    pub trust_list: Vec<u8>,
}

impl World {
    /// A world with the four fixture issuers accredited, keys valid from a year ago for five years.
    pub fn new(seed: &str) -> Self {
        let rng = Arc::new(SeededRandom::new(seed.as_bytes()));
        let anchor = KeyPair::generate(rng.as_ref()).unwrap();
        let ids = ["kz.enu", "kz.kaznu", "kz.satbayev", "kz.almaty-polytech-college"];
        let issuers: Vec<Issuer> =
            ids.iter().map(|id| Issuer::new(*id, KeyPair::generate(rng.as_ref()).unwrap())).collect();
        let holder = KeyPair::generate(rng.as_ref()).unwrap();
        let payload = Self::trust_payload(&issuers, 1, NOW + 30 * DAY);
        let trust_list = TrustList::sign(&anchor, payload);
        Self {
            rng,
            clock: Arc::new(ManualClock::new(NOW)),
            anchor,
            issuers,
            register: Register::default(),
            holder,
            trust_list,
        }
    }

    pub fn trust_payload(issuers: &[Issuer], sequence: u64, expires_at: UnixTime) -> TrustListPayload {
        TrustListPayload {
            sequence,
            issued_at: NOW - DAY,
            expires_at,
            issuers: issuers
                .iter()
                .map(|i| IssuerEntry {
                    id: i.id().to_owned(),
                    name: names(i.id()),
                    keys: vec![IssuerKey { key: i.public_key(), not_before: NOW - YEAR, not_after: NOW + 4 * YEAR }],
                })
                .collect(),
        }
    }

    pub fn issuer(&self, id: &str) -> &Issuer {
        self.issuers.iter().find(|i| i.id() == id).unwrap()
    }

    /// Issue a fixture to this world's holder.
    pub fn issue(&mut self, fixture_name: &str) -> CredentialBundle {
        let d = fixture(fixture_name);
        let index = self.register.allocate().unwrap();
        let issuer = self.issuers.iter().find(|i| i.id() == d.issuer).unwrap();
        issuer.issue(&d, &self.holder.public(), index, NOW - 10 * DAY, self.rng.as_ref()).unwrap()
    }

    /// A signed status list for `issuer_id` from this world's register.
    pub fn status_list(&self, issuer_id: &str) -> Vec<u8> {
        self.issuer(issuer_id).status_list(&self.register, NOW - DAY, 7 * DAY).unwrap()
    }

    /// A verifier with the trust list and every issuer's status list installed.
    pub fn verifier(&self) -> Verifier {
        let v = Verifier::new(self.anchor.public(), self.clock.clone(), self.rng.clone());
        v.install_trust_list(&self.trust_list).unwrap();
        for i in &self.issuers {
            v.install_status_list(&self.status_list(i.id())).unwrap();
        }
        v
    }

    /// Present with the holder key at the clock's time.
    pub fn present(&self, bundle: &CredentialBundle, claims: ClaimSet, challenge: Option<Challenge>) -> Presentation {
        let req = PresentationRequest { claims, challenge, ttl_secs: presentation::DEFAULT_TTL_SECS };
        presentation::present(bundle, &self.holder, &req, qujat_core::platform::Clock::now(self.clock.as_ref()))
            .unwrap()
    }
}

/// An empty status list payload (helper for tests that build their own).
pub fn empty_status(issuer: &str, entries: u64) -> StatusListPayload {
    StatusListPayload::new(issuer.to_owned(), NOW - DAY, NOW + 7 * DAY, entries, &[]).unwrap()
}

use qujat_core::cose;
use qujat_core::presentation::{PresentationPayload, SignedPresentation, wire};

/// Decode a presentation string into its payload.
pub fn payload_of(text: &str) -> PresentationPayload {
    SignedPresentation::parse(&wire::decode(text).unwrap()).unwrap().payload().clone()
}

/// Sign a payload as `signer` and encode it as a `QJ1:` string.
pub fn sign_payload(payload: &PresentationPayload, signer: &KeyPair) -> String {
    wire::encode(&cose::sign(signer, payload.context(), payload.to_cbor()))
}

/// The same payload, re-signed by another key (a thief with a copied credential).
pub fn resign_presentation(text: &str, signer: &KeyPair) -> String {
    sign_payload(&payload_of(text), signer)
}

/// Flip a bit in cover node `node`, re-signed by `signer`.
pub fn tamper_cover(text: &str, signer: &KeyPair, node: usize) -> String {
    let mut p = payload_of(text);
    p.cover[node * 16] ^= 1;
    sign_payload(&p, signer)
}

/// Replace disclosed value number `index` with the integer `value`, re-signed by `signer`.
pub fn tamper_value(text: &str, signer: &KeyPair, index: usize, value: u64) -> String {
    let mut p = payload_of(text);
    p.values[index] = ciborium_value_int(value);
    sign_payload(&p, signer)
}

fn ciborium_value_int(v: u64) -> qujat_core::cbor::Value {
    qujat_core::cbor::Value::Integer(v.into())
}

pub mod qr_table;
pub mod vectors;
