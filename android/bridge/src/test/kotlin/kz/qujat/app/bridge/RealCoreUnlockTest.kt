package kz.qujat.app.bridge

import kz.qujat.app.logic.port.KeyStoreFault
import kz.qujat.app.logic.unlock.UnlockMessage
import kz.qujat.app.logic.unlock.UnlockOutcome
import kz.qujat.app.logic.unlock.UnlockPresenter
import kz.qujat.core.KeyStoreException
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The unlock screen's logic against the real gate: attempts, replay, lockout, recovery, key store. */
class RealCoreUnlockTest {
    private val clock = MovableClock()
    private val keys = SoftwareKeyWrapper()
    private val wallet = testWallet(Fixtures.tempDir().resolve("wallet.db").path, keys, clock)
    private lateinit var uri: String
    private lateinit var codes: List<String>
    private val pin = "582039"

    private fun setUp() {
        val done = onboard(wallet, pin, clock)
        uri = done.otpauthUri
        codes = done.recoveryCodes
        wallet.lock()
    }

    private fun code() = Authenticator.code(uri, clock.now)

    @Test
    fun `wrong PIN, replayed code, then the next code unlocks`() {
        setUp()
        val u = UnlockPresenter(wallet, CoreRules, clock).also { it.refresh() }
        u.submit("000000", code())
        assertEquals(UnlockMessage.WrongPin(9), u.state.message)
        u.submit(pin, code()) // the code that confirmed enrolment: already used
        assertInstanceOf(UnlockMessage.CodeAlreadyUsed::class.java, u.state.message)
        clock.advance(30)
        u.submit(pin, code())
        assertEquals(UnlockOutcome.UNLOCKED, u.state.outcome)
        assertTrue(wallet.isUnlocked())
    }

    @Test
    fun `five failures start the core's one-minute wait, and the countdown ends it`() {
        setUp()
        val u = UnlockPresenter(wallet, CoreRules, clock).also { it.refresh() }
        repeat(5) { u.submit("000000", code()) }
        val until = u.state.lockedUntil
        assertTrue(until != null && until > clock.now, "a wait is in force")
        assertEquals(60L, u.state.secondsLeft)
        assertFalse(u.state.canSubmit)
        clock.advance(59)
        u.tick()
        assertEquals(1L, u.state.secondsLeft)
        clock.advance(1)
        u.tick()
        assertTrue(u.state.canSubmit, "the core agrees the wait is over")
        clock.advance(30)
        u.submit(pin, code())
        assertEquals(UnlockOutcome.UNLOCKED, u.state.outcome)
    }

    @Test
    fun `a recovery code unlocks once`() {
        setUp()
        val u = UnlockPresenter(wallet, CoreRules, clock).also { it.refresh() }
        u.submit(pin, codes[0].lowercase().replace("-", " "))
        assertEquals(UnlockOutcome.UNLOCKED, u.state.outcome)
        assertEquals(9, wallet.recoveryCodesLeft())
        wallet.lock()
        val again = UnlockPresenter(wallet, CoreRules, clock).also { it.refresh() }
        again.submit(pin, codes[0])
        assertEquals(UnlockMessage.WrongCode(9), again.state.message)
    }

    @Test
    fun `a key invalidated by the platform is reported as such`() {
        setUp()
        keys.failUnwrapWith = KeyStoreFault.KEY_INVALIDATED
        val u = UnlockPresenter(wallet, CoreRules, clock).also { it.refresh() }
        u.submit(pin, code())
        assertEquals(UnlockMessage.KeyStoreProblem(KeyStoreFault.KEY_INVALIDATED), u.state.message)
    }

    @Test
    fun `the key-store bridge turns every failure into a typed error`() {
        val bridge = KeyStoreBridge(keys)
        val w = bridge.wrap("qujat-vault-0011223344556677", byteArrayOf(1, 2, 3))
        assertTrue(bridge.unwrap("qujat-vault-0011223344556677", w).contentEquals(byteArrayOf(1, 2, 3)))
        assertThrows(KeyStoreException.InvalidData::class.java) { bridge.unwrap("qujat-vault-0011223344556677", w.copyOf(w.size - 1)) }
        assertThrows(KeyStoreException.KeyNotFound::class.java) { bridge.unwrap("qujat-vault-ffffffffffffffff", w) }
        assertThrows(KeyStoreException.BadAlias::class.java) { bridge.wrap("bad/alias", byteArrayOf()) }
        keys.throwUnexpected = true
        assertThrows(KeyStoreException.Unavailable::class.java) { bridge.unwrap("qujat-vault-0011223344556677", w) }
        assertFalse(bridge.isHardwareBacked())
    }
}
