package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.HolderKey
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** The holder key as shown (the core's groups) and as copied or shared (bare hex). */
class HolderKeyTest {
    private val key = ByteArray(32) { (it * 37 + 200).toByte() }

    @Test
    fun `the copied text is 64 lower-case hex digits, the shown one the same in the core's groups`() {
        val k = HolderKey.of(key, CoreRules)
        assertEquals(64, k.hex.length)
        assertEquals("c8ed12375c81a6cb", k.hex.substring(0, 16))
        assertEquals(k.hex, k.grouped.replace(" ", ""))
        assertEquals(16, k.grouped.split(' ').size)
        assertArrayEquals(key, k.hex.chunked(2).map { it.toInt(16).toByte() }.toByteArray())
    }
}
