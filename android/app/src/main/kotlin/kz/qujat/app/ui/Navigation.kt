package kz.qujat.app.ui

import androidx.compose.runtime.Composable
import androidx.navigation.NavHostController
import androidx.navigation.NavType
import androidx.navigation.compose.NavHost
import androidx.navigation.compose.composable
import androidx.navigation.compose.rememberNavController
import androidx.navigation.navArgument
import kz.qujat.app.AppGraph
import kz.qujat.app.ui.diplomas.DiplomaDetailScreen
import kz.qujat.app.ui.diplomas.DiplomaListScreen
import kz.qujat.app.ui.lists.ListsScreen
import kz.qujat.app.ui.onboarding.OnboardingScreen
import kz.qujat.app.ui.present.PresentScreen
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
    const val LISTS = "lists"

    fun onboarding(resume: Boolean) = "onboarding?resume=$resume"
    fun diploma(id: String) = "diploma/$id"
    fun present(id: String) = "present/$id"
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
            OnboardingScreen(graph, resume = entry.arguments?.getBoolean("resume") == true) { nav.reset(Routes.DIPLOMAS) }
        }
        composable(Routes.UNLOCK) {
            UnlockScreen(
                graph,
                onUnlocked = { nav.reset(Routes.DIPLOMAS) },
                onSetUpAgain = { nav.reset(Routes.onboarding(resume = false)) },
                onSettings = { nav.navigate(Routes.SETTINGS) },
            )
        }
        composable(Routes.DIPLOMAS) {
            DiplomaListScreen(
                graph,
                onOpen = { nav.navigate(Routes.diploma(it)) },
                onLocked = { nav.reset(Routes.UNLOCK) },
                onSettings = { nav.navigate(Routes.SETTINGS) },
            )
        }
        composable(Routes.DIPLOMA) { entry ->
            val id = entry.arguments?.getString("id").orEmpty()
            DiplomaDetailScreen(
                graph,
                id,
                onPresent = { nav.navigate(Routes.present(id)) },
                onDeleted = { nav.popBackStack() },
                onLocked = { nav.reset(Routes.UNLOCK) },
            )
        }
        composable(Routes.PRESENT) { entry ->
            PresentScreen(graph, entry.arguments?.getString("id").orEmpty(), onLocked = { nav.reset(Routes.UNLOCK) }) {
                nav.popBackStack()
            }
        }
        composable(Routes.VERIFIER) {
            VerifierScreen(graph, onSettings = { nav.navigate(Routes.SETTINGS) }, onLists = { nav.navigate(Routes.LISTS) })
        }
        composable(Routes.SETTINGS) {
            SettingsScreen(graph, onModeChanged = { nav.reset(Routes.START) }, onLists = { nav.navigate(Routes.LISTS) }) { nav.popBackStack() }
        }
        composable(Routes.LISTS) { ListsScreen(graph) { nav.popBackStack() } }
    }
}
