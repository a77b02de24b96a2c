package kz.qujat.app.data

import android.content.Context
import android.content.res.AssetManager
import java.io.File
import java.io.FileOutputStream
import java.io.IOException
import java.io.InputStream
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.bridge.CoreVerifier
import kz.qujat.app.logic.lists.BundledLists
import kz.qujat.app.logic.lists.DirectoryTrustFolder
import kz.qujat.app.logic.lists.TrustFiles
import kz.qujat.app.logic.lists.TrustFolder
import kz.qujat.app.logic.lists.TrustListCopy
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.app.logic.session.ImportTrust

/**
 * The anchor key, trust lists and status lists the app works with offline: shipped in
 * `assets/trust/`, and copies in `files/trust/` (same names; the lists screen saves there each
 * trust list the verifier store accepted). Read through `:logic`'s [TrustFiles], every file
 * bounded like the lists screen's. See `assets/trust/README.md`.
 */
class TrustData(
    val anchor: ByteArray?,
    /** The saved copy (if any) and the shipped list (if any): the verifier store takes the newer. */
    private val trustLists: List<TrustListCopy>,
    val statusLists: List<ByteArray>,
) {
    /**
     * Install into a verifier: every trust list held (the store keeps the newest and refuses
     * the older), then every status list it accepts.
     */
    fun installInto(verifier: VerifierPort): List<VerifierFailure> =
        BundledLists.install(verifier, trustLists.map { it.bytes }, statusLists)

    companion object {
        private const val DIR = "trust"

        private fun files(context: Context): TrustFiles =
            TrustFiles(saved = DirectoryTrustFolder(File(context.filesDir, DIR)), shipped = AssetTrustFolder(context.assets))

        /**
         * Keep a trust list the verifier store accepted (the lists screen) as `files/trust/trust-list.bin`,
         * for the holder's import (from its next import on: [importTrust] reads it then) and the
         * next start. Written whole or not at all (a temporary file renamed over the old one).
         * Blocking: call it off the main thread.
         */
        fun saveTrustList(context: Context, bytes: ByteArray) {
            val dir = File(context.filesDir, DIR).apply { mkdirs() }
            val tmp = File(dir, "${TrustFiles.TRUST_LIST}.tmp")
            try {
                FileOutputStream(tmp).use { out ->
                    out.write(bytes)
                    out.fd.sync()
                }
                if (!tmp.renameTo(File(dir, TrustFiles.TRUST_LIST))) tmp.delete()
            } catch (e: IOException) {
                // The verifier store holds the list anyway; only the holder's import keeps the older one.
                tmp.delete()
            }
        }

        /** Everything, for the verifier at its opening. Blocking: call it off the main thread. */
        fun load(context: Context): TrustData {
            val f = files(context)
            return TrustData(
                anchor = f.anchorFile()?.let(CoreRules::parsePublicKeyFile),
                trustLists = f.trustLists(),
                statusLists = f.statusLists(),
            )
        }

        /**
         * What the holder's import is checked against, read at the time of the import: the anchor
         * and the newest trust list the app holds by sequence (`TrustListChoice`: the saved copy
         * or the shipped one, never an older one; each read by the core under the anchor), so a
         * list the lists screen saved a moment ago is used without a restart. Null when there is
         * no anchor or no list it signed. Blocking (files, signature checks): the session calls
         * it on its worker thread.
         */
        fun importTrust(context: Context): ImportTrust? =
            files(context).importTrust(CoreRules::parsePublicKeyFile, CoreVerifier::trustListSequence)
    }
}

/** The build's `assets/trust/` as a [TrustFolder] (`AssetManager.open` throws when a file is missing). */
private class AssetTrustFolder(private val assets: AssetManager) : TrustFolder {
    override fun open(path: String): InputStream = assets.open("trust/$path")

    override fun list(dir: String): List<String> = assets.list("trust/$dir")?.toList().orEmpty()
}
