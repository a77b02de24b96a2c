package kz.qujat.app.logic.pdf

import java.io.File
import java.io.IOException
import java.time.LocalDate

/** The PDF as the share sheet and the document picker see it. */
object PdfFiles {
    const val MIME_TYPE: String = "application/pdf"

    /** `qujat-diploma-YYYY-MM-DD.pdf`: no name, number or audience in the file name. */
    fun fileName(today: LocalDate): String = "qujat-diploma-$today.pdf"
}

/**
 * The one folder whose files other apps may read (the app's `FileProvider` exposes only this
 * folder, `cacheDir/shared/`): the PDF being shared, and nothing else. It holds one file at a
 * time: emptied before each new PDF and when the app starts, never when a screen closes (the
 * app the PDF was shared with may still be reading it).
 */
class SharedPdfFolder(val dir: File) {
    private var wrote = false

    /** Delete every file in the folder (old PDFs). Failures are left for the next call. */
    @Synchronized
    fun clear() {
        dir.listFiles()?.forEach { it.delete() }
    }

    /**
     * At the app's start, from a background thread: delete what earlier runs left, unless this
     * run has already written a PDF (then that one is being shared, and older ones are gone).
     */
    @Synchronized
    fun clearStale() {
        if (!wrote) clear()
    }

    /**
     * Empty the folder and write [bytes] as [name] (a plain file name), completely or not at all
     * (a temporary file renamed into place). Returns the file to share.
     */
    @Synchronized
    @Throws(IOException::class)
    fun replaceWith(name: String, bytes: ByteArray): File {
        require(name.isNotEmpty() && name == File(name).name && !name.startsWith(".")) { "not a plain file name" }
        clear()
        if (!dir.isDirectory && !dir.mkdirs()) throw IOException("cannot create the shared folder")
        val tmp = File(dir, ".$name.part")
        try {
            tmp.outputStream().use {
                it.write(bytes)
                it.fd.sync()
            }
            val file = File(dir, name)
            if (!tmp.renameTo(file)) throw IOException("cannot move the PDF into place")
            wrote = true
            return file
        } finally {
            tmp.delete()
        }
    }
}
