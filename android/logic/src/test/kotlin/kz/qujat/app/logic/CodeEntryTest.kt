package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.port.CodeKind
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

/**
 * The code fields' rules as the screens get them: the core's `auth::code_entry` through the
 * bridge (its full table of cases is in Rust; these check that the crossing keeps them).
 */
class CodeEntryTest {
    @Test
    fun `authenticator codes as apps display and keyboards send them`() {
        assertEquals("123456", CoreRules.authenticatorCode(" 123-456 "))
        assertEquals("123456", CoreRules.authenticatorCode("١٢٣٤٥٦")) // Arabic-Indic digits
        assertEquals("123456", CoreRules.authenticatorCode("１２３４５６")) // full-width digits
        assertNull(CoreRules.authenticatorCode("12345"))
        assertNull(CoreRules.authenticatorCode("12345a"))
    }

    @Test
    fun `fields keep what they may hold while typing`() {
        assertEquals("123456", CoreRules.filterCodeTyping("12 34 56 78"))
        assertEquals("7K3M-Q9", CoreRules.formatRecoveryTyping("7k3mq9"))
        assertEquals("7K3M-Q9TD-2XWA-HF8R", CoreRules.formatRecoveryTyping("7k3m-q9td-2xwa-hf8r-extra"))
    }

    @Test
    fun `recovery codes are normalized and grouped`() {
        assertEquals("7K3M-Q9TD-2XWA-HF8R", CoreRules.recoveryCode(" 7k3m q9td 2xwa hf8r "))
        assertEquals("0111-0000-1111-2222", CoreRules.recoveryCode("OIlI-oooo-iiii-2222"))
        assertNull(CoreRules.recoveryCode("7K3M-Q9TD-2XWA-HF8U"))
    }

    @Test
    fun `the unlock field tells a code from a recovery code`() {
        assertEquals(CodeKind.AUTHENTICATOR, CoreRules.classifyCode("123 456"))
        assertEquals(CodeKind.RECOVERY, CoreRules.classifyCode("7k3m q9td 2xwa hf8r"))
        assertEquals(CodeKind.INCOMPLETE, CoreRules.classifyCode("7K3M-Q9"))
        assertEquals(CodeKind.INVALID, CoreRules.classifyCode("hello!"))
    }
}
