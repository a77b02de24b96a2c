package kz.qujat.app.bridge

import java.io.File
import kz.qujat.app.logic.model.HeldStatusList
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.StatusFreshness
import kz.qujat.app.logic.model.TrustListInfo
import kz.qujat.app.logic.model.VerificationResult
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.core.Verifier
import kz.qujat.core.VerifierException

private inline fun <T> call(block: () -> T): T =
    try {
        block()
    } catch (e: VerifierException) {
        throw Mapping.failure(e)
    }

/** [VerifierPort] over the generated `kz.qujat.core.Verifier`. */
class CoreVerifier(private val verifier: Verifier) : VerifierPort, AutoCloseable {
    override fun installTrustList(bytes: ByteArray): TrustListInfo =
        call { Mapping.trustListInfo(verifier.installTrustList(bytes)) }

    override fun trustListInfo(): TrustListInfo? = verifier.trustListInfo()?.let(Mapping::trustListInfo)

    override fun installStatusList(bytes: ByteArray): StatusFreshness =
        call { Mapping.freshness(verifier.installStatusList(bytes)) }

    override fun statusLists(): List<HeldStatusList> = call { verifier.statusLists().map(Mapping::held) }

    override fun newChallenge(): String = call { verifier.newChallenge() }

    override fun verify(text: String, expectedChallenge: String?, lang: Lang): VerificationResult = call {
        val r = verifier.verify(text, expectedChallenge, Mapping.language(lang))
        VerificationResult(
            verdict = Mapping.verdict(r.verdict),
            kind = r.kind?.let(Mapping::kind),
            view = CoreRules.view(r.view),
            authentic = r.authentic,
            issuerName = r.issuer?.let { Mapping.text(it.name) },
            claims = r.claims.map(Mapping::line),
            notStated = r.notStated.map(Mapping::claim),
            createdAt = r.createdAt,
            expiresAt = r.expiresAt,
            challenge = r.challenge,
            status = r.status?.let(Mapping::freshness),
            verifiedAt = r.verifiedAt,
        )
    }

    override fun close() = verifier.close()

    companion object {
        /** A verifier pinned to [anchorPublicKey] (32 bytes) that remembers in memory only. */
        fun pinned(anchorPublicKey: ByteArray): CoreVerifier = call { CoreVerifier(Verifier(anchorPublicKey)) }

        /**
         * The sequence (version) of the trust list [bytes] once its signature by [anchorPublicKey]
         * holds, read by a fresh verifier that remembers in memory only and is closed at once;
         * null when the core refuses it (not a trust list, cut or damaged, another anchor's) or
         * the anchor key is not one. Blocking (a signature check): off the main thread. For
         * `TrustListChoice.newest` (the holder's import uses the newest list the app holds).
         */
        fun trustListSequence(anchorPublicKey: ByteArray, bytes: ByteArray): Long? = try {
            pinned(anchorPublicKey).use { it.installTrustList(bytes).sequence }
        } catch (e: VerifierFailure) {
            null
        }

        /**
         * A verifier whose state (pinned anchor, newest lists, answered challenges, history) lives
         * in a file in [dir] (the app's `no_backup/`: it is this phone's memory, not a backup's).
         * The file is named for the anchor: an app update that ships a new anchor starts a new
         * state, as a new anchor needs (the core refuses another anchor on an existing state).
         */
        fun open(dir: File, anchorPublicKey: ByteArray): CoreVerifier = call {
            CoreVerifier(Verifier.open(statePath(dir, anchorPublicKey), anchorPublicKey))
        }

        /** Where [open] keeps the state for [anchorPublicKey] in [dir]. */
        fun statePath(dir: File, anchorPublicKey: ByteArray): String = File(dir, stateFileName(anchorPublicKey)).path

        /** `verifier-<first 8 bytes of the anchor, hex>.sqlite3`. */
        fun stateFileName(anchorPublicKey: ByteArray): String =
            "verifier-" + anchorPublicKey.take(8).joinToString("") { "%02x".format(it) } + ".sqlite3"
    }
}
