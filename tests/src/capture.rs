//! The reader's capture set: a real presentation's QR code (the default presentation of the
//! ENU fixture, version 16 at ECC M) photographed by the simulated camera of `qujat-capture`
//! at the levels of issue 14, read by the core's reader ([`qr::decode_luma`]) and, as the
//! second reader of the comparison, by `rqrr` alone (the core's reader before issue 14).

use std::time::{Duration, Instant};

use qujat_capture::{HEIGHT, Params, Symbol, WIDTH};
use qujat_core::credential::ClaimSet;
use qujat_core::qr::{self, DecodeLimits, Ecc, QUIET_ZONE};

use crate::World;

/// The fixture whose default presentation is photographed.
pub const FIXTURE: &str = "enu-bachelor-honors";

/// A presentation's text and its QR symbol with the quiet zone, as the camera sees it.
pub struct Subject {
    /// The presentation (`QJ1:…`).
    pub text: String,
    /// QR version of the symbol.
    pub version: u8,
    /// Side in modules, quiet zone included.
    pub side: usize,
    /// Dark modules, row by row, quiet zone included.
    pub dark: Vec<bool>,
}

impl Subject {
    /// The default presentation of [`FIXTURE`] from a fixed-seed world, encoded at ECC M (as the
    /// app shows it).
    pub fn default_presentation() -> Self {
        let mut w = World::new("capture");
        let bundle = w.issue(FIXTURE);
        let text = w.present(&bundle, ClaimSet::default_presentation(), None).text;
        let m = qr::encode(&text, Ecc::M).unwrap();
        let (width, side) = (m.width(), m.width() + 2 * QUIET_ZONE);
        let mut dark = vec![false; side * side];
        for y in 0..width {
            for x in 0..width {
                dark[(y + QUIET_ZONE) * side + x + QUIET_ZONE] = m.modules()[y * width + x];
            }
        }
        Self { text, version: m.version(), side, dark }
    }

    /// Capture number `index` at `px` pixels per module (a 1280×720 luma frame).
    pub fn capture(&self, px: f64, index: u64) -> Vec<u8> {
        let seed = index.wrapping_mul(0x100) ^ (px * 10.0) as u64;
        qujat_capture::capture(Symbol { side: self.side, dark: &self.dark }, &Params::from_seed(px, seed), seed)
    }
}

/// How many captures per level the benchmark report measures (the test uses fewer).
pub const REPORT_PER_LEVEL: u64 = 100;

/// A screen showing no code (the quiet zone's white only), photographed like capture `index`.
pub fn blank_capture(px: f64, index: u64) -> Vec<u8> {
    let dark = vec![false; 89 * 89];
    let seed = index.wrapping_mul(0x100) ^ (px * 10.0) as u64;
    qujat_capture::capture(Symbol { side: 89, dark: &dark }, &Params::from_seed(px, seed), seed)
}

/// The rates of the core's reader and of rqrr alone at every level of
/// [`qujat_capture::LEVELS`], on `count` captures each.
pub fn rates_per_level(count: u64) -> Vec<(f64, Rate, Rate)> {
    let subject = Subject::default_presentation();
    qujat_capture::LEVELS
        .iter()
        .map(|&px| {
            let r = measure(&subject, px, count, &[core_reader, rqrr_reader]);
            (px, r[0], r[1])
        })
        .collect()
}

/// A reader under test: a luma frame → the text, if it read one.
pub type Reader = fn(&[u8]) -> Option<String>;

/// The core's reader, [`qr::decode_luma`] with the default limits.
pub fn core_reader(luma: &[u8]) -> Option<String> {
    qr::decode_luma(WIDTH as u32, HEIGHT as u32, luma, DecodeLimits::DEFAULT).ok()
}

/// `rqrr` alone, the core's reader before issue 14 ([`qujat_capture::rqrr_read`]).
pub fn rqrr_reader(luma: &[u8]) -> Option<String> {
    qujat_capture::rqrr_read(luma)
}

/// What one reader made of one level of the capture set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Captures read with exactly the presentation's text.
    pub read: usize,
    /// Captures tried.
    pub total: usize,
    /// Wall time spent reading them (capture generation excluded).
    pub time: Duration,
}

impl Rate {
    /// Success rate in percent.
    pub fn percent(&self) -> f64 {
        100.0 * self.read as f64 / self.total.max(1) as f64
    }
}

/// The rates of `readers` on `count` captures at `px` pixels per module (same captures for all).
pub fn measure(subject: &Subject, px: f64, count: u64, readers: &[Reader]) -> Vec<Rate> {
    let mut rates = vec![Rate { read: 0, total: 0, time: Duration::ZERO }; readers.len()];
    for index in 0..count {
        let frame = subject.capture(px, index);
        for (reader, rate) in readers.iter().zip(&mut rates) {
            let start = Instant::now();
            let got = reader(&frame);
            rate.time += start.elapsed();
            rate.total += 1;
            rate.read += usize::from(got.as_deref() == Some(subject.text.as_str()));
        }
    }
    rates
}
