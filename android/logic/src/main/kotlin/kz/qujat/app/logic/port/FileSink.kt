package kz.qujat.app.logic.port

import java.io.IOException

/**
 * Where a file the holder chose to save goes: the app writes the bytes to the document the
 * Storage Access Framework created (`CreateDocument`); tests write to memory or fail on purpose.
 */
fun interface FileSink {
    /** Write [bytes] whole, or throw. */
    @Throws(IOException::class)
    fun write(bytes: ByteArray)
}
