package kz.qujat.app.logic.port

import kz.qujat.app.logic.model.AuditLog
import kz.qujat.app.logic.model.QrMatrix

/**
 * The holder's security settings on the same wallet as [WalletPort]: change the PIN, renew the
 * recovery codes, move to a new authenticator app, read the audit log. Production: the `bridge`
 * module's `CoreSecurity` over the generated `kz.qujat.core.Wallet`; tests: fakes. Every method
 * may block (a PIN change runs Argon2id twice): call it off the main thread. Refusals are
 * [WalletFailure]s; a session that has locked itself meanwhile is [WalletFailure.Locked].
 */
interface SecurityPort {
    /**
     * Change the PIN. Needs the current PIN and a current authenticator code, and is counted
     * like an unlock (a wrong PIN or code uses an attempt; waits and the terminal action
     * follow the same policy). The new PIN must pass the core's policy, else
     * [WalletFailure.WeakPin]. A copy of the wallet file from before the change no longer opens.
     */
    fun changePin(oldPin: String, code: String, newPin: String)

    /** Replace every recovery code with new ones (unlocked): the old ones stop working at once. */
    fun renewRecoveryCodes(): RecoveryCodesHandle

    /**
     * Start moving to a new authenticator app (unlocked). The old app keeps working until
     * [confirmAuthenticatorChange] accepts the new app's first code; the core keeps the pending
     * change sealed in the wallet, so it can be confirmed after a lock and an unlock.
     */
    fun beginAuthenticatorChange(accountLabel: String): AuthenticatorChangeHandle

    /**
     * Finish the change with the new app's first code: from then on only the new app works.
     * A wrong code changes nothing and is not counted ([WalletFailure.WrongCode] with the
     * attempts left as they were); no change begun: [NoAuthenticatorChange].
     */
    fun confirmAuthenticatorChange(code: String)

    /** The audit log and the state of its hash chain (unlocked). */
    fun auditLog(): AuditLog
}

/**
 * New recovery codes, shown once. [close] drops the native object (the core zeroizes it); the
 * screen closes it as soon as the holder has acknowledged writing them down.
 */
interface RecoveryCodesHandle : AutoCloseable {
    /** The codes (`XXXX-XXXX-XXXX-XXXX`). Secrets: never log them. */
    val codes: List<String>
}

/**
 * A new authenticator's `otpauth://` URI and its QR symbol (drawn by the core), shown once;
 * [close] drops the native object.
 */
interface AuthenticatorChangeHandle : AutoCloseable {
    /** Contains the new TOTP secret: never log it, never put it on the clipboard. */
    val otpauthUri: String

    /** The URI's QR symbol from the core, or null if it cannot be drawn (the link remains). */
    val otpauthQr: QrMatrix?
}

/**
 * No authenticator change is in progress (never begun on this wallet, or already confirmed):
 * the screen starts the switch again. Declared beside the port that raises it (a sealed
 * class's subclasses may live in any file of its package).
 */
class NoAuthenticatorChange : WalletFailure("no authenticator change is in progress")
