// Wallet.exportPdf through the generated Kotlin: the bytes an app hands to its share sheet.
package kz.qujat.tests

import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import kz.qujat.core.*
import org.junit.jupiter.api.Test

class PdfTest {
    @Test
    fun `exportPdf gives a small reproducible PDF and logs a document presentation`() {
        val world = World()
        val h = Holder(world)
        val d = h.importEnu()
        val request = DocumentPdfRequest("Kaspi Bank HR", defaultPresentationClaims(Language.KK), 30u, Language.KK)
        val pdf = h.wallet.exportPdf(d.id, request)
        assertContentEquals("%PDF-".toByteArray(), pdf.copyOfRange(0, 5))
        assertTrue(pdf.size in 5_000..150_000, "PDF of ${pdf.size} bytes")
        // The same clock and inputs: the same bytes; a minute later: other bytes.
        assertContentEquals(pdf, h.wallet.exportPdf(d.id, request))
        world.clock.advance(60)
        assertFalse(pdf.contentEquals(h.wallet.exportPdf(d.id, request)))
        assertEquals(3, h.wallet.auditLog().entries.count { it.kind == AuditKind.PresentDocument })
        // A bad audience or validity is the wallet's own error, not a crash.
        assertFailsWith<WalletException.BadAudience> { h.wallet.exportPdf(d.id, request.copy(audience = "")) }
        assertFailsWith<WalletException.BadLifetime> { h.wallet.exportPdf(d.id, request.copy(validDays = 91u)) }
    }
}
