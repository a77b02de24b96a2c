package kz.qujat.app.logic.lists

import java.net.URI

/** Which kind of list a file is. */
enum class ListKind { TRUST_LIST, STATUS_LIST }

/** What the verifier store said about one file (the same cases as iOS's `ListOutcome`). */
sealed interface ListOutcome {
    /** Installed; [issuedAt] is the list's own issue time (Unix seconds). */
    data class Installed(val kind: ListKind, val issuedAt: Long) : ListOutcome

    /** The store already holds this list or a newer one (the core never takes an older list). */
    data class AlreadyNewer(val kind: ListKind) : ListOutcome

    /** Not a list of this kind (try the other kind). */
    data object NotThisKind : ListOutcome

    /** Neither a trust list nor a status list. */
    data object NotAList : ListOutcome

    /** Refused for another reason: a sentence to show. */
    data class Refused(val reason: String) : ListOutcome
}

/** The port to the verifier store (the app's adapter calls the Verifier binding's install calls). */
fun interface ListInstaller {
    fun install(bytes: ByteArray, kind: ListKind): ListOutcome
}

/**
 * Updating the verifier's trust and status lists from files the user opened or downloaded from the
 * configured HTTPS location (the same rules as iOS's `ListUpdate`): each file is first offered as a
 * trust list; the others are offered as status lists after every trust list went in (a status
 * list needs its issuer in the trust list).
 */
object ListUpdate {
    data class FileResult(val name: String, val outcome: ListOutcome)

    class ListFile(val name: String, val bytes: ByteArray)

    /** The largest list file accepted. */
    const val MAX_FILE_BYTES: Int = 4 * 1024 * 1024

    fun run(files: List<ListFile>, installer: ListInstaller): List<FileResult> {
        val results = arrayOfNulls<ListOutcome>(files.size)
        files.forEachIndexed { i, f ->
            val o = installer.install(f.bytes, ListKind.TRUST_LIST)
            if (o != ListOutcome.NotThisKind) results[i] = o
        }
        files.forEachIndexed { i, f ->
            if (results[i] == null) {
                val o = installer.install(f.bytes, ListKind.STATUS_LIST)
                results[i] = if (o == ListOutcome.NotThisKind) ListOutcome.NotAList else o
            }
        }
        return files.mapIndexed { i, f -> FileResult(f.name, results[i] ?: ListOutcome.NotAList) }
    }

    /** Parsed configured location: the accepted HTTPS addresses and the lines refused. */
    data class Locations(val urls: List<URI>, val rejected: List<String>)

    /**
     * The HTTPS addresses of the configured location, one per line (blank lines and `#` comments
     * skipped). Anything not an absolute `https://` URL with a host, or carrying user info, is
     * refused.
     */
    fun parseLocations(text: String): Locations {
        val urls = mutableListOf<URI>()
        val rejected = mutableListOf<String>()
        for (raw in text.lines()) {
            val line = raw.trim()
            if (line.isEmpty() || line.startsWith("#")) continue
            val uri = runCatching { URI(line) }.getOrNull()
            if (uri != null && uri.scheme?.lowercase() == "https" && !uri.host.isNullOrEmpty() && uri.rawUserInfo == null) {
                urls += uri
            } else {
                rejected += line
            }
        }
        return Locations(urls, rejected)
    }
}
