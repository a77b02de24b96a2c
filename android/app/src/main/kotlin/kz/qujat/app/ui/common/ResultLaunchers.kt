package kz.qujat.app.ui.common

import android.content.ActivityNotFoundException
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContract
import androidx.compose.runtime.Composable
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberUpdatedState
import kz.qujat.app.session.AppSession

/**
 * Launch a system activity whose result the app needs (the file picker, the Storage Access
 * Framework's "save as", the share sheet started for a result) without the background lock
 * getting in the way: the session is told before the launch ([AppSession.expectResult]) and
 * when the result or a cancel comes back, so that leaving for that activity does not lock the
 * wallet (within a bound; see `SessionGate`). Use it instead of
 * `rememberLauncherForActivityResult` for every such launch of a holder screen (import, backup,
 * restore, the PDF's save and share). Returns the launch function: false if no activity could
 * take the request (nothing was launched).
 */
@Composable
fun <I, O> rememberLauncherExpectingResult(
    session: AppSession,
    contract: ActivityResultContract<I, O>,
    onResult: (O) -> Unit,
): (I) -> Boolean {
    // Tokens of launches whose result has not come back; the activity handles rotation itself,
    // and a process death loses the session anyway.
    val waiting = remember { ArrayDeque<Long>() }
    val currentOnResult = rememberUpdatedState(onResult)
    val launcher = rememberLauncherForActivityResult(contract) { result ->
        while (waiting.isNotEmpty()) session.resultReturned(waiting.removeFirst())
        currentOnResult.value(result)
    }
    return remember(launcher) {
        { input: I ->
            val token = session.expectResult()
            try {
                launcher.launch(input)
                waiting.addLast(token)
                true
            } catch (e: ActivityNotFoundException) {
                session.resultReturned(token)
                false
            }
        }
    }
}
