package kz.qujat.app.logic.security

import kz.qujat.app.logic.model.AuditEntry
import kz.qujat.app.logic.model.AuditKind
import kz.qujat.app.logic.model.AuditLog
import kz.qujat.app.logic.port.SecurityPort
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.presenter.Presenter

/** Whether the audit log's hash chain holds. */
sealed class AuditChain {
    /** Every entry is linked to the one before: nothing was removed, altered or reordered. */
    data object Intact : AuditChain()

    /** From entry [atSeq] on the chain fails: those entries cannot be trusted. */
    data class Broken(val atSeq: Long) : AuditChain()
}

/** One line of the log as shown: the entry, and whether it lies at or after a break. */
data class AuditLine(val entry: AuditEntry, val untrusted: Boolean)

/** The log as the screen shows it: newest first, with the chain's state on top. */
data class AuditView(
    val lines: List<AuditLine>,
    val chain: AuditChain,
    /** The newest "log continued after damage" entry, if the log's head was ever rebuilt. */
    val headRebuiltAt: Long?,
) {
    companion object {
        /** Order and mark [log] for the screen. */
        fun of(log: AuditLog): AuditView {
            val broken = log.brokenAtSeq
            return AuditView(
                lines = log.entries.sortedByDescending { it.seq }.map { AuditLine(it, broken != null && it.seq >= broken) },
                chain = if (broken == null) AuditChain.Intact else AuditChain.Broken(broken),
                headRebuiltAt = log.entries.filter { it.kind == AuditKind.HEAD_REBUILT }.maxOfOrNull { it.seq },
            )
        }
    }
}

sealed interface AuditLogState {
    data object Loading : AuditLogState

    data class Loaded(val view: AuditView) : AuditLogState

    /** The log could not be read (not a lock): say why; [AuditLogPresenter.load] retries. */
    data class Failed(val failure: WalletFailure) : AuditLogState

    /** The session is gone: to the unlock screen. */
    data object Locked : AuditLogState
}

/** The audit log: what happened when, and whether the chain is intact. Unlocked only. */
class AuditLogPresenter(
    private val wallet: WalletPort,
    private val security: SecurityPort,
) : Presenter<AuditLogState>(AuditLogState.Loading) {
    /** Screen shown or app resumed: (re)read the log. */
    fun load() {
        if (state is AuditLogState.Locked) return
        if (!wallet.isUnlocked()) return emit(AuditLogState.Locked)
        emit(
            try {
                AuditLogState.Loaded(AuditView.of(security.auditLog()))
            } catch (e: WalletFailure) {
                if (e is WalletFailure.Locked) AuditLogState.Locked else AuditLogState.Failed(e)
            },
        )
    }
}
