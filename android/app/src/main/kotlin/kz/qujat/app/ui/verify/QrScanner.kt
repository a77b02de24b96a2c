package kz.qujat.app.ui.verify

import androidx.annotation.OptIn
import androidx.camera.core.Camera
import androidx.camera.core.CameraSelector
import androidx.camera.core.CameraState
import androidx.camera.core.ExperimentalGetImage
import androidx.camera.core.ImageAnalysis
import androidx.camera.core.Preview
import androidx.camera.lifecycle.ProcessCameraProvider
import androidx.camera.view.PreviewView
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberUpdatedState
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.viewinterop.AndroidView
import androidx.core.content.ContextCompat
import androidx.lifecycle.compose.LocalLifecycleOwner
import com.google.mlkit.vision.barcode.BarcodeScannerOptions
import com.google.mlkit.vision.barcode.BarcodeScanning
import com.google.mlkit.vision.barcode.common.Barcode
import com.google.mlkit.vision.common.InputImage
import java.util.concurrent.Executors

/**
 * The back camera (the front one on a device without) with ML Kit's on-device QR reader (the
 * bundled model: no network, no Play services download). Reports every decoded text; the
 * presenter decides what to do with it. [onUnavailable] when there is no camera, it cannot be
 * bound, or CameraX reports it busy (another app), disabled by policy or failed: the screen then
 * says so instead of showing a black square.
 */
@Composable
fun QrScanner(onText: (String) -> Unit, onUnavailable: () -> Unit, modifier: Modifier = Modifier) {
    val context = LocalContext.current
    val lifecycleOwner = LocalLifecycleOwner.current
    val report = rememberUpdatedState(onText)
    val unavailable = rememberUpdatedState(onUnavailable)
    val previewView = remember { PreviewView(context).apply { scaleType = PreviewView.ScaleType.FILL_CENTER } }
    val executor = remember { Executors.newSingleThreadExecutor() }
    val scanner = remember {
        BarcodeScanning.getClient(BarcodeScannerOptions.Builder().setBarcodeFormats(Barcode.FORMAT_QR_CODE).build())
    }

    DisposableEffect(lifecycleOwner) {
        var disposed = false
        var camera: Camera? = null
        val future = ProcessCameraProvider.getInstance(context)
        future.addListener({
            if (disposed) return@addListener
            val provider = try {
                future.get()
            } catch (e: Exception) {
                // ExecutionException / InterruptedException: CameraX could not initialise.
                return@addListener unavailable.value()
            }
            val selector = listOf(CameraSelector.DEFAULT_BACK_CAMERA, CameraSelector.DEFAULT_FRONT_CAMERA)
                .firstOrNull { runCatching { provider.hasCamera(it) }.getOrDefault(false) }
                ?: return@addListener unavailable.value()
            val preview = Preview.Builder().build().also { it.setSurfaceProvider(previewView.surfaceProvider) }
            val analysis = ImageAnalysis.Builder()
                .setBackpressureStrategy(ImageAnalysis.STRATEGY_KEEP_ONLY_LATEST)
                .build()
                .also { it.setAnalyzer(executor, QrAnalyzer(scanner) { text -> report.value(text) }) }
            provider.unbindAll()
            val bound = try {
                provider.bindToLifecycle(lifecycleOwner, selector, preview, analysis)
            } catch (e: IllegalArgumentException) {
                return@addListener unavailable.value()
            } catch (e: IllegalStateException) {
                return@addListener unavailable.value()
            }
            camera = bound
            bound.cameraInfo.cameraState.observe(lifecycleOwner) { state ->
                val error = state.error ?: return@observe
                val busy = error.code == CameraState.ERROR_CAMERA_IN_USE || error.code == CameraState.ERROR_MAX_CAMERAS_IN_USE
                if (busy || error.type == CameraState.ErrorType.CRITICAL) unavailable.value()
            }
        }, ContextCompat.getMainExecutor(context))
        onDispose {
            disposed = true
            camera?.cameraInfo?.cameraState?.removeObservers(lifecycleOwner)
            // Never block the main thread on a provider still initialising: it binds nothing once disposed.
            if (future.isDone) runCatching { future.get().unbindAll() }
            scanner.close()
            executor.shutdown()
        }
    }
    AndroidView(factory = { previewView }, modifier = modifier)
}

private class QrAnalyzer(
    private val scanner: com.google.mlkit.vision.barcode.BarcodeScanner,
    private val onText: (String) -> Unit,
) : ImageAnalysis.Analyzer {
    @OptIn(ExperimentalGetImage::class)
    override fun analyze(image: androidx.camera.core.ImageProxy) {
        val media = image.image ?: return image.close()
        scanner.process(InputImage.fromMediaImage(media, image.imageInfo.rotationDegrees))
            .addOnSuccessListener { codes -> codes.firstNotNullOfOrNull { it.rawValue }?.let(onText) }
            .addOnCompleteListener { image.close() }
    }
}
