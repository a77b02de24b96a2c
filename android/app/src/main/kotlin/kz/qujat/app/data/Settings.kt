package kz.qujat.app.data

import android.content.Context
import androidx.appcompat.app.AppCompatDelegate
import androidx.core.os.LocaleListCompat
import java.util.Locale
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.Lang

/** Which side of the app this phone is on. */
enum class Mode { HOLDER, VERIFIER }

/** The few plain preferences (no personal data): mode and language. */
class Settings(context: Context) {
    private val prefs = context.getSharedPreferences("settings", Context.MODE_PRIVATE)

    var mode: Mode?
        get() = prefs.getString(KEY_MODE, null)?.let { runCatching { Mode.valueOf(it) }.getOrNull() }
        set(value) {
            prefs.edit().putString(KEY_MODE, value?.name).apply()
        }

    /** The user's explicit language, if any (kept by AppCompat as the per-app locale). */
    var language: Lang?
        get() = AppCompatDelegate.getApplicationLocales().toLanguageTags()
            .split(',').filter { it.isNotBlank() }.takeIf { it.isNotEmpty() }?.let { CoreRules.chooseLanguage(null, it) }
        set(value) {
            AppCompatDelegate.setApplicationLocales(
                if (value == null) LocaleListCompat.getEmptyLocaleList() else LocaleListCompat.forLanguageTags(value.tag),
            )
        }

    /** The language for the core's labels: the user's choice, else the device's, else English. */
    fun effectiveLanguage(): Lang {
        val device = LocaleListCompat.getAdjustedDefault()
        val tags = (0 until device.size()).mapNotNull { device[it]?.toLanguageTag() }
        return CoreRules.chooseLanguage(language, tags.ifEmpty { listOf(Locale.getDefault().toLanguageTag()) })
    }

    private companion object {
        const val KEY_MODE = "mode"
    }
}
