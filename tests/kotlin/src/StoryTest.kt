// The whole story through the generated Kotlin: setup with PIN, TOTP computed here from the
// otpauth URI, confirm, import, list, show, present, verify VALID, tamper → not valid.
package kz.qujat.tests

import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kz.qujat.core.*
import org.junit.jupiter.api.Test

class StoryTest {
    @Test
    fun `setup, confirm, import, present, verify VALID, tamper is refused`() {
        val world = World()
        val keyStore = JvmKeyStore()
        val dir = tempDir()
        val wallet = Wallet.openWithClock("$dir/wallet.db", keyStore, world.clock, testOptions())
        assertEquals(WalletState.UNINITIALIZED, wallet.status().state)

        val enrolment = wallet.setup(PIN, "amina")
        val uri = enrolment.otpauthUri()
        assertTrue(uri.startsWith("otpauth://totp/"), "otpauth URI")
        val codes = enrolment.recoveryCodes()
        assertEquals(10, codes.size)
        assertTrue(codes.all { Regex("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}").matches(it) })
        val holderKey = enrolment.holderPublicKey()
        assertEquals(32, holderKey.size)
        enrolment.close()
        assertEquals(WalletState.ENROLMENT_PENDING, wallet.status().state)
        assertTrue(keyStore.aliases().isNotEmpty(), "the Kotlin key store wrapped the data key")

        val totp = Totp(uri)
        wallet.confirmEnrolment(PIN, totp.code(world.now))
        assertTrue(wallet.isUnlocked())
        assertEquals(WalletState.READY, wallet.status().state)
        assertContentEquals(holderKey, wallet.holderPublicKey())

        val bundle = world.issue(holderKey)
        val summary = wallet.importDiploma(bundle, world.trustList, world.anchor.publicKey())
        assertEquals("kz.enu", summary.issuerId)
        assertEquals(DegreeLevel.BACHELOR, summary.degreeLevel)
        assertTrue(summary.honors)
        assertEquals(64, summary.id.length)
        assertEquals(listOf(summary), wallet.list().diplomas)

        val detail = wallet.show(summary.id, Language.KK)
        assertEquals(summary, detail.summary)
        val name = detail.claims.first { it.id == ClaimId.NAME }
        assertEquals("Тегі, аты", name.label)
        assertIs<ClaimValue.Name>(name.value)

        val request = PresentationRequest(defaultPresentationClaims(Language.EN))
        val p = wallet.present(summary.id, request)
        assertTrue(p.text.startsWith("QJ1:"))
        assertEquals(p.createdAt + 120, p.expiresAt)
        assertEquals(request.claims, p.claims)
        assertEquals(p.qr.width.toInt() * p.qr.width.toInt(), p.qr.modules.size)
        assertTrue(p.qr.svg.startsWith("<svg"))

        val verifier = world.verifier()
        val report = verifier.verify(p.text, null, Language.EN)
        assertEquals(Verdict.Valid, report.verdict, report.verdictCode)
        assertEquals("VALID", report.verdictCode)
        assertTrue(report.authentic)
        assertEquals("kz.enu", report.issuer?.id)
        assertEquals(p.claims.filter { c -> report.notStated.none { it == c } }, report.claims.map { it.id })
        assertFalse(report.claims.any { it.id == ClaimId.IIN }, "IIN is never in the default presentation")
        assertEquals("Name", report.claims.first().label)
        assertEquals(p.expiresAt, report.expiresAt)
        assertNull(report.challenge)

        // One character changed in the middle: never VALID, and no claims shown when not authentic.
        val i = p.text.length / 2
        val swapped = if (p.text[i] == 'A') 'B' else 'A'
        val tampered = p.text.substring(0, i) + swapped + p.text.substring(i + 1)
        val bad = verifier.verify(tampered, null, Language.EN)
        assertNotEquals(Verdict.Valid, bad.verdict)
        if (!bad.authentic) assertTrue(bad.claims.isEmpty())

        wallet.close()
    }

    @Test
    fun `a verifier challenge binds the presentation, once`() {
        val world = World()
        val h = Holder(world)
        val id = h.importEnu().id
        val verifier = world.verifier()
        val challenge = verifier.newChallenge()
        assertTrue(Regex("[0-9]{6}").matches(challenge))
        val p = h.wallet.present(id, PresentationRequest(listOf(ClaimId.NAME, ClaimId.DEGREE_LEVEL), challenge, 60u))
        assertEquals(challenge, p.challenge)
        val ok = verifier.verify(p.text, challenge, Language.RU)
        assertEquals(Verdict.Valid, ok.verdict)
        assertEquals("Фамилия, имя", ok.claims[0].label)
        assertEquals(Verdict.ChallengeReused, verifier.verify(p.text, challenge, Language.RU).verdict)
        val other = if (challenge == "000000") "000001" else "000000"
        assertEquals(Verdict.ChallengeMismatch, verifier.verify(p.text, other, Language.RU).verdict)
    }
}
