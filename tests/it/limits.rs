//! Denial of service by input: every decoder's documented maximum (docs/LIMITS.md), tested
//! exactly at and just past the limit. At the limit the input is accepted, or, where no valid
//! object can be that large, gets through the size check and is refused for what it is (so the
//! check is not off by one); past the limit it is refused with the typed "too large" error.
//! Nothing panics.

use std::io::Write;

use qujat_core::cbor::{self, FormatError, Value};
use qujat_core::credential::claims::MAX_TEXT_BYTES;
use qujat_core::credential::signed::{MAX_BUNDLE_BYTES, MAX_CREDENTIAL_BYTES, MAX_ISSUER_ID, MAX_STATUS_INDEX};
use qujat_core::credential::{
    BundleError, ClaimId, ClaimSet, ClaimValue, Credential, CredentialBundle, CredentialError, CredentialPayload,
    InputErrorKind, MAX_INPUT_BYTES, parse_issuer_input,
};
use qujat_core::issuer::Register;
use qujat_core::keys::KeyPair;
use qujat_core::platform::SeededRandom;
use qujat_core::presentation::wire::{self, MAX_INFLATED, MAX_TEXT_CHARS, WireError};
use qujat_core::presentation::{
    self, MAX_PRESENTATION_BYTES, MAX_TTL_SECS, PresentError, PresentationPayload, PresentationRequest,
    SignedPresentation,
};
use qujat_core::qr::{self, DecodeLimits, Ecc, QrError};
use qujat_core::status::{MAX_ENTRIES, MAX_STATUS_LIST_BYTES, StatusList, StatusListError, StatusListPayload};
use qujat_core::trust::{
    IssuerEntry, IssuerKey, MAX_ISSUERS, MAX_KEYS_PER_ISSUER, MAX_NAME_BYTES, MAX_TRUST_LIST_BYTES, TrustList,
    TrustListError, TrustListPayload,
};
use qujat_core::verifier::{MalformedReason, Verdict};
use qujat_tests::{DAY, FIXTURES, NOW, World, payload_of};

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// Bytes that do not compress (xorshift).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// A well-formed `QJ1:` string of exactly `chars` characters, and the bytes it carries.
fn qj1_of_len(chars: usize) -> (String, Vec<u8>) {
    let data = noise(4000, 7);
    for k in 2000..4000 {
        let s = format!("{}{}", wire::PREFIX, base45_encode(&zlib(&data[..k])));
        if s.len() == chars {
            return (s, data[..k].to_vec());
        }
    }
    panic!("no QJ1 string of {chars} characters");
}

/// The raw base45 of a given zlib stream (`wire::encode` would compress again).
fn base45_encode(bytes: &[u8]) -> String {
    base45::encode(bytes)
}

fn pad_to(mut bytes: Vec<u8>, len: usize) -> Vec<u8> {
    assert!(bytes.len() <= len, "{} > {len}", bytes.len());
    bytes.resize(len, 0);
    bytes
}

#[test]
fn qj1_string_length() {
    let (at, carried) = qj1_of_len(MAX_TEXT_CHARS);
    assert_eq!(wire::decode(&at), Ok(carried));
    let (past, _) = qj1_of_len(MAX_TEXT_CHARS + 1);
    assert_eq!(wire::decode(&past), Err(WireError::TooLong));
    // The verifier says so, typed.
    let w = World::new("limits-text");
    let r = w.verifier().verify(&past, None);
    assert_eq!(r.verdict, Verdict::Malformed(MalformedReason::Wire(WireError::TooLong)));
    // Refused before any decoding, however long.
    assert_eq!(wire::decode(&"0".repeat(1 << 20)), Err(WireError::TooLong));
}

#[test]
fn qj1_string_length_is_the_qr_capacity() {
    // Every string the verifier accepts fits one QR code (version 40, ECC L, alphanumeric),
    // and no QR code holds a longer one.
    let at = "A".repeat(MAX_TEXT_CHARS);
    assert_eq!(qr::version_for(&at, Ecc::L), Ok(40));
    assert_eq!(qr::version_for(&format!("{at}A"), Ecc::L), Err(QrError::TooLong));
}

#[test]
fn zlib_inflation_cap() {
    let at = format!("{}{}", wire::PREFIX, base45_encode(&zlib(&vec![0u8; MAX_INFLATED])));
    assert_eq!(wire::decode(&at).map(|b| b.len()), Ok(MAX_INFLATED));
    let past = format!("{}{}", wire::PREFIX, base45_encode(&zlib(&vec![0u8; MAX_INFLATED + 1])));
    assert_eq!(wire::decode(&past), Err(WireError::TooLarge));
    // A bomb: some 1,500 characters that would inflate to 1 MiB.
    let bomb = format!("{}{}", wire::PREFIX, base45_encode(&zlib(&vec![0u8; 1 << 20])));
    assert!(bomb.len() < MAX_TEXT_CHARS);
    assert_eq!(wire::decode(&bomb), Err(WireError::TooLarge));
}

fn world_with_bundle(seed: &str) -> (World, CredentialBundle) {
    let mut w = World::new(seed);
    let b = w.issue(FIXTURES[0].0);
    (w, b)
}

#[test]
fn presentation_bytes() {
    let (w, b) = world_with_bundle("limits-presentation");
    let cose = wire::decode(&w.present(&b, ClaimSet::all(), None).text).unwrap();
    assert!(SignedPresentation::parse(&cose).is_ok());
    // At the limit the size check lets it through (then the trailing bytes are refused: no
    // valid presentation is 8 KiB); one byte more is refused as too large.
    let at = pad_to(cose.clone(), MAX_PRESENTATION_BYTES);
    let err = SignedPresentation::parse(&at).unwrap_err();
    assert!(!err.to_string().contains("larger than"), "{err}");
    let past = pad_to(cose, MAX_PRESENTATION_BYTES + 1);
    assert_eq!(
        SignedPresentation::parse(&past).unwrap_err().to_string(),
        FormatError::TooLarge("presentation", MAX_PRESENTATION_BYTES).to_string()
    );
    // The payload decoder alone has the same limit.
    assert_eq!(
        PresentationPayload::from_cbor(&vec![0u8; MAX_PRESENTATION_BYTES + 1]),
        Err(FormatError::TooLarge("presentation", MAX_PRESENTATION_BYTES))
    );
    assert_eq!(
        PresentationPayload::from_cbor(&vec![0u8; MAX_PRESENTATION_BYTES]),
        Err(FormatError::Cbor("presentation"))
    );
}

#[test]
fn presentation_disclosures_and_lifetime() {
    let (w, b) = world_with_bundle("limits-disclosures");
    // Every claim disclosed (14 values, the largest cover) is accepted.
    let all = payload_of(&w.present(&b, ClaimSet::all(), None).text);
    assert_eq!(all.values.len(), ClaimId::ALL.len());
    assert!(PresentationPayload::from_cbor(&all.to_cbor()).is_ok());
    let field = |p: &PresentationPayload, i: usize, v: Value| {
        let Value::Array(mut items) = cbor::decode(&p.to_cbor(), "t", 1 << 16).unwrap() else { unreachable!() };
        items[i] = v;
        cbor::encode(&Value::Array(items))
    };
    // More values than slots: too large; a reserved slot in the mask: malformed.
    let values = Value::Array(vec![Value::Null; 17]);
    assert_eq!(PresentationPayload::from_cbor(&field(&all, 3, values)), Err(FormatError::TooLarge("presentation", 16)));
    assert_eq!(
        PresentationPayload::from_cbor(&field(&all, 1, Value::Integer(0x7fff.into()))),
        Err(FormatError::Bad("presentation", 2))
    );
    // A cover longer than the whole tree.
    assert_eq!(
        PresentationPayload::from_cbor(&field(&all, 2, Value::Bytes(vec![0; 16 * 16 + 1]))),
        Err(FormatError::Bad("presentation", 3))
    );
    // The embedded credential: at most MAX_CREDENTIAL_BYTES, as Credential::parse requires (and
    // to_cbor can only re-encode a credential of that size).
    let credential_of = |len: usize| {
        let header = 3; // array(1) + bstr header of 2 bytes for 24..=255, 3 for 256..=65535
        let pad = len - header - 2;
        Value::Array(vec![Value::Bytes(vec![0; pad]), Value::Integer(0.into())])
    };
    for (len, ok) in [(MAX_CREDENTIAL_BYTES, true), (MAX_CREDENTIAL_BYTES + 1, false)] {
        let v = credential_of(len);
        assert_eq!(cbor::encode(&v).len(), len);
        let r = PresentationPayload::from_cbor(&field(&all, 0, v));
        if ok {
            let p = r.unwrap();
            assert_eq!(p.credential.len(), len);
            assert_eq!(PresentationPayload::from_cbor(&p.to_cbor()), Ok(p));
        } else {
            // The limit is on the credential's wire bytes.
            assert_eq!(r, Err(FormatError::TooLarge("credential", MAX_CREDENTIAL_BYTES)));
        }
    }
    // Lifetime: 600 s at most, when built and when decoded.
    let mut p = all.clone();
    p.ttl_secs = MAX_TTL_SECS;
    assert!(PresentationPayload::from_cbor(&p.to_cbor()).is_ok());
    p.ttl_secs = MAX_TTL_SECS + 1;
    assert_eq!(PresentationPayload::from_cbor(&p.to_cbor()), Err(FormatError::Bad("presentation", 6)));
    for (ttl, ok) in [(MAX_TTL_SECS, true), (MAX_TTL_SECS + 1, false)] {
        let req = PresentationRequest { claims: ClaimSet::default_presentation(), challenge: None, ttl_secs: ttl };
        let r = presentation::present(&b, &w.holder, &req, NOW);
        assert_eq!(r.map(|_| ()), if ok { Ok(()) } else { Err(PresentError::BadLifetime) });
    }
}

#[test]
fn credential_bytes_issuer_id_and_status_index() {
    let (_, b) = world_with_bundle("limits-credential");
    let bytes = b.credential().as_bytes().to_vec();
    let at = pad_to(bytes.clone(), MAX_CREDENTIAL_BYTES);
    assert!(matches!(Credential::parse(&at), Err(CredentialError::Cose(_))));
    let past = pad_to(bytes, MAX_CREDENTIAL_BYTES + 1);
    assert_eq!(
        Credential::parse(&past).unwrap_err(),
        CredentialError::Format(FormatError::TooLarge("credential", MAX_CREDENTIAL_BYTES))
    );

    let base = b.credential().payload().clone();
    let with = |issuer: String, status_index: u64| {
        CredentialPayload::from_cbor(&CredentialPayload { issuer, status_index, ..base.clone() }.to_cbor())
    };
    assert!(with("k".repeat(MAX_ISSUER_ID), 0).is_ok());
    assert_eq!(with("k".repeat(MAX_ISSUER_ID + 1), 0), Err(FormatError::Bad("credential", 2)));
    assert!(with("kz.enu".into(), MAX_STATUS_INDEX).is_ok());
    assert_eq!(with("kz.enu".into(), MAX_STATUS_INDEX + 1), Err(FormatError::Bad("credential", 5)));
}

#[test]
fn bundle_bytes_and_slots() {
    let (_, b) = world_with_bundle("limits-bundle");
    let bytes = b.to_bytes();
    assert!(CredentialBundle::from_bytes(&bytes).is_ok());
    let at = pad_to(bytes.clone(), MAX_BUNDLE_BYTES);
    assert_eq!(CredentialBundle::from_bytes(&at).unwrap_err(), BundleError::Format(FormatError::Cbor("bundle")));
    let past = pad_to(bytes.clone(), MAX_BUNDLE_BYTES + 1);
    assert_eq!(
        CredentialBundle::from_bytes(&past).unwrap_err(),
        BundleError::Format(FormatError::TooLarge("bundle", MAX_BUNDLE_BYTES))
    );
    // Exactly 16 leaf values: 17 is too large, 15 malformed.
    let with_leaves = |n: usize| {
        let Value::Map(mut m) = cbor::decode(&bytes, "t", MAX_BUNDLE_BYTES).unwrap() else { unreachable!() };
        let Value::Array(leaves) = &mut m[3].1 else { unreachable!() };
        leaves.resize(n, Value::Null);
        CredentialBundle::from_bytes(&cbor::encode(&Value::Map(m)))
    };
    assert_eq!(with_leaves(17).unwrap_err(), BundleError::Format(FormatError::TooLarge("bundle", 16)));
    assert_eq!(with_leaves(15).unwrap_err(), BundleError::Format(FormatError::Bad("bundle", 4)));
}

#[test]
fn claim_text_bytes() {
    for c in [ClaimId::ProgramCode, ClaimId::Name, ClaimId::DiplomaNumber, ClaimId::ProgramKk] {
        let at = "ә".repeat(MAX_TEXT_BYTES / 2); // 2 bytes each: exactly the limit
        let past = format!("{at}x");
        let value = |t: &str| match c {
            ClaimId::ProgramCode => Value::Text(t.into()),
            _ => Value::Array(vec![Value::Text("a".into()), Value::Text(t.into())]),
        };
        assert!(ClaimValue::from_cbor(c, &value(&at)).is_ok(), "{c:?}");
        assert_eq!(ClaimValue::from_cbor(c, &value(&past)).unwrap_err().slot, c.slot(), "{c:?}");
    }
}

/// The issuer JSON of the TVET fixture with one text field replaced.
fn tvet_with(field: &str, value: &str) -> String {
    let (_, json) = FIXTURES[3];
    let from = match field {
        "issuer" => "\"kz.almaty-polytech-college\"",
        "program_name.en" => "\"Computer Engineering and Software\"",
        _ => unreachable!(),
    };
    assert!(json.contains(from));
    json.replace(from, &format!("\"{value}\""))
}

fn today() -> qujat_core::credential::Date {
    qujat_core::credential::Date::from_unix(NOW).unwrap()
}

#[test]
fn issuer_input_bytes_and_texts() {
    let (_, json) = FIXTURES[3];
    let mut at = json.to_owned();
    at.push_str(&" ".repeat(MAX_INPUT_BYTES - at.len()));
    assert!(parse_issuer_input(at.as_bytes(), today()).is_ok());
    at.push(' ');
    let e = parse_issuer_input(at.as_bytes(), today()).unwrap_err();
    assert_eq!((e.kind(), e.path()), (&InputErrorKind::TooLarge { max: MAX_INPUT_BYTES }, None));

    let text_at = "ә".repeat(MAX_TEXT_BYTES / 2);
    assert!(parse_issuer_input(tvet_with("program_name.en", &text_at).as_bytes(), today()).is_ok());
    let e = parse_issuer_input(tvet_with("program_name.en", &format!("{text_at}x")).as_bytes(), today()).unwrap_err();
    assert_eq!(e.kind(), &InputErrorKind::TooLong { max: MAX_TEXT_BYTES }, "{e:?}");
}

#[test]
fn issuer_input_issuer_id_fits_a_credential() {
    // The issuer id becomes the credential's issuer field and the trust list's id, both of at
    // most MAX_ISSUER_ID bytes: a longer one must be refused at input, not turn into
    // credentials that no wallet or verifier can read.
    let at = "k".repeat(MAX_ISSUER_ID);
    let d = parse_issuer_input(tvet_with("issuer", &at).as_bytes(), today()).unwrap();
    assert_eq!(d.issuer, at);
    let e = parse_issuer_input(tvet_with("issuer", &format!("{at}k")).as_bytes(), today()).unwrap_err();
    assert_eq!(e.kind(), &InputErrorKind::TooLong { max: MAX_ISSUER_ID }, "{e:?}");
    assert_eq!(e.path(), Some("issuer"));
}

#[test]
fn json_nesting_is_bounded() {
    // serde_json's recursion limit (128) refuses deeper input as a syntax error.
    let nested = |depth: usize| format!("{{\"issuer\": {}0{}}}", "[".repeat(depth), "]".repeat(depth));
    let e = parse_issuer_input(nested(126).as_bytes(), today()).unwrap_err();
    assert!(!matches!(e.kind(), InputErrorKind::Syntax { .. }), "{e:?}");
    let e = parse_issuer_input(nested(127).as_bytes(), today()).unwrap_err();
    assert!(matches!(e.kind(), InputErrorKind::Syntax { .. }), "{e:?}");
}

#[test]
fn cbor_nesting_is_bounded() {
    let nested = |depth: usize| {
        let mut v = vec![0x81u8; depth];
        v.push(0x00);
        v
    };
    assert!(cbor::decode(&nested(16), "t", 1024).is_ok());
    let too_deep = Err(FormatError::Encoding("t", cbor::Encoding::TooDeep));
    assert_eq!(cbor::decode(&nested(17), "t", 1024), too_deep);
    assert_eq!(cbor::decode(&nested(100_000), "t", 1 << 20), too_deep);
}

fn names(len: usize) -> qujat_core::credential::Localized {
    qujat_core::credential::Localized { kk: None, ru: None, en: Some("n".repeat(len)) }
}

fn trust_payload(issuers: usize, keys: usize, name_len: usize, key: &KeyPair) -> TrustListPayload {
    TrustListPayload {
        sequence: 1,
        issued_at: NOW - DAY,
        expires_at: NOW + DAY,
        issuers: (0..issuers)
            .map(|i| IssuerEntry {
                id: format!("kz.{i}"),
                name: names(name_len),
                keys: vec![IssuerKey { key: key.public(), not_before: 0, not_after: NOW + DAY }; keys],
            })
            .collect(),
    }
}

#[test]
fn trust_list_entries() {
    let anchor = KeyPair::generate(&SeededRandom::new(b"anchor")).unwrap();
    let key = KeyPair::generate(&SeededRandom::new(b"issuer")).unwrap();
    let verify = |p: TrustListPayload| TrustList::verify(&TrustList::sign(&anchor, p), &anchor.public());

    let ok = verify(trust_payload(MAX_ISSUERS, 1, 8, &key)).unwrap();
    assert_eq!(ok.payload().issuers.len(), MAX_ISSUERS);
    assert_eq!(
        verify(trust_payload(MAX_ISSUERS + 1, 1, 8, &key)).unwrap_err(),
        TrustListError::Format(FormatError::TooLarge("trust list", MAX_ISSUERS))
    );
    assert!(verify(trust_payload(1, MAX_KEYS_PER_ISSUER, 8, &key)).is_ok());
    assert_eq!(
        verify(trust_payload(1, MAX_KEYS_PER_ISSUER + 1, 8, &key)).unwrap_err(),
        TrustListError::Format(FormatError::TooLarge("trust list entry", MAX_KEYS_PER_ISSUER))
    );
    assert!(verify(trust_payload(1, 1, MAX_NAME_BYTES, &key)).is_ok());
    assert_eq!(
        verify(trust_payload(1, 1, MAX_NAME_BYTES + 1, &key)).unwrap_err(),
        TrustListError::Format(FormatError::Bad("trust list entry", 2))
    );
    // With every entry at its largest, the byte limit binds before the issuer count.
    let full = TrustList::sign(&anchor, trust_payload(MAX_ISSUERS, MAX_KEYS_PER_ISSUER, MAX_NAME_BYTES, &key));
    assert!(full.len() > MAX_TRUST_LIST_BYTES);
    assert_eq!(
        TrustList::verify(&full, &anchor.public()).unwrap_err(),
        TrustListError::Format(FormatError::TooLarge("trust list", MAX_TRUST_LIST_BYTES))
    );
}

#[test]
fn trust_list_bytes() {
    let w = World::new("limits-trust");
    let at = pad_to(w.trust_list.clone(), MAX_TRUST_LIST_BYTES);
    assert!(matches!(TrustList::verify(&at, &w.anchor.public()), Err(TrustListError::Cose(_))));
    let past = pad_to(w.trust_list.clone(), MAX_TRUST_LIST_BYTES + 1);
    assert_eq!(
        TrustList::verify(&past, &w.anchor.public()).unwrap_err(),
        TrustListError::Format(FormatError::TooLarge("trust list", MAX_TRUST_LIST_BYTES))
    );
    assert_eq!(
        TrustListPayload::from_cbor(&vec![0; MAX_TRUST_LIST_BYTES + 1]),
        Err(FormatError::TooLarge("trust list", MAX_TRUST_LIST_BYTES))
    );
}

fn status_cbor(entries: u64, bits: &[u8]) -> Vec<u8> {
    cbor::encode_map(vec![
        (1, Value::Integer(1.into())),
        (2, Value::Text("kz.enu".into())),
        (3, Value::Integer((NOW - DAY).into())),
        (4, Value::Integer((NOW + DAY).into())),
        (5, Value::Integer(entries.into())),
        (6, Value::Bytes(zlib(bits))),
    ])
}

#[test]
fn status_list_entries_and_bytes() {
    let w = World::new("limits-status");
    let trust = World::trust_payload(&w.issuers, 1, NOW + DAY);
    // 2^20 entries, signed and verified against the trust list.
    let register = Register { next_index: MAX_ENTRIES, revoked: [MAX_ENTRIES - 1].into(), ..Register::default() };
    let signed = w.issuer("kz.enu").status_list(&register, NOW - DAY, 2 * DAY).unwrap();
    let list = StatusList::verify(&signed, &trust).unwrap();
    assert_eq!(list.payload().entries(), MAX_ENTRIES);
    assert_eq!(list.payload().is_revoked(MAX_ENTRIES - 1), Some(true));
    // The issuer cannot sign a larger one.
    let register = Register { next_index: MAX_ENTRIES + 1, ..Register::default() };
    assert!(w.issuer("kz.enu").status_list(&register, NOW - DAY, 2 * DAY).is_err());
    // One more is refused, before inflating anything.
    assert!(StatusListPayload::new("kz.enu".into(), 0, 0, MAX_ENTRIES + 1, &[]).is_none());
    let bytes_past = usize::try_from(MAX_ENTRIES.div_ceil(8)).unwrap() + 1;
    assert_eq!(
        StatusListPayload::from_cbor(&status_cbor(MAX_ENTRIES + 1, &vec![0; bytes_past])),
        Err(FormatError::TooLarge("status list", usize::try_from(MAX_ENTRIES).unwrap()))
    );
    assert!(StatusListPayload::from_cbor(&status_cbor(MAX_ENTRIES, &vec![0; bytes_past - 1])).is_ok());
    // The bits must inflate to exactly what the entries need.
    assert_eq!(StatusListPayload::from_cbor(&status_cbor(16, &[0; 3])), Err(FormatError::Bad("status list", 6)));

    let at = pad_to(signed.clone(), MAX_STATUS_LIST_BYTES);
    assert!(matches!(StatusList::verify(&at, &trust), Err(StatusListError::Cose(_))));
    let past = pad_to(signed, MAX_STATUS_LIST_BYTES + 1);
    assert_eq!(
        StatusList::verify(&past, &trust).unwrap_err(),
        StatusListError::Format(FormatError::TooLarge("status list", MAX_STATUS_LIST_BYTES))
    );
}

/// A PNG of `w × h` white pixels of colour type `color` (8 bits per sample).
fn white_png(w: u32, h: u32, color: png::ColorType) -> Vec<u8> {
    let channels = match color {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        _ => 4,
    };
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, w, h);
    e.set_color(color);
    e.set_depth(png::BitDepth::Eight);
    let mut writer = e.write_header().unwrap();
    writer.write_image_data(&vec![255u8; w as usize * h as usize * channels]).unwrap();
    writer.finish().unwrap();
    out
}

#[test]
fn png_side_and_decoded_size() {
    let d = DecodeLimits::DEFAULT;
    // At the side limit the image is decoded (it holds no code); past it, refused from the
    // header, before any pixel buffer is allocated.
    assert_eq!(qr::decode_png(&white_png(d.max_side, 1, png::ColorType::Grayscale)), Err(QrError::NoQrFound));
    assert_eq!(qr::decode_png(&white_png(d.max_side + 1, 1, png::ColorType::Grayscale)), Err(QrError::ImageTooLarge));
    assert_eq!(qr::decode_png(&white_png(1, d.max_side + 1, png::ColorType::Grayscale)), Err(QrError::ImageTooLarge));
    // The decoded-size limit (16 MiB): 2048 × 2048 RGBA is exactly that; one row more is
    // refused from the header.
    assert_eq!(d.max_decoded_bytes, 2048 * 2048 * 4);
    assert_eq!(qr::decode_png(&white_png(2048, 2048, png::ColorType::Rgba)), Err(QrError::NoQrFound));
    assert_eq!(qr::decode_png(&white_png(2048, 2049, png::ColorType::Rgba)), Err(QrError::ImageTooLarge));
    // The decoded-bytes limit, exactly, with small limits.
    let small = DecodeLimits { max_side: 64, max_decoded_bytes: 64 * 64 };
    assert_eq!(
        qr::decode_png_with_limits(&white_png(64, 64, png::ColorType::Grayscale), small),
        Err(QrError::NoQrFound)
    );
    assert_eq!(
        qr::decode_png_with_limits(&white_png(64, 64, png::ColorType::GrayscaleAlpha), small),
        Err(QrError::ImageTooLarge)
    );
    assert_eq!(
        qr::decode_png_with_limits(&white_png(65, 1, png::ColorType::Grayscale), small),
        Err(QrError::ImageTooLarge)
    );
}

#[test]
fn largest_diploma_round_trips_and_qr_limits_agree() {
    // A diploma with every text at its largest: issued, bundled, presented with every claim.
    let mut w = World::new("limits-largest");
    let mut d = qujat_tests::fixture("enu-bachelor-honors");
    let long =
        |seed: u64| -> String { noise(MAX_TEXT_BYTES, seed).iter().map(|b| char::from(b'a' + b % 26)).collect() };
    d.name.family = long(1);
    d.name.given = long(2);
    d.series = long(3);
    d.number = long(4);
    d.program_code = long(5);
    for (i, lang) in qujat_core::credential::Lang::ALL.into_iter().enumerate() {
        d.program_name.set(lang, Some(long(10 + i as u64)));
        d.qualification.set(lang, Some(long(20 + i as u64)));
    }
    if let Some(n) = d.name_latin.as_mut() {
        n.family = long(30);
        n.given = long(31);
    }
    let index = w.register.allocate().unwrap();
    let b = w.issuer("kz.enu").issue(&d, &w.holder.public(), index, NOW - DAY, w.rng.as_ref()).unwrap();
    let bytes = b.to_bytes();
    assert!(bytes.len() <= MAX_BUNDLE_BYTES, "{}", bytes.len());
    assert!(b.credential().as_bytes().len() <= MAX_CREDENTIAL_BYTES);
    let b = CredentialBundle::from_bytes(&bytes).unwrap();
    let v = w.verifier();
    for claims in [ClaimSet::default_presentation(), ClaimSet::all()] {
        let text = w.present(&b, claims, None).text;
        let cose_len = SignedPresentation::parse(&payload_cose(&text)).map(|_| ()).map_err(|e| e.to_string());
        assert_eq!(cose_len, Ok(()));
        // The verifier accepts it exactly when a QR code can hold it.
        let fits = qr::encode(&text, Ecc::L).is_ok();
        assert_eq!(fits, text.len() <= MAX_TEXT_CHARS, "{} chars", text.len());
        let verdict = v.verify(&text, None).verdict;
        if fits {
            assert_eq!(verdict, Verdict::Valid);
        } else {
            assert_eq!(verdict, Verdict::Malformed(MalformedReason::Wire(WireError::TooLong)));
        }
    }
}

/// The COSE bytes of a presentation string, without wire's length check (for oversize texts).
fn payload_cose(text: &str) -> Vec<u8> {
    use std::io::Read;
    let compressed = base45::decode(text.strip_prefix(wire::PREFIX).unwrap()).unwrap();
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(compressed.as_slice()).read_to_end(&mut out).unwrap();
    out
}
