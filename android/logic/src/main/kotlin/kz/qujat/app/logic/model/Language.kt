package kz.qujat.app.logic.model

/** The three languages diplomas and the apps speak. */
enum class Lang(val tag: String) {
    KK("kk"),
    RU("ru"),
    EN("en");

    /**
     * The order in which to look for a text when this language's is missing. Kazakh readers
     * fall back to Russian (the other official language) before English; Russian readers to
     * English, then Kazakh; English readers to Russian, then Kazakh (issuers in Kazakhstan
     * always have Kazakh and Russian, English only sometimes).
     */
    val fallbackOrder: List<Lang>
        get() = when (this) {
            KK -> listOf(KK, RU, EN)
            RU -> listOf(RU, EN, KK)
            EN -> listOf(EN, RU, KK)
        }

    companion object {
        /** The language of a BCP 47 tag (`kk-KZ`, `ru`, `en-GB`, `kk-Cyrl-KZ`), if it is one of ours. */
        fun ofTag(tag: String): Lang? {
            val primary = tag.trim().substringBefore('-').substringBefore('_').lowercase()
            return entries.firstOrNull { it.tag == primary }
        }

        /**
         * The app's language: the user's explicit choice if there is one, else the first of the
         * device's preferred languages (most preferred first) that we have, else English (the
         * language someone who reads neither Kazakh nor Russian most likely reads).
         */
        fun choose(userChoice: Lang?, devicePreferred: List<String>): Lang =
            userChoice ?: devicePreferred.firstNotNullOfOrNull { ofTag(it) } ?: EN
    }
}

/** One text in up to three languages, as issuers and trust lists give it. */
data class LocalizedText(val kk: String? = null, val ru: String? = null, val en: String? = null) {
    /** Exactly this language's text, if any. */
    operator fun get(lang: Lang): String? = when (lang) {
        Lang.KK -> kk
        Lang.RU -> ru
        Lang.EN -> en
    }?.takeIf { it.isNotBlank() }

    /** The text to show a reader of [lang]: theirs, else the first in [Lang.fallbackOrder]. */
    fun pick(lang: Lang): String? = lang.fallbackOrder.firstNotNullOfOrNull { get(it) }

    /** True when no language has a text. */
    val isEmpty: Boolean get() = Lang.entries.all { get(it) == null }
}
