package kz.qujat.app.logic.model

import java.time.LocalDate

/** The wallet's life cycle (what the start screen shows). */
enum class WalletState {
    /** Nothing set up: onboarding. */
    UNINITIALIZED,

    /** Set up, but the first authenticator code was never entered: finish or restart onboarding. */
    ENROLMENT_PENDING,

    /** In use: unlock. */
    READY,

    /** Wiped after too many failed unlocks: onboarding again. */
    WIPED,
}

/** Where the wallet stands, without unlocking. Nothing secret. */
data class WalletStatus(
    val state: WalletState,
    val failures: Int,
    val attemptsLeft: Int,
    /** When a wait is in force: the Unix second from which the next attempt is allowed. */
    val lockedUntil: Long?,
    val recoveryCodeRequired: Boolean,
    val keyStoreHardwareBacked: Boolean,
)

/**
 * One diploma in the holder's list. Personal data (the programme a person studied): the
 * [toString] is redacted.
 */
class DiplomaSummary(
    /** The core's id (64 hex digits). */
    val id: String,
    val issuerId: String,
    val issuerName: LocalizedText,
    /** The degree level's name, in every language the core has it. */
    val degree: LocalizedText?,
    val programCode: String?,
    val programName: LocalizedText,
    val issueDate: LocalDate?,
    val honors: Boolean,
    /** Unix seconds. */
    val importedAt: Long,
) {
    override fun toString(): String = "DiplomaSummary(<redacted>)"
}

/** The diploma list, and how many stored diplomas did not open (say so, never hide it). */
class DiplomaList(val diplomas: List<DiplomaSummary>, val damaged: Int) {
    override fun toString(): String = "DiplomaList(${diplomas.size} diplomas, $damaged damaged)"
}

/** A diploma with every claim it states, labelled in one language. Personal data. */
class DiplomaDetail(val summary: DiplomaSummary, val claims: List<ClaimLine>) {
    /** The claims this diploma states (a PhD diploma may have no GPA, for example). */
    val stated: Set<ClaimKey> get() = claims.mapTo(linkedSetOf()) { it.key }

    override fun toString(): String = "DiplomaDetail(${claims.size} claims, <redacted>)"
}

/** What the holder asks to show. */
data class PresentationRequest(
    val claims: Set<ClaimKey>,
    /** The verifier's 6-digit challenge, already normalized. */
    val challenge: String?,
    /** The lifetime asked for (the core's default: `Rules.limits().presentationTtlSecs`). */
    val ttlSecs: Int,
) {
}

/**
 * A QR symbol as the core draws it: [width] × [width] modules, row-major, one byte per module
 * (1 = dark). The screen adds a quiet zone of [QUIET_ZONE] light modules on each side.
 */
class QrMatrix(val width: Int, private val modules: ByteArray) {
    init {
        require(width in 21..177 && (width - 17) % 4 == 0) { "not a QR symbol width: $width" }
        require(modules.size == width * width) { "expected ${width * width} modules, got ${modules.size}" }
    }

    /** The QR version (1–40). */
    val version: Int get() = (width - 17) / 4

    /** Whether the module at column [x], row [y] is dark. */
    fun isDark(x: Int, y: Int): Boolean = modules[y * width + x].toInt() != 0

    /** Modules per side with the quiet zone, for scaling to a canvas. */
    val sizeWithQuietZone: Int get() = width + 2 * QUIET_ZONE

    override fun toString(): String = "QrMatrix(version $version)"

    companion object {
        const val QUIET_ZONE: Int = 4
    }
}

/**
 * A presentation ready to show: the `QJ1:` text, its QR symbol and its lifetime. Personal data
 * (the disclosed claims are inside): redacted [toString].
 */
class Presentation(
    val text: String,
    val qr: QrMatrix,
    /** Unix seconds. */
    val createdAt: Long,
    /** Unix seconds: the QR must be gone from the screen after this. */
    val expiresAt: Long,
    val claims: Set<ClaimKey>,
    val challenge: String?,
) {
    val lifetimeSecs: Long get() = expiresAt - createdAt

    override fun toString(): String = "Presentation(${claims.size} claims, expires $expiresAt)"
}
