package kz.qujat.app.logic

import kz.qujat.app.logic.model.QrMatrix
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.port.BackupPort
import kz.qujat.app.logic.port.BackupProblem
import kz.qujat.app.logic.port.DocumentPdfRequest
import kz.qujat.app.logic.port.EnrolmentHandle
import kz.qujat.app.logic.port.MadeBackup
import kz.qujat.app.logic.port.PdfPort
import kz.qujat.app.logic.port.WalletFailure

/** The backup code the fakes make and accept. */
const val FAKE_BACKUP_CODE = "7K3M-Q9TD-2XWA-HF8R-ABCD-EFGH-JKMN"

/**
 * Backup and restore with the core's refusals reduced to markers: a file starting with `G` is
 * not a backup, `D` damaged, `N` too new; a code shorter than 28 characters is malformed, any
 * other than [FAKE_BACKUP_CODE] (ignoring dashes, spaces and case) wrong. A restore sets up
 * [wallet] as the core does (enrolment pending, first code "123456").
 */
class FakeBackup(private val wallet: FakeWallet) : BackupPort {
    var createFailure: WalletFailure? = null
    var made = 0
    val restores = mutableListOf<Pair<String, String>>() // code, pin

    override fun createBackup(): MadeBackup {
        createFailure?.let { throw it }
        made++
        return MadeBackup(byteArrayOf(0x61, 0x67, 0x65, made.toByte()), FAKE_BACKUP_CODE, QrMatrix(21, ByteArray(21 * 21)), 3, 1)
    }

    override fun restoreBackup(backup: ByteArray, code: String, pin: String, accountLabel: String): EnrolmentHandle {
        restores += code to pin
        wallet.checkPin(pin)?.let { throw WalletFailure.WeakPin(it) }
        val canonical = code.uppercase().filter { it.isLetterOrDigit() }
        if (canonical.length != 28) throw WalletFailure.MalformedCode()
        if (wallet.state == WalletState.READY) throw WalletFailure.AlreadyInitialized()
        when (backup.firstOrNull()?.toInt()?.toChar()) {
            'G' -> throw WalletFailure.BackupRefused(BackupProblem.NOT_A_BACKUP)
            'D' -> throw WalletFailure.BackupRefused(BackupProblem.DAMAGED)
            'N' -> throw WalletFailure.BackupRefused(BackupProblem.NEWER_VERSION)
        }
        if (canonical != FAKE_BACKUP_CODE.filter { it.isLetterOrDigit() }) throw WalletFailure.BackupRefused(BackupProblem.WRONG_CODE)
        return wallet.setup(pin, accountLabel)
    }
}

/** A PDF maker that records what it was asked. */
class FakePdf : PdfPort {
    var failure: WalletFailure? = null
    val requests = mutableListOf<DocumentPdfRequest>()

    override fun exportPdf(id: String, request: DocumentPdfRequest): ByteArray {
        failure?.let { throw it }
        requests += request
        return "%PDF-1.7 for ${request.audience} #${requests.size}".toByteArray()
    }
}
