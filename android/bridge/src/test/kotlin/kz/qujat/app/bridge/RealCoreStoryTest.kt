package kz.qujat.app.bridge

import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.Verdict
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.onboarding.OnboardingPresenter
import kz.qujat.app.logic.onboarding.OnboardingState
import kz.qujat.app.logic.onboarding.PinProblem
import kz.qujat.app.logic.port.ImportProblem
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WeakPinReason
import kz.qujat.app.logic.present.PresentPresenter
import kz.qujat.app.logic.present.PresentState
import kz.qujat.app.logic.verify.NextStep
import kz.qujat.app.logic.verify.ScanState
import kz.qujat.app.logic.verify.Tone
import kz.qujat.app.logic.verify.VerdictMessage
import kz.qujat.app.logic.verify.VerifierPresenter
import kz.qujat.core.IssuerTool
import kz.qujat.core.TrustAnchorTool
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The app's logic driving the real core through the generated bindings: set-up with the
 * core's PIN policy and a real TOTP code, import, detail in three languages, presentation with
 * the default claims, and the verifier's screens for VALID, a challenge, EXPIRED, REVOKED and a
 * tampered code.
 */
class RealCoreStoryTest {
    private val clock = MovableClock()
    private val day = 86_400L
    private val anchor = TrustAnchorTool.generate()
    private val issuer = IssuerTool.generate("kz.enu")
    private val trustList = enuTrustList(anchor, issuer, clock)
    private val keys = SoftwareKeyWrapper()
    private val wallet = testWallet(Fixtures.tempDir().resolve("wallet.db").path, keys, clock)

    /** Set up through the onboarding presenter; returns the recovery codes it showed once. */
    private fun onboard(pin: String = "582039"): List<String> {
        val p = OnboardingPresenter(wallet, CoreRules)
        p.choosePin(pin)
        p.confirmPin(pin)
        val auth = assertInstanceOf(OnboardingState.Authenticator::class.java, p.state)
        // The otpauth URI drawn by the core (QrMatrix checks width and module count itself).
        assertTrue((auth.qr?.width ?: 0) >= 21, "no QR symbol for the otpauth URI")
        p.authenticatorAdded()
        val codes = (p.state as OnboardingState.RecoveryCodes).codes
        p.acknowledgeCodes(true)
        p.codesWrittenDown()
        p.submitFirstCode(Authenticator.code(auth.otpauthUri, clock.now))
        assertEquals(OnboardingState.Done, p.state)
        return codes
    }

    private fun issueEnu(): ByteArray =
        issuer.issue(Fixtures.diploma("enu-bachelor-honors"), wallet.holderPublicKey(), 0uL, clock.now - day)

    private fun importEnu(bundle: ByteArray = issueEnu()): String =
        wallet.importDiploma(bundle, trustList, anchor.publicKey()).id

    private fun verifier(revoked: List<ULong> = emptyList()): CoreVerifier = testVerifier(anchor.publicKey(), clock).also {
        it.installTrustList(trustList)
        it.installStatusList(issuer.statusList(16uL, revoked, clock.now - 60, day))
    }

    @Test
    fun `the core's PIN policy reaches the PIN screen`() {
        val p = OnboardingPresenter(wallet, CoreRules)
        p.choosePin("123456")
        p.confirmPin("123456")
        assertEquals(OnboardingState.ChoosePin(PinProblem.Weak(WeakPinReason.Sequence)), p.state)
        p.choosePin("010203")
        p.confirmPin("010203")
        assertInstanceOf(OnboardingState.ChoosePin::class.java, p.state)
        assertEquals(WalletState.UNINITIALIZED, wallet.status().state)
        assertEquals(WeakPinReason.DateLike, wallet.checkPin("250190"))
        assertEquals(null, wallet.checkPin("582039"))
    }

    @Test
    fun `set-up with a real authenticator code unlocks, with ten recovery codes`() {
        val codes = onboard()
        assertEquals(10, codes.size)
        assertTrue(codes.all { Regex("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}").matches(it) })
        assertTrue(wallet.isUnlocked())
        assertEquals(WalletState.READY, wallet.status().state)
        assertFalse(wallet.status().keyStoreHardwareBacked, "the software key store says it is not hardware")
        assertEquals(32, wallet.holderPublicKey().size)
    }

    @Test
    fun `import, list and labels in the holder's language`() {
        onboard()
        val bundle = issueEnu()
        val id = importEnu(bundle)
        val list = wallet.list()
        assertEquals(listOf(id), list.diplomas.map { it.id })
        assertEquals(0, list.damaged)
        val s = list.diplomas.single()
        assertEquals("L.N. Gumilyov ENU", CoreRules.pickText(s.issuerName, Lang.EN))
        assertTrue(s.honors)
        val kk = wallet.show(id, Lang.KK)
        val en = wallet.show(id, Lang.EN)
        assertEquals(kk.claims.map { it.key }, en.claims.map { it.key })
        assertNotEquals(kk.claims.first { it.key == ClaimKey.DEGREE_LEVEL }.label, en.claims.first { it.key == ClaimKey.DEGREE_LEVEL }.label)
        assertTrue(ClaimKey.GPA in en.stated && ClaimKey.IIN in en.stated)
        val again = assertThrows(WalletFailure.ImportRefused::class.java) { importEnu(bundle) }
        assertEquals(ImportProblem.DUPLICATE, again.problem)
        val cut = assertThrows(WalletFailure.ImportRefused::class.java) { importEnu(bundle.copyOf(bundle.size - 1)) }
        assertEquals(ImportProblem.NOT_A_CREDENTIAL, cut.problem)
    }

    @Test
    fun `a presentation with the default claims verifies VALID and shows no IIN, birth date or GPA`() {
        onboard()
        val id = importEnu()
        val present = PresentPresenter(wallet, CoreRules, clock, id, wallet.show(id, Lang.RU), Lang.RU)
        present.present()
        val showing = assertInstanceOf(PresentState.Showing::class.java, present.state)
        assertTrue(showing.presentation.text.startsWith("QJ1:"))
        assertTrue(showing.presentation.qr.version in 1..40)
        assertEquals(120, showing.secondsLeft)

        val scan = VerifierPresenter(verifier(), CoreRules, clock) { Lang.RU }
        scan.onScanned(showing.presentation.text)
        val r = assertInstanceOf(ScanState.Result::class.java, scan.state)
        assertEquals(Verdict.Valid, r.result.verdict)
        assertEquals(Tone.ACCEPT, r.ui.tone)
        assertEquals("verdict_valid", r.result.view.wordingKey)
        assertTrue(r.result.view.answersChallenge && r.ui.accept)
        val shown = r.result.claims.map { it.key }.toSet()
        assertTrue(ClaimKey.NAME in shown && ClaimKey.PROGRAM_RU in shown)
        assertFalse(shown.any { CoreRules.isSensitive(it) })
        assertEquals("ЕНУ им. Л.Н. Гумилёва", r.result.issuerName?.let { CoreRules.pickText(it, Lang.RU) })
    }

    @Test
    fun `a challenge from the verifier, typed by the holder, binds the presentation`() {
        onboard()
        val id = importEnu()
        val scan = VerifierPresenter(verifier(), CoreRules, clock) { Lang.EN }
        scan.newChallenge()
        val challenge = (scan.state as ScanState.Scanning).challenge!!
        assertTrue(Regex("[0-9]{6}").matches(challenge))

        val present = PresentPresenter(wallet, CoreRules, clock, id, wallet.show(id, Lang.EN), Lang.EN)
        present.present() // no challenge: mismatch
        scan.onScanned((present.state as PresentState.Showing).presentation.text)
        assertEquals(Verdict.ChallengeMismatch, (scan.state as ScanState.Result).result.verdict)
        scan.scanAgain()
        assertEquals(challenge, (scan.state as ScanState.Scanning).challenge, "still expected")

        present.stopShowing()
        present.challengeChanged(challenge.chunked(3).joinToString(" "))
        present.present()
        scan.onScanned((present.state as PresentState.Showing).presentation.text)
        assertEquals(Verdict.Valid, (scan.state as ScanState.Result).result.verdict)
    }

    @Test
    fun `an old QR is EXPIRED and amber, and the holder's screen has dropped it`() {
        onboard()
        val id = importEnu()
        val present = PresentPresenter(wallet, CoreRules, clock, id, wallet.show(id, Lang.EN), Lang.EN)
        present.present()
        val text = (present.state as PresentState.Showing).presentation.text
        clock.advance(121)
        present.tick()
        assertInstanceOf(PresentState.Expired::class.java, present.state)
        val scan = VerifierPresenter(verifier(), CoreRules, clock) { Lang.EN }
        scan.onScanned(text)
        val r = scan.state as ScanState.Result
        assertInstanceOf(Verdict.Expired::class.java, r.result.verdict)
        assertEquals(Tone.CAUTION, r.ui.tone)
        assertEquals(VerdictMessage.EXPIRED, r.ui.message)
        assertEquals(NextStep.ASK_FOR_NEW_QR, r.ui.nextStep)
        assertTrue(r.ui.claimsWithCaveat)
        assertFalse(r.ui.accept || r.result.view.answersChallenge)
    }

    @Test
    fun `a revoked diploma is red, a changed character is never green`() {
        onboard()
        val id = importEnu()
        val present = PresentPresenter(wallet, CoreRules, clock, id, wallet.show(id, Lang.EN), Lang.EN)
        present.present()
        val text = (present.state as PresentState.Showing).presentation.text
        val revoked = VerifierPresenter(verifier(revoked = listOf(0uL)), CoreRules, clock) { Lang.EN }
        revoked.onScanned(text)
        assertEquals(Verdict.Revoked, (revoked.state as ScanState.Result).result.verdict)
        assertEquals(Tone.REJECT, (revoked.state as ScanState.Result).ui.tone)

        val i = text.length / 2
        val tampered = text.substring(0, i) + (if (text[i] == 'A') 'B' else 'A') + text.substring(i + 1)
        val scan = VerifierPresenter(verifier(), CoreRules, clock) { Lang.EN }
        scan.onScanned(tampered)
        val r = scan.state as ScanState.Result
        assertFalse(r.ui.accept)
        assertFalse(r.ui.showClaims && r.result.verdict != Verdict.Valid && !r.result.authentic)
    }

    @Test
    fun `the app's verifier file remembers an answered challenge and the newest lists after a restart`() {
        onboard()
        val id = importEnu()
        val dir = Fixtures.tempDir()
        val present = PresentPresenter(wallet, CoreRules, clock, id, wallet.show(id, Lang.EN), Lang.EN)
        present.challengeChanged("135 790")
        present.present()
        val text = (present.state as PresentState.Showing).presentation.text
        testVerifier(dir, anchor.publicKey(), clock).use { v ->
            v.installTrustList(trustList)
            v.installStatusList(issuer.statusList(16uL, emptyList(), clock.now - 60, day))
            assertEquals(Verdict.Valid, v.verify(text, "135790", Lang.EN).verdict)
        }
        // The app restarts: a new object on the same file.
        testVerifier(dir, anchor.publicKey(), clock).use { v ->
            assertEquals(1L, v.trustListInfo()?.sequence)
            assertEquals(Verdict.ChallengeReused, v.verify(text, "135790", Lang.EN).verdict)
            assertThrows(kz.qujat.app.logic.port.VerifierFailure.StatusListRollback::class.java) {
                v.installStatusList(issuer.statusList(16uL, emptyList(), clock.now - 120, day))
            }
        }
        // Another anchor gets its own file (a new anchor needs a new state).
        val other = TrustAnchorTool.generate().publicKey()
        assertNotEquals(CoreVerifier.stateFileName(anchor.publicKey()), CoreVerifier.stateFileName(other))
    }

    @Test
    fun `a verifier without a trust list says so before any scan`() {
        val scan = VerifierPresenter(testVerifier(anchor.publicKey(), clock), CoreRules, clock) { Lang.KK }
        scan.refresh()
        assertEquals(kz.qujat.app.logic.verify.ScanHint.NO_TRUST_LIST, (scan.state as ScanState.Scanning).hint)
        scan.onScanned("QJ1:NOTHING")
        assertFalse((scan.state as ScanState.Result).ui.accept)
    }
}
