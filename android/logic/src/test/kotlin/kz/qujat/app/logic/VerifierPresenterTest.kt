package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.HeldStatusList
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.PresentationKind
import kz.qujat.app.logic.model.StatusFreshness
import kz.qujat.app.logic.model.TrustListInfo
import kz.qujat.app.logic.model.VerificationResult
import kz.qujat.app.logic.model.Verdict
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.app.logic.verify.ScanHint
import kz.qujat.app.logic.verify.ScanState
import kz.qujat.app.logic.verify.NextStep
import kz.qujat.app.logic.verify.Tone
import kz.qujat.app.logic.verify.VerdictMessage
import kz.qujat.app.logic.verify.VerdictView
import kz.qujat.app.logic.verify.VerifierPresenter
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class VerifierPresenterTest {
    private class FakeVerifier(private val clock: TestClock) : VerifierPort {
        var next: Verdict = Verdict.Valid

        /** The core's view of [next] (the table itself is the core's, tested in Rust and through the bridge). */
        var view = VALID_VIEW
        var trusted = true
        val verified = mutableListOf<Pair<String, String?>>()
        var lang: Lang? = null
        var failure: VerifierFailure? = null

        override fun installTrustList(bytes: ByteArray) = TrustListInfo(1, 0, 0, 1)
        override fun trustListInfo(): TrustListInfo? = if (trusted) TrustListInfo(1, 0, Long.MAX_VALUE, 3) else null
        override fun installStatusList(bytes: ByteArray) = StatusFreshness(0, 0, 0)
        override fun statusLists(): List<HeldStatusList> = emptyList()
        override fun newChallenge(): String = "482913"
        override fun verify(text: String, expectedChallenge: String?, lang: Lang): VerificationResult {
            verified += text to expectedChallenge
            this.lang = lang
            val authentic = next !is Verdict.Malformed
            failure?.let { throw it }
            return VerificationResult(
                next, PresentationKind.Live, view, authentic, null, emptyList(), emptyList(), null, null, expectedChallenge, null, clock.now,
            )
        }
    }

    private val clock = TestClock()
    private val verifier = FakeVerifier(clock)
    private val p = VerifierPresenter(verifier, CoreRules, clock) { Lang.KK }

    @Test
    fun `a scan gives a result in the reader's language`() {
        assertTrue(p.onScanned("QJ1:ABC"))
        val r = assertInstanceOf(ScanState.Result::class.java, p.state)
        assertEquals(Tone.ACCEPT, r.ui.tone)
        assertEquals(Lang.KK, verifier.lang)
    }

    @Test
    fun `codes that are not Qujat's are not sent to the core`() {
        assertFalse(p.onScanned("https://example.org/menu"))
        assertEquals(ScanState.Scanning(hint = ScanHint.NOT_A_QUJAT_CODE), p.state)
        assertTrue(verifier.verified.isEmpty())
    }

    @Test
    fun `while a result is shown, further reads are ignored`() {
        p.onScanned("QJ1:ABC")
        assertFalse(p.onScanned("QJ1:DEF"))
        assertEquals(1, verifier.verified.size)
    }

    @Test
    fun `after scan again, the same code is ignored for a while, another one is not`() {
        p.onScanned("QJ1:ABC")
        p.scanAgain()
        assertFalse(p.onScanned("QJ1:ABC"))
        assertTrue(p.onScanned("QJ1:DEF"))
        p.scanAgain()
        clock.advance(CoreRules.limits().rescanQuietSecs)
        assertTrue(p.onScanned("QJ1:DEF"))
    }

    @Test
    fun `a challenge is expected in the scans and dropped once answered`() {
        p.newChallenge()
        assertEquals("482913", (p.state as ScanState.Scanning).challenge)
        p.onScanned("QJ1:ABC")
        assertEquals("QJ1:ABC" to "482913", verifier.verified.last())
        p.scanAgain()
        assertNull((p.state as ScanState.Scanning).challenge, "VALID consumed it")
    }

    @Test
    fun `a challenge survives an expired presentation, so the holder can present again for it`() {
        p.newChallenge()
        verifier.next = Verdict.Expired(clock.now - 5)
        verifier.view = VerdictView(Tone.CAUTION, "verdict_expired", NextStep.ASK_FOR_NEW_QR, clock.now - 5, false, true, true, false)
        p.onScanned("QJ1:OLD")
        assertEquals(Tone.CAUTION, (p.state as ScanState.Result).ui.tone)
        p.scanAgain()
        assertEquals("482913", (p.state as ScanState.Scanning).challenge)
    }

    @Test
    fun `a wording this app does not know is never accepted and asks for an update`() {
        verifier.view = VALID_VIEW.copy(wordingKey = "verdict_from_the_future")
        p.onScanned("QJ1:NEW")
        val ui = (p.state as ScanState.Result).ui
        assertEquals(VerdictMessage.UNRECOGNIZED, ui.message)
        assertFalse(ui.accept)
        assertEquals(Tone.NEUTRAL, ui.tone)
        assertEquals(NextStep.UPDATE_APP, ui.nextStep)
    }

    @Test
    fun `without a trust list the viewfinder says so`() {
        verifier.trusted = false
        p.refresh()
        assertEquals(ScanHint.NO_TRUST_LIST, (p.state as ScanState.Scanning).hint)
        assertNull((p.state as ScanState.Scanning).trustList)
    }

    @Test
    fun `the trust list held shows under the viewfinder, and again after scan again`() {
        p.refresh()
        assertEquals(TrustListInfo(1, 0, Long.MAX_VALUE, 3), (p.state as ScanState.Scanning).trustList)
        assertNull((p.state as ScanState.Scanning).hint)
        val seen = mutableListOf<ScanState>()
        p.observe { seen += it }.use { p.onScanned("QJ1:ABC") }
        assertEquals(ScanState.Verifying(null, TrustListInfo(1, 0, Long.MAX_VALUE, 3)), seen.first { it is ScanState.Verifying })
        verifier.trusted = false // the lists screen could not have removed it, but the state file could be gone
        p.scanAgain()
        val s = p.state as ScanState.Scanning
        assertNull(s.trustList)
        assertEquals(ScanHint.NO_TRUST_LIST, s.hint)
    }

    @Test
    fun `a verification the state cannot record is a failure to show, not a crash, and nothing is remembered`() {
        p.newChallenge()
        verifier.failure = VerifierFailure.StateUnavailable()
        assertFalse(p.onScanned("QJ1:ABC"))
        val f = assertInstanceOf(ScanState.Failed::class.java, p.state)
        assertInstanceOf(VerifierFailure.StateUnavailable::class.java, f.failure)
        assertFalse(p.onScanned("QJ1:ABC"), "ignored while the failure shows")
        verifier.failure = null
        p.scanAgain()
        assertTrue(p.onScanned("QJ1:ABC"), "the same code is checked again at once: it was never verified")
    }

    @Test
    fun `results do not print personal data`() {
        p.onScanned("QJ1:ABC")
        assertEquals("Result(VALID)", p.state.toString())
    }

    private companion object {
        val VALID_VIEW = VerdictView(Tone.ACCEPT, "verdict_valid", NextStep.NONE, null, true, true, false, true)
    }
}
