package kz.qujat.app.logic.verify

import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort

/**
 * The verifier as a screen gets it: opening it reads the state file and installs the shipped
 * lists, so the screens ask for it from a background coroutine and show [Loading] meanwhile.
 */
sealed interface VerifierAccess {
    data object Loading : VerifierAccess

    /** The app was built without a trust anchor: it cannot check diplomas. */
    data object NoAnchor : VerifierAccess

    class Ready(val verifier: VerifierPort) : VerifierAccess

    /** The verifier could not be opened (its state pinned to another anchor, a bad anchor key …). */
    data class Failed(val failure: VerifierFailure) : VerifierAccess

    companion object {
        /** Open the verifier with [open] (blocking: call it off the main thread); null from [open] means no anchor. */
        fun load(open: () -> VerifierPort?): VerifierAccess = try {
            open()?.let(::Ready) ?: NoAnchor
        } catch (e: VerifierFailure) {
            Failed(e)
        }
    }
}
