package kz.qujat.app.bridge

import java.io.ByteArrayInputStream
import java.io.File
import kz.qujat.app.logic.backup.BackupFiles
import kz.qujat.app.logic.backup.BackupPresenter
import kz.qujat.app.logic.backup.BackupState
import kz.qujat.app.logic.backup.RestorePresenter
import kz.qujat.app.logic.backup.RestoreProblem
import kz.qujat.app.logic.backup.RestoreState
import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.onboarding.OnboardingPresenter
import kz.qujat.app.logic.onboarding.OnboardingState
import kz.qujat.app.logic.pdf.PdfExportPresenter
import kz.qujat.app.logic.pdf.SharedPdfFolder
import kz.qujat.app.logic.port.BackupProblem
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.core.IssuerTool
import kz.qujat.core.TrustAnchorTool
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Backup, restore and the PDF through the app's presenters and the real core (the tests' KDF
 * cost: Argon2id and scrypt cheap, so no test waits seconds): a backup restored into a fresh
 * wallet directory holds the same diplomas under the same holder key; a wrong code, a file that
 * is no backup and a damaged one are each told apart; the size limit is the core's; the PDF is a
 * PDF.
 */
class RealCoreBackupTest {
    private val clock = MovableClock()
    private val day = 86_400L
    private val anchor = TrustAnchorTool.generate()
    private val issuer = IssuerTool.generate("kz.enu")
    private val trustList = enuTrustList(anchor, issuer, clock)
    private val pin = "582039"
    private val old = testWallet(Fixtures.tempDir().resolve("wallet.db").path, SoftwareKeyWrapper(), clock)

    /** A new phone: its own directory and key store. */
    private fun newPhone(): CoreWallet = testWallet(Fixtures.tempDir().resolve("wallet.db").path, SoftwareKeyWrapper(), clock)

    private fun onboard(wallet: CoreWallet) {
        val p = OnboardingPresenter(wallet, CoreRules)
        p.choosePin(pin)
        p.confirmPin(pin)
        val uri = (p.state as OnboardingState.Authenticator).otpauthUri
        p.authenticatorAdded()
        p.acknowledgeCodes(true)
        p.codesWrittenDown()
        p.submitFirstCode(Authenticator.code(uri, clock.now))
        assertEquals(OnboardingState.Done, p.state)
    }

    private fun importEnu(wallet: CoreWallet): String {
        val bundle = issuer.issue(Fixtures.diploma("enu-bachelor-honors"), wallet.holderPublicKey(), 0uL, clock.now - day)
        return wallet.importDiploma(bundle, trustList, anchor.publicKey()).id
    }

    /** Make a backup on the old phone through the backup screen's presenter; returns file and code. */
    private fun backUp(): Pair<ByteArray, String> {
        val b = BackupPresenter(CoreBackup(old))
        b.make()
        val shown = assertInstanceOf(BackupState.ShowCode::class.java, b.state)
        assertEquals(1, shown.diplomas)
        assertEquals(0, shown.skipped)
        assertTrue(shown.codeQr.width >= 21, "no QR symbol for the backup code")
        b.acknowledge(true)
        assertTrue(b.save())
        var file: ByteArray? = null
        b.saveTo { file = it }
        assertEquals(BackupState.Saved(1, 0), b.state)
        return file!! to shown.code
    }

    private fun RestorePresenter.pick(bytes: ByteArray) = filePicked(bytes.size.toLong()) { ByteArrayInputStream(bytes) }

    @Test
    fun `backup, then restore into a fresh wallet directory, gives the same diplomas under the same holder key`() {
        onboard(old)
        val id = importEnu(old)
        val (file, code) = backUp()
        assertEquals("age-encryption.org/v1", String(file.copyOfRange(0, 21)))
        assertTrue(Regex("^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$").matches(code))

        val phone = newPhone()
        val r = RestorePresenter(phone, CoreBackup(phone), CoreRules)
        r.pick(file)
        r.codeEntered(code.lowercase().replace("-", " "))
        r.enrolment { choosePin(pin) }
        r.enrolment { confirmPin(pin) }
        val auth = assertInstanceOf(OnboardingState.Authenticator::class.java, (r.state as RestoreState.Enrolling).step)
        assertEquals(WalletState.ENROLMENT_PENDING, phone.status().state)
        r.enrolment { authenticatorAdded() }
        val codes = ((r.state as RestoreState.Enrolling).step as OnboardingState.RecoveryCodes).codes
        assertEquals(10, codes.size)
        r.enrolment { acknowledgeCodes(true) }
        r.enrolment { codesWrittenDown() }
        r.enrolment { submitFirstCode(Authenticator.code(auth.otpauthUri, clock.now)) }
        assertEquals(RestoreState.Enrolling(OnboardingState.Done), r.state)

        assertEquals(WalletState.READY, phone.status().state)
        assertTrue(phone.isUnlocked())
        assertArrayEquals(old.holderPublicKey(), phone.holderPublicKey())
        assertEquals(listOf(id), phone.list().diplomas.map { it.id })
        assertEquals(
            old.show(id, Lang.EN).claims.map { it.key to it.text },
            phone.show(id, Lang.EN).claims.map { it.key to it.text },
        )
    }

    @Test
    fun `a wrong code, a file that is no backup and a damaged one are each told apart, and nothing is written`() {
        onboard(old)
        importEnu(old)
        val (file, code) = backUp()
        val phone = newPhone()
        val backup = CoreBackup(phone)
        fun refused(bytes: ByteArray, c: String) =
            assertThrows(WalletFailure.BackupRefused::class.java) { backup.restoreBackup(bytes, c, pin, "phone") }.problem
        assertEquals(BackupProblem.WRONG_CODE, refused(file, "0000-0000-0000-0000-0000-0000-0000"))
        assertEquals(BackupProblem.NOT_A_BACKUP, refused("not a backup at all".toByteArray(), code))
        assertEquals(BackupProblem.DAMAGED, refused(file.copyOf(file.size - 1), code))
        assertInstanceOf(WalletFailure.MalformedCode::class.java, runCatching { backup.restoreBackup(file, "1234", pin, "phone") }.exceptionOrNull())
        assertEquals(WalletState.UNINITIALIZED, phone.status().state)

        // The same through the restore screen: wrong code → code again; the right one restores
        // with the PIN chosen before.
        val r = RestorePresenter(phone, backup, CoreRules)
        r.pick(file)
        r.codeEntered("0000-0000-0000-0000-0000-0000-0000")
        r.enrolment { choosePin(pin) }
        r.enrolment { confirmPin(pin) }
        assertEquals(RestoreState.EnterCode(RestoreProblem.WRONG_CODE), r.state)
        r.codeEntered("1234")
        assertEquals(RestoreState.EnterCode(RestoreProblem.MALFORMED_CODE), r.state)
        r.pickAnotherFile()
        r.pick("garbage".toByteArray())
        r.codeEntered(code)
        assertEquals(RestoreState.PickFile(RestoreProblem.NOT_A_BACKUP), r.state)
        r.pick(file.copyOf(file.size - 1))
        r.codeEntered(code)
        assertEquals(RestoreState.PickFile(RestoreProblem.DAMAGED), r.state)
        assertEquals(WalletState.UNINITIALIZED, phone.status().state)
        r.pick(file)
        r.codeEntered(code)
        assertInstanceOf(OnboardingState.Authenticator::class.java, (r.state as RestoreState.Enrolling).step)
        assertEquals(WalletState.ENROLMENT_PENDING, phone.status().state)
        r.dispose()
    }

    /**
     * The app refuses unread what the core would refuse anyway: one byte over the app's limit,
     * the core says "too large" (reported as damaged) before looking at the content, where junk
     * under the limit is "not a backup". If the core ever accepted larger files, this fails and
     * the app's constant must follow. (One 64 MiB call: about 2 s in the debug library, for the
     * copy across the FFI; the exact-limit side is pinned by `BackupPresenterTest`.)
     */
    @Test
    fun `a file one byte over the app's limit is too large for the core too`() {
        val backup = CoreBackup(newPhone())
        val code = "0000-0000-0000-0000-0000-0000-0000"
        fun refused(bytes: ByteArray) =
            assertThrows(WalletFailure.BackupRefused::class.java) { backup.restoreBackup(bytes, code, pin, "x") }.problem
        assertEquals(BackupProblem.NOT_A_BACKUP, refused(ByteArray(1 shl 20)))
        assertEquals(BackupProblem.DAMAGED, refused(ByteArray(BackupFiles.MAX_FILE_BYTES.toInt() + 1)))
    }

    @Test
    fun `a backup of a locked wallet goes to unlock`() {
        onboard(old)
        old.lock()
        val b = BackupPresenter(CoreBackup(old))
        b.make()
        assertInstanceOf(WalletFailure.Locked::class.java, (b.state as BackupState.Start).failure)
    }

    @Test
    fun `the PDF for an employer is a PDF, in the shared folder, with the core's limits`() {
        onboard(old)
        val id = importEnu(old)
        val folder = SharedPdfFolder(File(Fixtures.tempDir(), "shared"))
        val p = PdfExportPresenter(CorePdf(old), CoreRules, folder, id, old.show(id, Lang.KK), Lang.KK)
        assertEquals(30, p.state.days)
        assertEquals(90, p.state.maxDays)
        // The core judges the recipient (1–128 bytes): 65 Cyrillic letters are 130 bytes.
        p.audienceChanged("Қ".repeat(65))
        p.make()
        assertTrue(p.state.audienceRefused)
        assertNull(p.state.pdf)
        p.audienceChanged("Kaspi Bank HR")
        p.toggle(ClaimKey.GPA, true)
        p.confirmSensitive()
        p.make()
        assertNotNull(p.state.pdf)
        val made = p.state.pdf!!
        assertArrayEquals("%PDF-".toByteArray(), made.file.readBytes().copyOfRange(0, 5))
        assertTrue(made.bytes.size in 5_000..150_000, "PDF of ${made.bytes.size} bytes")
        old.lock()
        p.daysChanged(7)
        p.make()
        assertInstanceOf(WalletFailure.Locked::class.java, p.state.failure)
    }
}

/** Every error a backup, a restore or a PDF can meet, as the screens' failure (one mapping point). */
class BackupMappingTest {
    private fun problem(e: kz.qujat.core.WalletException): BackupProblem? = (Mapping.failure(e) as? WalletFailure.BackupRefused)?.problem

    @Test
    fun `each backup refusal keeps its own meaning`() {
        assertEquals(BackupProblem.WRONG_CODE, problem(kz.qujat.core.WalletException.BackupWrongCode()))
        assertEquals(BackupProblem.NOT_A_BACKUP, problem(kz.qujat.core.WalletException.NotABackup()))
        assertEquals(BackupProblem.DAMAGED, problem(kz.qujat.core.WalletException.BackupDamaged()))
        assertEquals(BackupProblem.NEWER_VERSION, problem(kz.qujat.core.WalletException.BackupNewerVersion(2uL)))
        assertEquals(BackupProblem.FAILED, problem(kz.qujat.core.WalletException.BackupFailed()))
        assertInstanceOf(WalletFailure.MalformedCode::class.java, Mapping.failure(kz.qujat.core.WalletException.MalformedCode()))
        assertInstanceOf(WalletFailure.BadAudience::class.java, Mapping.failure(kz.qujat.core.WalletException.BadAudience()))
        assertInstanceOf(WalletFailure.Internal::class.java, Mapping.failure(kz.qujat.core.WalletException.PdfFailed()))
    }
}
