package kz.qujat.app.ui.backup

import android.content.ContentResolver
import android.net.Uri
import androidx.activity.compose.BackHandler
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.widthIn
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.Checkbox
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import java.time.LocalDate
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.backup.BackupFiles
import kz.qujat.app.logic.backup.BackupPresenter
import kz.qujat.app.logic.backup.BackupState
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.Page
import kz.qujat.app.ui.common.PresenterViewModel
import kz.qujat.app.ui.common.QrImage
import kz.qujat.app.ui.common.rememberLauncherExpectingResult
import kz.qujat.app.ui.common.walletFailureText

class BackupViewModel(graph: AppGraph) : PresenterViewModel<BackupState, BackupPresenter>(BackupPresenter(graph.backup)) {
    fun make() = send { make() }
    fun acknowledge(on: Boolean) = send { acknowledge(on) }

    /** The save panel is about to open (the button is enabled only once the code is written down). */
    fun saving() = send { save() }
    fun saveTo(resolver: ContentResolver, uri: Uri) = send { saveTo(DocumentSink(resolver, uri)) }
    fun saveCancelled() = send { saveCancelled() }
    fun left() = send { left() }

    override fun onCleared() {
        presenter.left()
        super.onCleared()
    }
}

/**
 * Backup (docs/BACKUP.md): the core makes the encrypted file and its code off the main thread;
 * the code and its QR are shown once, until "I wrote it down"; then the system's save panel
 * (`CreateDocument`) takes the file wherever the holder chooses. FLAG_SECURE stays on (the
 * activity's window): the code is a secret.
 */
@Composable
fun BackupScreen(graph: AppGraph, onLocked: () -> Unit, onDone: () -> Unit) {
    val vm: BackupViewModel = viewModel { BackupViewModel(graph) }
    val state by vm.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    // The save panel takes the app to the background: the session expects it (no lock while it
    // is up, within a bound), so the holder does not come back to the unlock screen and lose
    // the code shown once.
    val save = rememberLauncherExpectingResult(graph.session, ActivityResultContracts.CreateDocument(BackupFiles.MIME_TYPE)) { uri ->
        if (uri == null) vm.saveCancelled() else vm.saveTo(context.contentResolver, uri)
    }
    // The code is shown once: back does not drop it by accident (Cancel does, on purpose).
    BackHandler(enabled = state is BackupState.ShowCode) {}
    when (val s = state) {
        is BackupState.Start ->
            if (s.failure is WalletFailure.Locked) {
                LaunchedEffect(Unit) { onLocked() }
            } else {
                Page {
                    Text(stringResource(R.string.backup_title), style = MaterialTheme.typography.headlineSmall)
                    Text(stringResource(R.string.backup_body))
                    Text(stringResource(R.string.backup_footer), style = MaterialTheme.typography.bodySmall)
                    s.failure?.let { ErrorText(walletFailureText(it)) }
                    Button(onClick = vm::make, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.backup_make)) }
                    TextButton(onClick = onDone) { Text(stringResource(R.string.back)) }
                }
            }
        BackupState.Working -> Page {
            Text(stringResource(R.string.backup_title), style = MaterialTheme.typography.headlineSmall)
            CircularProgressIndicator()
            Text(stringResource(R.string.backup_working))
        }
        is BackupState.ShowCode -> CodeStep(
            s,
            onAcknowledge = vm::acknowledge,
            onSave = {
                vm.saving()
                // No document provider on this phone: say "not saved".
                if (!save(BackupFiles.suggestedName(LocalDate.now()))) vm.saveCancelled()
            },
            onCancel = {
                vm.left()
                onDone()
            },
        )
        is BackupState.Saved -> Page {
            Text(stringResource(R.string.backup_saved), style = MaterialTheme.typography.titleMedium)
            Contents(s.diplomas, s.skipped)
            Button(onClick = onDone, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.done)) }
        }
    }
}

@Composable
private fun Contents(diplomas: Int, skipped: Int) {
    Text(stringResource(R.string.backup_contents, diplomas))
    if (skipped > 0) ErrorText(stringResource(R.string.backup_skipped, skipped))
}

@Composable
private fun CodeStep(s: BackupState.ShowCode, onAcknowledge: (Boolean) -> Unit, onSave: () -> Unit, onCancel: () -> Unit) {
    Page {
        Text(stringResource(R.string.backup_code_title), style = MaterialTheme.typography.headlineSmall)
        Contents(s.diplomas, s.skipped)
        Text(stringResource(R.string.backup_code_body))
        Card(Modifier.fillMaxWidth()) {
            Column(Modifier.padding(16.dp)) {
                Text(s.code, fontFamily = FontFamily.Monospace, style = MaterialTheme.typography.titleLarge)
            }
        }
        QrImage(s.codeQr, stringResource(R.string.backup_code_title), Modifier.fillMaxWidth().widthIn(max = 280.dp))
        Row(verticalAlignment = Alignment.CenterVertically) {
            Checkbox(checked = s.acknowledged, onCheckedChange = onAcknowledge)
            Text(stringResource(R.string.backup_code_ack))
        }
        if (s.notSaved) ErrorText(stringResource(R.string.backup_not_saved))
        Button(onClick = onSave, enabled = s.acknowledged && !s.saving, modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(R.string.backup_save))
        }
        TextButton(onClick = onCancel) { Text(stringResource(R.string.cancel)) }
    }
}
