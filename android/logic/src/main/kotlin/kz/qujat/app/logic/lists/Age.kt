package kz.qujat.app.logic.lists

/** The unit an [Age] is counted in. */
enum class AgeUnit { NOW, MINUTES, HOURS, DAYS }

/**
 * How long ago a list was issued, in the largest whole unit a person reads at a glance ("just
 * now", "12 minutes ago", "5 hours ago", "3 days ago"); the app words it with the platform's
 * relative-time formatter in the reader's language.
 */
data class Age(val amount: Long, val unit: AgeUnit) {
    companion object {
        /** The age at [now] of something dated [then] (Unix seconds). A time ahead of [now] (a clock off) is [AgeUnit.NOW]. */
        fun between(then: Long, now: Long): Age {
            val secs = (now - then).coerceAtLeast(0)
            return when {
                secs < 60 -> Age(0, AgeUnit.NOW)
                secs < 3_600 -> Age(secs / 60, AgeUnit.MINUTES)
                secs < 2 * 86_400 -> Age(secs / 3_600, AgeUnit.HOURS)
                else -> Age(secs / 86_400, AgeUnit.DAYS)
            }
        }
    }
}
