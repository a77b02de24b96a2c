package kz.qujat.app.ui.security

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.navigation.NavGraphBuilder
import androidx.navigation.NavHostController
import androidx.navigation.NavType
import androidx.navigation.compose.composable
import androidx.navigation.navArgument
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.session.PendingAction
import kz.qujat.app.ui.Routes

/** The security screens' routes (the after-recovery screen's is `Routes.AFTER_RECOVERY`). */
object SecurityRoutes {
    const val CHANGE_PIN = "security/pin"
    const val RENEW_CODES = "security/recovery-codes"
    const val SWITCH_AUTHENTICATOR = "security/authenticator?resume={resume}"
    const val AUDIT_LOG = "security/audit"

    /** [resume]: the switch was begun before a lock; open it at the new app's first code. */
    fun switchAuthenticator(resume: Boolean) = "security/authenticator?resume=$resume"
}

/**
 * The holder's security screens and the after-recovery screen, added to the app's NavHost.
 * Each needs an unlocked wallet and calls [onLocked] when it finds the session gone (with the
 * action to resume after the unlock, if any: the authenticator switch); [onWorkingOn] tells
 * the session gate what to resume if the wallet locks while the holder is in another app.
 * [onDone] leaves the after-recovery screen for the diploma list.
 */
fun NavGraphBuilder.securityScreens(
    graph: AppGraph,
    nav: NavHostController,
    onLocked: (PendingAction?) -> Unit,
    onWorkingOn: (PendingAction?) -> Unit,
    onDone: () -> Unit,
) {
    composable(SecurityRoutes.CHANGE_PIN) {
        ChangePinScreen(graph, onLocked = { onLocked(null) }) { nav.popBackStack() }
    }
    composable(SecurityRoutes.RENEW_CODES) {
        RenewCodesScreen(graph, onLocked = { onLocked(null) }) { nav.popBackStack() }
    }
    composable(
        SecurityRoutes.SWITCH_AUTHENTICATOR,
        arguments = listOf(navArgument("resume") { type = NavType.BoolType; defaultValue = false }),
    ) { entry ->
        SwitchAuthenticatorScreen(
            graph,
            resume = entry.arguments?.getBoolean("resume") == true,
            onLocked = onLocked,
            onWorkingOn = onWorkingOn,
        ) { nav.popBackStack() }
    }
    composable(SecurityRoutes.AUDIT_LOG) {
        AuditLogScreen(graph, onLocked = { onLocked(null) }) { nav.popBackStack() }
    }
    composable(Routes.AFTER_RECOVERY) {
        AfterRecoveryScreen(
            graph,
            onSwitchAuthenticator = { nav.navigate(SecurityRoutes.switchAuthenticator(resume = false)) },
            onRenewCodes = { nav.navigate(SecurityRoutes.RENEW_CODES) },
            onLocked = { onLocked(null) },
            onDismissed = onDone,
        )
    }
}

/** The settings' "Security" entries (holder mode): each opens its screen through [onOpen]. */
@Composable
fun SecuritySettingsSection(onOpen: (String) -> Unit) {
    Text(stringResource(R.string.security), style = MaterialTheme.typography.titleMedium)
    val entries = listOf(
        SecurityRoutes.CHANGE_PIN to R.string.change_pin_title,
        SecurityRoutes.RENEW_CODES to R.string.recovery_renew_title,
        SecurityRoutes.switchAuthenticator(resume = false) to R.string.authenticator_switch_title,
        SecurityRoutes.AUDIT_LOG to R.string.audit_title,
    )
    for ((route, label) in entries) {
        OutlinedButton(onClick = { onOpen(route) }, modifier = Modifier.fillMaxWidth()) { Text(stringResource(label)) }
    }
}
