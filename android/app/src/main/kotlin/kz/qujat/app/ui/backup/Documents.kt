package kz.qujat.app.ui.backup

import android.content.ContentResolver
import android.net.Uri
import android.provider.DocumentsContract
import android.provider.OpenableColumns
import java.io.IOException
import kz.qujat.app.logic.port.FileSink

/**
 * Writes into a document that `CreateDocument` made. A failed write deletes the half-written
 * document, so no empty or truncated backup is left behind under a good name.
 */
class DocumentSink(private val resolver: ContentResolver, private val uri: Uri) : FileSink {
    override fun write(bytes: ByteArray) {
        try {
            val out = resolver.openOutputStream(uri, "w") ?: throw IOException("the document cannot be opened")
            out.use { it.write(bytes) }
        } catch (e: IOException) {
            discard()
            throw e
        } catch (e: SecurityException) {
            discard()
            throw IOException("no permission to write the document", e)
        }
    }

    private fun discard() {
        runCatching { DocumentsContract.deleteDocument(resolver, uri) }
    }
}

/** The size the document's provider reports, or null when it does not know. */
fun ContentResolver.documentSize(uri: Uri): Long? = runCatching {
    query(uri, arrayOf(OpenableColumns.SIZE), null, null, null)?.use { c ->
        if (c.moveToFirst() && !c.isNull(0)) c.getLong(0) else null
    }
}.getOrNull()
