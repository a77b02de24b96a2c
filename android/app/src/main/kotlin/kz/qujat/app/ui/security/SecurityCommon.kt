package kz.qujat.app.ui.security

import android.app.Activity
import android.content.Context
import android.content.ContextWrapper
import android.view.WindowManager
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import kz.qujat.app.R
import kz.qujat.app.logic.model.AuditEntry
import kz.qujat.app.logic.model.AuditKind
import kz.qujat.app.logic.security.ChangePinProblem
import kz.qujat.app.logic.security.SwitchProblem
import kz.qujat.app.ui.common.unlockMessageText
import kz.qujat.app.ui.common.walletFailureText
import kz.qujat.app.ui.common.weakPinText

/** A security screen's frame: a top bar with its title and, when [onBack] is given, "Back"; a scrolling column. */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
internal fun SecurityPage(title: String, onBack: (() -> Unit)?, content: @Composable () -> Unit) {
    Scaffold(topBar = {
        TopAppBar(
            title = { Text(title) },
            navigationIcon = { if (onBack != null) TextButton(onClick = onBack) { Text(stringResource(R.string.back)) } },
        )
    }) { padding ->
        Column(
            Modifier.fillMaxSize().padding(padding).verticalScroll(rememberScrollState()).padding(24.dp),
            verticalArrangement = Arrangement.spacedBy(16.dp),
        ) { content() }
    }
}

/**
 * FLAG_SECURE on the activity's window while this is composed, for the steps that show a secret
 * once (new recovery codes, a new authenticator's QR). The activity sets the flag for every
 * screen today; this keeps these steps covered even if that becomes a per-screen choice. On
 * leaving, the flag is cleared only if it was not set before.
 */
@Composable
internal fun KeepScreenSecure() {
    val context = LocalContext.current
    DisposableEffect(context) {
        val window = context.findActivity()?.window
        val flag = WindowManager.LayoutParams.FLAG_SECURE
        val wasSet = window != null && (window.attributes.flags and flag) != 0
        window?.addFlags(flag)
        onDispose { if (!wasSet) window?.clearFlags(flag) }
    }
}

private tailrec fun Context.findActivity(): Activity? = when (this) {
    is Activity -> this
    is ContextWrapper -> baseContext.findActivity()
    else -> null
}

/* Every problem of the security screens' logic mapped to its string (strings_security.xml and the
 * shared strings). Each `when` is exhaustive: a new problem cannot ship unworded. */

@Composable
internal fun changePinProblemText(p: ChangePinProblem): String = when (p) {
    ChangePinProblem.CurrentPinMissing -> stringResource(R.string.pin_required)
    ChangePinProblem.CodeNotSixDigits -> stringResource(R.string.code_not_six_digits)
    is ChangePinProblem.WeakNewPin -> weakPinText(p.reason)
    ChangePinProblem.Mismatch -> stringResource(R.string.pin_mismatch)
    ChangePinProblem.RecoveryCodeRequired -> stringResource(R.string.change_pin_recovery_only)
    is ChangePinProblem.Gate -> unlockMessageText(p.message)
}

@Composable
internal fun switchProblemText(p: SwitchProblem): String = when (p) {
    SwitchProblem.NotSixDigits -> stringResource(R.string.code_not_six_digits)
    SwitchProblem.WrongCode -> stringResource(R.string.authenticator_switch_wrong_code)
    SwitchProblem.NotStarted -> stringResource(R.string.authenticator_switch_not_started)
    is SwitchProblem.Failed -> walletFailureText(p.failure)
}

@Composable
internal fun auditEntryText(e: AuditEntry): String = when (e.kind) {
    AuditKind.SETUP -> stringResource(R.string.audit_setup)
    AuditKind.UNLOCKED -> stringResource(R.string.audit_unlocked)
    AuditKind.FAILED_UNLOCK -> stringResource(R.string.audit_failed_unlock)
    AuditKind.IMPORT -> stringResource(R.string.audit_import)
    AuditKind.PRESENT -> stringResource(R.string.audit_present)
    AuditKind.DELETE -> stringResource(R.string.audit_delete)
    AuditKind.PIN_CHANGED -> stringResource(R.string.audit_pin_changed)
    AuditKind.TOTP_ENROLLED -> stringResource(R.string.audit_totp_enrolled)
    AuditKind.RECOVERY_CODE_USED -> stringResource(R.string.audit_recovery_code_used)
    AuditKind.RECOVERY_CODES_RENEWED -> stringResource(R.string.audit_recovery_codes_renewed)
    AuditKind.HEAD_REBUILT -> stringResource(R.string.audit_head_rebuilt)
    AuditKind.PRESENT_DOCUMENT -> stringResource(R.string.audit_present_document)
    AuditKind.RESTORED -> stringResource(R.string.audit_restored)
    AuditKind.BACKUP -> stringResource(R.string.audit_backup)
    AuditKind.OTHER -> stringResource(R.string.audit_other, e.otherCode ?: 0)
}
