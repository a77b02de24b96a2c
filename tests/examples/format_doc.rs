//! Regenerate the generated parts of `docs/FORMAT.md` (test vectors, the QR table and the
//! negative vectors) after a
//! deliberate format change: `cargo run -p qujat-tests --example format_doc -- --write`.
//! Without `--write` it prints them.
#![allow(missing_docs)]

fn replace_table(doc: &str, table: &str) -> String {
    // The first Markdown table after the "## 13." heading.
    let Some(h) = doc.find("## 13.") else { return doc.to_owned() };
    let Some(start) = doc[h..].find("\n|").map(|i| h + i + 1) else { return doc.to_owned() };
    let mut end = start;
    for line in doc[start..].split_inclusive('\n') {
        if !line.starts_with('|') {
            break;
        }
        end += line.len();
    }
    format!("{}{}{}", &doc[..start], table, &doc[end..])
}

fn replace_vectors(doc: &str, block: &str) -> String {
    replace_block(doc, "```vectors\n", block)
}

/// Replace the fenced block opening with `fence` (which includes its newline).
fn replace_block(doc: &str, fence: &str, block: &str) -> String {
    let Some(start) = doc.find(fence) else { return doc.to_owned() };
    let Some(len) = doc[start + 3..].find("```").map(|i| i + 6) else { return doc.to_owned() };
    let end = (start + len + 1).min(doc.len());
    format!("{}{}{}", &doc[..start], block, &doc[end..])
}

fn main() -> std::io::Result<()> {
    let vectors = qujat_tests::vectors::render_markdown(&qujat_tests::vectors::generate());
    let table = qujat_tests::qr_table::render();
    let negative = qujat_tests::negative::render_markdown(&qujat_tests::negative::generate());
    if std::env::args().any(|a| a == "--write") {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/FORMAT.md");
        let doc = std::fs::read_to_string(&path)?;
        let doc = replace_vectors(&replace_table(&doc, &table), &vectors);
        std::fs::write(&path, replace_block(&doc, "```negative-vectors\n", &negative))?;
        println!("rewrote {}", path.display());
    } else {
        println!("{vectors}\n{table}\n{negative}");
    }
    Ok(())
}
