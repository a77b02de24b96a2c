package kz.qujat.app.logic.unlock

import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.model.WalletStatus
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.CodeKind
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.KeyStoreFault
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.presenter.Presenter

/** What the unlock screen says after an attempt. */
sealed class UnlockMessage {
    data class WrongPin(val attemptsLeft: Int) : UnlockMessage()
    data class WrongCode(val attemptsLeft: Int) : UnlockMessage()

    /** The code was accepted once already: wait for the authenticator's next one. */
    data class CodeAlreadyUsed(val attemptsLeft: Int) : UnlockMessage()

    /** What was typed is neither 6 digits nor a whole recovery code. */
    data object NotACode : UnlockMessage()

    /** The PIN field is empty or too short to be a PIN. */
    data object PinTooShort : UnlockMessage()

    /** After too many failures only a recovery code is accepted. */
    data object RecoveryCodeNeeded : UnlockMessage()

    /** Wait (the countdown shows how long). */
    data object LockedOut : UnlockMessage()

    /** The key store refused (e.g. the device's screen lock was removed and the key invalidated). */
    data class KeyStoreProblem(val fault: KeyStoreFault) : UnlockMessage()

    /** The wallet file was damaged or tampered with. */
    data object Damaged : UnlockMessage()

    /** The wallet file was put back from an older copy (a backup, a saved file): it cannot open. */
    data object ReplacedByOlderCopy : UnlockMessage()

    data class Internal(val fault: Fault) : UnlockMessage()
}

/** Where an unlock attempt leaves the holder. */
enum class UnlockOutcome {
    /** Open: go to the diploma list. */
    UNLOCKED,

    /** Wiped after too many failures: onboarding again. */
    WIPED,

    /** Nothing (or nothing confirmed) is set up: onboarding. */
    NOT_SET_UP,
}

data class UnlockState(
    /** Attempts left before the terminal action; shown once there has been a failure. */
    val attemptsLeft: Int? = null,
    /** Whether there has been a failure since the last success (then [attemptsLeft] is shown). */
    val hadFailures: Boolean = false,
    /** The Unix second from which the next attempt is allowed, while a wait is in force. */
    val lockedUntil: Long? = null,
    /** Seconds left of the wait, for the countdown (0 = no wait). */
    val secondsLeft: Long = 0,
    /** `m:ss` / `h:mm:ss` of the wait (the core's countdown format). */
    val countdownText: String = "0:00",
    /** Only PIN + recovery code unlocks now. */
    val recoveryOnly: Boolean = false,
    /** The terminal action at the last attempt is a wipe (word the warning so). */
    val lastAttemptWipes: Boolean = true,
    val message: UnlockMessage? = null,
    val busy: Boolean = false,
    val outcome: UnlockOutcome? = null,
    /**
     * The unlock used a recovery code: the authenticator is probably lost, so the app goes on
     * to the "after recovery" prompt (switch the authenticator, renew the codes).
     */
    val viaRecoveryCode: Boolean = false,
) {
    /** The submit button is live. */
    val canSubmit: Boolean get() = !busy && secondsLeft == 0L && outcome == null

    /** Warn loudly: few attempts left before the terminal action. */
    val finalAttemptsWarning: Boolean get() = hadFailures && (attemptsLeft ?: Int.MAX_VALUE) <= 3
}

/**
 * Unlock with PIN + authenticator code, or PIN + recovery code. Shows attempts left, and a
 * lockout's end with a countdown driven by [tick]. When a countdown reaches zero the core is
 * asked again (cheap: no KDF): its lockout clock only moves forward, so a phone whose clock
 * was set back may still be waiting, and the screen must say what the core says.
 */
class UnlockPresenter(
    private val wallet: WalletPort,
    private val rules: Rules,
    private val clock: Clock,
    lastAttemptWipes: Boolean = true,
) : Presenter<UnlockState>(UnlockState(lastAttemptWipes = lastAttemptWipes)) {
    private val feedback = GateFeedback(rules, clock)

    /** Read the wallet's status (screen shown, app resumed). */
    fun refresh() {
        val status = try {
            wallet.status()
        } catch (e: WalletFailure) {
            return emit(state.copy(message = messageFor(e), busy = false))
        }
        emit(applyStatus(state, status))
    }

    /** Called about once a second while the screen is visible. */
    fun tick() {
        val until = state.lockedUntil ?: return
        val left = rules.secondsLeft(until, clock.nowSeconds())
        if (left > 0) {
            if (left != state.secondsLeft) emit(state.waiting(left))
            return
        }
        // The wait looks over by the wall clock: ask the core, which decides.
        refresh()
    }

    /** Try to unlock. [factorInput] is the authenticator code or a recovery code, as typed. */
    fun submit(pin: String, factorInput: String) {
        if (!state.canSubmit) return
        if (pin.length < rules.limits().pinMinLen) return emit(state.copy(message = UnlockMessage.PinTooShort))
        val kind = rules.classifyCode(factorInput)
        if (kind == CodeKind.AUTHENTICATOR && state.recoveryOnly) {
            return emit(state.copy(message = UnlockMessage.RecoveryCodeNeeded))
        }
        val code = when (kind) {
            CodeKind.AUTHENTICATOR -> rules.authenticatorCode(factorInput)
            CodeKind.RECOVERY -> rules.recoveryCode(factorInput)
            CodeKind.INCOMPLETE, CodeKind.INVALID -> null
        } ?: return emit(state.copy(message = UnlockMessage.NotACode))
        val attempt: () -> Unit =
            if (kind == CodeKind.RECOVERY) { -> wallet.unlockWithRecoveryCode(pin, code) } else { -> wallet.unlock(pin, code) }
        emit(state.copy(busy = true, message = null))
        try {
            attempt()
            emit(
                UnlockState(
                    lastAttemptWipes = state.lastAttemptWipes,
                    outcome = UnlockOutcome.UNLOCKED,
                    viaRecoveryCode = kind == CodeKind.RECOVERY,
                ),
            )
        } catch (e: WalletFailure) {
            onFailure(e)
        }
    }

    private fun onFailure(e: WalletFailure) {
        val base = state.copy(busy = false)
        val next = when (e) {
            is WalletFailure.WrongPin ->
                base.copy(message = UnlockMessage.WrongPin(e.attemptsLeft), attemptsLeft = e.attemptsLeft, hadFailures = true)
            is WalletFailure.WrongCode ->
                base.copy(message = UnlockMessage.WrongCode(e.attemptsLeft), attemptsLeft = e.attemptsLeft, hadFailures = true)
            // A replay is not counted by the core: the attempts left are unchanged.
            is WalletFailure.CodeReplayed ->
                base.copy(message = UnlockMessage.CodeAlreadyUsed(e.attemptsLeft), attemptsLeft = e.attemptsLeft)
            is WalletFailure.LockedOut -> base.copy(
                message = UnlockMessage.LockedOut,
                lockedUntil = e.until,
                hadFailures = true,
            ).waiting(rules.secondsLeft(e.until, clock.nowSeconds()).coerceAtLeast(1))
            is WalletFailure.RecoveryCodeRequired -> base.copy(message = UnlockMessage.RecoveryCodeNeeded, recoveryOnly = true)
            is WalletFailure.Wiped -> base.copy(outcome = UnlockOutcome.WIPED, message = null)
            is WalletFailure.NotInitialized, is WalletFailure.EnrolmentPending ->
                base.copy(outcome = UnlockOutcome.NOT_SET_UP, message = null)
            else -> base.copy(message = messageFor(e))
        }
        emit(next)
        // A failure may have started a wait (the 5th, 6th … failure): show it at once.
        if (GateFeedback.counted(e)) refresh()
    }

    private fun applyStatus(s: UnlockState, status: WalletStatus): UnlockState {
        val outcome = when (status.state) {
            WalletState.WIPED -> UnlockOutcome.WIPED
            WalletState.UNINITIALIZED, WalletState.ENROLMENT_PENDING -> UnlockOutcome.NOT_SET_UP
            WalletState.READY -> s.outcome.takeIf { it == UnlockOutcome.UNLOCKED }
        }
        val until = status.lockedUntil
        // The core says a wait is in force even though the wall clock says it is over (clock
        // set back): keep counting at least a second, and ask again on the next tick.
        val shownLeft = feedback.secondsToWait(until)
        return s.copy(
            attemptsLeft = status.attemptsLeft,
            hadFailures = status.failures > 0,
            lockedUntil = until,
            recoveryOnly = status.recoveryCodeRequired,
            outcome = outcome,
            busy = false,
            message = if (until == null && s.message == UnlockMessage.LockedOut) null else s.message,
        ).waiting(shownLeft)
    }

    private fun UnlockState.waiting(left: Long) = copy(secondsLeft = left, countdownText = rules.formatCountdown(left))

    private fun messageFor(e: WalletFailure): UnlockMessage = GateFeedback.message(e)

}
