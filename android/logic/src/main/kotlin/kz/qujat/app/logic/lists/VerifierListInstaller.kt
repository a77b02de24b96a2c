package kz.qujat.app.logic.lists

import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort

/**
 * The verifier store as the list update's port: the core installs a list only if it is correctly
 * signed and not older than the one held (a rollback is refused), and remembers it in the
 * verifier's state file. Every [VerifierFailure] an install can give becomes a typed
 * [ListOutcome] (the bridge maps the core's `VerifierError` to [VerifierFailure], exhaustively).
 *
 * [keepTrustList] gets the bytes of every trust list the store accepted, for the holder's import
 * and the next start (the app writes them to `files/trust/`).
 */
class VerifierListInstaller(
    private val verifier: VerifierPort,
    private val keepTrustList: (ByteArray) -> Unit = {},
) : ListInstaller {
    override fun install(bytes: ByteArray, kind: ListKind): ListOutcome = try {
        when (kind) {
            ListKind.TRUST_LIST -> {
                val info = verifier.installTrustList(bytes)
                keepTrustList(bytes)
                ListOutcome.Installed(kind, info.issuedAt)
            }
            ListKind.STATUS_LIST -> ListOutcome.Installed(kind, verifier.installStatusList(bytes).listIssuedAt)
        }
    } catch (e: VerifierFailure) {
        outcome(kind, e)
    }

    companion object {
        /** What a refusal of a list offered as [kind] means for the update. */
        fun outcome(kind: ListKind, e: VerifierFailure): ListOutcome = when (e) {
            is VerifierFailure.TrustListInvalid ->
                if (kind == ListKind.TRUST_LIST) ListOutcome.NotThisKind else ListOutcome.Refused(kind, ListProblem.TRUST_LIST_INVALID)
            is VerifierFailure.StatusListInvalid ->
                if (kind == ListKind.STATUS_LIST) ListOutcome.NotThisKind else ListOutcome.Refused(kind, ListProblem.STATUS_LIST_INVALID)
            is VerifierFailure.TrustListRollback, is VerifierFailure.StatusListRollback -> ListOutcome.AlreadyNewer(kind)
            is VerifierFailure.TrustListConflict, is VerifierFailure.StatusListConflict -> ListOutcome.Refused(kind, ListProblem.CONFLICT)
            is VerifierFailure.StatusListUnknownIssuer -> ListOutcome.Refused(kind, ListProblem.UNKNOWN_ISSUER)
            is VerifierFailure.NoTrustList -> ListOutcome.Refused(kind, ListProblem.NO_TRUST_LIST)
            is VerifierFailure.StateUnavailable -> ListOutcome.Refused(kind, ListProblem.STATE_UNAVAILABLE)
            is VerifierFailure.AnchorMismatch, is VerifierFailure.BadAnchorKey -> ListOutcome.Refused(kind, ListProblem.ANCHOR_MISMATCH)
            is VerifierFailure.BadChallenge, is VerifierFailure.Internal -> ListOutcome.Refused(kind, ListProblem.INTERNAL)
        }
    }
}
