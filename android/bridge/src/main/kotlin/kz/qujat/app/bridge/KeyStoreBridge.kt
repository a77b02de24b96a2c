package kz.qujat.app.bridge

import kz.qujat.app.logic.keystore.KeyWrapException
import kz.qujat.app.logic.keystore.KeyWrapper
import kz.qujat.app.logic.port.KeyStoreFault
import kz.qujat.core.KeyStoreException
import kz.qujat.core.PlatformKeyStore

/**
 * The app's [KeyWrapper] as the core's `PlatformKeyStore` foreign trait. Every failure leaves
 * as a typed `KeyStoreException`; anything unexpected becomes `Unavailable` here rather than
 * an untyped exception crossing into Rust.
 */
class KeyStoreBridge(private val keys: KeyWrapper) : PlatformKeyStore {
    private inline fun <T> guard(block: () -> T): T =
        try {
            block()
        } catch (e: KeyWrapException) {
            throw Mapping.keyStoreException(e.fault)
        } catch (e: KeyStoreException) {
            throw e
        } catch (e: Exception) {
            throw Mapping.keyStoreException(KeyStoreFault.UNAVAILABLE)
        }

    override fun wrap(alias: String, plaintext: ByteArray): ByteArray = guard { keys.wrap(alias, plaintext) }

    override fun unwrap(alias: String, wrapped: ByteArray): ByteArray = guard { keys.unwrap(alias, wrapped) }

    override fun delete(alias: String) = guard { keys.delete(alias) }

    override fun aliasesWithPrefix(prefix: String): List<String> = guard { keys.aliasesWithPrefix(prefix) }

    override fun isHardwareBacked(): Boolean = runCatching { keys.isHardwareBacked() }.getOrDefault(false)
}
