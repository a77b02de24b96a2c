package kz.qujat.app.ui.security

import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import androidx.activity.compose.BackHandler
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.security.SwitchAuthenticatorState
import kz.qujat.app.logic.security.pendingAction
import kz.qujat.app.logic.session.PendingAction
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.QrImage

/**
 * Switch to a new authenticator app: begin, the new otpauth QR (drawn by the core) and the
 * "open in an authenticator app" link, then the new app's first code. Cancel (or back) leaves
 * the old app working.
 *
 * Opening the authenticator app on this phone leaves Qujat, which locks the wallet: while the
 * QR or the first-code step is up, [onWorkingOn] tells the session gate to resume the switch
 * after the unlock (open this screen again with `resume = true`); [onLocked] gets the same.
 */
@Composable
fun SwitchAuthenticatorScreen(
    graph: AppGraph,
    resume: Boolean,
    onLocked: (PendingAction?) -> Unit,
    onWorkingOn: (PendingAction?) -> Unit,
    onBack: () -> Unit,
) {
    val vm: SwitchAuthenticatorViewModel = viewModel { SwitchAuthenticatorViewModel(graph, resume) }
    val s by vm.state.collectAsStateWithLifecycle()
    LifecycleResumeEffect(Unit) {
        vm.checkSession()
        onPauseOrDispose { }
    }
    val state = s
    val pending = state.pendingAction
    // Not on Locked: a lock keeps what is pending for after the unlock.
    if (state !is SwitchAuthenticatorState.Locked) LaunchedEffect(pending) { onWorkingOn(pending) }
    val leave = {
        onWorkingOn(null)
        vm.cancel()
    }
    BackHandler(enabled = pending != null) { leave() }
    when (state) {
        is SwitchAuthenticatorState.Locked -> return LaunchedEffect(Unit) { onLocked(state.resume) }
        SwitchAuthenticatorState.Cancelled -> return LaunchedEffect(Unit) { onBack() }
        else -> Unit
    }
    SecurityPage(stringResource(R.string.authenticator_switch_title), onBack = if (pending != null) leave else onBack) {
        when (state) {
            is SwitchAuthenticatorState.Start -> {
                Text(stringResource(R.string.authenticator_switch_body))
                Text(stringResource(R.string.authenticator_switch_footer), style = MaterialTheme.typography.bodySmall)
                state.problem?.let { ErrorText(switchProblemText(it)) }
                Button(onClick = vm::begin, modifier = Modifier.fillMaxWidth()) {
                    Text(stringResource(R.string.authenticator_switch_begin))
                }
            }
            SwitchAuthenticatorState.Working -> Busy()
            is SwitchAuthenticatorState.Scan -> ScanStep(state, onAdded = vm::added, onCancel = leave)
            is SwitchAuthenticatorState.FirstCode -> FirstCodeStep(
                state,
                filter = graph.rules::filterCodeTyping,
                isCode = { graph.rules.authenticatorCode(it) != null },
                onConfirm = vm::confirm,
                onBackToQr = vm::back,
                onRestart = vm::restart,
                onCancel = leave,
            )
            SwitchAuthenticatorState.Done -> {
                Text(stringResource(R.string.authenticator_switched), style = MaterialTheme.typography.titleMedium)
                Button(onClick = onBack, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.done)) }
            }
            SwitchAuthenticatorState.Cancelled, is SwitchAuthenticatorState.Locked -> Unit
        }
    }
}

@Composable
private fun ScanStep(s: SwitchAuthenticatorState.Scan, onAdded: () -> Unit, onCancel: () -> Unit) {
    KeepScreenSecure()
    val context = LocalContext.current
    var noApp by remember { mutableStateOf(false) }
    Text(stringResource(R.string.onboarding_authenticator_title), style = MaterialTheme.typography.headlineSmall)
    Text(stringResource(R.string.onboarding_authenticator_body))
    val qr = s.qr
    if (qr != null) {
        QrImage(qr, stringResource(R.string.onboarding_authenticator_qr), Modifier.fillMaxWidth().widthIn(max = 360.dp))
    }
    // Same phone: hand the URI to the authenticator app directly (never via the clipboard).
    OutlinedButton(onClick = {
        try {
            context.startActivity(Intent(Intent.ACTION_VIEW, Uri.parse(s.otpauthUri)))
        } catch (e: ActivityNotFoundException) {
            noApp = true
        }
    }) { Text(stringResource(R.string.onboarding_open_authenticator)) }
    if (noApp) ErrorText(stringResource(R.string.onboarding_no_authenticator))
    Button(onClick = onAdded, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.onboarding_added)) }
    TextButton(onClick = onCancel) { Text(stringResource(R.string.cancel)) }
}

@Composable
private fun FirstCodeStep(
    s: SwitchAuthenticatorState.FirstCode,
    filter: (String) -> String,
    isCode: (String) -> Boolean,
    onConfirm: (String) -> Unit,
    onBackToQr: () -> Unit,
    onRestart: () -> Unit,
    onCancel: () -> Unit,
) {
    var code by remember { mutableStateOf("") }
    DisposableEffect(Unit) { onDispose { code = "" } }
    Text(stringResource(R.string.authenticator_switch_first_code), style = MaterialTheme.typography.headlineSmall)
    OutlinedTextField(
        value = code,
        onValueChange = { code = filter(it) },
        label = { Text(stringResource(R.string.authenticator_code)) },
        singleLine = true,
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.NumberPassword, autoCorrectEnabled = false),
        modifier = Modifier.fillMaxWidth(),
    )
    s.problem?.let { ErrorText(switchProblemText(it)) }
    Button(onClick = { onConfirm(code); code = "" }, enabled = isCode(code), modifier = Modifier.fillMaxWidth()) {
        Text(stringResource(R.string.confirm))
    }
    if (s.canGoBack) {
        TextButton(onClick = onBackToQr) { Text(stringResource(R.string.back)) }
    } else {
        TextButton(onClick = onRestart) { Text(stringResource(R.string.authenticator_switch_restart)) }
    }
    TextButton(onClick = onCancel) { Text(stringResource(R.string.cancel)) }
}
