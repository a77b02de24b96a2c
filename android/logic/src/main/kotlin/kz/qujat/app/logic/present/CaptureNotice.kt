package kz.qujat.app.logic.present

/**
 * What a screen showing a live QR code or a diploma says about screen capture. The window is
 * FLAG_SECURE (screenshots and recordings of it come out blank), so this is the second line:
 * Android 14+ reports a screenshot taken while the screen is up (not for a FLAG_SECURE window,
 * so only where FLAG_SECURE is absent), Android 15+ reports whether the app is visible in a
 * screen recording. A recording hides the content outright (`capture_hidden`); a screenshot
 * brings a notice for [noticeSecs] (`screenshot_notice`: a copied QR code dies at expiry).
 * Times in Unix seconds from the caller's clock.
 */
class CaptureNotice(val noticeSecs: Long = DEFAULT_NOTICE_SECS) {
    enum class View {
        NONE,

        /** Recorded or cast: hide the QR code or the diploma and say why. */
        HIDDEN,

        /** A screenshot was just taken: show the notice over the content. */
        SCREENSHOT,
    }

    private var screenshotAt: Long? = null

    var recording: Boolean = false
        private set

    fun screenshotTaken(now: Long) {
        screenshotAt = now
    }

    fun recordingChanged(visibleInRecording: Boolean) {
        recording = visibleInRecording
    }

    /** What to show at [now]. */
    fun view(now: Long): View {
        if (recording) return View.HIDDEN
        val at = screenshotAt ?: return View.NONE
        return if (now >= at && now - at < noticeSecs) View.SCREENSHOT else View.NONE
    }

    companion object {
        /** As long as iOS shows its notice (`CaptureGuard`). */
        const val DEFAULT_NOTICE_SECS: Long = 8
    }
}
