// The issuer and trust-anchor test tools and their errors.
package kz.qujat.tests

import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertTrue
import kz.qujat.core.*
import org.junit.jupiter.api.Test

class ToolsTest {
    @Test
    fun `issuer tool issues every fixture, signs status lists, and refuses bad input`() {
        val world = World()
        val h = Holder(world)
        for ((name, id) in listOf("kaznu-master" to "kz.kaznu", "satbayev-phd" to "kz.satbayev")) {
            val issuer = IssuerTool.generate(id)
            assertEquals(id, issuer.id())
            assertEquals(32, issuer.publicKey().size)
            val list = world.trustListOf(listOf(world.enu, issuer))
            val bundle = issuer.issue(fixture(name), h.holderKey, 0uL, world.now - DAY)
            assertTrue(bundle.size > 100)
            h.wallet.importDiploma(bundle, list, world.anchor.publicKey())
        }
        assertEquals(2, h.wallet.list().diplomas.size)

        val enu = world.enu
        val bad = assertFailsWith<IssuerException.BadInput> { enu.issue("{\"issuer\": 1}", h.holderKey, 0uL, world.now) }
        assertNotNull(bad.message)
        assertFailsWith<IssuerException.BadInput> { enu.issue("not json", h.holderKey, 0uL, world.now) }
        assertFailsWith<IssuerException.WrongIssuer> { enu.issue(fixture("kaznu-master"), h.holderKey, 0uL, world.now) }
        assertFailsWith<IssuerException.BadPublicKey> { enu.issue(fixture("enu-bachelor-honors"), ByteArray(31), 0uL, world.now) }
        assertFailsWith<IssuerException.BadTime> { enu.issue(fixture("enu-bachelor-honors"), h.holderKey, 0uL, Long.MAX_VALUE) }
        assertFailsWith<IssuerException.StatusListFull> { enu.issue(fixture("enu-bachelor-honors"), h.holderKey, 1uL shl 40, world.now) }
        assertTrue(enu.statusList(8uL, listOf(1uL, 3uL), world.now, DAY).isNotEmpty())

        val anchor = TrustAnchorTool.generate()
        assertEquals(32, anchor.publicKey().size)
        val badKey = TrustedIssuer("kz.x", LocalizedText(null, null, "X"), listOf(TrustedKey(ByteArray(2), 0, 1)))
        assertFailsWith<IssuerException.BadPublicKey> { anchor.signTrustList(1uL, 0, 1, listOf(badKey)) }
    }
}
