package kz.qujat.app.ui.common

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.produceState
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.data.Mode
import kz.qujat.app.logic.keystore.KeyStoreLevel
import kz.qujat.app.logic.keystore.KeyStoreWarning
import kz.qujat.app.logic.keystore.NoticePlace

/**
 * The warning that the wallet's Keystore key is not in secure hardware (`keystore_not_hardware`):
 * then a copy of the wallet file is guarded by the PIN alone. On the diploma list until the
 * holder acknowledges it once; in Settings always (holder mode only). Whether to show it is
 * [KeyStoreWarning]'s decision; the level is read off the main thread (a Keystore probe).
 */
@Composable
fun KeyStoreNotice(graph: AppGraph, place: NoticePlace, modifier: Modifier = Modifier) {
    if (place == NoticePlace.SETTINGS && graph.settings.mode != Mode.HOLDER) return
    val level by produceState<KeyStoreLevel?>(null) {
        value = withContext(Dispatchers.IO) { graph.keyStoreLevel }
    }
    var acknowledged by remember { mutableStateOf(graph.notices.keyStoreWarningAcknowledged) }
    if (!KeyStoreWarning.show(level, place, acknowledged)) return
    Card(
        modifier.fillMaxWidth(),
        colors = CardDefaults.cardColors(
            containerColor = MaterialTheme.colorScheme.errorContainer,
            contentColor = MaterialTheme.colorScheme.onErrorContainer,
        ),
    ) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(stringResource(R.string.keystore_not_hardware), style = MaterialTheme.typography.bodyMedium)
            if (place == NoticePlace.DIPLOMA_LIST) {
                TextButton(onClick = {
                    graph.notices.keyStoreWarningAcknowledged = true
                    acknowledged = true
                }) { Text(stringResource(R.string.keystore_warning_ack)) }
            }
        }
    }
}
