package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.onboarding.FirstCodeProblem
import kz.qujat.app.logic.onboarding.OnboardingPresenter
import kz.qujat.app.logic.onboarding.OnboardingState
import kz.qujat.app.logic.onboarding.PinField
import kz.qujat.app.logic.onboarding.PinProblem
import kz.qujat.app.logic.port.WeakPinReason
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class OnboardingPresenterTest {
    private val clock = TestClock()
    private val wallet = FakeWallet(clock)
    private val p = OnboardingPresenter(wallet, CoreRules)
    private val seen = mutableListOf<OnboardingState>()

    init {
        p.observe { seen += it }
    }

    private fun toCodes() {
        p.choosePin("582039")
        p.confirmPin("582039")
        p.authenticatorAdded()
    }

    @Test
    fun `the whole set-up, in order`() {
        assertEquals(OnboardingState.ChoosePin(), p.state)
        p.choosePin("582039")
        assertEquals(OnboardingState.ConfirmPin, p.state)
        p.confirmPin("582039")
        val auth = assertInstanceOf(OnboardingState.Authenticator::class.java, p.state)
        assertTrue(auth.otpauthUri.startsWith("otpauth://totp/Qujat:wallet"))
        assertNotNull(auth.qr)
        assertTrue(OnboardingState.Working in seen, "progress is shown while the core works")
        p.authenticatorAdded()
        val codes = assertInstanceOf(OnboardingState.RecoveryCodes::class.java, p.state)
        assertEquals(wallet.recoveryCodes, codes.codes)
        assertFalse(codes.acknowledged)
        p.acknowledgeCodes(true)
        p.codesWrittenDown()
        assertEquals(OnboardingState.FirstCode(needsPin = false), p.state)
        p.submitFirstCode("123 456")
        assertEquals(OnboardingState.Done, p.state)
        assertEquals(WalletState.READY, wallet.state)
    }

    @Test
    fun `a mismatched confirmation starts the PIN again and calls nothing`() {
        p.choosePin("582039")
        p.confirmPin("582038")
        assertEquals(OnboardingState.ChoosePin(PinProblem.Mismatch), p.state)
        assertTrue(wallet.calls.isEmpty())
    }

    @Test
    fun `the core's weak-PIN reason comes at the first entry, before set-up`() {
        p.choosePin("123456")
        assertEquals(OnboardingState.ChoosePin(PinProblem.Weak(WeakPinReason.Sequence)), p.state)
        p.choosePin("111111")
        assertEquals(OnboardingState.ChoosePin(PinProblem.Weak(WeakPinReason.Repeated)), p.state)
        assertEquals(listOf(6, 6), wallet.pinChecks)
        assertTrue(wallet.calls.isEmpty(), "no set-up for a PIN the policy refuses")
    }

    @Test
    fun `a refusal at set-up still comes back to the PIN screen`() {
        p.choosePin("582039")
        wallet.weakPins = mapOf("582039" to WeakPinReason.Common) // the policy changed in between
        p.confirmPin("582039")
        assertEquals(OnboardingState.ChoosePin(PinProblem.Weak(WeakPinReason.Common)), p.state)
    }

    @Test
    fun `the field refuses at once what it can tell, with the core's reasons`() {
        p.choosePin("12345")
        assertEquals(OnboardingState.ChoosePin(PinProblem.Weak(WeakPinReason.TooShort(6))), p.state)
        p.choosePin("12a456")
        assertEquals(OnboardingState.ChoosePin(PinProblem.Weak(WeakPinReason.NotDigits)), p.state)
        p.choosePin("1".repeat(17))
        assertEquals(OnboardingState.ChoosePin(PinProblem.Weak(WeakPinReason.TooLong(16))), p.state)
        assertTrue(wallet.calls.isEmpty())
        assertTrue(wallet.pinChecks.isEmpty(), "the field's own rules need no call into the core")
        assertEquals("123456", p.pinField.filter("12-34 56"))
        assertEquals(16, p.pinField.filter("9".repeat(20)).length)
        assertEquals(6, p.pinField.minLength)
    }

    @Test
    fun `recovery codes need the acknowledgement, then are gone for good`() {
        toCodes()
        p.codesWrittenDown()
        assertInstanceOf(OnboardingState.RecoveryCodes::class.java, p.state, "not without the box ticked")
        p.back()
        assertInstanceOf(OnboardingState.Authenticator::class.java, p.state, "back to the QR while codes are in memory")
        p.authenticatorAdded()
        p.acknowledgeCodes(true)
        p.codesWrittenDown()
        assertTrue(wallet.lastEnrolment!!.closed, "the enrolment is released once the codes were acknowledged")
        p.back()
        assertEquals(OnboardingState.FirstCode(needsPin = false), p.state, "no way back to the codes")
    }

    @Test
    fun `a wrong first code shows the attempts left, a malformed one is not sent`() {
        toCodes()
        p.acknowledgeCodes(true)
        p.codesWrittenDown()
        p.submitFirstCode("12345")
        assertEquals(FirstCodeProblem.NotSixDigits, (p.state as OnboardingState.FirstCode).problem)
        assertFalse("confirm" in wallet.calls)
        p.submitFirstCode("000000")
        assertEquals(FirstCodeProblem.Wrong(9), (p.state as OnboardingState.FirstCode).problem)
        p.submitFirstCode("123456")
        assertEquals(OnboardingState.Done, p.state)
    }

    @Test
    fun `resuming an unconfirmed set-up asks for the PIN with the code`() {
        wallet.setup("582039", "wallet")
        assertTrue(OnboardingPresenter.shouldResume(wallet.state))
        val r = OnboardingPresenter(wallet, CoreRules, resuming = true)
        assertEquals(OnboardingState.FirstCode(needsPin = true), r.state)
        r.submitFirstCode("123456")
        assertEquals(FirstCodeProblem.PinRequired, (r.state as OnboardingState.FirstCode).problem)
        r.submitFirstCode("123456", pin = "000000")
        assertEquals(FirstCodeProblem.WrongPin(9), (r.state as OnboardingState.FirstCode).problem)
        r.submitFirstCode("123456", pin = "582039")
        assertEquals(OnboardingState.Done, r.state)
    }

    @Test
    fun `starting over releases the enrolment`() {
        toCodes()
        p.restart()
        assertTrue(wallet.lastEnrolment!!.closed)
        assertEquals(OnboardingState.ChoosePin(), p.state)
    }

    @Test
    fun `states that hold secrets do not print them`() {
        p.choosePin("582039")
        p.confirmPin("582039")
        assertFalse(p.state.toString().contains("JBSWY3DP"))
        p.authenticatorAdded()
        assertFalse(p.state.toString().contains("7K3M"))
        assertFalse(seen.joinToString().contains("582039"))
    }
}
