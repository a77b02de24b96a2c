package kz.qujat.app.logic

import java.io.File
import kz.qujat.app.logic.model.DiplomaSummary
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.port.ImportProblem
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.session.ImportOutcome
import kz.qujat.app.logic.session.ImportTrust
import kz.qujat.app.logic.session.OnBackground
import kz.qujat.app.logic.session.PendingAction
import kz.qujat.app.logic.session.RouteAccess
import kz.qujat.app.logic.session.RouteDecision
import kz.qujat.app.logic.session.SessionGate
import kz.qujat.app.logic.session.WalletSession
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/**
 * A [FakeWallet] whose import needs an open session, as the core's does, and that counts the
 * imports and locks it is asked for.
 */
private class SessionWallet(val inner: FakeWallet) : WalletPort by inner {
    val imported = mutableListOf<ByteArray>()
    var locks = 0

    override fun importDiploma(bundle: ByteArray, trustList: ByteArray, anchorPublicKey: ByteArray): DiplomaSummary {
        if (!inner.unlocked) throw WalletFailure.Locked()
        if (bundle.isEmpty()) throw WalletFailure.ImportRefused(ImportProblem.NOT_A_CREDENTIAL)
        imported += bundle.copyOf()
        return inner.importDiploma(bundle, trustList, anchorPublicKey)
    }

    override fun lock() {
        locks++
        inner.lock()
    }
}

/** The session gate, the holder's session over a wallet, and the navigation's lock decision. */
class SessionTest {
    private val clock = TestClock()
    private val fake = FakeWallet(clock).apply {
        state = WalletState.READY
        pin = "135790"
    }
    private val wallet = SessionWallet(fake)
    private var trust: ImportTrust? = ImportTrust(ByteArray(32) { 7 }, byteArrayOf(1, 2, 3))
    private val session = WalletSession({ wallet }, { trust }, clock)

    private fun unlock() {
        fake.unlock("135790", "123456")
        session.unlocked()
    }

    // --- the lock on background, and the picker's exception --------------------------------------

    @Test
    fun `a new process starts locked, and set-up or unlock opens it`() {
        assertTrue(session.gate.isLocked)
        unlock()
        assertFalse(session.gate.isLocked)
        session.check()
        assertFalse(session.gate.isLocked)
    }

    @Test
    fun `leaving the app without a picker locks at once`() {
        unlock()
        assertNull(session.backgrounded())
        assertEquals(1, wallet.locks)
        assertFalse(fake.unlocked)
        assertTrue(session.gate.isLocked)
        session.foregrounded()
        assertTrue(session.gate.isLocked, "still locked on return: the unlock screen shows")
    }

    @Test
    fun `a picker round trip does not lock, and the import goes through`() {
        unlock()
        val token = session.expectResult()
        clock.advance(1)
        val at = session.backgrounded()
        assertEquals(clock.now - 1 + SessionGate.DEFAULT_RESULT_BOUND_SECS, at)
        assertEquals(0, wallet.locks)
        clock.advance(20) // choosing the file
        session.foregrounded()
        session.resultReturned(token)
        assertFalse(session.gate.isLocked)
        val bytes = byteArrayOf(9, 8, 7)
        assertInstanceOf(ImportOutcome.Imported::class.java, session.import(bytes))
        assertEquals(listOf(9.toByte(), 8, 7), wallet.imported.single().toList())
        assertTrue(bytes.all { it == 0.toByte() }, "the file's bytes are wiped once the core has them")
        // The next departure, with no picker up, locks again.
        assertNull(session.backgrounded())
        assertTrue(session.gate.isLocked)
    }

    @Test
    fun `a picker left open past the bound locks while away, or on return at the latest`() {
        unlock()
        session.expectResult()
        val at = session.backgrounded()!!
        clock.now = at - 1
        session.checkWhileAway()
        assertFalse(session.gate.isLocked)
        clock.now = at
        session.checkWhileAway()
        assertTrue(session.gate.isLocked)
        assertEquals(1, wallet.locks)

        // The same when nothing ran while away (the process was frozen): the return locks.
        val other = WalletSession({ wallet }, { trust }, clock)
        fake.unlock("135790", "123456")
        other.unlocked()
        other.expectResult()
        other.backgrounded()
        clock.advance(SessionGate.DEFAULT_RESULT_BOUND_SECS + 60)
        other.foregrounded()
        assertTrue(other.gate.isLocked)
        assertFalse(fake.unlocked)
    }

    @Test
    fun `a picker cancelled leaves nothing waiting, and the next departure locks`() {
        unlock()
        val token = session.expectResult()
        session.backgrounded()
        clock.advance(5)
        session.foregrounded()
        session.resultReturned(token) // the holder pressed back in the picker: no file
        assertFalse(session.gate.isLocked)
        assertNull(session.gate.pending)
        assertNull(session.backgrounded())
        assertTrue(session.gate.isLocked)
        assertEquals(1, wallet.locks)
    }

    @Test
    fun `a token outlives neither its result nor the bound`() {
        val gate = SessionGate(resultBoundSecs = 100)
        val t = gate.expectResult(0)
        assertTrue(gate.awaitingResult(50))
        gate.resultReturned(t)
        assertFalse(gate.awaitingResult(50))
        gate.expectResult(0) // its result never came (say, the picker crashed)
        assertFalse(gate.awaitingResult(100))
        assertEquals(OnBackground.LockNow, gate.backgrounded(100))
        gate.resultReturned(12345) // an unknown token is ignored
    }

    @Test
    fun `a clock set back does not stretch the picker's exception`() {
        val gate = SessionGate(resultBoundSecs = 100)
        gate.expectResult(1_000)
        assertEquals(OnBackground.LockNow, gate.backgrounded(900))
    }

    @Test
    fun `before any wallet exists (restore), a picker round trip opens nothing and breaks nothing`() {
        fake.state = WalletState.UNINITIALIZED
        fake.pin = null
        // A new process: locked, and the restore screen may stay up while locked.
        assertTrue(session.gate.isLocked)
        assertEquals(RouteDecision.STAY, RouteAccess.decide("restore", locked = true))
        val token = session.expectResult()
        val at = session.backgrounded()
        assertEquals(clock.now + SessionGate.DEFAULT_RESULT_BOUND_SECS, at)
        clock.advance(30)
        session.foregrounded()
        session.resultReturned(token)
        assertTrue(session.gate.isLocked, "a picker does not open a gate that was locked")
        assertNull(session.gate.pending)
        assertEquals(0, wallet.locks)
        // Leaving for the authenticator app during the restore's set-up (no picker up): a lock of
        // a wallet with no session yet, which changes nothing; then the first code opens the
        // wallet, and the gate with it.
        assertNull(session.backgrounded())
        session.foregrounded()
        assertEquals(1, wallet.locks)
        assertTrue(fake.calls.isEmpty(), "no wallet call but lock: ${fake.calls}")
        fake.setup("135790", "Qujat").close()
        fake.confirmEnrolment("135790", "123456")
        session.opened()
        assertFalse(session.check())
    }

    @Test
    fun `a picked file is read bounded, and refused unread past the limit`() {
        unlock()
        val limit = WalletSession.MAX_IMPORT_BYTES.toInt()
        assertInstanceOf(ImportOutcome.Imported::class.java, session.importFrom { java.io.ByteArrayInputStream(ByteArray(limit) { 1 }) })
        assertEquals(limit, wallet.imported.single().size)
        val tooLarge = assertInstanceOf(
            ImportOutcome.Refused::class.java,
            session.importFrom { java.io.ByteArrayInputStream(ByteArray(limit + 1) { 1 }) },
        )
        assertEquals(ImportProblem.NOT_A_CREDENTIAL, (tooLarge.failure as WalletFailure.ImportRefused).problem)
        assertEquals(1, wallet.imported.size, "no wallet call for a file over the limit")
        assertFalse(session.gate.isLocked)
    }

    @Test
    fun `a picked file that cannot be opened or read is refused as not a credential`() {
        unlock()
        val failing = object : java.io.InputStream() {
            override fun read(): Int = throw java.io.IOException("provider gone")
        }
        for (open in listOf<() -> java.io.InputStream?>(
            { null },
            { throw SecurityException("grant withdrawn") },
            { throw java.io.FileNotFoundException("deleted") },
            { failing },
        )) {
            val refused = assertInstanceOf(ImportOutcome.Refused::class.java, session.importFrom(open))
            assertEquals(ImportProblem.NOT_A_CREDENTIAL, (refused.failure as WalletFailure.ImportRefused).problem)
        }
        assertTrue(wallet.imported.isEmpty())
        assertFalse(session.gate.isLocked)
    }

    // --- locked on return → unlock → the import resumes once --------------------------------------

    @Test
    fun `an import that meets the lock waits, and resumes exactly once after the unlock`() {
        unlock()
        session.expectResult()
        session.backgrounded()
        clock.advance(SessionGate.DEFAULT_RESULT_BOUND_SECS) // the holder took too long
        session.foregrounded()
        assertTrue(session.gate.isLocked)
        val bytes = byteArrayOf(4, 5, 6)
        assertEquals(ImportOutcome.WaitingForUnlock, session.import(bytes))
        assertTrue(wallet.imported.isEmpty())
        val pending = assertInstanceOf(PendingAction.ImportDiploma::class.java, session.gate.pending)
        assertSame(bytes, pending.bytes)

        fake.unlock("135790", "123456")
        val action = session.unlocked()
        assertSame(pending, action)
        assertNull(session.unlocked(), "handed out once")
        assertInstanceOf(ImportOutcome.Imported::class.java, session.resume(action!!))
        assertEquals(1, wallet.imported.size)
        assertTrue(pending.wiped)
    }

    @Test
    fun `the core locking under the import (idle timeout) also keeps the file`() {
        unlock()
        fake.lock() // the core's idle timeout: the gate has not seen it yet
        assertFalse(session.gate.isLocked)
        assertEquals(ImportOutcome.WaitingForUnlock, session.import(byteArrayOf(1)))
        assertTrue(session.gate.isLocked)
        assertInstanceOf(PendingAction.ImportDiploma::class.java, session.gate.pending)
    }

    @Test
    fun `a wrong PIN keeps the pending import, giving up wipes it`() {
        unlock()
        fake.lock()
        val bytes = byteArrayOf(3, 1, 4)
        session.import(bytes)
        val pending = session.gate.pending as PendingAction.ImportDiploma
        // A wrong PIN: the unlock screen reports it; the session stays locked, the file waits.
        runCatching { fake.unlock("000000", "123456") }
        session.foregrounded() // leaving and coming back in between changes nothing
        assertSame(pending, session.gate.pending)
        assertFalse(pending.wiped)
        // The holder switches to the verifier (or the wallet is set up again): the file is dropped.
        session.leave()
        assertNull(session.gate.pending)
        assertTrue(session.gate.isLocked)
        assertTrue(pending.wiped)
        assertTrue(bytes.all { it == 0.toByte() })
        fake.unlock("135790", "123456")
        assertNull(session.unlocked())
        assertTrue(wallet.imported.isEmpty())
    }

    @Test
    fun `a newer file replaces an older one waiting, which is wiped`() {
        val gate = SessionGate(initial = SessionGate.State.Locked(null))
        val first = PendingAction.ImportDiploma(byteArrayOf(1))
        val second = PendingAction.ImportDiploma(byteArrayOf(2))
        gate.locked(first)
        gate.locked() // the background lock brings nothing: the file stays
        assertSame(first, gate.pending)
        gate.locked(second)
        assertTrue(first.wiped)
        assertFalse(second.wiped)
        assertSame(second, gate.unlocked())
    }

    @Test
    fun `a refused file is wiped and reported, without touching the lock`() {
        unlock()
        val empty = session.import(ByteArray(0))
        val refused = assertInstanceOf(ImportOutcome.Refused::class.java, empty)
        assertInstanceOf(WalletFailure.ImportRefused::class.java, refused.failure)
        assertFalse(session.gate.isLocked)
        trust = null
        val bytes = byteArrayOf(5)
        val noTrust = assertInstanceOf(ImportOutcome.Refused::class.java, session.import(bytes))
        assertEquals(ImportProblem.TRUST_LIST_INVALID, (noTrust.failure as WalletFailure.ImportRefused).problem)
        assertTrue(bytes.all { it == 0.toByte() })
    }

    @Test
    fun `a flow in progress is kept by the background lock and resumed`() {
        unlock()
        session.gate.workingOn(PendingAction.AuthenticatorChange)
        session.backgrounded()
        assertEquals(PendingAction.AuthenticatorChange, session.gate.pending)
        fake.unlock("135790", "123456")
        val action = session.unlocked()
        assertEquals(PendingAction.AuthenticatorChange, action)
        assertNull(session.resume(action!!), "the security screens resume it, not this class")
    }

    @Test
    fun `an unlock reported while the wallet was being read is not overwritten`() {
        val gate = SessionGate(initial = SessionGate.State.Locked(null))
        gate.unlocked()
        // The reading says "unlocked": nothing changes. It says "locked": the gate locks.
        assertFalse(gate.refresh { true })
        assertTrue(gate.refresh { false })
        // Once locked, only an unlock opens it; a reading never does.
        assertTrue(gate.refresh { true })
    }

    @Test
    fun `observers see every change of the lock`() {
        val seen = mutableListOf<Boolean>()
        session.gate.observe { seen += it is SessionGate.State.Locked }
        unlock()
        session.backgrounded()
        assertEquals(listOf(true, false, true), seen)
    }

    // --- which screens a lock hides ----------------------------------------------------------------

    @Test
    fun `a lock replaces every wallet screen by unlock, and leaves the others`() {
        for (r in listOf("diplomas", "diploma/{id}", "present/{id}", "after-recovery")) {
            assertEquals(RouteDecision.GO_TO_UNLOCK, RouteAccess.decide(r, locked = true), r)
            assertEquals(RouteDecision.STAY, RouteAccess.decide(r, locked = false), r)
        }
        for (r in listOf("start", "onboarding?resume={resume}", "unlock", "verifier", "settings")) {
            assertEquals(RouteDecision.STAY, RouteAccess.decide(r, locked = true), r)
        }
        assertEquals(RouteDecision.GO_TO_UNLOCK, RouteAccess.decide("backup-someday", locked = true), "fail closed")
        assertEquals(RouteDecision.STAY, RouteAccess.decide(null, locked = true))
    }

    @Test
    fun `every route of the NavHost is classified, once`() {
        val repo = System.getProperty("qujat.repo")?.let(::File)
        assumeTrue(repo != null, "run through scripts/jvm-test.sh")
        // Every `object …Routes { const val … = "…" }` of the app (Routes in ui/Navigation.kt,
        // SecurityRoutes in ui/security/SecurityNavigation.kt, any added later).
        val sources = File(repo, "android/app/src/main/kotlin").walk().filter { it.extension == "kt" }.map { it.readText() }
        val routes = sources.flatMap { text ->
            Regex("""object [A-Za-z]*Routes \{(.*?)\n}""", RegexOption.DOT_MATCHES_ALL).findAll(text).flatMap { obj ->
                Regex("""const val [A-Z_]+ = "([^"]+)"""").findAll(obj.groupValues[1]).map { it.groupValues[1] }
            }
        }.toList()
        assertTrue(routes.size >= 16 && "security/pin" in routes && "diplomas" in routes, "found $routes")
        for (r in routes) {
            assertTrue((r in RouteAccess.OPEN) != (r in RouteAccess.WALLET), "classify \"$r\" in RouteAccess (OPEN or WALLET)")
        }
        assertTrue(RouteAccess.OPEN.intersect(RouteAccess.WALLET).isEmpty())
    }
}
