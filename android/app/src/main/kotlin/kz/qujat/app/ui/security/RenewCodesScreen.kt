package kz.qujat.app.ui.security

import androidx.activity.compose.BackHandler
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.Checkbox
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.security.RenewCodesState
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.SecureDialog
import kz.qujat.app.ui.common.walletFailureText

/**
 * Renew the recovery codes: how many are left, a warning that the current ones stop working,
 * then the new ones shown once (FLAG_SECURE, no way back until "I have written them down").
 */
@Composable
fun RenewCodesScreen(graph: AppGraph, onLocked: () -> Unit, onBack: () -> Unit) {
    val vm: RenewCodesViewModel = viewModel { RenewCodesViewModel(graph) }
    val s by vm.state.collectAsStateWithLifecycle()
    LifecycleResumeEffect(Unit) {
        vm.load() // also hides the codes at once if the wallet locked meanwhile
        onPauseOrDispose { }
    }
    val state = s
    if (state is RenewCodesState.Locked) return LaunchedEffect(Unit) { onLocked() }
    val codesUp = state is RenewCodesState.Codes
    // The codes are shown once: system back does nothing until they are acknowledged.
    BackHandler(enabled = codesUp && !(state as RenewCodesState.Codes).acknowledged) { }
    SecurityPage(stringResource(R.string.recovery_renew_title), onBack = if (codesUp) null else onBack) {
        when (state) {
            RenewCodesState.Loading, RenewCodesState.Working -> Busy()
            is RenewCodesState.Info -> {
                state.failure?.let { ErrorText(walletFailureText(it)) }
                Text(stringResource(R.string.recovery_left, state.left), style = MaterialTheme.typography.titleMedium)
                Text(stringResource(R.string.recovery_renew_footer))
                Button(onClick = vm::askToRenew, modifier = Modifier.fillMaxWidth()) {
                    Text(stringResource(R.string.recovery_renew_button))
                }
                if (state.confirming) {
                    SecureDialog(
                        title = stringResource(R.string.recovery_renew_title),
                        text = stringResource(R.string.recovery_renew_warning),
                        confirm = stringResource(R.string.recovery_renew_button),
                        dismiss = stringResource(R.string.cancel),
                        onConfirm = vm::renew,
                        onDismiss = vm::cancelRenew,
                    )
                }
            }
            is RenewCodesState.Codes -> {
                KeepScreenSecure()
                Text(stringResource(R.string.onboarding_codes_title), style = MaterialTheme.typography.headlineSmall)
                Text(stringResource(R.string.onboarding_codes_body, state.codes.size))
                Text(stringResource(R.string.recovery_renew_stay), color = MaterialTheme.colorScheme.error)
                Card(Modifier.fillMaxWidth()) {
                    Column(Modifier.padding(16.dp)) {
                        state.codes.forEachIndexed { i, code ->
                            Text("${i + 1}. $code", fontFamily = FontFamily.Monospace, style = MaterialTheme.typography.titleMedium)
                        }
                    }
                }
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Checkbox(checked = state.acknowledged, onCheckedChange = vm::acknowledge)
                    Text(stringResource(R.string.onboarding_codes_ack))
                }
                Button(onClick = vm::writtenDown, enabled = state.acknowledged, modifier = Modifier.fillMaxWidth()) {
                    Text(stringResource(R.string.done))
                }
            }
            RenewCodesState.Done -> {
                Text(stringResource(R.string.recovery_renewed), style = MaterialTheme.typography.titleMedium)
                Button(onClick = onBack, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.done)) }
            }
            is RenewCodesState.Failed -> ErrorText(walletFailureText(state.failure))
            RenewCodesState.Locked -> Unit
        }
    }
}
