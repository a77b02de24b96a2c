package kz.qujat.app.logic.security

import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.onboarding.PinField
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.SecurityPort
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.port.WeakPinReason
import kz.qujat.app.logic.presenter.Presenter
import kz.qujat.app.logic.unlock.GateCounter
import kz.qujat.app.logic.unlock.GateFeedback
import kz.qujat.app.logic.unlock.UnlockMessage

/** Why the change-PIN form was not sent, or what the core answered. */
sealed class ChangePinProblem {
    /** The current PIN field is empty or shorter than any PIN. */
    data object CurrentPinMissing : ChangePinProblem()

    /** The authenticator code is not six digits. */
    data object CodeNotSixDigits : ChangePinProblem()

    /** The new PIN breaks the core's policy; the reason is the core's. */
    data class WeakNewPin(val reason: WeakPinReason) : ChangePinProblem()

    /** The two entries of the new PIN differ. */
    data object Mismatch : ChangePinProblem()

    /**
     * After too many failures only PIN + recovery code passes the gate, and a PIN change takes
     * an authenticator code: lock, unlock with a recovery code, then change the PIN.
     */
    data object RecoveryCodeRequired : ChangePinProblem()

    /**
     * The gate refused, worded as on the unlock screen: wrong PIN or code with the attempts
     * left, a code already used, a wait, the key store, a damaged file …
     */
    data class Gate(val message: UnlockMessage) : ChangePinProblem()
}

/** Where the change-PIN screen leaves the holder. */
enum class ChangePinOutcome {
    /** The PIN is changed: say so, then back to the settings. */
    CHANGED,

    /** The session is gone (idle timeout, background): to the unlock screen. */
    LOCKED,

    /**
     * The wallet was wiped (the last attempt failed) or is no longer set up: to the unlock
     * screen, which sends the holder on to set-up.
     */
    WIPED,
}

/** The change-PIN form's state. The PINs and the code stay in the screen's fields, never here. */
data class ChangePinState(
    /** The core's verdict on the new PIN as it is being typed (null: fine, or too short to judge yet). */
    val newPinProblem: WeakPinReason? = null,
    val problem: ChangePinProblem? = null,
    /** The gate's failure counter (attempts left, a wait and its countdown). */
    val gate: GateCounter = GateCounter(),
    /** The terminal action at the last attempt is a wipe (word the warning so). */
    val lastAttemptWipes: Boolean = true,
    val busy: Boolean = false,
    val outcome: ChangePinOutcome? = null,
) {
    /** The submit button is live. */
    val canSubmit: Boolean get() = !busy && !gate.waiting && outcome == null
}

/**
 * Change the PIN: current PIN, a current authenticator code, the new PIN twice. The new PIN is
 * judged by the core's policy as it is typed ([newPinTyped]) and again by the core on submit.
 * The change passes the same gate as an unlock (counted, with waits and the terminal action),
 * so the attempts left and a lockout's countdown are shown as the unlock screen shows them
 * ([GateFeedback]). Only while the session is unlocked: [refresh] on every resume.
 */
class ChangePinPresenter(
    private val wallet: WalletPort,
    private val security: SecurityPort,
    private val rules: Rules,
    private val clock: Clock,
    lastAttemptWipes: Boolean = true,
) : Presenter<ChangePinState>(ChangePinState(lastAttemptWipes = lastAttemptWipes)) {
    /** The PIN fields' bounds, the core's. */
    val pinField: PinField = PinField(rules.limits())
    private val feedback = GateFeedback(rules, clock)

    /** Screen shown or app resumed: the session must still be open; read the failure counter. */
    fun refresh() {
        if (state.outcome != null) return
        if (!wallet.isUnlocked()) return emit(state.copy(outcome = ChangePinOutcome.LOCKED, busy = false))
        val status = try {
            wallet.status()
        } catch (e: WalletFailure) {
            return onFailure(e)
        }
        if (status.state != WalletState.READY) return emit(state.copy(outcome = ChangePinOutcome.WIPED, busy = false))
        val gate = feedback.of(status)
        val waitOver = !gate.waiting && state.problem == ChangePinProblem.Gate(UnlockMessage.LockedOut)
        emit(state.copy(gate = gate, busy = false, problem = if (waitOver) null else state.problem))
    }

    /** Called about once a second while a wait is shown. */
    fun tick() {
        if (state.gate.lockedUntil == null) return
        val next = feedback.tick(state.gate) ?: return refresh()
        if (next != state.gate) emit(state.copy(gate = next))
    }

    /** The new PIN as typed so far: the core's policy on it, once it is long enough to judge. */
    fun newPinTyped(pin: String) {
        val reason = if (pin.length < pinField.minLength) null else pinField.localWeakness(pin) ?: wallet.checkPin(pin)
        if (reason != state.newPinProblem) emit(state.copy(newPinProblem = reason))
    }

    /** Send the form. [codeInput] is the authenticator code as typed. */
    fun submit(currentPin: String, codeInput: String, newPin: String, newPinAgain: String) {
        if (!state.canSubmit) return
        if (currentPin.length < pinField.minLength) return problem(ChangePinProblem.CurrentPinMissing)
        val code = rules.authenticatorCode(codeInput) ?: return problem(ChangePinProblem.CodeNotSixDigits)
        (pinField.localWeakness(newPin) ?: wallet.checkPin(newPin))?.let {
            return emit(state.copy(problem = ChangePinProblem.WeakNewPin(it), newPinProblem = it))
        }
        if (newPin != newPinAgain) return problem(ChangePinProblem.Mismatch)
        if (state.gate.recoveryOnly) return problem(ChangePinProblem.RecoveryCodeRequired)
        emit(state.copy(busy = true, problem = null))
        try {
            security.changePin(currentPin, code, newPin)
            emit(ChangePinState(lastAttemptWipes = state.lastAttemptWipes, outcome = ChangePinOutcome.CHANGED))
        } catch (e: WalletFailure) {
            onFailure(e)
        }
    }

    private fun problem(p: ChangePinProblem) = emit(state.copy(problem = p))

    private fun onFailure(e: WalletFailure) {
        val base = state.copy(busy = false)
        emit(
            when (e) {
                is WalletFailure.WeakPin -> base.copy(problem = ChangePinProblem.WeakNewPin(e.reason), newPinProblem = e.reason)
                // The core takes a 6-digit code only: a recovery code or anything else typed there.
                is WalletFailure.MalformedCode -> base.copy(problem = ChangePinProblem.CodeNotSixDigits)
                is WalletFailure.RecoveryCodeRequired ->
                    base.copy(problem = ChangePinProblem.RecoveryCodeRequired, gate = feedback.afterFailure(base.gate, e))
                is WalletFailure.Locked -> base.copy(outcome = ChangePinOutcome.LOCKED)
                is WalletFailure.Wiped, is WalletFailure.NotInitialized, is WalletFailure.EnrolmentPending ->
                    base.copy(outcome = ChangePinOutcome.WIPED)
                else -> base.copy(problem = ChangePinProblem.Gate(GateFeedback.message(e)), gate = feedback.afterFailure(base.gate, e))
            },
        )
        if (GateFeedback.counted(e)) refresh()
    }
}
