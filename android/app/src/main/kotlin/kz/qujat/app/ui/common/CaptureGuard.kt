package kz.qujat.app.ui.common

import android.app.Activity
import android.os.Build
import android.view.WindowManager
import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableIntStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.draw.blur
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.unit.dp
import java.util.function.Consumer
import kotlinx.coroutines.delay
import kz.qujat.app.R
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.present.CaptureNotice

/**
 * Capture detection around a live QR code or a diploma, on top of FLAG_SECURE (which stays: the
 * window is secure for every screen). While this is composed it registers
 *  - on Android 14+, `Activity.ScreenCaptureCallback` (permission `DETECT_SCREEN_CAPTURE`): a
 *    screenshot brings `screenshot_notice` for a few seconds and blurs the content. Android does
 *    not call it for a FLAG_SECURE window (the screenshot is refused instead), so it speaks only
 *    where FLAG_SECURE is lifted or not honoured;
 *  - on Android 15+, `WindowManager.addScreenRecordingCallback` (permission
 *    `DETECT_SCREEN_RECORDING`): while the app is visible in a recording, the content is hidden
 *    and `capture_hidden` says why (the recording of a FLAG_SECURE window is blank anyway).
 * What to show is [CaptureNotice]'s decision (`:logic`).
 */
@Composable
fun CaptureGuard(clock: Clock, modifier: Modifier = Modifier, content: @Composable () -> Unit) {
    val activity = LocalContext.current as? Activity
    val notice = remember { CaptureNotice() }
    // Bumped at every event, so that the view below is read again.
    var events by remember { mutableIntStateOf(0) }
    DisposableEffect(activity) {
        val registered = mutableListOf<() -> Unit>()
        if (activity != null && Build.VERSION.SDK_INT >= Build.VERSION_CODES.UPSIDE_DOWN_CAKE) {
            val onShot = Activity.ScreenCaptureCallback {
                notice.screenshotTaken(clock.nowSeconds())
                events++
            }
            runCatching { activity.registerScreenCaptureCallback(activity.mainExecutor, onShot) }
                .onSuccess { registered += { activity.unregisterScreenCaptureCallback(onShot) } }
        }
        if (activity != null && Build.VERSION.SDK_INT >= Build.VERSION_CODES.VANILLA_ICE_CREAM) {
            val onRecording = Consumer<Int> { state ->
                notice.recordingChanged(state == WindowManager.SCREEN_RECORDING_STATE_VISIBLE)
                events++
            }
            runCatching { activity.windowManager.addScreenRecordingCallback(activity.mainExecutor, onRecording) }
                .onSuccess { initial ->
                    notice.recordingChanged(initial == WindowManager.SCREEN_RECORDING_STATE_VISIBLE)
                    events++
                    registered += { activity.windowManager.removeScreenRecordingCallback(onRecording) }
                }
        }
        onDispose { registered.forEach { runCatching { it() } } }
    }
    val view = remember(events) { notice.view(clock.nowSeconds()) }
    if (view == CaptureNotice.View.SCREENSHOT) {
        LaunchedEffect(events) {
            delay(notice.noticeSecs * 1_000)
            events++
        }
    }
    Box(modifier) {
        when (view) {
            CaptureNotice.View.HIDDEN -> Text(
                stringResource(R.string.capture_hidden),
                textAlign = TextAlign.Center,
                modifier = Modifier.align(Alignment.Center).padding(24.dp),
            )
            CaptureNotice.View.SCREENSHOT -> {
                Box(Modifier.blur(24.dp)) { content() }
                Text(
                    stringResource(R.string.screenshot_notice),
                    textAlign = TextAlign.Center,
                    modifier = Modifier
                        .align(Alignment.Center)
                        .padding(24.dp)
                        .background(MaterialTheme.colorScheme.surfaceVariant, RoundedCornerShape(12.dp))
                        .padding(16.dp),
                )
            }
            CaptureNotice.View.NONE -> content()
        }
    }
}
