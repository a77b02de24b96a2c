//! The encoded symbol as a plain module matrix.

use std::fmt;

use super::{Ecc, QrError};

/// Light modules every renderer puts around the symbol (the quiet zone the standard asks for).
pub const QUIET_ZONE: usize = 4;

/// An encoded QR symbol: `width × width` modules, row-major, `true` = dark.
///
/// It encodes a presentation, so `Debug` shows only version, level and width.
#[derive(Clone, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    modules: Vec<bool>,
    version: u8,
    ecc: Ecc,
}

impl QrMatrix {
    pub(crate) fn new(width: usize, modules: Vec<bool>, version: u8, ecc: Ecc) -> Result<Self, QrError> {
        let consistent = (1..=40).contains(&version)
            && width == 17 + 4 * usize::from(version)
            && width.checked_mul(width) == Some(modules.len());
        if !consistent {
            return Err(QrError::EncoderFailed);
        }
        Ok(Self { width, modules, version, ecc })
    }

    /// QR version, 1..=40 (width = 17 + 4 × version).
    pub fn version(&self) -> u8 {
        self.version
    }

    /// Error-correction level.
    pub fn ecc(&self) -> Ecc {
        self.ecc
    }

    /// Modules per side, without quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark; `false` outside the symbol.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        if x >= self.width || y >= self.width {
            return false;
        }
        self.modules.get(y * self.width + x).copied().unwrap_or(false)
    }

    /// All modules, row-major (`modules()[y * width() + x]`), `true` = dark, without quiet zone.
    ///
    /// For crisp native drawing: one filled square per dark module, with [`QUIET_ZONE`] light
    /// modules of margin.
    pub fn modules(&self) -> &[bool] {
        &self.modules
    }

    /// Modules per side including the quiet zone on both sides.
    pub fn width_with_quiet_zone(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// Like [`is_dark`](Self::is_dark), in coordinates that include the quiet zone.
    pub(crate) fn is_dark_padded(&self, x: usize, y: usize) -> bool {
        match (x.checked_sub(QUIET_ZONE), y.checked_sub(QUIET_ZONE)) {
            (Some(x), Some(y)) => self.is_dark(x, y),
            _ => false,
        }
    }
}

impl fmt::Debug for QrMatrix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QrMatrix")
            .field("version", &self.version)
            .field("ecc", &self.ecc)
            .field("width", &self.width)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::qr::encode;

    #[test]
    fn accessors_agree_with_modules() {
        let m = encode("QJ1:ABC", Ecc::Q).unwrap();
        assert_eq!(m.modules().len(), m.width() * m.width());
        for y in 0..m.width() {
            for x in 0..m.width() {
                assert_eq!(m.is_dark(x, y), m.modules()[y * m.width() + x]);
            }
        }
        // Finder pattern: top-left 7×7 has a dark border and a light ring.
        assert!(m.is_dark(0, 0) && m.is_dark(6, 6) && !m.is_dark(1, 1) && m.is_dark(3, 3));
        assert_eq!(m.width_with_quiet_zone(), m.width() + 8);
    }

    #[test]
    fn out_of_range_is_light_and_never_panics() {
        let m = encode("A", Ecc::M).unwrap();
        for (x, y) in [(21, 0), (0, 21), (usize::MAX, usize::MAX), (usize::MAX, 0)] {
            assert!(!m.is_dark(x, y));
            assert!(!m.is_dark_padded(x, y));
        }
        assert!(!m.is_dark_padded(0, 0));
        assert!(m.is_dark_padded(QUIET_ZONE, QUIET_ZONE));
    }

    #[test]
    fn debug_does_not_leak_modules() {
        let m = encode("QJ1:SECRET", Ecc::M).unwrap();
        let dbg = format!("{m:?}");
        assert!(dbg.contains("version: 1") && !dbg.contains("true") && !dbg.contains("SECRET"));
    }

    #[test]
    fn inconsistent_parts_are_refused() {
        assert!(QrMatrix::new(21, vec![false; 441], 1, Ecc::M).is_ok());
        assert_eq!(QrMatrix::new(21, vec![false; 440], 1, Ecc::M), Err(QrError::EncoderFailed));
        assert_eq!(QrMatrix::new(25, vec![false; 625], 1, Ecc::M), Err(QrError::EncoderFailed));
        assert_eq!(QrMatrix::new(181, vec![false; 181 * 181], 41, Ecc::M), Err(QrError::EncoderFailed));
    }
}
