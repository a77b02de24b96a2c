package kz.qujat.app.logic

import kz.qujat.app.logic.model.AuditEntry
import kz.qujat.app.logic.model.AuditKind
import kz.qujat.app.logic.model.AuditLog
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.security.AfterRecoveryOutcome
import kz.qujat.app.logic.security.AfterRecoveryPresenter
import kz.qujat.app.logic.security.AuditChain
import kz.qujat.app.logic.security.AuditLogPresenter
import kz.qujat.app.logic.security.AuditLogState
import kz.qujat.app.logic.security.AuditView
import kz.qujat.app.logic.security.RecoveryFollowUp
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class AuditAndRecoveryPresenterTest {
    private val clock = TestClock()
    private val wallet = FakeWallet(clock).apply {
        pin = "582039"
        state = WalletState.READY
        unlocked = true
    }
    private val security = FakeSecurity(wallet, clock)

    private fun entry(seq: Long, kind: AuditKind, other: Int? = null) = AuditEntry(seq, kind, 1_800_000_000 + seq * 60, other)

    @Test
    fun `the log newest first, intact`() {
        val view = AuditView.of(AuditLog(listOf(entry(1, AuditKind.SETUP), entry(2, AuditKind.UNLOCKED), entry(3, AuditKind.IMPORT)), null))
        assertEquals(listOf(3L, 2L, 1L), view.lines.map { it.entry.seq })
        assertEquals(AuditChain.Intact, view.chain)
        assertTrue(view.lines.none { it.untrusted })
        assertNull(view.headRebuiltAt)
    }

    @Test
    fun `a broken chain marks the entries from the break, and a rebuilt head is pointed out`() {
        val log = AuditLog(
            listOf(
                entry(1, AuditKind.SETUP),
                entry(2, AuditKind.PRESENT),
                entry(3, AuditKind.HEAD_REBUILT),
                entry(4, AuditKind.OTHER, other = 99),
            ),
            brokenAtSeq = 3,
        )
        val view = AuditView.of(log)
        assertEquals(AuditChain.Broken(3), view.chain)
        assertEquals(listOf(true, true, false, false), view.lines.map { it.untrusted })
        assertEquals(3L, view.headRebuiltAt)
        assertEquals(99, view.lines.first().entry.otherCode)
    }

    @Test
    fun `the audit screen loads, reloads, fails with a reason, and goes to unlock when locked`() {
        security.record(AuditKind.SETUP)
        val p = AuditLogPresenter(wallet, security)
        assertEquals(AuditLogState.Loading, p.state)
        p.load()
        assertEquals(1, (p.state as AuditLogState.Loaded).view.lines.size)
        security.record(AuditKind.UNLOCKED)
        p.load()
        assertEquals(2, (p.state as AuditLogState.Loaded).view.lines.size)
        security.nextFailure = WalletFailure.Integrity()
        p.load()
        assertInstanceOf(WalletFailure.Integrity::class.java, (p.state as AuditLogState.Failed).failure)
        security.nextFailure = WalletFailure.Locked()
        p.load()
        assertEquals(AuditLogState.Locked, p.state)
        p.load()
        assertEquals(AuditLogState.Locked, p.state, "stays on its way to unlock")
        wallet.lock()
        val q = AuditLogPresenter(wallet, security).also { it.load() }
        assertEquals(AuditLogState.Locked, q.state)
        assertEquals(4, security.calls.size, "no call while locked")
    }

    @Test
    fun `what was done since the last recovery code, from the log`() {
        fun follow(vararg kinds: AuditKind) =
            RecoveryFollowUp.of(AuditLog(kinds.mapIndexed { i, k -> entry(i + 1L, k) }, null))
        assertEquals(RecoveryFollowUp(false, false), follow(AuditKind.SETUP, AuditKind.TOTP_ENROLLED))
        assertEquals(RecoveryFollowUp(false, false), follow(AuditKind.TOTP_ENROLLED, AuditKind.RECOVERY_CODE_USED))
        assertEquals(
            RecoveryFollowUp(true, false),
            follow(AuditKind.RECOVERY_CODE_USED, AuditKind.UNLOCKED, AuditKind.TOTP_ENROLLED),
        )
        assertEquals(
            RecoveryFollowUp(false, true),
            follow(AuditKind.RECOVERY_CODES_RENEWED, AuditKind.RECOVERY_CODE_USED, AuditKind.RECOVERY_CODES_RENEWED),
        )
        assertEquals(
            RecoveryFollowUp(false, false),
            follow(AuditKind.RECOVERY_CODE_USED, AuditKind.TOTP_ENROLLED, AuditKind.RECOVERY_CODES_RENEWED, AuditKind.RECOVERY_CODE_USED),
            "only what followed the newest recovery code counts",
        )
    }

    @Test
    fun `after a recovery unlock, explain, see the steps done on return, dismiss`() {
        wallet.unlockWithRecoveryCode("582039", wallet.recoveryCodes.first())
        security.record(AuditKind.RECOVERY_CODE_USED)
        val p = AfterRecoveryPresenter(wallet, security)
        assertTrue(p.state.loading)
        p.load()
        assertFalse(p.state.loading)
        assertEquals(1, p.state.codesLeft)
        assertEquals(RecoveryFollowUp(false, false), p.state.followUp)
        // The holder opens the switch screen and finishes it, then comes back.
        security.beginAuthenticatorChange("wallet")
        security.confirmAuthenticatorChange(FakeSecurity.NEW_APP_CODE)
        p.load()
        assertEquals(RecoveryFollowUp(true, false), p.state.followUp)
        assertFalse(p.state.allDone)
        security.renewRecoveryCodes().close()
        p.load()
        assertTrue(p.state.allDone)
        assertEquals(2, p.state.codesLeft)
        p.dismiss()
        assertEquals(AfterRecoveryOutcome.DISMISSED, p.state.outcome)
        p.load()
        assertEquals(AfterRecoveryOutcome.DISMISSED, p.state.outcome)
    }

    @Test
    fun `after recovery, a failed read keeps the offers, a lock goes to unlock`() {
        val p = AfterRecoveryPresenter(wallet, security)
        security.nextFailure = WalletFailure.DamagedRecord()
        p.load()
        assertInstanceOf(WalletFailure.DamagedRecord::class.java, p.state.failure)
        assertFalse(p.state.loading)
        assertNull(p.state.outcome)
        p.load()
        assertNull(p.state.failure)
        security.nextFailure = WalletFailure.Locked()
        p.load()
        assertEquals(AfterRecoveryOutcome.LOCKED, p.state.outcome)
        wallet.lock()
        val q = AfterRecoveryPresenter(wallet, security).also { it.load() }
        assertEquals(AfterRecoveryOutcome.LOCKED, q.state.outcome)
    }
}
