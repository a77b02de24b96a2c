package kz.qujat.app.logic.present

import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.port.ClaimToggle
import kz.qujat.app.logic.port.Rules

/**
 * Which claims the holder is about to show. Immutable; every change returns a new selection.
 * The rules (only stated claims; the core's preselection, never a sensitive claim; a sensitive
 * claim only after a confirmation; at least one claim; a hint when no name is shown) are the
 * core's, asked through [Rules]: this class only keeps the state of one screen.
 */
class ClaimSelection private constructor(
    private val rules: Rules,
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

    private val stated: Set<ClaimKey> get() = available.toSet()

    fun isSelected(key: ClaimKey): Boolean = key in selected

    val canPresent: Boolean get() = rules.canPresent(selected)

    val includesSensitive: Boolean get() = rules.includesSensitive(selected)

    val hidesName: Boolean get() = rules.hidesName(selected)

    val isDefault: Boolean get() = selected == defaults

    /** The claims in slot order, for the request. */
    val ordered: List<ClaimKey> get() = available.filter { it in selected }

    fun toggle(key: ClaimKey, on: Boolean): Toggle = when (val t = rules.toggleClaim(stated, selected, key, on)) {
        is ClaimToggle.Changed -> Toggle.Changed(with(t.selected))
        ClaimToggle.NeedsConfirmation -> Toggle.NeedsConfirmation(key)
        ClaimToggle.NotAvailable -> Toggle.NotAvailable
    }

    /** Add a sensitive claim after the holder confirmed. */
    fun confirmSensitive(key: ClaimKey): ClaimSelection = with(rules.confirmSensitiveClaim(stated, selected, key))

    /** Back to the preselection. */
    fun reset(): ClaimSelection = with(defaults)

    private fun with(next: Set<ClaimKey>) = ClaimSelection(rules, available, defaults, next)

    override fun equals(other: Any?): Boolean =
        other is ClaimSelection && other.available == available && other.defaults == defaults && other.selected == selected

    override fun hashCode(): Int = (available.hashCode() * 31 + defaults.hashCode()) * 31 + selected.hashCode()

    override fun toString(): String = "ClaimSelection(selected=${ordered})"

    companion object {
        /** The selection for a diploma stating [stated], preselected by the core for a reader of [lang]. */
        fun initial(rules: Rules, stated: Set<ClaimKey>, lang: Lang): ClaimSelection {
            val available = ClaimKey.entries.filter { it in stated }
            val defaults = rules.preselectedClaims(stated, lang)
            return ClaimSelection(rules, available, defaults, defaults)
        }
    }
}
