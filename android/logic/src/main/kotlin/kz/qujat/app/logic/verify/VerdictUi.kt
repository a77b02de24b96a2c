package kz.qujat.app.logic.verify

import kz.qujat.app.logic.model.VerificationResult
import kz.qujat.app.logic.model.Verdict

/** The colour family of a result screen. Only [ACCEPT] is green. */
enum class Tone {
    /** Green: accept. */
    ACCEPT,

    /** Amber: genuine, but something needs a second look (old QR, unknown revocation, clocks). */
    CAUTION,

    /** Red: do not accept. */
    REJECT,

    /** Grey: this phone cannot judge (no or expired trust list, unreadable code, newer verdict). */
    NEUTRAL,
}

/** What the employer should do next; each has its own sentence on the screen. */
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

    /** Update the app (a verdict this version does not know). */
    UPDATE_APP,

    /** Do not accept this diploma. */
    DO_NOT_ACCEPT,
}

/**
 * One wording per verdict code: the app maps each to its title and explanation in its
 * strings (kk/ru/en), with an exhaustive `when`, so a new message cannot go unworded.
 */
enum class VerdictMessage {
    VALID,
    REVOKED,
    EXPIRED,
    NOT_YET_VALID,
    CHALLENGE_MISMATCH,
    CHALLENGE_REUSED,
    UNKNOWN_ISSUER,
    FORGED_ISSUER_SIGNATURE,
    ISSUER_KEY_NOT_VALID,
    FORGED_HOLDER_SIGNATURE,
    DISCLOSURE_MISMATCH,
    TRUST_LIST_EXPIRED,
    NO_TRUST_LIST,
    STATUS_UNKNOWN,
    STATUS_STALE,
    MALFORMED,
    UNRECOGNIZED,
}

/** A result screen's model: colour, wording, the time it mentions, what to do, and whether claims show. */
data class VerdictUi(
    val code: String,
    val tone: Tone,
    val message: VerdictMessage,
    val nextStep: NextStep,
    /** A time the explanation mentions (expired at, created at, valid until), Unix seconds. */
    val time: Long?,
    /** Show the disclosed claims (only when the core found them authentic). */
    val showClaims: Boolean,
    /** Claims are shown but the verdict is not VALID: put them under a "not confirmed" banner. */
    val claimsWithCaveat: Boolean,
    /** Only true for VALID: the one state in which the screen says "accept". */
    val accept: Boolean,
) {
    companion object {
        /** The screen for a verdict. [authentic] is the core's word on whether claims may be shown. */
        fun of(verdict: Verdict, authentic: Boolean): VerdictUi {
            val (tone, message, next, time) = when (verdict) {
                Verdict.Valid -> Row(Tone.ACCEPT, VerdictMessage.VALID, NextStep.NONE)
                Verdict.Revoked -> Row(Tone.REJECT, VerdictMessage.REVOKED, NextStep.DO_NOT_ACCEPT)
                is Verdict.Expired -> Row(Tone.CAUTION, VerdictMessage.EXPIRED, NextStep.ASK_FOR_NEW_QR, verdict.expiredAt)
                is Verdict.NotYetValid ->
                    Row(Tone.CAUTION, VerdictMessage.NOT_YET_VALID, NextStep.CHECK_CLOCKS, verdict.createdAt)
                Verdict.ChallengeMismatch -> Row(Tone.REJECT, VerdictMessage.CHALLENGE_MISMATCH, NextStep.ASK_FOR_NEW_QR)
                Verdict.ChallengeReused -> Row(Tone.REJECT, VerdictMessage.CHALLENGE_REUSED, NextStep.DO_NOT_ACCEPT)
                is Verdict.UnknownIssuer -> Row(Tone.REJECT, VerdictMessage.UNKNOWN_ISSUER, NextStep.DO_NOT_ACCEPT)
                Verdict.ForgedIssuerSignature ->
                    Row(Tone.REJECT, VerdictMessage.FORGED_ISSUER_SIGNATURE, NextStep.DO_NOT_ACCEPT)
                Verdict.IssuerKeyNotValid -> Row(Tone.REJECT, VerdictMessage.ISSUER_KEY_NOT_VALID, NextStep.DO_NOT_ACCEPT)
                Verdict.ForgedHolderSignature ->
                    Row(Tone.REJECT, VerdictMessage.FORGED_HOLDER_SIGNATURE, NextStep.DO_NOT_ACCEPT)
                Verdict.DisclosureMismatch -> Row(Tone.REJECT, VerdictMessage.DISCLOSURE_MISMATCH, NextStep.DO_NOT_ACCEPT)
                is Verdict.TrustListExpired ->
                    Row(Tone.NEUTRAL, VerdictMessage.TRUST_LIST_EXPIRED, NextStep.UPDATE_TRUST_DATA, verdict.expiredAt)
                Verdict.NoTrustList -> Row(Tone.NEUTRAL, VerdictMessage.NO_TRUST_LIST, NextStep.UPDATE_TRUST_DATA)
                Verdict.StatusUnknown -> Row(Tone.CAUTION, VerdictMessage.STATUS_UNKNOWN, NextStep.UPDATE_TRUST_DATA)
                is Verdict.StatusStale ->
                    Row(Tone.CAUTION, VerdictMessage.STATUS_STALE, NextStep.UPDATE_TRUST_DATA, verdict.validUntil)
                is Verdict.Malformed -> Row(Tone.NEUTRAL, VerdictMessage.MALFORMED, NextStep.SCAN_AGAIN)
                is Verdict.Unrecognized -> Row(Tone.NEUTRAL, VerdictMessage.UNRECOGNIZED, NextStep.UPDATE_APP)
            }
            val accept = verdict == Verdict.Valid
            return VerdictUi(
                code = verdict.code,
                tone = tone,
                message = message,
                nextStep = next,
                time = time,
                showClaims = authentic,
                claimsWithCaveat = authentic && !accept,
                accept = accept,
            )
        }

        /** The screen for a whole result. */
        fun of(result: VerificationResult): VerdictUi = of(result.verdict, result.authentic)
    }

    private data class Row(val tone: Tone, val message: VerdictMessage, val next: NextStep, val time: Long? = null)
}
