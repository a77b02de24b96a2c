package kz.qujat.app.ui.security

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.delay
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.security.ChangePinOutcome
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.PinInput
import kz.qujat.app.ui.common.dateTime
import kz.qujat.app.ui.common.weakPinText

/**
 * Change PIN: current PIN, a current authenticator code, the new PIN twice (the core's policy
 * shown while it is typed). Attempts left and a lockout's countdown as on the unlock screen:
 * the change is counted like an unlock.
 */
@Composable
fun ChangePinScreen(graph: AppGraph, onLocked: () -> Unit, onBack: () -> Unit) {
    val vm: ChangePinViewModel = viewModel { ChangePinViewModel(graph) }
    val s by vm.state.collectAsStateWithLifecycle()
    LifecycleResumeEffect(Unit) {
        vm.refresh()
        onPauseOrDispose { }
    }
    LaunchedEffect(s.gate.lockedUntil) {
        while (s.gate.lockedUntil != null) {
            delay(1_000)
            vm.tick()
        }
    }
    when (s.outcome) {
        // A wipe also goes to unlock, which sends the holder on to set-up.
        ChangePinOutcome.LOCKED, ChangePinOutcome.WIPED -> return LaunchedEffect(Unit) { onLocked() }
        ChangePinOutcome.CHANGED -> return SecurityPage(stringResource(R.string.change_pin_title), onBack = null) {
            Text(stringResource(R.string.change_pin_done), style = MaterialTheme.typography.titleMedium)
            Button(onClick = onBack, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.done)) }
        }
        null -> Unit
    }
    // Not rememberSaveable: PINs and codes are never written into the saved instance state.
    var current by remember { mutableStateOf("") }
    var code by remember { mutableStateOf("") }
    var new by remember { mutableStateOf("") }
    var again by remember { mutableStateOf("") }
    DisposableEffect(Unit) { onDispose { current = ""; code = ""; new = ""; again = "" } }
    val field = graph.pinField
    SecurityPage(stringResource(R.string.change_pin_title), onBack) {
        PinInput(field, current, { current = it }, stringResource(R.string.change_pin_current))
        OutlinedTextField(
            value = code,
            onValueChange = { code = graph.rules.filterCodeTyping(it) },
            label = { Text(stringResource(R.string.authenticator_code)) },
            singleLine = true,
            keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.NumberPassword, autoCorrectEnabled = false),
            modifier = Modifier.fillMaxWidth(),
        )
        PinInput(field, new, { new = it; vm.newPinTyped(it) }, stringResource(R.string.change_pin_new))
        ErrorText(s.newPinProblem?.let { weakPinText(it) })
        PinInput(field, again, { again = it }, stringResource(R.string.change_pin_repeat))
        Text(stringResource(R.string.change_pin_footer), style = MaterialTheme.typography.bodySmall)
        if (s.gate.hadFailures) {
            val left = s.gate.attemptsLeft ?: 0
            Text(
                if (s.lastAttemptWipes) {
                    stringResource(R.string.attempts_left_wipe, left)
                } else {
                    stringResource(R.string.attempts_left_recovery, left)
                },
                color = if (s.gate.finalAttemptsWarning) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurface,
            )
        }
        val until = s.gate.lockedUntil
        if (until != null && s.gate.waiting) {
            Text(stringResource(R.string.locked_countdown, s.gate.countdownText, dateTime(until)), style = MaterialTheme.typography.titleMedium)
        }
        ErrorText(s.problem?.let { changePinProblemText(it) })
        if (s.busy) {
            Busy()
        } else {
            Button(
                onClick = {
                    vm.submit(current, code, new, again)
                    current = ""; code = ""; new = ""; again = ""
                },
                enabled = s.canSubmit && current.isNotEmpty() && new.isNotEmpty() && again.isNotEmpty() &&
                    graph.rules.authenticatorCode(code) != null,
                modifier = Modifier.fillMaxWidth(),
            ) { Text(stringResource(R.string.change_pin_title)) }
        }
    }
}
