package kz.qujat.app.logic

import kz.qujat.app.logic.keystore.KeyStoreLevel
import kz.qujat.app.logic.keystore.KeyStoreWarning
import kz.qujat.app.logic.keystore.NoticePlace
import kz.qujat.app.logic.present.CaptureNotice
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The key-store warning and the capture notice: when each shows. */
class NoticesTest {
    @Test
    fun `only a key in secure hardware goes without a warning`() {
        for (level in listOf(KeyStoreLevel.STRONGBOX, KeyStoreLevel.TRUSTED_ENVIRONMENT, KeyStoreLevel.SECURE_HARDWARE)) {
            assertTrue(KeyStoreWarning.isHardwareBacked(level), "$level")
            for (place in NoticePlace.entries) assertFalse(KeyStoreWarning.show(level, place, acknowledged = false), "$level $place")
        }
        for (level in listOf(KeyStoreLevel.SOFTWARE, KeyStoreLevel.UNKNOWN)) {
            assertFalse(KeyStoreWarning.isHardwareBacked(level), "$level")
            assertTrue(KeyStoreWarning.show(level, NoticePlace.DIPLOMA_LIST, acknowledged = false), "$level")
            assertTrue(KeyStoreWarning.show(level, NoticePlace.SETTINGS, acknowledged = false), "$level")
        }
    }

    @Test
    fun `the list warns until acknowledged once, Settings always, nothing while unknown`() {
        assertFalse(KeyStoreWarning.show(KeyStoreLevel.SOFTWARE, NoticePlace.DIPLOMA_LIST, acknowledged = true))
        assertTrue(KeyStoreWarning.show(KeyStoreLevel.SOFTWARE, NoticePlace.SETTINGS, acknowledged = true))
        assertFalse(KeyStoreWarning.show(null, NoticePlace.SETTINGS, acknowledged = false))
    }

    @Test
    fun `a recording hides the content, a screenshot brings a notice for a while`() {
        val c = CaptureNotice(noticeSecs = 8)
        assertEquals(CaptureNotice.View.NONE, c.view(100))
        c.screenshotTaken(100)
        assertEquals(CaptureNotice.View.SCREENSHOT, c.view(100))
        assertEquals(CaptureNotice.View.SCREENSHOT, c.view(107))
        assertEquals(CaptureNotice.View.NONE, c.view(108))
        c.recordingChanged(true)
        assertEquals(CaptureNotice.View.HIDDEN, c.view(108))
        c.screenshotTaken(109)
        assertEquals(CaptureNotice.View.HIDDEN, c.view(109), "hidden wins over the notice")
        c.recordingChanged(false)
        assertEquals(CaptureNotice.View.SCREENSHOT, c.view(110))
        assertEquals(CaptureNotice.View.NONE, c.view(50), "a clock set back ends the notice")
    }
}
