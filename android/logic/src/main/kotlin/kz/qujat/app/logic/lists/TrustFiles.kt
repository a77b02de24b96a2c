package kz.qujat.app.logic.lists

import java.io.File
import java.io.FileInputStream
import java.io.IOException
import java.io.InputStream
import kz.qujat.app.logic.io.readAtMost
import kz.qujat.app.logic.session.ImportTrust

/**
 * One folder of trust files, read only: the app's own `files/trust/` (the trust list the lists
 * screen saved, or files put there by hand) or the build's `assets/trust/` (see its README).
 * Blocking: call it off the main thread.
 */
interface TrustFolder {
    /**
     * The file at [path] inside the folder (`anchor.pub`, `trust-list.bin`,
     * `status/kz.enu.bin`): null, or an [IOException], when there is none. The caller closes it.
     */
    fun open(path: String): InputStream?

    /** The names of the files in the subfolder [dir] (`status`); empty when there is none. */
    fun list(dir: String): List<String>
}

/** A [TrustFolder] on a directory of the file system (the app's `files/trust/`). */
class DirectoryTrustFolder(private val dir: File) : TrustFolder {
    override fun open(path: String): InputStream? = File(dir, path).takeIf { it.isFile }?.let(::FileInputStream)

    override fun list(dir: String): List<String> = File(this.dir, dir).list()?.toList().orEmpty()
}

/**
 * The trust files the app holds offline, from its two folders: the anchor key, the trust lists
 * and the issuers' status lists. Every file goes through the app's one bounded read
 * ([readAtMost]) with the caps the lists screen uses: a list file at most
 * [ListUpdate.MAX_FILE_BYTES], the anchor key file at most [MAX_ANCHOR_FILE_BYTES]. A file over
 * its cap, or one that cannot be read, counts as absent: never a crash at start, never a whole
 * oversized file in memory.
 *
 * [saved] is the app's own folder, [shipped] the build's assets.
 */
class TrustFiles(private val saved: TrustFolder, private val shipped: TrustFolder) {
    /** The anchor key file (parsed by the core's rule): the saved copy if there is one, else the shipped one. */
    fun anchorFile(): ByteArray? = read(saved, ANCHOR, MAX_ANCHOR_FILE_BYTES) ?: read(shipped, ANCHOR, MAX_ANCHOR_FILE_BYTES)

    /**
     * Every trust list held, the saved copy first, then the shipped one. Both are kept: which
     * one is newer only the core can say ([TrustListChoice]); the verifier store takes both
     * (it keeps the newer and refuses the older).
     */
    fun trustLists(): List<TrustListCopy> = listOfNotNull(
        read(saved, TRUST_LIST, MAX_LIST_BYTES)?.let { TrustListCopy(TrustListOrigin.SAVED, it) },
        read(shipped, TRUST_LIST, MAX_LIST_BYTES)?.let { TrustListCopy(TrustListOrigin.SHIPPED, it) },
    )

    /**
     * Every status list file (the `.bin` files of both folders' `status/`), sorted by name; a
     * saved file replaces the shipped file of the same name (if the saved one cannot be read,
     * the shipped one is taken).
     */
    fun statusLists(): List<ByteArray> {
        val names = (names(saved) + names(shipped)).filter { it.endsWith(".bin") }.sorted()
        return names.mapNotNull { name ->
            read(saved, "$STATUS_DIR/$name", MAX_LIST_BYTES) ?: read(shipped, "$STATUS_DIR/$name", MAX_LIST_BYTES)
        }
    }

    /**
     * What the holder's import is checked against, read now (so a list the lists screen saved a
     * moment ago is used): the anchor key of [anchorFile], parsed by [parseAnchor] (the core's
     * key-file rule), and the newest of [trustLists] ([TrustListChoice]), whose sequence
     * [sequenceOf] reads under that anchor. Null when there is no usable anchor or no trust list
     * signed by it (the import then says the trust list is not valid, without a wallet call).
     */
    fun importTrust(
        parseAnchor: (ByteArray) -> ByteArray?,
        sequenceOf: (anchor: ByteArray, list: ByteArray) -> Long?,
    ): ImportTrust? {
        val anchor = anchorFile()?.let(parseAnchor) ?: return null
        val list = TrustListChoice.newest(trustLists()) { sequenceOf(anchor, it) } ?: return null
        return ImportTrust(anchor, list.bytes)
    }

    private fun names(folder: TrustFolder): Set<String> = try {
        folder.list(STATUS_DIR).toSet()
    } catch (e: IOException) {
        emptySet()
    }

    private fun read(folder: TrustFolder, path: String, max: Long): ByteArray? = try {
        folder.open(path)?.use { readAtMost(it, max) }
    } catch (e: IOException) {
        null
    } catch (e: SecurityException) {
        null
    }

    companion object {
        const val ANCHOR: String = "anchor.pub"
        const val TRUST_LIST: String = "trust-list.bin"
        const val STATUS_DIR: String = "status"

        /** The largest anchor key file: the core's own limit for a key file (`key_file::MAX_KEY_FILE_BYTES`, not exported). */
        const val MAX_ANCHOR_FILE_BYTES: Long = 1024

        /** The largest trust or status list file: the lists screen's limit. */
        const val MAX_LIST_BYTES: Long = ListUpdate.MAX_FILE_BYTES.toLong()
    }
}
