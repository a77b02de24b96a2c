package kz.qujat.app.logic.verify

import kz.qujat.app.logic.model.PresentationKind
import kz.qujat.app.logic.model.VerificationResult

/** The colour family of a result screen (the core's severity). Only [ACCEPT] is green. */
enum class Tone {
    /** Green: accept. */
    ACCEPT,

    /** Amber: genuine, but something needs a second look (old QR, unknown revocation, clocks). */
    CAUTION,

    /** Red: do not accept. */
    REJECT,

    /** Grey: this phone cannot judge (no or expired trust list, unreadable code, broken state). */
    NEUTRAL,
}

/** What the employer should do next (the core's next step); each has its own sentence. */
enum class NextStep {
    NONE,

    /** Ask the holder for a fresh QR (the old one expired, or was made for another challenge). */
    ASK_FOR_NEW_QR,

    /** One of the two phones has a wrong clock. */
    CHECK_CLOCKS,

    /** Update this phone's trust list or status lists when online. */
    UPDATE_TRUST_DATA,

    /** Point the camera at the code again. */
    SCAN_AGAIN,

    /** The verifier's stored state could not be used: restart the app (or reinstall) and retry. */
    REPAIR_STATE,

    /** Do not accept this diploma. */
    DO_NOT_ACCEPT,

    /** Update the app: the core gave a wording this version does not know. */
    UPDATE_APP,
}

/**
 * How the core says a verdict looks (`verifier::VerdictView`): its colour, the key of its
 * wording, the next step, the time the wording mentions, and whether claims may show.
 */
data class VerdictView(
    val tone: Tone,
    /** `verdict_valid`, `verdict_forged_issuer`, …: the strings `<key>_title` and `<key>_body`. */
    val wordingKey: String,
    val nextStep: NextStep,
    /** A time the explanation mentions (expired at, created at, valid until), Unix seconds. */
    val time: Long?,
    /** Only true for VALID: the one state in which the screen says "accept". */
    val accept: Boolean,
    /** Show the disclosed claims (only when the core found them authentic). */
    val showClaims: Boolean,
    /** Claims are shown but the verdict is not VALID: put them under a "not confirmed" banner. */
    val claimsWithCaveat: Boolean,
    /** The core recorded the challenge as answered: a new scan needs a new challenge. */
    val answersChallenge: Boolean,
)

/**
 * One wording per verdict: the app maps each to its title and explanation in its strings
 * (kk/ru/en) with an exhaustive `when`. [key] is the core's wording key; a key this app does
 * not know (a verdict newer than the app) shows as [UNRECOGNIZED], which never says "accept".
 */
enum class VerdictMessage(val key: String) {
    VALID("verdict_valid"),
    REVOKED("verdict_revoked"),
    EXPIRED("verdict_expired"),
    NOT_YET_VALID("verdict_not_yet_valid"),
    CHALLENGE_MISMATCH("verdict_challenge_mismatch"),
    DOCUMENT_NOT_LIVE("verdict_document_not_live"),
    CHALLENGE_REUSED("verdict_challenge_reused"),
    UNKNOWN_ISSUER("verdict_unknown_issuer"),
    FORGED_ISSUER_SIGNATURE("verdict_forged_issuer"),
    ISSUER_KEY_NOT_VALID("verdict_issuer_key_not_valid"),
    FORGED_HOLDER_SIGNATURE("verdict_forged_holder"),
    DISCLOSURE_MISMATCH("verdict_disclosure_mismatch"),
    TRUST_LIST_EXPIRED("verdict_trust_list_expired"),
    NO_TRUST_LIST("verdict_no_trust_list"),
    STATUS_UNKNOWN("verdict_status_unknown"),
    STATUS_STALE("verdict_status_stale"),
    MALFORMED("verdict_malformed"),
    STATE_UNAVAILABLE("verdict_state_unavailable"),
    UNRECOGNIZED("verdict_unrecognized"),
    ;

    companion object {
        /** The message for the core's wording key; [UNRECOGNIZED] for a key this app does not know. */
        fun ofKey(key: String): VerdictMessage = entries.firstOrNull { it.key == key } ?: UNRECOGNIZED
    }
}

/**
 * The line that says what was shown (`result_kind_*`): a live QR code, or a printed or e-mailed
 * copy. A copy's audience, made and valid-until times are shown only when the core found the
 * presentation authentic: otherwise they are whatever a forger wrote.
 */
sealed interface KindLine {
    /** `result_kind_live`. */
    data object Live : KindLine

    /** `result_kind_document`: for [audience], made [madeAt], valid until [validUntil]. */
    data class Document(val audience: String, val madeAt: Long?, val validUntil: Long?) : KindLine {
        override fun toString(): String = "Document(<audience>)"
    }

    /** `result_kind_document_unverified`: a copy whose recipient could not be checked. */
    data object DocumentUnverified : KindLine

    companion object {
        /** The line for [result]; null when the text was not readable (no kind). */
        fun of(result: VerificationResult): KindLine? = when (val k = result.kind) {
            null -> null
            PresentationKind.Live -> Live
            is PresentationKind.Document ->
                if (result.authentic) Document(k.audience, result.createdAt, result.expiresAt) else DocumentUnverified
        }
    }
}

/** A result screen's model: the core's view of the verdict, with its wording resolved. */
data class VerdictUi(
    val code: String,
    val tone: Tone,
    val message: VerdictMessage,
    val nextStep: NextStep,
    val time: Long?,
    val showClaims: Boolean,
    val claimsWithCaveat: Boolean,
    val accept: Boolean,
    /** What was shown; null when the text was not readable. */
    val kind: KindLine?,
) {
    companion object {
        /** The screen for a whole result. A wording this app does not know never says "accept". */
        fun of(result: VerificationResult): VerdictUi {
            val v = result.view
            val message = VerdictMessage.ofKey(v.wordingKey)
            val known = message != VerdictMessage.UNRECOGNIZED
            return VerdictUi(
                code = result.verdict.code,
                tone = if (known) v.tone else Tone.NEUTRAL,
                message = message,
                nextStep = if (known) v.nextStep else NextStep.UPDATE_APP,
                time = v.time,
                showClaims = v.showClaims,
                claimsWithCaveat = v.claimsWithCaveat,
                accept = known && v.accept,
                kind = KindLine.of(result),
            )
        }
    }
}
