package kz.qujat.app.ui.present

import android.app.Activity
import android.view.WindowManager
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.layout.widthIn
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.Button
import androidx.compose.material3.Checkbox
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.produceState
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LocalLifecycleOwner
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.repeatOnLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.model.DiplomaDetail
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.present.PresentPresenter
import kz.qujat.app.logic.present.PresentState
import kz.qujat.app.ui.common.Busy
import kz.qujat.app.ui.common.CaptureGuard
import kz.qujat.app.ui.common.ErrorText
import kz.qujat.app.ui.common.Page
import kz.qujat.app.ui.common.PresenterViewModel
import kz.qujat.app.ui.common.QrImage
import kz.qujat.app.ui.common.SecureDialog
import kz.qujat.app.ui.common.sensitiveNote
import kz.qujat.app.ui.common.walletFailureText

class PresentViewModel(graph: AppGraph, id: String, detail: DiplomaDetail) :
    PresenterViewModel<PresentState, PresentPresenter>(
        PresentPresenter(graph.wallet, graph.rules, graph.clock, id, detail, graph.settings.effectiveLanguage()),
    ) {
    fun toggle(key: kz.qujat.app.logic.model.ClaimKey, on: Boolean) = send { toggle(key, on) }
    fun confirmSensitive() = send { confirmSensitive() }
    fun cancelSensitive() = send { cancelSensitive() }
    fun reset() = send { resetSelection() }
    fun challenge(input: String) = send { challengeChanged(input) }
    fun present() = send { present() }
    fun tick() = send { tick() }
    fun stop() = send { stopShowing() }
}

/**
 * Field choice (default set preselected; IIN, birth date, GPA off), optional challenge, QR with
 * countdown, renewed by itself shortly before expiry a few times (then by hand).
 */
@Composable
fun PresentScreen(graph: AppGraph, id: String, onLocked: () -> Unit, onDone: () -> Unit) {
    // The detail (with labels in the reader's language) is loaded once, off the main thread.
    val loaded by produceState<Result<DiplomaDetail>?>(null, id) {
        value = withContext(Dispatchers.IO) {
            try {
                Result.success(graph.wallet.show(id, graph.settings.effectiveLanguage()))
            } catch (e: WalletFailure) {
                Result.failure(e)
            }
        }
    }
    val result = loaded ?: return Busy()
    val detail = result.getOrElse { e ->
        if (e is WalletFailure.Locked) LaunchedEffect(Unit) { onLocked() } else Page { ErrorText(walletFailureText(e as WalletFailure)) }
        return
    }
    val vm: PresentViewModel = viewModel(key = "present-$id") { PresentViewModel(graph, id, detail) }
    val state by vm.state.collectAsStateWithLifecycle()
    when (val s = state) {
        is PresentState.Choosing -> Choosing(detail, s, vm, onDone)
        is PresentState.Showing -> Showing(s, vm, graph)
        is PresentState.Expired -> Page {
            Text(stringResource(R.string.present_expired), style = MaterialTheme.typography.headlineSmall)
            Button(onClick = vm::stop) { Text(stringResource(R.string.present_new_code)) }
            TextButton(onClick = onDone) { Text(stringResource(R.string.done)) }
        }
        is PresentState.Failed ->
            if (s.failure is WalletFailure.Locked) {
                LaunchedEffect(Unit) { onLocked() }
            } else {
                Page {
                    ErrorText(walletFailureText(s.failure))
                    Button(onClick = vm::stop) { Text(stringResource(R.string.back)) }
                }
            }
    }
}

@Composable
private fun Choosing(detail: DiplomaDetail, s: PresentState.Choosing, vm: PresentViewModel, onDone: () -> Unit) {
    val labels = detail.claims.associate { it.key to it.label }
    Page {
        Text(stringResource(R.string.present_choose), style = MaterialTheme.typography.headlineSmall)
        for (key in s.selection.available) {
            Row(verticalAlignment = Alignment.CenterVertically, modifier = Modifier.fillMaxWidth()) {
                Checkbox(checked = s.selection.isSelected(key), onCheckedChange = { vm.toggle(key, it) })
                Column {
                    Text(labels[key] ?: key.name)
                    sensitiveNote(key)?.let { Text(it, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.error) }
                }
            }
        }
        if (!s.selection.isDefault) TextButton(onClick = vm::reset) { Text(stringResource(R.string.present_reset)) }
        if (s.selection.hidesName) Text(stringResource(R.string.present_no_name_hint), style = MaterialTheme.typography.bodySmall)
        OutlinedTextField(
            value = s.challengeInput,
            onValueChange = vm::challenge,
            label = { Text(stringResource(R.string.present_challenge)) },
            supportingText = { Text(stringResource(R.string.present_challenge_hint)) },
            isError = s.challengeInvalid,
            singleLine = true,
            keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Number, autoCorrectEnabled = false),
            modifier = Modifier.fillMaxWidth(),
        )
        Button(onClick = vm::present, enabled = s.canPresent, modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(R.string.present_show_qr))
        }
        TextButton(onClick = onDone) { Text(stringResource(R.string.cancel)) }
    }
    val pending = s.confirming
    if (pending != null) {
        SecureDialog(
            title = stringResource(R.string.present_sensitive_title, labels[pending] ?: pending.name),
            text = sensitiveNote(pending) ?: "",
            confirm = stringResource(R.string.present_sensitive_confirm),
            dismiss = stringResource(R.string.cancel),
            onConfirm = vm::confirmSensitive,
            onDismiss = vm::cancelSensitive,
        )
    }
}

@Composable
private fun Showing(s: PresentState.Showing, vm: PresentViewModel, graph: AppGraph) {
    val activity = LocalContext.current as? Activity
    // Full brightness while the code is up (scanners read a bright screen faster), restored after.
    DisposableEffect(activity) {
        val window = activity?.window
        val before = window?.attributes?.screenBrightness
        window?.attributes = window?.attributes?.apply { screenBrightness = 1f }
        window?.addFlags(WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON)
        onDispose {
            window?.attributes = window?.attributes?.apply {
                screenBrightness = before ?: WindowManager.LayoutParams.BRIGHTNESS_OVERRIDE_NONE
            }
            window?.clearFlags(WindowManager.LayoutParams.FLAG_KEEP_SCREEN_ON)
        }
    }
    // The countdown and the automatic refresh run only while the screen is visible and the app
    // resumed: no code is made behind the holder's back. A tick at once on resume drops a code
    // that expired meanwhile.
    val lifecycle = LocalLifecycleOwner.current.lifecycle
    LaunchedEffect(lifecycle) {
        lifecycle.repeatOnLifecycle(Lifecycle.State.RESUMED) {
            while (true) {
                vm.tick()
                delay(1_000)
            }
        }
    }
    Page {
        CaptureGuard(graph.clock, Modifier.fillMaxWidth()) {
            QrImage(s.presentation.qr, stringResource(R.string.present_qr_description), Modifier.fillMaxWidth().widthIn(max = 480.dp))
        }
        Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(12.dp)) {
            Box(contentAlignment = Alignment.Center) {
                CircularProgressIndicator(
                    progress = { s.fractionLeft },
                    modifier = Modifier.size(48.dp),
                    color = if (s.endingSoon) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.primary,
                )
            }
            Text(stringResource(R.string.present_expires_in, s.countdownText), style = MaterialTheme.typography.titleLarge)
        }
        Text(
            stringResource(if (s.autoRefreshLeft) R.string.present_auto_refresh else R.string.present_auto_refresh_off),
            style = MaterialTheme.typography.bodySmall,
            color = MaterialTheme.colorScheme.onSurfaceVariant,
        )
        s.presentation.challenge?.let { Text(stringResource(R.string.present_answers_challenge, it)) }
        s.refreshFailure?.let { ErrorText(walletFailureText(it)) }
        OutlinedButton(onClick = vm::stop, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.present_hide)) }
    }
}
