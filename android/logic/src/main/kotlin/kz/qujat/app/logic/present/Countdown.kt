package kz.qujat.app.logic.present

import java.util.Locale

/** Remaining time on a screen: a QR's lifetime, a lockout's wait. */
object Countdown {
    /** Whole seconds from [now] until [until], never negative. */
    fun secondsLeft(until: Long, now: Long): Long = (until - now).coerceAtLeast(0)

    /** `m:ss` below an hour, `h:mm:ss` above (a lockout can last an hour). */
    fun format(seconds: Long): String {
        val s = seconds.coerceAtLeast(0)
        val h = s / 3600
        val m = s / 60 % 60
        val sec = s % 60
        return if (h > 0) String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) else String.format(Locale.ROOT, "%d:%02d", m, sec)
    }

    /** The share of [total] still left, 0–1, for a progress ring. */
    fun fraction(secondsLeft: Long, total: Long): Float =
        if (total <= 0) 0f else (secondsLeft.toFloat() / total).coerceIn(0f, 1f)
}
