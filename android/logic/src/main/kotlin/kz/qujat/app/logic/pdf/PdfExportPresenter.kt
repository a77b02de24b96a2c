package kz.qujat.app.logic.pdf

import java.io.File
import java.io.IOException
import java.time.LocalDate
import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.DiplomaDetail
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.port.DocumentPdfRequest
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.FileSink
import kz.qujat.app.logic.port.PdfPort
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.present.ClaimSelection
import kz.qujat.app.logic.presenter.Presenter

/** A PDF made and written to the shared folder, ready for the share sheet or "Save to Files". */
class MadePdf(
    /** The file in [SharedPdfFolder] (the share sheet reads it through the app's FileProvider). */
    val file: File,
    /** Its name, also offered to the save panel. */
    val name: String,
    /** The same bytes, for "Save to Files". */
    val bytes: ByteArray,
) {
    override fun toString(): String = "MadePdf($name, ${bytes.size} bytes)"
}

/** What came of "Save to Files". */
enum class PdfSaveOutcome { SAVED, NOT_SAVED }

/**
 * The "PDF for an employer" form and its result. [pdf] is dropped whenever the form changes (it
 * would no longer say what the form says).
 */
data class PdfExportState(
    /** For whom, as typed. */
    val audience: String,
    /** The core refused the audience (empty, or longer than it allows). */
    val audienceRefused: Boolean = false,
    /** Validity in days, 1–[maxDays]. */
    val days: Int,
    /** The core's longest validity. */
    val maxDays: Int,
    /** The labels' language (beside English). */
    val language: Lang,
    val selection: ClaimSelection,
    /** A sensitive claim waiting for the holder's confirmation (show the dialog). */
    val confirming: ClaimKey? = null,
    /** The core is making the PDF. */
    val busy: Boolean = false,
    /** The PDF made from this form, if any. */
    val pdf: MadePdf? = null,
    /** Why the last attempt failed ([WalletFailure.Locked]: the screen goes to unlock). */
    val failure: WalletFailure? = null,
    /** What came of the last "Save to Files". */
    val saved: PdfSaveOutcome? = null,
) {
    /** Something other than spaces is typed (the core judges the rest: 1–128 bytes). */
    val audienceReady: Boolean get() = audience.isNotBlank()

    val canMake: Boolean get() = audienceReady && selection.canPresent && !busy && confirming == null

    override fun toString(): String =
        "PdfExportState(<audience>, $days/$maxDays days, $language, $selection, busy=$busy, pdf=$pdf, failure=$failure, saved=$saved)"
}

/**
 * "PDF for an employer" (docs/PDF.md): a form (the recipient, required; the validity, the core's
 * default and maximum; the labels' language; the claims, with the same choice rules as the live
 * QR code), then the core's `exportPdf` (off the main thread), written into [folder] for the
 * share sheet. The PDF is meant to leave the phone: it is shared like any file. "Save to Files"
 * writes the same bytes into a document the holder creates.
 */
class PdfExportPresenter(
    private val pdf: PdfPort,
    rules: Rules,
    private val folder: SharedPdfFolder,
    private val diplomaId: String,
    detail: DiplomaDetail,
    lang: Lang,
    private val today: () -> LocalDate = { LocalDate.now() },
) : Presenter<PdfExportState>(
    rules.limits().let { limits ->
        PdfExportState(
            audience = "",
            days = limits.documentDaysDefault.coerceIn(1, limits.documentDaysMax),
            maxDays = limits.documentDaysMax,
            language = lang,
            selection = ClaimSelection.initial(rules, detail.stated, lang),
        )
    },
) {
    /** A form change: the PDF made before no longer matches it. */
    private fun edit(change: PdfExportState.() -> PdfExportState) {
        if (state.busy) return
        emit(state.change().copy(pdf = null, saved = null, failure = null))
    }

    fun audienceChanged(text: String) = edit { copy(audience = text, audienceRefused = false) }

    fun daysChanged(days: Int) = edit { copy(days = days.coerceIn(1, maxDays)) }

    fun languageChanged(lang: Lang) = edit { copy(language = lang) }

    fun toggle(key: ClaimKey, on: Boolean) {
        if (state.busy) return
        when (val t = state.selection.toggle(key, on)) {
            is ClaimSelection.Toggle.Changed -> edit { copy(selection = t.selection) }
            is ClaimSelection.Toggle.NeedsConfirmation -> emit(state.copy(confirming = t.key))
            ClaimSelection.Toggle.NotAvailable -> Unit
        }
    }

    /** The holder confirmed the sensitive claim in the dialog. */
    fun confirmSensitive() {
        val key = state.confirming ?: return
        edit { copy(selection = selection.confirmSensitive(key), confirming = null) }
    }

    fun cancelSensitive() {
        if (state.confirming != null) emit(state.copy(confirming = null))
    }

    fun resetSelection() = edit { copy(selection = selection.reset()) }

    /** Make the PDF and write it for sharing (blocks: signing, rendering, the audit log). */
    fun make() {
        if (!state.canMake) return
        val s = state.copy(pdf = null, failure = null, saved = null, audienceRefused = false)
        emit(s.copy(busy = true))
        val request = DocumentPdfRequest(s.audience.trim(), s.selection.ordered, s.days, s.language)
        val next = try {
            val bytes = pdf.exportPdf(diplomaId, request)
            val name = PdfFiles.fileName(today())
            s.copy(pdf = MadePdf(folder.replaceWith(name, bytes), name, bytes))
        } catch (e: WalletFailure.BadAudience) {
            s.copy(audienceRefused = true)
        } catch (e: WalletFailure) {
            s.copy(failure = e)
        } catch (e: IOException) {
            s.copy(failure = WalletFailure.Internal(Fault.STORAGE))
        }
        emit(next)
    }

    /** "Save to Files": the save panel gave a document; write the PDF into it. */
    fun saveTo(sink: FileSink) {
        val made = state.pdf ?: return
        val outcome = try {
            sink.write(made.bytes)
            PdfSaveOutcome.SAVED
        } catch (e: IOException) {
            PdfSaveOutcome.NOT_SAVED
        }
        if (state.pdf === made) emit(state.copy(saved = outcome))
    }

    /** The save panel closed without a document: nothing to say. */
    fun saveCancelled() {
        if (state.saved != null) emit(state.copy(saved = null))
    }
}
