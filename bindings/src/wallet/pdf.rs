//! `Wallet.exportPdf`: the diploma as a one-page PDF with a verifiable barcode, for the app's
//! share sheet (feature `pdf`, on by default). The page is made by `qujat_pdf::export`, the
//! same entry point as the CLI's `qujat wallet pdf` (docs/PDF.md).

use qujat_core::presentation::DocumentRequest;
use qujat_pdf::PdfError;

use super::{Wallet, diploma_id};
use crate::error::WalletError;
use crate::types::{ClaimId, Language, claim_set};

/// What the holder puts in a PDF: for whom, which claims, for how long, in which language
/// (labels in that language and English).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DocumentPdfRequest {
    /// Who the copy is for, shown to the verifier (1–128 bytes), e.g. "Kaspi Bank HR".
    pub audience: String,
    /// Claims to disclose (see `default_presentation_claims`).
    pub claims: Vec<ClaimId>,
    /// Validity in days, 1–90.
    #[uniffi(default = 30)]
    pub valid_days: u32,
    /// Language of the labels, beside English.
    pub language: Language,
}

impl From<PdfError> for WalletError {
    fn from(e: PdfError) -> Self {
        match e {
            PdfError::Wallet(e) => e.into(),
            PdfError::Qr(_) => WalletError::QrEncoding,
            _ => WalletError::PdfFailed,
        }
    }
}

#[uniffi::export]
impl Wallet {
    /// The diploma `id` as a PDF (bytes) for `request.audience`: a document presentation,
    /// signed with the sealed holder key and recorded in the audit log, rendered on one A4
    /// page. The same wallet clock and inputs give the same bytes.
    pub fn export_pdf(&self, id: String, request: DocumentPdfRequest) -> Result<Vec<u8>, WalletError> {
        let core_request = DocumentRequest {
            claims: claim_set(&request.claims),
            audience: request.audience,
            days: request.valid_days,
        };
        Ok(qujat_pdf::export(&self.0, &diploma_id(&id)?, &core_request, request.language)?)
    }
}
