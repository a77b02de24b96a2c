package kz.qujat.app.logic.security

import kz.qujat.app.logic.model.QrMatrix
import kz.qujat.app.logic.onboarding.OnboardingPresenter
import kz.qujat.app.logic.port.AuthenticatorChangeHandle
import kz.qujat.app.logic.port.NoAuthenticatorChange
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.SecurityPort
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.presenter.Presenter
import kz.qujat.app.logic.session.PendingAction

/** Why the switch did not go on. */
sealed class SwitchProblem {
    /** The code typed is not six digits. */
    data object NotSixDigits : SwitchProblem()

    /**
     * Not the new app's current code (an old app's code, a typo, or the phone's clock is off).
     * Not counted: try the next code.
     */
    data object WrongCode : SwitchProblem()

    /** No switch is pending (never begun here, or already finished): start again. */
    data object NotStarted : SwitchProblem()

    /** Anything else the core refused with (key store, storage …). */
    data class Failed(val failure: WalletFailure) : SwitchProblem()
}

sealed interface SwitchAuthenticatorState {
    /** What the switch does, and the button that starts it. */
    data class Start(val problem: SwitchProblem? = null) : SwitchAuthenticatorState

    /** The core is working: show progress, accept no input. */
    data object Working : SwitchAuthenticatorState

    /** Add the wallet to the new app: the QR symbol drawn by the core, and the URI for the link. */
    class Scan(val otpauthUri: String, val qr: QrMatrix?) : SwitchAuthenticatorState {
        override fun toString(): String = "Scan(<redacted>)"
    }

    /** The new app's first code completes the switch. [canGoBack]: the QR can be shown again. */
    data class FirstCode(val problem: SwitchProblem? = null, val canGoBack: Boolean = true) : SwitchAuthenticatorState

    /** Switched: only the new app works from now on. */
    data object Done : SwitchAuthenticatorState

    /** The holder gave up: the old app keeps working. */
    data object Cancelled : SwitchAuthenticatorState

    /**
     * The session is gone: to the unlock screen, handing [resume] to the session gate, so that
     * a switch in progress (the holder left to open the new app) resumes at its first code.
     */
    data class Locked(val resume: PendingAction?) : SwitchAuthenticatorState
}

/**
 * What the session gate must resume if the wallet locks in this state: the switch while the
 * holder may be away adding the new app (QR shown, or waiting for its first code).
 */
val SwitchAuthenticatorState.pendingAction: PendingAction?
    get() = when (this) {
        is SwitchAuthenticatorState.Scan, is SwitchAuthenticatorState.FirstCode -> PendingAction.AuthenticatorChange
        else -> null
    }

/**
 * Move to a new authenticator app: begin (the core makes a new secret; the old app keeps
 * working), show its otpauth QR and the "open in an authenticator app" link, then the new
 * app's first code confirms it. Cancelling leaves the old app in force. The core keeps a begun
 * change sealed in the wallet, so after the app was left (which locks the wallet) and unlocked
 * again the screen opens with [resuming] at the first code.
 */
class SwitchAuthenticatorPresenter(
    private val wallet: WalletPort,
    private val security: SecurityPort,
    private val rules: Rules,
    resuming: Boolean = false,
    private val accountLabel: String = OnboardingPresenter.DEFAULT_ACCOUNT_LABEL,
) : Presenter<SwitchAuthenticatorState>(
    if (resuming) SwitchAuthenticatorState.FirstCode(canGoBack = false) else SwitchAuthenticatorState.Start(),
) {
    private var handle: AuthenticatorChangeHandle? = null

    /** What the session gate must resume if the wallet locks now ([SwitchAuthenticatorState.pendingAction]). */
    val pendingAction: PendingAction? get() = state.pendingAction

    /** Screen shown or app resumed: the session must still be open. */
    fun checkSession() {
        val s = state
        if (s is SwitchAuthenticatorState.Locked || s is SwitchAuthenticatorState.Done || s is SwitchAuthenticatorState.Cancelled) return
        if (!wallet.isUnlocked()) locked()
    }

    /** Start: a new secret for the new app. */
    fun begin() {
        if (state !is SwitchAuthenticatorState.Start) return
        emit(SwitchAuthenticatorState.Working)
        try {
            val h = security.beginAuthenticatorChange(accountLabel)
            close()
            handle = h
            emit(SwitchAuthenticatorState.Scan(h.otpauthUri, h.otpauthQr))
        } catch (e: WalletFailure) {
            if (e is WalletFailure.Locked) locked(resume = null) else emit(SwitchAuthenticatorState.Start(SwitchProblem.Failed(e)))
        }
    }

    /** The holder has added the account to the new app. */
    fun added() {
        if (state !is SwitchAuthenticatorState.Scan) return
        emit(SwitchAuthenticatorState.FirstCode(canGoBack = handle != null))
    }

    /** Back from the first code to the QR (while it is still in memory). */
    fun back() {
        val h = handle ?: return
        if (state is SwitchAuthenticatorState.FirstCode) emit(SwitchAuthenticatorState.Scan(h.otpauthUri, h.otpauthQr))
    }

    /** The new app's first code, as typed. */
    fun confirm(codeInput: String) {
        val s = state as? SwitchAuthenticatorState.FirstCode ?: return
        val code = rules.authenticatorCode(codeInput) ?: return emit(s.copy(problem = SwitchProblem.NotSixDigits))
        emit(SwitchAuthenticatorState.Working)
        try {
            security.confirmAuthenticatorChange(code)
            close()
            emit(SwitchAuthenticatorState.Done)
        } catch (e: WalletFailure) {
            when (e) {
                // Locked while confirming: the change is still pending in the core; resume it.
                is WalletFailure.Locked -> locked(resume = PendingAction.AuthenticatorChange)
                is NoAuthenticatorChange -> {
                    close()
                    emit(SwitchAuthenticatorState.Start(SwitchProblem.NotStarted))
                }
                is WalletFailure.WrongCode, is WalletFailure.CodeReplayed -> emit(s.copy(problem = SwitchProblem.WrongCode))
                is WalletFailure.MalformedCode -> emit(s.copy(problem = SwitchProblem.NotSixDigits))
                else -> emit(s.copy(problem = SwitchProblem.Failed(e)))
            }
        }
    }

    /**
     * Begin again with a new secret (the QR is no longer in memory after a resume, or the
     * holder added nothing): the pending one is replaced and never works.
     */
    fun restart() {
        if (state !is SwitchAuthenticatorState.FirstCode) return
        close()
        emit(SwitchAuthenticatorState.Start())
    }

    /** Give up: the old app keeps working (the new secret is never confirmed). */
    fun cancel() {
        close()
        emit(SwitchAuthenticatorState.Cancelled)
    }

    /** The screen is going away for good: drop what was shown once. */
    fun dispose() = close()

    private fun locked(resume: PendingAction? = pendingAction) {
        close()
        emit(SwitchAuthenticatorState.Locked(resume))
    }

    private fun close() {
        handle?.close()
        handle = null
    }
}
