package kz.qujat.app.logic

import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import kz.qujat.app.logic.keystore.AesGcmWrapFormat
import kz.qujat.app.logic.keystore.KeyWrapException
import kz.qujat.app.logic.port.KeyStoreFault
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test

class AesGcmWrapFormatTest {
    private fun key(): SecretKey = KeyGenerator.getInstance("AES").apply { init(256) }.generateKey()

    private val k = key()
    private val alias = "qujat-vault-0123456789abcdef"
    private val bundle = ByteArray(120) { (it * 7).toByte() }

    private fun fault(block: () -> Unit): KeyStoreFault = assertThrows(KeyWrapException::class.java) { block() }.fault

    @Test
    fun `wrap then unwrap gives the bytes back, the layout is version, IV, ciphertext and tag`() {
        val w = AesGcmWrapFormat.seal(k, alias, bundle)
        assertEquals(1 + 12 + bundle.size + 16, w.size)
        assertEquals(AesGcmWrapFormat.VERSION, w[0])
        assertArrayEquals(bundle, AesGcmWrapFormat.open(k, alias, w))
    }

    @Test
    fun `every wrap draws a fresh IV`() {
        val a = AesGcmWrapFormat.seal(k, alias, bundle)
        val b = AesGcmWrapFormat.seal(k, alias, bundle)
        assertFalse(a.copyOfRange(1, 13).contentEquals(b.copyOfRange(1, 13)))
    }

    @Test
    fun `any changed byte is invalid data`() {
        val w = AesGcmWrapFormat.seal(k, alias, bundle)
        for (i in w.indices) {
            val t = w.copyOf()
            t[i] = (t[i].toInt() xor 0x01).toByte()
            assertEquals(KeyStoreFault.INVALID_DATA, fault { AesGcmWrapFormat.open(k, alias, t) }, "byte $i")
        }
    }

    @Test
    fun `bytes moved to another alias or opened under another key do not open`() {
        val w = AesGcmWrapFormat.seal(k, alias, bundle)
        assertEquals(KeyStoreFault.INVALID_DATA, fault { AesGcmWrapFormat.open(k, "qujat-vault-ffffffffffffffff", w) })
        assertEquals(KeyStoreFault.INVALID_DATA, fault { AesGcmWrapFormat.open(key(), alias, w) })
    }

    @Test
    fun `short or unknown-version input is invalid data`() {
        assertEquals(KeyStoreFault.INVALID_DATA, fault { AesGcmWrapFormat.open(k, alias, ByteArray(0)) })
        assertEquals(KeyStoreFault.INVALID_DATA, fault { AesGcmWrapFormat.open(k, alias, ByteArray(28)) })
        val w = AesGcmWrapFormat.seal(k, alias, bundle)
        w[0] = 2
        assertEquals(KeyStoreFault.INVALID_DATA, fault { AesGcmWrapFormat.open(k, alias, w) })
    }

    @Test
    fun `aliases are bounded plain ASCII`() {
        AesGcmWrapFormat.checkAlias(alias)
        assertEquals(KeyStoreFault.BAD_ALIAS, fault { AesGcmWrapFormat.checkAlias("") })
        assertEquals(KeyStoreFault.BAD_ALIAS, fault { AesGcmWrapFormat.checkAlias("a/b") })
        assertEquals(KeyStoreFault.BAD_ALIAS, fault { AesGcmWrapFormat.checkAlias("x".repeat(65)) })
    }
}
