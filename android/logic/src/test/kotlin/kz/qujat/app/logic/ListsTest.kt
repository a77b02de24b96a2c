package kz.qujat.app.logic

import java.io.ByteArrayInputStream
import java.io.FileNotFoundException
import java.io.IOException
import java.io.InputStream
import java.net.URI
import kz.qujat.app.logic.lists.Age
import kz.qujat.app.logic.lists.AgeUnit
import kz.qujat.app.logic.lists.BundledLists
import kz.qujat.app.logic.lists.DownloadFailure
import kz.qujat.app.logic.lists.ListKind
import kz.qujat.app.logic.lists.ListOutcome
import kz.qujat.app.logic.lists.ListProblem
import kz.qujat.app.logic.lists.ListSource
import kz.qujat.app.logic.lists.ListUpdate
import kz.qujat.app.logic.lists.ListsNotice
import kz.qujat.app.logic.lists.ListsPresenter
import kz.qujat.app.logic.lists.ListsState
import kz.qujat.app.logic.lists.ReadProblem
import kz.qujat.app.logic.lists.ReadResult
import kz.qujat.app.logic.lists.VerifierListInstaller
import kz.qujat.app.logic.model.HeldStatusList
import kz.qujat.app.logic.model.StatusFreshness
import kz.qujat.app.logic.model.TrustListInfo
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.FakeListStore.Companion.status
import kz.qujat.app.logic.FakeListStore.Companion.trust
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The lists update: reading, the order of installs, one result per file, the screen's states. */
class ListsTest {
    private val clock = TestClock()
    private val store = FakeListStore(clock)
    private val kept = mutableListOf<ByteArray>()
    private val installer = VerifierListInstaller(store) { kept += it }

    private fun bytes(name: String, b: ByteArray) = ListSource(name) { ReadResult.Bytes(b) }

    private fun failing(name: String, p: ReadProblem) = ListSource(name) { ReadResult.Failed(p) }

    @Test
    fun `trust lists go in before status lists, whatever the order, and each file gets its result in order`() {
        val results = ListUpdate.apply(
            listOf(
                bytes("enu.bin", status(1, 5)),
                failing("big.bin", ReadProblem.TooLarge),
                bytes("trust-list.bin", trust(2)),
                bytes("junk.bin", byteArrayOf(1, 2, 3, 4)),
                bytes("stranger.bin", status(9, 5)),
            ),
            installer,
        )
        assertEquals(listOf("enu.bin", "big.bin", "trust-list.bin", "junk.bin", "stranger.bin"), results.map { it.name })
        assertEquals(
            listOf(
                ListOutcome.Installed(ListKind.STATUS_LIST, 500),
                ListOutcome.NotRead(ReadProblem.TooLarge),
                ListOutcome.Installed(ListKind.TRUST_LIST, 2_000),
                ListOutcome.NotAList,
                ListOutcome.Refused(ListKind.STATUS_LIST, ListProblem.UNKNOWN_ISSUER),
            ),
            results.map { it.outcome },
        )
        // Every readable file offered as a trust list first; the status list after the trust list.
        assertEquals(listOf("trust", "trust", "trust", "trust", "status", "status", "status"), store.calls)
        assertEquals(1, kept.size, "the accepted trust list is kept for the holder's import")
        assertTrue(kept.single().contentEquals(trust(2)))
    }

    @Test
    fun `an older list is already newer, a same-version other list is a conflict, and the others still go in`() {
        installer.install(trust(5), ListKind.TRUST_LIST)
        installer.install(status(1, 50), ListKind.STATUS_LIST)
        kept.clear()
        val results = ListUpdate.apply(
            listOf(
                bytes("old-trust", trust(4)),
                bytes("old-status", status(1, 40)),
                bytes("same", trust(5)),
                bytes("conflict", byteArrayOf(FakeListStore.T, 5, 1)),
                bytes("new-status", status(2, 60)),
            ),
            installer,
        )
        assertEquals(
            listOf(
                ListOutcome.AlreadyNewer(ListKind.TRUST_LIST),
                ListOutcome.AlreadyNewer(ListKind.STATUS_LIST),
                ListOutcome.Installed(ListKind.TRUST_LIST, 5_000),
                ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.CONFLICT),
                ListOutcome.Installed(ListKind.STATUS_LIST, 6_000),
            ),
            results.map { it.outcome },
        )
        assertEquals(5L, store.trustListInfo()?.sequence)
        assertEquals(1, kept.size, "only the list the store accepted (the identical one) is kept")
    }

    @Test
    fun `every refusal of the verifier store has its typed outcome`() {
        fun o(kind: ListKind, e: VerifierFailure) = VerifierListInstaller.outcome(kind, e)
        val t = ListKind.TRUST_LIST
        val s = ListKind.STATUS_LIST
        assertEquals(ListOutcome.NotThisKind, o(t, VerifierFailure.TrustListInvalid()))
        assertEquals(ListOutcome.NotThisKind, o(s, VerifierFailure.StatusListInvalid()))
        assertEquals(ListOutcome.Refused(s, ListProblem.TRUST_LIST_INVALID), o(s, VerifierFailure.TrustListInvalid()))
        assertEquals(ListOutcome.Refused(t, ListProblem.STATUS_LIST_INVALID), o(t, VerifierFailure.StatusListInvalid()))
        assertEquals(ListOutcome.AlreadyNewer(t), o(t, VerifierFailure.TrustListRollback(1, 2)))
        assertEquals(ListOutcome.AlreadyNewer(s), o(s, VerifierFailure.StatusListRollback()))
        assertEquals(ListOutcome.Refused(t, ListProblem.CONFLICT), o(t, VerifierFailure.TrustListConflict(3)))
        assertEquals(ListOutcome.Refused(s, ListProblem.CONFLICT), o(s, VerifierFailure.StatusListConflict()))
        assertEquals(ListOutcome.Refused(s, ListProblem.UNKNOWN_ISSUER), o(s, VerifierFailure.StatusListUnknownIssuer()))
        assertEquals(ListOutcome.Refused(s, ListProblem.NO_TRUST_LIST), o(s, VerifierFailure.NoTrustList()))
        assertEquals(ListOutcome.Refused(t, ListProblem.STATE_UNAVAILABLE), o(t, VerifierFailure.StateUnavailable()))
        assertEquals(ListOutcome.Refused(t, ListProblem.ANCHOR_MISMATCH), o(t, VerifierFailure.AnchorMismatch()))
        assertEquals(ListOutcome.Refused(t, ListProblem.ANCHOR_MISMATCH), o(t, VerifierFailure.BadAnchorKey()))
        assertEquals(ListOutcome.Refused(s, ListProblem.INTERNAL), o(s, VerifierFailure.BadChallenge()))
        assertEquals(ListOutcome.Refused(s, ListProblem.INTERNAL), o(s, VerifierFailure.Internal(Fault.RANDOM)))
        // Through the installer: a store that cannot write refuses every file, and nothing is kept.
        store.failWith = VerifierFailure.StateUnavailable()
        val r = ListUpdate.run(listOf(ListUpdate.ListFile("a", trust(1)), ListUpdate.ListFile("b", status(1, 1))), installer)
        assertEquals(List(2) { ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.STATE_UNAVAILABLE) }, r.map { it.outcome })
        assertTrue(kept.isEmpty())
    }

    @Test
    fun `a picked file is read up to the cap, larger is refused, unreadable is said so`() {
        fun stream(size: Int): () -> InputStream = { ByteArrayInputStream(ByteArray(size) { 7 }) }
        val exact = ListSource.ofStream("exact", stream(ListUpdate.MAX_FILE_BYTES)).read()
        assertEquals(ListUpdate.MAX_FILE_BYTES, (exact as ReadResult.Bytes).bytes.size)
        assertEquals(ReadResult.Failed(ReadProblem.TooLarge), ListSource.ofStream("big", stream(ListUpdate.MAX_FILE_BYTES + 1)).read())
        assertEquals(ReadResult.Failed(ReadProblem.Unreadable), ListSource.ofStream("gone") { throw FileNotFoundException() }.read())
        assertEquals(ReadResult.Failed(ReadProblem.Unreadable), ListSource.ofStream("revoked") { throw SecurityException() }.read())
        val broken = object : InputStream() {
            override fun read(): Int = throw IOException("disk")
            override fun read(b: ByteArray, off: Int, len: Int): Int = throw IOException("disk")
        }
        assertEquals(ReadResult.Failed(ReadProblem.Unreadable), ListSource.ofStream("broken") { broken }.read())
        // A source that throws is that source's result only.
        val r = ListUpdate.apply(listOf(ListSource("x") { throw IOException() }, bytes("t", trust(1))), installer)
        assertEquals(ListOutcome.NotRead(ReadProblem.Unreadable), r[0].outcome)
        assertEquals(ListOutcome.Installed(ListKind.TRUST_LIST, 1_000), r[1].outcome)
    }

    @Test
    fun `the lists the app starts with - every trust list, then the status lists, problems returned not thrown`() {
        installer.install(trust(7), ListKind.TRUST_LIST) // a newer list from the lists screen, remembered
        val problems = BundledLists.install(store, listOf(trust(5), trust(6)), listOf(status(1, 3), status(9, 3)))
        assertEquals(7L, store.trustListInfo()?.sequence, "the newest stays")
        assertEquals(listOf("TrustListRollback", "TrustListRollback", "StatusListUnknownIssuer"), problems.map { it.javaClass.simpleName })
        assertEquals(listOf("kz.issuer1"), store.statusLists().map { it.issuerId })

        val empty = FakeListStore(clock)
        val none = BundledLists.install(empty, listOf(byteArrayOf(1)), listOf(status(1, 3)))
        assertEquals(listOf("TrustListInvalid"), none.map { it.javaClass.simpleName }, "no trust list held: status lists are not offered")
        assertEquals(listOf("trust"), empty.calls)
    }

    @Test
    fun `ages read at a glance`() {
        val now = 1_800_000_000L
        assertEquals(Age(0, AgeUnit.NOW), Age.between(now - 59, now))
        assertEquals(Age(0, AgeUnit.NOW), Age.between(now + 3_600, now), "issued in the future: a clock is off")
        assertEquals(Age(1, AgeUnit.MINUTES), Age.between(now - 60, now))
        assertEquals(Age(59, AgeUnit.MINUTES), Age.between(now - 3_599, now))
        assertEquals(Age(1, AgeUnit.HOURS), Age.between(now - 3_600, now))
        assertEquals(Age(47, AgeUnit.HOURS), Age.between(now - 2 * 86_400 + 1, now))
        assertEquals(Age(2, AgeUnit.DAYS), Age.between(now - 2 * 86_400, now))
        assertEquals(Age(400, AgeUnit.DAYS), Age.between(now - 400 * 86_400, now))
    }

    private val fetched = mutableListOf<URI>()
    private val responses = mutableMapOf<String, ReadResult>()
    private val locations = MemoryLocations("https://registry.example.kz/trust-list.bin")
    private val presenter = ListsPresenter(
        store,
        installer,
        { uri -> ListSource(uri.toString()) { fetched += uri; responses[uri.toString()] ?: ReadResult.Failed(ReadProblem.DownloadFailed(uri.host, DownloadFailure.HTTP_STATUS)) } },
        locations,
        clock,
    )

    @Test
    fun `the screen shows the lists held, the saved addresses, and updates from files`() {
        assertTrue(presenter.state.loading)
        presenter.load()
        var s = presenter.state
        assertFalse(s.loading)
        assertNull(s.trustList)
        assertEquals(emptyList<HeldStatusList>(), s.statusLists)
        assertEquals("https://registry.example.kz/trust-list.bin", s.locations)
        assertEquals(clock.now, s.readAt)

        val states = mutableListOf<ListsState>()
        presenter.observe { states += it }.use {
            presenter.openFiles(listOf(bytes("s", status(2, 7)), bytes("t", trust(3))))
        }
        assertTrue(states.any { it.busy }, "busy while installing")
        s = presenter.state
        assertFalse(s.busy)
        assertEquals(TrustListInfo(3, 3_000, 1_000_000, 3), s.trustList)
        assertEquals(listOf(HeldStatusList("kz.issuer2", StatusFreshness(700, 700 + 86_400, clock.now - 700))), s.statusLists)
        assertEquals(listOf("s", "t"), s.results.map { it.name })
        presenter.openFiles(emptyList())
        assertEquals(2, presenter.state.results.size, "nothing picked: the last results stay")
    }

    @Test
    fun `download saves the addresses, refuses what is not https, and reports each address`() {
        presenter.load()
        presenter.download("http://registry.example.kz/trust-list.bin")
        assertEquals(ListsNotice.BadLocation("http://registry.example.kz/trust-list.bin"), presenter.state.notice)
        assertTrue(fetched.isEmpty())
        assertEquals("http://registry.example.kz/trust-list.bin", locations.text, "saved as typed, to be corrected")
        presenter.download("# nothing yet\n")
        assertEquals(ListsNotice.NoLocation, presenter.state.notice)
        presenter.download((1..ListUpdate.MAX_LOCATIONS + 1).joinToString("\n") { "https://u$it.example.kz/s.bin" })
        assertEquals(ListsNotice.TooManyLocations, presenter.state.notice)
        assertTrue(fetched.isEmpty())

        responses["https://registry.example.kz/trust-list.bin"] = ReadResult.Bytes(trust(1))
        responses["https://enu.example.kz/status.bin"] = ReadResult.Bytes(status(1, 9))
        presenter.download("https://enu.example.kz/status.bin\nhttps://down.example.kz/s.bin\nhttps://registry.example.kz/trust-list.bin\n")
        val s = presenter.state
        assertNull(s.notice)
        assertEquals(3, fetched.size)
        assertEquals(
            listOf(
                ListOutcome.Installed(ListKind.STATUS_LIST, 900),
                ListOutcome.NotRead(ReadProblem.DownloadFailed("down.example.kz", DownloadFailure.HTTP_STATUS)),
                ListOutcome.Installed(ListKind.TRUST_LIST, 1_000),
            ),
            s.results.map { it.outcome },
        )
        assertEquals(1L, s.trustList?.sequence)
        assertEquals(1, s.statusLists.size)
    }

    @Test
    fun `a state that cannot be read is said, and an update still reports per file`() {
        store.failWith = VerifierFailure.StateUnavailable()
        presenter.load()
        assertInstanceOf(VerifierFailure.StateUnavailable::class.java, (presenter.state.notice as ListsNotice.CannotRead).failure)
        presenter.openFiles(listOf(bytes("t", trust(1))))
        assertEquals(ListOutcome.Refused(ListKind.TRUST_LIST, ListProblem.STATE_UNAVAILABLE), presenter.state.results.single().outcome)
        store.failWith = null
        presenter.openFiles(listOf(bytes("t", trust(1))))
        assertNull(presenter.state.notice, "readable again")
        assertEquals(1L, presenter.state.trustList?.sequence)
    }
}
