package kz.qujat.app.ui.security

import androidx.activity.compose.BackHandler
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.security.AfterRecoveryOutcome
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.walletFailureText

/**
 * After an unlock with a recovery code (the session helper's unlock screen comes here): why
 * the authenticator may need replacing, the two steps (each its own screen; what is done is read
 * back from the audit log on return), and "Not now".
 */
@Composable
fun AfterRecoveryScreen(
    graph: AppGraph,
    onSwitchAuthenticator: () -> Unit,
    onRenewCodes: () -> Unit,
    onLocked: () -> Unit,
    onDismissed: () -> Unit,
) {
    val vm: AfterRecoveryViewModel = viewModel { AfterRecoveryViewModel(graph) }
    val s by vm.state.collectAsStateWithLifecycle()
    LifecycleResumeEffect(Unit) {
        vm.load()
        onPauseOrDispose { }
    }
    when (s.outcome) {
        AfterRecoveryOutcome.LOCKED -> return LaunchedEffect(Unit) { onLocked() }
        AfterRecoveryOutcome.DISMISSED -> return LaunchedEffect(Unit) { onDismissed() }
        null -> Unit
    }
    // Reached with a fresh back stack: "back" means "not now", never leaving the app.
    BackHandler { vm.dismiss() }
    SecurityPage(stringResource(R.string.after_recovery_title), onBack = null) {
        Text(stringResource(R.string.after_recovery_body))
        if (s.loading) return@SecurityPage Busy()
        s.failure?.let { ErrorText(walletFailureText(it)) }
        s.codesLeft?.let { Text(stringResource(R.string.recovery_left, it), style = MaterialTheme.typography.titleMedium) }
        if (s.followUp.authenticatorSwitched) {
            Text(stringResource(R.string.authenticator_switched), color = MaterialTheme.colorScheme.primary)
        } else {
            Button(onClick = onSwitchAuthenticator, modifier = Modifier.fillMaxWidth()) {
                Text(stringResource(R.string.authenticator_switch_title))
            }
        }
        if (s.followUp.codesRenewed) {
            Text(stringResource(R.string.recovery_renewed), color = MaterialTheme.colorScheme.primary)
        } else {
            OutlinedButton(onClick = onRenewCodes, modifier = Modifier.fillMaxWidth()) {
                Text(stringResource(R.string.recovery_renew_title))
            }
        }
        if (s.allDone) {
            Button(onClick = vm::dismiss, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.done)) }
        } else {
            TextButton(onClick = vm::dismiss) { Text(stringResource(R.string.after_recovery_dismiss)) }
        }
    }
}
