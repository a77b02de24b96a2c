package kz.qujat.app.logic

import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.ClaimKey.BIRTH_DATE
import kz.qujat.app.logic.model.ClaimKey.DEGREE_LEVEL
import kz.qujat.app.logic.model.ClaimKey.GPA
import kz.qujat.app.logic.model.ClaimKey.IIN
import kz.qujat.app.logic.model.ClaimKey.NAME
import kz.qujat.app.logic.model.ClaimKey.NAME_LATIN
import kz.qujat.app.logic.model.ClaimKey.PROGRAM_EN
import kz.qujat.app.logic.present.ClaimSelection
import kz.qujat.app.logic.present.ClaimSelection.Toggle
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ClaimSelectionTest {
    private val all = ClaimKey.entries.toSet()
    private val coreDefault = setOf(NAME, DEGREE_LEVEL, PROGRAM_EN, NAME_LATIN)

    private fun changed(t: Toggle): ClaimSelection = (t as Toggle.Changed).selection

    @Test
    fun `the core's default is preselected and IIN, birth date and GPA are off`() {
        val s = ClaimSelection.initial(all, coreDefault)
        assertEquals(coreDefault, s.selected)
        for (k in listOf(IIN, BIRTH_DATE, GPA)) assertFalse(s.isSelected(k))
        assertTrue(s.isDefault)
        assertFalse(s.includesSensitive)
    }

    @Test
    fun `a sensitive claim is never preselected, even if a default listed it`() {
        val s = ClaimSelection.initial(all, coreDefault + IIN + GPA)
        assertEquals(coreDefault, s.selected)
    }

    @Test
    fun `only stated claims are offered and preselected`() {
        val stated = all - GPA - NAME_LATIN
        val s = ClaimSelection.initial(stated, coreDefault)
        assertFalse(GPA in s.available)
        assertEquals(setOf(NAME, DEGREE_LEVEL, PROGRAM_EN), s.selected)
        assertEquals(Toggle.NotAvailable, s.toggle(GPA, true))
        assertEquals(ClaimKey.entries.filter { it in stated }, s.available, "slot order")
    }

    @Test
    fun `turning a sensitive claim on needs a confirmation, turning it off does not`() {
        val s = ClaimSelection.initial(all, coreDefault)
        assertEquals(Toggle.NeedsConfirmation(IIN), s.toggle(IIN, true))
        val withIin = s.confirmSensitive(IIN)
        assertTrue(withIin.isSelected(IIN))
        assertTrue(withIin.includesSensitive)
        val without = changed(withIin.toggle(IIN, false))
        assertFalse(without.isSelected(IIN))
    }

    @Test
    fun `ordinary claims toggle freely and reset restores the default`() {
        val s = changed(ClaimSelection.initial(all, coreDefault).toggle(NAME, false))
        assertFalse(s.isSelected(NAME))
        assertFalse(s.isDefault)
        assertEquals(coreDefault, s.reset().selected)
    }

    @Test
    fun `nothing selected cannot be presented, and hiding both names is flagged`() {
        var s = ClaimSelection.initial(all, coreDefault)
        assertFalse(s.hidesName)
        s = changed(s.toggle(NAME, false))
        assertFalse(s.hidesName)
        s = changed(s.toggle(NAME_LATIN, false))
        assertTrue(s.hidesName)
        s = changed(s.toggle(DEGREE_LEVEL, false))
        s = changed(s.toggle(PROGRAM_EN, false))
        assertTrue(s.selected.isEmpty())
        assertFalse(s.canPresent)
    }

    @Test
    fun `the request lists claims in slot order`() {
        val s = ClaimSelection.initial(all, setOf(NAME_LATIN, NAME, PROGRAM_EN))
        assertEquals(listOf(NAME, PROGRAM_EN, NAME_LATIN), s.ordered)
    }

    @Test
    fun `exactly IIN, birth date and GPA are sensitive`() {
        assertEquals(setOf(IIN, BIRTH_DATE, GPA), ClaimKey.entries.filter { it.isSensitive }.toSet())
    }
}
