package kz.qujat.app.logic

import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.LocalizedText
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class LanguageTest {
    @Test
    fun `tags of every shape map to our three languages`() {
        assertEquals(Lang.KK, Lang.ofTag("kk"))
        assertEquals(Lang.KK, Lang.ofTag("kk-KZ"))
        assertEquals(Lang.KK, Lang.ofTag("kk-Cyrl-KZ"))
        assertEquals(Lang.RU, Lang.ofTag("ru_RU"))
        assertEquals(Lang.EN, Lang.ofTag(" EN-gb "))
        assertNull(Lang.ofTag("de-DE"))
        assertNull(Lang.ofTag(""))
    }

    @Test
    fun `the user's choice wins, then the first known device language, then English`() {
        assertEquals(Lang.KK, Lang.choose(Lang.KK, listOf("ru-RU", "en")))
        assertEquals(Lang.RU, Lang.choose(null, listOf("de-DE", "ru-KZ", "kk")))
        assertEquals(Lang.EN, Lang.choose(null, listOf("de-DE", "fr")))
        assertEquals(Lang.EN, Lang.choose(null, emptyList()))
    }

    @Test
    fun `missing texts fall back in the documented order`() {
        val onlyRu = LocalizedText(ru = "Информатика")
        assertEquals("Информатика", onlyRu.pick(Lang.KK))
        assertEquals("Информатика", onlyRu.pick(Lang.EN))
        val kkEn = LocalizedText(kk = "Информатика (kk)", en = "Computer Science")
        assertEquals("Computer Science", kkEn.pick(Lang.RU))
        assertEquals("Информатика (kk)", kkEn.pick(Lang.KK))
        assertEquals("Computer Science", LocalizedText(kk = " ", en = "Computer Science").pick(Lang.KK))
        assertNull(LocalizedText().pick(Lang.EN))
        assertTrue(LocalizedText(ru = "").isEmpty)
    }

    @Test
    fun `every language falls back through all three`() {
        for (l in Lang.entries) assertEquals(Lang.entries.toSet(), l.fallbackOrder.toSet())
        assertEquals(Lang.RU, Lang.KK.fallbackOrder[1])
    }
}
