//! SVG rendering: one white square, one black path, in module units.

use std::fmt::Write as _;

use super::QrMatrix;

impl QrMatrix {
    /// An SVG document (starting with `<svg`) of the symbol with a 4-module quiet zone, black
    /// on white, `module_px` pixels per module (0 is treated as 1).
    ///
    /// The drawing is in module units (`viewBox`), each horizontal run of dark modules one
    /// rectangle of the path, with `shape-rendering="crispEdges"` so scaled renderers do not
    /// anti-alias module edges.
    pub fn to_svg(&self, module_px: u32) -> String {
        let n = self.width_with_quiet_zone();
        let side = n as u64 * u64::from(module_px.max(1));
        let mut d = String::new();
        for y in 0..n {
            let mut x = 0;
            while x < n {
                if !self.is_dark_padded(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < n && self.is_dark_padded(x, y) {
                    x += 1;
                }
                let run = x - start;
                // Writing to a String cannot fail.
                let _ = write!(d, "M{start} {y}h{run}v1h-{run}z");
            }
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{side}\" \
             height=\"{side}\" viewBox=\"0 0 {n} {n}\" shape-rendering=\"crispEdges\">\
             <rect width=\"{n}\" height=\"{n}\" fill=\"#ffffff\"/>\
             <path fill=\"#000000\" d=\"{d}\"/></svg>\n"
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use crate::qr::{Ecc, QUIET_ZONE, QrMatrix, encode};

    /// Rebuild the padded module grid from the path data (`M{x} {y}h{run}v1h-{run}z`…).
    fn grid_from_svg(svg: &str, n: usize) -> Vec<bool> {
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        let mut grid = vec![false; n * n];
        for cmd in d.split('z').filter(|c| !c.is_empty()) {
            let rest = cmd.strip_prefix('M').unwrap();
            let (xy, tail) = rest.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let run: usize = tail.split_once('v').unwrap().0.parse().unwrap();
            assert_eq!(tail, format!("{run}v1h-{run}"));
            for i in x..x + run {
                assert!(!grid[y * n + i], "overlapping rectangles");
                grid[y * n + i] = true;
            }
        }
        grid
    }

    fn check(m: &QrMatrix, module_px: u32) {
        let svg = m.to_svg(module_px);
        let n = m.width() + 2 * QUIET_ZONE;
        assert!(svg.starts_with("<svg"));
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("shape-rendering=\"crispEdges\""));
        let side = n as u32 * module_px.max(1);
        assert!(svg.contains(&format!("width=\"{side}\" height=\"{side}\"")));
        assert!(svg.contains(&format!("viewBox=\"0 0 {n} {n}\"")));
        let grid = grid_from_svg(&svg, n);
        let dark = grid.iter().filter(|d| **d).count();
        assert_eq!(dark, m.modules().iter().filter(|d| **d).count());
        for y in 0..n {
            for x in 0..n {
                assert_eq!(grid[y * n + x], m.is_dark_padded(x, y), "module {x},{y}");
            }
        }
    }

    #[test]
    fn svg_draws_exactly_the_dark_modules_inside_a_quiet_zone() {
        check(&encode("HELLO WORLD", Ecc::M).unwrap(), 8);
        check(&encode(&crate::qr::testing::presentation_like(600), Ecc::Q).unwrap(), 3);
    }

    #[test]
    fn zero_module_size_is_one_pixel() {
        let m = encode("A", Ecc::L).unwrap();
        check(&m, 0);
        assert!(m.to_svg(0).contains("width=\"29\""));
    }
}
