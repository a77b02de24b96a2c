package kz.qujat.app.ui.security

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.ListItem
import androidx.compose.material3.ListItemDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.security.AuditChain
import kz.qujat.app.logic.security.AuditLogState
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.dateTime
import kz.qujat.app.ui.common.walletFailureText

/**
 * The activity log, newest first: each entry's kind in the user's language with its local date
 * and time, and on top whether the hash chain is intact (entries from a break on in red).
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun AuditLogScreen(graph: AppGraph, onLocked: () -> Unit, onBack: () -> Unit) {
    val vm: AuditLogViewModel = viewModel { AuditLogViewModel(graph) }
    val s by vm.state.collectAsStateWithLifecycle()
    LifecycleResumeEffect(Unit) {
        vm.load()
        onPauseOrDispose { }
    }
    val state = s
    if (state is AuditLogState.Locked) return LaunchedEffect(Unit) { onLocked() }
    Scaffold(topBar = {
        TopAppBar(
            title = { Text(stringResource(R.string.audit_title)) },
            navigationIcon = { TextButton(onClick = onBack) { Text(stringResource(R.string.back)) } },
        )
    }) { padding ->
        when (state) {
            AuditLogState.Loading, AuditLogState.Locked -> Busy()
            is AuditLogState.Failed -> Column(Modifier.padding(padding).padding(24.dp)) { ErrorText(walletFailureText(state.failure)) }
            is AuditLogState.Loaded -> LazyColumn(
                Modifier.fillMaxSize().padding(padding),
                contentPadding = PaddingValues(16.dp),
                verticalArrangement = Arrangement.spacedBy(4.dp),
            ) {
                item {
                    when (val chain = state.view.chain) {
                        AuditChain.Intact -> Text(
                            stringResource(R.string.audit_intact),
                            color = MaterialTheme.colorScheme.onSurfaceVariant,
                        )
                        is AuditChain.Broken -> Text(
                            stringResource(R.string.audit_broken, chain.atSeq),
                            color = MaterialTheme.colorScheme.error,
                            style = MaterialTheme.typography.titleMedium,
                        )
                    }
                }
                items(state.view.lines, key = { it.entry.seq }) { line ->
                    val color = if (line.untrusted) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurface
                    ListItem(
                        headlineContent = { Text(auditEntryText(line.entry)) },
                        supportingContent = { Text(dateTime(line.entry.time)) },
                        colors = ListItemDefaults.colors(headlineColor = color, supportingColor = color),
                    )
                    HorizontalDivider()
                }
            }
        }
    }
}
