// Shared pieces of the Kotlin binding tests: a key store and a clock implemented in Kotlin,
// TOTP computed from the otpauth URI (RFC 6238), and a small world of anchor, issuer and lists.
package kz.qujat.tests

import java.io.File
import java.net.URI
import java.net.URLDecoder
import java.nio.ByteBuffer
import java.nio.file.Files
import java.security.SecureRandom
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.Mac
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec
import javax.crypto.spec.SecretKeySpec
import kz.qujat.core.*

const val PIN = "739146"
const val DAY = 86_400L
const val YEAR = 365 * DAY

/** Tiny Argon2 parameters: the KDF would otherwise dominate every test. */
fun testOptions(atMax: AtMaxFailures = AtMaxFailures.WIPE_DATA_KEY) =
    defaultWalletOptions().copy(kdf = KdfCost.INSECURE_FOR_TESTS, atMaxFailures = atMax)

/**
 * The platform key store as an app would write it, on the JVM: one AES-256-GCM key per alias
 * (javax.crypto; on Android this is where the Keystore's non-exportable key would be used),
 * output = 12-byte nonce ‖ ciphertext ‖ tag, the alias bound as associated data.
 */
open class JvmKeyStore : PlatformKeyStore {
    private val keys = ConcurrentHashMap<String, SecretKey>()
    private val random = SecureRandom()
    val calls = AtomicInteger()

    override fun wrap(alias: String, plaintext: ByteArray): ByteArray {
        calls.incrementAndGet()
        if (alias.isEmpty()) throw KeyStoreException.BadAlias()
        val key = keys.computeIfAbsent(alias) { KeyGenerator.getInstance("AES").apply { init(256) }.generateKey() }
        val nonce = ByteArray(12).also(random::nextBytes)
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, key, GCMParameterSpec(128, nonce))
        cipher.updateAAD(alias.toByteArray())
        return nonce + cipher.doFinal(plaintext)
    }

    override fun unwrap(alias: String, wrapped: ByteArray): ByteArray {
        calls.incrementAndGet()
        val key = keys[alias] ?: throw KeyStoreException.KeyNotFound()
        if (wrapped.size < 12 + 16) throw KeyStoreException.InvalidData()
        val cipher = Cipher.getInstance("AES/GCM/NoPadding")
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(128, wrapped.copyOfRange(0, 12)))
        cipher.updateAAD(alias.toByteArray())
        return try {
            cipher.doFinal(wrapped.copyOfRange(12, wrapped.size))
        } catch (e: javax.crypto.AEADBadTagException) {
            throw KeyStoreException.InvalidData()
        }
    }

    override fun delete(alias: String) {
        calls.incrementAndGet()
        keys.remove(alias)
    }

    override fun aliasesWithPrefix(prefix: String): List<String> {
        calls.incrementAndGet()
        return keys.keys.filter { it.startsWith(prefix) }
    }

    override fun isHardwareBacked(): Boolean = false

    fun aliases(): Set<String> = keys.keys.toSet()

    /** Replace every key (what a platform does when it invalidates keys). */
    fun rotateAllKeys() {
        for (alias in keys.keys) keys[alias] = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()
    }
}

/** A clock the test moves; starts at the real time so the issued fixtures are in range. */
class TestClock(start: Long = System.currentTimeMillis() / 1000) : Clock {
    private val t = AtomicLong(start)
    override fun now(): Long = t.get()
    fun advance(secs: Long) { t.addAndGet(secs) }
    fun set(secs: Long) { t.set(secs) }
}

/** RFC 6238 TOTP from an `otpauth://totp/…` URI, computed with javax.crypto's HMAC. */
class Totp(uri: String) {
    private val secret: ByteArray
    private val digits: Int
    private val period: Long
    private val algorithm: String

    init {
        val u = URI(uri)
        require(u.scheme == "otpauth" && u.host == "totp") { "not a TOTP URI" }
        val params = u.rawQuery.split("&").associate {
            val (k, v) = it.split("=", limit = 2)
            k to URLDecoder.decode(v, "UTF-8")
        }
        secret = base32Decode(params.getValue("secret"))
        digits = params["digits"]?.toInt() ?: 6
        period = params["period"]?.toLong() ?: 30
        algorithm = when (params["algorithm"]?.uppercase() ?: "SHA1") {
            "SHA1" -> "HmacSHA1"
            "SHA256" -> "HmacSHA256"
            "SHA512" -> "HmacSHA512"
            else -> error("unknown algorithm")
        }
    }

    fun code(unixSeconds: Long): String {
        val mac = Mac.getInstance(algorithm)
        mac.init(SecretKeySpec(secret, algorithm))
        val h = mac.doFinal(ByteBuffer.allocate(8).putLong(unixSeconds / period).array())
        val o = h[h.size - 1].toInt() and 0x0f
        val bin = ((h[o].toInt() and 0x7f) shl 24) or ((h[o + 1].toInt() and 0xff) shl 16) or
            ((h[o + 2].toInt() and 0xff) shl 8) or (h[o + 3].toInt() and 0xff)
        var mod = 1
        repeat(digits) { mod *= 10 }
        return (bin % mod).toString().padStart(digits, '0')
    }

    companion object {
        fun base32Decode(s: String): ByteArray {
            val alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
            val out = java.io.ByteArrayOutputStream()
            var buffer = 0
            var bits = 0
            for (c in s.trimEnd('=').uppercase()) {
                val v = alphabet.indexOf(c)
                require(v >= 0) { "not base32" }
                buffer = (buffer shl 5) or v
                bits += 5
                if (bits >= 8) {
                    bits -= 8
                    out.write((buffer shr bits) and 0xff)
                }
            }
            return out.toByteArray()
        }
    }
}

fun fixture(name: String): String {
    val dir = System.getProperty("qujat.fixtures")?.let { "$it/diplomas" } ?: "tests/fixtures/diplomas"
    return File(dir, "$name.json").readText()
}

fun tempDir(): File = Files.createTempDirectory("qujat-kt").toFile().also { it.deleteOnExit() }

/** An anchor, the ENU issuer accredited in a signed trust list, and its status list. */
class World(val clock: TestClock = TestClock()) {
    val anchor = TrustAnchorTool.generate()
    val enu = IssuerTool.generate("kz.enu")
    val now get() = clock.now()
    val trustList: ByteArray = trustListOf(listOf(enu))

    fun trustListOf(issuers: List<IssuerTool>, sequence: ULong = 1uL, expiresAt: Long = now + 30 * DAY): ByteArray =
        anchor.signTrustList(sequence, now - DAY, expiresAt, issuers.map { accredit(it) })

    fun accredit(i: IssuerTool) = TrustedIssuer(
        i.id(),
        LocalizedText("Л.Н. Гумилев атындағы ЕҰУ", "ЕНУ им. Л.Н. Гумилева", "L.N. Gumilyov ENU"),
        listOf(TrustedKey(i.publicKey(), now - YEAR, now + 4 * YEAR)),
    )

    fun issue(holder: ByteArray, index: ULong = 0uL, issuer: IssuerTool = enu, json: String = fixture("enu-bachelor-honors")) =
        issuer.issue(json, holder, index, now - 10 * DAY)

    fun statusList(revoked: List<ULong> = emptyList(), issuedAt: Long = now - 3600, issuer: IssuerTool = enu) =
        issuer.statusList(16uL, revoked, issuedAt, 7 * DAY)

    fun verifier(clock: Clock = this.clock): Verifier = Verifier.withClock(anchor.publicKey(), clock).also {
        it.installTrustList(trustList)
        it.installStatusList(statusList())
    }
}

/** A wallet set up, confirmed (so unlocked), with the authenticator's secret at hand. */
class Holder(val world: World, val keyStore: JvmKeyStore = JvmKeyStore(), options: WalletOptions = testOptions()) {
    val dir = tempDir()
    val path = File(dir, "wallet.db").path
    val wallet = Wallet.openWithClock(path, keyStore, world.clock, options)
    private val enrolment = wallet.setup(PIN, "wallet")
    val totp = Totp(enrolment.otpauthUri())
    val recoveryCodes: List<String> = enrolment.recoveryCodes()
    val holderKey: ByteArray = enrolment.holderPublicKey()

    init {
        enrolment.close()
        wallet.confirmEnrolment(PIN, code())
    }

    fun code(): String = totp.code(world.clock.now())

    /** Unlock with a fresh code: the clock moves to the next 30-second step first. */
    fun unlock() {
        world.clock.advance(30)
        wallet.unlock(PIN, code())
    }

    fun importEnu(index: ULong = 0uL): DiplomaSummary =
        wallet.importDiploma(world.issue(holderKey, index), world.trustList, world.anchor.publicKey())
}
