package kz.qujat.app.logic

import kz.qujat.app.logic.input.CodeEntry
import kz.qujat.app.logic.input.CodeEntry.SecondFactor
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

class CodeEntryTest {
    @Test
    fun `authenticator codes as apps display and keyboards send them`() {
        assertEquals("123456", CodeEntry.totp("123456"))
        assertEquals("123456", CodeEntry.totp("123 456"))
        assertEquals("123456", CodeEntry.totp(" 123-456 "))
        assertEquals("123456", CodeEntry.totp("123\u00A0456"))
        assertEquals("123456", CodeEntry.totp("١٢٣٤٥٦")) // Arabic-Indic digits
        assertEquals("123456", CodeEntry.totp("１２３４５６")) // full-width digits
        assertEquals("012345", CodeEntry.totp("012345"))
    }

    @Test
    fun `anything else is not a code`() {
        assertNull(CodeEntry.totp("12345"))
        assertNull(CodeEntry.totp("1234567"))
        assertNull(CodeEntry.totp("12345a"))
        assertNull(CodeEntry.totp(""))
        assertNull(CodeEntry.totp("12_3456"))
    }

    @Test
    fun `the code field keeps six digits while typing`() {
        assertEquals("123456", CodeEntry.filterCodeTyping("12 34 56 78"))
        assertEquals("12", CodeEntry.filterCodeTyping("1a2"))
        assertEquals("123", CodeEntry.filterCodeTyping("١٢٣"))
    }

    @Test
    fun `recovery codes are normalized as the core does`() {
        assertEquals("7K3M-Q9TD-2XWA-HF8R", CodeEntry.recovery("7K3M-Q9TD-2XWA-HF8R"))
        assertEquals("7K3M-Q9TD-2XWA-HF8R", CodeEntry.recovery("7k3mq9td2xwahf8r"))
        assertEquals("7K3M-Q9TD-2XWA-HF8R", CodeEntry.recovery(" 7k3m q9td 2xwa hf8r "))
        // look-alikes: O -> 0, I and L -> 1
        assertEquals("0111-0000-1111-2222", CodeEntry.recovery("OIlI-oooo-iiii-2222"))
        assertNull(CodeEntry.recovery("7K3M-Q9TD-2XWA-HF8")) // 15 characters
        assertNull(CodeEntry.recovery("7K3M-Q9TD-2XWA-HF8U")) // U is not Crockford
        assertNull(CodeEntry.recovery("7K3M-Q9TD-2XWA-HF8R-0"))
    }

    @Test
    fun `the recovery field groups in fours while typing`() {
        assertEquals("7K3M-Q9", CodeEntry.formatRecoveryTyping("7k3mq9"))
        assertEquals("7K3M-Q9TD-2XWA-HF8R", CodeEntry.formatRecoveryTyping("7k3m-q9td-2xwa-hf8r-extra"))
        assertEquals("7K3M", CodeEntry.formatRecoveryTyping("7k!3m"))
        assertEquals("", CodeEntry.formatRecoveryTyping(""))
    }

    @Test
    fun `the unlock field tells a code from a recovery code`() {
        assertEquals(SecondFactor.Totp("123456"), CodeEntry.secondFactor("123 456"))
        assertEquals(SecondFactor.Recovery("7K3M-Q9TD-2XWA-HF8R"), CodeEntry.secondFactor("7k3m q9td 2xwa hf8r"))
        assertEquals(SecondFactor.Recovery("1234-5678-9012-3456"), CodeEntry.secondFactor("1234567890123456"))
        assertEquals(SecondFactor.Incomplete, CodeEntry.secondFactor("123"))
        assertEquals(SecondFactor.Incomplete, CodeEntry.secondFactor("7K3M-Q9"))
        assertEquals(SecondFactor.Invalid, CodeEntry.secondFactor("hello!"))
        assertEquals(SecondFactor.Invalid, CodeEntry.secondFactor("7K3M-Q9TD-2XWA-HF8R-ZZZZ"))
    }

    @Test
    fun `codes never show in toString`() {
        assertFalse(SecondFactor.Totp("123456").toString().contains("123456"))
        assertFalse(SecondFactor.Recovery("7K3M-Q9TD-2XWA-HF8R").toString().contains("7K3M"))
    }

    @Test
    fun `challenges take the same tolerance as codes`() {
        assertEquals("482913", CodeEntry.challenge("482 913"))
        assertNull(CodeEntry.challenge("48291"))
    }
}
