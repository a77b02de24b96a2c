package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.ClaimKey.BIRTH_DATE
import kz.qujat.app.logic.model.ClaimKey.DEGREE_LEVEL
import kz.qujat.app.logic.model.ClaimKey.DIPLOMA_NUMBER
import kz.qujat.app.logic.model.ClaimKey.GPA
import kz.qujat.app.logic.model.ClaimKey.HONORS
import kz.qujat.app.logic.model.ClaimKey.IIN
import kz.qujat.app.logic.model.ClaimKey.ISSUE_DATE
import kz.qujat.app.logic.model.ClaimKey.NAME
import kz.qujat.app.logic.model.ClaimKey.NAME_LATIN
import kz.qujat.app.logic.model.ClaimKey.PROGRAM_CODE
import kz.qujat.app.logic.model.ClaimKey.PROGRAM_EN
import kz.qujat.app.logic.model.ClaimKey.PROGRAM_RU
import kz.qujat.app.logic.model.ClaimKey.STUDY_FORM
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.present.ClaimSelection
import kz.qujat.app.logic.present.ClaimSelection.Toggle
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The present screen's selection, with the core's rules (through the bridge), not a copy. */
class ClaimSelectionTest {
    private val all = ClaimKey.entries.toSet()
    private val coreDefaultEn =
        setOf(NAME, DEGREE_LEVEL, PROGRAM_CODE, HONORS, ISSUE_DATE, DIPLOMA_NUMBER, STUDY_FORM, PROGRAM_EN)

    private fun initial(stated: Set<ClaimKey> = all, lang: Lang = Lang.EN) = ClaimSelection.initial(CoreRules, stated, lang)

    private fun changed(t: Toggle): ClaimSelection = (t as Toggle.Changed).selection

    @Test
    fun `the core's default for the language is preselected and IIN, birth date and GPA are off`() {
        val s = initial()
        assertEquals(coreDefaultEn, s.selected)
        for (k in listOf(IIN, BIRTH_DATE, GPA)) assertFalse(s.isSelected(k))
        assertTrue(s.isDefault)
        assertFalse(s.includesSensitive)
        val ru = initial(lang = Lang.RU)
        assertTrue(ru.isSelected(PROGRAM_RU))
        assertFalse(ru.isSelected(PROGRAM_EN))
    }

    @Test
    fun `only stated claims are offered and preselected`() {
        val stated = all - GPA - STUDY_FORM
        val s = initial(stated)
        assertFalse(GPA in s.available)
        assertEquals(coreDefaultEn - STUDY_FORM, s.selected)
        assertEquals(Toggle.NotAvailable, s.toggle(GPA, true))
        assertEquals(ClaimKey.entries.filter { it in stated }, s.available, "slot order")
    }

    @Test
    fun `turning a sensitive claim on needs a confirmation, turning it off does not`() {
        val s = initial()
        assertEquals(Toggle.NeedsConfirmation(IIN), s.toggle(IIN, true))
        val withIin = s.confirmSensitive(IIN)
        assertTrue(withIin.isSelected(IIN))
        assertTrue(withIin.includesSensitive)
        val without = changed(withIin.toggle(IIN, false))
        assertFalse(without.isSelected(IIN))
    }

    @Test
    fun `ordinary claims toggle freely and reset restores the default`() {
        val s = changed(initial().toggle(NAME, false))
        assertFalse(s.isSelected(NAME))
        assertFalse(s.isDefault)
        assertEquals(coreDefaultEn, s.reset().selected)
    }

    @Test
    fun `nothing selected cannot be presented, and hiding both names is flagged`() {
        var s = changed(initial().toggle(NAME_LATIN, true))
        assertFalse(s.hidesName)
        s = changed(s.toggle(NAME, false))
        assertFalse(s.hidesName)
        s = changed(s.toggle(NAME_LATIN, false))
        assertTrue(s.hidesName)
        for (k in s.selected) s = changed(s.toggle(k, false))
        assertTrue(s.selected.isEmpty())
        assertFalse(s.canPresent)
    }

    @Test
    fun `the request lists claims in slot order`() {
        val s = changed(initial().toggle(NAME_LATIN, true))
        assertEquals(ClaimKey.entries.filter { it in coreDefaultEn + NAME_LATIN }, s.ordered)
    }

    @Test
    fun `exactly IIN, birth date and GPA are sensitive`() {
        assertEquals(setOf(IIN, BIRTH_DATE, GPA), ClaimKey.entries.filter { CoreRules.isSensitive(it) }.toSet())
    }
}
