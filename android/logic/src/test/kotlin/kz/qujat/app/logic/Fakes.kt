package kz.qujat.app.logic

import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.ClaimLine
import kz.qujat.app.logic.model.DiplomaDetail
import kz.qujat.app.logic.model.DiplomaList
import kz.qujat.app.logic.model.DiplomaSummary
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.LocalizedText
import kz.qujat.app.logic.model.Presentation
import kz.qujat.app.logic.model.PresentationRequest
import kz.qujat.app.logic.model.QrMatrix
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.model.WalletStatus
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.EnrolmentHandle
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.port.WeakPinReason

/** A clock the test moves. */
class TestClock(var now: Long = 1_800_000_000) : Clock {
    override fun nowSeconds(): Long = now
    fun advance(secs: Long) {
        now += secs
    }
}

class FakeEnrolment(override val otpauthUri: String, override val recoveryCodes: List<String>) : EnrolmentHandle {
    var closed = false
    override val otpauthQr: QrMatrix? = QrMatrix(21, ByteArray(21 * 21) { (it % 2).toByte() })
    override fun close() {
        closed = true
    }
}

/**
 * A wallet with the core's rules reduced to what the presenters react to: a PIN, a code
 * ("123456" is right), a lockout table and a wipe at the 10th failure.
 */
class FakeWallet(private val clock: TestClock) : WalletPort {
    var state = WalletState.UNINITIALIZED
    var pin: String? = null
    var failures = 0
    var lockedUntil: Long? = null
    var recoveryOnly = false
    var unlocked = false
    val calls = mutableListOf<String>()
    var lastEnrolment: FakeEnrolment? = null
    var lastRequest: PresentationRequest? = null
    var weakPins = mapOf("123456" to WeakPinReason.Sequence, "111111" to WeakPinReason.Repeated)
    var presentFailure: WalletFailure? = null
    val recoveryCodes = mutableListOf("7K3M-Q9TD-2XWA-HF8R", "ABCD-EFGH-JKMN-PQRS")

    /** Unlock status if the clock were `now`; a clock set back keeps the wait (as the core does). */
    override fun status(): WalletStatus = WalletStatus(
        state = state,
        failures = failures,
        attemptsLeft = (10 - failures).coerceAtLeast(0),
        lockedUntil = lockedUntil,
        recoveryCodeRequired = recoveryOnly,
        keyStoreHardwareBacked = true,
    )

    /** Lift a wait the way the core does when enough time has passed. */
    fun passWait() {
        lockedUntil = null
    }

    /** PINs the fake core's policy was asked about (not in [calls]: a check changes nothing). */
    val pinChecks = mutableListOf<Int>()

    override fun checkPin(pin: String): WeakPinReason? {
        pinChecks += pin.length
        return weakPins[pin]
    }

    override fun setup(pin: String, accountLabel: String): EnrolmentHandle {
        calls += "setup"
        weakPins[pin]?.let { throw WalletFailure.WeakPin(it) }
        if (state == WalletState.READY) throw WalletFailure.AlreadyInitialized()
        this.pin = pin
        state = WalletState.ENROLMENT_PENDING
        return FakeEnrolment("otpauth://totp/Qujat:$accountLabel?secret=JBSWY3DPEHPK3PXP&issuer=Qujat", recoveryCodes.toList())
            .also { lastEnrolment = it }
    }

    private fun fail(wrongPin: Boolean): Nothing {
        failures++
        val delay = listOf(0L, 0, 0, 0, 60, 300, 900, 900, 3600).getOrElse(failures - 1) { 3600 }
        if (delay > 0) lockedUntil = clock.now + delay
        if (failures >= 10) {
            state = WalletState.WIPED
            throw WalletFailure.Wiped()
        }
        val left = 10 - failures
        throw if (wrongPin) WalletFailure.WrongPin(left) else WalletFailure.WrongCode(left)
    }

    private fun admit() {
        val until = lockedUntil
        if (until != null && clock.now < until) throw WalletFailure.LockedOut(until, until - clock.now)
    }

    override fun confirmEnrolment(pin: String, code: String) {
        calls += "confirm"
        if (state != WalletState.ENROLMENT_PENDING) throw WalletFailure.AlreadyInitialized()
        admit()
        if (pin != this.pin) fail(true)
        if (code != "123456") fail(false)
        state = WalletState.READY
        unlocked = true
        failures = 0
    }

    override fun unlock(pin: String, code: String) {
        calls += "unlock"
        if (state == WalletState.WIPED) throw WalletFailure.Wiped()
        admit()
        if (recoveryOnly) throw WalletFailure.RecoveryCodeRequired()
        if (pin != this.pin) fail(true)
        if (code == "654321") {
            // As the core: a replay is told with the attempts left, and not counted.
            throw WalletFailure.CodeReplayed(10 - failures)
        }
        if (code != "123456") fail(false)
        unlocked = true
        failures = 0
    }

    override fun unlockWithRecoveryCode(pin: String, recoveryCode: String) {
        calls += "unlock-recovery"
        admit()
        if (pin != this.pin) fail(true)
        if (!recoveryCodes.remove(recoveryCode)) fail(false)
        unlocked = true
        failures = 0
        recoveryOnly = false
    }

    override fun lock() {
        unlocked = false
    }

    override fun isUnlocked(): Boolean = unlocked

    override fun holderPublicKey(): ByteArray = ByteArray(32) { it.toByte() }

    override fun importDiploma(bundle: ByteArray, trustList: ByteArray, anchorPublicKey: ByteArray): DiplomaSummary =
        summary

    override fun list(): DiplomaList = DiplomaList(listOf(summary), 0)

    override fun show(id: String, lang: Lang): DiplomaDetail = detail(ClaimKey.entries.toSet())

    override fun present(id: String, request: PresentationRequest): Presentation {
        presentFailure?.let { throw it }
        lastRequest = request
        return Presentation(
            text = "QJ1:FAKE",
            qr = QrMatrix(25, ByteArray(25 * 25)),
            createdAt = clock.now,
            expiresAt = clock.now + request.ttlSecs,
            claims = request.claims,
            challenge = request.challenge,
        )
    }

    override fun delete(id: String) = Unit

    override fun recoveryCodesLeft(): Int = recoveryCodes.size


    companion object {
        val summary = DiplomaSummary(
            id = "ab".repeat(32),
            issuerId = "kz.enu",
            issuerName = LocalizedText("Л.Н. Гумилев атындағы ЕҰУ", "ЕНУ им. Л.Н. Гумилёва", "L.N. Gumilyov ENU"),
            degree = LocalizedText("Бакалавр", "Бакалавр", "Bachelor"),
            programCode = "6B06102",
            programName = LocalizedText(null, "Информатика", "Computer Science"),
            issueDate = java.time.LocalDate.of(2024, 6, 30),
            honors = true,
            importedAt = 1_800_000_000,
        )

        fun detail(stated: Set<ClaimKey>) =
            DiplomaDetail(summary, stated.map { ClaimLine(it, it.name.lowercase(), "value of $it") })
    }
}
