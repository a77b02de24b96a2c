package kz.qujat.app.logic.keystore

import java.nio.charset.StandardCharsets
import javax.crypto.AEADBadTagException
import javax.crypto.Cipher
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec
import kz.qujat.app.logic.port.KeyStoreFault

/** A key-store failure, with the kind the core's `KeyStoreError` knows. */
class KeyWrapException(val fault: KeyStoreFault, cause: Throwable? = null) :
    Exception("key store: $fault", cause)

/**
 * The platform key store as the core wants it (its `PlatformKeyStore` foreign trait): wrap and
 * unwrap the vault's key bundle under a key that never leaves the platform. The Android app
 * implements it over AndroidKeyStore (see `AndroidKeystoreWrapper`); the bridge adapts it to
 * the generated interface.
 */
interface KeyWrapper {
    /** Encrypt under the key named [alias], creating the key if needed. */
    @Throws(KeyWrapException::class)
    fun wrap(alias: String, plaintext: ByteArray): ByteArray

    @Throws(KeyWrapException::class)
    fun unwrap(alias: String, wrapped: ByteArray): ByteArray

    /**
     * Destroy the key; a missing key is not an error. The deletion must be real: it is what
     * makes an older copy of the wallet file useless (the core rotates its key at every unlock
     * attempt, PIN change and wipe).
     */
    @Throws(KeyWrapException::class)
    fun delete(alias: String)

    /** Every alias held that starts with [prefix] (the core's key chain: `<base>.g<n>`). */
    @Throws(KeyWrapException::class)
    fun aliasesWithPrefix(prefix: String): List<String>

    /** Whether the keys live in hardware the app process cannot read. */
    fun isHardwareBacked(): Boolean
}

/**
 * The wrapped-bytes format, shared by every AES-GCM key wrapper (JCA, so the same code runs
 * over an AndroidKeyStore key on a phone and a software key in the JVM tests):
 *
 * ```
 * 0x01 | IV (12 bytes, chosen by the cipher) | AES-256-GCM ciphertext with its 16-byte tag
 * AAD = "qujat/keystore/v1:" + alias (UTF-8)
 * ```
 *
 * The alias in the AAD binds a blob to the key slot it was made for, so bytes moved from one
 * alias to another do not open. The IV comes from the cipher: AndroidKeyStore refuses
 * caller-chosen IVs for encryption (randomized encryption is required), and the JCA provider
 * draws a fresh one per call.
 */
object AesGcmWrapFormat {
    const val VERSION: Byte = 1
    const val IV_LEN: Int = 12
    const val TAG_BITS: Int = 128
    private const val TRANSFORMATION = "AES/GCM/NoPadding"
    private const val AAD_PREFIX = "qujat/keystore/v1:"

    private fun aad(alias: String): ByteArray = (AAD_PREFIX + alias).toByteArray(StandardCharsets.UTF_8)

    /** Encrypt [plaintext] under [key] for [alias]. */
    fun seal(key: SecretKey, alias: String, plaintext: ByteArray): ByteArray {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, key)
        val iv = cipher.iv ?: throw KeyWrapException(KeyStoreFault.UNAVAILABLE)
        if (iv.size != IV_LEN) throw KeyWrapException(KeyStoreFault.UNAVAILABLE)
        cipher.updateAAD(aad(alias))
        val body = cipher.doFinal(plaintext)
        return byteArrayOf(VERSION) + iv + body
    }

    /**
     * Decrypt what [seal] made for the same [alias]; bytes that are not that are
     * [KeyStoreFault.INVALID_DATA].
     */
    fun open(key: SecretKey, alias: String, wrapped: ByteArray): ByteArray {
        if (wrapped.size < 1 + IV_LEN + TAG_BITS / 8 || wrapped[0] != VERSION) {
            throw KeyWrapException(KeyStoreFault.INVALID_DATA)
        }
        val iv = wrapped.copyOfRange(1, 1 + IV_LEN)
        val cipher = Cipher.getInstance(TRANSFORMATION)
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BITS, iv))
            cipher.updateAAD(aad(alias))
            return cipher.doFinal(wrapped, 1 + IV_LEN, wrapped.size - 1 - IV_LEN)
        } catch (e: AEADBadTagException) {
            throw KeyWrapException(KeyStoreFault.INVALID_DATA, e)
        }
        // Other exceptions (an invalidated or locked platform key, a provider failure) propagate
        // unchanged: the platform's wrapper knows their types and maps them (KeyStoreFault).
    }

    /** What the core accepts as an alias (it makes `qujat-vault-<16 hex>.g<n>`): bounded, plain ASCII. */
    fun checkAlias(alias: String) {
        val ok = alias.length in 1..64 && alias.all { it in 'a'..'z' || it in 'A'..'Z' || it in '0'..'9' || it == '-' || it == '_' || it == '.' }
        if (!ok) throw KeyWrapException(KeyStoreFault.BAD_ALIAS)
    }
}
