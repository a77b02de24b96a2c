package kz.qujat.app.ui.session

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.input.pointer.pointerInput
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.LocalLifecycleOwner
import androidx.lifecycle.repeatOnLifecycle
import androidx.navigation.NavHostController
import androidx.navigation.compose.currentBackStackEntryAsState
import kotlinx.coroutines.delay
import kz.qujat.app.logic.session.RouteAccess
import kz.qujat.app.logic.session.RouteDecision
import kz.qujat.app.session.AppSession
import kz.qujat.app.ui.Routes
import kz.qujat.app.ui.reset

/**
 * The one place that decides, after a lock, that the screen on display must go: whatever route
 * is shown, if [RouteAccess] says it needs an unlocked wallet and the session is locked (the app
 * went to the background, the core's idle timeout, a call that met `Locked`), the back stack is
 * replaced by the unlock screen. Until the navigation has happened, an opaque cover hides the
 * screen and takes its touches, so not even the first frame after a return shows wallet data.
 *
 * The lock state is read without lifecycle awareness on purpose: a lock decided while the app
 * was in the background is already in the state when composition resumes. On every resume and
 * every [CHECK_EVERY_MS] while resumed, the session compares itself with the wallet (the core
 * may have locked on its own). Place it after the NavHost, in the same parent (drawn on top).
 */
@Composable
fun SessionGuard(session: AppSession, nav: NavHostController) {
    val locked by session.locked.collectAsState()
    val entry by nav.currentBackStackEntryAsState()
    val route = entry?.destination?.route
    val decision = RouteAccess.decide(route, locked)
    LaunchedEffect(route, decision) {
        if (decision == RouteDecision.GO_TO_UNLOCK) nav.reset(Routes.UNLOCK)
    }
    if (decision == RouteDecision.GO_TO_UNLOCK) {
        Box(
            Modifier
                .fillMaxSize()
                .background(MaterialTheme.colorScheme.background)
                .pointerInput(Unit) {
                    awaitPointerEventScope {
                        while (true) awaitPointerEvent().changes.forEach { it.consume() }
                    }
                },
        )
    }
    val lifecycle = LocalLifecycleOwner.current.lifecycle
    LaunchedEffect(lifecycle) {
        lifecycle.repeatOnLifecycle(Lifecycle.State.RESUMED) {
            while (true) {
                session.check()
                delay(CHECK_EVERY_MS)
            }
        }
    }
}

/** How often the session is compared with the wallet while the app is resumed. */
private const val CHECK_EVERY_MS = 5_000L
