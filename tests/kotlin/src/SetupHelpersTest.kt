// The setup screens' helpers: the PIN policy's verdict before setup (`checkPin`) and a QR code
// of any text (`QrSymbol.encode`), used for the authenticator's otpauth:// URI.
package kz.qujat.tests

import java.io.File
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kz.qujat.core.*
import org.junit.jupiter.api.Test

class SetupHelpersTest {
    @Test
    fun `checkPin gives the policy's reason before setup, and setup agrees`() {
        assertNull(checkPin(PIN))
        assertNull(checkPin("5820417396"))
        val cases = mapOf(
            "12345" to WeakPinReason.TooShort(6u),
            "1".repeat(17) to WeakPinReason.TooLong(16u),
            "12a456" to WeakPinReason.NotDigits,
            "" to WeakPinReason.NotDigits,
            "٣٣٣٣٣٣" to WeakPinReason.NotDigits, // Arabic-Indic digits are not 0-9
            "111111" to WeakPinReason.Repeated,
            "123123" to WeakPinReason.Repeated,
            "123456" to WeakPinReason.Sequence,
            "123321" to WeakPinReason.Mirror,
            "250190" to WeakPinReason.DateLike,
            "147258" to WeakPinReason.Common,
        )
        for ((pin, reason) in cases) assertEquals(reason, checkPin(pin), "verdict for a ${pin.length}-character PIN")

        // The same verdict as setup gives: the app can check while the user types.
        val w = Wallet.open(File(tempDir(), "w.db").path, JvmKeyStore(), testOptions())
        w.use {
            for ((pin, reason) in cases) {
                assertEquals(reason, assertFailsWith<WalletException.WeakPin> { w.setup(pin, "wallet") }.reason)
            }
            w.setup(PIN, "wallet").close()
        }
    }

    @Test
    fun `QrSymbol encodes the otpauth URI as matrix and SVG, and never prints it`() {
        val w = Wallet.open(File(tempDir(), "w.db").path, JvmKeyStore(), testOptions())
        val uri = w.setup(PIN, "wallet").use { it.otpauthUri() }
        val secret = Regex("secret=([A-Z2-7]+)").find(uri)!!.groupValues[1]
        QrSymbol.encode(uri).use { qr ->
            val width = qr.width().toInt()
            assertTrue(qr.version().toInt() in 1..40)
            assertEquals(17 + 4 * qr.version().toInt(), width)
            val modules = qr.modules()
            assertEquals(width * width, modules.size)
            assertTrue(modules.all { it == 0.toByte() || it == 1.toByte() })
            assertEquals(1.toByte(), modules[0]) // finder pattern corner
            val svg = qr.svg()
            assertTrue(svg.contains("<svg"))
            assertFalse(svg.contains(secret))
            assertFalse(qr.toString().contains(secret))
        }
        w.close()
    }

    @Test
    fun `QrSymbol draws text as the presentation QR does, and refuses what does not fit`() {
        val world = World()
        val h = Holder(world)
        val id = h.importEnu().id
        val p = h.wallet.present(id, PresentationRequest(defaultPresentationClaims(Language.EN)))
        QrSymbol.encode(p.text).use { qr ->
            assertEquals(p.qr.width, qr.width())
            assertEquals(p.qr.version, qr.version())
            assertContentEquals(p.qr.modules, qr.modules())
            assertEquals(p.qr.svg, qr.svg())
        }
        assertEquals(1.toUByte(), QrSymbol.encode("").use { it.version() })
        val tooLong = assertFailsWith<QrException.TooLong> { QrSymbol.encode("otpauth://" + "é".repeat(3000)) }
        assertFalse(tooLong.message.orEmpty().contains("é"))
    }
}
