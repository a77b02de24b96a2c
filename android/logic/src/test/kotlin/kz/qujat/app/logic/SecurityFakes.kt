package kz.qujat.app.logic

import kz.qujat.app.logic.model.AuditEntry
import kz.qujat.app.logic.model.AuditKind
import kz.qujat.app.logic.model.AuditLog
import kz.qujat.app.logic.model.QrMatrix
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.port.AuthenticatorChangeHandle
import kz.qujat.app.logic.port.NoAuthenticatorChange
import kz.qujat.app.logic.port.RecoveryCodesHandle
import kz.qujat.app.logic.port.SecurityPort
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort

class FakeRecoveryCodes(override val codes: List<String>) : RecoveryCodesHandle {
    var closed = false
    override fun close() {
        closed = true
    }
}

class FakeAuthenticatorChange(override val otpauthUri: String) : AuthenticatorChangeHandle {
    var closed = false
    override val otpauthQr: QrMatrix? = QrMatrix(21, ByteArray(21 * 21))
    override fun close() {
        closed = true
    }
}

/**
 * The security calls over a [FakeWallet]'s state, with the core's rules reduced to what the
 * presenters react to: "123456" is the current authenticator's code ("654321" a replayed one),
 * [NEW_APP_CODE] the new app's first code; a PIN change is counted like an unlock (waits, a
 * wipe at the 10th failure); the other calls need the session open. [nextFailure] makes the
 * next call fail with any failure the core can give.
 */
class FakeSecurity(private val wallet: FakeWallet, private val clock: TestClock) : SecurityPort {
    val calls = mutableListOf<String>()
    var nextFailure: WalletFailure? = null
    var changePending = false
    var authenticatorSwitches = 0
    val audit = mutableListOf<AuditEntry>()
    var brokenAt: Long? = null
    var lastCodes: FakeRecoveryCodes? = null
    var lastChange: FakeAuthenticatorChange? = null

    fun record(kind: AuditKind) {
        audit += AuditEntry(audit.size + 1L, kind, clock.now)
    }

    private fun failIfAsked() {
        nextFailure?.let {
            nextFailure = null
            throw it
        }
    }

    private fun session() {
        if (!wallet.unlocked) throw WalletFailure.Locked()
    }

    private fun counted(wrongPin: Boolean): Nothing {
        wallet.failures++
        val delay = listOf(0L, 0, 0, 0, 60, 300, 900, 900, 3600).getOrElse(wallet.failures - 1) { 3600 }
        if (delay > 0) wallet.lockedUntil = clock.now + delay
        if (wallet.failures >= 10) {
            wallet.state = WalletState.WIPED
            wallet.unlocked = false
            throw WalletFailure.Wiped()
        }
        val left = 10 - wallet.failures
        throw if (wrongPin) WalletFailure.WrongPin(left) else WalletFailure.WrongCode(left)
    }

    override fun changePin(oldPin: String, code: String, newPin: String) {
        calls += "changePin"
        failIfAsked()
        wallet.weakPins[newPin]?.let { throw WalletFailure.WeakPin(it) }
        if (wallet.state == WalletState.WIPED) throw WalletFailure.Wiped()
        if (code.length != 6 || code.any { it !in '0'..'9' }) throw WalletFailure.MalformedCode()
        val until = wallet.lockedUntil
        if (until != null && clock.now < until) throw WalletFailure.LockedOut(until, until - clock.now)
        if (wallet.recoveryOnly) throw WalletFailure.RecoveryCodeRequired()
        if (oldPin != wallet.pin) counted(wrongPin = true)
        if (code == "654321") throw WalletFailure.CodeReplayed(10 - wallet.failures)
        if (code != "123456") counted(wrongPin = false)
        wallet.pin = newPin
        wallet.failures = 0
        record(AuditKind.PIN_CHANGED)
    }

    override fun renewRecoveryCodes(): RecoveryCodesHandle {
        calls += "renew"
        session()
        failIfAsked()
        val fresh = listOf("N3W1-N3W2-N3W3-N3W4", "N3W5-N3W6-N3W7-N3W8")
        wallet.recoveryCodes.clear()
        wallet.recoveryCodes += fresh
        record(AuditKind.RECOVERY_CODES_RENEWED)
        return FakeRecoveryCodes(fresh).also { lastCodes = it }
    }

    override fun beginAuthenticatorChange(accountLabel: String): AuthenticatorChangeHandle {
        calls += "begin"
        session()
        failIfAsked()
        changePending = true
        return FakeAuthenticatorChange("otpauth://totp/Qujat:$accountLabel?secret=NEWSECRETNEWSECRET&issuer=Qujat")
            .also { lastChange = it }
    }

    override fun confirmAuthenticatorChange(code: String) {
        calls += "confirm"
        session()
        failIfAsked()
        if (!changePending) throw NoAuthenticatorChange()
        // As the core: a wrong code changes nothing and is not counted.
        if (code != NEW_APP_CODE) throw WalletFailure.WrongCode(10 - wallet.failures)
        changePending = false
        authenticatorSwitches++
        record(AuditKind.TOTP_ENROLLED)
    }

    override fun auditLog(): AuditLog {
        calls += "audit"
        session()
        failIfAsked()
        return AuditLog(audit.toList(), brokenAt)
    }

    companion object {
        const val NEW_APP_CODE = "246810"
    }
}

/** A wallet port that forwards to [inner]; a test overrides the one call it wants to fail. */
open class FakeWalletDelegate(private val inner: WalletPort) : WalletPort by inner
