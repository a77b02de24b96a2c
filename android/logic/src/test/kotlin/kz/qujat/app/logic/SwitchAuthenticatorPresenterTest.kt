package kz.qujat.app.logic

import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.AuditKind
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.KeyStoreFault
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.security.SwitchAuthenticatorPresenter
import kz.qujat.app.logic.security.SwitchAuthenticatorState
import kz.qujat.app.logic.security.SwitchProblem
import kz.qujat.app.logic.session.PendingAction
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class SwitchAuthenticatorPresenterTest {
    private val clock = TestClock()
    private val wallet = FakeWallet(clock).apply {
        pin = "582039"
        state = WalletState.READY
        unlocked = true
    }
    private val security = FakeSecurity(wallet, clock)
    private val p = SwitchAuthenticatorPresenter(wallet, security, CoreRules)

    private fun toFirstCode() {
        p.begin()
        p.added()
    }

    @Test
    fun `begin, QR and link, first code of the new app, done`() {
        assertEquals(SwitchAuthenticatorState.Start(), p.state)
        assertNull(p.pendingAction)
        p.begin()
        val scan = assertInstanceOf(SwitchAuthenticatorState.Scan::class.java, p.state)
        assertTrue(scan.otpauthUri.startsWith("otpauth://totp/Qujat:wallet?"), "the default account label")
        assertNotNull(scan.qr)
        assertEquals("Scan(<redacted>)", scan.toString())
        assertEquals(PendingAction.AuthenticatorChange, p.pendingAction, "leaving now must resume the switch")
        p.added()
        assertEquals(SwitchAuthenticatorState.FirstCode(), p.state)
        p.back()
        assertInstanceOf(SwitchAuthenticatorState.Scan::class.java, p.state)
        p.added()
        p.confirm("246 810")
        assertEquals(SwitchAuthenticatorState.Done, p.state)
        assertEquals(1, security.authenticatorSwitches)
        assertTrue(security.lastChange!!.closed)
        assertNull(p.pendingAction)
        assertEquals(listOf(AuditKind.TOTP_ENROLLED), security.audit.map { it.kind })
    }

    @Test
    fun `a code that is not six digits is never sent`() {
        toFirstCode()
        p.confirm("24681")
        assertEquals(SwitchAuthenticatorState.FirstCode(SwitchProblem.NotSixDigits), p.state)
        p.confirm("7K3M-Q9TD-2XWA-HF8R")
        assertEquals(SwitchAuthenticatorState.FirstCode(SwitchProblem.NotSixDigits), p.state)
        assertFalse("confirm" in security.calls)
    }

    @Test
    fun `a wrong code (the old app's, say) changes nothing and is not counted`() {
        toFirstCode()
        p.confirm("123456")
        assertEquals(SwitchAuthenticatorState.FirstCode(SwitchProblem.WrongCode), p.state)
        assertEquals(0, wallet.failures)
        assertEquals(0, security.authenticatorSwitches)
        security.nextFailure = WalletFailure.CodeReplayed(10)
        p.confirm("246810")
        assertEquals(SwitchAuthenticatorState.FirstCode(SwitchProblem.WrongCode), p.state)
        security.nextFailure = WalletFailure.MalformedCode()
        p.confirm("246810")
        assertEquals(SwitchAuthenticatorState.FirstCode(SwitchProblem.NotSixDigits), p.state)
        p.confirm("246810")
        assertEquals(SwitchAuthenticatorState.Done, p.state)
    }

    @Test
    fun `cancel leaves the old app working`() {
        toFirstCode()
        p.cancel()
        assertEquals(SwitchAuthenticatorState.Cancelled, p.state)
        assertTrue(security.lastChange!!.closed)
        assertEquals(0, security.authenticatorSwitches)
        assertNull(p.pendingAction)
        wallet.lock()
        wallet.unlock("582039", "123456") // the old app's code still unlocks
        assertTrue(wallet.unlocked)
    }

    @Test
    fun `after a lock and an unlock the switch resumes at the first code`() {
        p.begin()
        wallet.lock() // the holder opened the authenticator app: the wallet locked
        p.checkSession()
        assertEquals(SwitchAuthenticatorState.Locked(PendingAction.AuthenticatorChange), p.state)
        assertTrue(security.lastChange!!.closed, "the secret is dropped from memory")
        wallet.unlock("582039", "123456")
        val resumed = SwitchAuthenticatorPresenter(wallet, security, CoreRules, resuming = true)
        assertEquals(SwitchAuthenticatorState.FirstCode(canGoBack = false), resumed.state)
        assertEquals(PendingAction.AuthenticatorChange, resumed.pendingAction)
        resumed.back()
        assertEquals(SwitchAuthenticatorState.FirstCode(canGoBack = false), resumed.state, "no QR in memory to go back to")
        resumed.confirm(FakeSecurity.NEW_APP_CODE)
        assertEquals(SwitchAuthenticatorState.Done, resumed.state)
    }

    @Test
    fun `a resumed switch that is no longer pending starts again`() {
        val resumed = SwitchAuthenticatorPresenter(wallet, security, CoreRules, resuming = true)
        resumed.confirm(FakeSecurity.NEW_APP_CODE)
        assertEquals(SwitchAuthenticatorState.Start(SwitchProblem.NotStarted), resumed.state)
        resumed.begin()
        assertInstanceOf(SwitchAuthenticatorState.Scan::class.java, resumed.state)
    }

    @Test
    fun `start again from the first code replaces the pending secret`() {
        val resumed = SwitchAuthenticatorPresenter(wallet, security, CoreRules, resuming = true)
        resumed.restart()
        assertEquals(SwitchAuthenticatorState.Start(), resumed.state)
        assertTrue(security.calls.isEmpty())
        resumed.begin()
        assertEquals(listOf("begin"), security.calls)
        assertInstanceOf(SwitchAuthenticatorState.Scan::class.java, resumed.state)
    }

    @Test
    fun `locks, before anything began, while confirming, or found on resume`() {
        security.nextFailure = WalletFailure.Locked()
        p.begin()
        assertEquals(SwitchAuthenticatorState.Locked(null), p.state, "nothing began: nothing to resume")
        val q = SwitchAuthenticatorPresenter(wallet, security, CoreRules)
        q.begin()
        q.added()
        security.nextFailure = WalletFailure.Locked()
        q.confirm(FakeSecurity.NEW_APP_CODE)
        assertEquals(SwitchAuthenticatorState.Locked(PendingAction.AuthenticatorChange), q.state)
        val r = SwitchAuthenticatorPresenter(wallet, security, CoreRules)
        r.checkSession()
        assertEquals(SwitchAuthenticatorState.Start(), r.state, "unlocked: nothing happens")
        wallet.lock()
        r.checkSession()
        assertEquals(SwitchAuthenticatorState.Locked(null), r.state)
    }

    @Test
    fun `other refusals say why and keep the step`() {
        security.nextFailure = WalletFailure.KeyStore(KeyStoreFault.UNAVAILABLE)
        p.begin()
        val start = assertInstanceOf(SwitchAuthenticatorState.Start::class.java, p.state)
        assertEquals(KeyStoreFault.UNAVAILABLE, ((start.problem as SwitchProblem.Failed).failure as WalletFailure.KeyStore).fault)
        toFirstCode()
        security.nextFailure = WalletFailure.Internal(Fault.STORAGE)
        p.confirm(FakeSecurity.NEW_APP_CODE)
        val first = assertInstanceOf(SwitchAuthenticatorState.FirstCode::class.java, p.state)
        assertInstanceOf(SwitchProblem.Failed::class.java, first.problem)
        p.confirm(FakeSecurity.NEW_APP_CODE)
        assertEquals(SwitchAuthenticatorState.Done, p.state)
    }

    @Test
    fun `leaving the screen closes the shown secret`() {
        p.begin()
        p.dispose()
        assertTrue(security.lastChange!!.closed)
    }
}
