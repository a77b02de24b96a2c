package kz.qujat.app.logic.session

import kz.qujat.app.logic.presenter.Presenter

/** An action a locked session interrupted, to run again once the holder has unlocked. */
sealed interface PendingAction {
    /**
     * A picked credential file, its bytes read while the picker's grant lasted. Not a data class:
     * the bytes are compared by identity, and never printed. [wipe] overwrites them once the
     * import is done or abandoned (a diploma file is personal data).
     */
    class ImportDiploma(val bytes: ByteArray) : PendingAction {
        @Volatile
        var wiped: Boolean = false
            private set

        /** Overwrite the bytes with zeros. */
        fun wipe() {
            bytes.fill(0)
            wiped = true
        }

        override fun toString() = "ImportDiploma(<${bytes.size} bytes>)"
    }

    /** The holder left the app to add the wallet to a new authenticator app. */
    data object AuthenticatorChange : PendingAction
}

/** What the app does now that it has left the foreground. */
sealed interface OnBackground {
    /** Lock the wallet now. */
    data object LockNow : OnBackground

    /**
     * A system screen the app opened for a result (file picker, "save as") is up: the wallet
     * stays unlocked so that the result can be used, but only until the Unix second [at]. The
     * app checks again then ([SessionGate.lockDue]) and at its return ([SessionGate.foregrounded]).
     */
    data class LockAt(val at: Long) : OnBackground
}

/**
 * "Locked on return → unlock, then resume the pending action" (the same states as iOS's
 * `SessionGate`), and when leaving the foreground locks.
 *
 * The wallet locks when the app goes to the background, except while a system activity the app
 * itself launched for a result is up ([expectResult] … [resultReturned]): the file picker and
 * the "save as" screen of the Storage Access Framework take the app to the background, and
 * locking then made an import impossible. That exception is bounded by [resultBoundSecs],
 * counted from the launch: a picker left open longer still locks (at the latest on return).
 * The core's idle timeout applies on top, whatever this gate decides.
 *
 * An action that meets `Locked` anyway is kept here ([locked]) and handed back exactly once
 * after an unlock ([unlocked]). [isLocked] is what the navigation follows: while it is true, no
 * screen that shows wallet data may stay up ([RouteAccess]).
 *
 * Thread-safe: lifecycle events come on the main thread, wallet calls on a worker. Times are
 * Unix seconds from the caller's clock. Observers ([observe]) get every state.
 */
class SessionGate(
    resultBoundSecs: Long = DEFAULT_RESULT_BOUND_SECS,
    initial: State = State.Open,
) : Presenter<SessionGate.State>(initial) {
    sealed interface State {
        /** Unlocked (as far as the app knows). */
        data object Open : State

        /** Locked; [pending] runs after the unlock. */
        data class Locked(val pending: PendingAction?) : State
    }

    /** How long a system activity launched for a result may keep the wallet unlocked, seconds. */
    val resultBoundSecs: Long = maxOf(0L, resultBoundSecs)

    /** Launch time of each system activity whose result the app still waits for, by token. */
    private val expected = LinkedHashMap<Long, Long>()
    private var nextToken = 1L

    /** While away with a picker up: when the deferred lock is due. */
    private var lockAt: Long? = null

    /** A flow that continues across a lock (kept as the pending action when one meets it). */
    private var inProgress: PendingAction? = null

    val pending: PendingAction? get() = (state as? State.Locked)?.pending

    /** True while the screens must show the unlock screen instead of wallet data. */
    val isLocked: Boolean get() = state is State.Locked

    /**
     * The session was found locked. A lock that brings no action of its own (the app went to the
     * background) keeps one already pending, else the flow in progress ([workingOn]); a newer
     * action replaces an older one (an import replaced is wiped).
     */
    @Synchronized
    fun locked(pending: PendingAction? = null) {
        val current = this.pending
        val next = pending ?: current ?: inProgress
        if (current is PendingAction.ImportDiploma && current !== next) current.wipe()
        emit(State.Locked(next))
    }

    /** The unlock succeeded: the pending action, handed out once. */
    @Synchronized
    fun unlocked(): PendingAction? {
        val p = pending
        emit(State.Open)
        return p
    }

    /**
     * The holder gave up (switched mode, set the wallet up again): nothing is resumed, a pending
     * import's bytes are wiped. Whether the session is locked does not change.
     */
    @Synchronized
    fun discard() {
        (pending as? PendingAction.ImportDiploma)?.wipe()
        inProgress = null
        if (isLocked) emit(State.Locked(null))
    }

    /** A flow that must resume after a lock if one meets it (null: it ended). */
    @Synchronized
    fun workingOn(action: PendingAction?) {
        inProgress = action
    }

    // --- system activities launched for a result -------------------------------------------------

    /**
     * The app is about to launch a system activity whose result it needs (file picker, "save
     * as"). Returns the token to hand back to [resultReturned] when the result (or a cancel)
     * arrives, or when the launch fails.
     */
    @Synchronized
    fun expectResult(now: Long): Long {
        val token = nextToken++
        expected[token] = now
        return token
    }

    /** The result of [token]'s activity arrived (or it never started). Unknown tokens are ignored. */
    @Synchronized
    fun resultReturned(token: Long) {
        expected.remove(token)
    }

    /** Whether a launched activity's result is still awaited within the bound at [now]. */
    @Synchronized
    fun awaitingResult(now: Long): Boolean {
        prune(now)
        return expected.isNotEmpty()
    }

    /**
     * The app left the foreground. With no result awaited (or only ones launched longer than
     * [resultBoundSecs] ago) the session locks now; else the lock waits until the bound.
     */
    @Synchronized
    fun backgrounded(now: Long): OnBackground {
        prune(now)
        val until = expected.values.maxOrNull()?.plus(resultBoundSecs)
        return if (until != null && until > now) {
            lockAt = until
            OnBackground.LockAt(until)
        } else {
            lockAt = null
            locked()
            OnBackground.LockNow
        }
    }

    /** Still away, at [now]: true when the deferred lock is due (the session is then locked: lock the wallet). */
    @Synchronized
    fun lockDue(now: Long): Boolean {
        val at = lockAt ?: return false
        if (now < at) return false
        lockAt = null
        locked()
        return true
    }

    /**
     * The app is in the foreground again. True when a deferred lock fell due while it was away
     * (the picker was up too long; the session is then locked: lock the wallet before anything
     * is shown). The result itself arrives after this call.
     */
    @Synchronized
    fun foregrounded(now: Long): Boolean {
        val due = lockAt?.let { now >= it } ?: false
        lockAt = null
        prune(now)
        if (due) locked()
        return due
    }

    /**
     * Compare with the wallet (on resume, and every few seconds while a screen is up): an open
     * gate whose wallet is no longer unlocked (locked by the core, or by a call elsewhere) locks.
     * [walletUnlocked] runs under this gate's monitor, so an unlock reported meanwhile cannot be
     * overwritten by an older reading. Returns [isLocked].
     */
    @Synchronized
    fun refresh(walletUnlocked: () -> Boolean): Boolean {
        if (!isLocked && !walletUnlocked()) locked()
        return isLocked
    }

    private fun prune(now: Long) {
        expected.values.removeAll { launchedAt -> now >= launchedAt + resultBoundSecs || now < launchedAt }
    }

    companion object {
        /**
         * Two minutes: enough to find a file in the picker or name a backup, short enough that a
         * phone left with a picker open does not keep the wallet unlocked for long.
         */
        const val DEFAULT_RESULT_BOUND_SECS: Long = 120
    }
}
