package kz.qujat.app.logic.port

import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.Lang

/**
 * "PDF for an employer" (docs/PDF.md): a document presentation for a named audience, valid for
 * some days, rendered by the core on one A4 page. Production: the `bridge` module's `CorePdf`;
 * tests: fakes. Blocks (signing, rendering, the audit log): call it off the main thread.
 */
interface PdfPort {
    /**
     * The diploma [id] as PDF bytes for [request]. Recorded in the audit log as a document
     * presentation. [WalletFailure.BadAudience] when the core refuses the recipient's name,
     * [WalletFailure.Locked] when the session has locked.
     */
    fun exportPdf(id: String, request: DocumentPdfRequest): ByteArray
}

/** What the holder puts in a PDF: for whom, which claims, for how long, in which language. */
data class DocumentPdfRequest(
    /** Who the copy is for, shown to the verifier (the core accepts 1–128 bytes). */
    val audience: String,
    /** The claims to disclose, in slot order. */
    val claims: List<ClaimKey>,
    /** Validity in days (the core's `ScreenLimits.documentDaysMax` at most). */
    val validDays: Int,
    /** The labels' language, beside English. */
    val language: Lang,
) {
    override fun toString(): String = "DocumentPdfRequest(<audience>, $claims, $validDays days, $language)"
}
