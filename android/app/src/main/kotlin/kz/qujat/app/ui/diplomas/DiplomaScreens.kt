package kz.qujat.app.ui.diplomas

import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.ExtendedFloatingActionButton
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
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
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.model.DiplomaSummary
import kz.qujat.app.logic.keystore.NoticePlace
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.ui.common.pick
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.CaptureGuard
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.KeyStoreNotice
import kz.qujat.app.ui.common.SecureDialog
import kz.qujat.app.ui.common.rememberLauncherExpectingResult
import kz.qujat.app.ui.common.walletFailureText

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun DiplomaListScreen(graph: AppGraph, onOpen: (String) -> Unit, onLocked: () -> Unit, onSettings: () -> Unit) {
    val vm: DiplomaListViewModel = viewModel { DiplomaListViewModel(graph) }
    val s by vm.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    val lang = remember { graph.settings.effectiveLanguage() }
    LaunchedEffect(Unit) { vm.load() }
    // The picker takes the app to the background: the session knows to expect it (no lock while
    // it is up, within a bound), and imports the file itself (it survives a lock met on return).
    val pick = rememberLauncherExpectingResult(graph.session, ActivityResultContracts.OpenDocument()) { uri ->
        if (uri != null) graph.session.importFrom(context.applicationContext.contentResolver, uri)
    }
    val shareKey = rememberHolderKeyShareSheet(graph.session)
    if (s.failure is WalletFailure.Locked) return LaunchedEffect(Unit) { onLocked() }
    Scaffold(
        topBar = {
            TopAppBar(
                title = { Text(stringResource(R.string.my_diplomas)) },
                actions = { TextButton(onClick = onSettings) { Text(stringResource(R.string.settings)) } },
            )
        },
        floatingActionButton = {
            ExtendedFloatingActionButton(onClick = { pick(arrayOf("application/octet-stream", "*/*")) }) {
                Text(stringResource(R.string.import_diploma))
            }
        },
    ) { padding ->
        val list = s.list
        if (s.busy || list == null) {
            Column(Modifier.padding(padding).padding(24.dp)) {
                s.failure?.let { ErrorText(walletFailureText(it)) } ?: Busy()
            }
            return@Scaffold
        }
        LazyColumn(
            Modifier.padding(padding).fillMaxWidth(),
            contentPadding = androidx.compose.foundation.layout.PaddingValues(16.dp),
            verticalArrangement = Arrangement.spacedBy(12.dp),
        ) {
            item { KeyStoreNotice(graph, NoticePlace.DIPLOMA_LIST) }
            s.failure?.let { f -> item { ErrorText(walletFailureText(f)) } }
            if (list.damaged > 0) item { ErrorText(stringResource(R.string.diplomas_damaged, list.damaged)) }
            if (list.diplomas.isEmpty()) {
                item {
                    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                        Text(stringResource(R.string.no_diplomas), style = MaterialTheme.typography.titleMedium)
                        Text(stringResource(R.string.holder_key_explained))
                        s.holderKey?.let { key ->
                            Text(key.grouped, fontFamily = FontFamily.Monospace)
                            HolderKeyActions(key, shareKey)
                        }
                    }
                }
            }
            items(list.diplomas, key = { it.id }) { d -> DiplomaCard(d, lang) { onOpen(d.id) } }
        }
    }
}

@Composable
private fun DiplomaCard(d: DiplomaSummary, lang: Lang, onClick: () -> Unit) {
    Card(Modifier.fillMaxWidth().clickable(onClick = onClick)) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Text(d.programName.pick(lang) ?: d.programCode.orEmpty(), style = MaterialTheme.typography.titleMedium)
            Text(listOfNotNull(d.degree?.pick(lang), d.programCode).joinToString(" · "))
            Text(d.issuerName.pick(lang) ?: d.issuerId, style = MaterialTheme.typography.bodyMedium)
            val issued = d.issueDate?.toString()
            if (issued != null) Text(stringResource(R.string.issued_on, issued), style = MaterialTheme.typography.bodySmall)
            if (d.honors) Text(stringResource(R.string.with_honors), color = MaterialTheme.colorScheme.secondary)
        }
    }
}

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun DiplomaDetailScreen(graph: AppGraph, id: String, onPresent: () -> Unit, onDeleted: () -> Unit, onLocked: () -> Unit, onPdf: () -> Unit) {
    val vm: DiplomaDetailViewModel = viewModel(key = id) { DiplomaDetailViewModel(graph, id) }
    val s by vm.state.collectAsStateWithLifecycle()
    var confirmDelete by remember { mutableStateOf(false) }
    val lang = remember { graph.settings.effectiveLanguage() }
    LaunchedEffect(id) { vm.load() }
    if (s.deleted) return LaunchedEffect(Unit) { onDeleted() }
    if (s.failure is WalletFailure.Locked) return LaunchedEffect(Unit) { onLocked() }
    Scaffold(topBar = {
        TopAppBar(
            title = { Text(s.detail?.summary?.programName?.pick(lang) ?: "") },
            actions = { TextButton(onClick = { confirmDelete = true }) { Text(stringResource(R.string.delete)) } },
        )
    }) { padding ->
        Column(Modifier.padding(padding).padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            s.failure?.let { ErrorText(walletFailureText(it)) }
            val detail = s.detail ?: return@Column Busy()
            Text(detail.summary.issuerName.pick(lang) ?: detail.summary.issuerId, style = MaterialTheme.typography.titleMedium)
            CaptureGuard(graph.clock, Modifier.weight(1f).fillMaxWidth()) {
                LazyColumn {
                    items(detail.claims, key = { it.key }) { line ->
                        Column(Modifier.padding(vertical = 6.dp)) {
                            Text(line.label, style = MaterialTheme.typography.labelMedium)
                            Text(line.text, style = MaterialTheme.typography.bodyLarge)
                        }
                        HorizontalDivider()
                    }
                }
            }
            Button(onClick = onPresent, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.present)) }
            OutlinedButton(onClick = onPdf, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.pdf_title)) }
        }
    }
    if (confirmDelete) {
        SecureDialog(
            title = stringResource(R.string.delete_title),
            text = stringResource(R.string.delete_body),
            confirm = stringResource(R.string.delete),
            dismiss = stringResource(R.string.cancel),
            onConfirm = { confirmDelete = false; vm.delete() },
            onDismiss = { confirmDelete = false },
        )
    }
}
