package kz.qujat.app.logic.session

/**
 * Which screens may stay up while the wallet is locked: the one decision the app's navigation
 * follows after a lock (background, idle timeout, a call that met `Locked`), instead of a resume
 * hook per screen. Routes are the patterns the NavHost declares (`diploma/{id}`, not
 * `diploma/ab12…`); `SessionTest` checks that every route of the app's `…Routes` objects is
 * listed in exactly one of [OPEN] and [WALLET].
 */
object RouteAccess {
    /** Screens that show no wallet data: fine while locked (the unlock screen is one of them). */
    val OPEN: Set<String> = setOf(
        "start",
        "onboarding?resume={resume}",
        "unlock",
        "verifier",
        "settings",
        // The verifier's trust and status lists: public data, no wallet.
        "lists",
        // Before any wallet exists: the backup file and code are checked, then set-up as in onboarding.
        "restore",
    )

    /** Screens that show or change wallet data: only while the wallet is unlocked. */
    val WALLET: Set<String> = setOf(
        "diplomas",
        "diploma/{id}",
        "present/{id}",
        "after-recovery",
        "backup",
        "pdf/{id}",
        // The security screens (ui/security/SecurityNavigation.kt).
        "security/pin",
        "security/recovery-codes",
        "security/authenticator?resume={resume}",
        "security/audit",
    )

    /**
     * Whether [route] needs an unlocked wallet. A route in neither list does (fail closed): a
     * screen added later without a decision cannot show data after a lock. Null (nothing shown
     * yet) does not.
     */
    fun needsUnlockedWallet(route: String?): Boolean = route != null && route !in OPEN

    /** What the navigation does on [route] when the session is [locked]. */
    fun decide(route: String?, locked: Boolean): RouteDecision =
        if (locked && needsUnlockedWallet(route)) RouteDecision.GO_TO_UNLOCK else RouteDecision.STAY
}

/** The answer of [RouteAccess.decide]. */
enum class RouteDecision {
    STAY,

    /** Replace the whole back stack with the unlock screen (nothing behind it to go back to). */
    GO_TO_UNLOCK,
}
