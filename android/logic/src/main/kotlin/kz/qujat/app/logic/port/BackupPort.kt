package kz.qujat.app.logic.port

import kz.qujat.app.logic.model.QrMatrix

/**
 * Backup and restore (docs/BACKUP.md) as the screens' logic sees them. Production: the `bridge`
 * module's `CoreBackup` over the generated `kz.qujat.core.Wallet`; tests: fakes. Both calls
 * block for seconds (scrypt, and Argon2id on restore): call them off the main thread. Refusals
 * are [WalletFailure]s: [WalletFailure.BackupRefused] for the backup's own problems.
 */
interface BackupPort {
    /**
     * Back the unlocked wallet up: the age file and its backup code, made once. Recorded in the
     * audit log. [WalletFailure.Locked] when the session has locked.
     */
    fun createBackup(): MadeBackup

    /**
     * On a wallet not in use (new, wiped, or with an unconfirmed enrolment): check [backup] with
     * its [code] (dashes, spaces and letter case forgiven) and write the wallet under the new
     * [pin], then continue like `setup`: the handle carries the new authenticator and recovery
     * codes, and `confirmEnrolment` completes it. Nothing is written on any refusal.
     */
    fun restoreBackup(backup: ByteArray, code: String, pin: String, accountLabel: String): EnrolmentHandle
}

/**
 * A backup just made: the file to save and the backup code to show **once** (with its QR
 * code), never stored. The bytes are ciphertext; the code is the only key to them, so nothing
 * here is ever printed.
 */
class MadeBackup(
    /** The age file (binary), saved through the Storage Access Framework. */
    val bytes: ByteArray,
    /** `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`. Never log it. */
    val code: String,
    /** The code as a QR symbol, drawn by the core. */
    val codeQr: QrMatrix,
    /** Diplomas in the backup. */
    val diplomas: Int,
    /** Stored diplomas that were damaged and so left out (normally 0). */
    val skipped: Int,
) {
    override fun toString(): String = "MadeBackup(<${bytes.size} bytes>, <code redacted>, $diplomas diplomas, $skipped skipped)"
}

/** Why a backup could not be made or opened: each its own message. Nothing was written. */
enum class BackupProblem {
    /** The code does not open the file (or the file's header is damaged: age cannot tell). */
    WRONG_CODE,

    /** Not an age passphrase file: not a Qujat backup. */
    NOT_A_BACKUP,

    /** Damaged or truncated after the code opened it, or asks for too much scrypt work. */
    DAMAGED,

    /** Made by a newer version of Qujat: update the app, then restore. */
    NEWER_VERSION,

    /** The encryption failed while making one (not expected: it writes to memory). */
    FAILED,
}
