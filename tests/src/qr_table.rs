//! The QR-version table of `docs/FORMAT.md`: minimal, default and all-claims presentations of
//! each fixture, and its default document presentation, at ECC L/M/Q.

use qujat_core::credential::{ClaimSet, Lang};
use qujat_core::presentation;
use qujat_core::qr::{Ecc, version_for};

use crate::{FIXTURES, World};

/// The presentations measured, by name.
pub fn sets() -> [(&'static str, ClaimSet); 5] {
    [
        ("minimal", ClaimSet::minimal()),
        ("default", ClaimSet::default_presentation()),
        ("default (ru text)", ClaimSet::default_for(Lang::Ru)),
        ("default (kk text)", ClaimSet::default_for(Lang::Kk)),
        ("all claims", ClaimSet::all()),
    ]
}

/// The Markdown table. Status indexes are 1,000+ (3-byte CBOR) as in a real register.
pub fn render() -> String {
    let mut w = World::new("qr-table");
    for _ in 0..1000 {
        let _ = w.register.allocate();
    }
    let mut s = String::from("| fixture | presentation | characters | L | M | Q |\n|---|---|---:|---:|---:|---:|\n");
    for (name, _) in FIXTURES {
        let b = w.issue(name);
        for (set_name, set) in sets() {
            let text = w.present(&b, set, None).text;
            s.push_str(&row(name, set_name, &text));
        }
        // A document presentation: the default claims for an audience of 13 bytes, 30 days.
        let req = presentation::DocumentRequest::new(crate::vectors::DOCUMENT_AUDIENCE);
        let doc = presentation::build_document(&b, &w.holder, &req, crate::NOW).map(|p| p.text).unwrap_or_default();
        s.push_str(&row(name, "document (default)", &doc));
    }
    s
}

fn row(name: &str, set_name: &str, text: &str) -> String {
    let v = |e| version_for(text, e).map_or_else(|_| "—".to_owned(), |v| v.to_string());
    format!("| {name} | {set_name} | {} | {} | {} | {} |\n", text.len(), v(Ecc::L), v(Ecc::M), v(Ecc::Q))
}
