package kz.qujat.app.logic.verify

import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.TrustListInfo
import kz.qujat.app.logic.model.VerificationResult
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.app.logic.presenter.Presenter

/** A short note under the viewfinder. */
enum class ScanHint {
    /** A QR code was read, but it is not a Qujat presentation (no `QJ1:` prefix). */
    NOT_A_QUJAT_CODE,

    /** No trust list is installed: every scan would say so; install one first. */
    NO_TRUST_LIST,
}

sealed interface ScanState {
    /**
     * The camera is on. [challenge] is shown large for the holder to type, if one is in use;
     * [trustList] is the trust list held (its version and age under the viewfinder), known after
     * [VerifierPresenter.refresh].
     */
    data class Scanning(
        val challenge: String? = null,
        val hint: ScanHint? = null,
        val trustList: TrustListInfo? = null,
    ) : ScanState

    /** A code is being checked (a few milliseconds; the camera ignores further codes). */
    data class Verifying(val challenge: String?, val trustList: TrustListInfo? = null) : ScanState

    /** The verdict screen. */
    class Result(val result: VerificationResult, val ui: VerdictUi, val challenge: String?) : ScanState {
        override fun toString(): String = "Result(${ui.code})"
    }

    /**
     * The verifier could not make a challenge (random source failed), or could not record a
     * verification in its state ([VerifierFailure.StateUnavailable]: nothing is accepted until it
     * can write again).
     */
    data class Failed(val failure: VerifierFailure) : ScanState
}

/**
 * The employer's scan loop: optional challenge, scan, verdict, scan again.
 *
 * * The camera reports the same code many times a second; while a result is on screen every
 *   report is ignored, and after "scan again" the code just checked is ignored for
 *   the core's `rescanQuietSecs` (the holder's phone is usually still in front of the camera, and a
 *   second check of the same code with the same challenge would say CHALLENGE_REUSED).
 * * Texts without the `QJ1:` prefix are not sent to the core: the viewfinder says it is not
 *   a Qujat code and keeps scanning (a poster's QR in the background must not flash a verdict).
 * * A challenge stays in use until it is answered: the core records it as answered for the
 *   verdicts that pass its challenge step (VALID, REVOKED, STATUS_*), after which a new scan
 *   needs a new challenge; after EXPIRED, for example, the holder may present again for it.
 */
class VerifierPresenter(
    private val verifier: VerifierPort,
    private val rules: Rules,
    private val clock: Clock,
    private val lang: () -> Lang,
) : Presenter<ScanState>(ScanState.Scanning()) {
    private var lastText: String? = null
    private var lastAt: Long = Long.MIN_VALUE

    /** Show a fresh challenge and expect it in the next presentations. */
    fun newChallenge() {
        val s = state as? ScanState.Scanning ?: return
        try {
            emit(s.copy(challenge = verifier.newChallenge(), hint = null))
        } catch (e: VerifierFailure) {
            emit(ScanState.Failed(e))
        }
    }

    fun clearChallenge() {
        val s = state as? ScanState.Scanning ?: return
        emit(s.copy(challenge = null))
    }

    /** The camera read [text]. Returns true if it was checked. */
    fun onScanned(text: String): Boolean {
        val s = state as? ScanState.Scanning ?: return false
        val now = clock.nowSeconds()
        val trimmed = text.trim()
        if (trimmed == lastText && now - lastAt < rules.limits().rescanQuietSecs) return false
        if (!rules.looksLikePresentation(trimmed)) {
            if (s.hint != ScanHint.NOT_A_QUJAT_CODE) emit(s.copy(hint = ScanHint.NOT_A_QUJAT_CODE))
            return false
        }
        emit(ScanState.Verifying(s.challenge, s.trustList))
        val result = try {
            verifier.verify(trimmed, s.challenge, lang())
        } catch (e: VerifierFailure) {
            emit(ScanState.Failed(e))
            return false
        }
        lastText = trimmed
        lastAt = clock.nowSeconds()
        emit(ScanState.Result(result, VerdictUi.of(result), s.challenge))
        return true
    }

    /** Back to the camera after a result. */
    fun scanAgain() {
        val s = state
        val challenge = when (s) {
            is ScanState.Result -> s.challenge.takeUnless { s.result.view.answersChallenge }
            is ScanState.Failed -> null
            else -> return
        }
        lastAt = clock.nowSeconds()
        val trust = verifier.trustListInfo()
        emit(ScanState.Scanning(challenge = challenge, hint = noTrustHint(trust), trustList = trust))
    }

    /** The screen (re)appears, or the lists were updated: the trust list held, or that none is. */
    fun refresh() {
        val s = state as? ScanState.Scanning ?: return
        val trust = verifier.trustListInfo()
        emit(s.copy(hint = noTrustHint(trust), trustList = trust))
    }

    private fun noTrustHint(trust: TrustListInfo?): ScanHint? = if (trust == null) ScanHint.NO_TRUST_LIST else null
}
