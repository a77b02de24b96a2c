//! The diploma as a one-page A4 PDF with a verifiable barcode (issue 12, docs/PDF.md).
//!
//! [`export`] is the one entry point for every caller (the CLI's `qujat wallet pdf`, the
//! bindings' `Wallet.exportPdf`): it makes a *document presentation* with
//! [`Wallet::present_document`] (which signs it and logs it in the audit log) and renders it
//! with [`render`]. The barcode carries the presentation's `QJ1:` string; the printed text is
//! a convenience for people, only the barcode is proof (docs/SECURITY.md).
//!
//! The page is real text (selectable, extractable) set in DejaVu Sans, embedded and subset by
//! `krilla`. The same inputs and clock give the same bytes: no wall-clock date, no random
//! document id.

#[cfg(feature = "read")]
pub mod read;

use std::sync::OnceLock;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::{BitsPerComponent, CustomImage, Image, ImageColorspace};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use qujat_core::credential::labels::value_text;
use qujat_core::credential::reading_language::pick;
use qujat_core::credential::{ClaimId, ClaimValue, Lang, Localized, Word, claim_label, word};
use qujat_core::platform::UnixTime;
use qujat_core::presentation::{DocumentRequest, Presentation};
use qujat_core::qr::{self, Ecc, QUIET_ZONE, QrError, QrMatrix};
use qujat_core::vault::CredentialId;
use qujat_core::wallet::{Wallet, WalletError};

/// Error-correction level of the printed barcode: Q (about 25 % may be damaged), for paper
/// that gets creased, smudged or photographed at an angle.
pub const PDF_QR_ECC: Ecc = Ecc::Q;

/// Size of one module on the page: 1.92 pt (0.68 mm), exactly 4 pixels at 150 dpi, 8 at 300.
/// Renderers smooth an image scaled up less than 4 times (poppler does), which blurs a QR
/// code drawn at one pixel per module; at 4 or more they keep the pixels sharp. A document
/// presentation with the default claims is version 20 at level Q: 105 modules with the quiet
/// zone, 71 mm wide.
pub const MODULE_PT: f32 = 4.0 * 72.0 / 150.0;
/// The smallest barcode the layout may draw (35 mm, quiet zone included), when many claims
/// leave little room.
pub const MIN_QR_MM: f32 = 35.0;

/// DejaVu Sans (Bitstream Vera licence + public-domain additions, `pdf/fonts/LICENSE`), stored
/// zlib-compressed: 382 KB in the library instead of 760 KB. It covers Kazakh Cyrillic
/// (Ә Ғ Қ Ң Ө Ұ Ү Һ І), Russian and Latin.
const FONT_ZLIB: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf.zz");

const PT_PER_MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 50.0;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PdfError {
    /// The wallet refused (locked, unknown diploma, bad audience or days …).
    #[error(transparent)]
    Wallet(#[from] WalletError),
    /// The presentation does not fit in a QR code at the printed level.
    #[error("the barcode cannot be made: {0}")]
    Qr(#[from] QrError),
    /// The PDF writer failed (should not happen with the embedded font).
    #[error("the PDF could not be written")]
    Render,
}

/// What the page shows besides the barcode: the issuer and the disclosed claims.
#[derive(Clone)]
pub struct PageContent {
    /// The issuer's name by language.
    pub issuer_name: Localized,
    /// The disclosed claims, in slot order.
    pub claims: Vec<(ClaimId, ClaimValue)>,
}

/// Make a document presentation of diploma `id` for `request.audience` (signed, logged in the
/// audit log as a document presentation) and render it as a PDF with labels in `lang` and
/// English. The one entry point for the CLI and the bindings.
pub fn export(wallet: &Wallet, id: &CredentialId, request: &DocumentRequest, lang: Lang) -> Result<Vec<u8>, PdfError> {
    let detail = wallet.show(id)?;
    let presentation = wallet.present_document(id, request)?;
    let claims = detail.claims.into_iter().filter(|(c, _)| presentation.claims.contains(*c)).collect();
    render(&presentation, &PageContent { issuer_name: detail.summary.issuer_name, claims }, lang)
}

fn font() -> Result<Font, PdfError> {
    static TTF: OnceLock<Option<Font>> = OnceLock::new();
    TTF.get_or_init(|| {
        use std::io::Read;
        let mut ttf = Vec::with_capacity(800 * 1024);
        flate2::read::ZlibDecoder::new(FONT_ZLIB).read_to_end(&mut ttf).ok()?;
        Font::new(ttf.into(), 0)
    })
    .clone()
    .ok_or(PdfError::Render)
}

/// The QR symbol as an 8-bit grey image, one pixel per module, quiet zone included.
///
/// Why an image XObject and not vector squares: drawn at module resolution with
/// interpolation off it stays crisp at any zoom and print resolution, it costs a few hundred
/// bytes, and `qujat verify --pdf` reads it back exactly (one XObject, one pixel per module)
/// without rasterising the page.
#[derive(Clone, Hash)]
struct QrImage {
    pixels: Vec<u8>,
    side: u32,
}

impl QrImage {
    fn of(m: &QrMatrix) -> Self {
        let w = m.width();
        let side = m.width_with_quiet_zone();
        let mut pixels = vec![255u8; side * side];
        for y in 0..w {
            for x in 0..w {
                if m.is_dark(x, y) {
                    pixels[(y + QUIET_ZONE) * side + x + QUIET_ZONE] = 0;
                }
            }
        }
        Self { pixels, side: u32::try_from(side).unwrap_or(u32::MAX) }
    }
}

impl CustomImage for QrImage {
    fn color_channel(&self) -> &[u8] {
        &self.pixels
    }
    fn alpha_channel(&self) -> Option<&[u8]> {
        None
    }
    fn bits_per_component(&self) -> BitsPerComponent {
        BitsPerComponent::Eight
    }
    fn size(&self) -> (u32, u32) {
        (self.side, self.side)
    }
    fn icc_profile(&self) -> Option<&[u8]> {
        None
    }
    fn color_space(&self) -> ImageColorspace {
        ImageColorspace::Luma
    }
}

/// The PDF-only phrases (the claim labels and words come from the core's label source).
fn phrase(p: Phrase, lang: Lang) -> &'static str {
    let (kk, ru, en) = match p {
        Phrase::Title => ("Білім туралы диплом", "Диплом об образовании", "Diploma"),
        Phrase::For => ("Кімге", "Для", "For"),
        Phrase::Made => ("Жасалған күні", "Создано", "Made on"),
        Phrase::ValidUntil => ("Жарамды мерзімі", "Действительно до", "Valid until"),
        Phrase::HowToVerify => (
            "Тексеру: штрих-кодты Qujat тексерушісімен сканерлеңіз немесе `qujat verify --pdf ФАЙЛ`.",
            "Проверка: отсканируйте штрих-код проверяющим приложением Qujat или `qujat verify --pdf ФАЙЛ`.",
            "To verify: scan the barcode with a Qujat verifier, or run `qujat verify --pdf FILE`.",
        ),
        Phrase::OnlyBarcode => (
            "Тек штрих-код дәлел болады; басылған мәтін тек ақпарат үшін.",
            "Доказательством служит только штрих-код; напечатанный текст — для удобства.",
            "Only the barcode is proof; the printed text is for convenience.",
        ),
    };
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

#[derive(Clone, Copy)]
enum Phrase {
    Title,
    For,
    Made,
    ValidUntil,
    HowToVerify,
    OnlyBarcode,
}

/// `YYYY-MM-DD HH:MM UTC`.
fn when(t: UnixTime) -> String {
    let s = qujat_core::verifier::rfc3339(t);
    format!("{} {} UTC", &s[..10], &s[11..16])
}

/// A label in `lang`, followed by the English one when `lang` is not English.
fn both(lang: Lang, f: impl Fn(Lang) -> &'static str) -> String {
    if lang == Lang::En { f(Lang::En).to_owned() } else { format!("{} / {}", f(lang), f(Lang::En)) }
}

/// Greedy word wrap to `max` characters (DejaVu Sans averages about 0.55 em per character;
/// `max` is chosen with margin).
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for w in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + w.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

struct Pen<'a, 'b> {
    surface: &'a mut krilla::surface::Surface<'b>,
    font: Font,
    y: f32,
}

impl Pen<'_, '_> {
    fn text(&mut self, size: f32, grey: u8, text: &str, width: f32) {
        let max = ((width / (size * 0.56)) as usize).max(10);
        for line in wrap(text, max) {
            self.y += size * 1.25;
            self.surface.set_fill(Some(Fill { paint: rgb::Color::new(grey, grey, grey).into(), ..Fill::default() }));
            self.surface.draw_text(
                Point::from_xy(MARGIN, self.y),
                self.font.clone(),
                size,
                &line,
                false,
                TextDirection::Auto,
            );
        }
    }
}

/// Render a document presentation as one A4 page: title, issuer, the disclosed claims (labels
/// in `lang` and English, values in `lang`), audience and validity, the barcode and how to
/// verify it. Deterministic: the same inputs give the same bytes.
pub fn render(p: &Presentation, content: &PageContent, lang: Lang) -> Result<Vec<u8>, PdfError> {
    let matrix = qr::encode(&p.text, PDF_QR_ECC)?;
    let font = font()?;
    let mut doc = Document::new();
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(PdfError::Render)?;
    let mut page = doc.start_page_with(settings);
    let mut surface = page.surface();
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pen = Pen { surface: &mut surface, font, y: MARGIN - 10.0 };

    pen.text(20.0, 0, &both(lang, |l| phrase(Phrase::Title, l)), width);
    pen.y += 6.0;
    pen.text(9.0, 90, &both(lang, |l| word(Word::IssuedBy, l)), width);
    let issuer = pick(&content.issuer_name, lang).unwrap_or("");
    pen.text(13.0, 0, issuer, width);
    if lang != Lang::En
        && let Some(en) = content.issuer_name.get(Lang::En).filter(|en| *en != issuer)
    {
        pen.text(11.0, 40, en, width);
    }
    pen.y += 8.0;
    for (c, v) in &content.claims {
        pen.text(8.5, 90, &both(lang, |l| claim_label(*c, l)), width);
        pen.text(11.0, 0, &value_text(v, lang), width);
        pen.y += 3.0;
    }
    pen.y += 8.0;
    let audience = p.audience.as_deref().unwrap_or("");
    for l in if lang == Lang::En { vec![Lang::En] } else { vec![lang, Lang::En] } {
        let line = format!(
            "{} {audience} · {} {} · {} {}",
            phrase(Phrase::For, l),
            phrase(Phrase::Made, l).to_lowercase(),
            when(p.created_at),
            phrase(Phrase::ValidUntil, l).to_lowercase(),
            when(p.expires_at)
        );
        pen.text(10.5, 0, &line, width);
    }

    // The barcode, below the text: modules of MODULE_PT (4 pixels at 150 dpi) when the page
    // has room, never under 35 mm.
    let footer = 60.0;
    let top = pen.y + 14.0;
    let room = PAGE_H - MARGIN - footer - top;
    let n = matrix.width_with_quiet_zone() as f32;
    let side = (n * MODULE_PT).min(room).max(MIN_QR_MM * PT_PER_MM);
    let image = Image::from_custom(QrImage::of(&matrix), false).map_err(|_| PdfError::Render)?;
    pen.surface.push_transform(&Transform::from_translate(MARGIN, top));
    pen.surface.draw_image(image, Size::from_wh(side, side).ok_or(PdfError::Render)?);
    pen.surface.pop();
    pen.y = top + side + 4.0;
    for l in if lang == Lang::En { vec![Lang::En] } else { vec![lang, Lang::En] } {
        pen.text(9.0, 40, phrase(Phrase::HowToVerify, l), width);
    }
    for l in if lang == Lang::En { vec![Lang::En] } else { vec![lang, Lang::En] } {
        pen.text(8.0, 90, phrase(Phrase::OnlyBarcode, l), width);
    }
    // A hairline above the barcode block.
    let mut pb = PathBuilder::new();
    if let Some(r) = Rect::from_xywh(MARGIN, top - 7.0, width, 0.5) {
        pb.push_rect(r);
    }
    if let Some(path) = pb.finish() {
        pen.surface.set_fill(Some(Fill { paint: rgb::Color::new(180, 180, 180).into(), ..Fill::default() }));
        pen.surface.draw_path(&path);
    }
    surface.finish();
    page.finish();
    doc.finish().map_err(|_| PdfError::Render)
}
