package kz.qujat.app.bridge

import kz.qujat.app.logic.keystore.KeyWrapper
import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.DiplomaDetail
import kz.qujat.app.logic.model.DiplomaList
import kz.qujat.app.logic.model.DiplomaSummary
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.Presentation
import kz.qujat.app.logic.model.PresentationRequest
import kz.qujat.app.logic.model.QrMatrix
import kz.qujat.app.logic.model.WalletStatus
import kz.qujat.app.logic.port.EnrolmentHandle
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.port.WeakPinReason
import kz.qujat.core.Enrolment
import kz.qujat.core.QrException
import kz.qujat.core.QrSymbol
import kz.qujat.core.Wallet
import kz.qujat.core.WalletException
import kz.qujat.core.WalletOptions
import kz.qujat.core.checkPin as coreCheckPin
import kz.qujat.core.defaultWalletOptions
import kz.qujat.core.PresentationRequest as CoreRequest

/** Run a wallet call, turning the generated error into the screens' failure. */
private inline fun <T> call(block: () -> T): T =
    try {
        block()
    } catch (e: WalletException) {
        throw Mapping.failure(e)
    }

/**
 * [WalletPort] over the generated `kz.qujat.core.Wallet`: each method one call and a mapping.
 * The PIN and codes pass as `String` because that is what the bindings take.
 */
class CoreWallet(internal val wallet: Wallet) : WalletPort, AutoCloseable {
    override fun status(): WalletStatus = call { Mapping.status(wallet.status()) }

    override fun checkPin(pin: String): WeakPinReason? = coreCheckPin(pin)?.let(Mapping::weakPin)

    override fun setup(pin: String, accountLabel: String): EnrolmentHandle =
        call { CoreEnrolment(wallet.setup(pin, accountLabel)) }

    override fun confirmEnrolment(pin: String, code: String) = call { wallet.confirmEnrolment(pin, code) }

    override fun unlock(pin: String, code: String) = call { wallet.unlock(pin, code) }

    override fun unlockWithRecoveryCode(pin: String, recoveryCode: String) =
        call { wallet.unlockWithRecoveryCode(pin, recoveryCode) }

    override fun lock() = wallet.lock()

    override fun isUnlocked(): Boolean = wallet.isUnlocked()

    override fun holderPublicKey(): ByteArray = call { wallet.holderPublicKey() }

    override fun importDiploma(bundle: ByteArray, trustList: ByteArray, anchorPublicKey: ByteArray): DiplomaSummary =
        call { Mapping.summary(wallet.importDiploma(bundle, trustList, anchorPublicKey)) }

    override fun list(): DiplomaList = call {
        val l = wallet.list()
        DiplomaList(l.diplomas.map(Mapping::summary), l.damaged.toInt())
    }

    override fun show(id: String, lang: Lang): DiplomaDetail = call {
        val d = wallet.show(id, Mapping.language(lang))
        DiplomaDetail(Mapping.summary(d.summary), d.claims.map(Mapping::line))
    }

    override fun present(id: String, request: PresentationRequest): Presentation = call {
        val core = CoreRequest(
            claims = ClaimKey.entries.filter { it in request.claims }.map(Mapping::claimId),
            challenge = request.challenge,
            ttlSecs = request.ttlSecs.toUInt(),
        )
        val p = wallet.present(id, core)
        Presentation(
            text = p.text,
            qr = Mapping.qr(p.qr),
            createdAt = p.createdAt,
            expiresAt = p.expiresAt,
            claims = p.claims.mapTo(linkedSetOf(), Mapping::claim),
            challenge = p.challenge,
        )
    }

    override fun delete(id: String) = call { wallet.delete(id) }

    override fun recoveryCodesLeft(): Int = call { wallet.recoveryCodesLeft().toInt() }

    /** Release the native wallet (its session's keys are zeroized). */
    override fun close() = wallet.close()

    companion object {
        /**
         * Open (creating if needed) the wallet file at [path], its data key wrapped by [keys], on
         * the system clock. (Tests that move time use `Wallet.openWithClock`, which only the
         * test build of the library has.)
         */
        fun open(
            path: String,
            keys: KeyWrapper,
            options: WalletOptions = defaultWalletOptions(),
        ): CoreWallet = call { CoreWallet(Wallet.open(path, KeyStoreBridge(keys), options)) }
    }
}

/** The one-time enrolment, read once into memory for the screens and released on [close]. */
internal class CoreEnrolment(private val enrolment: Enrolment) : EnrolmentHandle {
    override val otpauthUri: String = enrolment.otpauthUri()

    // Drawn by the core like a presentation's QR. `QrSymbol` is an object, not a record, so the
    // secret in the URI is never printed; it is closed at once. A URI too long for a QR code
    // (cannot happen with the core's labels) leaves the screen its "open in authenticator" link.
    override val otpauthQr: QrMatrix? =
        try {
            QrSymbol.encode(otpauthUri).use(Mapping::qr)
        } catch (e: QrException) {
            null
        }

    override val recoveryCodes: List<String> = enrolment.recoveryCodes()

    override fun close() = enrolment.close()

    override fun toString(): String = "EnrolmentHandle(<redacted>)"
}
