package kz.qujat.app.logic

import java.io.ByteArrayInputStream
import java.io.IOException
import java.io.InputStream
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.backup.BackupFiles
import kz.qujat.app.logic.backup.RestorePresenter
import kz.qujat.app.logic.backup.RestoreProblem
import kz.qujat.app.logic.backup.RestoreState
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.onboarding.OnboardingState
import kz.qujat.app.logic.onboarding.PinProblem
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WeakPinReason
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test

class RestorePresenterTest {
    private val clock = TestClock()
    private val wallet = FakeWallet(clock)
    private val backup = FakeBackup(wallet)
    private val p = RestorePresenter(wallet, backup, CoreRules)
    private val seen = mutableListOf<RestoreState>()
    private val pin = "582039"

    init {
        p.observe { seen += it }
    }

    private fun stream(text: String): () -> InputStream = { ByteArrayInputStream(text.toByteArray()) }

    private fun pick(content: String = "age-file") = p.filePicked(content.length.toLong(), stream(content))

    private fun step(): OnboardingState = assertInstanceOf(RestoreState.Enrolling::class.java, p.state).step

    private fun choosePin() {
        p.enrolment { choosePin(pin) }
        p.enrolment { confirmPin(pin) }
    }

    @Test
    fun `file, code, new PIN, authenticator, codes and first code restore and unlock the wallet`() {
        assertEquals(RestoreState.PickFile(), p.state)
        pick()
        assertEquals(listOf(RestoreState.PickFile(), RestoreState.Reading, RestoreState.EnterCode()), seen.take(3))
        p.codeEntered("  7k3m q9td 2xwa hf8r abcd efgh jkmn ")
        assertEquals(OnboardingState.ChoosePin(), step())
        choosePin()
        assertInstanceOf(OnboardingState.Authenticator::class.java, step())
        assertEquals(listOf("7k3m q9td 2xwa hf8r abcd efgh jkmn" to pin), backup.restores)
        assertEquals(WalletState.ENROLMENT_PENDING, wallet.state)
        p.enrolment { authenticatorAdded() }
        assertEquals(2, (step() as OnboardingState.RecoveryCodes).codes.size)
        p.enrolment { acknowledgeCodes(true) }
        p.enrolment { codesWrittenDown() }
        assertTrue(wallet.lastEnrolment!!.closed)
        p.enrolment { submitFirstCode("123456") }
        assertEquals(OnboardingState.Done, step())
        assertEquals(WalletState.READY, wallet.state)
        assertTrue(wallet.unlocked)
        assertTrue(seen.none { it.toString().contains(pin) || it.toString().contains("7k3m") })
    }

    @Test
    fun `a file over the core's limit is refused unread, and unreadable, empty and unbounded ones too`() {
        p.filePicked(BackupFiles.MAX_FILE_BYTES + 1) { fail("a too large file was opened") }
        assertEquals(RestoreState.PickFile(RestoreProblem.TOO_LARGE), p.state)
        // The size unknown (or lied about): the read stops at the limit.
        var served = 0L
        val endless = object : InputStream() {
            override fun read(): Int = 0.also { served++ }
            override fun read(b: ByteArray, off: Int, len: Int): Int = len.also { served += it }
        }
        p.filePicked(null) { endless }
        assertEquals(RestoreState.PickFile(RestoreProblem.TOO_LARGE), p.state)
        assertTrue(served <= BackupFiles.MAX_FILE_BYTES + 64 * 1024)
        p.filePicked(10) { throw IOException("gone") }
        assertEquals(RestoreState.PickFile(RestoreProblem.UNREADABLE), p.state)
        p.filePicked(10) { throw SecurityException("grant withdrawn") }
        assertEquals(RestoreState.PickFile(RestoreProblem.UNREADABLE), p.state)
        p.filePicked(10) { null }
        assertEquals(RestoreState.PickFile(RestoreProblem.UNREADABLE), p.state)
        p.filePicked(0, stream(""))
        assertEquals(RestoreState.PickFile(RestoreProblem.NOT_A_BACKUP), p.state)
        p.filePicked(BackupFiles.MAX_FILE_BYTES, stream("age-file"))
        assertEquals(RestoreState.EnterCode(), p.state)
    }

    @Test
    fun `a wrong code asks for the code again, then restores with the PIN chosen before`() {
        pick()
        p.codeEntered("0000-0000-0000-0000-0000-0000-0000")
        choosePin()
        assertEquals(RestoreState.EnterCode(RestoreProblem.WRONG_CODE), p.state)
        assertEquals(WalletState.UNINITIALIZED, wallet.state)
        p.codeEntered("   ") // nothing typed: nothing happens
        assertEquals(RestoreState.EnterCode(RestoreProblem.WRONG_CODE), p.state)
        p.codeEntered(FAKE_BACKUP_CODE)
        assertInstanceOf(OnboardingState.Authenticator::class.java, step())
        assertEquals(listOf(pin, pin), backup.restores.map { it.second })
        // Between the code and the authenticator the screen showed progress, not the PIN steps.
        val afterCode = seen.dropWhile { it != RestoreState.EnterCode(RestoreProblem.WRONG_CODE) }.drop(1)
        assertEquals(RestoreState.Enrolling(OnboardingState.Working), afterCode.first())
        assertFalse(afterCode.any { it is RestoreState.Enrolling && (it.step is OnboardingState.ChoosePin || it.step == OnboardingState.ConfirmPin) })
    }

    @Test
    fun `a code of the wrong shape is told apart from a wrong one`() {
        pick()
        p.codeEntered("1234")
        choosePin()
        assertEquals(RestoreState.EnterCode(RestoreProblem.MALFORMED_CODE), p.state)
    }

    @Test
    fun `a file that is no backup, damaged or too new asks for another file, keeping the PIN`() {
        for ((marker, problem) in listOf('G' to RestoreProblem.NOT_A_BACKUP, 'D' to RestoreProblem.DAMAGED, 'N' to RestoreProblem.NEWER_VERSION)) {
            val q = RestorePresenter(wallet, backup, CoreRules)
            q.filePicked(null, stream("$marker-file"))
            q.codeEntered(FAKE_BACKUP_CODE)
            q.enrolment { choosePin(pin) }
            q.enrolment { confirmPin(pin) }
            assertEquals(RestoreState.PickFile(problem), q.state)
            q.filePicked(null, stream("age-file"))
            q.codeEntered(FAKE_BACKUP_CODE)
            assertInstanceOf(OnboardingState.Authenticator::class.java, (q.state as RestoreState.Enrolling).step)
            q.restart()
            wallet.state = WalletState.UNINITIALIZED
        }
    }

    @Test
    fun `the core's PIN policy and the confirmation work as in onboarding`() {
        pick()
        p.codeEntered(FAKE_BACKUP_CODE)
        p.enrolment { choosePin("123456") }
        assertEquals(OnboardingState.ChoosePin(PinProblem.Weak(WeakPinReason.Sequence)), step())
        p.enrolment { choosePin(pin) }
        p.enrolment { confirmPin("582040") }
        assertEquals(OnboardingState.ChoosePin(PinProblem.Mismatch), step())
        assertTrue(backup.restores.isEmpty(), "nothing was tried before the PIN was confirmed")
    }

    @Test
    fun `a wallet in use cannot be restored into, and start over goes back to the file`() {
        wallet.state = WalletState.READY
        pick()
        p.codeEntered(FAKE_BACKUP_CODE)
        choosePin()
        val failed = assertInstanceOf(OnboardingState.Failed::class.java, step())
        assertInstanceOf(WalletFailure.AlreadyInitialized::class.java, failed.failure)
        p.restart()
        assertEquals(RestoreState.PickFile(), p.state)
        p.enrolment { choosePin(pin) } // not enrolling: ignored
        assertEquals(RestoreState.PickFile(), p.state)
    }

    @Test
    fun `starting over after the wallet was written closes the enrolment`() {
        pick()
        p.codeEntered(FAKE_BACKUP_CODE)
        choosePin()
        p.enrolment { authenticatorAdded() }
        p.restart()
        assertTrue(wallet.lastEnrolment!!.closed)
        assertEquals(RestoreState.PickFile(), p.state)
        // The onboarding's own "start over" on the first-code step also comes back to the file.
        pick()
        p.codeEntered(FAKE_BACKUP_CODE)
        choosePin()
        p.enrolment { authenticatorAdded() }
        p.enrolment { acknowledgeCodes(true) }
        p.enrolment { codesWrittenDown() }
        p.enrolment { restart() }
        assertEquals(RestoreState.PickFile(), p.state)
    }

    @Test
    fun `events out of order are ignored`() {
        p.codeEntered(FAKE_BACKUP_CODE)
        assertEquals(RestoreState.PickFile(), p.state)
        p.pickAnotherFile()
        assertEquals(RestoreState.PickFile(), p.state)
        pick()
        p.filePicked(null, stream("age-file")) // not asking for a file now
        assertEquals(RestoreState.EnterCode(), p.state)
        p.pickAnotherFile()
        assertEquals(RestoreState.PickFile(), p.state)
    }
}
