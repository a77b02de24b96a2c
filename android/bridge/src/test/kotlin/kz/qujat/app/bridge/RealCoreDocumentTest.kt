package kz.qujat.app.bridge

import java.io.File
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.PresentationKind
import kz.qujat.app.logic.model.Verdict
import kz.qujat.app.logic.verify.KindLine
import kz.qujat.app.logic.verify.NextStep
import kz.qujat.app.logic.verify.Tone
import kz.qujat.app.logic.verify.VerdictMessage
import kz.qujat.app.logic.verify.VerdictUi
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import kz.qujat.core.DocumentPdfRequest
import kz.qujat.core.IssuerTool
import kz.qujat.core.Language
import kz.qujat.core.TrustAnchorTool
import kz.qujat.core.TrustedIssuer
import kz.qujat.core.TrustedKey
import kz.qujat.core.Wallet
import kz.qujat.core.defaultPresentationClaims
import kz.qujat.core.LocalizedText as CoreText
import kz.qujat.core.Verdict as CoreVerdict

private const val DAY = 86_400L

/**
 * A document presentation (the printed or e-mailed copy of docs/FORMAT.md §7.1) through the real
 * core and the app's result model: the barcode of a PDF the wallet made (`Wallet.exportPdf`, read
 * back by [PdfBarcode]), and the §14 test vector `document` for "Kaspi Bank HR" with its anchor,
 * trust list and status list (the core's own document presentation, checked by the Rust tests).
 */
class RealCoreDocumentTest {
    /** The `vectors` block of docs/FORMAT.md §14: `name: value`, long values continued on indented lines. */
    private val vectors: Map<String, String> by lazy {
        val fixtures = File(System.getProperty("qujat.fixtures") ?: "tests/fixtures")
        val doc = File(fixtures.absoluteFile.parentFile.parentFile, "docs/FORMAT.md").readText()
        val block = doc.substringAfter("```vectors\n").substringBefore("```")
        val out = linkedMapOf<String, String>()
        var last: String? = null
        for (line in block.lines()) {
            if (line.isBlank()) continue
            if (line.first().isWhitespace()) {
                out[last!!] = out.getValue(last) + line.trim()
            } else {
                last = line.substringBefore(':')
                out[last] = line.substringAfter(':').trim()
            }
        }
        out
    }

    private fun hex(name: String): ByteArray = vectors.getValue(name).chunked(2).map { it.toInt(16).toByte() }.toByteArray()

    /** A verifier at the vectors' time + 30 s with their trust and status lists, as §14 checks them. */
    private fun verifier(): CoreVerifier {
        val clock = MovableClock(vectors.getValue("time").toLong() + 30)
        return testVerifier(hex("anchor-public"), clock).also {
            it.installTrustList(hex("trust-list"))
            it.installStatusList(hex("status-list"))
        }
    }

    @Test
    fun `a document shown where a challenge was asked is DOCUMENT_NOT_LIVE, red, and its challenge stays usable`() {
        verifier().use { v ->
            val r = v.verify(vectors.getValue("document"), "042917", Lang.EN)
            assertEquals(Verdict.DocumentNotLive, r.verdict)
            assertEquals(PresentationKind.Document("Kaspi Bank HR"), r.kind)
            assertTrue(r.authentic, "a genuine copy: its claims may be shown, beside the refusal")
            val ui = VerdictUi.of(r)
            assertEquals(VerdictMessage.DOCUMENT_NOT_LIVE, ui.message)
            assertEquals(Tone.REJECT, ui.tone)
            assertEquals(NextStep.ASK_FOR_NEW_QR, ui.nextStep)
            assertFalse(ui.accept)
            assertFalse(r.view.answersChallenge)
            assertEquals(KindLine.Document("Kaspi Bank HR", r.createdAt, r.expiresAt), ui.kind)
            // The live code for that challenge is still accepted: the copy did not spend it.
            val live = v.verify(vectors.getValue("presentation-challenge-042917"), "042917", Lang.EN)
            assertEquals(Verdict.Valid, live.verdict)
            assertEquals(KindLine.Live, VerdictUi.of(live).kind)
        }
    }

    @Test
    fun `without a challenge the copy is VALID and the result says for whom, from when, until when`() {
        verifier().use { v ->
            val r = v.verify(vectors.getValue("document"), null, Lang.KK)
            assertEquals(Verdict.Valid, r.verdict)
            val ui = VerdictUi.of(r)
            assertTrue(ui.accept)
            val kind = ui.kind as KindLine.Document
            assertEquals("Kaspi Bank HR", kind.audience)
            assertEquals(vectors.getValue("time").toLong(), kind.madeAt)
            assertEquals(kind.madeAt!! + 30 * 86_400, kind.validUntil)
            // A live code read without a challenge: the live line.
            assertEquals(KindLine.Live, VerdictUi.of(v.verify(vectors.getValue("presentation"), null, Lang.KK)).kind)
            // Unreadable text: no kind at all.
            val junk = v.verify("QJ1:NOTHING", null, Lang.KK)
            assertEquals(null, junk.kind)
            assertEquals(null, VerdictUi.of(junk).kind)
        }
    }

    @Test
    fun `the barcode of the wallet's PDF, checked where a challenge was asked, is DOCUMENT_NOT_LIVE`() {
        val clock = MovableClock()
        val anchor = TrustAnchorTool.generate()
        val enu = IssuerTool.generate("kz.enu")
        val trustList = anchor.signTrustList(
            1uL,
            clock.now - 60,
            clock.now + 30 * DAY,
            listOf(TrustedIssuer("kz.enu", CoreText("ЕҰУ", "ЕНУ", "ENU"), listOf(TrustedKey(enu.publicKey(), clock.now - 365 * DAY, clock.now + 365 * DAY)))),
        )
        val wallet = Wallet.openWithClock(Fixtures.tempDir().resolve("wallet.db").path, KeyStoreBridge(SoftwareKeyWrapper()), clock, testWalletOptions())
        val uri = wallet.setup("582039", "test").use { it.otpauthUri() }
        wallet.confirmEnrolment("582039", Authenticator.code(uri, clock.now))
        val bundle = enu.issue(Fixtures.diploma("enu-bachelor-honors"), wallet.holderPublicKey(), 0uL, clock.now - DAY)
        val id = wallet.importDiploma(bundle, trustList, anchor.publicKey()).id
        val pdf = wallet.exportPdf(id, DocumentPdfRequest("Kaspi Bank HR", defaultPresentationClaims(Language.RU), 30u, Language.RU))
        wallet.close()

        val scanned = PdfBarcode.read(pdf)
        assertTrue(scanned.startsWith("QJ1:"))
        testVerifier(anchor.publicKey(), clock).use { v ->
            v.installTrustList(trustList)
            v.installStatusList(enu.statusList(16uL, emptyList(), clock.now - 60, DAY))
            val challenge = v.newChallenge()
            val live = v.verify(scanned, challenge, Lang.RU)
            assertEquals(Verdict.DocumentNotLive, live.verdict)
            assertEquals(VerdictMessage.DOCUMENT_NOT_LIVE, VerdictUi.of(live).message)
            assertEquals(PresentationKind.Document("Kaspi Bank HR"), live.kind)
            val copy = v.verify(scanned, null, Lang.RU)
            assertEquals(Verdict.Valid, copy.verdict)
            val kind = VerdictUi.of(copy).kind as KindLine.Document
            assertEquals("Kaspi Bank HR", kind.audience)
            assertEquals(clock.now + 30 * DAY, kind.validUntil)
        }
    }

    @Test
    fun `every verdict of the bindings maps to its own app verdict with its format code`() {
        val all = listOf(
            CoreVerdict.Valid, CoreVerdict.Revoked, CoreVerdict.Expired(1), CoreVerdict.NotYetValid(1),
            CoreVerdict.ChallengeMismatch, CoreVerdict.DocumentNotLive, CoreVerdict.ChallengeReused,
            CoreVerdict.UnknownIssuer("kz.x"), CoreVerdict.ForgedIssuerSignature, CoreVerdict.IssuerKeyNotValid,
            CoreVerdict.ForgedHolderSignature, CoreVerdict.DisclosureMismatch, CoreVerdict.TrustListExpired(1),
            CoreVerdict.NoTrustList, CoreVerdict.StatusUnknown, CoreVerdict.StatusStale(1), CoreVerdict.Malformed("BASE45"),
        )
        val variants = CoreVerdict::class.java.declaredClasses.filter { CoreVerdict::class.java.isAssignableFrom(it) }
        assertEquals(variants.size, all.size, "a Verdict variant of the bindings is missing here")
        val codes = all.map { Mapping.verdict(it).code }
        assertEquals(codes.size, codes.toSet().size, "two verdicts map to one")
        assertEquals(Verdict.FORMAT_CODES.toSet(), codes.toSet())
        assertEquals(Verdict.DocumentNotLive, Mapping.verdict(CoreVerdict.DocumentNotLive))
    }
}
