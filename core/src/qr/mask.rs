//! Mask choice: the eight QR masks, scored by `qrcode` 0.14's own rules, without its cost.
//!
//! `qrcode::QrCode::with_bits` spends about 95 % of its time choosing the mask (profiled in
//! `docs/PERFORMANCE.md`): every module read goes through a wrap-around, bounds-checked `get`,
//! and the finder-pattern score boxes a closure for every module of every candidate. Here the
//! symbol is still drawn by the crate's canvas (function patterns, codeword placement, the
//! masks and format information are all the crate's); only the scoring of the eight candidates
//! is done here, a row of bits at a time, with the same four rules and the same tie-break (the
//! first lowest score wins). The chosen matrix is therefore the crate's, module for module; a
//! test checks that against `QrCode::with_bits` at every version and level.

use qrcode::EcLevel;
use qrcode::bits::Bits;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::types::{Color, QrResult};

/// The candidates, in the order `qrcode` tries them.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// `1:1:3:1:1` (dark, light, dark × 3, light, dark): what a finder pattern looks like.
const FINDER: [bool; 7] = [true, false, true, true, true, false, true];

/// Error-correct `bits`, draw the symbol and apply the best mask: `(width, modules)`, row-major,
/// `true` = dark. The same symbol as `QrCode::with_bits(bits, level)` for a normal QR version.
pub(super) fn symbol(bits: Bits, level: EcLevel) -> QrResult<(usize, Vec<bool>)> {
    let (width, canvas) = draw(bits, level)?;
    Ok((width, best_mask(width, &canvas).1))
}

/// The unmasked symbol and its width.
fn draw(bits: Bits, level: EcLevel) -> QrResult<(usize, Canvas)> {
    let version = bits.version();
    let data = bits.into_bytes();
    let (data_codewords, ec_codewords) = qrcode::ec::construct_codewords(&data, version, level)?;
    let mut canvas = Canvas::new(version, level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data_codewords, &ec_codewords);
    Ok((usize::try_from(version.width()).unwrap_or_default(), canvas))
}

/// The index in [`MASKS`] of the first candidate with the lowest penalty, and its modules.
fn best_mask(width: usize, canvas: &Canvas) -> (usize, Vec<bool>) {
    let mut best: (usize, u32, Vec<bool>) = (0, u32::MAX, Vec::new());
    for (i, mask) in MASKS.into_iter().enumerate() {
        let mut candidate = canvas.clone();
        candidate.apply_mask(mask);
        let dark: Vec<bool> = candidate.into_colors().into_iter().map(|c| c == Color::Dark).collect();
        let score = penalty(width, &dark);
        if i == 0 || score < best.1 {
            best = (i, score, dark);
        }
    }
    (best.0, best.2)
}

/// Words per row: the widest symbol (version 40) is 177 modules.
const WORDS: usize = 3;

/// One row (or a mask over columns) as bits: bit `x` is column `x`, `1` = dark. Bits past the
/// symbol's width are kept at zero by every constructor and operation that could set them.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Bits192([u64; WORDS]);

impl Bits192 {
    /// Bits `0..n`.
    fn first(n: usize) -> Self {
        let mut out = Self::default();
        for (i, w) in out.0.iter_mut().enumerate() {
            let lo = i * 64;
            *w = match n.saturating_sub(lo) {
                0 => 0,
                k if k >= 64 => u64::MAX,
                k => (1u64 << k) - 1,
            };
        }
        out
    }
    fn from_modules(modules: &[bool]) -> Self {
        let mut out = Self::default();
        for (x, &dark) in modules.iter().enumerate().take(WORDS * 64) {
            out.0[x / 64] |= u64::from(dark) << (x % 64);
        }
        out
    }
    fn zip(self, other: Self, f: impl Fn(u64, u64) -> u64) -> Self {
        Self(std::array::from_fn(|i| f(self.0[i], other.0[i])))
    }
    fn and(self, other: Self) -> Self {
        self.zip(other, |a, b| a & b)
    }
    fn or(self, other: Self) -> Self {
        self.zip(other, |a, b| a | b)
    }
    /// Bit `x` set where `self` and `other` agree.
    fn same(self, other: Self) -> Self {
        self.zip(other, |a, b| !(a ^ b))
    }
    fn not(self) -> Self {
        Self(self.0.map(|w| !w))
    }
    /// Bit `x` of the result is bit `x + k` of `self` (`k < 64`).
    fn down(self, k: u32) -> Self {
        if k == 0 {
            return self;
        }
        let w = self.0;
        Self(std::array::from_fn(|i| w[i] >> k | w.get(i + 1).map_or(0, |next| next << (64 - k))))
    }
    /// Bit `x` of the result is bit `x - k` of `self`, zero for `x < k` (`k < 64`).
    fn up(self, k: u32) -> Self {
        if k == 0 {
            return self;
        }
        let w = self.0;
        Self(std::array::from_fn(|i| w[i] << k | i.checked_sub(1).map_or(0, |prev| w[prev] >> (64 - k))))
    }
    fn count(self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }
}

/// The total penalty of a masked symbol, as `qrcode` 0.14 computes it (its sum is `u16`; the
/// scores of any symbol we make stay far below that range, so `u32` changes nothing).
///
/// The modules are scored a row of bits at a time: on data that looks random, a branch per
/// module is a branch mispredicted every other module, which cost more than the scoring itself.
fn penalty(width: usize, modules: &[bool]) -> u32 {
    if !(7..=WORDS * 64).contains(&width) || modules.len() != width * width {
        return u32::MAX;
    }
    let rows: Vec<Bits192> = modules.chunks_exact(width).map(Bits192::from_modules).collect();
    let inside = Bits192::first(width);
    let dark: u32 = rows.iter().map(|r| r.count()).sum();
    adjacent_in_rows(width, &rows)
        + adjacent_in_columns(inside, &rows)
        + blocks(width, &rows)
        + finder_like_in_rows(&rows).saturating_sub(FINDERS_SCORE)
        + finder_like_in_columns(&rows).saturating_sub(FINDERS_SCORE)
        + balance(dark, width * width)
}

/// Rule 1 as sums: a run of `L ≥ 5` costs `L − 2` = (its `L − 4` uniform windows of five) + 2.
fn run_cost(uniform5: Bits192, starts: Bits192) -> u32 {
    uniform5.count() + 2 * uniform5.and(starts).count()
}

/// Rule 1 along rows: every run of 5 + n same-colour modules costs 3 + n.
fn adjacent_in_rows(width: usize, rows: &[Bits192]) -> u32 {
    let pairs = Bits192::first(width - 1);
    rows.iter()
        .map(|r| {
            // eq bit x: modules x and x + 1 agree; a window of five at x is four agreeing pairs.
            let eq = r.same(r.down(1)).and(pairs);
            let uniform5 = eq.and(eq.down(1)).and(eq.down(2)).and(eq.down(3));
            run_cost(uniform5, eq.up(1).not())
        })
        .sum()
}

/// Rule 1 along columns, all columns of a row at once.
fn adjacent_in_columns(inside: Bits192, rows: &[Bits192]) -> u32 {
    let eq: Vec<Bits192> = rows.windows(2).map(|p| p[0].same(p[1]).and(inside)).collect();
    (0..eq.len().saturating_sub(3))
        .map(|y| {
            let uniform5 = eq[y].and(eq[y + 1]).and(eq[y + 2]).and(eq[y + 3]);
            let starts = y.checked_sub(1).map_or(inside, |above| eq[above].not());
            run_cost(uniform5, starts)
        })
        .sum()
}

/// Rule 2: every 2 × 2 block of one colour (overlapping) costs 3.
fn blocks(width: usize, rows: &[Bits192]) -> u32 {
    let pairs = Bits192::first(width - 1);
    let across = |r: &Bits192| r.same(r.down(1));
    rows.windows(2).map(|p| 3 * across(&p[0]).and(across(&p[1])).and(p[0].same(p[1])).and(pairs).count()).sum()
}

/// What the three real finder patterns score in each direction (9 × 40): `qrcode` subtracts it.
const FINDERS_SCORE: u32 = 360;

/// Rule 3, in `qrcode`'s variant: a `1:1:3:1:1` run with four light (or outside) modules on
/// at least one side costs 40.
fn finder_like(matches: Bits192, before_dark: Bits192, after_dark: Bits192) -> u32 {
    40 * matches.and(before_dark.and(after_dark).not()).count()
}

fn finder_like_in_rows(rows: &[Bits192]) -> u32 {
    rows.iter()
        .map(|r| {
            // Bit j: modules j..j+7 are the pattern (its dark ends keep j inside the symbol).
            let at = |k: u32, dark: bool| if dark { r.down(k) } else { r.down(k).not() };
            let matches = (0..7).fold(r.or(r.not()), |acc, k| acc.and(at(k, FINDER[k as usize])));
            let before = (1..=4).fold(Bits192::default(), |acc, k| acc.or(r.up(k)));
            let after = (7..=10).fold(Bits192::default(), |acc, k| acc.or(r.down(k)));
            finder_like(matches, before, after)
        })
        .sum()
}

fn finder_like_in_columns(rows: &[Bits192]) -> u32 {
    let row = |y: usize| rows.get(y).copied().unwrap_or_default();
    (0..rows.len().saturating_sub(6))
        .map(|y| {
            let matches = (0..7)
                .fold(row(y).or(row(y).not()), |acc, k| acc.and(if FINDER[k] { row(y + k) } else { row(y + k).not() }));
            let before =
                (1..=4).filter_map(|k| y.checked_sub(k)).fold(Bits192::default(), |acc, above| acc.or(row(above)));
            let after = (7..=10).fold(Bits192::default(), |acc, k| acc.or(row(y + k)));
            finder_like(matches, before, after)
        })
        .sum()
}

/// Rule 4: distance of the dark share from 50 %, in half-percent steps, unrounded.
fn balance(dark: u32, total: usize) -> u32 {
    let ratio = usize::try_from(dark).unwrap_or(usize::MAX).saturating_mul(200) / total.max(1);
    u32::try_from(ratio.abs_diff(100)).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::qr::Ecc;
    use crate::qr::testing::{base45_string, presentation_like};
    use qrcode::QrCode;
    use qrcode::types::Version;

    fn crate_symbol(bits: Bits, level: EcLevel) -> Vec<bool> {
        QrCode::with_bits(bits, level).unwrap().into_colors().into_iter().map(|c| c == Color::Dark).collect()
    }

    fn bits_for(text: &str, version: u8, level: EcLevel) -> Option<Bits> {
        let mut bits = Bits::new(Version::Normal(i16::from(version)));
        bits.push_alphanumeric_data(text.as_bytes()).ok()?;
        bits.push_terminator(level).ok()?;
        Some(bits)
    }

    #[test]
    fn same_symbol_as_qrcode_across_versions_and_levels() {
        // Every version from 1 to 40 and every level, each with data filling it roughly half
        // or fully, so that all eight masks win somewhere.
        let mut masks_seen = std::collections::BTreeSet::new();
        for version in 1..=40u8 {
            for ecc in Ecc::ALL {
                let level = ecc.level();
                let capacity_chars = Bits::new(Version::Normal(i16::from(version))).max_len(level).unwrap() * 2 / 11;
                for (i, len) in [capacity_chars / 2, capacity_chars.saturating_sub(8)].into_iter().enumerate() {
                    let text = base45_string(len, u64::from(version) * 8 + i as u64);
                    let Some(bits) = bits_for(&text, version, level) else {
                        continue;
                    };
                    let (width, canvas) = draw(bits, level).unwrap();
                    assert_eq!(width, 17 + 4 * usize::from(version));
                    let (mask, ours) = best_mask(width, &canvas);
                    assert!(
                        ours == crate_symbol(bits_for(&text, version, level).unwrap(), level),
                        "version {version} {ecc:?} length {len}"
                    );
                    masks_seen.insert(mask);
                }
            }
        }
        assert_eq!(masks_seen.len(), 8, "every mask chosen at least once: {masks_seen:?}");
    }

    #[test]
    fn same_symbol_for_presentation_sized_text() {
        for len in [40usize, 333, 512, 700, 1000] {
            let text = presentation_like(len);
            for ecc in Ecc::ALL {
                let Ok(version) = super::super::version_for(&text, ecc) else {
                    continue;
                };
                let bits = || bits_for(&text, version, ecc.level()).unwrap();
                assert!(symbol(bits(), ecc.level()).unwrap().1 == crate_symbol(bits(), ecc.level()), "{len} {ecc:?}");
            }
        }
    }

    #[test]
    fn scoring_rules_on_small_grids() {
        let rows = |grid: &[&[bool]]| -> Vec<Bits192> { grid.iter().map(|r| Bits192::from_modules(r)).collect() };
        // A row of 7 dark modules: one run of 7 costs 5; so does a column of 7.
        let (d, l) = (true, false);
        assert_eq!(adjacent_in_rows(7, &rows(&[&[d; 7]])), 5);
        assert_eq!(adjacent_in_rows(7, &rows(&[&[d, d, d, d, l, d, d]])), 0);
        assert_eq!(adjacent_in_rows(12, &rows(&[&[d, d, d, d, d, l, l, l, l, l, l, d]])), 3 + 4);
        assert_eq!(adjacent_in_columns(Bits192::first(1), &rows(&[&[d][..]; 7])), 5);
        // A 2 × 2 of one colour costs 3.
        assert_eq!(blocks(2, &rows(&[&[d, d], &[d, d]])), 3);
        assert_eq!(blocks(2, &rows(&[&[d, l], &[d, d]])), 0);
        // Balance: all dark is 100 points, half dark 0.
        assert_eq!(balance(4, 4), 100);
        assert_eq!(balance(2, 4), 0);
        // Shifts carry across words.
        let mut wide = [false; 177];
        wide[64] = true;
        let b = Bits192::from_modules(&wide);
        assert_eq!(b.down(1).0[0], 1 << 63);
        assert_eq!(b.up(1).0[1], 1 << 1);
        assert_eq!(Bits192::first(177).count(), 177);
    }

    /// The rules written out module by module, as `qrcode` writes them: the total, and the
    /// finder-like scores along rows and columns before the 360 is taken off.
    fn reference_penalty(w: usize, m: &[bool]) -> (u32, [u32; 2]) {
        let at = |x: usize, y: usize| m[y * w + x];
        let mut score = 0u32;
        let mut finders = [0u32; 2];
        for (dir, horizontal) in [true, false].into_iter().enumerate() {
            let get = |i: usize, j: usize| if horizontal { at(j, i) } else { at(i, j) };
            let mut finder = 0u32;
            for i in 0..w {
                let mut run = 1u32;
                for j in 1..w {
                    if get(i, j) == get(i, j - 1) {
                        run += 1;
                    } else {
                        score += if run >= 5 { run - 2 } else { 0 };
                        run = 1;
                    }
                }
                score += if run >= 5 { run - 2 } else { 0 };
                for j in 0..=w - 7 {
                    if (0..7).all(|k| get(i, j + k) == FINDER[k]) {
                        let before = (j.saturating_sub(4)..j).any(|k| get(i, k));
                        let after = (j + 7..(j + 11).min(w)).any(|k| get(i, k));
                        finder += if !before || !after { 40 } else { 0 };
                    }
                }
            }
            score += finder.saturating_sub(360);
            finders[dir] = finder;
        }
        for y in 0..w - 1 {
            for x in 0..w - 1 {
                let c = at(x, y);
                score += if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c { 3 } else { 0 };
            }
        }
        let dark = m.iter().filter(|&&d| d).count();
        (score + u32::try_from((dark * 200 / m.len()).abs_diff(100)).unwrap(), finders)
    }

    proptest::proptest! {
        #[test]
        fn bit_parallel_scoring_equals_the_rules(version in 1usize..=40, seed in proptest::prelude::any::<u64>(), density in 1u64..8) {
            // Random grids with finder-like runs planted, at every width, sparse to dense.
            let w = 17 + 4 * version;
            let mut state = seed | 1;
            let mut m: Vec<bool> = (0..w * w).map(|_| {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17;
                state % 8 < density
            }).collect();
            for k in 0..(state % 20) as usize {
                let (x, y) = ((state as usize >> 8).wrapping_add(k * 31) % (w - 7), (state as usize >> 20).wrapping_add(k * 17) % w);
                for (i, &d) in FINDER.iter().enumerate() {
                    if k % 2 == 0 { m[y * w + x + i] = d } else { m[(x + i) * w + y] = d }
                }
            }
            let rows: Vec<Bits192> = m.chunks_exact(w).map(Bits192::from_modules).collect();
            let (total, finders) = reference_penalty(w, &m);
            proptest::prop_assert_eq!(penalty(w, &m), total);
            proptest::prop_assert_eq!([finder_like_in_rows(&rows), finder_like_in_columns(&rows)], finders);
        }
    }
}
