package kz.qujat.app.logic

import java.io.ByteArrayInputStream
import java.io.InputStream
import kz.qujat.app.logic.io.readAtMost
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The app's one bounded read (picked credentials, backups to restore). */
class BoundedReadTest {
    /** A stream of [size] bytes that hands out at most [chunk] a read, counting what it served. */
    private class Counted(private val size: Long, private val chunk: Int = Int.MAX_VALUE) : InputStream() {
        var served = 0L

        override fun read(): Int = if (served >= size) -1 else 7.also { served++ }

        override fun read(b: ByteArray, off: Int, len: Int): Int {
            if (served >= size) return -1
            val n = minOf(len.toLong(), chunk.toLong(), size - served).toInt()
            b.fill(7, off, off + n)
            served += n
            return n
        }
    }

    @Test
    fun `exactly the limit is read whole`() {
        assertArrayEquals(ByteArray(10) { 7 }, readAtMost(ByteArrayInputStream(ByteArray(10) { 7 }), 10))
        // Over several buffers, and in reads of one byte.
        val big = 3L * 64 * 1024 + 5
        assertArrayEquals(ByteArray(big.toInt()) { 7 }, readAtMost(Counted(big), big))
        assertArrayEquals(ByteArray(100) { 7 }, readAtMost(Counted(100, chunk = 1), 100))
    }

    @Test
    fun `one byte over the limit is refused`() {
        assertNull(readAtMost(ByteArrayInputStream(ByteArray(11)), 10))
        assertNull(readAtMost(Counted(101, chunk = 1), 100))
        val big = 3L * 64 * 1024 + 5
        assertNull(readAtMost(Counted(big + 1), big))
        assertNull(readAtMost(ByteArrayInputStream(ByteArray(1)), 0))
    }

    @Test
    fun `an empty stream gives an empty array, not a refusal`() {
        assertArrayEquals(ByteArray(0), readAtMost(ByteArrayInputStream(ByteArray(0)), 10))
        assertArrayEquals(ByteArray(0), readAtMost(ByteArrayInputStream(ByteArray(0)), 0))
    }

    @Test
    fun `an endless stream is cut off after the limit and one buffer`() {
        val endless = Counted(Long.MAX_VALUE)
        assertNull(readAtMost(endless, 1_000_000))
        assertTrue(endless.served <= 1_000_000 + 64 * 1024, "read ${endless.served} bytes")
    }

    @Test
    fun `a negative limit is a programming error`() {
        assertThrows(IllegalArgumentException::class.java) { readAtMost(ByteArrayInputStream(ByteArray(0)), -1) }
    }
}
