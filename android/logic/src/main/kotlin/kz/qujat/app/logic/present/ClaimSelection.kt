package kz.qujat.app.logic.present

import kz.qujat.app.logic.model.ClaimKey

/**
 * Which claims the holder is about to show. Immutable; every change returns a new selection.
 *
 * Rules:
 * 1. Only claims this diploma states can be chosen ([available], in slot order).
 * 2. The preselection is the core's default set for the reader's language, minus any
 *    sensitive claim (IIN, birth date, GPA), which is never preselected even if a future core
 *    default listed one.
 * 3. Turning a sensitive claim on is a two-step act: [toggle] asks for confirmation
 *    ([Toggle.NeedsConfirmation]) and only [confirmSensitive] adds it.
 * 4. A presentation shows at least one claim ([canPresent]).
 * 5. With neither name claim, the verifier cannot tell the diploma is the holder's: [hidesName]
 *    lets the screen say so (a hint, not a block).
 */
class ClaimSelection private constructor(
    val available: List<ClaimKey>,
    val defaults: Set<ClaimKey>,
    val selected: Set<ClaimKey>,
) {
    sealed class Toggle {
        data class Changed(val selection: ClaimSelection) : Toggle()

        /** A sensitive claim: ask, then call [confirmSensitive]. */
        data class NeedsConfirmation(val key: ClaimKey) : Toggle()

        /** Not a claim this diploma states. */
        data object NotAvailable : Toggle()
    }

    fun isSelected(key: ClaimKey): Boolean = key in selected

    val canPresent: Boolean get() = selected.isNotEmpty()

    val includesSensitive: Boolean get() = selected.any { it.isSensitive }

    val hidesName: Boolean get() = ClaimKey.NAME !in selected && ClaimKey.NAME_LATIN !in selected

    val isDefault: Boolean get() = selected == defaults

    /** The claims in slot order, for the request. */
    val ordered: List<ClaimKey> get() = available.filter { it in selected }

    fun toggle(key: ClaimKey, on: Boolean): Toggle = when {
        key !in available -> Toggle.NotAvailable
        on && key.isSensitive && key !in selected -> Toggle.NeedsConfirmation(key)
        else -> Toggle.Changed(with(if (on) selected + key else selected - key))
    }

    /** Add a sensitive claim after the holder confirmed. */
    fun confirmSensitive(key: ClaimKey): ClaimSelection =
        if (key in available) with(selected + key) else this

    /** Back to the preselection. */
    fun reset(): ClaimSelection = with(defaults)

    private fun with(next: Set<ClaimKey>) = ClaimSelection(available, defaults, next)

    override fun equals(other: Any?): Boolean =
        other is ClaimSelection && other.available == available && other.defaults == defaults && other.selected == selected

    override fun hashCode(): Int = (available.hashCode() * 31 + defaults.hashCode()) * 31 + selected.hashCode()

    override fun toString(): String = "ClaimSelection(selected=${ordered})"

    companion object {
        /** The selection for a diploma stating [stated], preselecting [coreDefaults] (rule 2). */
        fun initial(stated: Set<ClaimKey>, coreDefaults: Set<ClaimKey>): ClaimSelection {
            val available = ClaimKey.entries.filter { it in stated }
            val defaults = coreDefaults.filterTo(linkedSetOf()) { it in stated && !it.isSensitive }
            return ClaimSelection(available, defaults, defaults)
        }
    }
}
