//! Test vectors for `docs/FORMAT.md`: every value derived from fixed seeds and a fixed time,
//! so a second implementation can reproduce them byte for byte.

use std::sync::Arc;

use qujat_core::credential::{ClaimSet, Localized};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::{KeyPair, hex_encode};
use qujat_core::platform::{ManualClock, SeededRandom};
use qujat_core::presentation::{self, Challenge, PresentationRequest, wire};
use qujat_core::secret::SecretBytes;
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};
use qujat_core::verifier::Verifier;

use crate::{DAY, NOW, YEAR};

/// A key pair from a fixed 32-byte seed (`SHA-256(label)`).
pub fn key(label: &str) -> KeyPair {
    use qujat_core::platform::random_array;
    let seed: [u8; 32] = random_array(&SeededRandom::new(label.as_bytes())).unwrap_or([0; 32]);
    KeyPair::from_seed(&SecretBytes::new(seed))
}

/// The audience of the document vector.
pub const DOCUMENT_AUDIENCE: &str = "Kaspi Bank HR";

/// The vectors, as `(name, value)` pairs in the order `docs/FORMAT.md` lists them.
pub fn generate() -> Vec<(&'static str, String)> {
    let anchor = key("qujat vector anchor");
    let issuer = Issuer::new("kz.enu", key("qujat vector issuer"));
    let holder = key("qujat vector holder");
    let rng = SeededRandom::new(b"qujat vector randomness");
    let trust = TrustList::sign(
        &anchor,
        TrustListPayload {
            sequence: 7,
            issued_at: NOW - DAY,
            expires_at: NOW + 30 * DAY,
            issuers: vec![IssuerEntry {
                id: "kz.enu".into(),
                name: Localized {
                    kk: Some("Л.Н. Гумилев атындағы Еуразия ұлттық университеті".into()),
                    ru: Some("Евразийский национальный университет имени Л.Н. Гумилева".into()),
                    en: Some("L.N. Gumilyov Eurasian National University".into()),
                },
                keys: vec![IssuerKey { key: issuer.public_key(), not_before: NOW - YEAR, not_after: NOW + 4 * YEAR }],
            }],
        },
    );
    let diploma = crate::fixture("enu-bachelor-honors");
    let bundle = issuer.issue(&diploma, &holder.public(), 41, NOW - 10 * DAY, &rng).unwrap_or_else(|e| panic!("{e}"));
    let register = Register { next_index: 64, revoked: [3u64, 17].into_iter().collect(), ..Register::default() };
    let status = issuer.status_list(&register, NOW - DAY, 7 * DAY).unwrap_or_else(|e| panic!("{e}"));
    let req = PresentationRequest { claims: ClaimSet::default_presentation(), challenge: None, ttl_secs: 120 };
    let p = presentation::present(&bundle, &holder, &req, NOW).unwrap_or_else(|e| panic!("{e}"));
    let challenge = Challenge::new(42_917).unwrap_or_else(|| panic!("challenge"));
    let req_c = PresentationRequest { claims: ClaimSet::minimal(), challenge: Some(challenge), ttl_secs: 300 };
    let pc = presentation::present(&bundle, &holder, &req_c, NOW).unwrap_or_else(|e| panic!("{e}"));
    let cose = wire::decode(&p.text).unwrap_or_default();
    let doc =
        presentation::build_document(&bundle, &holder, &presentation::DocumentRequest::new(DOCUMENT_AUDIENCE), NOW)
            .unwrap_or_else(|e| panic!("{e}"));
    vec![
        ("time", NOW.to_string()),
        ("anchor-public", anchor.public().to_hex()),
        ("issuer-public", issuer.public_key().to_hex()),
        ("holder-public", holder.public().to_hex()),
        ("trust-list", hex_encode(&trust)),
        ("status-list", hex_encode(&status)),
        ("credential", hex_encode(bundle.credential().as_bytes())),
        ("bundle", hex_encode(&bundle.to_bytes())),
        ("presentation-cose", hex_encode(&cose)),
        ("presentation", p.text),
        ("presentation-challenge-042917", pc.text),
        ("document-cose", hex_encode(&wire::decode(&doc.text).unwrap_or_default())),
        ("document", doc.text),
        // The secrets behind the vectors, so another implementation can re-sign them:
        // seed = SHA-256(SHA-256(label) ‖ 8 zero bytes), the first block of `SeededRandom`.
        ("anchor-seed", hex_encode(anchor.seed().expose_secret())),
        ("issuer-seed", hex_encode(key("qujat vector issuer").seed().expose_secret())),
        ("holder-seed", hex_encode(holder.seed().expose_secret())),
        (
            "root-seed",
            hex_encode(
                &qujat_core::platform::random_array::<16>(&SeededRandom::new(b"qujat vector randomness"))
                    .unwrap_or_default(),
            ),
        ),
    ]
}

/// A verifier at the vectors' time with the vectors' trust and status lists installed.
pub fn verifier(vectors: &[(&str, String)]) -> Verifier {
    let get = |n: &str| vectors.iter().find(|(k, _)| *k == n).map(|(_, v)| v.clone()).unwrap_or_default();
    let hex = |n: &str| qujat_core::keys::hex_decode(&get(n)).unwrap_or_default();
    let anchor = qujat_core::keys::PublicKey::from_hex(&get("anchor-public")).unwrap_or_else(|e| panic!("{e}"));
    let v = Verifier::new(anchor, Arc::new(ManualClock::new(NOW + 30)), Arc::new(SeededRandom::new(b"v")));
    v.install_trust_list(&hex("trust-list")).unwrap_or_else(|e| panic!("{e}"));
    v.install_status_list(&hex("status-list")).unwrap_or_else(|e| panic!("{e}"));
    v
}

/// Parse the ```vectors blocks of a Markdown document into `(name, value)` pairs; long values
/// may be wrapped over several lines (continuation lines start with whitespace).
pub fn parse_markdown(md: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut inside = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            inside = line.trim() == "```vectors";
            continue;
        }
        if !inside {
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            if let Some(last) = out.last_mut() {
                last.1.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    out
}

/// Render vectors as a ```vectors block, wrapping values at 96 characters.
pub fn render_markdown(vectors: &[(&str, String)]) -> String {
    let mut s = String::from("```vectors\n");
    for (k, v) in vectors {
        let chars: Vec<char> = v.chars().collect();
        let mut chunks = chars.chunks(96);
        s.push_str(&format!("{k}: {}\n", chunks.next().map(|c| c.iter().collect::<String>()).unwrap_or_default()));
        for c in chunks {
            s.push_str(&format!("    {}\n", c.iter().collect::<String>()));
        }
    }
    s.push_str("```\n");
    s
}
