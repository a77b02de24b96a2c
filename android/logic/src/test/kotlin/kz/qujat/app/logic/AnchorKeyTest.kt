package kz.qujat.app.logic

import kz.qujat.app.logic.trust.AnchorKey
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

class AnchorKeyTest {
    private val key = ByteArray(32) { (it * 9 + 1).toByte() }
    private val hex = AnchorKey.hex(key)

    @Test
    fun `the CLI's public-key file, bare hex and raw bytes all parse`() {
        assertArrayEquals(key, AnchorKey.parse("QUJAT ED25519 PUBLIC KEY\n$hex\n".toByteArray()))
        assertArrayEquals(key, AnchorKey.parse(hex.uppercase().toByteArray()))
        assertArrayEquals(key, AnchorKey.parse(key))
    }

    @Test
    fun `anything else is refused`() {
        assertNull(AnchorKey.parse("QUJAT ED25519 PUBLIC KEY\n${hex.dropLast(2)}\n".toByteArray()))
        assertNull(AnchorKey.parse("QUJAT\n".toByteArray()))
        assertNull(AnchorKey.parse(ByteArray(31)))
        assertNull(AnchorKey.parse("zz".repeat(32).toByteArray()))
    }

    @Test
    fun `keys are shown in groups of four hex digits`() {
        assertEquals(64, hex.length)
        assertEquals("0","${AnchorKey.grouped(key)[0]}")
        assertEquals(16, AnchorKey.grouped(key).split(' ').size)
    }
}
