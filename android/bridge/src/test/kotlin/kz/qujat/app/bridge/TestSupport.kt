package kz.qujat.app.bridge

import java.io.File
import java.net.URLDecoder
import java.nio.ByteBuffer
import java.nio.file.Files
import java.util.concurrent.ConcurrentHashMap
import javax.crypto.KeyGenerator
import javax.crypto.Mac
import javax.crypto.SecretKey
import javax.crypto.spec.SecretKeySpec
import kz.qujat.app.logic.keystore.AesGcmWrapFormat
import kz.qujat.app.logic.keystore.KeyWrapException
import kz.qujat.app.logic.keystore.KeyWrapper
import kz.qujat.app.logic.onboarding.OnboardingPresenter
import kz.qujat.app.logic.onboarding.OnboardingState
import kz.qujat.app.logic.port.KeyStoreFault
import kz.qujat.core.Clock as CoreClock
import kz.qujat.core.IssuerTool
import kz.qujat.core.KdfCost
import kz.qujat.core.LocalizedText
import kz.qujat.core.TrustAnchorTool
import kz.qujat.core.TrustedIssuer
import kz.qujat.core.TrustedKey
import kz.qujat.core.Verifier
import kz.qujat.core.Wallet
import kz.qujat.core.WalletOptions
import kz.qujat.core.defaultWalletOptions
import kz.qujat.app.logic.port.Clock as LogicClock

/** Options for tests: the cheap KDF (only the test build of the library has it). */
fun testWalletOptions(): WalletOptions = defaultWalletOptions().copy(kdf = KdfCost.INSECURE_FOR_TESTS)

/** A wallet on [clock] with the tests' options (`Wallet.openWithClock`: test build only). */
fun testWallet(path: String, keys: KeyWrapper, clock: MovableClock): CoreWallet =
    CoreWallet(Wallet.openWithClock(path, KeyStoreBridge(keys), clock, testWalletOptions()))

/** An in-memory verifier on [clock] (`Verifier.withClock`: test build only). */
/**
 * A trust list signed by [anchor] that accredits [issuer] as `kz.enu` (ENU, named in kk/ru/en):
 * issued a minute before [clock]'s now, valid 30 days, the key a year either side of now. The
 * one ENU entry the bridge's real-core tests share.
 */
fun enuTrustList(anchor: TrustAnchorTool, issuer: IssuerTool, clock: MovableClock, sequence: ULong = 1uL): ByteArray {
    val day = 86_400L
    val enu = TrustedIssuer(
        "kz.enu",
        LocalizedText("Л.Н. Гумилев атындағы Еуразия ұлттық университеті", "ЕНУ им. Л.Н. Гумилёва", "L.N. Gumilyov ENU"),
        listOf(TrustedKey(issuer.publicKey(), clock.now - 365 * day, clock.now + 365 * day)),
    )
    return anchor.signTrustList(sequence, clock.now - 60, clock.now + 30 * day, listOf(enu))
}

/** What onboarding handed over once: the authenticator URI and the recovery codes. */
class Onboarded(val otpauthUri: String, val recoveryCodes: List<String>)

/**
 * Sets [wallet] up through the onboarding presenter with [pin] and a real first code at
 * [clock]'s now, as the screens do; the wallet is unlocked afterwards.
 */
fun onboard(wallet: CoreWallet, pin: String, clock: MovableClock): Onboarded {
    val p = OnboardingPresenter(wallet, CoreRules)
    p.choosePin(pin)
    p.confirmPin(pin)
    val uri = (p.state as OnboardingState.Authenticator).otpauthUri
    p.authenticatorAdded()
    val codes = (p.state as OnboardingState.RecoveryCodes).codes
    p.acknowledgeCodes(true)
    p.codesWrittenDown()
    p.submitFirstCode(Authenticator.code(uri, clock.now))
    return Onboarded(uri, codes)
}

fun testVerifier(anchorPublicKey: ByteArray, clock: MovableClock): CoreVerifier =
    CoreVerifier(Verifier.withClock(anchorPublicKey, clock))

/** A verifier with its state in [dir], as [CoreVerifier.open] keeps it, on [clock]. */
fun testVerifier(dir: File, anchorPublicKey: ByteArray, clock: MovableClock): CoreVerifier =
    CoreVerifier(Verifier.openWithClock(CoreVerifier.statePath(dir, anchorPublicKey), anchorPublicKey, clock))

/** One clock for the Rust side (foreign trait) and the presenters. */
class MovableClock(var now: Long = System.currentTimeMillis() / 1000) : CoreClock, LogicClock {
    override fun now(): Long = now
    override fun nowSeconds(): Long = now
    fun advance(secs: Long) {
        now += secs
    }
}

/**
 * The JVM stand-in for AndroidKeystoreWrapper: the same wrap format over software AES keys.
 * Not hardware-backed, and says so. [failUnwrapWith] simulates a key the platform invalidated.
 */
class SoftwareKeyWrapper : KeyWrapper {
    private val keys = ConcurrentHashMap<String, SecretKey>()
    var failUnwrapWith: KeyStoreFault? = null
    var throwUnexpected = false

    private fun key(alias: String): SecretKey =
        keys.getOrPut(alias) { KeyGenerator.getInstance("AES").apply { init(256) }.generateKey() }

    override fun wrap(alias: String, plaintext: ByteArray): ByteArray {
        AesGcmWrapFormat.checkAlias(alias)
        return AesGcmWrapFormat.seal(key(alias), alias, plaintext)
    }

    override fun unwrap(alias: String, wrapped: ByteArray): ByteArray {
        if (throwUnexpected) throw IllegalStateException("boom")
        failUnwrapWith?.let { throw KeyWrapException(it) }
        val k = keys[alias] ?: throw KeyWrapException(KeyStoreFault.KEY_NOT_FOUND)
        return AesGcmWrapFormat.open(k, alias, wrapped)
    }

    override fun delete(alias: String) {
        keys.remove(alias)
    }

    override fun aliasesWithPrefix(prefix: String): List<String> = keys.keys.filter { it.startsWith(prefix) }

    override fun isHardwareBacked(): Boolean = false
}

/** What an authenticator app does with the otpauth URI (RFC 6238: SHA-1, 6 digits, 30 s). */
object Authenticator {
    private fun base32(s: String): ByteArray {
        val alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
        val out = java.io.ByteArrayOutputStream()
        var buffer = 0
        var bits = 0
        for (c in s.uppercase().trimEnd('=')) {
            buffer = (buffer shl 5) or alphabet.indexOf(c).also { require(it >= 0) { "not base32" } }
            bits += 5
            if (bits >= 8) {
                bits -= 8
                out.write((buffer shr bits) and 0xff)
            }
        }
        return out.toByteArray()
    }

    fun secretOf(uri: String): ByteArray {
        require(uri.startsWith("otpauth://totp/")) { "not a TOTP URI" }
        val query = uri.substringAfter('?').split('&').associate {
            it.substringBefore('=') to URLDecoder.decode(it.substringAfter('='), "UTF-8")
        }
        require(query["digits"] in listOf(null, "6") && query["period"] in listOf(null, "30")) { "unexpected profile" }
        require(query["algorithm"] in listOf(null, "SHA1")) { "unexpected algorithm" }
        return base32(query.getValue("secret"))
    }

    fun code(uri: String, now: Long): String {
        val mac = Mac.getInstance("HmacSHA1").apply { init(SecretKeySpec(secretOf(uri), "HmacSHA1")) }
        val h = mac.doFinal(ByteBuffer.allocate(8).putLong(now / 30).array())
        val o = h[h.size - 1].toInt() and 0x0f
        val bin = ((h[o].toInt() and 0x7f) shl 24) or ((h[o + 1].toInt() and 0xff) shl 16) or
            ((h[o + 2].toInt() and 0xff) shl 8) or (h[o + 3].toInt() and 0xff)
        return (bin % 1_000_000).toString().padStart(6, '0')
    }
}

object Fixtures {
    private val dir: File = File(System.getProperty("qujat.fixtures") ?: "tests/fixtures")

    fun diploma(name: String): String = File(dir, "diplomas/$name.json").readText()

    fun tempDir(): File = Files.createTempDirectory("qujat-bridge-test").toFile().also { it.deleteOnExit() }
}
