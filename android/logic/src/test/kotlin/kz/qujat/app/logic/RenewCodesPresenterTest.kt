package kz.qujat.app.logic

import kz.qujat.app.logic.model.AuditKind
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.security.RenewCodesPresenter
import kz.qujat.app.logic.security.RenewCodesState
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class RenewCodesPresenterTest {
    private val clock = TestClock()
    private val wallet = FakeWallet(clock).apply {
        pin = "582039"
        state = WalletState.READY
        unlocked = true
    }
    private val security = FakeSecurity(wallet, clock)
    private val p = RenewCodesPresenter(wallet, security).also { it.load() }
    private val oldCodes = wallet.recoveryCodes.toList()

    @Test
    fun `count, warning, new codes shown once behind the acknowledgement, then closed`() {
        assertEquals(RenewCodesState.Info(left = 2), p.state)
        p.renew()
        assertEquals(RenewCodesState.Info(left = 2), p.state, "never without the warning")
        p.askToRenew()
        assertEquals(RenewCodesState.Info(left = 2, confirming = true), p.state)
        p.renew()
        val codes = assertInstanceOf(RenewCodesState.Codes::class.java, p.state)
        assertEquals(listOf("N3W1-N3W2-N3W3-N3W4", "N3W5-N3W6-N3W7-N3W8"), codes.codes)
        assertFalse(codes.acknowledged)
        assertFalse(p.canLeave, "the codes are up and not written down")
        assertTrue(oldCodes.none { it in wallet.recoveryCodes }, "the old codes stopped working")
        assertEquals(listOf(AuditKind.RECOVERY_CODES_RENEWED), security.audit.map { it.kind })
        p.writtenDown()
        assertInstanceOf(RenewCodesState.Codes::class.java, p.state, "not before the box is ticked")
        p.acknowledge(true)
        assertTrue(p.canLeave)
        p.acknowledge(false)
        assertFalse(p.canLeave)
        p.acknowledge(true)
        assertFalse(security.lastCodes!!.closed)
        p.writtenDown()
        assertEquals(RenewCodesState.Done, p.state)
        assertTrue(security.lastCodes!!.closed, "the core can zeroize them")
        assertTrue("N3W1" !in p.state.toString())
        p.load()
        assertEquals(RenewCodesState.Done, p.state, "a resume shows nothing again")
    }

    @Test
    fun `cancelling the warning changes nothing`() {
        p.askToRenew()
        p.cancelRenew()
        assertEquals(RenewCodesState.Info(left = 2), p.state)
        assertEquals(oldCodes, wallet.recoveryCodes)
        assertFalse("renew" in security.calls)
    }

    @Test
    fun `a failed renewal keeps the old codes and says why`() {
        p.askToRenew()
        security.nextFailure = WalletFailure.Internal(Fault.STORAGE_FULL)
        p.renew()
        val info = p.state as RenewCodesState.Info
        assertEquals(Fault.STORAGE_FULL, (info.failure as WalletFailure.Internal).fault)
        assertFalse(info.confirming)
        assertEquals(2, info.left)
        assertEquals(oldCodes, wallet.recoveryCodes)
        p.askToRenew()
        assertEquals(null, (p.state as RenewCodesState.Info).failure, "asking again clears the message")
    }

    @Test
    fun `a lock hides the codes for good and goes to unlock`() {
        p.askToRenew()
        p.renew()
        wallet.lock() // the app went to the background
        p.load() // the screen is resumed
        assertEquals(RenewCodesState.Locked, p.state)
        assertTrue(security.lastCodes!!.closed)
        assertTrue(p.canLeave)
    }

    @Test
    fun `locked when shown, or when renewing`() {
        wallet.unlocked = false
        val q = RenewCodesPresenter(wallet, security).also { it.load() }
        assertEquals(RenewCodesState.Locked, q.state)
        wallet.unlocked = true
        p.askToRenew()
        security.nextFailure = WalletFailure.Locked()
        p.renew()
        assertEquals(RenewCodesState.Locked, p.state)
    }

    @Test
    fun `a count that cannot be read says why, and load retries`() {
        val failing = object : FakeWalletDelegate(wallet) {
            var fail: WalletFailure? = WalletFailure.Integrity()
            override fun recoveryCodesLeft(): Int = fail?.let { throw it } ?: wallet.recoveryCodesLeft()
        }
        val q = RenewCodesPresenter(failing, security).also { it.load() }
        assertInstanceOf(WalletFailure.Integrity::class.java, (q.state as RenewCodesState.Failed).failure)
        failing.fail = WalletFailure.Locked()
        q.load()
        assertEquals(RenewCodesState.Locked, q.state)
        val r = RenewCodesPresenter(failing.also { it.fail = null }, security).also { it.load() }
        assertEquals(RenewCodesState.Info(left = 2), r.state)
    }

    @Test
    fun `leaving the screen closes what was shown`() {
        p.askToRenew()
        p.renew()
        p.dispose()
        assertTrue(security.lastCodes!!.closed)
    }
}
