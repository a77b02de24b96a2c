package kz.qujat.app.logic

import java.io.File
import java.io.IOException
import java.nio.file.Files
import java.time.LocalDate
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.pdf.PdfExportPresenter
import kz.qujat.app.logic.pdf.PdfSaveOutcome
import kz.qujat.app.logic.pdf.SharedPdfFolder
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.WalletFailure
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class PdfExportPresenterTest {
    private val dir: File = Files.createTempDirectory("qujat-pdf-test").toFile().also { it.deleteOnExit() }
    private val folder = SharedPdfFolder(File(dir, "shared"))
    private val pdf = FakePdf()
    private var today = LocalDate.of(2026, 3, 9)
    private val detail = FakeWallet.detail(ClaimKey.entries.toSet())
    private val p = PdfExportPresenter(pdf, CoreRules, folder, "ab".repeat(32), detail, Lang.RU) { today }

    @Test
    fun `the form starts from the core's numbers and preselection, and needs a recipient`() {
        val s = p.state
        assertEquals(CoreRules.limits().documentDaysDefault, s.days)
        assertEquals(CoreRules.limits().documentDaysMax, s.maxDays)
        assertEquals(Lang.RU, s.language)
        assertEquals(CoreRules.preselectedClaims(detail.stated, Lang.RU), s.selection.selected)
        assertFalse(s.audienceReady)
        assertFalse(s.canMake)
        p.make()
        assertTrue(pdf.requests.isEmpty())
        p.audienceChanged("   ")
        assertFalse(p.state.canMake)
        p.audienceChanged("Kaspi Bank HR")
        assertTrue(p.state.canMake)
        assertFalse(p.state.toString().contains("Kaspi"))
    }

    @Test
    fun `make writes the PDF into the shared folder under a dated name`() {
        p.audienceChanged("  Kaspi Bank HR ")
        p.daysChanged(14)
        p.languageChanged(Lang.KK)
        p.make()
        assertNotNull(p.state.pdf)
        val made = p.state.pdf!!
        assertEquals("qujat-diploma-2026-03-09.pdf", made.name)
        assertEquals(File(folder.dir, made.name), made.file)
        assertArrayEquals(made.bytes, made.file.readBytes())
        assertTrue(String(made.bytes).startsWith("%PDF-"))
        val request = pdf.requests.single()
        assertEquals("Kaspi Bank HR", request.audience)
        assertEquals(14, request.validDays)
        assertEquals(Lang.KK, request.language)
        assertEquals(p.state.selection.ordered, request.claims)
        assertFalse(p.state.busy)
        assertFalse(request.toString().contains("Kaspi"))
    }

    @Test
    fun `a new PDF replaces the old file, and a changed form drops the PDF made from the old one`() {
        p.audienceChanged("Kaspi Bank HR")
        p.make()
        val first = p.state.pdf!!.file
        today = today.plusDays(1)
        p.make()
        val second = p.state.pdf!!.file
        assertFalse(first.exists(), "the old PDF is deleted at the next export")
        assertEquals(listOf(second), folder.dir.listFiles()!!.toList())
        p.daysChanged(7)
        assertNull(p.state.pdf)
        p.make()
        p.languageChanged(Lang.EN)
        assertNull(p.state.pdf)
        p.make()
        p.audienceChanged("Halyk Bank HR")
        assertNull(p.state.pdf)
        p.make()
        p.toggle(ClaimKey.HONORS, !p.state.selection.isSelected(ClaimKey.HONORS))
        assertNull(p.state.pdf)
    }

    @Test
    fun `validity stays within 1 and the core's maximum`() {
        p.daysChanged(0)
        assertEquals(1, p.state.days)
        p.daysChanged(10_000)
        assertEquals(CoreRules.limits().documentDaysMax, p.state.days)
    }

    @Test
    fun `a recipient the core refuses is marked on the field until it changes`() {
        p.audienceChanged("x".repeat(200))
        pdf.failure = WalletFailure.BadAudience()
        p.make()
        assertTrue(p.state.audienceRefused)
        assertNull(p.state.failure)
        assertNull(p.state.pdf)
        p.audienceChanged("Kaspi Bank HR")
        assertFalse(p.state.audienceRefused)
    }

    @Test
    fun `a locked wallet and a full disk are failures the screen tells`() {
        p.audienceChanged("Kaspi Bank HR")
        pdf.failure = WalletFailure.Locked()
        p.make()
        assertInstanceOf(WalletFailure.Locked::class.java, p.state.failure)
        pdf.failure = null
        folder.dir.parentFile.mkdirs()
        folder.dir.writeText("not a folder") // the shared folder cannot be made
        p.make()
        val f = assertInstanceOf(WalletFailure.Internal::class.java, p.state.failure)
        assertEquals(Fault.STORAGE, f.fault)
        assertNull(p.state.pdf)
        folder.dir.delete()
        p.make()
        assertNull(p.state.failure)
        assertNotNull(p.state.pdf)
    }

    @Test
    fun `save to files writes the same bytes, or says it did not`() {
        p.audienceChanged("Kaspi Bank HR")
        p.saveTo { throw AssertionError("nothing to save yet") }
        p.make()
        var saved: ByteArray? = null
        p.saveTo { saved = it }
        assertArrayEquals(p.state.pdf!!.bytes, saved)
        assertEquals(PdfSaveOutcome.SAVED, p.state.saved)
        p.saveTo { throw IOException("no space") }
        assertEquals(PdfSaveOutcome.NOT_SAVED, p.state.saved)
        p.saveCancelled()
        assertNull(p.state.saved)
        assertNotNull(p.state.pdf, "the PDF stays to share or save again")
    }

    @Test
    fun `a sensitive claim needs a confirmation, as for the QR code`() {
        p.audienceChanged("Kaspi Bank HR")
        assertFalse(p.state.selection.isSelected(ClaimKey.IIN))
        p.toggle(ClaimKey.IIN, true)
        assertEquals(ClaimKey.IIN, p.state.confirming)
        assertFalse(p.state.canMake)
        p.cancelSensitive()
        assertFalse(p.state.selection.isSelected(ClaimKey.IIN))
        p.toggle(ClaimKey.IIN, true)
        p.confirmSensitive()
        assertTrue(p.state.selection.isSelected(ClaimKey.IIN))
        p.make()
        assertTrue(ClaimKey.IIN in pdf.requests.single().claims)
        p.resetSelection()
        assertFalse(p.state.selection.isSelected(ClaimKey.IIN))
    }

    @Test
    fun `the shared folder takes plain names only and empties itself`() {
        assertThrows(IllegalArgumentException::class.java) { folder.replaceWith("../escape.pdf", byteArrayOf(1)) }
        assertThrows(IllegalArgumentException::class.java) { folder.replaceWith(".hidden", byteArrayOf(1)) }
        val f = folder.replaceWith("a.pdf", byteArrayOf(1, 2))
        assertArrayEquals(byteArrayOf(1, 2), f.readBytes())
        folder.clear()
        assertFalse(f.exists())
        folder.clear() // an empty folder, or none: nothing to do
        SharedPdfFolder(File(dir, "never-made")).clear()
    }

    @Test
    fun `the clean-up at start removes what earlier runs left, never this run's PDF`() {
        folder.dir.mkdirs()
        val old = File(folder.dir, "qujat-diploma-2026-01-01.pdf").apply { writeBytes(byteArrayOf(1)) }
        val restarted = SharedPdfFolder(folder.dir)
        restarted.clearStale()
        assertFalse(old.exists())
        val current = restarted.replaceWith("qujat-diploma-2026-03-09.pdf", byteArrayOf(2))
        restarted.clearStale() // a late start-up clean-up: the PDF being shared stays
        assertTrue(current.exists())
    }
}
