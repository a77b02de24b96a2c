package kz.qujat.app.logic.security

import kz.qujat.app.logic.model.AuditKind
import kz.qujat.app.logic.model.AuditLog
import kz.qujat.app.logic.port.SecurityPort
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.presenter.Presenter

/** What the holder has done since the last recovery-code unlock, read from the audit log. */
data class RecoveryFollowUp(
    /** A new authenticator app was confirmed after the recovery code was spent. */
    val authenticatorSwitched: Boolean,
    /** The recovery codes were renewed after it was spent. */
    val codesRenewed: Boolean,
) {
    companion object {
        /**
         * From the core's audit log, the one record of what happened: the entries after the
         * newest "recovery code used". (With no such entry, nothing is counted as done.)
         */
        fun of(log: AuditLog): RecoveryFollowUp {
            val since = log.entries.filter { it.kind == AuditKind.RECOVERY_CODE_USED }.maxOfOrNull { it.seq }
                ?: return RecoveryFollowUp(authenticatorSwitched = false, codesRenewed = false)
            val after = log.entries.filter { it.seq > since }.map { it.kind }.toSet()
            return RecoveryFollowUp(
                authenticatorSwitched = AuditKind.TOTP_ENROLLED in after,
                codesRenewed = AuditKind.RECOVERY_CODES_RENEWED in after,
            )
        }
    }
}

/** Where the after-recovery screen leaves the holder. */
enum class AfterRecoveryOutcome {
    /** "Not now", or both steps done and the holder went on: to the diploma list. */
    DISMISSED,

    /** The session is gone: to the unlock screen. */
    LOCKED,
}

data class AfterRecoveryState(
    val loading: Boolean = true,
    /** Recovery codes left (null until read). */
    val codesLeft: Int? = null,
    val followUp: RecoveryFollowUp = RecoveryFollowUp(authenticatorSwitched = false, codesRenewed = false),
    /** Reading failed (not a lock); the two actions stay offered. */
    val failure: WalletFailure? = null,
    val outcome: AfterRecoveryOutcome? = null,
) {
    /** Both steps are done: the screen says so and offers only "go on". */
    val allDone: Boolean get() = followUp.authenticatorSwitched && followUp.codesRenewed
}

/**
 * After an unlock with a recovery code: explains that the authenticator may be lost, offers
 * switching to a new one and renewing the codes (their own screens), or dismissing. What is
 * already done is read from the audit log on every return ([load]), so the screen needs no
 * result from the screens it opens.
 */
class AfterRecoveryPresenter(
    private val wallet: WalletPort,
    private val security: SecurityPort,
) : Presenter<AfterRecoveryState>(AfterRecoveryState()) {
    /** Screen shown or returned to: the session must be open; read the count and the log. */
    fun load() {
        if (state.outcome != null) return
        if (!wallet.isUnlocked()) return emit(state.copy(outcome = AfterRecoveryOutcome.LOCKED))
        try {
            val left = wallet.recoveryCodesLeft()
            val followUp = RecoveryFollowUp.of(security.auditLog())
            emit(state.copy(loading = false, codesLeft = left, followUp = followUp, failure = null))
        } catch (e: WalletFailure) {
            emit(
                if (e is WalletFailure.Locked) {
                    state.copy(outcome = AfterRecoveryOutcome.LOCKED)
                } else {
                    state.copy(loading = false, failure = e)
                },
            )
        }
    }

    /** "Not now" / "go on". */
    fun dismiss() {
        if (state.outcome == null) emit(state.copy(outcome = AfterRecoveryOutcome.DISMISSED))
    }
}
