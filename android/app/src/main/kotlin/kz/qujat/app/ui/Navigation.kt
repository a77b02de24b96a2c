package kz.qujat.app.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.navigation.NavHostController
import androidx.navigation.NavType
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.rememberNavController
import androidx.navigation.navArgument
import kz.qujat.app.AppGraph
import kz.qujat.app.ui.backup.BackupScreen
import kz.qujat.app.ui.backup.RestoreScreen
import kz.qujat.app.ui.diplomas.DiplomaDetailScreen
import kz.qujat.app.ui.diplomas.DiplomaListScreen
import kz.qujat.app.ui.lists.ListsScreen
import kz.qujat.app.ui.onboarding.OnboardingScreen
import kz.qujat.app.ui.pdf.PdfExportScreen
import kz.qujat.app.ui.present.PresentScreen
import kz.qujat.app.ui.security.SecurityRoutes
import kz.qujat.app.ui.security.securityScreens
import kz.qujat.app.ui.session.SessionGuard
import kz.qujat.app.ui.start.SettingsScreen
import kz.qujat.app.ui.start.StartScreen
import kz.qujat.app.ui.unlock.UnlockScreen
import kz.qujat.app.ui.verify.VerifierScreen

object Routes {
    const val START = "start"
    const val ONBOARDING = "onboarding?resume={resume}"
    const val UNLOCK = "unlock"
    const val DIPLOMAS = "diplomas"
    const val DIPLOMA = "diploma/{id}"
    const val PRESENT = "present/{id}"
    const val VERIFIER = "verifier"
    const val SETTINGS = "settings"
    const val BACKUP = "backup"
    const val RESTORE = "restore"
    const val PDF = "pdf/{id}"

    /** After an unlock with a recovery code: switch the authenticator, renew the codes, or not now. */
    const val AFTER_RECOVERY = "after-recovery"
    const val LISTS = "lists"

    fun onboarding(resume: Boolean) = "onboarding?resume=$resume"
    fun diploma(id: String) = "diploma/$id"
    fun present(id: String) = "present/$id"
    fun pdf(id: String) = "pdf/$id"
}

/** Replace the whole back stack (after unlock, set-up, a wipe, a mode change). */
fun NavHostController.reset(route: String) = navigate(route) { popUpTo(0) { inclusive = true } }

@Composable
fun QujatNavHost(graph: AppGraph) {
    val nav = rememberNavController()
    NavHost(nav, startDestination = Routes.START) {
        composable(Routes.START) { StartScreen(graph) { nav.reset(it) } }
        composable(
            Routes.ONBOARDING,
            arguments = listOf(navArgument("resume") { type = NavType.BoolType; defaultValue = false }),
        ) { entry ->
            OnboardingScreen(graph, resume = entry.arguments?.getBoolean("resume") == true) {
                graph.session.opened()
                nav.reset(Routes.DIPLOMAS)
            }
        }
        composable(Routes.UNLOCK) {
            UnlockScreen(
                graph,
                onUnlocked = { viaRecoveryCode ->
                    graph.session.unlocked() // opens the gate; a file that waited is imported now
                    nav.reset(Routes.DIPLOMAS)
                    if (viaRecoveryCode && nav.graph.findNode(Routes.AFTER_RECOVERY) != null) nav.navigate(Routes.AFTER_RECOVERY)
                },
                onSetUpAgain = {
                    graph.session.discard()
                    nav.reset(Routes.onboarding(resume = false))
                },
                onSettings = { nav.navigate(Routes.SETTINGS) },
            )
        }
        composable(Routes.DIPLOMAS) {
            DiplomaListScreen(
                graph,
                onOpen = { nav.navigate(Routes.diploma(it)) },
                onLocked = graph.session::lockedFound,
                onSettings = { nav.navigate(Routes.SETTINGS) },
            )
        }
        composable(Routes.DIPLOMA) { entry ->
            val id = entry.arguments?.getString("id").orEmpty()
            DiplomaDetailScreen(
                graph,
                id,
                onPresent = { nav.navigate(Routes.present(id)) },
                onPdf = { nav.navigate(Routes.pdf(id)) },
                onDeleted = { nav.popBackStack() },
                onLocked = graph.session::lockedFound,
            )
        }
        composable(Routes.PRESENT) { entry ->
            PresentScreen(graph, entry.arguments?.getString("id").orEmpty(), onLocked = graph.session::lockedFound) {
                nav.popBackStack()
            }
        }
        composable(Routes.VERIFIER) {
            VerifierScreen(graph, onSettings = { nav.navigate(Routes.SETTINGS) }, onLists = { nav.navigate(Routes.LISTS) })
        }
        composable(Routes.SETTINGS) {
            SettingsScreen(
                graph,
                onModeChanged = { graph.session.leave(); nav.reset(Routes.START) },
                onSecurity = { nav.navigate(it) },
                onBackup = { nav.navigate(Routes.BACKUP) },
                onLists = { nav.navigate(Routes.LISTS) },
            ) { nav.popBackStack() }
        }
        // Change PIN, recovery codes, authenticator switch, activity log, after a recovery unlock.
        // The pending action of a lock (an authenticator switch in progress) is for the session gate.
        securityScreens(
            graph,
            nav,
            onLocked = graph.session::lockedFound,
            onWorkingOn = graph.session.gate::workingOn,
            onDone = { nav.reset(Routes.DIPLOMAS) },
        )
        composable(Routes.BACKUP) { BackupScreen(graph, onLocked = graph.session::lockedFound) { nav.popBackStack() } }
        composable(Routes.RESTORE) {
            RestoreScreen(graph, onNewWallet = { nav.reset(Routes.onboarding(resume = false)) }) {
                graph.session.opened()
                nav.reset(Routes.DIPLOMAS)
            }
        }
        composable(Routes.PDF) { entry ->
            PdfExportScreen(graph, entry.arguments?.getString("id").orEmpty(), onLocked = graph.session::lockedFound) {
                nav.popBackStack()
            }
        }
        composable(Routes.LISTS) { ListsScreen(graph) { nav.popBackStack() } }
    }
    // An authenticator switch the lock interrupted: back at the new app's first code after the unlock.
    val resumeSwitch by graph.session.resumeAuthenticatorChange.collectAsState()
    LaunchedEffect(resumeSwitch) {
        if (resumeSwitch) {
            graph.session.authenticatorChangeResumed()
            nav.navigate(SecurityRoutes.switchAuthenticator(resume = true))
        }
    }
    // After a lock, the one decision that replaces any wallet screen by unlock (drawn on top).
    SessionGuard(graph.session, nav)
}
