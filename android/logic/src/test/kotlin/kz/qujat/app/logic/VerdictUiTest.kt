package kz.qujat.app.logic

import java.io.File
import kz.qujat.app.logic.model.PresentationKind
import kz.qujat.app.logic.model.Verdict
import kz.qujat.app.logic.model.VerificationResult
import kz.qujat.app.logic.verify.KindLine
import kz.qujat.app.logic.verify.NextStep
import kz.qujat.app.logic.verify.Tone
import kz.qujat.app.logic.verify.VerdictMessage
import kz.qujat.app.logic.verify.VerdictUi
import kz.qujat.app.logic.verify.VerdictView
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/** The result screen's model for every verdict the core gives, and for every presentation kind. */
class VerdictUiTest {
    /** Every verdict of the app's model with the core's wording key for it (core/src/verifier/verdict_view.rs). */
    private val everyVerdict: List<Pair<Verdict, String>> = listOf(
        Verdict.Valid to "verdict_valid",
        Verdict.Revoked to "verdict_revoked",
        Verdict.Expired(1) to "verdict_expired",
        Verdict.NotYetValid(1) to "verdict_not_yet_valid",
        Verdict.ChallengeMismatch to "verdict_challenge_mismatch",
        Verdict.DocumentNotLive to "verdict_document_not_live",
        Verdict.ChallengeReused to "verdict_challenge_reused",
        Verdict.UnknownIssuer("kz.nowhere") to "verdict_unknown_issuer",
        Verdict.ForgedIssuerSignature to "verdict_forged_issuer",
        Verdict.IssuerKeyNotValid to "verdict_issuer_key_not_valid",
        Verdict.ForgedHolderSignature to "verdict_forged_holder",
        Verdict.DisclosureMismatch to "verdict_disclosure_mismatch",
        Verdict.TrustListExpired(1) to "verdict_trust_list_expired",
        Verdict.NoTrustList to "verdict_no_trust_list",
        Verdict.StatusUnknown to "verdict_status_unknown",
        Verdict.StatusStale(1) to "verdict_status_stale",
        Verdict.Malformed("BASE45") to "verdict_malformed",
    )

    private fun view(key: String, tone: Tone = Tone.REJECT, accept: Boolean = false, authentic: Boolean = true) =
        VerdictView(tone, key, NextStep.DO_NOT_ACCEPT, 42L, accept, authentic, authentic && !accept, accept)

    private fun result(
        verdict: Verdict,
        view: VerdictView,
        kind: PresentationKind? = PresentationKind.Live,
        authentic: Boolean = view.showClaims,
    ) = VerificationResult(
        verdict, kind, view, authentic, null, emptyList(), emptyList(), 1_000L, 2_000L, null, null, 1_500L,
    )

    @Test
    fun `every verdict has its own wording, its format code and never says accept unless VALID`() {
        val subclasses = Verdict::class.java.declaredClasses.filter { Verdict::class.java.isAssignableFrom(it) }
        assertEquals(subclasses.size, everyVerdict.size, "a verdict is missing from this table")
        val messages = mutableSetOf<VerdictMessage>()
        for ((verdict, key) in everyVerdict) {
            val valid = verdict == Verdict.Valid
            val ui = VerdictUi.of(result(verdict, view(key, if (valid) Tone.ACCEPT else Tone.REJECT, accept = valid)))
            assertEquals(key, ui.message.key, verdict.code)
            assertNotEquals(VerdictMessage.UNRECOGNIZED, ui.message, verdict.code)
            assertEquals(verdict.code, ui.code)
            assertTrue(verdict.code in Verdict.FORMAT_CODES, "${verdict.code} is not a docs/FORMAT.md §10 code")
            assertEquals(valid, ui.accept, verdict.code)
            assertEquals(42L, ui.time)
            messages += ui.message
        }
        assertEquals(everyVerdict.size, messages.size, "two verdicts share a wording")
        assertEquals(everyVerdict.map { it.first.code }.toSet(), Verdict.FORMAT_CODES.toSet())
    }

    @Test
    fun `a document shown where a challenge was asked is red, asks for the live code, and keeps its own wording`() {
        val v = VerdictView(Tone.REJECT, "verdict_document_not_live", NextStep.ASK_FOR_NEW_QR, null, false, true, true, false)
        val ui = VerdictUi.of(result(Verdict.DocumentNotLive, v, PresentationKind.Document("Kaspi Bank HR")))
        assertEquals(VerdictMessage.DOCUMENT_NOT_LIVE, ui.message)
        assertEquals(Tone.REJECT, ui.tone)
        assertEquals(NextStep.ASK_FOR_NEW_QR, ui.nextStep)
        assertFalse(ui.accept)
        assertEquals("DOCUMENT_NOT_LIVE", ui.code)
        assertEquals(KindLine.Document("Kaspi Bank HR", 1_000L, 2_000L), ui.kind)
    }

    @Test
    fun `the kind line - live, a copy with its audience and dates, a copy that is not authentic, nothing readable`() {
        val valid = view("verdict_valid", Tone.ACCEPT, accept = true)
        assertEquals(KindLine.Live, VerdictUi.of(result(Verdict.Valid, valid, PresentationKind.Live)).kind)
        assertEquals(
            KindLine.Document("Kaspi Bank HR", 1_000L, 2_000L),
            VerdictUi.of(result(Verdict.Valid, valid, PresentationKind.Document("Kaspi Bank HR"))).kind,
        )
        // A forged copy: the audience is whatever the forger wrote; it is not shown.
        val forged = view("verdict_forged_holder", authentic = false)
        val ui = VerdictUi.of(result(Verdict.ForgedHolderSignature, forged, PresentationKind.Document("Kaspi Bank HR")))
        assertEquals(KindLine.DocumentUnverified, ui.kind)
        assertFalse(ui.toString().contains("Kaspi"))
        assertEquals(KindLine.Live, VerdictUi.of(result(Verdict.ForgedHolderSignature, forged, PresentationKind.Live)).kind)
        assertNull(VerdictUi.of(result(Verdict.Malformed("BASE45"), view("verdict_malformed", Tone.NEUTRAL, authentic = false), null)).kind)
        // The audience may name a person: never printed.
        assertEquals("Document(<audience>)", PresentationKind.Document("Айгерим Нурланова").toString())
        assertEquals("Document(<audience>)", KindLine.Document("Айгерим Нурланова", null, null).toString())
    }

    @Test
    fun `every wording key the core gives has a message in this app, and no message is unknown to the core`() {
        val repo = System.getProperty("qujat.repo")?.let(::File)
        assumeTrue(repo != null, "run through scripts/jvm-test.sh")
        val source = File(repo, "core/src/verifier/verdict_view.rs").readText()
        val coreKeys = Regex(""""(verdict_[a-z_]+)"""").findAll(source).map { it.groupValues[1] }.toSet()
        assertTrue(coreKeys.size >= 18, "the core's keys were not found: $coreKeys")
        for (key in coreKeys) assertNotEquals(VerdictMessage.UNRECOGNIZED, VerdictMessage.ofKey(key), key)
        val appKeys = VerdictMessage.entries.filter { it != VerdictMessage.UNRECOGNIZED }.map { it.key }.toSet()
        assertEquals(coreKeys, appKeys)
    }
}
