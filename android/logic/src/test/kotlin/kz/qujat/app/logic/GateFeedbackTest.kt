package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.model.WalletStatus
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.ImportProblem
import kz.qujat.app.logic.port.KeyStoreFault
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.unlock.GateCounter
import kz.qujat.app.logic.unlock.GateFeedback
import kz.qujat.app.logic.unlock.UnlockMessage
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The gate's feedback shared by unlock and change PIN. */
class GateFeedbackTest {
    private val clock = TestClock()
    private val f = GateFeedback(CoreRules, clock)

    private fun status(failures: Int, until: Long?, recoveryOnly: Boolean = false) =
        WalletStatus(WalletState.READY, failures, 10 - failures, until, recoveryOnly, keyStoreHardwareBacked = true)

    @Test
    fun `every refusal has its message`() {
        val cases = mapOf(
            WalletFailure.WrongPin(4) to UnlockMessage.WrongPin(4),
            WalletFailure.WrongCode(3) to UnlockMessage.WrongCode(3),
            WalletFailure.CodeReplayed(3) to UnlockMessage.CodeAlreadyUsed(3),
            WalletFailure.MalformedCode() to UnlockMessage.NotACode,
            WalletFailure.RecoveryCodeRequired() to UnlockMessage.RecoveryCodeNeeded,
            WalletFailure.LockedOut(1, 1) to UnlockMessage.LockedOut,
            WalletFailure.KeyStore(KeyStoreFault.IO) to UnlockMessage.KeyStoreProblem(KeyStoreFault.IO),
            WalletFailure.Integrity() to UnlockMessage.Damaged,
            WalletFailure.DamagedRecord() to UnlockMessage.Damaged,
            WalletFailure.DiplomaSetChanged(1, 0) to UnlockMessage.Damaged,
            WalletFailure.ReplacedByOlderCopy() to UnlockMessage.ReplacedByOlderCopy,
            WalletFailure.Internal(Fault.RANDOM) to UnlockMessage.Internal(Fault.RANDOM),
            WalletFailure.ImportRefused(ImportProblem.DUPLICATE) to UnlockMessage.Internal(Fault.UNEXPECTED),
        )
        for ((e, m) in cases) assertEquals(m, GateFeedback.message(e), e.toString())
        assertTrue(GateFeedback.counted(WalletFailure.CodeReplayed(3)))
        assertFalse(GateFeedback.counted(WalletFailure.LockedOut(1, 1)))
    }

    @Test
    fun `counter from the status, after failures, and its countdown`() {
        val c = f.of(status(5, clock.now + 90))
        assertEquals(GateCounter(5, true, clock.now + 90, 90, "1:30"), c)
        assertTrue(c.waiting)
        clock.advance(89)
        assertEquals(1, f.tick(c)?.secondsLeft)
        clock.advance(1)
        assertNull(f.tick(c), "over by the wall clock: ask the core")
        assertEquals(1, f.of(status(5, clock.now - 10)).secondsLeft, "the core still says wait (clock set back)")
        val none = f.of(status(0, null))
        assertFalse(none.waiting)
        assertEquals(none, f.tick(none))
        assertEquals(GateCounter(attemptsLeft = 9, hadFailures = true), f.afterFailure(GateCounter(), WalletFailure.WrongPin(9)))
        assertEquals(GateCounter(attemptsLeft = 9), f.afterFailure(GateCounter(), WalletFailure.CodeReplayed(9)))
        assertTrue(f.afterFailure(GateCounter(), WalletFailure.RecoveryCodeRequired()).recoveryOnly)
        val waited = f.afterFailure(GateCounter(), WalletFailure.LockedOut(clock.now + 300, 300))
        assertEquals("5:00", waited.countdownText)
        assertTrue(f.of(status(10, null, recoveryOnly = true)).finalAttemptsWarning)
    }
}
