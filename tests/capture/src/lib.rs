//! Simulated phone-camera captures of a QR code (test only): the symbol on a phone's screen,
//! photographed by a laptop or phone camera into a 1280×720 8-bit luma frame.
//!
//! Each capture is generated from a seed, deterministically, through the steps a real capture
//! goes through:
//! 1. **Geometry**: the screen (the QR with its quiet zone and a white margin) placed in 3-D,
//!    tilted by up to [`MAX_TILT_DEG`] about a random axis in its plane, rotated in the image
//!    plane by up to ±[`MAX_ROTATION_DEG`], seen through a pinhole camera (focal length
//!    [`FOCAL_PX`]) at the distance where the symbol's centre measures the level's pixels per
//!    module; rendered with 2×2 supersampling over a textured background.
//! 2. **Light**: a random contrast between dark modules and the lit screen, a shading gradient,
//!    and (on half the captures) a glare spot over the symbol.
//! 3. **Optics and sensor**: Gaussian blur (σ 0.3–0.9 px), Gaussian noise (σ 2–6 levels).
//! 4. **JPEG** at quality 55–90: JPEG's lossy steps exactly (8×8 DCT, the standard luminance
//!    quantisation table scaled by quality as libjpeg does, rounding); the entropy coding after
//!    them is lossless and is skipped.
//!
//! The parameters of every capture come from [`Params::from_seed`], so a failing capture can be
//! reproduced from its seed alone.

use std::f64::consts::PI;

/// Frame width in pixels (720p, the usual camera stream).
pub const WIDTH: usize = 1280;
/// Frame height in pixels.
pub const HEIGHT: usize = 720;
/// Largest in-plane rotation, degrees (either direction).
pub const MAX_ROTATION_DEG: f64 = 30.0;
/// Largest perspective tilt of the screen, degrees.
pub const MAX_TILT_DEG: f64 = 20.0;
/// The camera's focal length in pixels (about 65° of horizontal field of view at 1280 px).
pub const FOCAL_PX: f64 = 1000.0;
/// White screen around the quiet zone, in modules.
const SCREEN_MARGIN: f64 = 3.0;

/// The capture levels of issue 14: pixels per module at the symbol's centre.
pub const LEVELS: [f64; 4] = [6.0, 4.0, 3.0, 2.5];

/// A QR symbol to photograph: `side × side` modules, quiet zone included, row by row.
#[derive(Clone, Copy)]
pub struct Symbol<'a> {
    /// Side in modules, quiet zone included.
    pub side: usize,
    /// `true` for a dark module.
    pub dark: &'a [bool],
}

impl Symbol<'_> {
    fn is_dark(&self, u: f64, v: f64) -> bool {
        if u < 0.0 || v < 0.0 {
            return false;
        }
        let (x, y) = (u as usize, v as usize);
        x < self.side && y < self.side && self.dark.get(y * self.side + x).copied().unwrap_or(false)
    }
}

/// Deterministic random numbers (SplitMix64): no dependency, same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `[lo, hi)`.
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * PI * u2).cos()
    }
}

/// Everything that varies between captures, drawn from a seed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Pixels per module at the symbol's centre.
    pub px: f64,
    /// In-plane rotation, degrees.
    pub rotation_deg: f64,
    /// Perspective tilt, degrees, about the in-plane axis at `tilt_axis_deg`.
    pub tilt_deg: f64,
    /// Direction of the tilt axis in the screen's plane, degrees.
    pub tilt_axis_deg: f64,
    /// Where the symbol's centre lands, as a fraction of the free room left and right (0–1).
    pub offset: (f64, f64),
    /// Luma of a dark module.
    pub dark: f64,
    /// Luma of the lit screen.
    pub light: f64,
    /// Mean luma of the background (textured around it).
    pub background: f64,
    /// Shading: relative brightness change across the frame, horizontally and vertically.
    pub shading: (f64, f64),
    /// Glare spot: strength (0 = none), radius in pixels, centre as a fraction of the symbol.
    pub glare: (f64, f64, (f64, f64)),
    /// Gaussian blur σ, pixels.
    pub blur: f64,
    /// Gaussian noise σ, luma levels.
    pub noise: f64,
    /// JPEG quality (libjpeg scale, 1–100).
    pub jpeg_quality: u32,
}

impl Params {
    /// The parameters of capture `seed` at `px` pixels per module.
    pub fn from_seed(px: f64, seed: u64) -> Self {
        let mut r = Rng::new(seed ^ 0x5155_4A41_5443_4150);
        let glare_on = r.unit() < 0.5;
        Self {
            px,
            rotation_deg: r.range(-MAX_ROTATION_DEG, MAX_ROTATION_DEG),
            tilt_deg: r.range(0.0, MAX_TILT_DEG),
            tilt_axis_deg: r.range(0.0, 360.0),
            offset: (r.unit(), r.unit()),
            dark: r.range(15.0, 70.0),
            light: r.range(170.0, 240.0),
            background: r.range(60.0, 150.0),
            shading: (r.range(-0.2, 0.2), r.range(-0.2, 0.2)),
            glare: (if glare_on { r.range(0.25, 0.6) } else { 0.0 }, r.range(25.0, 80.0), (r.unit(), r.unit())),
            blur: r.range(0.3, 0.9),
            noise: r.range(2.0, 6.0),
            jpeg_quality: 55 + (r.next_u64() % 36) as u32,
        }
    }
}

type Mat3 = [[f64; 3]; 3];

fn mul(a: &Mat3, b: &Mat3) -> Mat3 {
    let mut c = [[0.0; 3]; 3];
    for (i, row) in c.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = (0..3).map(|k| a[i][k] * b[k][j]).sum();
        }
    }
    c
}

fn inverse(m: &Mat3) -> Mat3 {
    let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    let d = 1.0 / det;
    [
        [
            (m[1][1] * m[2][2] - m[1][2] * m[2][1]) * d,
            (m[0][2] * m[2][1] - m[0][1] * m[2][2]) * d,
            (m[0][1] * m[1][2] - m[0][2] * m[1][1]) * d,
        ],
        [
            (m[1][2] * m[2][0] - m[1][0] * m[2][2]) * d,
            (m[0][0] * m[2][2] - m[0][2] * m[2][0]) * d,
            (m[0][2] * m[1][0] - m[0][0] * m[1][2]) * d,
        ],
        [
            (m[1][0] * m[2][1] - m[1][1] * m[2][0]) * d,
            (m[0][1] * m[2][0] - m[0][0] * m[2][1]) * d,
            (m[0][0] * m[1][1] - m[0][1] * m[1][0]) * d,
        ],
    ]
}

fn apply(m: &Mat3, x: f64, y: f64) -> (f64, f64) {
    let w = m[2][0] * x + m[2][1] * y + m[2][2];
    ((m[0][0] * x + m[0][1] * y + m[0][2]) / w, (m[1][0] * x + m[1][1] * y + m[1][2]) / w)
}

/// Homography from module coordinates (relative to the symbol's centre) to image pixels,
/// for the image centre `(cx, cy)`.
fn homography(p: &Params, cx: f64, cy: f64) -> Mat3 {
    // Tilt: rotation by θ about the unit axis a = (cos φ, sin φ, 0) (Rodrigues).
    let (th, ph) = (p.tilt_deg.to_radians(), p.tilt_axis_deg.to_radians());
    let (ax, ay) = (ph.cos(), ph.sin());
    let (c, s) = (th.cos(), th.sin());
    let tilt: Mat3 = [
        [c + ax * ax * (1.0 - c), ax * ay * (1.0 - c), ay * s],
        [ax * ay * (1.0 - c), c + ay * ay * (1.0 - c), -ax * s],
        [-ay * s, ax * s, c],
    ];
    let al = p.rotation_deg.to_radians();
    let spin: Mat3 = [[al.cos(), -al.sin(), 0.0], [al.sin(), al.cos(), 0.0], [0.0, 0.0, 1.0]];
    let r = mul(&spin, &tilt);
    // Plane point (X, Y) in modules, scaled to px at distance F: P = px·(X r1 + Y r2) + (0, 0, F).
    let rt: Mat3 = [
        [p.px * r[0][0], p.px * r[0][1], 0.0],
        [p.px * r[1][0], p.px * r[1][1], 0.0],
        [p.px * r[2][0], p.px * r[2][1], FOCAL_PX],
    ];
    let k: Mat3 = [[FOCAL_PX, 0.0, cx], [0.0, FOCAL_PX, cy], [0.0, 0.0, 1.0]];
    mul(&k, &rt)
}

/// One simulated capture of `symbol`: a `WIDTH × HEIGHT` luma frame, row by row.
pub fn capture(symbol: Symbol<'_>, params: &Params, seed: u64) -> Vec<u8> {
    let p = params;
    let half = symbol.side as f64 / 2.0;
    // Where the symbol's corners land with its centre at the frame's centre, to place it so
    // the whole symbol stays in the frame (with the quiet zone when there is room).
    let h0 = homography(p, 0.0, 0.0);
    let corners = [(-half, -half), (half, -half), (half, half), (-half, half)].map(|(x, y)| apply(&h0, x, y));
    let (min_x, max_x) = corners.iter().fold((f64::MAX, f64::MIN), |(lo, hi), c| (lo.min(c.0), hi.max(c.0)));
    let (min_y, max_y) = corners.iter().fold((f64::MAX, f64::MIN), |(lo, hi), c| (lo.min(c.1), hi.max(c.1)));
    let place = |lo: f64, hi: f64, size: f64, t: f64| {
        let (from, to) = (-lo, size - hi);
        if to > from { from + t * (to - from) } else { size / 2.0 - (lo + hi) / 2.0 }
    };
    let cx = place(min_x, max_x, WIDTH as f64, p.offset.0);
    let cy = place(min_y, max_y, HEIGHT as f64, p.offset.1);
    let h = homography(p, cx, cy);
    let inv = inverse(&h);

    // The screen's box in the image, where the 2×2 supersampling is needed.
    let screen = half + SCREEN_MARGIN;
    let sc = [(-screen, -screen), (screen, -screen), (screen, screen), (-screen, screen)].map(|(x, y)| apply(&h, x, y));
    let x0 = sc.iter().map(|c| c.0).fold(f64::MAX, f64::min).floor().max(0.0) as usize;
    let x1 = (sc.iter().map(|c| c.0).fold(f64::MIN, f64::max).ceil().max(0.0) as usize + 1).min(WIDTH);
    let y0 = sc.iter().map(|c| c.1).fold(f64::MAX, f64::min).floor().max(0.0) as usize;
    let y1 = (sc.iter().map(|c| c.1).fold(f64::MIN, f64::max).ceil().max(0.0) as usize + 1).min(HEIGHT);

    let mut rng = Rng::new(seed);
    let (ph1, ph2) = (rng.range(0.0, 2.0 * PI), rng.range(0.0, 2.0 * PI));
    let background = |x: f64, y: f64| {
        p.background + 18.0 * (x / 97.0 + ph1).sin() * (y / 61.0 + ph2).cos() + 8.0 * ((x + y) / 23.0 + ph2).sin()
    };
    let sample = |x: f64, y: f64| {
        let (u, v) = apply(&inv, x, y);
        if u.abs() >= screen || v.abs() >= screen {
            background(x, y)
        } else if symbol.is_dark(u + half, v + half) {
            p.dark
        } else {
            p.light
        }
    };

    let mut img = vec![0f32; WIDTH * HEIGHT];
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            let (fx, fy) = (x as f64, y as f64);
            let v = if (x0..x1).contains(&x) && (y0..y1).contains(&y) {
                (sample(fx + 0.25, fy + 0.25)
                    + sample(fx + 0.75, fy + 0.25)
                    + sample(fx + 0.25, fy + 0.75)
                    + sample(fx + 0.75, fy + 0.75))
                    / 4.0
            } else {
                background(fx + 0.5, fy + 0.5)
            };
            let shade = 1.0 + p.shading.0 * (fx / WIDTH as f64 - 0.5) + p.shading.1 * (fy / HEIGHT as f64 - 0.5);
            img[y * WIDTH + x] = (v * shade) as f32;
        }
    }

    // Glare: a bright spot over the symbol that washes out the modules under it.
    let (strength, radius, (gu, gv)) = p.glare;
    if strength > 0.0 {
        let (gx, gy) = apply(&h, (gu - 0.5) * symbol.side as f64, (gv - 0.5) * symbol.side as f64);
        let reach = 3.0 * radius;
        let ys = (gy - reach).max(0.0) as usize..((gy + reach).max(0.0) as usize).min(HEIGHT);
        for y in ys {
            for x in (gx - reach).max(0.0) as usize..((gx + reach).max(0.0) as usize).min(WIDTH) {
                let d2 = (x as f64 - gx).powi(2) + (y as f64 - gy).powi(2);
                let a = strength * (-d2 / (2.0 * radius * radius)).exp();
                let px = &mut img[y * WIDTH + x];
                *px += ((255.0 - f64::from(*px)) * a) as f32;
            }
        }
    }

    blur(&mut img, p.blur);
    for px in &mut img {
        *px += (p.noise * rng.normal()) as f32;
    }
    let mut luma: Vec<u8> = img.iter().map(|&v| v.round().clamp(0.0, 255.0) as u8).collect();
    jpeg_round_trip(&mut luma, p.jpeg_quality);
    luma
}

/// Separable Gaussian blur with standard deviation `sigma` pixels (edges clamped).
fn blur(img: &mut [f32], sigma: f64) {
    let r = (3.0 * sigma).ceil() as isize;
    let mut k: Vec<f32> = (-r..=r).map(|i| (-(i * i) as f64 / (2.0 * sigma * sigma)).exp() as f32).collect();
    let total: f32 = k.iter().sum();
    k.iter_mut().for_each(|v| *v /= total);
    let mut tmp = vec![0f32; img.len()];
    let at = |i: isize, n: usize| i.clamp(0, n as isize - 1) as usize;
    for y in 0..HEIGHT {
        let row = &img[y * WIDTH..(y + 1) * WIDTH];
        for x in 0..WIDTH {
            tmp[y * WIDTH + x] =
                k.iter().enumerate().map(|(j, w)| w * row[at(x as isize + j as isize - r, WIDTH)]).sum();
        }
    }
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            img[y * WIDTH + x] =
                k.iter().enumerate().map(|(j, w)| w * tmp[at(y as isize + j as isize - r, HEIGHT) * WIDTH + x]).sum();
        }
    }
}

/// The luminance quantisation table of the JPEG standard (ITU T.81 Annex K), row by row.
const LUMA_QUANT: [u16; 64] = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51,
    87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101,
    72, 92, 95, 98, 112, 100, 103, 99,
];

/// JPEG's lossy steps on a luma frame whose sides are multiples of 8: level shift, 8×8 DCT,
/// quantisation with the standard table scaled as libjpeg's `jpeg_quality_scaling`, then back.
pub fn jpeg_round_trip(luma: &mut [u8], quality: u32) {
    let q = quality.clamp(1, 100);
    let scale = if q < 50 { 5000 / q } else { 200 - 2 * q };
    let table: Vec<f64> =
        LUMA_QUANT.iter().map(|&b| ((u32::from(b) * scale + 50) / 100).clamp(1, 255) as f64).collect();
    // cos[(2x+1)uπ/16] · C(u)/2
    let mut basis = [[0.0f64; 8]; 8];
    for (u, row) in basis.iter_mut().enumerate() {
        let cu = if u == 0 { 1.0 / 2f64.sqrt() } else { 1.0 };
        for (x, b) in row.iter_mut().enumerate() {
            *b = cu / 2.0 * ((2 * x + 1) as f64 * u as f64 * PI / 16.0).cos();
        }
    }
    let mut block = [[0.0f64; 8]; 8];
    let mut tmp = [[0.0f64; 8]; 8];
    for by in (0..HEIGHT).step_by(8) {
        for bx in (0..WIDTH).step_by(8) {
            for (y, row) in block.iter_mut().enumerate() {
                for (x, v) in row.iter_mut().enumerate() {
                    *v = f64::from(luma[(by + y) * WIDTH + bx + x]) - 128.0;
                }
            }
            // Forward: rows then columns.
            for y in 0..8 {
                for u in 0..8 {
                    tmp[y][u] = (0..8).map(|x| basis[u][x] * block[y][x]).sum();
                }
            }
            for v in 0..8 {
                for u in 0..8 {
                    let c: f64 = (0..8).map(|y| basis[v][y] * tmp[y][u]).sum();
                    let qv = table[v * 8 + u];
                    block[v][u] = (c / qv).round() * qv;
                }
            }
            // Inverse: columns then rows.
            for y in 0..8 {
                for u in 0..8 {
                    tmp[y][u] = (0..8).map(|v| basis[v][y] * block[v][u]).sum();
                }
            }
            for y in 0..8 {
                for x in 0..8 {
                    let s: f64 = (0..8).map(|u| basis[u][x] * tmp[y][u]).sum();
                    luma[(by + y) * WIDTH + bx + x] = (s + 128.0).round().clamp(0.0, 255.0) as u8;
                }
            }
        }
    }
}

/// `rqrr` alone on a capture (the core's reader before issue 14, the "second reader" of the
/// comparison): every grid it finds, the first that decodes.
pub fn rqrr_read(luma: &[u8]) -> Option<String> {
    if luma.len() != WIDTH * HEIGHT {
        return None;
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(WIDTH, HEIGHT, |x, y| luma[y * WIDTH + x]);
    image.detect_grids().iter().find_map(|g| g.decode().ok().map(|(_, text)| text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_at_full_quality_is_nearly_lossless() {
        let mut rng = Rng::new(7);
        let original: Vec<u8> =
            (0..WIDTH * HEIGHT).map(|i| ((i % WIDTH) / 5 + (rng.next_u64() % 8) as usize) as u8).collect();
        let mut copy = original.clone();
        jpeg_round_trip(&mut copy, 100);
        assert!(original.iter().zip(&copy).all(|(a, b)| a.abs_diff(*b) <= 2));
        let mut rough = original.clone();
        jpeg_round_trip(&mut rough, 20);
        assert!(original.iter().zip(&rough).any(|(a, b)| a.abs_diff(*b) > 2));
    }

    #[test]
    fn captures_are_deterministic_and_vary() {
        let dark: Vec<bool> = (0..29 * 29).map(|i| (i * 7919) % 3 == 0).collect();
        let symbol = Symbol { side: 29, dark: &dark };
        let a = capture(symbol, &Params::from_seed(4.0, 1), 1);
        assert_eq!(a, capture(symbol, &Params::from_seed(4.0, 1), 1));
        assert_ne!(a, capture(symbol, &Params::from_seed(4.0, 2), 2));
        assert_eq!(a.len(), WIDTH * HEIGHT);
        // Both dark modules and the lit screen are in the frame.
        assert!(a.iter().any(|&v| v < 90) && a.iter().any(|&v| v > 160));
    }
}
