package kz.qujat.app.ui.onboarding

import android.content.ActivityNotFoundException
import android.content.Intent
import android.net.Uri
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.widthIn
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.Checkbox
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.onboarding.OnboardingPresenter
import kz.qujat.app.logic.onboarding.OnboardingState
import kz.qujat.app.logic.onboarding.PinField
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.Page
import kz.qujat.app.ui.common.PinInput
import kz.qujat.app.ui.common.PresenterViewModel
import kz.qujat.app.ui.common.QrImage
import kz.qujat.app.ui.common.firstCodeProblemText
import kz.qujat.app.ui.common.pinProblemText
import kz.qujat.app.ui.common.walletFailureText

class OnboardingViewModel(graph: AppGraph, resume: Boolean) :
    PresenterViewModel<OnboardingState, OnboardingPresenter>(OnboardingPresenter(graph.wallet, graph.rules, resuming = resume)) {
    fun choosePin(pin: String) = send { choosePin(pin) }
    fun confirmPin(pin: String) = send { confirmPin(pin) }
    fun authenticatorAdded() = send { authenticatorAdded() }
    fun back() = send { back() }
    fun acknowledge(on: Boolean) = send { acknowledgeCodes(on) }
    fun codesWrittenDown() = send { codesWrittenDown() }
    fun submitFirstCode(code: String, pin: String?) = send { submitFirstCode(code, pin) }
    fun restart() = send { restart() }

    override fun onCleared() {
        presenter.dispose()
        super.onCleared()
    }
}

/** Set-up: PIN twice, authenticator QR, recovery codes once, first code. */
@Composable
fun OnboardingScreen(graph: AppGraph, resume: Boolean, onDone: () -> Unit) {
    val vm: OnboardingViewModel = viewModel { OnboardingViewModel(graph, resume) }
    val state by vm.state.collectAsStateWithLifecycle()
    when (val s = state) {
        is OnboardingState.ChoosePin -> PinStep(
            field = graph.pinField,
            title = stringResource(R.string.onboarding_choose_pin),
            hint = stringResource(R.string.onboarding_pin_hint, graph.pinField.minLength),
            problem = s.problem?.let { pinProblemText(it) },
            onNext = vm::choosePin,
        )
        OnboardingState.ConfirmPin -> PinStep(
            field = graph.pinField,
            title = stringResource(R.string.onboarding_confirm_pin),
            hint = null,
            problem = null,
            onNext = vm::confirmPin,
            onBack = vm::back,
        )
        OnboardingState.Working -> Busy()
        is OnboardingState.Authenticator -> AuthenticatorStep(s, vm::authenticatorAdded)
        is OnboardingState.RecoveryCodes -> RecoveryCodesStep(s, vm::acknowledge, vm::back, vm::codesWrittenDown)
        is OnboardingState.FirstCode -> FirstCodeStep(graph.pinField, s, vm::submitFirstCode, vm::restart)
        OnboardingState.Done -> LaunchedEffect(Unit) { onDone() }
        is OnboardingState.Failed -> Page {
            ErrorText(walletFailureText(s.failure))
            Button(onClick = vm::restart) { Text(stringResource(R.string.start_over)) }
        }
    }
}

@Composable
internal fun PinStep(field: PinField, title: String, hint: String?, problem: String?, onNext: (String) -> Unit, onBack: (() -> Unit)? = null) {
    // Not rememberSaveable: a PIN is never written into the saved instance state.
    var pin by remember(title) { mutableStateOf("") }
    Page {
        Text(title, style = MaterialTheme.typography.headlineSmall)
        if (hint != null) Text(hint, style = MaterialTheme.typography.bodyMedium)
        PinInput(field, pin, { pin = it }, stringResource(R.string.pin)) { if (pin.length >= field.minLength) onNext(pin) }
        ErrorText(problem)
        Row {
            if (onBack != null) TextButton(onClick = onBack) { Text(stringResource(R.string.back)) }
            Button(onClick = { onNext(pin); pin = "" }, enabled = pin.length >= field.minLength) {
                Text(stringResource(R.string.next))
            }
        }
    }
}

@Composable
internal fun AuthenticatorStep(s: OnboardingState.Authenticator, onAdded: () -> Unit) {
    val context = LocalContext.current
    var noApp by remember { mutableStateOf(false) }
    Page {
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
    }
}

@Composable
internal fun RecoveryCodesStep(
    s: OnboardingState.RecoveryCodes,
    onAcknowledge: (Boolean) -> Unit,
    onBack: () -> Unit,
    onContinue: () -> Unit,
) {
    Page {
        Text(stringResource(R.string.onboarding_codes_title), style = MaterialTheme.typography.headlineSmall)
        Text(stringResource(R.string.onboarding_codes_body, s.codes.size))
        Card(Modifier.fillMaxWidth()) {
            Column(Modifier.padding(16.dp)) {
                s.codes.forEachIndexed { i, code ->
                    Text("${i + 1}. $code", fontFamily = FontFamily.Monospace, style = MaterialTheme.typography.titleMedium)
                }
            }
        }
        Row(verticalAlignment = Alignment.CenterVertically) {
            Checkbox(checked = s.acknowledged, onCheckedChange = onAcknowledge)
            Text(stringResource(R.string.onboarding_codes_ack))
        }
        Row {
            TextButton(onClick = onBack) { Text(stringResource(R.string.back)) }
            Button(onClick = onContinue, enabled = s.acknowledged) { Text(stringResource(R.string.next)) }
        }
    }
}

@Composable
internal fun FirstCodeStep(field: PinField, s: OnboardingState.FirstCode, onSubmit: (String, String?) -> Unit, onRestart: () -> Unit) {
    var code by remember { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    Page {
        Text(stringResource(R.string.onboarding_first_code_title), style = MaterialTheme.typography.headlineSmall)
        Text(stringResource(if (s.needsPin) R.string.onboarding_resume_body else R.string.onboarding_first_code_body))
        if (s.needsPin) PinInput(field, pin, { pin = it }, stringResource(R.string.pin))
        OutlinedTextField(
            value = code,
            onValueChange = { code = CoreRules.filterCodeTyping(it) },
            label = { Text(stringResource(R.string.authenticator_code)) },
            singleLine = true,
            keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.NumberPassword, autoCorrectEnabled = false),
            modifier = Modifier.fillMaxWidth(),
        )
        ErrorText(s.problem?.let { firstCodeProblemText(it) })
        Button(onClick = { onSubmit(code, pin.takeIf { s.needsPin }); code = "" }, enabled = CoreRules.authenticatorCode(code) != null) {
            Text(stringResource(R.string.confirm))
        }
        TextButton(onClick = onRestart) { Text(stringResource(R.string.start_over)) }
    }
    DisposableEffect(Unit) { onDispose { pin = ""; code = "" } }
}
