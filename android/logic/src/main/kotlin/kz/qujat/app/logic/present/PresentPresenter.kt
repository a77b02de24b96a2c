package kz.qujat.app.logic.present

import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.DiplomaDetail
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.Presentation
import kz.qujat.app.logic.model.PresentationRequest
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.presenter.Presenter

sealed interface PresentState {
    /** Choosing what to show, and optionally typing the verifier's challenge. */
    data class Choosing(
        val selection: ClaimSelection,
        val challengeInput: String = "",
        /** The challenge field holds something that is not 6 digits. */
        val challengeInvalid: Boolean = false,
        /** A sensitive claim waiting for the holder's confirmation (show the dialog). */
        val confirming: ClaimKey? = null,
        val busy: Boolean = false,
    ) : PresentState {
        val canPresent: Boolean get() = selection.canPresent && !challengeInvalid && !busy && confirming == null
    }

    /** The QR on screen, with its countdown. */
    class Showing(
        val presentation: Presentation,
        val secondsLeft: Long,
        val selection: ClaimSelection,
        /** `m:ss` of [secondsLeft] (the core's countdown format). */
        val countdownText: String,
        /** The share of the lifetime left, 0–1, for the progress ring. */
        val fractionLeft: Float,
        /** The last seconds: the screen warns that the code is about to go. */
        val endingSoon: Boolean,
        /**
         * A new code will replace this one by itself before it expires (`present_auto_refresh`);
         * false once the automatic refreshes are used up (`present_auto_refresh_off`).
         */
        val autoRefreshLeft: Boolean = true,
        /** Making the next code failed (the current one stays until it expires): why. */
        val refreshFailure: WalletFailure? = null,
    ) : PresentState {
        override fun toString(): String = "Showing($secondsLeft s left)"
    }

    /** The lifetime is over: the QR is gone from memory and screen; offer a new one. */
    data class Expired(val selection: ClaimSelection) : PresentState

    /** The wallet locked itself (idle timeout) or refused: the screen leaves for unlock or says why. */
    data class Failed(val failure: WalletFailure, val selection: ClaimSelection) : PresentState
}

/**
 * Present a diploma: field choice (see [ClaimSelection]), an optional challenge, then the QR
 * with a countdown. Shortly before it expires (the core's "ending soon" time) a new code with
 * the same claims and challenge replaces it by itself, at most the core's `maxAutoRefreshes`
 * times in a row ([QrRefresh]); then the code runs out, is dropped, and the holder asks for a
 * new one by hand. [tick] drives it all, about once a second while the screen is visible and
 * the app resumed (no tick, no refresh: a code is never renewed behind the holder's back).
 */
class PresentPresenter(
    private val wallet: WalletPort,
    private val rules: Rules,
    private val clock: Clock,
    private val diplomaId: String,
    detail: DiplomaDetail,
    lang: Lang,
    /** The lifetime to ask for; null: the core's default. */
    ttlSecs: Int? = null,
) : Presenter<PresentState>(
    PresentState.Choosing(ClaimSelection.initial(rules, detail.stated, lang)),
) {
    private val ttlSecs: Int = ttlSecs ?: rules.limits().presentationTtlSecs

    /** Renewed at the core's "ending soon" time, or halfway through a lifetime shorter than twice that. */
    private val refresh = rules.limits().let { QrRefresh(minOf(it.endingSoonSecs, this.ttlSecs / 2L), it.maxAutoRefreshes) }

    /** The request of the code on screen, made again by an automatic refresh. */
    private var lastRequest: PresentationRequest? = null

    /** The challenge typed last, kept for "make a new one" after an expiry (same meeting). */
    private var lastChallengeInput = ""

    private fun choosing(): PresentState.Choosing? = state as? PresentState.Choosing

    fun toggle(key: ClaimKey, on: Boolean) {
        val s = choosing() ?: return
        when (val t = s.selection.toggle(key, on)) {
            is ClaimSelection.Toggle.Changed -> emit(s.copy(selection = t.selection))
            is ClaimSelection.Toggle.NeedsConfirmation -> emit(s.copy(confirming = t.key))
            ClaimSelection.Toggle.NotAvailable -> Unit
        }
    }

    /** The holder confirmed showing the sensitive claim in the dialog. */
    fun confirmSensitive() {
        val s = choosing() ?: return
        val key = s.confirming ?: return
        emit(s.copy(selection = s.selection.confirmSensitive(key), confirming = null))
    }

    fun cancelSensitive() {
        val s = choosing() ?: return
        emit(s.copy(confirming = null))
    }

    fun resetSelection() {
        val s = choosing() ?: return
        emit(s.copy(selection = s.selection.reset()))
    }

    /** The challenge field changed. Empty means no challenge. */
    fun challengeChanged(input: String) {
        val s = choosing() ?: return
        val kept = rules.filterCodeTyping(input)
        lastChallengeInput = kept
        emit(s.copy(challengeInput = kept, challengeInvalid = kept.isNotEmpty() && rules.authenticatorCode(kept) == null))
    }

    /** Make the presentation and show it. */
    fun present() {
        val s = choosing() ?: return
        val challenge = if (s.challengeInput.isEmpty()) null else rules.authenticatorCode(s.challengeInput)
        if (s.challengeInput.isNotEmpty() && challenge == null) return emit(s.copy(challengeInvalid = true))
        if (!s.canPresent) return
        emit(s.copy(busy = true))
        val request = PresentationRequest(s.selection.ordered.toSet(), challenge, ttlSecs)
        try {
            val p = wallet.present(diplomaId, request)
            lastRequest = request
            refresh.requested()
            refresh.shown(p.createdAt, p.expiresAt)
            emit(showing(p, rules.secondsLeft(p.expiresAt, clock.nowSeconds()), s.selection))
            tick()
        } catch (e: WalletFailure.BadChallenge) {
            emit(s.copy(busy = false, challengeInvalid = true))
        } catch (e: WalletFailure) {
            emit(PresentState.Failed(e, s.selection))
        }
    }

    /** Advance the countdown: renew the code when it is time, drop it at expiry. */
    fun tick() {
        val s = state as? PresentState.Showing ?: return
        val now = clock.nowSeconds()
        when (refresh.tick(now)) {
            QrRefresh.Action.DROP -> return emit(PresentState.Expired(s.selection))
            QrRefresh.Action.MAKE_NEW -> return renew(s)
            QrRefresh.Action.NONE -> Unit
        }
        val left = rules.secondsLeft(s.presentation.expiresAt, now)
        when {
            left <= 0 -> emit(PresentState.Expired(s.selection))
            left != s.secondsLeft || s.autoRefreshLeft != refresh.autoRefreshLeft ->
                emit(showing(s.presentation, left, s.selection, s.refreshFailure))
        }
    }

    /** Replace the code on screen by a new one for the same request; on failure keep it until it expires. */
    private fun renew(s: PresentState.Showing) {
        val request = lastRequest ?: return refresh.refreshFailed()
        try {
            val p = wallet.present(diplomaId, request)
            refresh.shown(p.createdAt, p.expiresAt)
            emit(showing(p, rules.secondsLeft(p.expiresAt, clock.nowSeconds()), s.selection))
        } catch (e: WalletFailure.Locked) {
            // The session is gone: the screen leaves for unlock, and the code with it.
            refresh.refreshFailed()
            emit(PresentState.Failed(e, s.selection))
        } catch (e: WalletFailure) {
            refresh.refreshFailed()
            val left = rules.secondsLeft(s.presentation.expiresAt, clock.nowSeconds())
            emit(if (left <= 0) PresentState.Expired(s.selection) else showing(s.presentation, left, s.selection, e))
        }
    }

    private fun showing(p: Presentation, left: Long, selection: ClaimSelection, refreshFailure: WalletFailure? = null) =
        PresentState.Showing(
            p,
            left,
            selection,
            countdownText = rules.formatCountdown(left),
            fractionLeft = rules.fractionLeft(left, p.lifetimeSecs),
            endingSoon = left <= rules.limits().endingSoonSecs,
            autoRefreshLeft = refresh.autoRefreshLeft,
            refreshFailure = refreshFailure,
        )

    /** Hide the QR now (the holder is done) and go back to the choice. */
    fun stopShowing() {
        val sel = when (val s = state) {
            is PresentState.Showing -> s.selection
            is PresentState.Expired -> s.selection
            is PresentState.Failed -> s.selection
            else -> return
        }
        refresh.hidden()
        lastRequest = null
        emit(PresentState.Choosing(sel, challengeInput = lastChallengeInput))
    }
}
