// The Verifier object: installing lists, its errors, and each verdict a screen must show.
package kz.qujat.tests

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kz.qujat.core.*
import org.junit.jupiter.api.Test

class VerifierTest {
    private val world = World()
    private val holder = Holder(world)
    private val id = holder.importEnu().id

    private fun present(ttl: UInt = 120u, claims: List<ClaimId> = allClaims()) =
        holder.wallet.present(id, PresentationRequest(claims, null, ttl)).text

    @Test
    fun `statusLists - the held lists by issuer, with their age now`() {
        val v = Verifier.withClock(world.anchor.publicKey(), world.clock)
        assertEquals(emptyList<HeldStatusList>(), v.statusLists())
        v.installTrustList(world.trustList)
        val fresh = v.installStatusList(world.statusList())
        assertEquals(listOf(HeldStatusList("kz.enu", fresh)), v.statusLists())
        world.clock.advance(DAY)
        val aged = v.statusLists().single().freshness
        assertEquals(fresh.listIssuedAt, aged.listIssuedAt)
        assertEquals(fresh.ageSecs + DAY, aged.ageSecs)
    }

    @Test
    fun `lists - install, info, rollback and bad input are typed errors`() {
        val v = Verifier.withClock(world.anchor.publicKey(), world.clock)
        assertNull(v.trustListInfo())
        assertFailsWith<VerifierException.NoTrustList> { v.installStatusList(world.statusList()) }
        val info = v.installTrustList(world.trustList)
        assertEquals(1uL, info.sequence)
        assertEquals(1u, info.issuers)
        assertEquals(info, v.trustListInfo())
        assertFailsWith<VerifierException.TrustListInvalid> { v.installTrustList(byteArrayOf(0x42)) }
        val otherAnchor = TrustAnchorTool.generate()
        val foreign = otherAnchor.signTrustList(9uL, world.now, world.now + DAY, listOf(world.accredit(world.enu)))
        assertFailsWith<VerifierException.TrustListInvalid> { v.installTrustList(foreign) }
        val seq2 = world.trustListOf(listOf(world.enu), sequence = 2uL)
        assertEquals(2uL, v.installTrustList(seq2).sequence)
        val rollback = assertFailsWith<VerifierException.TrustListRollback> { v.installTrustList(world.trustList) }
        assertEquals(1uL, rollback.offered)
        assertEquals(2uL, rollback.installed)

        val fresh = v.installStatusList(world.statusList())
        assertEquals(world.now - 3600, fresh.listIssuedAt)
        assertEquals(3600L, fresh.ageSecs)
        val older = assertFailsWith<VerifierException.StatusListRollback> { v.installStatusList(world.statusList(issuedAt = world.now - 7200)) }
        assertEquals("kz.enu", older.issuer)
        assertEquals(world.now - 3600, older.heldIssuedAt)
        assertEquals(world.now - 7200, older.offeredIssuedAt)
        assertFailsWith<VerifierException.StatusListConflict> { v.installStatusList(world.statusList(revoked = listOf(3uL))) }
        assertEquals(fresh.listIssuedAt, v.installStatusList(world.statusList()).listIssuedAt)
        assertFailsWith<VerifierException.StatusListInvalid> { v.installStatusList(byteArrayOf(1, 2)) }
        val stranger = IssuerTool.generate("kz.stranger")
        assertFailsWith<VerifierException.StatusListUnknownIssuer> { v.installStatusList(world.statusList(issuer = stranger)) }
        val impostor = IssuerTool.generate("kz.enu")
        assertFailsWith<VerifierException.StatusListInvalid> { v.installStatusList(world.statusList(issuer = impostor)) }

        assertFailsWith<VerifierException.BadAnchorKey> { Verifier(ByteArray(5)) }
        assertFailsWith<VerifierException.BadChallenge> { v.verify(present(), "12345", Language.EN) }
        Verifier(world.anchor.publicKey()).close()
    }

    @Test
    fun `verdicts - valid, revoked, status unknown and stale, expired, not yet valid`() {
        val text = present()
        val v = world.verifier()
        val ok = v.verify(text, null, Language.EN)
        assertEquals(Verdict.Valid, ok.verdict)
        assertNotNull(ok.status)
        assertEquals(1uL, ok.trustListSequence)
        assertEquals(world.now, ok.verifiedAt)
        val gpa = ok.claims.firstOrNull { it.id == ClaimId.GPA }
        if (gpa != null) assertIs<ClaimValue.Gpa>(gpa.value)

        val revoking = Verifier.withClock(world.anchor.publicKey(), world.clock)
        revoking.installTrustList(world.trustList)
        revoking.installStatusList(world.statusList(revoked = listOf(0uL)))
        val revoked = revoking.verify(text, null, Language.EN)
        assertEquals(Verdict.Revoked, revoked.verdict)
        assertTrue(revoked.authentic, "a revoked diploma is still authentic; the verdict says revoked")

        val noStatus = Verifier.withClock(world.anchor.publicKey(), world.clock)
        noStatus.installTrustList(world.trustList)
        assertEquals(Verdict.StatusUnknown, noStatus.verify(text, null, Language.EN).verdict)

        val later = TestClock(world.now + 121)
        val expired = world.verifier(later).verify(text, null, Language.EN).verdict
        assertEquals(Verdict.Expired(world.now + 120), expired)

        val earlier = TestClock(world.now - 3600)
        assertIs<Verdict.NotYetValid>(world.verifier(earlier).verify(text, null, Language.EN).verdict)

        val stale = world.verifier()
        world.clock.advance(8 * DAY)
        holder.unlock()
        val fresh = holder.wallet.present(id, PresentationRequest(allClaims())).text
        assertIs<Verdict.StatusStale>(stale.verify(fresh, null, Language.EN).verdict)
    }

    @Test
    fun `the report carries the verification record as JSON`() {
        val text = present()
        val ok = world.verifier().verify(text, null, Language.RU)
        // Pretty JSON: the top-level keys are the ones indented by two spaces.
        val keys = Regex("^  \"([a-z_0-9]+)\":", RegexOption.MULTILINE).findAll(ok.recordJson).map { it.groupValues[1] }.toList()
        for (k in listOf("verdict", "reason", "kind", "verified_at", "presentation", "presentation_sha256", "issuer", "claims")) {
            assertTrue(k in keys, "record key $k missing: $keys")
        }
        assertTrue(ok.recordJson.contains("\"verdict\": \"VALID\""), ok.verdictCode)
        assertTrue(ok.recordJson.contains("\"presentation\": \"$text\""))
        assertTrue(ok.recordJson.contains("\"kind\": \"live\""))
        assertEquals(PresentationKind.Live, ok.kind)
        val garbage = world.verifier().verify("QJ1:garbage", null, Language.EN)
        assertTrue(garbage.recordJson.contains("\"verdict\": \"MALFORMED\""))
        assertEquals(null, garbage.kind, "an unreadable text has no kind")
        assertTrue(garbage.recordJson.contains("\"kind\": \"unknown\""))
        assertTrue(garbage.recordJson.contains("\"claims\": []"), garbage.recordJson)
    }

    @Test
    fun `verdicts - no trust list, trust list expired, unknown issuer, malformed, forged`() {
        val text = present()
        val bare = Verifier.withClock(world.anchor.publicKey(), world.clock)
        assertEquals(Verdict.NoTrustList, bare.verify(text, null, Language.EN).verdict)

        val other = IssuerTool.generate("kz.other")
        val withoutEnu = Verifier.withClock(world.anchor.publicKey(), world.clock)
        withoutEnu.installTrustList(world.trustListOf(listOf(other)))
        val unknown = withoutEnu.verify(text, null, Language.EN)
        assertEquals(Verdict.UnknownIssuer("kz.enu"), unknown.verdict)
        assertTrue(unknown.claims.isEmpty())
        assertEquals("UNKNOWN_ISSUER", unknown.verdictCode)

        val impostor = IssuerTool.generate("kz.enu")
        val wrongKey = Verifier.withClock(world.anchor.publicKey(), world.clock)
        wrongKey.installTrustList(world.trustListOf(listOf(impostor)))
        assertEquals(Verdict.ForgedIssuerSignature, wrongKey.verify(text, null, Language.EN).verdict)

        val shortList = Verifier.withClock(world.anchor.publicKey(), world.clock)
        shortList.installTrustList(world.trustListOf(listOf(world.enu), expiresAt = world.now + 60))
        world.clock.advance(61)
        assertIs<Verdict.TrustListExpired>(shortList.verify(text, null, Language.EN).verdict)

        val v = world.verifier()
        for (garbage in listOf("", "hello", "QJ1:", "QJ1:%%%%", "QJ1:" + "A".repeat(5000), text.dropLast(7), "\u0000\uFFFF")) {
            val r = v.verify(garbage, null, Language.KK)
            assertIs<Verdict.Malformed>(r.verdict, garbage.take(20))
            assertTrue(r.claims.isEmpty())
        }
    }

    @Test
    fun `a verifier opened on a file remembers lists, challenges and history across reopen`() {
        val path = java.io.File(tempDir(), "verifier.sqlite3").path
        val challenge = "424242"
        val text = holder.wallet.present(id, PresentationRequest(allClaims(), challenge, 120u)).text
        Verifier.openWithClock(path, world.anchor.publicKey(), world.clock).use { v ->
            v.installTrustList(world.trustListOf(listOf(world.enu), sequence = 3uL))
            v.installStatusList(world.statusList(revoked = listOf(0uL)))
            assertEquals(Verdict.Revoked, v.verify(text, challenge, Language.EN).verdict)
        }
        Verifier.openWithClock(path, world.anchor.publicKey(), world.clock).use { v ->
            assertEquals(3uL, v.trustListInfo()?.sequence)
            val rollback = assertFailsWith<VerifierException.TrustListRollback> { v.installTrustList(world.trustList) }
            assertEquals(3uL, rollback.installed)
            assertFailsWith<VerifierException.StatusListRollback> { v.installStatusList(world.statusList(issuedAt = world.now - 7200)) }
            // The challenge was answered before the restart: a replay now.
            assertEquals(Verdict.ChallengeReused, v.verify(text, challenge, Language.EN).verdict)
            assertEquals(2uL, v.historySize())
        }
        val other = TrustAnchorTool.generate()
        val mismatch = assertFailsWith<VerifierException.AnchorMismatch> { Verifier.open(path, other.publicKey()) }
        assertEquals(other.publicKey().joinToString("") { "%02x".format(it) }, mismatch.offered)
        val garbage = java.io.File(tempDir(), "garbage.db").also { it.writeBytes(ByteArray(4096) { 0x42 }) }
        assertFailsWith<VerifierException.StateForeign> { Verifier.open(garbage.path, world.anchor.publicKey()) }
    }

    @Test
    fun `labels in three languages`() {
        assertEquals("Name", claimLabel(ClaimId.NAME, Language.EN))
        assertEquals("Фамилия, имя", claimLabel(ClaimId.NAME, Language.RU))
        assertEquals("Тегі, аты", claimLabel(ClaimId.NAME, Language.KK))
        assertEquals("Магистр", degreeLabel(DegreeLevel.MASTER, Language.RU))
        assertEquals("Full-time", studyFormLabel(StudyForm.FULL_TIME, Language.EN))
        assertEquals(14, allClaims().size)
        val defaults = defaultPresentationClaims(Language.KK)
        assertTrue(ClaimId.PROGRAM_KK in defaults && ClaimId.PROGRAM_EN !in defaults)
        assertTrue(defaults.none { it == ClaimId.IIN || it == ClaimId.BIRTH_DATE || it == ClaimId.GPA })
    }
}
