package kz.qujat.app.logic.lists

import java.io.IOException
import java.io.InputStream
import java.net.URI
import kz.qujat.app.logic.io.readAtMost

/** Which kind of list a file is. */
enum class ListKind { TRUST_LIST, STATUS_LIST }

/**
 * Why the verifier store refused a list of the right kind (each has its own sentence). Mapped
 * from every `VerifierError` a list install can give (`VerifierListInstaller`).
 */
enum class ListProblem {
    /** A different list with the same version is held (same sequence or issue time, other bytes): distrust the source. */
    CONFLICT,

    /** A status list whose issuer is not in the trust list held. */
    UNKNOWN_ISSUER,

    /** A status list offered before any trust list is held: the trust list comes first. */
    NO_TRUST_LIST,

    /** The verifier's state file could not be read or written (damaged, busy, disk full). */
    STATE_UNAVAILABLE,

    /** The verifier's state is pinned to another trust anchor than this build's. */
    ANCHOR_MISMATCH,

    /** A trust list that does not verify, offered where a status list was expected (never happens in [ListUpdate.run]). */
    TRUST_LIST_INVALID,

    /** A status list that does not verify, offered where a trust list was expected (never happens in [ListUpdate.run]). */
    STATUS_LIST_INVALID,

    /** An install gave an error no install should give (a challenge or random-source error). */
    INTERNAL,
}

/** Why an HTTPS download gave no list. */
enum class DownloadFailure {
    /** The address, or a redirect, is not `https://`. */
    NOT_HTTPS,

    /** More redirects than [HttpsListFetcher.MAX_REDIRECTS]. */
    TOO_MANY_REDIRECTS,

    /** The server answered with another status than 200. */
    HTTP_STATUS,

    /** No answer within the connect or read timeout. */
    TIMEOUT,

    /** No connection, a TLS failure, or the connection dropped. */
    NETWORK,
}

/** Why a file or address gave no bytes to install. */
sealed interface ReadProblem {
    /** Larger than [ListUpdate.MAX_FILE_BYTES]: not a list (a trust list of thousands of issuers is far smaller). */
    data object TooLarge : ReadProblem

    /** The file could not be read (gone, no permission, I/O error). */
    data object Unreadable : ReadProblem

    /** The download from [host] failed. */
    data class DownloadFailed(val host: String, val reason: DownloadFailure) : ReadProblem
}

/** What happened to one file or address (the same cases as iOS's `ListOutcome`, typed). */
sealed interface ListOutcome {
    /** Installed; [issuedAt] is the list's own issue time (Unix seconds). */
    data class Installed(val kind: ListKind, val issuedAt: Long) : ListOutcome

    /** The store already holds a newer list (the core never takes an older one). */
    data class AlreadyNewer(val kind: ListKind) : ListOutcome

    /** Not a list of this kind (try the other kind). Never in [ListUpdate.run]'s results. */
    data object NotThisKind : ListOutcome

    /** Neither a trust list nor a status list (or one not signed by whom it should be). */
    data object NotAList : ListOutcome

    /** A list of [kind] that the verifier store refused, for [problem]. */
    data class Refused(val kind: ListKind, val problem: ListProblem) : ListOutcome

    /** Nothing to install: the file or download gave no bytes. */
    data class NotRead(val problem: ReadProblem) : ListOutcome
}

/** The port to the verifier store: offer [bytes] as a list of [kind]. */
fun interface ListInstaller {
    fun install(bytes: ByteArray, kind: ListKind): ListOutcome
}

/** The bytes of one source, or why there are none. */
sealed interface ReadResult {
    class Bytes(val bytes: ByteArray) : ReadResult

    data class Failed(val problem: ReadProblem) : ReadResult
}

/**
 * One list file to read: a document the user opened, or a configured HTTPS address. [name] is
 * what the results show (a file name or the address); [read] blocks (disk or network) and is
 * called once, on the update's worker thread.
 */
class ListSource(val name: String, val read: () -> ReadResult) {
    companion object {
        /** A source read from a stream (a picked document), at most [ListUpdate.MAX_FILE_BYTES] (the app's one bounded read). */
        fun ofStream(name: String, open: () -> InputStream): ListSource = ListSource(name) {
            try {
                open().use { readAtMost(it, ListUpdate.MAX_FILE_BYTES.toLong()) }
                    ?.let { ReadResult.Bytes(it) } ?: ReadResult.Failed(ReadProblem.TooLarge)
            } catch (e: IOException) {
                ReadResult.Failed(ReadProblem.Unreadable)
            } catch (e: SecurityException) {
                // The document provider withdrew the permission.
                ReadResult.Failed(ReadProblem.Unreadable)
            }
        }
    }
}

/**
 * Updating the verifier's trust and status lists from files the user opened or downloaded from
 * the configured HTTPS location (the same rules as iOS's `ListUpdate`). The files come in any
 * order and with no name to trust, so each one is first offered as a trust list, and those that
 * are not are offered as status lists after every trust list went in (a status list needs its
 * issuer in the trust list). One file's failure never stops the others; there is one result
 * per file, in the files' order.
 */
object ListUpdate {
    /** One line of the result: the file or address, and what happened to it. */
    data class FileResult(val name: String, val outcome: ListOutcome)

    class ListFile(val name: String, val bytes: ByteArray)

    /** The largest list file accepted. */
    const val MAX_FILE_BYTES: Int = 4 * 1024 * 1024

    /** The most addresses one update downloads (a registry and a few dozen universities). */
    const val MAX_LOCATIONS: Int = 64

    /** Read every source (one at a time), then install what was read ([run]); a result per source. */
    fun apply(sources: List<ListSource>, installer: ListInstaller): List<FileResult> {
        val read = sources.map { source ->
            try {
                source.read()
            } catch (e: IOException) {
                ReadResult.Failed(ReadProblem.Unreadable)
            }
        }
        val files = sources.indices.mapNotNull { i ->
            (read[i] as? ReadResult.Bytes)?.let { i to ListFile(sources[i].name, it.bytes) }
        }
        val installed = run(files.map { it.second }, installer)
        val byIndex = files.map { it.first }.zip(installed).toMap()
        return sources.mapIndexed { i, s ->
            byIndex[i] ?: FileResult(s.name, ListOutcome.NotRead((read[i] as ReadResult.Failed).problem))
        }
    }

    /** Install [files]: trust lists first, then the rest as status lists. */
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
     * refused: the lists are public, and a plain `http` download could be replaced by an older
     * list (the core would refuse a rollback, but not a withheld update).
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
