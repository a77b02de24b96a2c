//! Text → QR symbol: segment choice and smallest-version search, on top of the `qrcode` crate.
//!
//! Three adjustments to `qrcode`'s own `QrCode::with_error_correction_level`:
//! * its parser tags UTF-8 byte pairs that look like Shift-JIS as *Kanji* mode, which phone
//!   scanners then show as Japanese text; such segments are put back into byte mode here;
//! * its segment optimiser is greedy, so the single-mode encoding of the whole text (all
//!   alphanumeric for base45) is also tried and the shorter one kept: base45 text is never
//!   worse off than plain alphanumeric mode;
//! * non-ASCII text is announced as UTF-8 with ECI 26, so scanners do not guess Latin-1.

use qrcode::bits::Bits;
use qrcode::optimize::{Optimizer, Parser, Segment, total_encoded_len};
use qrcode::types::{Mode, QrError as CrateError, Version};

use super::{Ecc, QrError, QrMatrix};

/// ECI assignment number for UTF-8.
const ECI_UTF8: u32 = 26;
/// Bits an ECI header costs: 4-bit mode indicator and one 8-bit designator (values < 128).
const ECI_HEADER_BITS: usize = 12;
/// Versions sharing character-count field widths: 1–9, 10–26, 27–40.
const VERSION_BANDS: [(u8, u8); 3] = [(1, 9), (10, 26), (27, 40)];

/// Encode `text` as a QR symbol of the smallest version (1..=40) that holds it at `ecc`.
///
/// Text in the base45 alphabet is encoded in alphanumeric mode (long digit runs may use the
/// denser numeric mode); other text in byte mode as UTF-8.
pub fn encode(text: &str, ecc: Ecc) -> Result<QrMatrix, QrError> {
    let (version, bits) = smallest_fit(text, ecc)?;
    // `QrCode::with_bits`, with the mask scored in a fraction of the time (see `mask.rs`).
    let (width, modules) = super::mask::symbol(bits, ecc.level()).map_err(|_| QrError::EncoderFailed)?;
    QrMatrix::new(width, modules, version, ecc)
}

/// The QR version [`encode`] would choose for `text` at `ecc`, without building the symbol.
pub fn version_for(text: &str, ecc: Ecc) -> Result<u8, QrError> {
    smallest_fit(text, ecc).map(|(version, _)| version)
}

/// The data bits of `text` in the smallest version that fits, and that version.
fn smallest_fit(text: &str, ecc: Ecc) -> Result<(u8, Bits), QrError> {
    let data = text.as_bytes();
    let parsed: Vec<Segment> = Parser::new(data).map(without_kanji).collect();
    let eci_bits = if text.is_ascii() { 0 } else { ECI_HEADER_BITS };
    let level = ecc.level();

    for (first, last) in VERSION_BANDS {
        // Character-count fields, hence segment costs, are the same across a band.
        let band_version = Version::Normal(i16::from(last));
        let segments = best_segments(data.len(), &parsed, band_version);
        let needed = total_encoded_len(&segments, band_version) + eci_bits;
        for v in first..=last {
            let version = Version::Normal(i16::from(v));
            let capacity = Bits::new(version).max_len(level).map_err(|_| QrError::EncoderFailed)?;
            if needed > capacity {
                continue;
            }
            match fill(data, &segments, eci_bits > 0, version, ecc) {
                Ok(bits) => return Ok((v, bits)),
                // Not expected after the capacity check; a larger version may still fit.
                Err(CrateError::DataTooLong) => {}
                Err(_) => return Err(QrError::EncoderFailed),
            }
        }
    }
    Err(QrError::TooLong)
}

fn fill(data: &[u8], segments: &[Segment], eci: bool, version: Version, ecc: Ecc) -> Result<Bits, CrateError> {
    let mut bits = Bits::new(version);
    if eci {
        bits.push_eci_designator(ECI_UTF8)?;
    }
    bits.push_segments(data, segments.iter().copied())?;
    bits.push_terminator(ecc.level())?;
    Ok(bits)
}

fn without_kanji(segment: Segment) -> Segment {
    if segment.mode == Mode::Kanji { Segment { mode: Mode::Byte, ..segment } } else { segment }
}

/// The shorter of `qrcode`'s greedy segmentation and one segment in the narrowest mode that
/// covers the whole text.
fn best_segments(len: usize, parsed: &[Segment], version: Version) -> Vec<Segment> {
    let greedy: Vec<Segment> = Optimizer::new(parsed.iter().copied(), version).collect();
    let Some(first) = parsed.first() else {
        return greedy;
    };
    let mode = parsed.iter().fold(first.mode, |m, s| m.max(s.mode));
    let single = vec![Segment { mode, begin: 0, end: len }];
    if total_encoded_len(&single, version) < total_encoded_len(&greedy, version) { single } else { greedy }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::qr::testing::{base45_string, presentation_like};
    use qrcode::QrCode;

    fn modes(text: &str, version: u8) -> Vec<Mode> {
        let parsed: Vec<Segment> = Parser::new(text.as_bytes()).map(without_kanji).collect();
        best_segments(text.len(), &parsed, Version::Normal(i16::from(version))).into_iter().map(|s| s.mode).collect()
    }

    /// Smallest version holding `text` as a single alphanumeric segment, by brute force.
    fn pure_alphanumeric_version(text: &str, ecc: Ecc) -> Option<u8> {
        (1..=40u8).find(|v| {
            let mut bits = Bits::new(Version::Normal(i16::from(*v)));
            bits.push_alphanumeric_data(text.as_bytes()).is_ok() && bits.push_terminator(ecc.level()).is_ok()
        })
    }

    #[test]
    fn hello_world_is_version_1_at_every_level_up_to_q() {
        // ISO/IEC 18004 Annex I: "HELLO WORLD" is the 1-M example; alphanumeric capacity of
        // version 1 is 25/20/16/10 characters at L/M/Q/H.
        assert_eq!(version_for("HELLO WORLD", Ecc::M), Ok(1));
        assert_eq!(version_for("HELLO WORLD", Ecc::Q), Ok(1));
        assert_eq!(version_for("HELLO WORLD", Ecc::H), Ok(2));
        let m = encode("HELLO WORLD", Ecc::M).unwrap();
        assert_eq!((m.version(), m.width(), m.ecc()), (1, 21, Ecc::M));
    }

    #[test]
    fn presentation_sized_versions() {
        // 600 base45 characters: 4 + 11 + 3300 bits; version 15-M holds 3320 data bits.
        let expect = [(600, [13, 15, 19, 22]), (650, [14, 16, 20, 23])];
        for (len, versions) in expect {
            let text = presentation_like(len);
            for (ecc, v) in Ecc::ALL.into_iter().zip(versions) {
                assert_eq!(version_for(&text, ecc), Ok(v), "{len} chars at {ecc:?}");
            }
        }
    }

    #[test]
    fn capacity_edges_of_version_1() {
        assert_eq!(version_for(&"A".repeat(20), Ecc::M), Ok(1));
        assert_eq!(version_for(&"A".repeat(21), Ecc::M), Ok(2));
        assert_eq!(version_for(&"A".repeat(25), Ecc::L), Ok(1));
        assert_eq!(version_for(&"A".repeat(26), Ecc::L), Ok(2));
    }

    #[test]
    fn base45_text_uses_alphanumeric_mode_never_bytes() {
        let text = presentation_like(600);
        for v in [1u8, 9, 10, 26, 27, 40] {
            let ms = modes(&text, v);
            assert!(ms.iter().all(|m| matches!(m, Mode::Alphanumeric | Mode::Numeric)), "{ms:?}");
            assert!(ms.contains(&Mode::Alphanumeric));
        }
        for ecc in Ecc::ALL {
            assert_eq!(version_for(&text, ecc).ok(), pure_alphanumeric_version(&text, ecc));
        }
    }

    #[test]
    fn long_digit_runs_may_go_numeric_but_never_cost_more() {
        let text = format!("QJ1:{}ABC", "1234567890".repeat(20));
        for ecc in Ecc::ALL {
            let ours = version_for(&text, ecc).unwrap();
            assert!(ours <= pure_alphanumeric_version(&text, ecc).unwrap());
        }
        assert!(modes(&text, 10).contains(&Mode::Numeric));
    }

    #[test]
    fn utf8_that_looks_like_shift_jis_stays_in_byte_mode() {
        // Hiragana in UTF-8 (E3 81 82 …) parses almost entirely as Shift-JIS pairs, which
        // qrcode alone would keep in Kanji mode because 13 bits per pair beat 16.
        let text = "あいうえおかきくけこ".repeat(4);
        let raw: Vec<Mode> = Optimizer::new(Parser::new(text.as_bytes()), Version::Normal(5)).map(|s| s.mode).collect();
        assert!(raw.contains(&Mode::Kanji), "premise: {raw:?}");
        for v in [1u8, 10, 27] {
            assert_eq!(modes(&text, v), vec![Mode::Byte]);
        }
    }

    #[test]
    fn never_worse_than_one_alphanumeric_segment() {
        // qrcode's greedy optimiser splits "A1234567B…" into A | 1234567 | BA | 1234567 | …,
        // 62 bits per 9 characters instead of 50 in one alphanumeric segment.
        for reps in 1..=60 {
            let text = format!("QJ1:{}", "A1234567B".repeat(reps));
            for ecc in Ecc::ALL {
                assert_eq!(version_for(&text, ecc).ok(), pure_alphanumeric_version(&text, ecc), "{reps}");
            }
        }
    }

    #[test]
    fn non_ascii_text_is_announced_as_utf8() {
        // ECI mode 0111, designator 26 = 0001 1010, then the byte-mode indicator 0100.
        let (_, bits) = smallest_fit("Ақмола", Ecc::M).unwrap();
        let bytes = bits.into_bytes();
        assert_eq!((bytes[0], bytes[1] >> 4), (0b0111_0001, 0b1010));
        assert_eq!(bytes[1] & 0x0f, 0b0100);
        let (_, bits) = smallest_fit("QJ1:ABC", Ecc::M).unwrap();
        assert_eq!(bits.into_bytes()[0] >> 4, 0b0010, "alphanumeric mode, no ECI");
    }

    #[test]
    fn version_grows_with_length_and_ecc() {
        // Prefixes of one string, so a longer text always contains the shorter one.
        let base = base45_string(1800, 7);
        let mut last = [0u8; 4];
        for len in (0..=1800).step_by(25) {
            let text = &base[..len];
            let mut prev_level = 0u8;
            for (i, ecc) in Ecc::ALL.into_iter().enumerate() {
                let Ok(v) = version_for(text, ecc) else {
                    continue;
                };
                assert!(v >= last[i], "length {len} {ecc:?}: {v} < {}", last[i]);
                assert!(v >= prev_level, "length {len} {ecc:?}: {v} < {prev_level}");
                last[i] = v;
                prev_level = v;
            }
        }
    }

    #[test]
    fn too_long_is_a_typed_error() {
        // Version 40-L holds 4296 alphanumeric characters, 40-H 1852.
        assert_eq!(version_for(&base45_string(4296, 1), Ecc::L), Ok(40));
        assert_eq!(version_for(&base45_string(4297, 1), Ecc::L), Err(QrError::TooLong));
        assert_eq!(encode(&base45_string(1900, 1), Ecc::H), Err(QrError::TooLong));
    }

    #[test]
    fn chosen_version_is_the_smallest() {
        for len in [1usize, 20, 100, 333, 600, 650, 1200] {
            let text = presentation_like(len);
            for ecc in Ecc::ALL {
                let Ok(v) = version_for(&text, ecc) else {
                    continue;
                };
                if v > 1 {
                    let smaller = QrCode::with_version(&text, Version::Normal(i16::from(v) - 1), ecc.level());
                    assert!(smaller.is_err(), "len {len} {ecc:?} also fits version {}", v - 1);
                }
            }
        }
    }
}
