package kz.qujat.app.ui.backup

import android.content.ContentResolver
import android.net.Uri
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
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
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.text.input.KeyboardCapitalization
import androidx.compose.ui.text.input.KeyboardType
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.backup.BackupFiles
import kz.qujat.app.logic.backup.RestorePresenter
import kz.qujat.app.logic.backup.RestoreState
import kz.qujat.app.logic.onboarding.OnboardingPresenter
import kz.qujat.app.logic.onboarding.OnboardingState
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.Page
import kz.qujat.app.ui.common.PresenterViewModel
import kz.qujat.app.ui.common.pinProblemText
import kz.qujat.app.ui.common.rememberLauncherExpectingResult
import kz.qujat.app.ui.common.walletFailureText
import kz.qujat.app.ui.onboarding.AuthenticatorStep
import kz.qujat.app.ui.onboarding.FirstCodeStep
import kz.qujat.app.ui.onboarding.PinStep
import kz.qujat.app.ui.onboarding.RecoveryCodesStep

class RestoreViewModel(graph: AppGraph) :
    PresenterViewModel<RestoreState, RestorePresenter>(RestorePresenter(graph.wallet, graph.backup, graph.rules)) {
    /** Read the picked document on the worker, while the picker's grant lasts; refused unread when too large. */
    fun filePicked(resolver: ContentResolver, uri: Uri) = send {
        filePicked(resolver.documentSize(uri)) { resolver.openInputStream(uri) }
    }

    fun codeEntered(code: String) = send { codeEntered(code) }
    fun pickAnotherFile() = send { pickAnotherFile() }
    fun enrolment(event: OnboardingPresenter.() -> Unit) = send { enrolment(event) }
    fun restart() = send { restart() }

    override fun onCleared() {
        presenter.dispose()
        super.onCleared()
    }
}

/**
 * Restore from a backup on a phone without a wallet (docs/BACKUP.md §4): the file (picked with
 * `OpenDocument`), its code, then onboarding's own steps (new PIN, authenticator, recovery codes,
 * first code) with the core's `restoreBackup` in place of `setup`.
 */
@Composable
fun RestoreScreen(graph: AppGraph, onNewWallet: () -> Unit, onDone: () -> Unit) {
    val vm: RestoreViewModel = viewModel { RestoreViewModel(graph) }
    val state by vm.state.collectAsStateWithLifecycle()
    val context = LocalContext.current
    // Told to the session like every picker. No wallet exists yet: the session is locked from
    // the start and this route stays up while locked (RouteAccess.OPEN), so the token only
    // defers the lock of a wallet with no session, which changes nothing (SessionTest).
    val pick = rememberLauncherExpectingResult(graph.session, ActivityResultContracts.OpenDocument()) { uri ->
        if (uri != null) vm.filePicked(context.contentResolver, uri)
    }
    val pickFile: () -> Unit = {
        // False: no document provider on this phone, nothing to pick from.
        pick(arrayOf(BackupFiles.MIME_TYPE, "*/*"))
    }
    when (val s = state) {
        is RestoreState.PickFile -> Page {
            Text(stringResource(R.string.restore_title), style = MaterialTheme.typography.headlineSmall)
            Text(stringResource(R.string.restore_body))
            s.problem?.let { ErrorText(restoreProblemText(it)) }
            Button(onClick = pickFile, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.restore_pick_file)) }
            TextButton(onClick = onNewWallet) { Text(stringResource(R.string.restore_new_wallet_instead)) }
        }
        RestoreState.Reading -> Busy()
        is RestoreState.EnterCode -> CodeStep(s, onSubmit = vm::codeEntered, onOtherFile = vm::pickAnotherFile)
        is RestoreState.Enrolling -> Enrolling(graph, s.step, vm, onDone)
    }
}

/** Onboarding's screens, driven through the restore. */
@Composable
private fun Enrolling(graph: AppGraph, step: OnboardingState, vm: RestoreViewModel, onDone: () -> Unit) {
    when (step) {
        is OnboardingState.ChoosePin -> PinStep(
            field = graph.pinField,
            title = stringResource(R.string.onboarding_choose_pin),
            hint = stringResource(R.string.onboarding_pin_hint, graph.pinField.minLength),
            problem = step.problem?.let { pinProblemText(it) },
            onNext = { pin -> vm.enrolment { choosePin(pin) } },
        )
        OnboardingState.ConfirmPin -> PinStep(
            field = graph.pinField,
            title = stringResource(R.string.onboarding_confirm_pin),
            hint = null,
            problem = null,
            onNext = { pin -> vm.enrolment { confirmPin(pin) } },
            onBack = { vm.enrolment { back() } },
        )
        OnboardingState.Working -> Busy()
        is OnboardingState.Authenticator -> AuthenticatorStep(step) { vm.enrolment { authenticatorAdded() } }
        is OnboardingState.RecoveryCodes -> RecoveryCodesStep(
            step,
            onAcknowledge = { on -> vm.enrolment { acknowledgeCodes(on) } },
            onBack = { vm.enrolment { back() } },
            onContinue = { vm.enrolment { codesWrittenDown() } },
        )
        is OnboardingState.FirstCode -> FirstCodeStep(
            graph.pinField,
            step,
            onSubmit = { code, pin -> vm.enrolment { submitFirstCode(code, pin) } },
            onRestart = vm::restart,
        )
        OnboardingState.Done -> LaunchedEffect(Unit) { onDone() }
        is OnboardingState.Failed -> Page {
            ErrorText(walletFailureText(step.failure))
            Button(onClick = vm::restart) { Text(stringResource(R.string.start_over)) }
        }
    }
}

/**
 * The backup code. The core has no typing formatter for its 28 characters (the recovery-code
 * one stops at 16), so the field takes the code as written down and the core reads it on
 * submit, forgiving dashes, spaces, letter case and look-alikes; a code of the wrong shape comes
 * back as `backup_code_malformed` before any work is done. Kept out of the saved instance state.
 */
@Composable
private fun CodeStep(s: RestoreState.EnterCode, onSubmit: (String) -> Unit, onOtherFile: () -> Unit) {
    var code by remember { mutableStateOf("") }
    val submit = {
        if (code.isNotBlank()) {
            onSubmit(code)
            code = ""
        }
    }
    Page {
        Text(stringResource(R.string.restore_code_title), style = MaterialTheme.typography.headlineSmall)
        Text(stringResource(R.string.restore_code_body))
        OutlinedTextField(
            value = code,
            onValueChange = { code = it.take(MAX_CODE_TYPING) },
            label = { Text(stringResource(R.string.backup_code)) },
            singleLine = true,
            textStyle = MaterialTheme.typography.bodyLarge.copy(fontFamily = FontFamily.Monospace),
            // A password keyboard: no suggestions, no learning of what is typed.
            keyboardOptions = KeyboardOptions(
                capitalization = KeyboardCapitalization.Characters,
                keyboardType = KeyboardType.Password,
                autoCorrectEnabled = false,
                imeAction = ImeAction.Done,
            ),
            keyboardActions = androidx.compose.foundation.text.KeyboardActions(onDone = { submit() }),
            modifier = Modifier.fillMaxWidth(),
        )
        s.problem?.let { ErrorText(restoreProblemText(it)) }
        Button(onClick = submit, enabled = code.isNotBlank(), modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(R.string.next))
        }
        TextButton(onClick = onOtherFile) { Text(stringResource(R.string.restore_pick_file)) }
    }
    DisposableEffect(Unit) { onDispose { code = "" } }
}

/** 28 code characters with dashes or spaces, and some slack for sloppy typing. */
private const val MAX_CODE_TYPING = 64

/**
 * First run on a phone with no wallet: set up a new one, or restore the backup made on another
 * phone.
 */
@Composable
fun FirstRunChoice(onNewWallet: () -> Unit, onRestore: () -> Unit) {
    Page {
        Text(stringResource(R.string.restore_first_run_title), style = MaterialTheme.typography.headlineSmall)
        Text(stringResource(R.string.restore_first_run_body))
        Button(onClick = onNewWallet, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.restore_first_run_new)) }
        TextButton(onClick = onRestore, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.restore_from_backup)) }
    }
}
