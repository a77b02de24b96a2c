package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.unlock.UnlockMessage
import kz.qujat.app.logic.unlock.UnlockOutcome
import kz.qujat.app.logic.unlock.UnlockPresenter
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class UnlockPresenterTest {
    private val clock = TestClock()
    private val wallet = FakeWallet(clock).apply {
        pin = "582039"
        state = WalletState.READY
    }
    private val p = UnlockPresenter(wallet, CoreRules, clock).also { it.refresh() }

    @Test
    fun `PIN and code unlock`() {
        assertTrue(p.state.canSubmit)
        assertFalse(p.state.hadFailures)
        p.submit("582039", "123 456")
        assertEquals(UnlockOutcome.UNLOCKED, p.state.outcome)
        assertTrue(wallet.unlocked)
    }

    @Test
    fun `wrong PIN and wrong code say so, with the attempts left`() {
        p.submit("000000", "123456")
        assertEquals(UnlockMessage.WrongPin(9), p.state.message)
        assertEquals(9, p.state.attemptsLeft)
        assertTrue(p.state.hadFailures)
        p.submit("582039", "999999")
        assertEquals(UnlockMessage.WrongCode(8), p.state.message)
        p.submit("582039", "654321")
        assertEquals(UnlockMessage.CodeAlreadyUsed(8), p.state.message)
        assertEquals(8, p.state.attemptsLeft)
    }

    @Test
    fun `the fifth failure starts a one-minute wait with a countdown, then the core is asked again`() {
        repeat(5) { p.submit("000000", "123456") }
        assertEquals(5, wallet.failures)
        assertEquals(clock.now + 60, p.state.lockedUntil)
        assertEquals(60, p.state.secondsLeft)
        assertFalse(p.state.canSubmit)
        assertEquals("1:00", p.state.countdownText)
        p.submit("582039", "123456")
        assertFalse(wallet.unlocked, "no attempt while the wait is on")
        clock.advance(25)
        p.tick()
        assertEquals(35, p.state.secondsLeft)
        assertEquals("0:35", p.state.countdownText)
        clock.advance(35)
        wallet.passWait()
        p.tick()
        assertEquals(0, p.state.secondsLeft)
        assertNull(p.state.lockedUntil)
        assertTrue(p.state.canSubmit)
        p.submit("582039", "123456")
        assertEquals(UnlockOutcome.UNLOCKED, p.state.outcome)
    }

    @Test
    fun `when the wall clock says the wait is over but the core does not, the screen keeps waiting`() {
        repeat(5) { p.submit("000000", "123456") }
        clock.advance(61) // the wall clock moved, but the core (its clock only moves forward) still refuses
        p.tick()
        assertTrue(p.state.secondsLeft >= 1)
        assertFalse(p.state.canSubmit)
    }

    @Test
    fun `a lockout refused by the core shows its end`() {
        wallet.lockedUntil = clock.now + 300
        p.submit("582039", "123456")
        // refresh() at construction already knew: the screen was locked from the start
        assertFalse(wallet.unlocked)
        val q = UnlockPresenter(wallet, CoreRules, clock)
        q.submit("582039", "123456")
        assertEquals(UnlockMessage.LockedOut, q.state.message)
        assertEquals(clock.now + 300, q.state.lockedUntil)
        assertEquals("5:00", q.state.countdownText)
    }

    @Test
    fun `a recovery code typed in the same field unlocks and is spent`() {
        p.submit("582039", "7k3m q9td 2xwa hf8r")
        assertEquals(UnlockOutcome.UNLOCKED, p.state.outcome)
        assertEquals(listOf("unlock-recovery"), wallet.calls)
        assertFalse("7K3M-Q9TD-2XWA-HF8R" in wallet.recoveryCodes)
        assertTrue(p.state.viaRecoveryCode, "the app goes on to the after-recovery prompt")
    }

    @Test
    fun `an authenticator code is not a recovery unlock`() {
        p.submit("582039", "123456")
        assertEquals(UnlockOutcome.UNLOCKED, p.state.outcome)
        assertFalse(p.state.viaRecoveryCode)
    }

    @Test
    fun `when only a recovery code will do, a TOTP code is not even sent`() {
        wallet.recoveryOnly = true
        p.refresh()
        assertTrue(p.state.recoveryOnly)
        p.submit("582039", "123456")
        assertEquals(UnlockMessage.RecoveryCodeNeeded, p.state.message)
        assertTrue(wallet.calls.isEmpty())
    }

    @Test
    fun `input that is no code, or no PIN, is refused locally`() {
        p.submit("582039", "12 3")
        assertEquals(UnlockMessage.NotACode, p.state.message)
        p.submit("58", "123456")
        assertEquals(UnlockMessage.PinTooShort, p.state.message)
        assertTrue(wallet.calls.isEmpty())
    }

    @Test
    fun `the tenth failure wipes and sends the holder to set-up`() {
        wallet.failures = 9
        p.refresh()
        assertTrue(p.state.finalAttemptsWarning)
        assertEquals(1, p.state.attemptsLeft)
        p.submit("000000", "123456")
        assertEquals(UnlockOutcome.WIPED, p.state.outcome)
        assertFalse(p.state.canSubmit)
    }

    @Test
    fun `a wallet that is not set up goes to onboarding`() {
        wallet.state = WalletState.ENROLMENT_PENDING
        p.refresh()
        assertEquals(UnlockOutcome.NOT_SET_UP, p.state.outcome)
    }
}
