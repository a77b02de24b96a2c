package kz.qujat.app

import android.content.Context
import java.io.File
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.bridge.CoreVerifier
import kz.qujat.app.bridge.CoreWallet
import kz.qujat.app.data.Settings
import kz.qujat.app.data.TrustData
import kz.qujat.app.keystore.AndroidKeystoreWrapper
import kz.qujat.app.logic.onboarding.PinField
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.app.logic.port.WalletPort

/**
 * The app's few long-lived objects, made on first use (never on the main thread: opening the
 * wallet touches the disk and the Keystore).
 */
class AppGraph(private val context: Context) {
    val clock: Clock = Clock.SYSTEM

    /** The rules both apps share, from the core (code fields, claim choice, language, countdown). */
    val rules: Rules = CoreRules

    /** The PIN field's bounds: the core's PIN policy. */
    val pinField: PinField = PinField(rules.limits())
    val settings = Settings(context)

    private val keys by lazy { AndroidKeystoreWrapper.forDevice(context.packageManager) }

    /** The wallet file lives in `no_backup/`: never in a backup, bound to this phone's Keystore. */
    val wallet: WalletPort by lazy { CoreWallet.open(File(context.noBackupFilesDir, "wallet.db").path, keys) }

    val trust: TrustData by lazy { TrustData.load(context) }

    /**
     * Null when the app was built without a trust anchor (then the verifier screen says so).
     * Its state lives in `no_backup/` so that answered challenges and the newest lists outlive
     * the app: a restart does not let a replayed QR code or an older list through. If that
     * file cannot be used (damaged, disk), the verifier still works, remembering in memory only
     * until the app stops: the same as a deleted state, never a crash. Opening it reads that file
     * and installs the shipped lists: the screens get it on an I/O thread (`ui/verify/WithVerifier`).
     */
    val verifier: VerifierPort? by lazy {
        trust.anchor?.let { anchor ->
            val v = try {
                CoreVerifier.open(context.noBackupFilesDir, anchor)
            } catch (e: VerifierFailure.StateUnavailable) {
                CoreVerifier.pinned(anchor)
            }
            v.also { trust.installInto(it) }
        }
    }
}
