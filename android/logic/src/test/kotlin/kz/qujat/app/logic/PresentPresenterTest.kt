package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.present.PresentPresenter
import kz.qujat.app.logic.present.PresentState
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotSame
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class PresentPresenterTest {
    private val clock = TestClock()
    private val wallet = FakeWallet(clock)
    private val detail = FakeWallet.detail(ClaimKey.entries.toSet())

    private fun presenter(lang: Lang = Lang.RU) = PresentPresenter(wallet, CoreRules, clock, FakeWallet.summary.id, detail, lang)

    @Test
    fun `the preselection follows the reader's language`() {
        val p = presenter(Lang.RU)
        val s = p.state as PresentState.Choosing
        assertTrue(s.selection.isSelected(ClaimKey.PROGRAM_RU))
        assertFalse(s.selection.isSelected(ClaimKey.PROGRAM_EN))
        assertFalse(s.selection.includesSensitive)
    }

    @Test
    fun `the QR counts down and is dropped at expiry`() {
        val p = presenter()
        p.present()
        val showing = assertInstanceOf(PresentState.Showing::class.java, p.state)
        assertEquals(120, showing.secondsLeft)
        assertEquals("2:00", showing.countdownText)
        assertEquals(1f, showing.fractionLeft)
        assertFalse(showing.endingSoon)
        assertTrue(showing.autoRefreshLeft)
        // The automatic refresh fails (say, the disk is full): the code stays until it expires.
        wallet.presentFailure = WalletFailure.Internal(kz.qujat.app.logic.port.Fault.STORAGE_FULL)
        clock.advance(110)
        p.tick()
        val late = p.state as PresentState.Showing
        assertEquals(10, late.secondsLeft)
        assertTrue(late.endingSoon)
        assertFalse(late.autoRefreshLeft)
        assertInstanceOf(WalletFailure.Internal::class.java, late.refreshFailure)
        assertSame(showing.presentation, late.presentation)
        clock.advance(10)
        p.tick()
        assertInstanceOf(PresentState.Expired::class.java, p.state)
        assertFalse(p.state.toString().contains("QJ1"))
    }

    @Test
    fun `a new code replaces the old one before it expires, up to the core's maximum, then by hand`() {
        val limits = CoreRules.limits()
        val p = presenter()
        p.challengeChanged("482913")
        p.present()
        var current = (p.state as PresentState.Showing).presentation
        val made = mutableListOf(current)
        repeat(limits.maxAutoRefreshes) {
            // One second before the lead: nothing yet.
            clock.now = current.expiresAt - limits.endingSoonSecs - 1
            p.tick()
            assertSame(current, (p.state as PresentState.Showing).presentation)
            clock.advance(1)
            p.tick()
            val s = p.state as PresentState.Showing
            assertNotSame(current, s.presentation, "renewed at ${limits.endingSoonSecs} s before expiry")
            assertEquals(120, s.secondsLeft)
            assertEquals("482913", s.presentation.challenge, "same challenge, same claims")
            assertEquals(made.first().claims, s.presentation.claims)
            current = s.presentation
            made += current
        }
        val last = p.state as PresentState.Showing
        assertFalse(last.autoRefreshLeft, "the screen now says it will not renew")
        clock.now = current.expiresAt - 1
        p.tick()
        assertSame(current, (p.state as PresentState.Showing).presentation)
        clock.now = current.expiresAt
        p.tick()
        assertInstanceOf(PresentState.Expired::class.java, p.state)
        assertEquals(limits.maxAutoRefreshes + 1, made.size)
        // The holder's tap starts the count again.
        p.stopShowing()
        p.present()
        assertTrue((p.state as PresentState.Showing).autoRefreshLeft)
    }

    @Test
    fun `no tick, no refresh, and a code found expired on return is dropped`() {
        val p = presenter()
        p.present()
        val first = (p.state as PresentState.Showing).presentation
        clock.advance(500) // the screen was not visible: nothing ticked
        p.tick()
        assertInstanceOf(PresentState.Expired::class.java, p.state)
        assertEquals(first.claims, wallet.lastRequest!!.claims)
    }

    @Test
    fun `a lock met by a refresh leaves for unlock`() {
        val p = presenter()
        p.present()
        wallet.presentFailure = WalletFailure.Locked()
        clock.advance(110)
        p.tick()
        val f = assertInstanceOf(PresentState.Failed::class.java, p.state)
        assertInstanceOf(WalletFailure.Locked::class.java, f.failure)
    }

    @Test
    fun `a short lifetime is renewed halfway, not in a loop`() {
        val p = PresentPresenter(wallet, CoreRules, clock, FakeWallet.summary.id, detail, Lang.RU, ttlSecs = 20)
        p.present()
        val first = (p.state as PresentState.Showing).presentation
        p.tick()
        assertSame(first, (p.state as PresentState.Showing).presentation)
        clock.advance(10)
        p.tick()
        assertNotSame(first, (p.state as PresentState.Showing).presentation)
    }

    @Test
    fun `the request carries the chosen claims, the challenge and the lifetime`() {
        val p = presenter()
        p.toggle(ClaimKey.GPA, true)
        assertEquals(ClaimKey.GPA, (p.state as PresentState.Choosing).confirming)
        assertFalse((p.state as PresentState.Choosing).canPresent, "not while the dialog is open")
        p.confirmSensitive()
        p.challengeChanged("482 913")
        p.present()
        val r = wallet.lastRequest!!
        assertTrue(ClaimKey.GPA in r.claims)
        assertFalse(ClaimKey.IIN in r.claims)
        assertEquals("482913", r.challenge)
        assertEquals(120, r.ttlSecs)
    }

    @Test
    fun `a cancelled confirmation leaves the sensitive claim off`() {
        val p = presenter()
        p.toggle(ClaimKey.IIN, true)
        p.cancelSensitive()
        val s = p.state as PresentState.Choosing
        assertNull(s.confirming)
        assertFalse(s.selection.isSelected(ClaimKey.IIN))
    }

    @Test
    fun `a partial challenge blocks presenting, an empty one means none`() {
        val p = presenter()
        p.challengeChanged("4829")
        assertTrue((p.state as PresentState.Choosing).challengeInvalid)
        p.present()
        assertNull(wallet.lastRequest)
        p.challengeChanged("")
        p.present()
        assertNull(wallet.lastRequest!!.challenge)
    }

    @Test
    fun `a new QR after expiry keeps the choice and the challenge`() {
        val p = presenter()
        p.toggle(ClaimKey.NAME, false)
        p.challengeChanged("482913")
        p.present()
        clock.advance(200)
        p.tick()
        p.stopShowing()
        val s = p.state as PresentState.Choosing
        assertFalse(s.selection.isSelected(ClaimKey.NAME))
        assertEquals("482913", s.challengeInput)
    }

    @Test
    fun `a wallet that locked itself meanwhile is reported, not swallowed`() {
        wallet.presentFailure = WalletFailure.Locked()
        val p = presenter()
        p.present()
        val f = assertInstanceOf(PresentState.Failed::class.java, p.state)
        assertInstanceOf(WalletFailure.Locked::class.java, f.failure)
    }

    @Test
    fun `countdown formatting`() {
        assertEquals("0:00", CoreRules.formatCountdown(-5))
        assertEquals("0:09", CoreRules.formatCountdown(9))
        assertEquals("10:00", CoreRules.formatCountdown(600))
        assertEquals("1:00:00", CoreRules.formatCountdown(3600))
        assertEquals(0L, CoreRules.secondsLeft(10, 20))
        assertEquals(0.5f, CoreRules.fractionLeft(60, 120))
        assertEquals(0f, CoreRules.fractionLeft(5, 0))
    }
}
