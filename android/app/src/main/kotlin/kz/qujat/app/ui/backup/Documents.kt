package kz.qujat.app.ui.backup

import android.content.ContentResolver
import android.net.Uri
import android.provider.DocumentsContract
import android.provider.OpenableColumns
import java.io.IOException
import kz.qujat.app.AppGraph
import kz.qujat.app.logic.port.FileSink

/**
 * Hook, called right before the app hands the screen to a system picker (Storage Access
 * Framework) or the share sheet, which sends the app to the background.
 *
 * The background lock (`QujatApplication`) would otherwise lock the wallet while the picker is
 * up. The backup, restore and PDF flows need no wallet call after the picker returns (the bytes
 * are already in memory, and a restore runs before any wallet exists), so they work either way;
 * what the hook is for is the screen-level re-check on return (issue 15, the "session" work),
 * which must not send the holder to unlock, and lose a backup code shown once, because of a
 * picker the app opened itself. That mechanism is not on this branch: at merge, this body calls
 * it (an `AppGraph` member of the same name and signature takes precedence over this extension
 * on its own).
 */
fun AppGraph.expectingResult() = Unit

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
