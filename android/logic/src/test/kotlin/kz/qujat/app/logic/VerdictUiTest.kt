package kz.qujat.app.logic

import java.io.File
import kz.qujat.app.logic.model.Verdict
import kz.qujat.app.logic.verify.NextStep
import kz.qujat.app.logic.verify.Tone
import kz.qujat.app.logic.verify.VerdictMessage
import kz.qujat.app.logic.verify.VerdictUi
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

class VerdictUiTest {
    /** One instance of every verdict, with whether the core calls it authentic (FORMAT.md §10). */
    private val every: List<Pair<Verdict, Boolean>> = listOf(
        Verdict.Valid to true,
        Verdict.Revoked to true,
        Verdict.Expired(100) to true,
        Verdict.NotYetValid(200) to true,
        Verdict.ChallengeMismatch to true,
        Verdict.ChallengeReused to true,
        Verdict.UnknownIssuer("kz.fake") to false,
        Verdict.ForgedIssuerSignature to false,
        Verdict.IssuerKeyNotValid to false,
        Verdict.ForgedHolderSignature to false,
        Verdict.DisclosureMismatch to false,
        Verdict.TrustListExpired(300) to false,
        Verdict.NoTrustList to false,
        Verdict.StatusUnknown to true,
        Verdict.StatusStale(400) to true,
        Verdict.Malformed("base45") to false,
    )

    @Test
    fun `every code of the format has its own wording`() {
        val codes = every.map { it.first.code }
        assertEquals(Verdict.FORMAT_CODES.toSet(), codes.toSet())
        val messages = every.map { VerdictUi.of(it.first, it.second).message }
        assertEquals(messages.size, messages.toSet().size, "no two verdicts share a wording")
        assertEquals(VerdictMessage.entries.toSet() - VerdictMessage.UNRECOGNIZED, messages.toSet())
    }

    @Test
    fun `the codes are exactly those docs FORMAT md lists in section 10`() {
        val repo = System.getProperty("qujat.repo")
        assumeTrue(repo != null, "run through scripts/android-logic-test.sh to check against the document")
        val text = File(repo, "docs/FORMAT.md").readText()
        val section = text.substringAfter("## 10.").substringBefore("## 11.")
        val documented = Regex("`([A-Z_]+)`").findAll(section).map { it.groupValues[1] }
            .filter { it.length > 4 && !it.endsWith("_") }.toSet()
        assertEquals(Verdict.FORMAT_CODES.toSet(), documented)
    }

    @Test
    fun `only VALID is green and says accept`() {
        for ((v, authentic) in every) {
            val ui = VerdictUi.of(v, authentic)
            assertEquals(v == Verdict.Valid, ui.accept, v.code)
            assertEquals(v == Verdict.Valid, ui.tone == Tone.ACCEPT, v.code)
        }
    }

    @Test
    fun `forgeries, revocation and replays are red and say do not accept or ask again`() {
        val red = listOf(
            Verdict.Revoked, Verdict.ChallengeMismatch, Verdict.ChallengeReused, Verdict.UnknownIssuer("x"),
            Verdict.ForgedIssuerSignature, Verdict.IssuerKeyNotValid, Verdict.ForgedHolderSignature,
            Verdict.DisclosureMismatch,
        )
        for (v in red) {
            val ui = VerdictUi.of(v, authentic = false)
            assertEquals(Tone.REJECT, ui.tone, v.code)
            assertTrue(ui.nextStep == NextStep.DO_NOT_ACCEPT || ui.nextStep == NextStep.ASK_FOR_NEW_QR, v.code)
        }
    }

    @Test
    fun `genuine but unsure is amber, the verifier's own gaps are grey`() {
        assertEquals(Tone.CAUTION, VerdictUi.of(Verdict.Expired(1), true).tone)
        assertEquals(NextStep.ASK_FOR_NEW_QR, VerdictUi.of(Verdict.Expired(1), true).nextStep)
        assertEquals(Tone.CAUTION, VerdictUi.of(Verdict.StatusStale(1), true).tone)
        assertEquals(Tone.CAUTION, VerdictUi.of(Verdict.StatusUnknown, true).tone)
        assertEquals(NextStep.CHECK_CLOCKS, VerdictUi.of(Verdict.NotYetValid(1), true).nextStep)
        assertEquals(Tone.NEUTRAL, VerdictUi.of(Verdict.NoTrustList, false).tone)
        assertEquals(NextStep.UPDATE_TRUST_DATA, VerdictUi.of(Verdict.TrustListExpired(1), false).nextStep)
        assertEquals(NextStep.SCAN_AGAIN, VerdictUi.of(Verdict.Malformed("zlib"), false).nextStep)
    }

    @Test
    fun `claims show only when authentic, and under a caveat unless VALID`() {
        val valid = VerdictUi.of(Verdict.Valid, true)
        assertTrue(valid.showClaims)
        assertFalse(valid.claimsWithCaveat)
        val revoked = VerdictUi.of(Verdict.Revoked, true)
        assertTrue(revoked.showClaims)
        assertTrue(revoked.claimsWithCaveat)
        assertFalse(VerdictUi.of(Verdict.ForgedHolderSignature, false).showClaims)
    }

    @Test
    fun `the time a verdict mentions is carried to the screen`() {
        assertEquals(100L, VerdictUi.of(Verdict.Expired(100), true).time)
        assertEquals(200L, VerdictUi.of(Verdict.NotYetValid(200), true).time)
        assertEquals(300L, VerdictUi.of(Verdict.TrustListExpired(300), false).time)
        assertEquals(400L, VerdictUi.of(Verdict.StatusStale(400), true).time)
    }

    @Test
    fun `a verdict newer than the app is never accepted`() {
        val ui = VerdictUi.of(Verdict.Unrecognized("FUTURE_THING"), authentic = false)
        assertFalse(ui.accept)
        assertEquals(Tone.NEUTRAL, ui.tone)
        assertEquals(NextStep.UPDATE_APP, ui.nextStep)
        assertEquals("FUTURE_THING", ui.code)
    }
}
