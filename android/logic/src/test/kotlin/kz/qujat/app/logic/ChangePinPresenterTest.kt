package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.AuditKind
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.KeyStoreFault
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WeakPinReason
import kz.qujat.app.logic.security.ChangePinOutcome
import kz.qujat.app.logic.security.ChangePinPresenter
import kz.qujat.app.logic.security.ChangePinProblem
import kz.qujat.app.logic.unlock.UnlockMessage
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ChangePinPresenterTest {
    private val clock = TestClock()
    private val wallet = FakeWallet(clock).apply {
        pin = OLD
        state = WalletState.READY
        unlocked = true
    }
    private val security = FakeSecurity(wallet, clock)
    private val p = ChangePinPresenter(wallet, security, CoreRules, clock).also { it.refresh() }

    private fun submit(current: String = OLD, code: String = "123456", new: String = NEW, again: String = new) =
        p.submit(current, code, new, again)

    @Test
    fun `current PIN, code and the new PIN twice change it`() {
        assertTrue(p.state.canSubmit)
        assertFalse(p.state.gate.hadFailures)
        submit(code = "123 456")
        assertEquals(ChangePinOutcome.CHANGED, p.state.outcome)
        assertEquals(NEW, wallet.pin)
        assertEquals(listOf(AuditKind.PIN_CHANGED), security.audit.map { it.kind })
        assertFalse(p.state.canSubmit, "nothing more to send")
    }

    @Test
    fun `the core's PIN policy judges the new PIN while it is typed`() {
        p.newPinTyped("12")
        assertNull(p.state.newPinProblem, "too short to judge yet")
        p.newPinTyped("123456")
        assertEquals(WeakPinReason.Sequence, p.state.newPinProblem)
        p.newPinTyped("111111")
        assertEquals(WeakPinReason.Repeated, p.state.newPinProblem)
        p.newPinTyped("12345678901234567")
        assertEquals(WeakPinReason.TooLong(16), p.state.newPinProblem)
        p.newPinTyped(NEW)
        assertNull(p.state.newPinProblem)
        assertTrue(security.calls.isEmpty(), "judging a PIN calls nothing that counts")
    }

    @Test
    fun `the form is checked before anything is sent`() {
        submit(current = "58")
        assertEquals(ChangePinProblem.CurrentPinMissing, p.state.problem)
        submit(code = "12345")
        assertEquals(ChangePinProblem.CodeNotSixDigits, p.state.problem)
        submit(code = "7K3M-Q9TD-2XWA-HF8R")
        assertEquals(ChangePinProblem.CodeNotSixDigits, p.state.problem, "a recovery code cannot change the PIN")
        submit(new = "111111")
        assertEquals(ChangePinProblem.WeakNewPin(WeakPinReason.Repeated), p.state.problem)
        assertEquals(WeakPinReason.Repeated, p.state.newPinProblem)
        submit(new = "73a418")
        assertEquals(ChangePinProblem.WeakNewPin(WeakPinReason.NotDigits), p.state.problem)
        submit(new = "7304", again = "7304")
        assertEquals(ChangePinProblem.WeakNewPin(WeakPinReason.TooShort(6)), p.state.problem)
        submit(again = "730419")
        assertEquals(ChangePinProblem.Mismatch, p.state.problem)
        assertTrue(security.calls.isEmpty())
        assertEquals(OLD, wallet.pin)
    }

    @Test
    fun `wrong PIN, wrong code and a replayed code say so, with the attempts left`() {
        submit(current = "000000")
        assertEquals(ChangePinProblem.Gate(UnlockMessage.WrongPin(9)), p.state.problem)
        assertEquals(9, p.state.gate.attemptsLeft)
        assertTrue(p.state.gate.hadFailures)
        submit(code = "999999")
        assertEquals(ChangePinProblem.Gate(UnlockMessage.WrongCode(8)), p.state.problem)
        submit(code = "654321")
        assertEquals(ChangePinProblem.Gate(UnlockMessage.CodeAlreadyUsed(8)), p.state.problem)
        assertEquals(8, p.state.gate.attemptsLeft, "a replay is not counted")
        assertFalse(p.state.gate.finalAttemptsWarning)
        assertEquals(OLD, wallet.pin)
    }

    @Test
    fun `the fifth failure starts a wait with a countdown, the core is asked again when it ends`() {
        repeat(5) { submit(current = "000000") }
        assertEquals(clock.now + 60, p.state.gate.lockedUntil)
        assertEquals(60, p.state.gate.secondsLeft)
        assertEquals("1:00", p.state.gate.countdownText)
        assertFalse(p.state.canSubmit)
        submit()
        assertEquals(5, security.calls.size, "nothing is sent during a wait")
        clock.advance(45)
        p.tick()
        assertEquals("0:15", p.state.gate.countdownText)
        clock.advance(15)
        p.tick() // the wall clock says it is over, but the core still holds the wait
        assertEquals(1, p.state.gate.secondsLeft, "the core decides, not the wall clock")
        wallet.passWait()
        p.tick()
        assertTrue(p.state.canSubmit)
        submit()
        assertEquals(ChangePinOutcome.CHANGED, p.state.outcome)
    }

    @Test
    fun `a wait met on submit is shown with its end`() {
        wallet.lockedUntil = clock.now + 300 // started elsewhere, not yet read by the screen
        submit()
        assertEquals(ChangePinProblem.Gate(UnlockMessage.LockedOut), p.state.problem)
        assertEquals(300, p.state.gate.secondsLeft)
        wallet.passWait()
        clock.advance(300)
        p.tick()
        assertNull(p.state.problem, "the wait is over: its message goes")
        assertTrue(p.state.canSubmit)
    }

    @Test
    fun `few attempts left warn, and the last failure wipes`() {
        wallet.failures = 7
        p.refresh()
        assertEquals(3, p.state.gate.attemptsLeft)
        assertTrue(p.state.gate.finalAttemptsWarning)
        wallet.failures = 9
        wallet.lockedUntil = null
        submit(current = "000000")
        assertEquals(ChangePinOutcome.WIPED, p.state.outcome)
    }

    @Test
    fun `recovery-only, the form says how to get out, with or without asking the core`() {
        wallet.recoveryOnly = true
        submit()
        assertEquals(ChangePinProblem.RecoveryCodeRequired, p.state.problem)
        assertEquals(listOf("changePin"), security.calls, "the screen did not know yet")
        assertTrue(p.state.gate.recoveryOnly)
        submit()
        assertEquals(1, security.calls.size, "now it knows")
        val fresh = ChangePinPresenter(wallet, security, CoreRules, clock).also { it.refresh() }
        fresh.submit(OLD, "123456", NEW, NEW)
        assertEquals(ChangePinProblem.RecoveryCodeRequired, fresh.state.problem)
        assertEquals(1, security.calls.size)
    }

    @Test
    fun `a locked session goes to unlock, on showing or on sending`() {
        wallet.unlocked = false
        p.refresh()
        assertEquals(ChangePinOutcome.LOCKED, p.state.outcome)
        val q = ChangePinPresenter(wallet.apply { unlocked = true }, security, CoreRules, clock).also { it.refresh() }
        security.nextFailure = WalletFailure.Locked()
        q.submit(OLD, "123456", NEW, NEW)
        assertEquals(ChangePinOutcome.LOCKED, q.state.outcome)
    }

    @Test
    fun `a wallet that is gone sends the holder to set-up`() {
        for (f in listOf(WalletFailure.Wiped(), WalletFailure.NotInitialized(), WalletFailure.EnrolmentPending())) {
            val q = ChangePinPresenter(wallet, security, CoreRules, clock).also { it.refresh() }
            security.nextFailure = f
            q.submit(OLD, "123456", NEW, NEW)
            assertEquals(ChangePinOutcome.WIPED, q.state.outcome, f.toString())
        }
        wallet.state = WalletState.WIPED
        val r = ChangePinPresenter(wallet, security, CoreRules, clock).also { it.refresh() }
        assertEquals(ChangePinOutcome.WIPED, r.state.outcome)
    }

    @Test
    fun `every other refusal has its own message`() {
        val expected = listOf(
            WalletFailure.WeakPin(WeakPinReason.Common) to ChangePinProblem.WeakNewPin(WeakPinReason.Common),
            WalletFailure.MalformedCode() to ChangePinProblem.CodeNotSixDigits,
            WalletFailure.KeyStore(KeyStoreFault.KEY_INVALIDATED) to
                ChangePinProblem.Gate(UnlockMessage.KeyStoreProblem(KeyStoreFault.KEY_INVALIDATED)),
            WalletFailure.Integrity() to ChangePinProblem.Gate(UnlockMessage.Damaged),
            WalletFailure.DamagedRecord() to ChangePinProblem.Gate(UnlockMessage.Damaged),
            WalletFailure.ReplacedByOlderCopy() to ChangePinProblem.Gate(UnlockMessage.ReplacedByOlderCopy),
            WalletFailure.Internal(Fault.STORAGE_FULL) to ChangePinProblem.Gate(UnlockMessage.Internal(Fault.STORAGE_FULL)),
            WalletFailure.Internal(Fault.KDF) to ChangePinProblem.Gate(UnlockMessage.Internal(Fault.KDF)),
            WalletFailure.NotFound() to ChangePinProblem.Gate(UnlockMessage.Internal(Fault.UNEXPECTED)),
        )
        for ((failure, problem) in expected) {
            security.nextFailure = failure
            submit()
            assertEquals(problem, p.state.problem, failure.toString())
            assertFalse(p.state.busy)
            assertNull(p.state.outcome)
        }
        assertEquals(OLD, wallet.pin)
        submit()
        assertEquals(ChangePinOutcome.CHANGED, p.state.outcome, "a retry after any of them works")
    }

    @Test
    fun `states carry no secret`() {
        val seen = mutableListOf<String>()
        p.observe { seen += it.toString() }
        p.newPinTyped("123456")
        submit(current = "000000")
        submit()
        assertTrue(seen.none { OLD in it || NEW in it || "123456" in it }, seen.joinToString())
    }

    private companion object {
        const val OLD = "582039"
        const val NEW = "730418"
    }
}
