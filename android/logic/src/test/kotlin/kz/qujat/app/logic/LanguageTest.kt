package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.LocalizedText
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The language rules the screens use, from the core (through the bridge). */
class LanguageTest {
    @Test
    fun `the user's choice wins, then the first known device language, then English`() {
        assertEquals(Lang.KK, CoreRules.chooseLanguage(Lang.KK, listOf("ru-RU", "en")))
        assertEquals(Lang.RU, CoreRules.chooseLanguage(null, listOf("de-DE", "ru-KZ", "kk")))
        assertEquals(Lang.KK, CoreRules.chooseLanguage(null, listOf("kk-Cyrl-KZ")))
        assertEquals(Lang.RU, CoreRules.chooseLanguage(null, listOf("ru_RU")))
        assertEquals(Lang.EN, CoreRules.chooseLanguage(null, listOf(" EN-gb ")))
        assertEquals(Lang.EN, CoreRules.chooseLanguage(null, listOf("de-DE", "fr")))
        assertEquals(Lang.EN, CoreRules.chooseLanguage(null, emptyList()))
    }

    @Test
    fun `missing texts fall back in the documented order`() {
        val onlyRu = LocalizedText(ru = "Информатика")
        assertEquals("Информатика", CoreRules.pickText(onlyRu, Lang.KK))
        assertEquals("Информатика", CoreRules.pickText(onlyRu, Lang.EN))
        val kkEn = LocalizedText(kk = "Информатика (kk)", en = "Computer Science")
        assertEquals("Computer Science", CoreRules.pickText(kkEn, Lang.RU))
        assertEquals("Информатика (kk)", CoreRules.pickText(kkEn, Lang.KK))
        assertEquals("Computer Science", CoreRules.pickText(LocalizedText(kk = " ", en = "Computer Science"), Lang.KK))
        assertEquals("Р", CoreRules.pickText(LocalizedText(kk = "Қ", ru = "Р", en = "E").copy(kk = null), Lang.KK))
        assertNull(CoreRules.pickText(LocalizedText(), Lang.EN))
        assertTrue(LocalizedText(ru = "").isEmpty)
    }
}
