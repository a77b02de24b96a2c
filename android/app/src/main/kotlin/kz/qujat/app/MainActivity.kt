package kz.qujat.app

import android.os.Build
import android.os.Bundle
import android.view.WindowManager
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.appcompat.app.AppCompatActivity
import kz.qujat.app.ui.QujatNavHost
import kz.qujat.app.ui.theme.QujatTheme

/**
 * The one activity. Its window is FLAG_SECURE from before the first frame: every screen of the
 * app shows a PIN field, a QR code, a recovery code or diploma data, so no screen is exempt.
 * FLAG_SECURE blocks screenshots and screen recording, hides the window from non-secure
 * displays (casting, mirroring) and blanks its thumbnail in Recents; Compose dialogs inherit it
 * (SecureFlagPolicy.Inherit), and [kz.qujat.app.ui.common.SecureDialog] sets it explicitly.
 */
class MainActivity : AppCompatActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) setRecentsScreenshotEnabled(false)
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        val graph = (application as QujatApplication).graph
        setContent {
            QujatTheme {
                QujatNavHost(graph)
            }
        }
    }
}
