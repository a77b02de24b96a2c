package kz.qujat.app.bridge

import kz.qujat.app.logic.onboarding.OnboardingPresenter
import kz.qujat.app.logic.onboarding.OnboardingState
import kz.qujat.app.logic.session.ImportOutcome
import kz.qujat.app.logic.session.ImportTrust
import kz.qujat.app.logic.session.PendingAction
import kz.qujat.app.logic.session.WalletSession
import kz.qujat.core.IssuerTool
import kz.qujat.core.TrustAnchorTool
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The holder's session over the real core: the background lock, the picker's exception, an
 * import that meets the core's lock (explicit or idle) and resumes after a real unlock, and the
 * screen limits the present screen follows.
 */
class RealCoreSessionTest {
    private val clock = MovableClock()
    private val day = 86_400L
    private val anchor = TrustAnchorTool.generate()
    private val issuer = IssuerTool.generate("kz.enu")
    private val trustList = enuTrustList(anchor, issuer, clock)
    private val wallet = testWallet(Fixtures.tempDir().resolve("wallet.db").path, SoftwareKeyWrapper(), clock)
    private val session = WalletSession({ wallet }, { ImportTrust(anchor.publicKey(), trustList) }, clock)
    private val pin = "582039"
    private lateinit var otpauth: String

    private fun onboard() {
        val p = OnboardingPresenter(wallet, CoreRules)
        p.choosePin(pin)
        p.confirmPin(pin)
        otpauth = (p.state as OnboardingState.Authenticator).otpauthUri
        p.authenticatorAdded()
        p.acknowledgeCodes(true)
        p.codesWrittenDown()
        p.submitFirstCode(Authenticator.code(otpauth, clock.now))
        assertEquals(OnboardingState.Done, p.state)
        session.opened()
    }

    private fun unlock() {
        clock.advance(30) // the next authenticator code (a code is accepted once)
        wallet.unlock(pin, Authenticator.code(otpauth, clock.now))
    }

    private fun bundle(): ByteArray =
        issuer.issue(Fixtures.diploma("enu-bachelor-honors"), wallet.holderPublicKey(), 0uL, clock.now - day)

    @Test
    fun `a picker round trip imports without an unlock`() {
        onboard()
        assertFalse(session.gate.isLocked)
        val file = bundle()
        val token = session.expectResult()
        assertTrue(session.backgrounded() != null)
        clock.advance(15)
        session.foregrounded()
        session.resultReturned(token)
        assertTrue(wallet.isUnlocked())
        assertInstanceOf(ImportOutcome.Imported::class.java, session.import(file))
        assertEquals(1, wallet.list().diplomas.size)
    }

    @Test
    fun `the background lock keeps the picked file, imported once after a real unlock`() {
        onboard()
        val file = bundle()
        assertNull(session.backgrounded())
        assertFalse(wallet.isUnlocked())
        session.foregrounded()
        assertEquals(ImportOutcome.WaitingForUnlock, session.import(file))
        unlock()
        val pending = session.unlocked()
        assertInstanceOf(PendingAction.ImportDiploma::class.java, pending)
        assertNull(session.unlocked())
        assertInstanceOf(ImportOutcome.Imported::class.java, session.resume(pending!!))
        assertEquals(1, wallet.list().diplomas.size)
    }

    @Test
    fun `the core's idle timeout is met as Locked and keeps the file too`() {
        onboard()
        val file = bundle()
        clock.advance(3_600) // far past the core's idle timeout
        assertEquals(ImportOutcome.WaitingForUnlock, session.import(file))
        assertTrue(session.gate.isLocked)
        assertTrue(session.check(), "and a check does not reopen it")
    }

    @Test
    fun `the screen limits carry the refresh and PDF numbers of the core`() {
        val l = CoreRules.limits()
        assertEquals(4, l.maxAutoRefreshes)
        assertEquals(30, l.documentDaysDefault)
        assertEquals(90, l.documentDaysMax)
        assertTrue(l.endingSoonSecs in 1 until l.presentationTtlSecs.toLong())
    }
}
