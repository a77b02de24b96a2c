package kz.qujat.app.logic.port

import kz.qujat.app.logic.model.DiplomaDetail
import kz.qujat.app.logic.model.DiplomaList
import kz.qujat.app.logic.model.DiplomaSummary
import kz.qujat.app.logic.model.HeldStatusList
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.Presentation
import kz.qujat.app.logic.model.PresentationRequest
import kz.qujat.app.logic.model.QrMatrix
import kz.qujat.app.logic.model.StatusFreshness
import kz.qujat.app.logic.model.TrustListInfo
import kz.qujat.app.logic.model.VerificationResult
import kz.qujat.app.logic.model.WalletStatus

/**
 * The holder's wallet as the screens' logic sees it. Production: the `bridge` module's adapter
 * over the generated `kz.qujat.core.Wallet`; tests: fakes. Every method may block (Argon2id
 * runs inside unlock): call it off the main thread. Refusals are [WalletFailure]s.
 */
interface WalletPort {
    fun status(): WalletStatus

    /**
     * The core's PIN policy on [pin] before set-up: null when it may be used, else the same
     * reason `setup` would give. Pure and fast (no storage, no KDF): fine on the main thread.
     */
    fun checkPin(pin: String): WeakPinReason?

    /** Set up (or restart an unconfirmed set-up). The handle is shown once, then closed. */
    fun setup(pin: String, accountLabel: String): EnrolmentHandle

    fun confirmEnrolment(pin: String, code: String)

    fun unlock(pin: String, code: String)

    fun unlockWithRecoveryCode(pin: String, recoveryCode: String)

    fun lock()

    fun isUnlocked(): Boolean

    /** The holder key (32 bytes) the issuer needs. */
    fun holderPublicKey(): ByteArray

    fun importDiploma(bundle: ByteArray, trustList: ByteArray, anchorPublicKey: ByteArray): DiplomaSummary

    fun list(): DiplomaList

    fun show(id: String, lang: Lang): DiplomaDetail

    fun present(id: String, request: PresentationRequest): Presentation

    fun delete(id: String)

    fun recoveryCodesLeft(): Int
}

/**
 * What set-up hands over once: the authenticator URI (and its QR symbol, drawn by the core),
 * and the recovery codes. [close] drops the native object (the core zeroizes it); the screens
 * close it as soon as the codes have been acknowledged.
 */
interface EnrolmentHandle : AutoCloseable {
    /** The `otpauth://` URI. Contains the TOTP secret: never log it. */
    val otpauthUri: String

    /** The URI's QR symbol from the core, or null if these bindings cannot draw it. */
    val otpauthQr: QrMatrix?

    val recoveryCodes: List<String>
}

/**
 * The verifier as the screens' logic sees it. Its calls read or write the verifier's state file:
 * call them off the main thread. Refusals are [VerifierFailure]s.
 */
interface VerifierPort {
    /** Install a trust list signed by the pinned anchor; never an older one than held. */
    fun installTrustList(bytes: ByteArray): TrustListInfo

    fun trustListInfo(): TrustListInfo?

    /** Install an issuer's status list (its issuer in the trust list held; never an older one). */
    fun installStatusList(bytes: ByteArray): StatusFreshness

    /** The status lists held, one per issuer, with their freshness now. */
    fun statusLists(): List<HeldStatusList>

    /** A fresh random 6-digit challenge. */
    fun newChallenge(): String

    /** Verify a scanned text; any text gives a result (a verdict), never a crash. */
    fun verify(text: String, expectedChallenge: String?, lang: Lang): VerificationResult
}

/** Seconds since the Unix epoch. Injected so that every countdown is testable. */
fun interface Clock {
    fun nowSeconds(): Long

    companion object {
        val SYSTEM: Clock = Clock { System.currentTimeMillis() / 1000 }
    }
}
