package kz.qujat.app.logic.security

import kz.qujat.app.logic.port.RecoveryCodesHandle
import kz.qujat.app.logic.port.SecurityPort
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.presenter.Presenter

sealed interface RenewCodesState {
    /** Reading how many codes are left. */
    data object Loading : RenewCodesState

    /**
     * How many codes are left, and the button that makes new ones. [confirming]: the warning
     * that the current codes stop working is up. [failure]: the last renewal failed (nothing
     * changed).
     */
    data class Info(val left: Int, val confirming: Boolean = false, val failure: WalletFailure? = null) : RenewCodesState

    /** The core is working: show progress, accept no input. */
    data object Working : RenewCodesState

    /** The new codes, shown this once; leaving needs the holder's acknowledgement. */
    class Codes(val codes: List<String>, val acknowledged: Boolean) : RenewCodesState {
        override fun toString(): String = "Codes(${codes.size} codes, acknowledged=$acknowledged)"
    }

    /** The new codes are in use and no longer in memory. */
    data object Done : RenewCodesState

    /** The count could not be read (not a lock): say why; [RenewCodesPresenter.load] retries. */
    data class Failed(val failure: WalletFailure) : RenewCodesState

    /** The session is gone: to the unlock screen. */
    data object Locked : RenewCodesState
}

/**
 * Renew the recovery codes: the number left, a warning that the old ones stop working, then
 * the new ones shown once behind an "I have written them down" box (as at set-up), after which
 * the handle is closed so the core zeroizes them. Unlocked only.
 */
class RenewCodesPresenter(
    private val wallet: WalletPort,
    private val security: SecurityPort,
) : Presenter<RenewCodesState>(RenewCodesState.Loading) {
    private var handle: RecoveryCodesHandle? = null

    /** May the holder leave the screen now? Not while new codes are up and not yet written down. */
    val canLeave: Boolean get() = (state as? RenewCodesState.Codes)?.acknowledged ?: true

    /** Screen shown or app resumed: the session must be open; read the count (not while codes are up). */
    fun load() {
        val s = state
        if (s is RenewCodesState.Locked || s is RenewCodesState.Done) return
        if (!wallet.isUnlocked()) return locked()
        if (s is RenewCodesState.Codes || s is RenewCodesState.Working) return
        try {
            emit(RenewCodesState.Info(wallet.recoveryCodesLeft(), failure = (s as? RenewCodesState.Info)?.failure))
        } catch (e: WalletFailure) {
            if (e is WalletFailure.Locked) locked() else emit(RenewCodesState.Failed(e))
        }
    }

    /** "Make new codes": first the warning. */
    fun askToRenew() {
        val s = state as? RenewCodesState.Info ?: return
        emit(s.copy(confirming = true, failure = null))
    }

    /** The warning was dismissed: nothing changes. */
    fun cancelRenew() {
        val s = state as? RenewCodesState.Info ?: return
        emit(s.copy(confirming = false))
    }

    /** The holder confirmed: the old codes stop working, the new ones are shown. */
    fun renew() {
        val s = state as? RenewCodesState.Info ?: return
        if (!s.confirming) return
        emit(RenewCodesState.Working)
        try {
            val h = security.renewRecoveryCodes()
            handle = h
            emit(RenewCodesState.Codes(h.codes, acknowledged = false))
        } catch (e: WalletFailure) {
            if (e is WalletFailure.Locked) locked() else emit(s.copy(confirming = false, failure = e))
        }
    }

    /** The "I have written them down" box. */
    fun acknowledge(acknowledged: Boolean) {
        val s = state as? RenewCodesState.Codes ?: return
        emit(RenewCodesState.Codes(s.codes, acknowledged))
    }

    /** Leave the codes for good: they are dropped and the handle closed. */
    fun writtenDown() {
        val s = state as? RenewCodesState.Codes ?: return
        if (!s.acknowledged) return
        close()
        emit(RenewCodesState.Done)
    }

    /** The screen is going away for good: drop what was shown once. */
    fun dispose() = close()

    private fun locked() {
        close()
        emit(RenewCodesState.Locked)
    }

    private fun close() {
        handle?.close()
        handle = null
    }
}
