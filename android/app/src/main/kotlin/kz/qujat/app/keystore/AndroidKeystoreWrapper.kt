package kz.qujat.app.keystore

import android.content.pm.PackageManager
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyInfo
import android.security.keystore.KeyPermanentlyInvalidatedException
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import android.security.keystore.UserNotAuthenticatedException
import java.security.GeneralSecurityException
import java.security.KeyStore
import java.security.ProviderException
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.SecretKeyFactory
import kz.qujat.app.logic.keystore.AesGcmWrapFormat
import kz.qujat.app.logic.keystore.KeyStoreLevel
import kz.qujat.app.logic.keystore.KeyStoreWarning
import kz.qujat.app.logic.keystore.KeyWrapException
import kz.qujat.app.logic.keystore.KeyWrapper
import kz.qujat.app.logic.port.KeyStoreFault

/**
 * The core's platform key store on Android: one AES-256-GCM key per alias in AndroidKeyStore,
 * in StrongBox when the phone has one (else the TEE), non-exportable. The bytes it wraps are
 * the vault's key bundle (itself sealed under the Argon2id(PIN) key); the wrap format is
 * [AesGcmWrapFormat], shared with the JVM tests.
 *
 * `setUserAuthenticationRequired(false)`, on purpose: the wallet authenticates the holder itself
 * (PIN with Argon2id + authenticator code, attempts counted and delayed, optional wipe). Tying the
 * key to the device's screen lock as well would
 *  - make the wallet unusable on phones without a secure screen lock (still common), and
 *  - destroy the key (KeyPermanentlyInvalidatedException) whenever the screen lock is removed
 *    or, with biometrics, when a fingerprint is enrolled — losing every diploma for a setting
 *    change that says nothing about the wallet's holder.
 * What this key adds is that the vault file opens on this phone only: a copied file (backup,
 * forensic image) cannot be attacked offline, even with the PIN guessed, without the Keystore.
 * And since the core replaces the key at every unlock attempt and deletes the previous one, a
 * copy of the file put back later finds no key: `deleteEntry` in the Keystore is real (the
 * key material lives in the TEE / StrongBox, not in the app's files), which is what makes the
 * lockout counter impossible to roll back by restoring the app's data (docs/SECURITY.md).
 * android/README.md states the trade-off.
 */
class AndroidKeystoreWrapper(private val hasStrongBox: Boolean) : KeyWrapper {
    private val keyStore: KeyStore by lazy { KeyStore.getInstance(PROVIDER).apply { load(null) } }

    @Volatile
    private var level: KeyStoreLevel? = null

    override fun wrap(alias: String, plaintext: ByteArray): ByteArray = mapped {
        AesGcmWrapFormat.checkAlias(alias)
        AesGcmWrapFormat.seal(existing(alias) ?: create(alias), alias, plaintext)
    }

    override fun unwrap(alias: String, wrapped: ByteArray): ByteArray = mapped {
        AesGcmWrapFormat.checkAlias(alias)
        val key = existing(alias) ?: throw KeyWrapException(KeyStoreFault.KEY_NOT_FOUND)
        AesGcmWrapFormat.open(key, alias, wrapped)
    }

    override fun delete(alias: String) = mapped {
        AesGcmWrapFormat.checkAlias(alias)
        if (keyStore.containsAlias(alias)) keyStore.deleteEntry(alias)
    }

    /**
     * The core's key chain (`qujat-vault-<hex>.g<n>`): it rotates the key at every unlock
     * attempt and asks which generations exist to tell an older copy of its file from a lost key.
     */
    override fun aliasesWithPrefix(prefix: String): List<String> = mapped {
        keyStore.aliases().toList().filter { it.startsWith(prefix) }
    }

    /** Whether the keys live in secure hardware ([securityLevel], decided by [KeyStoreWarning]). */
    override fun isHardwareBacked(): Boolean = KeyStoreWarning.isHardwareBacked(securityLevel())

    /**
     * Where the keys live, from [KeyInfo] of a key this class made (a probe key is made once if
     * none exists yet): `securityLevel` on API 31+, `isInsideSecureHardware` before. A probe that
     * fails is [KeyStoreLevel.UNKNOWN] (warned as software, asked again next time); an answer is
     * cached: it does not change on a phone. Blocking (Keystore): call it off the main thread.
     */
    fun securityLevel(): KeyStoreLevel = level ?: runCatching {
        val key = existing(PROBE_ALIAS) ?: create(PROBE_ALIAS)
        val info = SecretKeyFactory.getInstance(key.algorithm, PROVIDER).getKeySpec(key, KeyInfo::class.java) as KeyInfo
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
            when (info.securityLevel) {
                KeyProperties.SECURITY_LEVEL_STRONGBOX -> KeyStoreLevel.STRONGBOX
                KeyProperties.SECURITY_LEVEL_TRUSTED_ENVIRONMENT -> KeyStoreLevel.TRUSTED_ENVIRONMENT
                KeyProperties.SECURITY_LEVEL_UNKNOWN_SECURE -> KeyStoreLevel.SECURE_HARDWARE
                KeyProperties.SECURITY_LEVEL_SOFTWARE -> KeyStoreLevel.SOFTWARE
                else -> KeyStoreLevel.UNKNOWN
            }
        } else {
            @Suppress("DEPRECATION")
            if (info.isInsideSecureHardware) KeyStoreLevel.SECURE_HARDWARE else KeyStoreLevel.SOFTWARE
        }
    }.getOrDefault(KeyStoreLevel.UNKNOWN).also { if (it != KeyStoreLevel.UNKNOWN) level = it }

    private fun existing(alias: String): SecretKey? = keyStore.getKey(alias, null) as? SecretKey

    private fun create(alias: String): SecretKey {
        if (hasStrongBox && Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) {
            try {
                return generate(alias, strongBox = true)
            } catch (e: StrongBoxUnavailableException) {
                // Advertised but not usable for this key: the TEE it is.
            } catch (e: ProviderException) {
                // Some StrongBox implementations fail here instead; fall back the same way.
            }
        }
        return generate(alias, strongBox = false)
    }

    private fun generate(alias: String, strongBox: Boolean): SecretKey {
        val spec = KeyGenParameterSpec.Builder(alias, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setKeySize(256)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setRandomizedEncryptionRequired(true)
            .setUserAuthenticationRequired(false) // see the class documentation
            // Usable only while the phone is unlocked (API 28+): a stolen, locked phone's
            // Keystore does not unwrap the bundle, whatever runs on it. On a phone without a
            // secure screen lock the platform treats it as always unlocked (AOSP keystore; not
            // verified on a device here).
            .apply { if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) setUnlockedDeviceRequired(true) }
            .apply { if (strongBox && Build.VERSION.SDK_INT >= Build.VERSION_CODES.P) setIsStrongBoxBacked(true) }
            .build()
        return KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER).run {
            init(spec)
            generateKey()
        }
    }

    /** Platform exceptions as the core's key-store errors; nothing untyped crosses. */
    private inline fun <T> mapped(block: () -> T): T =
        try {
            block()
        } catch (e: KeyWrapException) {
            throw e
        } catch (e: KeyPermanentlyInvalidatedException) {
            throw KeyWrapException(KeyStoreFault.KEY_INVALIDATED, e)
        } catch (e: UserNotAuthenticatedException) {
            throw KeyWrapException(KeyStoreFault.USER_AUTHENTICATION_REQUIRED, e)
        } catch (e: java.security.KeyStoreException) {
            throw KeyWrapException(KeyStoreFault.UNAVAILABLE, e)
        } catch (e: GeneralSecurityException) {
            throw KeyWrapException(KeyStoreFault.UNAVAILABLE, e)
        } catch (e: ProviderException) {
            throw KeyWrapException(KeyStoreFault.UNAVAILABLE, e)
        } catch (e: java.io.IOException) {
            throw KeyWrapException(KeyStoreFault.IO, e)
        }

    companion object {
        private const val PROVIDER = "AndroidKeyStore"
        private const val PROBE_ALIAS = "qujat-probe"

        fun forDevice(pm: PackageManager): AndroidKeystoreWrapper = AndroidKeystoreWrapper(
            hasStrongBox = Build.VERSION.SDK_INT >= Build.VERSION_CODES.P &&
                pm.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE),
        )
    }
}
