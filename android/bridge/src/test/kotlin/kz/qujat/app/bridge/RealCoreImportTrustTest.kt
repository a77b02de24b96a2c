package kz.qujat.app.bridge

import java.io.File
import kz.qujat.app.logic.lists.DirectoryTrustFolder
import kz.qujat.app.logic.lists.TrustFiles
import kz.qujat.app.logic.model.HolderKey
import kz.qujat.app.logic.onboarding.OnboardingPresenter
import kz.qujat.app.logic.onboarding.OnboardingState
import kz.qujat.app.logic.port.ImportProblem
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.session.ImportOutcome
import kz.qujat.app.logic.session.WalletSession
import kz.qujat.core.IssuerTool
import kz.qujat.core.LocalizedText
import kz.qujat.core.TrustAnchorTool
import kz.qujat.core.TrustedIssuer
import kz.qujat.core.TrustedKey
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Test

/**
 * The trust list the holder's import uses, against the real core: the sequence read by a fresh
 * verifier ([CoreVerifier.trustListSequence]), the newest of the saved and shipped copies chosen
 * at import time ([TrustFiles.importTrust], wired as `TrustData.importTrust` wires it), and the
 * holder key copied as bare hex reaching the issuer intact.
 */
class RealCoreImportTrustTest {
    private val clock = MovableClock()
    private val day = 86_400L
    private val anchor = TrustAnchorTool.generate()
    private val enu = IssuerTool.generate("kz.enu")
    private val kaznu = IssuerTool.generate("kz.kaznu")

    private fun entry(id: String, issuer: IssuerTool) =
        TrustedIssuer(id, LocalizedText(null, null, id), listOf(TrustedKey(issuer.publicKey(), clock.now - 365 * day, clock.now + 365 * day)))

    private fun trustList(sequence: ULong, vararg issuers: TrustedIssuer, signer: TrustAnchorTool = anchor): ByteArray =
        signer.signTrustList(sequence, clock.now - 60, clock.now + 30 * day, issuers.toList())

    private val v1 = trustList(1uL, entry("kz.enu", enu))
    private val v2 = trustList(2uL, entry("kz.enu", enu))
    private val v3 = trustList(3uL, entry("kz.enu", enu), entry("kz.kaznu", kaznu))

    /** The anchor as `qujat issuer keygen` writes it: a header line, then 64 hex digits. */
    private fun anchorFile(): ByteArray =
        ("QUJAT trust anchor public key\n" + anchor.publicKey().joinToString("") { "%02x".format(it) } + "\n").toByteArray()

    private val saved = Fixtures.tempDir().resolve("files-trust").apply { mkdirs() }
    private val shipped = Fixtures.tempDir().resolve("assets-trust").apply { mkdirs() }
    private val files = TrustFiles(DirectoryTrustFolder(saved), DirectoryTrustFolder(shipped))
    private val wallet = testWallet(Fixtures.tempDir().resolve("wallet.db").path, SoftwareKeyWrapper(), clock)
    private val session = WalletSession({ wallet }, { files.importTrust(CoreRules::parsePublicKeyFile, CoreVerifier::trustListSequence) }, clock)

    private fun onboard() {
        val p = OnboardingPresenter(wallet, CoreRules)
        p.choosePin("582039")
        p.confirmPin("582039")
        val otpauth = (p.state as OnboardingState.Authenticator).otpauthUri
        p.authenticatorAdded()
        p.acknowledgeCodes(true)
        p.codesWrittenDown()
        p.submitFirstCode(Authenticator.code(otpauth, clock.now))
        assertEquals(OnboardingState.Done, p.state)
        session.opened()
    }

    /** The holder key as the list's Copy / Share hands it over, read back the way the issuer's tools read it. */
    private fun keyTheIssuerGot(): ByteArray {
        val copied = HolderKey.of(wallet.holderPublicKey(), CoreRules).hex
        return CoreRules.parsePublicKeyFile(copied.toByteArray()) ?: error("the copied key does not parse: $copied")
    }

    @Test
    fun `the sequence of a list signed by the anchor, and none for anything else`() {
        val key = anchor.publicKey()
        assertEquals(1L, CoreVerifier.trustListSequence(key, v1))
        assertEquals(3L, CoreVerifier.trustListSequence(key, v3))
        assertNull(CoreVerifier.trustListSequence(key, trustList(7uL, entry("kz.enu", enu), signer = TrustAnchorTool.generate())), "another anchor's")
        assertNull(CoreVerifier.trustListSequence(key, v2.copyOf(v2.size - 1)), "cut")
        assertNull(CoreVerifier.trustListSequence(key, v2.copyOf().also { it[it.size / 2] = (it[it.size / 2].toInt() xor 1).toByte() }), "one bit changed")
        assertNull(CoreVerifier.trustListSequence(key, byteArrayOf()), "empty")
        assertNull(CoreVerifier.trustListSequence(ByteArray(5), v1), "not an anchor key")
    }

    @Test
    fun `the import takes the newer shipped list over an older saved one, which the wallet would refuse`() {
        File(shipped, "anchor.pub").writeBytes(anchorFile())
        File(shipped, "trust-list.bin").writeBytes(v2)
        File(saved, "trust-list.bin").writeBytes(v1) // saved before an app update shipped version 2
        onboard()
        val bundle = { index: ULong -> enu.issue(Fixtures.diploma("enu-bachelor-honors"), keyTheIssuerGot(), index, clock.now - day) }
        wallet.importDiploma(bundle(0uL), v2, anchor.publicKey()) // the wallet has seen version 2
        // Through the session: the saved version 1 comes first in the folder order, version 2 is used.
        assertInstanceOf(ImportOutcome.Imported::class.java, session.import(bundle(1uL)))
        assertEquals(2, wallet.list().diplomas.size)
        // Why never the older copy: the wallet refuses version 1 now.
        val older = assertThrows(WalletFailure.OlderTrustList::class.java) { wallet.importDiploma(bundle(2uL), v1, anchor.publicKey()) }
        assertEquals(2L, older.held)
        assertEquals(1L, older.offered)
    }

    @Test
    fun `a list the lists screen saves is used by the next import, without a restart`() {
        File(shipped, "anchor.pub").writeBytes(anchorFile())
        File(shipped, "trust-list.bin").writeBytes(v2)
        onboard()
        val master = kaznu.issue(Fixtures.diploma("kaznu-master"), keyTheIssuerGot(), 0uL, clock.now - day)
        val refused = session.import(master.copyOf()) // the session wipes the bytes it was given
        assertEquals(ImportProblem.UNKNOWN_ISSUER, ((refused as ImportOutcome.Refused).failure as WalletFailure.ImportRefused).problem)
        File(saved, "trust-list.bin").writeBytes(v3) // what TrustData.saveTrustList writes once the store took version 3
        assertInstanceOf(ImportOutcome.Imported::class.java, session.import(master))
        assertEquals(1, wallet.list().diplomas.size)
    }

    @Test
    fun `a damaged saved copy is passed over for the shipped list`() {
        File(shipped, "anchor.pub").writeBytes(anchorFile())
        File(shipped, "trust-list.bin").writeBytes(v1)
        File(saved, "trust-list.bin").writeBytes(v3.copyOf(v3.size / 2))
        val t = files.importTrust(CoreRules::parsePublicKeyFile, CoreVerifier::trustListSequence)
        assertArrayEquals(v1, t?.trustList)
        assertArrayEquals(anchor.publicKey(), t?.anchorPublicKey)
    }
}
