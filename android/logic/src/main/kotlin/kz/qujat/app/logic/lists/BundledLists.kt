package kz.qujat.app.logic.lists

import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort

/**
 * The lists the app starts with (shipped in its assets, or saved by the lists screen), offered to
 * the verifier store at every start: every trust list (the store keeps the newest and refuses the
 * older ones, which is no problem), then, if a trust list is held, every status list. What the
 * store refused is returned, never thrown: a start never fails over an old list.
 */
object BundledLists {
    fun install(verifier: VerifierPort, trustLists: List<ByteArray>, statusLists: List<ByteArray>): List<VerifierFailure> {
        val problems = mutableListOf<VerifierFailure>()
        for (list in trustLists) {
            try {
                verifier.installTrustList(list)
            } catch (e: VerifierFailure) {
                problems += e
            }
        }
        if (verifier.trustListInfo() == null) return problems
        for (s in statusLists) {
            try {
                verifier.installStatusList(s)
            } catch (e: VerifierFailure) {
                problems += e
            }
        }
        return problems
    }
}
