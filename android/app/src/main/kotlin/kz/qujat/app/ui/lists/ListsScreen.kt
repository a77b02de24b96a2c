package kz.qujat.app.ui.lists

import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardCapitalization
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.lists.ListsState
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.dateTime
import kz.qujat.app.ui.common.rememberLauncherExpectingResult
import kz.qujat.app.ui.verify.WithVerifier
import kz.qujat.app.ui.verify.ageText
import kz.qujat.app.ui.verify.listOutcomeText
import kz.qujat.app.ui.verify.listsNoticeText

/**
 * The trust list and status lists this phone holds, with their age, and their update from files
 * the user opens (the system picker) or from the configured HTTPS addresses (the same screen as
 * iOS's `TrustListsView`). Every list goes through the verifier store, which never takes an
 * older one.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun ListsScreen(graph: AppGraph, onBack: () -> Unit) {
    Scaffold(topBar = {
        TopAppBar(
            title = { Text(stringResource(R.string.lists_title)) },
            navigationIcon = { TextButton(onClick = onBack) { Text(stringResource(R.string.back)) } },
        )
    }) { padding ->
        Column(Modifier.padding(padding)) {
            WithVerifier(graph) { verifier -> ListsContent(graph, verifier) }
        }
    }
}

@Composable
private fun ListsContent(graph: AppGraph, verifier: VerifierPort) {
    val app = LocalContext.current.applicationContext
    val vm: ListsViewModel = viewModel { ListsViewModel(verifier, app, graph.clock) }
    val state by vm.state.collectAsStateWithLifecycle()
    // Registered on every composition, loading or not, so a pick that outlived the process comes back.
    // Through the session: a holder who opens this screen from Settings (to get a newer list for an
    // import) does not come back to a locked wallet; in the verifier mode no wallet is open and the
    // session's gate stays as it is (SessionTest).
    val pick = rememberLauncherExpectingResult(graph.session, ActivityResultContracts.OpenMultipleDocuments()) { uris ->
        if (uris.isNotEmpty()) vm.openFiles(uris)
    }
    // The addresses as typed; starts from the saved ones once they are read.
    var locations by rememberSaveable(state.loading) { mutableStateOf(state.locations) }
    if (state.loading) return Busy()
    Column(
        Modifier.padding(16.dp).verticalScroll(rememberScrollState()),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Held(state)
        HorizontalDivider()
        Text(stringResource(R.string.lists_from_files), style = MaterialTheme.typography.titleMedium)
        Button(onClick = { pick(arrayOf("*/*")) }, enabled = !state.busy) {
            Text(stringResource(R.string.lists_open_files))
        }
        HorizontalDivider()
        Text(stringResource(R.string.lists_from_location), style = MaterialTheme.typography.titleMedium)
        OutlinedTextField(
            value = locations,
            onValueChange = { locations = it },
            placeholder = { Text(stringResource(R.string.lists_location_hint)) },
            minLines = 2,
            maxLines = 6,
            keyboardOptions = KeyboardOptions(
                capitalization = KeyboardCapitalization.None,
                autoCorrectEnabled = false,
                keyboardType = KeyboardType.Uri,
            ),
            modifier = Modifier.fillMaxWidth(),
        )
        Text(stringResource(R.string.lists_location_footer), style = MaterialTheme.typography.bodySmall)
        OutlinedButton(onClick = { vm.download(locations) }, enabled = !state.busy) {
            Text(stringResource(R.string.lists_download))
        }
        if (state.busy) LinearProgressIndicator(Modifier.fillMaxWidth())
        state.notice?.let { Text(listsNoticeText(it), color = MaterialTheme.colorScheme.error) }
        if (state.results.isNotEmpty()) {
            HorizontalDivider()
            Text(stringResource(R.string.lists_results), style = MaterialTheme.typography.titleMedium)
            for (r in state.results) {
                Column {
                    Text(r.name, style = MaterialTheme.typography.labelSmall)
                    Text(listOutcomeText(r.outcome))
                }
            }
        }
    }
}

/** What this phone holds: the trust list (version, age, issuers, validity) and each issuer's status list. */
@Composable
private fun Held(state: ListsState) {
    Text(stringResource(R.string.lists_held), style = MaterialTheme.typography.titleMedium)
    val trust = state.trustList
    if (trust != null) {
        Text(stringResource(R.string.lists_trust_held, trust.sequence.toInt(), ageText(trust.issuedAt, state.readAt)))
        Text(
            stringResource(R.string.lists_trust_detail, trust.issuers, dateTime(trust.issuedAt), dateTime(trust.expiresAt)),
            style = MaterialTheme.typography.bodySmall,
            color = if (state.readAt > trust.expiresAt) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurfaceVariant,
        )
    } else {
        Text(stringResource(R.string.lists_trust_none), color = MaterialTheme.colorScheme.error)
    }
    if (state.statusLists.isEmpty()) {
        Text(stringResource(R.string.lists_status_none))
    } else {
        for (held in state.statusLists) {
            val f = held.freshness
            Text(
                stringResource(R.string.lists_status_one, held.issuerId, ageText(f.listIssuedAt, state.readAt), dateTime(f.validUntil)),
                // Past its "valid until": verdicts say STATUS_STALE until a newer one is installed.
                color = if (state.readAt > f.validUntil) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurface,
            )
        }
    }
    Text(stringResource(R.string.lists_never_older), style = MaterialTheme.typography.bodySmall)
}
