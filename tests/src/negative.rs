//! Negative vectors for `docs/FORMAT.md` §15: encodings a decoder MUST refuse, each with the
//! verdict (or refusal) and the reason code it gets.
//!
//! Every vector is made from the valid §14 vectors by changing one thing and then **re-signing**
//! with the vectors' keys, so the signatures hold: a decoder that accepted the changed encoding
//! would report the presentation `VALID` (or install the list), not merely a forgery. That is
//! what makes each vector able to catch a leniency.

use ciborium::Value;
use curve25519_dalek::constants::EIGHT_TORSION;
use curve25519_dalek::edwards::CompressedEdwardsY;
use qujat_core::cbor;
use qujat_core::cose::Context;
use qujat_core::credential::{Credential, CredentialBundle};
use qujat_core::keys::{KeyPair, PublicKey, hex_decode, hex_encode};
use qujat_core::presentation::{base45, wire};
use qujat_core::status::{StatusList, StatusListError};
use qujat_core::trust::{TrustList, TrustListError};

use crate::vectors;

/// One must-refuse encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Negative {
    /// A short label.
    pub name: String,
    /// What it is given to: `qj1` (a scanned string, to the verifier), `qj1-challenge-042917`
    /// (the same, to a verifier that showed the challenge 042917), `credential`, `bundle`,
    /// `trust-list` (with the anchor key), `status-list` (with the §14 trust list).
    pub object: String,
    /// `MALFORMED/<reason>` for a scanned string, `REFUSED/<reason>` for the others.
    pub expected: String,
    /// The `QJ1:` text, or the hex of the bytes.
    pub value: String,
}

fn neg(name: &str, object: &str, expected: &str, value: String) -> Negative {
    Negative { name: name.into(), object: object.into(), expected: expected.into(), value }
}

/// The vectors' time.
fn vector(name: &str) -> String {
    vectors::generate().into_iter().find(|(k, _)| *k == name).map(|(_, v)| v).unwrap()
}

/// A COSE_Sign1 `[protected, {}, payload, signature]` signed over its Sig_structure.
pub fn sign1(key: &KeyPair, ctx: Context, protected: &[u8], payload: &[u8]) -> Vec<u8> {
    let tbs = cbor::encode(&Value::Array(vec![
        Value::Text("Signature1".into()),
        Value::Bytes(protected.to_vec()),
        Value::Bytes(ctx.aad().to_vec()),
        Value::Bytes(payload.to_vec()),
    ]));
    let sig = key.sign(&tbs);
    cbor::encode(&Value::Array(vec![
        Value::Bytes(protected.to_vec()),
        Value::Map(vec![]),
        Value::Bytes(payload.to_vec()),
        Value::Bytes(sig.to_vec()),
    ]))
}

/// The raw items of a definite array or map with fewer than 24 entries (a map's keys and
/// values alternate).
fn items(bytes: &[u8]) -> Vec<Vec<u8>> {
    let n = usize::from(bytes[0] & 0x1f) * if bytes[0] >> 5 == 5 { 2 } else { 1 };
    let mut out = Vec::new();
    let mut at = 1;
    for _ in 0..n {
        let end = cbor::item_end(bytes, at).unwrap();
        out.push(bytes[at..end].to_vec());
        at = end;
    }
    out
}

/// An array (major 4) or map (major 5) of raw items.
fn assemble(major: u8, items: &[Vec<u8>]) -> Vec<u8> {
    let n = if major == 5 { items.len() / 2 } else { items.len() };
    let mut out = vec![major << 5 | u8::try_from(n).unwrap()];
    for i in items {
        out.extend_from_slice(i);
    }
    out
}

fn bstr(b: &[u8]) -> Vec<u8> {
    cbor::encode(&Value::Bytes(b.to_vec()))
}

/// The COSE_Sign1's payload (item 3).
fn payload_of(cose: &[u8]) -> Vec<u8> {
    match cbor::decode(&items(cose)[2], "t", 1 << 20).unwrap() {
        Value::Bytes(b) => b,
        _ => panic!("payload"),
    }
}

/// An Ed25519 key with an order-8 torsion component added: on the curve, not small-order, but
/// not in the prime-order subgroup.
fn with_torsion(key: &PublicKey) -> Vec<u8> {
    let p = CompressedEdwardsY(key.to_bytes()).decompress().unwrap();
    (p + EIGHT_TORSION[1]).compress().to_bytes().to_vec()
}

struct Keys {
    anchor: KeyPair,
    issuer: KeyPair,
    holder: KeyPair,
}

fn keys() -> Keys {
    Keys {
        anchor: vectors::key("qujat vector anchor"),
        issuer: vectors::key("qujat vector issuer"),
        holder: vectors::key("qujat vector holder"),
    }
}

/// The default presentation (`presentation-cose` of §14) with its payload items and credential
/// payload items changed, re-signed by the issuer and the holder, as a `QJ1:` string.
fn presentation(
    k: &Keys,
    cred_protected: &[u8],
    cred_items: impl FnOnce(&mut Vec<Vec<u8>>),
    pres_protected: &[u8],
    pres_items: impl FnOnce(&mut Vec<Vec<u8>>),
) -> Vec<u8> {
    let cose = hex_decode(&vector("presentation-cose")).unwrap();
    let mut p = items(&payload_of(&cose));
    let mut c = items(&payload_of(&p[0]));
    cred_items(&mut c);
    p[0] = sign1(&k.issuer, Context::Credential, cred_protected, &assemble(4, &c));
    pres_items(&mut p);
    sign1(&k.holder, Context::Presentation, pres_protected, &assemble(4, &p))
}

fn qj1(cose: &[u8]) -> String {
    wire::encode(cose)
}

/// Presentation payload items: 0 credential, 1 mask, 2 cover, 3 values, 4 created at, 5 ttl.
/// Values (default presentation): 0 names, 1 degree, 2 code, 3 honours, 4 issue date,
/// 5 number, 6 study form, 7 programme (en).
fn with_value(slot: usize, raw: &str) -> impl FnOnce(&mut Vec<Vec<u8>>) {
    let raw = hex_decode(raw).unwrap();
    move |p| {
        let mut v = items(&p[3]);
        v[slot] = raw;
        p[3] = assemble(4, &v);
    }
}

fn with_item(i: usize, raw: Vec<u8>) -> impl FnOnce(&mut Vec<Vec<u8>>) {
    move |p| p[i] = raw
}

const EDDSA: &[u8] = &[0xa1, 0x01, 0x27];

/// A change to a record's raw items.
type Edit = Box<dyn FnOnce(&mut Vec<Vec<u8>>)>;

/// Every negative vector, in the order `docs/FORMAT.md` lists them.
pub fn generate() -> Vec<Negative> {
    let k = keys();
    let same = |_: &mut Vec<Vec<u8>>| {};
    let pres = |p: &[u8], f: Edit| qj1(&presentation(&k, EDDSA, same, p, f));
    let cred = |cp: &[u8], f: Edit| qj1(&presentation(&k, cp, f, &[], Box::new(same)));
    let created = NOW_HEX;
    let mut out = vec![
        neg("presentation-header-a10127", "qj1", "MALFORMED/COSE_HEADER", pres(EDDSA, Box::new(same))),
        neg("presentation-header-a0", "qj1", "MALFORMED/COSE_HEADER", pres(&[0xa0], Box::new(same))),
        neg(
            "credential-header-alg-3807",
            "qj1",
            "MALFORMED/COSE_HEADER",
            cred(&[0xa1, 0x01, 0x38, 0x07], Box::new(same)),
        ),
        neg("credential-header-empty", "qj1", "MALFORMED/COSE_HEADER", cred(&[], Box::new(same))),
        neg("cose-tag-18", "qj1", "MALFORMED/TAG", {
            let mut c = vec![0xd2];
            c.extend(presentation(&k, EDDSA, same, &[], same));
            qj1(&c)
        }),
        neg("value-simple-f815-as-true", "qj1", "MALFORMED/SIMPLE_VALUE", pres(&[], Box::new(with_value(3, "f815")))),
        neg("value-simple-f814-as-false", "qj1", "MALFORMED/SIMPLE_VALUE", pres(&[], Box::new(with_value(3, "f814")))),
        neg("value-simple-f816-as-null", "qj1", "MALFORMED/SIMPLE_VALUE", pres(&[], Box::new(with_value(6, "f816")))),
        neg("value-undefined", "qj1", "MALFORMED/SIMPLE_VALUE", pres(&[], Box::new(with_value(6, "f7")))),
        neg("value-null-in-required-slot", "qj1", "MALFORMED/BAD_FIELD", pres(&[], Box::new(with_value(0, "f6")))),
        neg("value-float", "qj1", "MALFORMED/FLOAT", pres(&[], Box::new(with_value(1, "f94000")))),
        neg(
            "created-at-bignum",
            "qj1",
            "MALFORMED/TAG",
            pres(&[], Box::new(with_item(4, hex_decode(&format!("c244{created}")).unwrap()))),
        ),
        neg(
            "created-at-non-shortest",
            "qj1",
            "MALFORMED/NON_SHORTEST",
            pres(&[], Box::new(with_item(4, hex_decode(&format!("1b00000000{created}")).unwrap()))),
        ),
        neg(
            "created-at-float",
            "qj1",
            "MALFORMED/FLOAT",
            pres(
                &[],
                Box::new(with_item(4, {
                    let mut f = vec![0xfb];
                    f.extend_from_slice(&(crate::NOW as f64).to_bits().to_be_bytes());
                    f
                })),
            ),
        ),
        neg(
            "created-at-out-of-window",
            "qj1",
            "MALFORMED/BAD_FIELD",
            pres(&[], Box::new(with_item(4, hex_decode("1b000000e8d4a51000").unwrap()))),
        ),
        neg(
            "lifetime-non-shortest",
            "qj1",
            "MALFORMED/NON_SHORTEST",
            pres(&[], Box::new(with_item(5, hex_decode("190078").unwrap()))),
        ),
        neg(
            "values-indefinite-length",
            "qj1",
            "MALFORMED/INDEFINITE",
            pres(
                &[],
                Box::new(|p: &mut Vec<Vec<u8>>| {
                    let mut v = vec![0x9f];
                    v.extend_from_slice(&p[3][1..]);
                    v.push(0xff);
                    p[3] = v;
                }),
            ),
        ),
        neg(
            "cover-length-non-shortest",
            "qj1",
            "MALFORMED/NON_SHORTEST",
            pres(
                &[],
                Box::new(|p: &mut Vec<Vec<u8>>| {
                    let mut v = vec![0x59, 0x00];
                    v.extend_from_slice(&p[2][1..]);
                    p[2] = v;
                }),
            ),
        ),
        neg(
            "credential-version-2",
            "qj1",
            "MALFORMED/UNSUPPORTED_VERSION",
            cred(EDDSA, Box::new(|c: &mut Vec<Vec<u8>>| c[0] = vec![0x02])),
        ),
        neg(
            "credential-over-1024-bytes",
            "qj1",
            "MALFORMED/TOO_LARGE",
            cred(EDDSA, Box::new(|c: &mut Vec<Vec<u8>>| c.push(bstr(&[0; 1000])))),
        ),
        neg("holder-key-with-torsion", "qj1", "MALFORMED/BAD_FIELD", {
            let t = with_torsion(&k.holder.public());
            cred(EDDSA, Box::new(move |c: &mut Vec<Vec<u8>>| c[2] = bstr(&t)))
        }),
    ];
    out.extend(transport(&k));
    out.extend(documents(&k));
    out.extend(lists(&k));
    out
}

/// The document vector (`document-cose` of §14) with its payload items changed, re-signed by
/// the holder in `ctx`, as a `QJ1:` string. Items: 0–5 as a live presentation's, 6 `null`,
/// 7 the audience.
fn document(k: &Keys, ctx: Context, edit: impl FnOnce(&mut Vec<Vec<u8>>)) -> String {
    let cose = hex_decode(&vector("document-cose")).unwrap();
    let mut p = items(&payload_of(&cose));
    edit(&mut p);
    qj1(&sign1(&k.holder, ctx, &[], &assemble(4, &p)))
}

fn text(s: &str) -> Vec<u8> {
    cbor::encode(&Value::Text(s.to_owned()))
}

/// Document presentations: the kinds never stand in for each other, and the audience and
/// validity bounds hold even when the holder signs.
fn documents(k: &Keys) -> Vec<Negative> {
    let live = hex_decode(&vector("presentation-cose")).unwrap();
    let doc = hex_decode(&vector("document-cose")).unwrap();
    // The document's own signature over a changed audience (not re-signed: the one vector whose
    // point is the signature).
    let changed = {
        let mut c = items(&doc);
        let mut p = items(&payload_of(&doc));
        p[7] = text("Halyk Bank HR");
        c[2] = bstr(&assemble(4, &p));
        assemble(4, &c)
    };
    vec![
        neg("document-signed-as-live", "qj1", "FORGED_HOLDER_SIGNATURE", document(k, Context::Presentation, |_| {})),
        neg(
            "live-signed-as-document",
            "qj1",
            "FORGED_HOLDER_SIGNATURE",
            qj1(&sign1(&k.holder, Context::Document, &[], &payload_of(&live))),
        ),
        neg("document-audience-changed", "qj1", "FORGED_HOLDER_SIGNATURE", qj1(&changed)),
        neg(
            "document-audience-0-bytes",
            "qj1",
            "MALFORMED/BAD_FIELD",
            document(k, Context::Document, |p| p[7] = text("")),
        ),
        neg(
            "document-audience-129-bytes",
            "qj1",
            "MALFORMED/BAD_FIELD",
            document(k, Context::Document, |p| p[7] = text(&"A".repeat(129))),
        ),
        neg(
            "document-audience-line-break",
            "qj1",
            "MALFORMED/BAD_FIELD",
            document(k, Context::Document, |p| p[7] = text("Kaspi Bank\nHR")),
        ),
        neg(
            "document-validity-91-days",
            "qj1",
            "MALFORMED/BAD_FIELD",
            document(k, Context::Document, |p| p[5] = cbor::encode(&Value::Integer((91 * 86_400).into()))),
        ),
        neg(
            "document-validity-not-whole-days",
            "qj1",
            "MALFORMED/BAD_FIELD",
            document(k, Context::Document, |p| p[5] = cbor::encode(&Value::Integer((30 * 86_400 + 1).into()))),
        ),
        neg(
            "document-with-a-challenge",
            "qj1",
            "MALFORMED/BAD_FIELD",
            document(k, Context::Document, |p| p[6] = cbor::encode(&Value::Integer(42_917.into()))),
        ),
        neg("document-where-a-challenge-was-asked", "qj1-challenge-042917", "DOCUMENT_NOT_LIVE", vector("document")),
    ]
}

/// `created at` of the default presentation, as the four bytes after `1a`.
const NOW_HEX: &str = "6b06cdc0";

/// The transport layers: base45 and zlib.
fn transport(k: &Keys) -> Vec<Negative> {
    let cose = presentation(k, EDDSA, |_| {}, &[], |_| {});
    let valid = qj1(&cose);
    let body = valid.strip_prefix(wire::PREFIX).unwrap();
    // A zlib stream of odd length (stored blocks: one or two of them), so the text ends with a
    // pair.
    let odd = [stored_zlib(&cose, 1), stored_zlib(&cose, 2)].into_iter().find(|z| z.len() % 2 == 1).unwrap();
    let odd_text = base45::encode(&odd);
    let digit =
        |c: char| b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".iter().position(|a| char::from(*a) == c).unwrap();
    let alpha = |n: usize| char::from(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"[n]);
    // The final pair's value plus 256 (what a wrapping decoder reads as the same byte).
    let pair: Vec<char> = odd_text.chars().rev().take(2).collect();
    let v = digit(pair[1]) + 45 * digit(pair[0]) + 256;
    let mut wrapped: String = odd_text.chars().take(odd_text.chars().count() - 2).collect();
    wrapped.push(alpha(v % 45));
    wrapped.push(alpha(v / 45));
    // The first three-character group whose value plus 65,536 still fits three digits.
    let chars: Vec<char> = body.chars().collect();
    let mut group_over = None;
    for g in 0..chars.len() / 3 {
        let v = digit(chars[3 * g]) + 45 * digit(chars[3 * g + 1]) + 2025 * digit(chars[3 * g + 2]) + 65_536;
        if v < 45 * 45 * 45 {
            let mut c = chars.clone();
            c[3 * g] = alpha(v % 45);
            c[3 * g + 1] = alpha(v / 45 % 45);
            c[3 * g + 2] = alpha(v / 2025);
            group_over = Some(c.into_iter().collect::<String>());
            break;
        }
    }
    let lower = body.replacen(|c: char| c.is_ascii_uppercase(), "a", 1);
    let compressed = base45::decode(body).unwrap();
    let mut trailing = compressed.clone();
    trailing.push(0);
    vec![
        neg("base45-final-pair-over-255", "qj1", "MALFORMED/BASE45", format!("QJ1:{wrapped}")),
        neg("base45-group-over-65535", "qj1", "MALFORMED/BASE45", format!("QJ1:{}", group_over.unwrap())),
        neg("base45-dangling-character", "qj1", "MALFORMED/BASE45", format!("{valid}0")),
        neg("base45-lower-case", "qj1", "MALFORMED/BASE45", format!("QJ1:{lower}")),
        neg("zlib-trailing-byte", "qj1", "MALFORMED/ZLIB", format!("QJ1:{}", base45::encode(&trailing))),
        neg("prefix-qj2", "qj1", "MALFORMED/UNSUPPORTED_VERSION", format!("QJ2:{body}")),
    ]
}

/// A zlib stream (RFC 1950) of `data` in `blocks` stored (uncompressed) deflate blocks.
pub fn stored_zlib(data: &[u8], blocks: usize) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let size = data.len().div_ceil(blocks.max(1)).max(1);
    let chunks: Vec<&[u8]> = if data.is_empty() { vec![&[][..]] } else { data.chunks(size).collect() };
    for (i, c) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = u16::try_from(c.len()).unwrap();
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(c);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for x in data {
        a = (a + u32::from(*x)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend_from_slice(&(b << 16 | a).to_be_bytes());
    out
}

/// Trust list (re-signed by the anchor), status list (re-signed by the issuer), credential and
/// bundle encodings.
fn lists(k: &Keys) -> Vec<Negative> {
    let trust_cose = hex_decode(&vector("trust-list")).unwrap();
    let trust = items(&payload_of(&trust_cose));
    // Map items: keys and values alternate; value of field n at 2n - 1.
    let trust_with = |f: &dyn Fn(&mut Vec<Vec<u8>>)| {
        let mut t = trust.clone();
        f(&mut t);
        hex_encode(&sign1(&k.anchor, Context::TrustList, EDDSA, &assemble(5, &t)))
    };
    // The one issuer's key map, changed.
    let key_with = |f: &dyn Fn(&mut Vec<Vec<u8>>)| {
        trust_with(&|t| {
            let issuers = items(&t[9]);
            let mut entry = items(&issuers[0]);
            let keys = items(&entry[5]);
            let mut key = items(&keys[0]);
            f(&mut key);
            entry[5] = assemble(4, &[assemble(5, &key)]);
            t[9] = assemble(4, &[assemble(5, &entry)]);
        })
    };
    let issuer_key = k.issuer.public();
    let status_cose = hex_decode(&vector("status-list")).unwrap();
    let status = items(&payload_of(&status_cose));
    let status_with = |f: &dyn Fn(&mut Vec<Vec<u8>>)| {
        let mut s = status.clone();
        f(&mut s);
        hex_encode(&sign1(&k.issuer, Context::StatusList, EDDSA, &assemble(5, &s)))
    };
    let zlib = |bits: &[u8]| {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(bits).unwrap();
        z.finish().unwrap()
    };
    let credential = hex_decode(&vector("credential")).unwrap();
    let bundle = hex_decode(&vector("bundle")).unwrap();
    vec![
        neg("trust-list-keys-unsorted", "trust-list", "REFUSED/MAP_ORDER", trust_with(&|t| t.swap(0, 2))),
        neg(
            "trust-list-key-with-torsion",
            "trust-list",
            "REFUSED/BAD_FIELD",
            key_with(&|key| key[1] = bstr(&with_torsion(&issuer_key))),
        ),
        neg(
            "trust-list-key-small-order",
            "trust-list",
            "REFUSED/BAD_FIELD",
            key_with(&|key| {
                let mut identity = [0u8; 32];
                identity[0] = 1;
                key[1] = bstr(&identity);
            }),
        ),
        neg(
            "trust-list-not-before-after-not-after",
            "trust-list",
            "REFUSED/BAD_FIELD",
            key_with(&|key| key.swap(3, 5)),
        ),
        neg(
            "trust-list-issuer-without-keys",
            "trust-list",
            "REFUSED/BAD_FIELD",
            trust_with(&|t| {
                let issuers = items(&t[9]);
                let mut entry = items(&issuers[0]);
                entry[5] = vec![0x80];
                t[9] = assemble(4, &[assemble(5, &entry)]);
            }),
        ),
        neg(
            "status-list-zlib-trailing-byte",
            "status-list",
            "REFUSED/BAD_FIELD",
            status_with(&|s| {
                let mut z = payload_bytes(&s[11]);
                z.push(0);
                s[11] = bstr(&z);
            }),
        ),
        neg(
            "status-list-padding-bit-set",
            "status-list",
            "REFUSED/BAD_FIELD",
            status_with(&|s| {
                // 60 entries: bits 60–63 of the last byte are padding; set bit 62.
                s[9] = vec![0x18, 60];
                let mut bits = vec![0u8; 8];
                bits[0] = 1 << 3;
                bits[2] = 1 << 1;
                bits[7] = 1 << 6;
                s[11] = bstr(&zlib(&bits));
            }),
        ),
        neg("status-list-version-2", "status-list", "REFUSED/UNSUPPORTED_VERSION", status_with(&|s| s[1] = vec![0x02])),
        neg("credential-payload-non-shortest", "credential", "REFUSED/NON_SHORTEST", {
            let mut c = items(&payload_of(&credential));
            c[4] = vec![0x19, 0x00, 0x29];
            hex_encode(&sign1(&k.issuer, Context::Credential, EDDSA, &assemble(4, &c)))
        }),
        neg("bundle-null-in-required-slot", "bundle", "REFUSED/BAD_FIELD", {
            let mut b = items(&bundle);
            let mut leaves = items(&b[7]);
            leaves[0] = vec![0xf6];
            b[7] = assemble(4, &leaves);
            hex_encode(&assemble(5, &b))
        }),
        neg("bundle-reserved-slot-not-null", "bundle", "REFUSED/BAD_FIELD", {
            let mut b = items(&bundle);
            let mut leaves = items(&b[7]);
            leaves[15] = vec![0xf4];
            b[7] = assemble(4, &leaves);
            hex_encode(&assemble(5, &b))
        }),
    ]
}

fn payload_bytes(item: &[u8]) -> Vec<u8> {
    match cbor::decode(item, "t", 1 << 20).unwrap() {
        Value::Bytes(b) => b,
        _ => panic!("bytes"),
    }
}

/// The same constructions with nothing changed (re-signed exactly as the vectors are): they
/// must be accepted (`VALID`), or the vectors would prove nothing.
pub fn controls() -> Vec<Negative> {
    let k = keys();
    let cose = presentation(&k, EDDSA, |_| {}, &[], |_| {});
    let trust_cose = hex_decode(&vector("trust-list")).unwrap();
    let trust = sign1(&k.anchor, Context::TrustList, EDDSA, &payload_of(&trust_cose));
    let status_cose = hex_decode(&vector("status-list")).unwrap();
    let status = sign1(&k.issuer, Context::StatusList, EDDSA, &payload_of(&status_cose));
    assert_eq!(cose, hex_decode(&vector("presentation-cose")).unwrap(), "re-signing reproduces the vector");
    vec![
        neg("control-presentation", "qj1", "VALID", qj1(&cose)),
        neg("control-document", "qj1", "VALID", {
            let d = document(&k, Context::Document, |_| {});
            assert_eq!(d, vector("document"), "re-signing reproduces the document vector");
            d
        }),
        neg("control-trust-list", "trust-list", "ACCEPTED", hex_encode(&trust)),
        neg("control-status-list", "status-list", "ACCEPTED", hex_encode(&status)),
        neg("control-credential", "credential", "ACCEPTED", vector("credential")),
        neg("control-bundle", "bundle", "ACCEPTED", vector("bundle")),
    ]
}

/// What this implementation does with a vector: `MALFORMED/<reason>` (or another verdict code)
/// for a scanned string; `REFUSED/<reason>` or `ACCEPTED` for the others.
pub fn outcome(n: &Negative) -> String {
    let documented = vectors::generate();
    let refused = |code: &str| format!("REFUSED/{code}");
    let bytes = || hex_decode(&n.value).unwrap_or_default();
    match n.object.as_str() {
        "qj1" | "qj1-challenge-042917" => {
            let asked = (n.object != "qj1").then(|| qujat_core::presentation::Challenge::new(42_917)).flatten();
            let r = vectors::verifier(&documented).verify(&n.value, asked);
            match r.verdict {
                qujat_core::verifier::Verdict::Malformed(reason) => format!("MALFORMED/{}", reason.code()),
                v => v.code().to_owned(),
            }
        }
        "credential" => Credential::parse(&bytes()).map_or_else(|e| refused(e.code()), |_| "ACCEPTED".into()),
        "bundle" => CredentialBundle::from_bytes(&bytes()).map_or_else(
            |e| match e {
                qujat_core::credential::BundleError::Format(f) => refused(f.code()),
                qujat_core::credential::BundleError::Credential(c) => refused(c.code()),
                other => refused(&format!("{other:?}")),
            },
            |_| "ACCEPTED".into(),
        ),
        "trust-list" => {
            let anchor = PublicKey::from_hex(&vector("anchor-public")).unwrap();
            match TrustList::verify(&bytes(), &anchor) {
                Ok(_) => "ACCEPTED".into(),
                Err(TrustListError::Format(f)) => refused(f.code()),
                Err(TrustListError::Cose(c)) => refused(c.code()),
                Err(other) => refused(&format!("{other:?}")),
            }
        }
        "status-list" => {
            let anchor = PublicKey::from_hex(&vector("anchor-public")).unwrap();
            let trust = TrustList::verify(&hex_decode(&vector("trust-list")).unwrap(), &anchor).unwrap();
            match StatusList::verify(&bytes(), trust.payload()) {
                Ok(_) => "ACCEPTED".into(),
                Err(StatusListError::Format(f)) => refused(f.code()),
                Err(StatusListError::Cose(c)) => refused(c.code()),
                Err(other) => refused(&format!("{other:?}")),
            }
        }
        other => format!("UNKNOWN OBJECT {other}"),
    }
}

/// Render as a ```negative-vectors block: `name: object expected value`, long values wrapped at
/// 96 characters, never next to a space (base45 has one), so trimming continuation lines is exact.
pub fn render_markdown(vectors: &[Negative]) -> String {
    let mut s = String::from("```negative-vectors\n");
    for n in vectors {
        let chars: Vec<char> = n.value.chars().collect();
        let mut lines = Vec::new();
        let mut start = 0;
        while start < chars.len() {
            let mut end = (start + 96).min(chars.len());
            while end < chars.len() && end > start + 1 && (chars[end - 1] == ' ' || chars[end] == ' ') {
                end -= 1;
            }
            lines.push(chars[start..end].iter().collect::<String>());
            start = end;
        }
        s.push_str(&format!("{}: {} {}\n", n.name, n.object, n.expected));
        for l in lines {
            s.push_str(&format!("    {l}\n"));
        }
    }
    s.push_str("```\n");
    s
}

/// Parse the ```negative-vectors block of a Markdown document.
pub fn parse_markdown(md: &str) -> Vec<Negative> {
    let mut out: Vec<Negative> = Vec::new();
    let mut inside = false;
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            inside = line.trim() == "```negative-vectors";
            continue;
        }
        if !inside {
            continue;
        }
        if line.starts_with(char::is_whitespace) {
            if let Some(last) = out.last_mut() {
                last.value.push_str(line.trim());
            }
        } else if let Some((name, rest)) = line.split_once(':') {
            let mut parts = rest.split_whitespace();
            let object = parts.next().unwrap_or_default();
            let expected = parts.next().unwrap_or_default();
            out.push(neg(name.trim(), object, expected, String::new()));
        }
    }
    out
}
