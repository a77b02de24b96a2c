package kz.qujat.app.ui.verify

import android.Manifest
import android.content.Intent
import android.content.pm.PackageManager
import android.net.Uri
import android.provider.Settings as SystemSettings
import androidx.activity.compose.LocalActivity
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.material3.Button
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.unit.dp
import androidx.core.app.ActivityCompat
import androidx.core.content.ContextCompat
import androidx.lifecycle.compose.LifecycleResumeEffect
import kz.qujat.app.R
import kz.qujat.app.data.VerifierPrefs
import kz.qujat.app.logic.verify.CameraPermission
import kz.qujat.app.logic.verify.CameraStep

/**
 * The viewfinder when the camera is allowed and usable; otherwise why not and what to do: the
 * reason before the system's permission dialog, the way to the app's Settings page once the
 * camera was refused for good, a retry when the camera is busy or missing. The decision is
 * [CameraPermission.step]; this only reads the platform's answers and draws it. The permission
 * is read again whenever the screen resumes (the user may have changed it in Settings).
 */
@Composable
fun CameraArea(modifier: Modifier, onText: (String) -> Unit) {
    val context = LocalContext.current
    val activity = LocalActivity.current
    val prefs = remember { VerifierPrefs(context.applicationContext) }
    fun isGranted() = ContextCompat.checkSelfPermission(context, Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED
    fun showRationale() = activity?.let { ActivityCompat.shouldShowRequestPermissionRationale(it, Manifest.permission.CAMERA) } ?: false

    var granted by remember { mutableStateOf(isGranted()) }
    var rationale by remember { mutableStateOf(showRationale()) }
    var denied by remember { mutableStateOf(prefs.cameraDenied) }
    var failed by remember { mutableStateOf(false) }

    fun setDenied(deniedNow: Boolean) {
        denied = deniedNow
        prefs.cameraDenied = deniedNow
    }

    val ask = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { ok ->
        granted = ok
        rationale = showRationale()
        setDenied(CameraPermission.deniedAfterAnswer(ok))
    }
    LifecycleResumeEffect(Unit) {
        granted = isGranted()
        rationale = showRationale()
        if (granted && denied) setDenied(false)
        onPauseOrDispose { }
    }

    when (CameraPermission.step(granted, rationale, denied, failed)) {
        CameraStep.USE_CAMERA -> QrScanner(onText = onText, onUnavailable = { failed = true }, modifier = modifier)
        CameraStep.EXPLAIN_THEN_ASK, CameraStep.EXPLAIN_AGAIN -> Explain(stringResource(R.string.verifier_camera_needed)) {
            Button(onClick = { ask.launch(Manifest.permission.CAMERA) }) { Text(stringResource(R.string.verifier_allow_camera)) }
        }
        CameraStep.OPEN_SETTINGS -> Explain(stringResource(R.string.verifier_camera_denied)) {
            Button(onClick = {
                val intent = Intent(SystemSettings.ACTION_APPLICATION_DETAILS_SETTINGS, Uri.fromParts("package", context.packageName, null))
                context.startActivity(intent)
            }) { Text(stringResource(R.string.verifier_open_settings)) }
        }
        CameraStep.UNAVAILABLE -> Explain(stringResource(R.string.verifier_camera_unavailable)) {
            Button(onClick = { failed = false }) { Text(stringResource(R.string.verifier_camera_retry)) }
        }
    }
}

@Composable
private fun Explain(text: String, action: @Composable () -> Unit) {
    Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(text)
        action()
    }
}
