//! Terminal rendering with Unicode half blocks: two module rows per text line, so modules come
//! out roughly square in a typical 1:2 terminal cell.

use super::QrMatrix;

/// Which colours the terminal shows, so the code still reads dark-on-light to a scanner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TerminalTheme {
    /// Dark text on a light background (also text pasted into a document or e-mail): dark
    /// modules are drawn with block glyphs, light modules and the quiet zone are spaces.
    #[default]
    DarkOnLight,
    /// Light text on a dark background (most terminals' default): inverted drawing, so light
    /// modules and the quiet zone are glyphs (light on screen) and dark modules are spaces
    /// (the dark background).
    LightOnDark,
    /// Any terminal that honours ANSI colours: each line is wrapped in black-on-bright-white
    /// SGR codes (`ESC[30;107m` … `ESC[0m`) and drawn as [`DarkOnLight`](Self::DarkOnLight).
    Ansi,
}

const ANSI_BLACK_ON_WHITE: &str = "\x1b[30;107m";
const ANSI_RESET: &str = "\x1b[0m";

impl QrMatrix {
    /// The symbol for a terminal with **dark text on a light background**, quiet zone included:
    /// `█` both modules dark, `▀` upper dark, `▄` lower dark, space both light; one line per two
    /// module rows, `(width + 8 + 1) / 2` lines, each ending in `\n`.
    ///
    /// On a light-on-dark terminal this would show inverted; use
    /// [`to_terminal_for`](Self::to_terminal_for) with [`TerminalTheme::LightOnDark`] or
    /// [`TerminalTheme::Ansi`] there.
    pub fn to_terminal(&self) -> String {
        self.to_terminal_for(TerminalTheme::DarkOnLight)
    }

    /// The symbol drawn for the given terminal theme (see [`TerminalTheme`]).
    pub fn to_terminal_for(&self, theme: TerminalTheme) -> String {
        let n = self.width_with_quiet_zone();
        let ink_is_dark = theme != TerminalTheme::LightOnDark;
        let mut out = String::with_capacity(n.div_ceil(2) * (n * 3 + 16));
        for y in (0..n).step_by(2) {
            if theme == TerminalTheme::Ansi {
                out.push_str(ANSI_BLACK_ON_WHITE);
            }
            for x in 0..n {
                // The half row below the last one is outside the symbol: light, like the zone.
                let top = self.is_dark_padded(x, y) == ink_is_dark;
                let bottom = (y + 1 < n && self.is_dark_padded(x, y + 1)) == ink_is_dark;
                out.push(match (top, bottom) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                });
            }
            if theme == TerminalTheme::Ansi {
                out.push_str(ANSI_RESET);
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::qr::{Ecc, encode};

    /// Glyphs back to ink flags: (upper, lower) per character, per line.
    fn ink(line: &str) -> Vec<(bool, bool)> {
        line.chars()
            .map(|c| match c {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                ' ' => (false, false),
                other => panic!("unexpected glyph {other:?}"),
            })
            .collect()
    }

    fn assert_draws(m: &QrMatrix, text: &str, ink_is_dark: bool) {
        let n = m.width_with_quiet_zone();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), n.div_ceil(2));
        assert!(text.ends_with('\n'));
        for (i, line) in lines.iter().enumerate() {
            let cells = ink(line);
            assert_eq!(cells.len(), n);
            for (x, (top, bottom)) in cells.into_iter().enumerate() {
                let y = 2 * i;
                assert_eq!(top == ink_is_dark, m.is_dark_padded(x, y), "{x},{y}");
                if y + 1 < n {
                    assert_eq!(bottom == ink_is_dark, m.is_dark_padded(x, y + 1), "{x},{}", y + 1);
                } else {
                    assert_eq!(bottom, !ink_is_dark, "padding half row must be light");
                }
            }
        }
    }

    #[test]
    fn dark_on_light_draws_dark_modules_as_ink() {
        let m = encode("HELLO WORLD", Ecc::M).unwrap();
        let t = m.to_terminal();
        // 21 + 8 = 29 module rows, two per line: 15 lines.
        assert_eq!(t.lines().count(), 15);
        assert_draws(&m, &t, true);
        // The quiet zone is blank and the first finder pattern starts after 4 columns.
        assert!(t.lines().next().unwrap().chars().all(|c| c == ' '));
        assert_eq!(t.lines().nth(2).unwrap().chars().nth(4), Some('█'));
        assert_eq!(t, m.to_terminal_for(TerminalTheme::DarkOnLight));
    }

    #[test]
    fn light_on_dark_is_the_inverse() {
        let m = encode(&crate::qr::testing::presentation_like(300), Ecc::Q).unwrap();
        let t = m.to_terminal_for(TerminalTheme::LightOnDark);
        assert_draws(&m, &t, false);
        assert!(t.lines().next().unwrap().chars().all(|c| c == '█'));
    }

    #[test]
    fn ansi_wraps_dark_on_light_lines_in_colour_codes() {
        let m = encode("QJ1:ANSI", Ecc::L).unwrap();
        let t = m.to_terminal_for(TerminalTheme::Ansi);
        let plain: String = t
            .lines()
            .map(|l| {
                let inner = l.strip_prefix(ANSI_BLACK_ON_WHITE).unwrap();
                format!("{}\n", inner.strip_suffix(ANSI_RESET).unwrap())
            })
            .collect();
        assert_eq!(plain, m.to_terminal());
    }
}
