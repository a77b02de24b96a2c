package kz.qujat.app.logic.onboarding

import kz.qujat.app.logic.model.QrMatrix
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.port.EnrolmentHandle
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.ScreenLimits
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.port.WeakPinReason
import kz.qujat.app.logic.presenter.Presenter

/**
 * What the PIN field may hold, with the core's policy bounds ([Rules.limits], from
 * `auth::pin`): no copy of the numbers here. The core stays the judge of the PIN itself.
 */
class PinField(limits: ScreenLimits) {
    /** The core's shortest PIN. */
    val minLength: Int = limits.pinMinLen

    /** The core's longest PIN. */
    val maxLength: Int = limits.pinMaxLen

    /** What the field keeps while typing: ASCII digits only, at most [maxLength]. */
    fun filter(input: String): String = input.filter { it in '0'..'9' }.take(maxLength)

    /**
     * The rules the field itself can tell at once, with the core's reasons and bounds;
     * everything else (runs, dates, common PINs …) the core decides ([WalletPort.checkPin]
     * at the first entry, and again at set-up).
     */
    fun localWeakness(pin: String): WeakPinReason? = when {
        pin.any { it !in '0'..'9' } -> WeakPinReason.NotDigits
        pin.length < minLength -> WeakPinReason.TooShort(minLength)
        pin.length > maxLength -> WeakPinReason.TooLong(maxLength)
        else -> null
    }
}

/** Why the chosen PIN cannot be used. */
sealed class PinProblem {
    /** The core refused it; the reason is the core's. */
    data class Weak(val reason: WeakPinReason) : PinProblem()

    /** The confirmation did not match. */
    data object Mismatch : PinProblem()
}

/** Why the first authenticator code was not accepted. */
sealed class FirstCodeProblem {
    data object NotSixDigits : FirstCodeProblem()
    data object PinRequired : FirstCodeProblem()
    data class Wrong(val attemptsLeft: Int) : FirstCodeProblem()
    data object AlreadyUsed : FirstCodeProblem()
    data class WrongPin(val attemptsLeft: Int) : FirstCodeProblem()
    data class LockedOut(val until: Long) : FirstCodeProblem()
}

sealed interface OnboardingState {
    /** Choose a PIN (after a refusal, with the reason). */
    data class ChoosePin(val problem: PinProblem? = null) : OnboardingState

    /** Type it again. */
    data object ConfirmPin : OnboardingState

    /** The core is working (Argon2id, key store): show progress, accept no input. */
    data object Working : OnboardingState

    /** Add the account to an authenticator app: the QR symbol drawn from the core, and the URI. */
    class Authenticator(val otpauthUri: String, val qr: QrMatrix?) : OnboardingState {
        override fun toString(): String = "Authenticator(<redacted>)"
    }

    /** The recovery codes, shown this once; going on needs the holder's acknowledgement. */
    class RecoveryCodes(val codes: List<String>, val acknowledged: Boolean) : OnboardingState {
        override fun toString(): String = "RecoveryCodes(${codes.size} codes, acknowledged=$acknowledged)"
    }

    /**
     * Enter the authenticator's first code. [needsPin] when resuming an enrolment left
     * unconfirmed by an earlier run of the app (the PIN is not kept across runs).
     */
    data class FirstCode(val needsPin: Boolean, val problem: FirstCodeProblem? = null) : OnboardingState

    /** Set up and unlocked. */
    data object Done : OnboardingState

    /** Something no retry on this screen can fix (key store, storage …): say so. */
    data class Failed(val failure: WalletFailure) : OnboardingState
}

/**
 * Set-up: PIN (the core's weak-PIN reasons, told at the first entry), authenticator enrolment
 * with the otpauth QR,
 * recovery codes shown once, and the first code that completes it.
 *
 * The PIN is held in memory only until the first code is accepted (the core needs it for
 * `confirm_enrolment`), and the enrolment handle is closed as soon as the codes are
 * acknowledged, so nothing shown once can be shown again.
 */
class OnboardingPresenter(
    private val wallet: WalletPort,
    private val rules: Rules,
    private val accountLabel: String = DEFAULT_ACCOUNT_LABEL,
    resuming: Boolean = false,
) : Presenter<OnboardingState>(
    if (resuming) OnboardingState.FirstCode(needsPin = true) else OnboardingState.ChoosePin(),
) {
    /** The PIN field's bounds, the core's. */
    val pinField: PinField = PinField(rules.limits())
    private var chosenPin: String? = null
    private var enrolment: EnrolmentHandle? = null

    /** First entry of the PIN: the field's own rules, then the core's whole policy. */
    fun choosePin(pin: String) {
        if (state !is OnboardingState.ChoosePin) return
        (pinField.localWeakness(pin) ?: wallet.checkPin(pin))?.let {
            emit(OnboardingState.ChoosePin(PinProblem.Weak(it)))
            return
        }
        chosenPin = pin
        emit(OnboardingState.ConfirmPin)
    }

    /** Second entry: on a match, the core sets the wallet up (and may still refuse the PIN). */
    fun confirmPin(pin: String) {
        if (state != OnboardingState.ConfirmPin) return
        val chosen = chosenPin
        if (chosen == null || chosen != pin) {
            chosenPin = null
            emit(OnboardingState.ChoosePin(PinProblem.Mismatch))
            return
        }
        emit(OnboardingState.Working)
        try {
            val handle = wallet.setup(chosen, accountLabel)
            enrolment = handle
            emit(OnboardingState.Authenticator(handle.otpauthUri, handle.otpauthQr))
        } catch (e: WalletFailure.WeakPin) {
            chosenPin = null
            emit(OnboardingState.ChoosePin(PinProblem.Weak(e.reason)))
        } catch (e: WalletFailure) {
            chosenPin = null
            emit(OnboardingState.Failed(e))
        }
    }

    /** The holder has added the account to the authenticator app. */
    fun authenticatorAdded() {
        if (state !is OnboardingState.Authenticator) return
        val handle = enrolment ?: return restart()
        emit(OnboardingState.RecoveryCodes(handle.recoveryCodes, acknowledged = false))
    }

    /** Back from the codes to the authenticator QR (both are still in memory then). */
    fun back() {
        val s = state
        val handle = enrolment
        when {
            s is OnboardingState.RecoveryCodes && handle != null ->
                emit(OnboardingState.Authenticator(handle.otpauthUri, handle.otpauthQr))
            s == OnboardingState.ConfirmPin -> {
                chosenPin = null
                emit(OnboardingState.ChoosePin())
            }
        }
    }

    /** The "I have written them down" box. */
    fun acknowledgeCodes(acknowledged: Boolean) {
        val s = state as? OnboardingState.RecoveryCodes ?: return
        emit(OnboardingState.RecoveryCodes(s.codes, acknowledged))
    }

    /** Leave the codes screen for good: they are dropped and the enrolment closed. */
    fun codesWrittenDown() {
        val s = state as? OnboardingState.RecoveryCodes ?: return
        if (!s.acknowledged) return
        closeEnrolment()
        emit(OnboardingState.FirstCode(needsPin = false))
    }

    /**
     * The first authenticator code. [pin] is needed only when resuming ([OnboardingState.FirstCode.needsPin]).
     */
    fun submitFirstCode(codeInput: String, pin: String? = null) {
        val s = state as? OnboardingState.FirstCode ?: return
        val code = rules.authenticatorCode(codeInput)
        if (code == null) {
            emit(s.copy(problem = FirstCodeProblem.NotSixDigits))
            return
        }
        val usePin = (if (s.needsPin) pin else chosenPin)
        if (usePin.isNullOrEmpty()) {
            emit(s.copy(problem = FirstCodeProblem.PinRequired))
            return
        }
        emit(OnboardingState.Working)
        try {
            wallet.confirmEnrolment(usePin, code)
            chosenPin = null
            emit(OnboardingState.Done)
        } catch (e: WalletFailure) {
            val problem = when (e) {
                is WalletFailure.WrongCode -> FirstCodeProblem.Wrong(e.attemptsLeft)
                is WalletFailure.CodeReplayed -> FirstCodeProblem.AlreadyUsed
                is WalletFailure.MalformedCode -> FirstCodeProblem.NotSixDigits
                is WalletFailure.WrongPin -> FirstCodeProblem.WrongPin(e.attemptsLeft)
                is WalletFailure.LockedOut -> FirstCodeProblem.LockedOut(e.until)
                is WalletFailure.Wiped, is WalletFailure.NotInitialized -> return restart()
                else -> return emit(OnboardingState.Failed(e))
            }
            emit(s.copy(problem = problem))
        }
    }

    /** Start again from the PIN (a new secret and new codes replace the unconfirmed ones). */
    fun restart() {
        closeEnrolment()
        chosenPin = null
        emit(OnboardingState.ChoosePin())
    }

    /** The screen is going away for good: drop what was shown once. */
    fun dispose() {
        closeEnrolment()
        chosenPin = null
    }

    private fun closeEnrolment() {
        enrolment?.close()
        enrolment = null
    }

    companion object {
        /** What the authenticator app shows beside "Qujat". */
        const val DEFAULT_ACCOUNT_LABEL: String = "wallet"

        /** Whether the wallet's state calls for resuming an unconfirmed enrolment. */
        fun shouldResume(state: WalletState): Boolean = state == WalletState.ENROLMENT_PENDING
    }
}
