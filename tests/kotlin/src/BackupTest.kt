// Backup and restore through the generated Kotlin (test KDF cost: Argon2id and scrypt cheap):
// the round trip an app's screens drive, and the errors its restore screen must tell apart.
package kz.qujat.tests

import java.io.File
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kz.qujat.core.*
import org.junit.jupiter.api.Test

class BackupTest {
    private fun newWallet(world: World): Wallet =
        Wallet.openWithClock(File(tempDir(), "wallet.db").path, JvmKeyStore(), world.clock, testOptions())

    @Test
    fun `backup, restore on a new phone, present VALID`() {
        val world = World()
        val old = Holder(world)
        val d = old.importEnu()
        val export = old.wallet.createBackup()
        val bytes = export.bytes()
        val code = export.code()
        val qr = export.codeQr()
        assertEquals(1u, export.diplomas())
        assertEquals(0u, export.skipped())
        export.close()
        assertTrue(String(bytes.copyOfRange(0, 21)) == "age-encryption.org/v1")
        assertTrue(Regex("^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$").matches(code), code)
        assertEquals(qr.width.toInt() * qr.width.toInt(), qr.modules.size)
        assertEquals(AuditKind.Backup, old.wallet.auditLog().entries.last().kind)

        val phone = newWallet(world)
        // What the restore screen must tell apart; nothing is written on any of them.
        val other = "0000-0000-0000-0000-0000-0000-0000"
        assertFailsWith<WalletException.BackupWrongCode> { phone.restoreBackup(bytes, other, PIN, "phone") }
        assertFailsWith<WalletException.MalformedCode> { phone.restoreBackup(bytes, "1234", PIN, "phone") }
        assertFailsWith<WalletException.NotABackup> { phone.restoreBackup("hello".toByteArray(), code, PIN, "phone") }
        val cut = bytes.copyOfRange(0, bytes.size - 1)
        assertFailsWith<WalletException.BackupDamaged> { phone.restoreBackup(cut, code, PIN, "phone") }
        assertFailsWith<WalletException.WeakPin> { phone.restoreBackup(bytes, code, "123456", "phone") }
        assertEquals(WalletState.UNINITIALIZED, phone.status().state)

        val enrolment = phone.restoreBackup(bytes, code.lowercase().replace("-", " "), PIN, "phone")
        assertContentEquals(old.holderKey, enrolment.holderPublicKey())
        assertEquals(10, enrolment.recoveryCodes().size)
        val totp = Totp(enrolment.otpauthUri())
        enrolment.close()
        assertEquals(WalletState.ENROLMENT_PENDING, phone.status().state)
        phone.confirmEnrolment(PIN, totp.code(world.clock.now()))
        assertEquals(listOf(d.id), phone.list().diplomas.map { it.id })
        assertEquals(AuditKind.Restored, phone.auditLog().entries.first().kind)
        val p = phone.present(d.id, PresentationRequest(defaultPresentationClaims(Language.EN)))
        val report = world.verifier().verify(p.text, null, Language.EN)
        assertEquals(Verdict.Valid, report.verdict, report.verdictCode)

        // The old wallet is in use: restoring into it is refused.
        assertFailsWith<WalletException.AlreadyInitialized> { old.wallet.restoreBackup(bytes, code, PIN, "x") }
    }
}
