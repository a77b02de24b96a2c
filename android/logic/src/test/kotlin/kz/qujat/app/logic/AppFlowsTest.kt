package kz.qujat.app.logic

import kz.qujat.app.logic.backup.BackupFlow
import kz.qujat.app.logic.lists.ListKind
import kz.qujat.app.logic.lists.ListOutcome
import kz.qujat.app.logic.lists.ListUpdate
import kz.qujat.app.logic.present.QrRefresh
import kz.qujat.app.logic.session.PendingAction
import kz.qujat.app.logic.session.SessionGate
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The app-only state machines that iOS mirrors in ios/QujatApp/Logic (same states, same rules). */
class AppFlowsTest {
    @Test
    fun `an import met by the background lock resumes once after the unlock`() {
        val gate = SessionGate()
        val file = PendingAction.ImportDiploma(byteArrayOf(1, 2, 3))
        gate.locked(file) // the picker sent the app to the background; the import met Locked
        gate.locked() // the lifecycle lock on return brings nothing of its own: the file stays
        assertTrue(gate.isLocked)
        assertSame(file, gate.pending)
        assertSame(file, gate.unlocked())
        assertFalse(gate.isLocked)
        assertNull(gate.unlocked()) // handed out once
        assertFalse(file.toString().contains("1, 2"))
    }

    @Test
    fun `a newer action replaces an older one and discard drops it`() {
        val gate = SessionGate()
        gate.locked(PendingAction.ImportDiploma(byteArrayOf(1)))
        gate.locked(PendingAction.AuthenticatorChange)
        assertEquals(PendingAction.AuthenticatorChange, gate.pending)
        gate.discard()
        assertNull(gate.unlocked())
    }

    @Test
    fun `the QR is renewed before expiry a bounded number of times, then runs out`() {
        val q = QrRefresh(leadSecs = 10, maxAutoRefreshes = 2)
        q.requested()
        q.shown(0, 60)
        assertEquals(QrRefresh.Action.NONE, q.tick(49))
        assertEquals(QrRefresh.Action.MAKE_NEW, q.tick(50))
        assertEquals(QrRefresh.Action.NONE, q.tick(51)) // still refreshing, old code kept
        q.shown(52, 112)
        assertEquals(QrRefresh.Action.MAKE_NEW, q.tick(102))
        q.shown(103, 163)
        assertFalse(q.autoRefreshLeft)
        assertEquals(QrRefresh.Action.NONE, q.tick(155))
        assertEquals(QrRefresh.Action.DROP, q.tick(163))
        assertEquals(QrRefresh.Phase.Expired, q.phase)
        q.requested() // a tap starts the count again
        assertTrue(q.autoRefreshLeft)
    }

    @Test
    fun `a failed refresh keeps the current code until it expires`() {
        val q = QrRefresh(leadSecs = 10)
        q.shown(0, 60)
        assertEquals(QrRefresh.Action.MAKE_NEW, q.tick(55))
        q.refreshFailed()
        assertEquals(QrRefresh.Phase.Showing(0, 60), q.phase)
        assertEquals(QrRefresh.Action.NONE, q.tick(58))
        assertEquals(QrRefresh.Action.DROP, q.tick(60))
    }

    @Test
    fun `the backup can be saved only after the code is written down`() {
        val b = BackupFlow()
        b.begin()
        b.made()
        assertTrue(b.codeVisible)
        assertFalse(b.save())
        b.acknowledge(true)
        assertTrue(b.save())
        b.saveCancelled()
        assertEquals(BackupFlow.Step.ShowCode(true), b.step)
        assertTrue(b.save())
        b.savedOk()
        assertEquals(BackupFlow.Step.Saved, b.step)
        assertFalse(b.codeVisible)
        b.begin()
        b.failed()
        assertEquals(BackupFlow.Step.Start, b.step)
    }

    @Test
    fun `list files go in trust lists first, whatever their order`() {
        val trust = byteArrayOf(1)
        val status = byteArrayOf(2)
        val junk = byteArrayOf(3)
        val calls = mutableListOf<Pair<Byte, ListKind>>()
        val results = ListUpdate.run(
            listOf(ListUpdate.ListFile("s", status), ListUpdate.ListFile("t", trust), ListUpdate.ListFile("j", junk)),
        ) { bytes, kind ->
            calls += bytes[0] to kind
            when {
                kind == ListKind.TRUST_LIST && bytes === trust -> ListOutcome.Installed(kind, 100)
                kind == ListKind.STATUS_LIST && bytes === status -> ListOutcome.AlreadyNewer(kind)
                else -> ListOutcome.NotThisKind
            }
        }
        assertEquals(
            listOf<Pair<Byte, ListKind>>(
                2.toByte() to ListKind.TRUST_LIST, 1.toByte() to ListKind.TRUST_LIST, 3.toByte() to ListKind.TRUST_LIST,
                2.toByte() to ListKind.STATUS_LIST, 3.toByte() to ListKind.STATUS_LIST,
            ),
            calls,
        )
        assertEquals(ListOutcome.AlreadyNewer(ListKind.STATUS_LIST), results[0].outcome)
        assertEquals(ListOutcome.Installed(ListKind.TRUST_LIST, 100), results[1].outcome)
        assertEquals(ListOutcome.NotAList, results[2].outcome)
    }

    @Test
    fun `only plain https locations are accepted`() {
        val l = ListUpdate.parseLocations(
            "# lists\n\nhttps://lists.example.kz/trust.json\nhttp://lists.example.kz/x\nhttps://u:p@h.kz/y\nnot a url\n",
        )
        assertEquals(listOf("https://lists.example.kz/trust.json"), l.urls.map { it.toString() })
        assertEquals(3, l.rejected.size)
    }
}
