package kz.qujat.app.ui.diplomas

import android.content.ClipData
import android.content.ClipboardManager
import android.content.Context
import android.content.Intent
import android.os.Build
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import kz.qujat.app.R
import kz.qujat.app.logic.model.HolderKey
import kz.qujat.app.session.AppSession
import kz.qujat.app.ui.common.rememberLauncherExpectingResult

/**
 * Hand the holder key to the university: the window is FLAG_SECURE (no screenshot) and the key
 * is shown as plain text, so it is copied (*Copy the key*: the system clipboard, a normal clip:
 * a public key, not a secret) or sent (*Share the key*: `ACTION_SEND` of `text/plain` in the
 * system chooser: mail, a messenger, or a text file in Drive or Files). Both hand over
 * [HolderKey.hex], the 64 hex digits an issuer's tools take, without the spaces of the shown
 * groups. [shareSheet] launches the chooser through the session
 * ([rememberHolderKeyShareSheet]), so leaving for it does not lock the wallet (within the
 * session's bound), like the PDF's share sheet.
 */
@Composable
internal fun HolderKeyActions(key: HolderKey, shareSheet: (Intent) -> Boolean) {
    val context = LocalContext.current
    var copied by remember(key) { mutableStateOf(false) }
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        OutlinedButton(
            onClick = {
                copyKey(context, key)
                // Android 13 and later confirm a copy themselves; say it only before that.
                copied = Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU
            },
            modifier = Modifier.fillMaxWidth(),
        ) { Text(stringResource(R.string.holder_key_copy)) }
        if (copied) Text(stringResource(R.string.holder_key_copied), style = MaterialTheme.typography.bodySmall)
        // The system chooser always exists on a phone: a false (nothing launched) needs no word.
        OutlinedButton(onClick = { shareSheet(shareIntent(context, key)) }, modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(R.string.holder_key_share))
        }
    }
}

/**
 * The launcher of the key's share sheet, made at the screen's level (not in a lazy list item,
 * which may leave the composition while the chooser is up). The chooser forwards the request to
 * the app the holder picks; its result (nothing to read) arrives on the way back and hands the
 * session's token back.
 */
@Composable
internal fun rememberHolderKeyShareSheet(session: AppSession): (Intent) -> Boolean =
    rememberLauncherExpectingResult(session, ActivityResultContracts.StartActivityForResult()) {}

/** The key as plain text on the system clipboard. */
private fun copyKey(context: Context, key: HolderKey) {
    val clipboard = context.getSystemService(ClipboardManager::class.java) ?: return
    clipboard.setPrimaryClip(ClipData.newPlainText(context.getString(R.string.holder_key_share_subject), key.hex))
}

/** The system chooser for the key as text (the subject for mail). */
private fun shareIntent(context: Context, key: HolderKey): Intent {
    val send = Intent(Intent.ACTION_SEND).apply {
        type = "text/plain"
        putExtra(Intent.EXTRA_TEXT, key.hex)
        putExtra(Intent.EXTRA_SUBJECT, context.getString(R.string.holder_key_share_subject))
    }
    return Intent.createChooser(send, context.getString(R.string.holder_key_share))
}
