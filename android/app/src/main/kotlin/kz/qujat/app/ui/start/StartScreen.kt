package kz.qujat.app.ui.start

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.data.Mode
import kz.qujat.app.logic.keystore.NoticePlace
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.ui.Routes
import kz.qujat.app.ui.backup.FirstRunChoice
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.KeyStoreNotice
import kz.qujat.app.ui.common.Page
import kz.qujat.app.ui.common.walletFailureText
import kz.qujat.app.ui.security.SecuritySettingsSection

/** Decides where the app opens: mode choice, set-up, unlock, or the verifier. */
@Composable
fun StartScreen(graph: AppGraph, go: (String) -> Unit) {
    var mode by remember { mutableStateOf(graph.settings.mode) }
    var failure by remember { mutableStateOf<WalletFailure?>(null) }
    var firstRun by remember { mutableStateOf(false) }
    val chosen = mode
    if (chosen == null) {
        ModeChoice { graph.settings.mode = it; mode = it }
        return
    }
    LaunchedEffect(chosen) {
        if (chosen == Mode.VERIFIER) return@LaunchedEffect go(Routes.VERIFIER)
        val state = withContext(Dispatchers.IO) {
            try {
                graph.wallet.status().state
            } catch (e: WalletFailure) {
                failure = e
                null
            }
        } ?: return@LaunchedEffect
        // No wallet yet: a new one, or the backup from another phone.
        if (state == WalletState.UNINITIALIZED || state == WalletState.WIPED) {
            firstRun = true
            return@LaunchedEffect
        }
        go(
            when (state) {
                WalletState.UNINITIALIZED, WalletState.WIPED -> Routes.onboarding(resume = false)
                WalletState.ENROLMENT_PENDING -> Routes.onboarding(resume = true)
                WalletState.READY -> Routes.UNLOCK
            },
        )
    }
    if (firstRun) return FirstRunChoice(onNewWallet = { go(Routes.onboarding(resume = false)) }, onRestore = { go(Routes.RESTORE) })
    val f = failure
    if (f == null) Busy() else Page { Text(walletFailureText(f), color = MaterialTheme.colorScheme.error) }
}

@Composable
private fun ModeChoice(onChoose: (Mode) -> Unit) {
    Page {
        Text(stringResource(R.string.app_name), style = MaterialTheme.typography.displaySmall)
        Text(stringResource(R.string.mode_question), style = MaterialTheme.typography.titleMedium)
        Button(onClick = { onChoose(Mode.HOLDER) }, modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(R.string.mode_holder))
        }
        OutlinedButton(onClick = { onChoose(Mode.VERIFIER) }, modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(R.string.mode_verifier))
        }
        Text(stringResource(R.string.mode_note), style = MaterialTheme.typography.bodySmall)
    }
}

/**
 * Language (kk/ru/en or the device's), mode, the trust and status lists; for a holder, the
 * security screens ([onSecurity] opens a route) and the backup.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun SettingsScreen(
    graph: AppGraph,
    onModeChanged: () -> Unit,
    onSecurity: ((String) -> Unit)? = null,
    onBackup: (() -> Unit)? = null,
    onLists: () -> Unit = {},
    onBack: () -> Unit,
) {
    var lang by remember { mutableStateOf(graph.settings.language) }
    Scaffold(topBar = {
        TopAppBar(
            title = { Text(stringResource(R.string.settings)) },
            navigationIcon = { TextButton(onClick = onBack) { Text(stringResource(R.string.back)) } },
        )
    }) { padding ->
        Column(Modifier.padding(padding).verticalScroll(rememberScrollState()).padding(24.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            KeyStoreNotice(graph, NoticePlace.SETTINGS)
            Text(stringResource(R.string.language), style = MaterialTheme.typography.titleMedium)
            val options = listOf<Pair<Lang?, Int>>(
                null to R.string.language_device,
                Lang.KK to R.string.language_kk,
                Lang.RU to R.string.language_ru,
                Lang.EN to R.string.language_en,
            )
            for ((value, label) in options) {
                Row(
                    Modifier.fillMaxWidth().selectable(selected = lang == value, onClick = {
                        lang = value
                        graph.settings.language = value // AppCompat recreates the activity in that language
                    }),
                    verticalAlignment = Alignment.CenterVertically,
                ) {
                    RadioButton(selected = lang == value, onClick = null)
                    Text(stringResource(label))
                }
            }
            Text(stringResource(R.string.mode), style = MaterialTheme.typography.titleMedium)
            OutlinedButton(onClick = {
                graph.settings.mode = if (graph.settings.mode == Mode.VERIFIER) Mode.HOLDER else Mode.VERIFIER
                onModeChanged()
            }) {
                Text(stringResource(if (graph.settings.mode == Mode.VERIFIER) R.string.switch_to_holder else R.string.switch_to_verifier))
            }
            if (onSecurity != null && graph.settings.mode == Mode.HOLDER) SecuritySettingsSection(onSecurity)
            if (onBackup != null && graph.settings.mode == Mode.HOLDER) {
                Text(stringResource(R.string.backup_title), style = MaterialTheme.typography.titleMedium)
                OutlinedButton(onClick = onBackup) { Text(stringResource(R.string.backup_make)) }
            }
            // The trust and status lists: their age, and their update from files or HTTPS.
            OutlinedButton(onClick = onLists) { Text(stringResource(R.string.lists_title)) }
        }
    }
}
