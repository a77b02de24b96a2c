package kz.qujat.app.ui.pdf

import android.content.ClipData
import android.content.ContentResolver
import android.content.Context
import android.content.Intent
import android.net.Uri
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.Checkbox
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.produceState
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.text.input.KeyboardCapitalization
import androidx.core.content.FileProvider
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.DiplomaDetail
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.pdf.MadePdf
import kz.qujat.app.logic.pdf.PdfExportPresenter
import kz.qujat.app.logic.pdf.PdfExportState
import kz.qujat.app.logic.pdf.PdfFiles
import kz.qujat.app.logic.pdf.PdfSaveOutcome
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.ui.backup.DocumentSink
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.Page
import kz.qujat.app.ui.common.PresenterViewModel
import kz.qujat.app.ui.common.SecureDialog
import kz.qujat.app.ui.common.rememberLauncherExpectingResult
import kz.qujat.app.ui.common.sensitiveNote
import kz.qujat.app.ui.common.walletFailureText

class PdfExportViewModel(graph: AppGraph, id: String, detail: DiplomaDetail) :
    PresenterViewModel<PdfExportState, PdfExportPresenter>(
        PdfExportPresenter(graph.pdf, graph.rules, graph.sharedPdfs, id, detail, graph.settings.effectiveLanguage()),
    ) {
    fun audience(text: String) = send { audienceChanged(text) }
    fun days(days: Int) = send { daysChanged(days) }
    fun language(lang: Lang) = send { languageChanged(lang) }
    fun toggle(key: ClaimKey, on: Boolean) = send { toggle(key, on) }
    fun confirmSensitive() = send { confirmSensitive() }
    fun cancelSensitive() = send { cancelSensitive() }
    fun reset() = send { resetSelection() }
    fun make() = send { make() }
    fun saveTo(resolver: ContentResolver, uri: Uri) = send { saveTo(DocumentSink(resolver, uri)) }
    fun saveCancelled() = send { saveCancelled() }
}

/**
 * "PDF for an employer" (docs/PDF.md): for whom, for how many days, in which language, which
 * claims; the core makes the PDF off the main thread and it is written to `cacheDir/shared/`.
 * Then it is shared like any file: `ACTION_SEND` through the app's FileProvider (that folder
 * only, read permission for the chosen app only) in the system chooser, or saved with
 * `CreateDocument`. The PDF is meant to leave the phone; FLAG_SECURE on this window blocks
 * screenshots of the form, never the sharing of the file.
 */
@Composable
fun PdfExportScreen(graph: AppGraph, id: String, onLocked: () -> Unit, onDone: () -> Unit) {
    // The detail (claim labels in the reader's language) is loaded once, off the main thread.
    val loaded by produceState<Result<DiplomaDetail>?>(null, id) {
        value = withContext(Dispatchers.IO) {
            try {
                Result.success(graph.wallet.show(id, graph.settings.effectiveLanguage()))
            } catch (e: WalletFailure) {
                Result.failure(e)
            }
        }
    }
    val result = loaded ?: return Busy()
    val detail = result.getOrElse { e ->
        if (e is WalletFailure.Locked) LaunchedEffect(Unit) { onLocked() } else Page { ErrorText(walletFailureText(e as WalletFailure)) }
        return
    }
    val vm: PdfExportViewModel = viewModel(key = "pdf-$id") { PdfExportViewModel(graph, id, detail) }
    val state by vm.state.collectAsStateWithLifecycle()
    val s = state
    if (s.failure is WalletFailure.Locked) return LaunchedEffect(Unit) { onLocked() }
    val context = LocalContext.current
    // "Save to Files" and the share sheet take the app to the background: both are launched
    // through the session, so that leaving for them does not lock the wallet (within a bound).
    val save = rememberLauncherExpectingResult(graph.session, ActivityResultContracts.CreateDocument(PdfFiles.MIME_TYPE)) { uri ->
        if (uri == null) vm.saveCancelled() else vm.saveTo(context.contentResolver, uri)
    }
    // The chooser forwards the request to the app the holder picks: its result (nothing to
    // read, mostly RESULT_CANCELED) arrives on the way back, which hands the token back.
    val shareSheet = rememberLauncherExpectingResult(graph.session, ActivityResultContracts.StartActivityForResult()) {}
    val labels = detail.claims.associate { it.key to it.label }
    Page {
        Text(stringResource(R.string.pdf_title), style = MaterialTheme.typography.headlineSmall)
        OutlinedTextField(
            value = s.audience,
            onValueChange = vm::audience,
            label = { Text(stringResource(R.string.pdf_audience)) },
            supportingText = { Text(stringResource(if (s.audienceRefused) R.string.pdf_bad_audience else R.string.pdf_audience_footer)) },
            isError = s.audienceRefused,
            singleLine = true,
            keyboardOptions = KeyboardOptions(capitalization = KeyboardCapitalization.Words, imeAction = ImeAction.Next),
            modifier = Modifier.fillMaxWidth(),
        )
        DaysStepper(s.days, s.maxDays, vm::days)
        Text(stringResource(R.string.pdf_language), style = MaterialTheme.typography.titleSmall)
        // Each language named in itself, as the settings screen does.
        for ((lang, label) in listOf(Lang.KK to R.string.language_kk, Lang.RU to R.string.language_ru, Lang.EN to R.string.language_en)) {
            Row(
                Modifier.fillMaxWidth().selectable(selected = s.language == lang, onClick = { vm.language(lang) }),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                RadioButton(selected = s.language == lang, onClick = null)
                Text(stringResource(label))
            }
        }
        Text(stringResource(R.string.present_choose), style = MaterialTheme.typography.titleSmall)
        for (key in s.selection.available) {
            Row(verticalAlignment = Alignment.CenterVertically, modifier = Modifier.fillMaxWidth()) {
                Checkbox(checked = s.selection.isSelected(key), onCheckedChange = { vm.toggle(key, it) })
                Column {
                    Text(labels[key] ?: key.name)
                    sensitiveNote(key)?.let { Text(it, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.error) }
                }
            }
        }
        if (!s.selection.isDefault) TextButton(onClick = vm::reset) { Text(stringResource(R.string.present_reset)) }
        if (s.selection.hidesName) Text(stringResource(R.string.present_no_name_hint), style = MaterialTheme.typography.bodySmall)
        s.failure?.let { ErrorText(walletFailureText(it)) }
        Text(stringResource(R.string.pdf_footer), style = MaterialTheme.typography.bodySmall)
        Button(onClick = vm::make, enabled = s.canMake, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.pdf_make)) }
        if (s.busy) CircularProgressIndicator()
        val pdf = s.pdf
        if (pdf != null) {
            // The system chooser always exists on a phone: a false (nothing launched) needs no word.
            Button(onClick = { shareSheet(shareIntent(context, pdf)) }, modifier = Modifier.fillMaxWidth()) {
                Text(stringResource(R.string.pdf_share))
            }
            OutlinedButton(
                // False: no document provider on this phone, say "not saved".
                onClick = { if (!save(pdf.name)) vm.saveCancelled() },
                modifier = Modifier.fillMaxWidth(),
            ) { Text(stringResource(R.string.pdf_save)) }
        }
        when (s.saved) {
            PdfSaveOutcome.SAVED -> Text(stringResource(R.string.pdf_saved))
            PdfSaveOutcome.NOT_SAVED -> ErrorText(stringResource(R.string.pdf_not_saved))
            null -> Unit
        }
        TextButton(onClick = onDone) { Text(stringResource(R.string.done)) }
    }
    val pending = s.confirming
    if (pending != null) {
        SecureDialog(
            title = stringResource(R.string.present_sensitive_title, labels[pending] ?: pending.name),
            text = sensitiveNote(pending) ?: "",
            confirm = stringResource(R.string.present_sensitive_confirm),
            dismiss = stringResource(R.string.cancel),
            onConfirm = vm::confirmSensitive,
            onDismiss = vm::cancelSensitive,
        )
    }
}

/** − days + : 1 to the core's maximum. */
@Composable
private fun DaysStepper(days: Int, max: Int, onChange: (Int) -> Unit) {
    Row(verticalAlignment = Alignment.CenterVertically) {
        OutlinedButton(onClick = { onChange(days - 1) }, enabled = days > 1) { Text("−") }
        Text(stringResource(R.string.pdf_valid_days, days), Modifier.weight(1f), style = MaterialTheme.typography.bodyLarge)
        OutlinedButton(onClick = { onChange(days + 1) }, enabled = days < max) { Text("+") }
    }
}

/**
 * The system chooser for the PDF: a `content://` URI from the app's FileProvider (the shared
 * folder only), read permission granted to the app the holder picks, and the URI also as
 * ClipData so that the grant reaches direct-share targets too (the chooser carries both over).
 */
private fun shareIntent(context: Context, pdf: MadePdf): Intent {
    val uri = FileProvider.getUriForFile(context, context.packageName + FILE_PROVIDER_SUFFIX, pdf.file)
    val send = Intent(Intent.ACTION_SEND).apply {
        type = PdfFiles.MIME_TYPE
        putExtra(Intent.EXTRA_STREAM, uri)
        clipData = ClipData.newRawUri(pdf.name, uri)
        addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
    }
    return Intent.createChooser(send, context.getString(R.string.pdf_share))
}

/** The FileProvider's authority is `<applicationId>.files` (AndroidManifest.xml). */
private const val FILE_PROVIDER_SUFFIX = ".files"
