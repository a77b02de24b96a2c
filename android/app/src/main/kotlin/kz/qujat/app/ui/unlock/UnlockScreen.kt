package kz.qujat.app.ui.unlock

import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.lifecycle.compose.LifecycleResumeEffect
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.delay
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.unlock.UnlockOutcome
import kz.qujat.app.logic.unlock.UnlockPresenter
import kz.qujat.app.logic.unlock.UnlockState
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.Page
import kz.qujat.app.ui.common.PinInput
import kz.qujat.app.ui.common.PresenterViewModel
import kz.qujat.app.ui.common.dateTime
import kz.qujat.app.ui.common.unlockMessageText

class UnlockViewModel(graph: AppGraph) :
    PresenterViewModel<UnlockState, UnlockPresenter>(UnlockPresenter(graph.wallet, graph.rules, graph.clock)) {
    fun refresh() = send { refresh() }
    fun tick() = send { tick() }
    fun submit(pin: String, factor: String) = send { submit(pin, factor) }
}

/**
 * PIN + authenticator code (or a recovery code); attempts left, and a lockout's end with a
 * countdown. [onUnlocked] says whether a recovery code was used (then the app goes on to the
 * "after recovery" prompt). A file picked while the session was locked waits for this unlock,
 * and the screen says so.
 */
@Composable
fun UnlockScreen(graph: AppGraph, onUnlocked: (viaRecoveryCode: Boolean) -> Unit, onSetUpAgain: () -> Unit, onSettings: () -> Unit) {
    val vm: UnlockViewModel = viewModel { UnlockViewModel(graph) }
    val s by vm.state.collectAsStateWithLifecycle()
    val importWaiting by graph.session.pendingImport.collectAsStateWithLifecycle()
    LifecycleResumeEffect(Unit) {
        vm.refresh()
        onPauseOrDispose { }
    }
    LaunchedEffect(s.lockedUntil) {
        while (s.lockedUntil != null) {
            delay(1_000)
            vm.tick()
        }
    }
    when (s.outcome) {
        UnlockOutcome.UNLOCKED -> return LaunchedEffect(Unit) { onUnlocked(s.viaRecoveryCode) }
        UnlockOutcome.WIPED, UnlockOutcome.NOT_SET_UP -> return LaunchedEffect(Unit) { onSetUpAgain() }
        null -> Unit
    }
    var pin by remember { mutableStateOf("") }
    var factor by remember { mutableStateOf("") }
    Page {
        Text(stringResource(R.string.unlock_title), style = MaterialTheme.typography.headlineSmall)
        if (importWaiting) Text(stringResource(R.string.import_after_unlock), style = MaterialTheme.typography.bodyMedium)
        PinInput(graph.pinField, pin, { pin = it }, stringResource(R.string.pin))
        OutlinedTextField(
            value = factor,
            // Either kind of code may be typed here (the core tells them apart): the keyboard is a text
            // one, since a recovery code has letters (a numeric keypad made them untypable).
            onValueChange = { factor = if (s.recoveryOnly) graph.rules.formatRecoveryTyping(it) else it.take(24) },
            label = {
                Text(stringResource(if (s.recoveryOnly) R.string.recovery_code else R.string.code_or_recovery_code))
            },
            singleLine = true,
            visualTransformation = PasswordVisualTransformation(),
            keyboardOptions = KeyboardOptions(
                keyboardType = KeyboardType.Password,
                autoCorrectEnabled = false,
            ),
            modifier = Modifier.fillMaxWidth(),
        )
        if (s.hadFailures) {
            val left = s.attemptsLeft ?: 0
            val text = if (s.lastAttemptWipes) {
                stringResource(R.string.attempts_left_wipe, left)
            } else {
                stringResource(R.string.attempts_left_recovery, left)
            }
            Text(
                text,
                color = if (s.finalAttemptsWarning) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurface,
            )
        }
        val until = s.lockedUntil
        if (until != null && s.secondsLeft > 0) {
            Text(
                stringResource(R.string.locked_countdown, s.countdownText, dateTime(until)),
                style = MaterialTheme.typography.titleMedium,
            )
        }
        ErrorText(s.message?.let { unlockMessageText(it) })
        if (s.busy) {
            Busy()
        } else {
            Button(
                onClick = {
                    vm.submit(pin, factor)
                    factor = ""
                },
                enabled = s.canSubmit && pin.isNotEmpty() && factor.isNotEmpty(),
                modifier = Modifier.fillMaxWidth(),
            ) { Text(stringResource(R.string.unlock)) }
        }
        Row {
            TextButton(onClick = onSettings) { Text(stringResource(R.string.settings)) }
        }
    }
}
