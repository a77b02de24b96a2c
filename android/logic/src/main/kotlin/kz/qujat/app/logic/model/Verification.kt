package kz.qujat.app.logic.model

import kz.qujat.app.logic.verify.VerdictView

/**
 * The verifier's one-word answer (docs/FORMAT.md §10), with what each carries. [code] is the
 * stable code of the format; only [Valid] means "accept".
 */
sealed class Verdict(val code: String) {
    data object Valid : Verdict("VALID")
    data object Revoked : Verdict("REVOKED")
    data class Expired(val expiredAt: Long) : Verdict("EXPIRED")
    data class NotYetValid(val createdAt: Long) : Verdict("NOT_YET_VALID")
    data object ChallengeMismatch : Verdict("CHALLENGE_MISMATCH")

    /** A printed or e-mailed copy (a document presentation) shown where a challenge was asked. */
    data object DocumentNotLive : Verdict("DOCUMENT_NOT_LIVE")
    data object ChallengeReused : Verdict("CHALLENGE_REUSED")

    /** [claimedId] is what the credential says, untrusted: show it as such, if at all. */
    data class UnknownIssuer(val claimedId: String) : Verdict("UNKNOWN_ISSUER")
    data object ForgedIssuerSignature : Verdict("FORGED_ISSUER_SIGNATURE")
    data object IssuerKeyNotValid : Verdict("ISSUER_KEY_NOT_VALID")
    data object ForgedHolderSignature : Verdict("FORGED_HOLDER_SIGNATURE")
    data object DisclosureMismatch : Verdict("DISCLOSURE_MISMATCH")
    data class TrustListExpired(val expiredAt: Long) : Verdict("TRUST_LIST_EXPIRED")
    data object NoTrustList : Verdict("NO_TRUST_LIST")
    data object StatusUnknown : Verdict("STATUS_UNKNOWN")
    data class StatusStale(val validUntil: Long) : Verdict("STATUS_STALE")

    /** [reason] is the core's short reason (no content of the scanned text). */
    data class Malformed(val reason: String) : Verdict("MALFORMED")

    companion object {
        /** Every code of docs/FORMAT.md §10, in the order the checks run. */
        val FORMAT_CODES: List<String> = listOf(
            "MALFORMED", "NO_TRUST_LIST", "TRUST_LIST_EXPIRED", "UNKNOWN_ISSUER", "ISSUER_KEY_NOT_VALID",
            "FORGED_ISSUER_SIGNATURE", "FORGED_HOLDER_SIGNATURE", "DISCLOSURE_MISMATCH", "NOT_YET_VALID",
            "EXPIRED", "DOCUMENT_NOT_LIVE", "CHALLENGE_MISMATCH", "CHALLENGE_REUSED", "STATUS_UNKNOWN", "REVOKED",
            "STATUS_STALE", "VALID",
        )
    }
}

/**
 * What was shown (docs/FORMAT.md §7.1): a live QR code from the holder's phone, or a document
 * presentation (a printed or e-mailed copy, valid for days) made for an audience.
 */
sealed interface PresentationKind {
    data object Live : PresentationKind

    /** [audience] is as signed: it means something only when the result is authentic. */
    data class Document(val audience: String) : PresentationKind {
        /** The audience may name a person: not printed. */
        override fun toString(): String = "Document(<audience>)"
    }
}

/** How fresh the revocation information behind a verdict was. */
data class StatusFreshness(val listIssuedAt: Long, val validUntil: Long, val ageSecs: Long)

/** A status list the verifier holds: its issuer and how fresh it is (at the time asked). */
data class HeldStatusList(val issuerId: String, val freshness: StatusFreshness)

/** The verifier's whole answer for one scan. Holds disclosed personal data: redacted [toString]. */
class VerificationResult(
    val verdict: Verdict,
    /** Live or a document copy; null when the text was not readable. */
    val kind: PresentationKind?,
    /** How the verdict looks on screen, as the core decides it. */
    val view: VerdictView,
    /** Signatures and disclosures held: the claims may be shown, beside the verdict. */
    val authentic: Boolean,
    val issuerName: LocalizedText?,
    val claims: List<ClaimLine>,
    /** Disclosed claims the diploma does not state. */
    val notStated: List<ClaimKey>,
    val createdAt: Long?,
    val expiresAt: Long?,
    val challenge: String?,
    val status: StatusFreshness?,
    val verifiedAt: Long,
) {
    override fun toString(): String = "VerificationResult(${verdict.code})"
}

/** The installed trust list. */
data class TrustListInfo(val sequence: Long, val issuedAt: Long, val expiresAt: Long, val issuers: Int)
