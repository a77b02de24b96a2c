package kz.qujat.app.session

import android.content.ContentResolver
import android.net.Uri
import androidx.lifecycle.DefaultLifecycleObserver
import androidx.lifecycle.LifecycleOwner
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.session.ImportOutcome
import kz.qujat.app.logic.session.ImportTrust
import kz.qujat.app.logic.session.PendingAction
import kz.qujat.app.logic.session.SessionGate
import kz.qujat.app.logic.session.WalletSession

/**
 * The holder's session for the whole process: [WalletSession] (`:logic`, JVM-tested) on the
 * app's lifecycle and threads. Observes the process lifecycle (`ProcessLifecycleOwner`, added
 * by `QujatApplication`): leaving the app locks the wallet, except while a system activity the
 * app launched for a result is up ([expectResult]; see `rememberLauncherExpectingResult`). The
 * navigation follows [locked] (`SessionGuard`); imports of picked files run here, not in a
 * screen's ViewModel, so that a lock met on the way back from the picker (which clears the
 * screens) cannot cancel them: the file waits and is imported after the unlock ([lastImport]).
 *
 * Wallet calls run on one worker thread, in the order the events came (a lock on return is
 * decided before the picked file is imported).
 */
@OptIn(ExperimentalCoroutinesApi::class)
class AppSession(
    wallet: () -> WalletPort,
    trust: () -> ImportTrust?,
    private val clock: Clock,
) : DefaultLifecycleObserver {
    private val session = WalletSession(wallet, trust, clock)
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO.limitedParallelism(1))

    private val _locked = MutableStateFlow(session.gate.isLocked)

    /** True while no screen showing wallet data may stay up. */
    val locked: StateFlow<Boolean> = _locked.asStateFlow()

    private val _pendingImport = MutableStateFlow(false)

    /** A picked file waits for the unlock (the unlock screen says so). */
    val pendingImport: StateFlow<Boolean> = _pendingImport.asStateFlow()

    private val _lastImport = MutableStateFlow<ImportOutcome?>(null)

    /** The outcome of the last import (picked now, or resumed after an unlock), until [importSeen]. */
    val lastImport: StateFlow<ImportOutcome?> = _lastImport.asStateFlow()

    private val _resumeAuthenticatorChange = MutableStateFlow(false)

    /** An authenticator switch interrupted by a lock is to resume (for the security screens). */
    val resumeAuthenticatorChange: StateFlow<Boolean> = _resumeAuthenticatorChange.asStateFlow()

    /** The gate, for flows that must survive a lock (`gate.workingOn(PendingAction.AuthenticatorChange)`). */
    val gate: SessionGate get() = session.gate

    init {
        session.gate.observe { state ->
            _locked.value = state is SessionGate.State.Locked
            _pendingImport.value = (state as? SessionGate.State.Locked)?.pending is PendingAction.ImportDiploma
        }
    }

    // --- process lifecycle ---------------------------------------------------------------------------

    override fun onStart(owner: LifecycleOwner) {
        scope.launch { session.foregrounded() }
    }

    override fun onStop(owner: LifecycleOwner) {
        scope.launch {
            val at = session.backgrounded() ?: return@launch
            // A picker is up: look again when its time is over. If the process is frozen
            // meanwhile, the return does it (foregrounded) before anything is shown.
            scope.launch {
                delay((at - clock.nowSeconds()).coerceAtLeast(0) * 1_000)
                session.checkWhileAway()
            }
        }
    }

    // --- system activities launched for a result -----------------------------------------------------

    /** Before launching a picker or "save as" screen: the token for [resultReturned]. */
    fun expectResult(): Long = session.expectResult()

    /** The result (or a cancel) arrived, or the launch failed. */
    fun resultReturned(token: Long) = session.resultReturned(token)

    // --- what the screens report ---------------------------------------------------------------------

    /** Compare with the wallet (resume, and every few seconds while resumed): the core may have locked. */
    fun check() {
        scope.launch { session.check() }
    }

    /** A wallet call met `Locked`; [pending]: what to resume after the unlock (an authenticator switch). */
    fun lockedFound(pending: PendingAction? = null) = session.lockedFound(pending)

    /** Onboarding finished, the wallet unlocked. */
    fun opened() {
        session.opened()
        check()
    }

    /** The unlock screen succeeded: open, and resume what waited (in the background). */
    fun unlocked() {
        val action = session.unlocked() ?: return
        when (action) {
            is PendingAction.ImportDiploma -> scope.launch { session.resume(action)?.let { _lastImport.value = it } }
            PendingAction.AuthenticatorChange -> _resumeAuthenticatorChange.value = true
        }
    }

    /** The security screens took up the resumed authenticator switch. */
    fun authenticatorChangeResumed() {
        _resumeAuthenticatorChange.value = false
    }

    /** Set the wallet up again (wiped, or never confirmed): nothing waiting is kept. */
    fun discard() = session.gate.discard()

    /** The holder switches to the verifier: lock now, drop what waited. */
    fun leave() {
        session.gate.discard()
        session.lockedFound()
        scope.launch { session.leave() }
    }

    // --- import ----------------------------------------------------------------------------------------

    /**
     * Read a picked file at once (bounded: [WalletSession.importFrom]) and import it; the
     * outcome arrives in [lastImport].
     */
    fun importFrom(resolver: ContentResolver, uri: Uri) {
        scope.launch { _lastImport.value = session.importFrom { resolver.openInputStream(uri) } }
    }

    /** The list has shown [outcome]. */
    fun importSeen(outcome: ImportOutcome) {
        _lastImport.compareAndSet(outcome, null)
    }
}
