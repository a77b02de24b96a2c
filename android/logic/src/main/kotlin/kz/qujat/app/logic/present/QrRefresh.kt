package kz.qujat.app.logic.present

/**
 * The live QR code on the holder's screen, refreshed before it expires (the same states as iOS's
 * `QrRefresh`): while the screen is up, a new presentation is made [leadSecs] before the current
 * one expires. Automatic refreshes stop after [maxAutoRefreshes] (each presentation is logged in
 * the audit log; a phone left on a desk must not keep making them); then the code runs out and
 * the holder asks for a new one by hand. Times in Unix seconds from the caller's clock.
 */
class QrRefresh(leadSecs: Long, maxAutoRefreshes: Int = 4) {
    sealed interface Phase {
        data object Idle : Phase
        data class Showing(val createdAt: Long, val expiresAt: Long) : Phase
        data class Refreshing(val createdAt: Long, val expiresAt: Long) : Phase
        data object Expired : Phase
    }

    enum class Action { NONE, MAKE_NEW, DROP }

    val leadSecs: Long = maxOf(0L, leadSecs)
    val maxAutoRefreshes: Int = maxOf(0, maxAutoRefreshes)

    var phase: Phase = Phase.Idle
        private set
    var autoRefreshes: Int = 0
        private set

    /** The holder asked for a code: the automatic count restarts. */
    fun requested() {
        autoRefreshes = 0
    }

    fun shown(createdAt: Long, expiresAt: Long) {
        phase = Phase.Showing(createdAt, expiresAt)
    }

    /** Making the new code failed (e.g. the session locked): keep the current one until it expires. */
    fun refreshFailed() {
        val p = phase
        if (p is Phase.Refreshing) phase = Phase.Showing(p.createdAt, p.expiresAt)
        autoRefreshes = maxAutoRefreshes
    }

    fun hidden() {
        phase = Phase.Idle
    }

    /** Called every second while the screen is visible and the app resumed. */
    fun tick(now: Long): Action = when (val p = phase) {
        Phase.Idle, Phase.Expired -> Action.NONE
        is Phase.Refreshing -> if (now >= p.expiresAt) {
            phase = Phase.Expired
            Action.DROP
        } else {
            Action.NONE
        }
        is Phase.Showing -> when {
            now >= p.expiresAt -> {
                phase = Phase.Expired
                Action.DROP
            }
            p.expiresAt - now <= leadSecs && autoRefreshes < maxAutoRefreshes -> {
                autoRefreshes += 1
                phase = Phase.Refreshing(p.createdAt, p.expiresAt)
                Action.MAKE_NEW
            }
            else -> Action.NONE
        }
    }

    val autoRefreshLeft: Boolean get() = autoRefreshes < maxAutoRefreshes
}
