package kz.qujat.app.logic.model

/**
 * The three languages diplomas and the apps speak. Which one a screen speaks, and which text a
 * reader sees when theirs is missing, is the core's rule ([kz.qujat.app.logic.port.Rules]).
 */
enum class Lang(val tag: String) {
    KK("kk"),
    RU("ru"),
    EN("en"),
}

/** One text in up to three languages, as issuers and trust lists give it. */
data class LocalizedText(val kk: String? = null, val ru: String? = null, val en: String? = null) {
    /** Exactly this language's text, if any. */
    operator fun get(lang: Lang): String? = when (lang) {
        Lang.KK -> kk
        Lang.RU -> ru
        Lang.EN -> en
    }?.takeIf { it.isNotBlank() }

    /** True when no language has a text. */
    val isEmpty: Boolean get() = Lang.entries.all { get(it) == null }
}
