// The foreign traits: a key store and a clock written in Kotlin, their errors crossing into
// Rust as typed errors, and a panic (a clock that throws) coming back as an exception, not a crash.
package kz.qujat.tests

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kz.qujat.core.*
import org.junit.jupiter.api.Test

class ForeignTraitTest {
    @Test
    fun `the Kotlin key store is what the wallet uses`() {
        val world = World()
        val ks = JvmKeyStore()
        val h = Holder(world, ks)
        assertTrue(ks.calls.get() >= 2, "wrap at setup, unwrap at confirm")
        val before = ks.calls.get()
        h.wallet.lock()
        h.unlock()
        assertTrue(ks.calls.get() > before, "unlock unwraps through Kotlin")
        assertEquals(1, ks.aliases().size)
    }

    @Test
    fun `key store errors reach the app typed`() {
        val world = World()
        val denying = object : JvmKeyStore() {
            override fun wrap(alias: String, plaintext: ByteArray): ByteArray =
                throw KeyStoreException.UserAuthenticationRequired()
        }
        val w = Wallet.openWithClock("${tempDir()}/w.db", denying, world.clock, testOptions())
        val e = assertFailsWith<WalletException.KeyStore> { w.setup(PIN, "wallet") }
        assertEquals(KeyStoreException.UserAuthenticationRequired::class, e.error::class)

        val broken = object : JvmKeyStore() {
            override fun wrap(alias: String, plaintext: ByteArray): ByteArray = throw IllegalStateException("boom")
        }
        val w2 = Wallet.openWithClock("${tempDir()}/w.db", broken, world.clock, testOptions())
        val e2 = assertFailsWith<WalletException.KeyStore> { w2.setup(PIN, "wallet") }
        assertEquals(KeyStoreException.Unavailable::class, e2.error::class, "an unexpected exception becomes Unavailable")

        val h = Holder(world)
        h.wallet.lock()
        val lost = object : JvmKeyStore() {
            override fun unwrap(alias: String, wrapped: ByteArray): ByteArray = throw KeyStoreException.KeyInvalidated()
        }
        val reopened = Wallet.openWithClock(h.path, lost, world.clock, testOptions())
        world.clock.advance(30)
        val e3 = assertFailsWith<WalletException.KeyStore> { reopened.unlock(PIN, h.code()) }
        assertEquals(KeyStoreException.KeyInvalidated::class, e3.error::class)
    }

    @Test
    fun `a panic inside Rust comes back as an exception and the library keeps working`() {
        val throwing = object : Clock {
            // No stack trace: uniffi puts the exception's trace into the panic message (log noise).
            override fun now(): Long = throw object : IllegalStateException("clock broke") {
                override fun fillInStackTrace(): Throwable = this
            }
        }
        val w = Wallet.openWithClock("${tempDir()}/w.db", JvmKeyStore(), throwing, testOptions())
        val e = runCatching { w.status() }.exceptionOrNull()
        assertTrue(e is InternalException, "got $e")
        // The same library still serves other objects.
        val world = World()
        assertEquals(WalletState.READY, Holder(world).wallet.status().state)
    }
}
