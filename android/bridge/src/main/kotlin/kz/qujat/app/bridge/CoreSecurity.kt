package kz.qujat.app.bridge

import kz.qujat.app.logic.model.AuditEntry
import kz.qujat.app.logic.model.AuditKind
import kz.qujat.app.logic.model.AuditLog
import kz.qujat.app.logic.model.QrMatrix
import kz.qujat.app.logic.port.AuthenticatorChangeHandle
import kz.qujat.app.logic.port.NoAuthenticatorChange
import kz.qujat.app.logic.port.RecoveryCodesHandle
import kz.qujat.app.logic.port.SecurityPort
import kz.qujat.core.AuthenticatorChange
import kz.qujat.core.QrException
import kz.qujat.core.QrSymbol
import kz.qujat.core.RecoveryCodes
import kz.qujat.core.Wallet
import kz.qujat.core.WalletException
import kz.qujat.core.AuditEntry as CoreAuditEntry
import kz.qujat.core.AuditKind as CoreAuditKind
import kz.qujat.core.AuditLog as CoreAuditLog

/**
 * Run a wallet call, turning the generated error into the screens' failure. "No change pending"
 * is this port's own failure ([NoAuthenticatorChange]): only the authenticator switch meets it,
 * and its screen starts again on it.
 */
private inline fun <T> call(block: () -> T): T =
    try {
        block()
    } catch (e: WalletException.NoPendingEnrolment) {
        throw NoAuthenticatorChange()
    } catch (e: WalletException) {
        throw Mapping.failure(e)
    }

/**
 * [SecurityPort] over the same generated `kz.qujat.core.Wallet` as [CoreWallet] (one native
 * object, one session): each method one call and a mapping. PINs and codes pass as `String`
 * because that is what the bindings take.
 */
class CoreSecurity(private val wallet: Wallet) : SecurityPort {
    /** The security calls on [wallet]'s native object. */
    constructor(wallet: CoreWallet) : this(wallet.wallet)

    override fun changePin(oldPin: String, code: String, newPin: String) = call { wallet.changePin(oldPin, code, newPin) }

    override fun renewRecoveryCodes(): RecoveryCodesHandle = call { CoreRecoveryCodes(wallet.renewRecoveryCodes()) }

    override fun beginAuthenticatorChange(accountLabel: String): AuthenticatorChangeHandle =
        call { CoreAuthenticatorChange(wallet.beginAuthenticatorChange(accountLabel)) }

    override fun confirmAuthenticatorChange(code: String) = call { wallet.confirmAuthenticatorChange(code) }

    override fun auditLog(): AuditLog = call { audit(wallet.auditLog()) }

    internal companion object {
        fun audit(log: CoreAuditLog): AuditLog = AuditLog(log.entries.map(::entry), log.brokenAtSeq?.toLong())

        fun entry(e: CoreAuditEntry): AuditEntry {
            val kind = kind(e.kind)
            return AuditEntry(
                seq = e.seq.toLong(),
                kind = kind,
                time = e.time,
                otherCode = (e.kind as? CoreAuditKind.Other)?.v1?.toInt(),
            )
        }

        /** Exhaustive: a kind added to the bindings fails this module's build until it is mapped. */
        fun kind(k: CoreAuditKind): AuditKind = when (k) {
            CoreAuditKind.Setup -> AuditKind.SETUP
            CoreAuditKind.Unlocked -> AuditKind.UNLOCKED
            CoreAuditKind.FailedUnlock -> AuditKind.FAILED_UNLOCK
            CoreAuditKind.Import -> AuditKind.IMPORT
            CoreAuditKind.Present -> AuditKind.PRESENT
            CoreAuditKind.Delete -> AuditKind.DELETE
            CoreAuditKind.PinChanged -> AuditKind.PIN_CHANGED
            CoreAuditKind.TotpEnrolled -> AuditKind.TOTP_ENROLLED
            CoreAuditKind.RecoveryCodeUsed -> AuditKind.RECOVERY_CODE_USED
            CoreAuditKind.RecoveryCodesRenewed -> AuditKind.RECOVERY_CODES_RENEWED
            CoreAuditKind.HeadRebuilt -> AuditKind.HEAD_REBUILT
            CoreAuditKind.PresentDocument -> AuditKind.PRESENT_DOCUMENT
            CoreAuditKind.Restored -> AuditKind.RESTORED
            CoreAuditKind.Backup -> AuditKind.BACKUP
            is CoreAuditKind.Other -> AuditKind.OTHER
        }
    }
}

/** New recovery codes, read once into memory for the screen and released on [close]. */
private class CoreRecoveryCodes(private val native: RecoveryCodes) : RecoveryCodesHandle {
    override val codes: List<String> = native.codes()

    override fun close() = native.close()

    override fun toString(): String = "RecoveryCodesHandle(<redacted>)"
}

/** A new authenticator's URI and QR symbol, read once for the screen and released on [close]. */
private class CoreAuthenticatorChange(private val change: AuthenticatorChange) : AuthenticatorChangeHandle {
    override val otpauthUri: String = change.otpauthUri()

    // Drawn by the core, as at set-up (`QrSymbol` is an object, never printed; closed at once).
    override val otpauthQr: QrMatrix? =
        try {
            QrSymbol.encode(otpauthUri).use(Mapping::qr)
        } catch (e: QrException) {
            null
        }

    override fun close() = change.close()

    override fun toString(): String = "AuthenticatorChangeHandle(<redacted>)"
}
