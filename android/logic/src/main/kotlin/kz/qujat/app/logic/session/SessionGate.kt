package kz.qujat.app.logic.session

/** An action a locked session interrupted, to run again once the holder has unlocked. */
sealed interface PendingAction {
    /**
     * A picked credential file, its bytes read while the picker's grant lasted. Not a data class:
     * the bytes are compared by identity, and never printed.
     */
    class ImportDiploma(val bytes: ByteArray) : PendingAction {
        override fun toString() = "ImportDiploma(<${bytes.size} bytes>)"
    }

    /** The holder left the app to add the wallet to a new authenticator app. */
    data object AuthenticatorChange : PendingAction
}

/**
 * "Locked on return → unlock, then resume the pending action" (the same states as iOS's
 * `SessionGate`). The wallet locks when the app goes to the background and after the core's idle
 * timeout, which can happen while the file picker or share sheet is up; the action that then meets
 * `Locked` is kept here instead of being lost, and handed back exactly once after an unlock.
 */
class SessionGate {
    sealed interface State {
        /** Unlocked, or never locked with anything pending. */
        data object Open : State

        /** Locked; [pending] runs after the unlock. */
        data class Locked(val pending: PendingAction?) : State
    }

    var state: State = State.Open
        private set

    val pending: PendingAction? get() = (state as? State.Locked)?.pending

    /** True while the screens must show the unlock screen instead of wallet data. */
    val isLocked: Boolean get() = state is State.Locked

    /**
     * The session was found locked. A lock that brings no action of its own (the app went to the
     * background) keeps one already pending; a newer action replaces an older one.
     */
    fun locked(pending: PendingAction? = null) {
        state = State.Locked(pending ?: this.pending)
    }

    /** The unlock succeeded: the pending action, handed out once. */
    fun unlocked(): PendingAction? {
        val p = pending
        state = State.Open
        return p
    }

    /** The holder gave up (switched mode, started over): nothing is resumed. */
    fun discard() {
        state = State.Open
    }
}
