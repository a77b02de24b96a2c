package kz.qujat.app.logic.unlock

import kz.qujat.app.logic.model.WalletStatus
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.WalletFailure

/**
 * Where the wallet's failure counter stands, as a form that passes the gate shows it: attempts
 * left, and a wait in force with its countdown. Nothing secret.
 */
data class GateCounter(
    /** Attempts left before the terminal action. */
    val attemptsLeft: Int? = null,
    /** Whether there has been a failure since the last success (then [attemptsLeft] is shown). */
    val hadFailures: Boolean = false,
    /** The Unix second from which the next attempt is allowed, while a wait is in force. */
    val lockedUntil: Long? = null,
    /** Seconds left of the wait (0 = no wait). */
    val secondsLeft: Long = 0,
    /** `m:ss` / `h:mm:ss` of the wait (the core's countdown format). */
    val countdownText: String = "0:00",
    /** Only PIN + recovery code passes the gate now. */
    val recoveryOnly: Boolean = false,
) {
    /** A wait is in force: no attempt can be sent. */
    val waiting: Boolean get() = secondsLeft > 0

    /** Warn loudly: few attempts left before the terminal action. */
    val finalAttemptsWarning: Boolean get() = hadFailures && (attemptsLeft ?: Int.MAX_VALUE) <= 3
}

/**
 * How the wallet's gate answers a form, for every screen whose call the core counts like an
 * unlock (unlock itself, change PIN): the refusal's message, the attempts left, and a
 * lockout's countdown. One place, so that the screens word a wrong PIN, a replayed code or a
 * wait alike. The core decides every number; the countdown only runs the wall clock between
 * two questions to the core.
 */
class GateFeedback(private val rules: Rules, private val clock: Clock) {
    /** The counter as the core's status states it. */
    fun of(status: WalletStatus): GateCounter {
        val until = status.lockedUntil
        return GateCounter(
            attemptsLeft = status.attemptsLeft,
            hadFailures = status.failures > 0,
            lockedUntil = until,
            recoveryOnly = status.recoveryCodeRequired,
        ).waiting(secondsToWait(until))
    }

    /** The counter after the core refused an attempt with [e]. */
    fun afterFailure(c: GateCounter, e: WalletFailure): GateCounter = when (e) {
        is WalletFailure.WrongPin -> c.copy(attemptsLeft = e.attemptsLeft, hadFailures = true)
        is WalletFailure.WrongCode -> c.copy(attemptsLeft = e.attemptsLeft, hadFailures = true)
        // A replay is not counted by the core: the attempts left are unchanged.
        is WalletFailure.CodeReplayed -> c.copy(attemptsLeft = e.attemptsLeft)
        is WalletFailure.LockedOut -> c.copy(lockedUntil = e.until, hadFailures = true).waiting(secondsToWait(e.until))
        is WalletFailure.RecoveryCodeRequired -> c.copy(recoveryOnly = true)
        else -> c
    }

    /**
     * About once a second while a wait is shown: the counter with the countdown moved on, or
     * null once the wall clock says the wait is over, when the core must be asked again (its
     * lockout clock only moves forward, so a phone whose clock was set back may still wait).
     */
    fun tick(c: GateCounter): GateCounter? {
        val until = c.lockedUntil ?: return c
        val left = rules.secondsLeft(until, clock.nowSeconds())
        return if (left > 0) c.waiting(left) else null
    }

    /**
     * Seconds of a wait to show for the core's [until]: at least one while the core says a wait
     * is in force even though the wall clock says it is over (clock set back), so that the next
     * tick asks the core again; 0 when no wait is in force.
     */
    fun secondsToWait(until: Long?): Long {
        if (until == null) return 0
        return rules.secondsLeft(until, clock.nowSeconds()).coerceAtLeast(1)
    }

    private fun GateCounter.waiting(left: Long) = copy(secondsLeft = left, countdownText = rules.formatCountdown(left))

    companion object {
        /** What a screen says about a refusal of the gate (or of a call behind it). */
        fun message(e: WalletFailure): UnlockMessage = when (e) {
            is WalletFailure.WrongPin -> UnlockMessage.WrongPin(e.attemptsLeft)
            is WalletFailure.WrongCode -> UnlockMessage.WrongCode(e.attemptsLeft)
            is WalletFailure.CodeReplayed -> UnlockMessage.CodeAlreadyUsed(e.attemptsLeft)
            is WalletFailure.MalformedCode -> UnlockMessage.NotACode
            is WalletFailure.RecoveryCodeRequired -> UnlockMessage.RecoveryCodeNeeded
            is WalletFailure.LockedOut -> UnlockMessage.LockedOut
            is WalletFailure.KeyStore -> UnlockMessage.KeyStoreProblem(e.fault)
            is WalletFailure.Integrity, is WalletFailure.DamagedRecord, is WalletFailure.DiplomaSetChanged ->
                UnlockMessage.Damaged
            is WalletFailure.ReplacedByOlderCopy -> UnlockMessage.ReplacedByOlderCopy
            is WalletFailure.Internal -> UnlockMessage.Internal(e.fault)
            else -> UnlockMessage.Internal(Fault.UNEXPECTED)
        }

        /**
         * Whether [e] came from an attempt the core looked at (it may have started a wait: the
         * 5th, 6th … failure), so the status is worth reading again at once.
         */
        fun counted(e: WalletFailure): Boolean =
            e is WalletFailure.WrongPin || e is WalletFailure.WrongCode || e is WalletFailure.CodeReplayed
    }
}
