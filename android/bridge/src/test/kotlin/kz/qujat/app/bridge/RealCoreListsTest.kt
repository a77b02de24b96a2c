package kz.qujat.app.bridge

import kz.qujat.app.logic.lists.ListKind
import kz.qujat.app.logic.lists.ListOutcome
import kz.qujat.app.logic.lists.ListProblem
import kz.qujat.app.logic.lists.ListSource
import kz.qujat.app.logic.lists.ListUpdate
import kz.qujat.app.logic.lists.ListsPresenter
import kz.qujat.app.logic.lists.LocationStore
import kz.qujat.app.logic.lists.ReadResult
import kz.qujat.app.logic.lists.VerifierListInstaller
import kz.qujat.app.logic.model.HeldStatusList
import kz.qujat.app.logic.model.StatusFreshness
import kz.qujat.core.IssuerTool
import kz.qujat.core.LocalizedText
import kz.qujat.core.TrustAnchorTool
import kz.qujat.core.TrustedIssuer
import kz.qujat.core.TrustedKey
import kz.qujat.core.VerifierException
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The lists update against the real verifier store: real anchor-signed trust lists and
 * issuer-signed status lists (the bindings' test-only issuer tools), through [CoreVerifier] and
 * the app's [VerifierListInstaller].
 */
class RealCoreListsTest {
    private val clock = MovableClock()
    private val day = 86_400L
    private val anchor = TrustAnchorTool.generate()
    private val enu = IssuerTool.generate("kz.enu")
    private val stranger = IssuerTool.generate("kz.stranger")

    private fun trustList(sequence: ULong, expiresIn: Long = 30 * day, signer: TrustAnchorTool = anchor): ByteArray = signer.signTrustList(
        sequence,
        clock.now - 60,
        clock.now + expiresIn,
        listOf(
            TrustedIssuer(
                "kz.enu",
                LocalizedText("ЕҰУ", "ЕНУ", "ENU"),
                listOf(TrustedKey(enu.publicKey(), clock.now - 365 * day, clock.now + 365 * day)),
            ),
        ),
    )

    private fun statusList(issuer: IssuerTool = enu, issuedAt: Long = clock.now - 60): ByteArray =
        issuer.statusList(16uL, emptyList(), issuedAt, day)

    private fun file(name: String, bytes: ByteArray) = ListSource(name) { ReadResult.Bytes(bytes) }

    @Test
    fun `files in any order install trust list first, unknown issuer, garbage and another anchor's list are refused`() {
        val kept = mutableListOf<ByteArray>()
        testVerifier(anchor.publicKey(), clock).use { v ->
            val installer = VerifierListInstaller(v) { kept += it }
            val status = statusList()
            val trust = trustList(3uL)
            val results = ListUpdate.apply(
                listOf(
                    file("status/kz.enu.bin", status),
                    file("status/kz.stranger.bin", statusList(stranger)),
                    file("photo.jpg", byteArrayOf(0xFF.toByte(), 0xD8.toByte(), 0xFF.toByte(), 0xE0.toByte())),
                    file("trust-list.bin", trust),
                    file("other-anchor.bin", trustList(9uL, signer = TrustAnchorTool.generate())),
                    file("empty.bin", byteArrayOf()),
                ),
                installer,
            )
            assertEquals(
                listOf(
                    ListOutcome.Installed(ListKind.STATUS_LIST, clock.now - 60),
                    ListOutcome.Refused(ListKind.STATUS_LIST, ListProblem.UNKNOWN_ISSUER),
                    ListOutcome.NotAList,
                    ListOutcome.Installed(ListKind.TRUST_LIST, clock.now - 60),
                    ListOutcome.NotAList,
                    ListOutcome.NotAList,
                ),
                results.map { it.outcome },
            )
            assertEquals(3L, v.trustListInfo()?.sequence)
            assertEquals(listOf(HeldStatusList("kz.enu", StatusFreshness(clock.now - 60, clock.now - 60 + day, 60))), v.statusLists())
            assertEquals(1, kept.size)
            assertTrue(kept.single().contentEquals(trust), "the accepted trust list is kept, byte for byte")
        }
    }

    @Test
    fun `an older list is already newer, a same-version other list is a conflict, a status list needs a trust list`() {
        testVerifier(anchor.publicKey(), clock).use { v ->
            val installer = VerifierListInstaller(v)
            assertEquals(
                ListOutcome.Refused(ListKind.STATUS_LIST, ListProblem.NO_TRUST_LIST),
                installer.install(statusList(), ListKind.STATUS_LIST),
                "no trust list held yet",
            )
            val v5 = trustList(5uL)
            assertEquals(ListOutcome.Installed(ListKind.TRUST_LIST, clock.now - 60), installer.install(v5, ListKind.TRUST_LIST))
            assertEquals(ListOutcome.AlreadyNewer(ListKind.TRUST_LIST), installer.install(trustList(4uL), ListKind.TRUST_LIST))
            assertEquals(ListOutcome.Installed(ListKind.TRUST_LIST, clock.now - 60), installer.install(v5, ListKind.TRUST_LIST), "the same bytes again")
            assertEquals(
                ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.CONFLICT),
                installer.install(trustList(5uL, expiresIn = 60 * day), ListKind.TRUST_LIST),
            )
            assertEquals(5L, v.trustListInfo()?.sequence)

            val newer = statusList(issuedAt = clock.now - 60)
            assertEquals(ListOutcome.Installed(ListKind.STATUS_LIST, clock.now - 60), installer.install(newer, ListKind.STATUS_LIST))
            assertEquals(
                ListOutcome.AlreadyNewer(ListKind.STATUS_LIST),
                installer.install(statusList(issuedAt = clock.now - 3_600), ListKind.STATUS_LIST),
            )
            assertEquals(
                ListOutcome.Refused(ListKind.STATUS_LIST, ListProblem.CONFLICT),
                installer.install(enu.statusList(16uL, listOf(3uL), clock.now - 60, day), ListKind.STATUS_LIST),
            )
            assertEquals(clock.now - 60, v.statusLists().single().freshness.listIssuedAt)
        }
    }

    @Test
    fun `the screen shows the held lists' age from the state file, after a restart too`() {
        val dir = Fixtures.tempDir()
        val locations = object : LocationStore {
            var text = "https://registry.example.kz/trust-list.bin"
            override fun load() = text
            override fun save(text: String) {
                this.text = text
            }
        }
        testVerifier(dir, anchor.publicKey(), clock).use { v ->
            val p = ListsPresenter(v, VerifierListInstaller(v), { error("no download here") }, locations, clock)
            p.load()
            assertEquals(null, p.state.trustList)
            p.openFiles(listOf(file("t", trustList(2uL)), file("s", statusList())))
            assertEquals(2L, p.state.trustList?.sequence)
            assertEquals(listOf("kz.enu"), p.state.statusLists.map { it.issuerId })
        }
        clock.advance(3 * day)
        testVerifier(dir, anchor.publicKey(), clock).use { v ->
            val p = ListsPresenter(v, VerifierListInstaller(v), { error("no download here") }, locations, clock)
            p.load()
            assertEquals(2L, p.state.trustList?.sequence)
            val held = p.state.statusLists.single()
            assertEquals(3 * day + 60, held.freshness.ageSecs, "its age now, from the core")
            assertEquals(clock.now, p.state.readAt)
        }
    }

    @Test
    fun `every error of the bindings' verifier maps to a typed list outcome`() {
        val all: List<Pair<VerifierException, ListOutcome>> = listOf(
            VerifierException.BadAnchorKey() to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.ANCHOR_MISMATCH),
            VerifierException.TrustListInvalid() to ListOutcome.NotThisKind,
            VerifierException.TrustListRollback(1uL, 2uL) to ListOutcome.AlreadyNewer(ListKind.TRUST_LIST),
            VerifierException.TrustListConflict(2uL) to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.CONFLICT),
            VerifierException.StatusListInvalid() to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.STATUS_LIST_INVALID),
            VerifierException.StatusListUnknownIssuer() to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.UNKNOWN_ISSUER),
            VerifierException.NoTrustList() to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.NO_TRUST_LIST),
            VerifierException.StatusListRollback("kz.enu", 2, 1) to ListOutcome.AlreadyNewer(ListKind.TRUST_LIST),
            VerifierException.StatusListConflict("kz.enu", 2) to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.CONFLICT),
            VerifierException.AnchorMismatch("aa", "bb") to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.ANCHOR_MISMATCH),
            VerifierException.StateForeign() to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.STATE_UNAVAILABLE),
            VerifierException.StateDamaged() to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.STATE_UNAVAILABLE),
            VerifierException.StateUnsupportedVersion(9) to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.STATE_UNAVAILABLE),
            VerifierException.StateBusy() to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.STATE_UNAVAILABLE),
            VerifierException.StateStorage(13) to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.STATE_UNAVAILABLE),
            VerifierException.StateUnavailable() to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.STATE_UNAVAILABLE),
            VerifierException.BadChallenge() to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.INTERNAL),
            VerifierException.Random() to ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.INTERNAL),
        )
        val variants = VerifierException::class.java.declaredClasses.filter { VerifierException::class.java.isAssignableFrom(it) }
        assertEquals(variants.size, all.size, "a VerifierError variant is missing here")
        for ((e, expected) in all) {
            assertEquals(expected, VerifierListInstaller.outcome(ListKind.TRUST_LIST, Mapping.failure(e)), e.javaClass.simpleName)
        }
    }
}
