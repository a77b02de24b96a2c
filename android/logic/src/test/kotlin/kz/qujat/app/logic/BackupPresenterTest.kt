package kz.qujat.app.logic

import java.io.IOException
import java.time.LocalDate
import kz.qujat.app.logic.backup.BackupFiles
import kz.qujat.app.logic.backup.BackupPresenter
import kz.qujat.app.logic.backup.BackupState
import kz.qujat.app.logic.port.BackupProblem
import kz.qujat.app.logic.port.FileSink
import kz.qujat.app.logic.port.WalletFailure
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class BackupPresenterTest {
    private val wallet = FakeWallet(TestClock())
    private val backup = FakeBackup(wallet)
    private val p = BackupPresenter(backup)
    private val seen = mutableListOf<BackupState>()
    private val written = mutableListOf<ByteArray>()
    private val sink = FileSink { written += it }

    init {
        p.observe { seen += it }
    }

    private fun code(): BackupState.ShowCode = assertInstanceOf(BackupState.ShowCode::class.java, p.state)

    @Test
    fun `make, write it down, save, and the code is gone and the counts are told`() {
        p.make()
        assertEquals(listOf(BackupState.Start(), BackupState.Working), seen.take(2))
        val shown = code()
        assertEquals(FAKE_BACKUP_CODE, shown.code)
        assertEquals(21, shown.codeQr.width)
        assertEquals(3, shown.diplomas)
        assertEquals(1, shown.skipped)
        assertFalse(shown.acknowledged)
        assertTrue(p.codeVisible)
        assertFalse(p.save(), "no save panel before 'I wrote it down'")
        p.saveTo(sink)
        assertTrue(written.isEmpty())
        p.acknowledge(true)
        assertTrue(code().acknowledged)
        assertTrue(p.save())
        assertTrue(code().saving)
        p.saveTo(sink)
        assertArrayEquals(byteArrayOf(0x61, 0x67, 0x65, 1), written.single())
        assertEquals(BackupState.Saved(3, 1), p.state)
        assertFalse(p.codeVisible)
        p.saveTo(sink) // the bytes are gone: nothing more is written
        assertEquals(1, written.size)
        assertTrue(seen.none { it.toString().contains(FAKE_BACKUP_CODE) }, "a state printed the code")
    }

    @Test
    fun `a cancelled or failed save keeps the same backup to save again`() {
        p.make()
        p.acknowledge(true)
        assertTrue(p.save())
        p.saveCancelled()
        assertTrue(code().notSaved)
        assertTrue(code().acknowledged)
        assertFalse(code().saving)
        assertTrue(p.save())
        assertFalse(code().notSaved, "a new try clears the message")
        p.saveTo { throw IOException("disk full") }
        assertTrue(code().notSaved)
        assertTrue(p.save())
        p.saveTo(sink)
        assertEquals(BackupState.Saved(3, 1), p.state)
        assertEquals(1, backup.made, "saved again without making a new backup")
    }

    @Test
    fun `unticking the box closes the way to the save panel`() {
        p.make()
        p.acknowledge(true)
        p.acknowledge(false)
        assertFalse(p.save())
        assertFalse(code().saving)
        p.saveCancelled() // no panel is up: nothing changes
        assertFalse(code().notSaved)
    }

    @Test
    fun `a failure to make it goes back to the start with the reason, and a new try works`() {
        val locked = WalletFailure.Locked()
        backup.createFailure = locked
        p.make()
        assertSame(locked, (p.state as BackupState.Start).failure)
        backup.createFailure = WalletFailure.BackupRefused(BackupProblem.FAILED)
        p.make()
        assertEquals(BackupProblem.FAILED, ((p.state as BackupState.Start).failure as WalletFailure.BackupRefused).problem)
        backup.createFailure = null
        p.make()
        code()
    }

    @Test
    fun `leaving drops the code and the file, and a new backup can be made after a saved one`() {
        p.make()
        p.acknowledge(true)
        p.left()
        assertEquals(BackupState.Start(), p.state)
        assertFalse(p.save())
        p.saveTo(sink)
        assertTrue(written.isEmpty())
        p.make()
        p.acknowledge(true)
        p.save()
        p.saveTo(sink)
        p.make() // from Saved: a new backup, a new code
        assertEquals(3, backup.made) // twice before, once now
        code()
    }

    @Test
    fun `make is ignored while a code is on screen`() {
        p.make()
        p.make()
        assertEquals(1, backup.made)
        code()
    }

    @Test
    fun `the file name carries only the date, and the size limit is the core's`() {
        assertEquals("qujat-backup-2026-03-09.age", BackupFiles.suggestedName(LocalDate.of(2026, 3, 9)))
        assertEquals(67_129_344L, BackupFiles.MAX_FILE_BYTES)
    }
}
