package kz.qujat.app.bridge

import kz.qujat.app.logic.port.BackupPort
import kz.qujat.app.logic.port.EnrolmentHandle
import kz.qujat.app.logic.port.MadeBackup
import kz.qujat.core.WalletException

/** Run a wallet call, turning the generated error into the screens' failure. */
private inline fun <T> call(block: () -> T): T =
    try {
        block()
    } catch (e: WalletException) {
        throw Mapping.failure(e)
    }

/**
 * [BackupPort] over the same generated `Wallet` as [CoreWallet] (one session: a backup needs the
 * unlocked wallet, a restore the wallet not yet in use). Each method one call and a mapping.
 */
class CoreBackup(private val wallet: CoreWallet) : BackupPort {
    /**
     * Everything the screen needs is read at once and the native `BackupExport` is closed, so
     * the core zeroizes its copy of the code now, not whenever the JVM collects the object.
     */
    override fun createBackup(): MadeBackup = call {
        wallet.wallet.createBackup().use { e ->
            MadeBackup(
                bytes = e.bytes(),
                code = e.code(),
                codeQr = Mapping.qr(e.codeQr()),
                diplomas = e.diplomas().toInt(),
                skipped = e.skipped().toInt(),
            )
        }
    }

    override fun restoreBackup(backup: ByteArray, code: String, pin: String, accountLabel: String): EnrolmentHandle =
        call { CoreEnrolment(wallet.wallet.restoreBackup(backup, code, pin, accountLabel)) }
}
