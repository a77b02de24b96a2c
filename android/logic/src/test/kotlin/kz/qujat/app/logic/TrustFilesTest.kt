package kz.qujat.app.logic

import java.io.ByteArrayInputStream
import java.io.File
import java.io.IOException
import java.io.InputStream
import java.nio.file.Files
import kz.qujat.app.logic.FakeListStore.Companion.trust
import kz.qujat.app.logic.lists.DirectoryTrustFolder
import kz.qujat.app.logic.lists.TrustFiles
import kz.qujat.app.logic.lists.TrustFolder
import kz.qujat.app.logic.lists.TrustListChoice
import kz.qujat.app.logic.lists.TrustListCopy
import kz.qujat.app.logic.lists.TrustListOrigin
import kz.qujat.app.logic.port.VerifierFailure
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** A trust folder in memory; [endless] paths never end, [broken] paths fail to open. */
class MemoryTrustFolder(
    val files: MutableMap<String, ByteArray> = mutableMapOf(),
    private val endless: Set<String> = emptySet(),
    private val broken: Set<String> = emptySet(),
    private val listFails: Boolean = false,
) : TrustFolder {
    /** Bytes handed out by the endless streams (to show the read stopped). */
    var served = 0L

    override fun open(path: String): InputStream? {
        if (path in broken) throw IOException("broken: $path")
        if (path in endless) {
            return object : InputStream() {
                override fun read(): Int = 7.also { served++ }

                override fun read(b: ByteArray, off: Int, len: Int): Int {
                    b.fill(7, off, off + len)
                    served += len
                    return len
                }
            }
        }
        return files[path]?.let(::ByteArrayInputStream)
    }

    override fun list(dir: String): List<String> {
        if (listFails) throw IOException("no listing")
        return (files.keys + endless + broken).filter { it.startsWith("$dir/") }.map { it.removePrefix("$dir/") }
    }
}

/**
 * The trust files the app holds (bounded reads, saved over shipped) and which trust list the
 * holder's import uses (the newest by sequence, never an older one, never one the core refuses).
 */
class TrustFilesTest {
    private val clock = TestClock()

    /** The sequence as a fresh verifier store reads it (the app: `CoreVerifier.trustListSequence`). */
    private fun sequence(bytes: ByteArray): Long? = try {
        FakeListStore(clock).installTrustList(bytes).sequence
    } catch (e: VerifierFailure) {
        null
    }

    private val anchorKey = ByteArray(32) { 9 }

    /** The anchor rule in miniature: a file of exactly `A` and 32 key bytes. */
    private fun parseAnchor(file: ByteArray): ByteArray? =
        if (file.size == 33 && file[0] == 'A'.code.toByte()) file.copyOfRange(1, 33) else null

    private fun anchorFile(key: ByteArray = anchorKey) = byteArrayOf('A'.code.toByte()) + key

    private fun sequenceUnder(anchor: ByteArray, list: ByteArray): Long? =
        if (anchor.contentEquals(anchorKey)) sequence(list) else null

    private val max = TrustFiles.MAX_LIST_BYTES.toInt()

    // --- which trust list --------------------------------------------------------------------------

    @Test
    fun `the newest list by sequence is chosen, whichever folder holds it`() {
        val saved1 = TrustListCopy(TrustListOrigin.SAVED, trust(1))
        val shipped2 = TrustListCopy(TrustListOrigin.SHIPPED, trust(2))
        assertSame(shipped2, TrustListChoice.newest(listOf(saved1, shipped2), ::sequence), "an app update ships a newer list")
        val saved3 = TrustListCopy(TrustListOrigin.SAVED, trust(3))
        assertSame(saved3, TrustListChoice.newest(listOf(saved3, shipped2), ::sequence), "the lists screen saved a newer one")
        assertSame(saved3, TrustListChoice.newest(listOf(shipped2, saved3), ::sequence), "the order given does not matter")
    }

    @Test
    fun `a copy the core refuses is never chosen, and none left means none`() {
        val damaged = TrustListCopy(TrustListOrigin.SAVED, byteArrayOf(0x54))
        val shipped = TrustListCopy(TrustListOrigin.SHIPPED, trust(1))
        assertSame(shipped, TrustListChoice.newest(listOf(damaged, shipped), ::sequence))
        assertNull(TrustListChoice.newest(listOf(damaged), ::sequence))
        assertNull(TrustListChoice.newest(emptyList(), ::sequence))
    }

    @Test
    fun `the same sequence keeps the first copy given, the saved one`() {
        val saved = TrustListCopy(TrustListOrigin.SAVED, byteArrayOf(FakeListStore.T, 4, 1))
        val shipped = TrustListCopy(TrustListOrigin.SHIPPED, byteArrayOf(FakeListStore.T, 4, 2))
        assertSame(saved, TrustListChoice.newest(listOf(saved, shipped), ::sequence))
    }

    @Test
    fun `sequences compare as unsigned 64-bit numbers`() {
        val huge = TrustListCopy(TrustListOrigin.SAVED, byteArrayOf(1))
        val small = TrustListCopy(TrustListOrigin.SHIPPED, byteArrayOf(2))
        // 2^63 crosses the bindings as Long.MIN_VALUE: still newer than 5.
        val seq = { b: ByteArray -> if (b[0] == 1.toByte()) Long.MIN_VALUE else 5L }
        assertSame(huge, TrustListChoice.newest(listOf(small, huge), seq))
        assertSame(huge, TrustListChoice.newest(listOf(huge, small), seq))
    }

    // --- reading the two folders -------------------------------------------------------------------

    @Test
    fun `both trust lists are read, saved first, and the import takes the newer`() {
        val saved = MemoryTrustFolder(mutableMapOf("trust-list.bin" to trust(1)))
        val shipped = MemoryTrustFolder(mutableMapOf("trust-list.bin" to trust(2), "anchor.pub" to anchorFile()))
        val files = TrustFiles(saved, shipped)
        assertEquals(listOf(TrustListOrigin.SAVED, TrustListOrigin.SHIPPED), files.trustLists().map { it.origin })
        val t = files.importTrust(::parseAnchor, ::sequenceUnder)
        assertNotNull(t)
        assertArrayEquals(trust(2), t!!.trustList)
        assertArrayEquals(anchorKey, t.anchorPublicKey)
    }

    @Test
    fun `a list saved after start is used by the next import, read at import time`() {
        val saved = MemoryTrustFolder()
        val files = TrustFiles(saved, MemoryTrustFolder(mutableMapOf("trust-list.bin" to trust(2), "anchor.pub" to anchorFile())))
        assertArrayEquals(trust(2), files.importTrust(::parseAnchor, ::sequenceUnder)!!.trustList)
        saved.files["trust-list.bin"] = trust(5) // the lists screen installed and saved version 5
        assertArrayEquals(trust(5), files.importTrust(::parseAnchor, ::sequenceUnder)!!.trustList)
    }

    @Test
    fun `no anchor, an unparsable anchor or no list signed by it gives nothing to import against`() {
        val list = MemoryTrustFolder(mutableMapOf("trust-list.bin" to trust(1)))
        assertNull(TrustFiles(MemoryTrustFolder(), list).importTrust(::parseAnchor, ::sequenceUnder))
        list.files["anchor.pub"] = "QUJAT?".toByteArray()
        assertNull(TrustFiles(MemoryTrustFolder(), list).importTrust(::parseAnchor, ::sequenceUnder))
        list.files["anchor.pub"] = anchorFile(ByteArray(32) { 1 }) // another anchor: no list verifies under it
        assertNull(TrustFiles(MemoryTrustFolder(), list).importTrust(::parseAnchor, ::sequenceUnder))
        list.files["anchor.pub"] = anchorFile()
        assertNotNull(TrustFiles(MemoryTrustFolder(), list).importTrust(::parseAnchor, ::sequenceUnder))
    }

    @Test
    fun `a list file at the cap is read, one byte more counts as absent`() {
        val atCap = ByteArray(max) { 1 }
        val shipped = MemoryTrustFolder(mutableMapOf("trust-list.bin" to trust(1)))
        assertArrayEquals(atCap, TrustFiles(MemoryTrustFolder(mutableMapOf("trust-list.bin" to atCap)), shipped).trustLists()[0].bytes)
        val over = TrustFiles(MemoryTrustFolder(mutableMapOf("trust-list.bin" to ByteArray(max + 1))), shipped).trustLists()
        assertEquals(listOf(TrustListOrigin.SHIPPED), over.map { it.origin })
    }

    @Test
    fun `an endless file stops at the cap, a broken one counts as absent`() {
        val saved = MemoryTrustFolder(endless = setOf("trust-list.bin", "anchor.pub", "status/a.bin"), broken = setOf("status/b.bin"))
        val files = TrustFiles(saved, MemoryTrustFolder(mutableMapOf("anchor.pub" to anchorFile(), "status/b.bin" to byteArrayOf(2))))
        assertTrue(files.trustLists().isEmpty())
        assertTrue(saved.served <= TrustFiles.MAX_LIST_BYTES + 64 * 1024, "read ${saved.served} bytes")
        saved.served = 0
        assertArrayEquals(anchorFile(), files.anchorFile(), "an oversized saved anchor falls back to the shipped one")
        assertTrue(saved.served <= TrustFiles.MAX_ANCHOR_FILE_BYTES + 64 * 1024, "read ${saved.served} bytes")
        assertEquals(listOf(listOf<Byte>(2)), files.statusLists().map { it.toList() }, "a: endless, b: broken saved, shipped taken")
    }

    @Test
    fun `the anchor file is at most the core's 1024 bytes, the saved copy over the shipped one`() {
        val shipped = MemoryTrustFolder(mutableMapOf("anchor.pub" to byteArrayOf(1)))
        assertArrayEquals(byteArrayOf(1), TrustFiles(MemoryTrustFolder(), shipped).anchorFile())
        assertArrayEquals(byteArrayOf(2), TrustFiles(MemoryTrustFolder(mutableMapOf("anchor.pub" to byteArrayOf(2))), shipped).anchorFile())
        val at = ByteArray(1024) { 3 }
        assertArrayEquals(at, TrustFiles(MemoryTrustFolder(mutableMapOf("anchor.pub" to at)), shipped).anchorFile())
        assertArrayEquals(byteArrayOf(1), TrustFiles(MemoryTrustFolder(mutableMapOf("anchor.pub" to ByteArray(1025))), shipped).anchorFile())
    }

    @Test
    fun `status lists of both folders by name, saved over shipped, only bin files`() {
        val saved = MemoryTrustFolder(mutableMapOf("status/kz.enu.bin" to byteArrayOf(2), "status/notes.txt" to byteArrayOf(9)))
        val shipped = MemoryTrustFolder(mutableMapOf("status/kz.enu.bin" to byteArrayOf(1), "status/kz.atu.bin" to byteArrayOf(3)))
        assertEquals(listOf(listOf<Byte>(3), listOf<Byte>(2)), TrustFiles(saved, shipped).statusLists().map { it.toList() })
        val unlisted = MemoryTrustFolder(mutableMapOf("status/kz.x.bin" to byteArrayOf(4)), listFails = true)
        assertEquals(listOf(listOf<Byte>(3), listOf<Byte>(1)), TrustFiles(unlisted, shipped).statusLists().map { it.toList() })
    }

    @Test
    fun `a directory folder reads its files and says nothing for missing ones`() {
        val dir: File = Files.createTempDirectory("qujat-trust").toFile().also { it.deleteOnExit() }
        val folder = DirectoryTrustFolder(dir)
        assertNull(folder.open("trust-list.bin"))
        assertTrue(folder.list("status").isEmpty())
        File(dir, "status").mkdirs()
        File(dir, "status/kz.enu.bin").writeBytes(byteArrayOf(5))
        File(dir, "trust-list.bin").writeBytes(trust(3))
        File(dir, "status/sub").mkdirs()
        assertNull(folder.open("status/sub"), "a folder is not a file")
        val files = TrustFiles(folder, MemoryTrustFolder())
        assertArrayEquals(trust(3), files.trustLists().single().bytes)
        assertEquals(listOf(listOf<Byte>(5)), files.statusLists().map { it.toList() })
        dir.deleteRecursively()
    }
}
