//! The web verifier's numbers (`scripts/web-test.sh --bench`, run by `scripts/bench.sh`, writes
//! `target/web-bench/results.txt`: one `key value` per line).

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

/// Gzipped WebAssembly size goal (issue 14).
pub const WASM_GZIP_GOAL_BYTES: f64 = 400.0 * 1024.0;
/// 1280×720 camera frame → verdict goal, milliseconds.
pub const FRAME_GOAL_MS: f64 = 50.0;
/// Browser verify / native verify goal.
pub const RATIO_GOAL: f64 = 2.0;

/// Read the results; a missing file gives none (the section says so).
pub fn load(path: &Path) -> Result<HashMap<String, f64>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashMap::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let (k, v) = l.split_once(' ').ok_or_else(|| format!("{}: `{l}`: expected `key value`", path.display()))?;
            let v = v.trim().parse::<f64>().map_err(|_| format!("{}: `{l}`: not a number", path.display()))?;
            Ok((k.to_owned(), v))
        })
        .collect()
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "**missed**" }
}

/// The section "Web verifier".
pub fn section(d: &mut String, web: &HashMap<String, f64>) {
    let _ = writeln!(d, "## Web verifier (headless Chromium)\n");
    let (Some(size), Some(frame), Some(browser), Some(native)) = (
        web.get("web_wasm_gzip_bytes"),
        web.get("web_frame_to_verdict_ms"),
        web.get("web_browser_verify_ms"),
        web.get("native_verify_ms"),
    ) else {
        let _ = writeln!(d, "Not measured in this run: `scripts/web-test.sh --bench` writes these numbers.\n");
        return;
    };
    let _ = writeln!(
        d,
        "Measured by `scripts/web-test.sh --bench` in Debian's Chromium (headless, fake camera): the WebAssembly \
         of `web/` (profile `wasm`), and the same verification natively from the same profile.\n"
    );
    let _ = writeln!(d, "| what | measured | goal | |\n|---|---|---|---|");
    let _ = writeln!(
        d,
        "| WebAssembly, gzipped | {:.0} KiB | ≤ {:.0} KiB | {} |",
        size / 1024.0,
        WASM_GZIP_GOAL_BYTES / 1024.0,
        verdict(*size <= WASM_GZIP_GOAL_BYTES)
    );
    let _ = writeln!(
        d,
        "| 1280×720 frame → verdict (pixels, luma, QR reader, verify; median of 15) | {frame:.1} ms | ≤ {FRAME_GOAL_MS:.0} ms | {} |",
        verdict(*frame <= FRAME_GOAL_MS)
    );
    let ratio = browser / native;
    let _ = writeln!(
        d,
        "| verify a presentation: browser {browser:.3} ms, native {native:.3} ms | {ratio:.2} × | ≤ {RATIO_GOAL:.0} × | {} |\n",
        verdict(ratio <= RATIO_GOAL)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_from_results_and_without() {
        let mut d = String::new();
        section(&mut d, &HashMap::new());
        assert!(d.contains("Not measured"));
        let web: HashMap<String, f64> = [
            ("web_wasm_gzip_bytes", 302_809.0),
            ("web_frame_to_verdict_ms", 84.0),
            ("web_browser_verify_ms", 0.7),
            ("native_verify_ms", 0.5),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let mut d = String::new();
        section(&mut d, &web);
        assert!(d.contains("| WebAssembly, gzipped | 296 KiB | ≤ 400 KiB | met |"), "{d}");
        assert!(d.contains("84.0 ms | ≤ 50 ms | **missed**"), "{d}");
        assert!(d.contains("| 1.40 × | ≤ 2 × | met |"), "{d}");
    }

    #[test]
    fn results_file_is_strict() {
        let dir = std::env::temp_dir().join(format!("qujat-web-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("r.txt");
        std::fs::write(&f, "web_wasm_gzip_bytes 10\nnative_verify_ms 0.5\n").unwrap();
        assert_eq!(load(&f).unwrap().get("native_verify_ms"), Some(&0.5));
        std::fs::write(&f, "web_wasm_gzip_bytes ten\n").unwrap();
        assert!(load(&f).is_err());
        assert!(load(&dir.join("none")).unwrap().is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
