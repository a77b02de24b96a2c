package kz.qujat.app.data

import android.content.Context
import java.io.File
import java.io.FileOutputStream
import java.io.IOException
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.lists.BundledLists
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort

/**
 * The anchor key, trust list and status lists the app works with offline: shipped in
 * `assets/trust/`, overridden by copies in `files/trust/` (same names; the lists screen saves the
 * trust lists the verifier store accepted there). See `assets/trust/README.md`.
 */
class TrustData(
    val anchor: ByteArray?,
    /** The trust list for the holder's import: the copy in `files/trust/` if any, else the shipped one. */
    val trustList: ByteArray?,
    val statusLists: List<ByteArray>,
    /** The shipped trust list when a copy in `files/trust/` overrides it: offered to the verifier too. */
    private val shippedTrustList: ByteArray? = null,
) {
    /**
     * Install into a verifier: the trust lists (the shipped one and the saved copy: the store
     * keeps the newer and refuses the older), then every status list it accepts.
     */
    fun installInto(verifier: VerifierPort): List<VerifierFailure> =
        BundledLists.install(verifier, listOfNotNull(shippedTrustList, trustList), statusLists)

    companion object {
        private const val DIR = "trust"
        private const val TRUST_LIST = "trust-list.bin"

        /**
         * Keep a trust list the verifier store accepted (the lists screen) as `files/trust/trust-list.bin`,
         * for the holder's import and the next start. Written whole or not at all (a temporary
         * file renamed over the old one). Blocking: call it off the main thread.
         */
        fun saveTrustList(context: Context, bytes: ByteArray) {
            val dir = File(context.filesDir, DIR).apply { mkdirs() }
            val tmp = File(dir, "$TRUST_LIST.tmp")
            try {
                FileOutputStream(tmp).use { out ->
                    out.write(bytes)
                    out.fd.sync()
                }
                if (!tmp.renameTo(File(dir, TRUST_LIST))) tmp.delete()
            } catch (e: IOException) {
                // The verifier store holds the list anyway; only the holder's import keeps the older one.
                tmp.delete()
            }
        }

        fun load(context: Context): TrustData {
            val local = File(context.filesDir, DIR)
            fun shipped(name: String): ByteArray? =
                runCatching { context.assets.open("$DIR/$name").use { it.readBytes() } }.getOrNull()
            fun read(name: String): ByteArray? = File(local, name).takeIf { it.isFile }?.readBytes() ?: shipped(name)

            val statusNames = buildSet {
                runCatching { context.assets.list("$DIR/status") }.getOrNull()?.let { addAll(it) }
                File(local, "status").list()?.let { addAll(it) }
            }.filter { it.endsWith(".bin") }.sorted()

            val savedTrustList = File(local, TRUST_LIST).takeIf { it.isFile }?.readBytes()
            return TrustData(
                anchor = read("anchor.pub")?.let(CoreRules::parsePublicKeyFile),
                trustList = savedTrustList ?: shipped(TRUST_LIST),
                statusLists = statusNames.mapNotNull { read("status/$it") },
                shippedTrustList = if (savedTrustList != null) shipped(TRUST_LIST) else null,
            )
        }
    }
}
