//! The diploma as a PDF (issue 12): rendered by `qujat_pdf::export` from a real wallet, read
//! back the way people and HR systems do (poppler's `pdftoppm` and `pdftotext`, then the core's
//! QR reader), reproducible byte for byte, and bad PDFs refused with typed errors.

use std::process::Command;
use std::sync::Arc;

use qujat_core::credential::{ClaimId, ClaimValue, Lang};
use qujat_core::platform::Clock;
use qujat_core::presentation::DocumentRequest;
use qujat_core::secret::SecretString;
use qujat_core::vault::{AuditKind, CredentialId, Platform, SoftwareKeyStore, VaultOptions};
use qujat_core::verifier::{PresentationKind, Verdict};
use qujat_core::wallet::Wallet;
use qujat_pdf::read::{ReadError, read_barcode};
use qujat_tests::{DAY, NOW, World};

const AUDIENCE: &str = "Kaspi Bank HR";

fn holder(w: &mut World, dir: &std::path::Path) -> (Wallet, CredentialId) {
    let platform = Platform {
        key_store: Arc::new(SoftwareKeyStore::in_memory(w.rng.clone())),
        clock: w.clock.clone(),
        rng: w.rng.clone(),
    };
    let wallet = Wallet::open(dir.join("w.db"), platform, VaultOptions::insecure_for_tests()).unwrap();
    let pin = SecretString::from("739154");
    let e = wallet.setup(&pin, "pdf").unwrap();
    let code = qujat_core::auth::totp::authenticator_code(e.otpauth_uri.expose_secret(), w.clock.now()).unwrap();
    wallet.confirm_enrolment(&pin, &code).unwrap();
    let index = w.register.allocate().unwrap();
    let b = w
        .issuer("kz.enu")
        .issue(
            &qujat_tests::fixture("enu-bachelor-honors"),
            &wallet.holder_public_key().unwrap(),
            index,
            NOW - DAY,
            w.rng.as_ref(),
        )
        .unwrap();
    wallet.import(&b.to_bytes(), &w.trust_list, &w.anchor.public()).unwrap();
    let id = wallet.list().unwrap().0[0].id;
    (wallet, id)
}

fn tool(name: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils, scripts/system-deps.sh): {e}"));
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

#[test]
fn the_pdf_prints_scans_reads_and_verifies() {
    let mut w = World::new("pdf-story");
    let dir = tempfile::tempdir().unwrap();
    let (wallet, id) = holder(&mut w, dir.path());
    let pdf = qujat_pdf::export(&wallet, &id, &DocumentRequest::new(AUDIENCE), Lang::Kk).unwrap();
    let detail = wallet.show(&id).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    assert!(pdf.len() < 150 * 1024, "{} bytes: over the 150 KB goal", pdf.len());
    // Logged as a document presentation.
    let log = wallet.audit_log().unwrap();
    assert_eq!(log.entries.iter().filter(|e| e.kind == AuditKind::PresentDocument).count(), 1);

    // Printed at 150 dpi, the barcode reads back with the core's reader and verifies.
    let file = dir.path().join("diploma.pdf");
    std::fs::write(&file, &pdf).unwrap();
    if let Ok(keep) = std::env::var("QUJAT_KEEP_PDF") {
        std::fs::write(keep, &pdf).unwrap();
    }
    let prefix = dir.path().join("page");
    tool("pdftoppm", &["-r", "150", "-png", "-singlefile", file.to_str().unwrap(), prefix.to_str().unwrap()]);
    let png = std::fs::read(dir.path().join("page.png")).unwrap();
    let text = qujat_core::qr::decode_png(&png).unwrap();
    assert!(text.starts_with("QJ1:"));
    // The same string the PDF reader of `verify --pdf` finds in the image XObject.
    assert_eq!(read_barcode(&pdf).unwrap(), text);
    w.clock.set(NOW + 3 * DAY);
    let r = w.verifier().verify(&text, None);
    assert_eq!(r.verdict, Verdict::Valid, "{r:?}");
    assert_eq!(r.kind, Some(PresentationKind::Document { audience: AUDIENCE.into() }));

    // Real text: the holder's Cyrillic name, the Kazakh labels and the audience are extractable.
    let Some((_, ClaimValue::Name(name))) = detail.claims.iter().find(|(c, _)| *c == ClaimId::Name) else {
        panic!("the fixture has a name")
    };
    assert!(name.family.chars().any(|c| ('А'..='я').contains(&c)), "the fixture's name is Cyrillic");
    let txt = String::from_utf8(tool("pdftotext", &["-enc", "UTF-8", file.to_str().unwrap(), "-"])).unwrap();
    for needle in [name.family.as_str(), name.given.as_str(), AUDIENCE, "Білім туралы диплом", "Diploma", "valid until"]
    {
        assert!(txt.contains(needle), "pdftotext lacks {needle:?}");
    }
}

#[test]
fn the_same_inputs_and_clock_give_the_same_bytes() {
    let mut a = World::new("pdf-repro");
    let mut b = World::new("pdf-repro");
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (wa, ia) = holder(&mut a, da.path());
    let (wb, ib) = holder(&mut b, db.path());
    let req = DocumentRequest::new(AUDIENCE);
    let one = qujat_pdf::export(&wa, &ia, &req, Lang::Ru).unwrap();
    let two = qujat_pdf::export(&wb, &ib, &req, Lang::Ru).unwrap();
    assert!(one == two, "two renders of the same inputs differ");
    // And the clock is an input: a minute later, other bytes.
    a.clock.set(NOW + 60);
    assert!(qujat_pdf::export(&wa, &ia, &req, Lang::Ru).unwrap() != one);
}

#[test]
fn bad_pdfs_are_refused_with_typed_errors() {
    let mut w = World::new("pdf-bad");
    let dir = tempfile::tempdir().unwrap();
    let (wallet, id) = holder(&mut w, dir.path());
    let pdf = qujat_pdf::export(&wallet, &id, &DocumentRequest::new(AUDIENCE), Lang::En).unwrap();
    assert_eq!(read_barcode(b"hello, not a pdf"), Err(ReadError::NotPdf));
    assert_eq!(read_barcode(&pdf[..pdf.len() / 3]), Err(ReadError::NotPdf));
    assert_eq!(read_barcode(&vec![b' '; qujat_pdf::read::MAX_PDF_BYTES + 1]), Err(ReadError::TooLarge));
    // A PDF without a barcode: the same file with the image's pixels blanked (stream kept valid).
    assert_eq!(read_barcode(&blank_pdf(&[])), Err(ReadError::NoBarcode));
    // A huge image (100 000 px a side, declared): refused before anything is inflated.
    assert_eq!(read_barcode(&blank_pdf(&[(100_000, 100_000)])), Err(ReadError::ImageTooLarge));
}

/// A minimal one-page PDF with grey images of the given sizes (data empty), xref computed.
fn blank_pdf(images: &[(u32, u32)]) -> Vec<u8> {
    let mut objs =
        vec!["<< /Type /Catalog /Pages 2 0 R >>".to_owned(), "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned()];
    let xobjects: String = (0..images.len()).map(|i| format!("/Im{i} {} 0 R ", 4 + i)).collect();
    objs.push(format!(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << {xobjects}>> >> >>"
    ));
    for (w, h) in images {
        objs.push(format!("<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 0 >>\nstream\n\nendstream"));
    }
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).as_bytes(),
    );
    out
}
