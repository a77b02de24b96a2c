package kz.qujat.app.bridge

import kz.qujat.app.logic.model.AuditKind
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WeakPinReason
import kz.qujat.app.logic.security.AfterRecoveryPresenter
import kz.qujat.app.logic.security.AuditChain
import kz.qujat.app.logic.security.AuditLogPresenter
import kz.qujat.app.logic.security.AuditLogState
import kz.qujat.app.logic.security.ChangePinOutcome
import kz.qujat.app.logic.security.ChangePinPresenter
import kz.qujat.app.logic.security.ChangePinProblem
import kz.qujat.app.logic.security.RecoveryFollowUp
import kz.qujat.app.logic.security.RenewCodesPresenter
import kz.qujat.app.logic.security.RenewCodesState
import kz.qujat.app.logic.security.SwitchAuthenticatorPresenter
import kz.qujat.app.logic.security.SwitchAuthenticatorState
import kz.qujat.app.logic.security.SwitchProblem
import kz.qujat.app.logic.session.PendingAction
import kz.qujat.app.logic.unlock.UnlockMessage
import kz.qujat.app.logic.unlock.UnlockOutcome
import kz.qujat.app.logic.unlock.UnlockPresenter
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The security screens' logic against the real core through the generated bindings: change
 * PIN, renew the recovery codes, switch the authenticator app (with real RFC 6238 codes on an
 * injected clock), the audit log, and the after-recovery screen.
 */
class RealCoreSecurityTest {
    private val clock = MovableClock()
    private val keys = SoftwareKeyWrapper()
    private val wallet = testWallet(Fixtures.tempDir().resolve("wallet.db").path, keys, clock)
    private val security = CoreSecurity(wallet)
    private lateinit var uri: String
    private lateinit var codes: List<String>
    private val pin = "582039"

    /** Set up through onboarding (unlocked afterwards), keeping the URI and the codes. */
    private fun setUp() {
        val done = onboard(wallet, pin, clock)
        uri = done.otpauthUri
        codes = done.recoveryCodes
        assertTrue(wallet.isUnlocked())
    }

    /** The next 30-second step, so that a code is never a replay of the last one accepted. */
    private fun nextStep() = clock.advance(30)

    private fun code(of: String = uri) = Authenticator.code(of, clock.now)

    /** Lock, then unlock through the unlock presenter; its state afterwards. */
    private fun relock(pin: String, factor: String): UnlockPresenter {
        wallet.lock()
        return UnlockPresenter(wallet, CoreRules, clock).also {
            it.refresh()
            it.submit(pin, factor)
        }
    }

    @Test
    fun `change PIN, the core's policy, its counted refusals, then only the new PIN unlocks`() {
        setUp()
        val p = ChangePinPresenter(wallet, security, CoreRules, clock).also { it.refresh() }
        p.newPinTyped("123456")
        assertEquals(WeakPinReason.Sequence, p.state.newPinProblem, "the core's policy, live")
        p.newPinTyped("19900101")
        assertEquals(WeakPinReason.DateLike, p.state.newPinProblem)
        p.submit(pin, code(), "582947", "582947")
        assertEquals(ChangePinProblem.Gate(UnlockMessage.CodeAlreadyUsed(10)), p.state.problem, "the code that confirmed set-up")
        nextStep()
        p.submit("000000", code(), "582947", "582947")
        assertEquals(ChangePinProblem.Gate(UnlockMessage.WrongPin(9)), p.state.problem)
        assertEquals(9, p.state.gate.attemptsLeft)
        p.submit(pin, "000000", "582947", "582947")
        assertEquals(ChangePinProblem.Gate(UnlockMessage.WrongCode(8)), p.state.problem)
        p.submit(pin, code(), "582947", "582947")
        assertEquals(ChangePinOutcome.CHANGED, p.state.outcome)
        assertTrue(wallet.isUnlocked(), "the session stays open")

        nextStep()
        assertEquals(UnlockMessage.WrongPin(9), relock(pin, code()).state.message, "the old PIN no longer opens")
        assertEquals(UnlockOutcome.UNLOCKED, relock("582947", code()).state.outcome)
    }

    @Test
    fun `change PIN, the core refuses a weak new PIN even when the form is bypassed`() {
        setUp()
        nextStep()
        val e = assertThrows(WalletFailure.WeakPin::class.java) { security.changePin(pin, code(), "111111") }
        assertEquals(WeakPinReason.Repeated, e.reason)
        assertEquals(0, wallet.status().failures, "a refused new PIN costs no attempt")
    }

    @Test
    fun `change PIN, five failures start the core's wait, with its countdown`() {
        setUp()
        nextStep()
        val p = ChangePinPresenter(wallet, security, CoreRules, clock).also { it.refresh() }
        repeat(5) { p.submit("000000", code(), "582947", "582947") }
        assertEquals(60L, p.state.gate.secondsLeft)
        assertEquals("1:00", p.state.gate.countdownText)
        clock.advance(60)
        p.tick()
        assertTrue(p.state.canSubmit, "the core agrees the wait is over")
        p.submit(pin, code(), "582947", "582947")
        assertEquals(ChangePinOutcome.CHANGED, p.state.outcome)
    }

    @Test
    fun `renew recovery codes, an old code fails, a new one works`() {
        setUp()
        val p = RenewCodesPresenter(wallet, security).also { it.load() }
        assertEquals(RenewCodesState.Info(left = 10), p.state)
        p.askToRenew()
        p.renew()
        val shown = assertInstanceOf(RenewCodesState.Codes::class.java, p.state).codes
        assertEquals(10, shown.size)
        assertTrue(shown.none { it in codes })
        p.acknowledge(true)
        p.writtenDown()
        assertEquals(RenewCodesState.Done, p.state)

        assertEquals(UnlockMessage.WrongCode(9), relock(pin, codes[1]).state.message, "an old code no longer works")
        assertEquals(UnlockOutcome.UNLOCKED, relock(pin, shown[3].lowercase()).state.outcome)
        assertEquals(9, wallet.recoveryCodesLeft())
    }

    @Test
    fun `switch authenticator, the old app works until the new one's first code, then only the new one`() {
        setUp()
        val p = SwitchAuthenticatorPresenter(wallet, security, CoreRules)
        p.begin()
        val scan = assertInstanceOf(SwitchAuthenticatorState.Scan::class.java, p.state)
        val newUri = scan.otpauthUri
        assertNotNull(scan.qr, "the core drew the QR")
        assertTrue(Authenticator.secretOf(newUri).isNotEmpty() && !Authenticator.secretOf(newUri).contentEquals(Authenticator.secretOf(uri)))
        p.added()
        nextStep()
        p.confirm(code(uri))
        assertEquals(SwitchAuthenticatorState.FirstCode(SwitchProblem.WrongCode), p.state, "the old app's code is not the new one's")
        assertEquals(0, wallet.status().failures, "not counted")
        p.confirm(code(newUri))
        assertEquals(SwitchAuthenticatorState.Done, p.state)

        nextStep()
        assertEquals(UnlockMessage.WrongCode(9), relock(pin, code(uri)).state.message, "the old app's code is refused")
        assertEquals(UnlockOutcome.UNLOCKED, relock(pin, code(newUri)).state.outcome)
    }

    @Test
    fun `switch authenticator, cancel leaves the old app, a lock in between resumes at the first code`() {
        setUp()
        val cancelled = SwitchAuthenticatorPresenter(wallet, security, CoreRules)
        cancelled.begin()
        cancelled.cancel()
        nextStep()
        assertEquals(UnlockOutcome.UNLOCKED, relock(pin, code()).state.outcome, "the old app still works")

        val p = SwitchAuthenticatorPresenter(wallet, security, CoreRules)
        p.begin()
        val newUri = (p.state as SwitchAuthenticatorState.Scan).otpauthUri
        wallet.lock() // the holder went to the authenticator app
        p.checkSession()
        assertEquals(SwitchAuthenticatorState.Locked(PendingAction.AuthenticatorChange), p.state)
        nextStep()
        assertEquals(UnlockOutcome.UNLOCKED, relock(pin, code()).state.outcome, "the old app still unlocks")
        val resumed = SwitchAuthenticatorPresenter(wallet, security, CoreRules, resuming = true)
        nextStep()
        resumed.confirm(code(newUri))
        assertEquals(SwitchAuthenticatorState.Done, resumed.state, "the core kept the change across the lock")

        val again = SwitchAuthenticatorPresenter(wallet, security, CoreRules, resuming = true)
        again.confirm(code(newUri))
        assertEquals(SwitchAuthenticatorState.Start(SwitchProblem.NotStarted), again.state, "nothing pending any more")
    }

    @Test
    fun `the audit log shows what happened, its chain intact, after a recovery unlock, what is done`() {
        setUp()
        nextStep()
        relock("000000", code()) // a failed attempt
        nextStep()
        assertEquals(UnlockOutcome.UNLOCKED, relock(pin, codes[0]).state.outcome)

        val after = AfterRecoveryPresenter(wallet, security).also { it.load() }
        assertEquals(9, after.state.codesLeft)
        assertEquals(RecoveryFollowUp(authenticatorSwitched = false, codesRenewed = false), after.state.followUp)

        nextStep()
        security.changePin(pin, code(), "582947")
        security.renewRecoveryCodes().close()
        val change = security.beginAuthenticatorChange("wallet")
        val newUri = change.otpauthUri
        change.close()
        nextStep()
        security.confirmAuthenticatorChange(code(newUri))

        after.load()
        assertEquals(RecoveryFollowUp(authenticatorSwitched = true, codesRenewed = true), after.state.followUp)
        assertEquals(10, after.state.codesLeft)

        val log = AuditLogPresenter(wallet, security).also { it.load() }
        val view = assertInstanceOf(AuditLogState.Loaded::class.java, log.state).view
        assertEquals(AuditChain.Intact, view.chain)
        assertNull(view.headRebuiltAt)
        val kinds = view.lines.reversed().map { it.entry.kind }
        assertEquals(AuditKind.SETUP, kinds.first())
        val tail = listOf(
            AuditKind.FAILED_UNLOCK,
            AuditKind.RECOVERY_CODE_USED,
            AuditKind.PIN_CHANGED,
            AuditKind.RECOVERY_CODES_RENEWED,
            AuditKind.TOTP_ENROLLED,
        )
        assertEquals(tail, kinds.filter { it in tail }.takeLast(tail.size), kinds.toString())
        assertTrue(view.lines.all { it.entry.time in (clock.now - 600)..clock.now && !it.untrusted })
    }

    @Test
    fun `locked, every security call says so`() {
        setUp()
        wallet.lock()
        assertThrows(WalletFailure.Locked::class.java) { security.auditLog() }
        assertThrows(WalletFailure.Locked::class.java) { security.renewRecoveryCodes() }
        assertThrows(WalletFailure.Locked::class.java) { security.beginAuthenticatorChange("wallet") }
        assertThrows(WalletFailure.Locked::class.java) { security.confirmAuthenticatorChange("123456") }
        assertEquals(AuditLogState.Locked, AuditLogPresenter(wallet, security).also { it.load() }.state)
        assertEquals(ChangePinOutcome.LOCKED, ChangePinPresenter(wallet, security, CoreRules, clock).also { it.refresh() }.state.outcome)
    }
}
