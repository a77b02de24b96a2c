package kz.qujat.app

import android.content.Context
import java.io.File
import kz.qujat.app.bridge.CoreBackup
import kz.qujat.app.bridge.CorePdf
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.bridge.CoreSecurity
import kz.qujat.app.bridge.CoreVerifier
import kz.qujat.app.bridge.CoreWallet
import kz.qujat.app.data.Notices
import kz.qujat.app.data.Settings
import kz.qujat.app.data.TrustData
import kz.qujat.app.keystore.AndroidKeystoreWrapper
import kz.qujat.app.logic.keystore.KeyStoreLevel
import kz.qujat.app.logic.onboarding.PinField
import kz.qujat.app.logic.pdf.SharedPdfFolder
import kz.qujat.app.logic.port.BackupPort
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.PdfPort
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.SecurityPort
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.session.AppSession

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

    /** Where the wallet's Keystore key lives (for the not-hardware-backed warning). Blocking on first use. */
    val keyStoreLevel: KeyStoreLevel get() = keys.securityLevel()

    /** Which one-time notices the holder has acknowledged. */
    val notices = Notices(context)

    /**
     * The one native wallet (one session) behind [wallet], [security], [backup] and [pdf]. Its
     * file lives in `no_backup/`: never in a backup, bound to this phone's Keystore.
     */
    private val coreWallet: CoreWallet by lazy { CoreWallet.open(File(context.noBackupFilesDir, "wallet.db").path, keys) }

    /** The holder's wallet as the screens see it. Opened on first use (blocking). */
    val wallet: WalletPort get() = coreWallet

    /** Change PIN, recovery codes, authenticator switch, audit log: on the same native wallet. */
    val security: SecurityPort by lazy { CoreSecurity(coreWallet) }

    /** Backup and restore, over the same wallet object (one session). */
    val backup: BackupPort by lazy { CoreBackup(coreWallet) }

    /** "PDF for an employer", over the same wallet object. */
    val pdf: PdfPort by lazy { CorePdf(coreWallet) }

    /**
     * The PDFs handed to the share sheet (`cacheDir/shared/`, the FileProvider's only folder):
     * emptied at each start of the app (here, off the main thread) and before each new PDF.
     */
    val sharedPdfs: SharedPdfFolder =
        SharedPdfFolder(File(context.cacheDir, "shared")).also { folder -> Thread { folder.clearStale() }.start() }

    /** The trust files as read for the verifier at its opening (it keeps the newest lists itself from then on). */
    private val trust: TrustData by lazy { TrustData.load(context) }

    /**
     * The holder's session: the lock on background, the pending import, what the navigation
     * follows. Each import reads the trust files afresh (on the session's worker): the newest
     * trust list the app holds, also one the lists screen saved since the start.
     */
    val session: AppSession by lazy {
        AppSession(
            wallet = { wallet },
            trust = { TrustData.importTrust(context) },
            clock = clock,
        )
    }

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
