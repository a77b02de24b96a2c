package kz.qujat.app.data

import android.content.Context
import java.io.File
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort

/**
 * The anchor key, trust list and status lists the app works with offline: shipped in
 * `assets/trust/`, overridden by newer copies in `files/trust/` (same names). See
 * `assets/trust/README.md`.
 */
class TrustData(
    val anchor: ByteArray?,
    val trustList: ByteArray?,
    val statusLists: List<ByteArray>,
) {
    /** Install into a verifier: the trust list, then every status list it accepts. */
    fun installInto(verifier: VerifierPort): List<VerifierFailure> {
        val problems = mutableListOf<VerifierFailure>()
        val list = trustList ?: return problems
        try {
            verifier.installTrustList(list)
        } catch (e: VerifierFailure.TrustListRollback) {
            // The verifier's state already holds a newer list (installed earlier and remembered):
            // keep it, and still offer the status lists.
            problems += e
        } catch (e: VerifierFailure) {
            problems += e
            return problems
        }
        for (s in statusLists) {
            try {
                verifier.installStatusList(s)
            } catch (e: VerifierFailure) {
                problems += e
            }
        }
        return problems
    }

    companion object {
        private const val DIR = "trust"

        fun load(context: Context): TrustData {
            val local = File(context.filesDir, DIR)
            fun read(name: String): ByteArray? =
                File(local, name).takeIf { it.isFile }?.readBytes()
                    ?: runCatching { context.assets.open("$DIR/$name").use { it.readBytes() } }.getOrNull()

            val statusNames = buildSet {
                runCatching { context.assets.list("$DIR/status") }.getOrNull()?.let { addAll(it) }
                File(local, "status").list()?.let { addAll(it) }
            }.filter { it.endsWith(".bin") }.sorted()

            return TrustData(
                anchor = read("anchor.pub")?.let(CoreRules::parsePublicKeyFile),
                trustList = read("trust-list.bin"),
                statusLists = statusNames.mapNotNull { read("status/$it") },
            )
        }
    }
}
