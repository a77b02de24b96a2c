// Every Wallet method, and every error an app must handle, through the generated Kotlin.
package kz.qujat.tests

import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kz.qujat.core.*
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

class WalletTest {
    @Test
    fun `production defaults and test options`() {
        val d = defaultWalletOptions()
        assertEquals(KdfCost.RECOMMENDED, d.kdf)
        assertEquals(AtMaxFailures.WIPE_DATA_KEY, d.atMaxFailures)
        assertTrue(d.idleTimeoutSecs > 0u)
    }

    @Test
    fun `lock, unlock, status, recovery code, change PIN, delete, audit log`() {
        val world = World()
        val h = Holder(world)
        val w = h.wallet
        assertEquals(10u, w.recoveryCodesLeft())
        val s = w.status()
        assertEquals(0u, s.failures)
        assertEquals(10u, s.attemptsLeft)
        assertNull(s.lockedUntil)
        assertFalse(s.recoveryCodeRequired)
        assertFalse(s.keyStoreHardwareBacked)

        w.lock()
        assertFalse(w.isUnlocked())
        assertFailsWith<WalletException.Locked> { w.list() }
        h.unlock()
        assertTrue(w.isUnlocked())

        w.lock()
        w.unlockWithRecoveryCode(PIN, h.recoveryCodes[0].lowercase())
        assertEquals(9u, w.recoveryCodesLeft())
        w.lock()
        assertFailsWith<WalletException.WrongCode> { w.unlockWithRecoveryCode(PIN, h.recoveryCodes[0]) }

        world.clock.advance(30)
        w.changePin(PIN, h.code(), "582047")
        world.clock.advance(30)
        assertFailsWith<WalletException.WrongPin> { w.unlock(PIN, h.code()) }
        w.unlock("582047", h.code())

        val d = h.importEnu()
        assertEquals(1, w.list().diplomas.size)
        assertEquals(0u, w.list().damaged)
        w.delete(d.id)
        assertTrue(w.list().diplomas.isEmpty())
        assertFailsWith<WalletException.NotFound> { w.show(d.id, Language.EN) }
        assertFailsWith<WalletException.NotFound> { w.delete(d.id) }

        val log = w.auditLog()
        assertNull(log.brokenAtSeq)
        val kinds = log.entries.map { it.kind }
        for (k in listOf(AuditKind.Setup, AuditKind.Unlocked, AuditKind.FailedUnlock, AuditKind.RecoveryCodeUsed,
                         AuditKind.PinChanged, AuditKind.Import, AuditKind.Delete)) {
            assertTrue(k in kinds, "$k in the audit log")
        }
        assertEquals((1..log.entries.size).map { it.toULong() }, log.entries.map { it.seq })
    }

    @Test
    fun `present records an audit entry and checks its arguments`() {
        val world = World()
        val h = Holder(world)
        val id = h.importEnu().id
        val p = h.wallet.present(id, PresentationRequest(allClaims(), null, 600u))
        assertEquals(p.createdAt + 600, p.expiresAt)
        assertTrue(h.wallet.auditLog().entries.any { it.kind == AuditKind.Present })
        assertFailsWith<WalletException.BadLifetime> { h.wallet.present(id, PresentationRequest(allClaims(), null, 0u)) }
        assertFailsWith<WalletException.BadLifetime> { h.wallet.present(id, PresentationRequest(allClaims(), null, 601u)) }
        assertFailsWith<WalletException.BadChallenge> { h.wallet.present(id, PresentationRequest(allClaims(), "12a456")) }
        assertFailsWith<WalletException.BadDiplomaId> { h.wallet.present("not-an-id", PresentationRequest(allClaims())) }
        assertFailsWith<WalletException.NotFound> { h.wallet.present("0".repeat(64), PresentationRequest(allClaims())) }
    }

    @Test
    fun `setup errors - weak PIN, bad label, not initialized, enrolment pending, already initialized`() {
        val world = World()
        val w = Wallet.openWithClock("${tempDir()}/w.db", JvmKeyStore(), world.clock, testOptions())
        assertFailsWith<WalletException.NotInitialized> { w.unlock(PIN, "123456") }
        val weak = assertFailsWith<WalletException.WeakPin> { w.setup("123456", "wallet") }
        assertEquals(WeakPinReason.Sequence, weak.reason)
        assertEquals(WeakPinReason.TooShort(6u), assertFailsWith<WalletException.WeakPin> { w.setup("12", "x") }.reason)
        assertEquals(WeakPinReason.NotDigits, assertFailsWith<WalletException.WeakPin> { w.setup("12ab56x", "x") }.reason)
        assertFailsWith<WalletException.BadLabel> { w.setup(PIN, "a:b") }
        val totp = w.setup(PIN, "wallet").use { Totp(it.otpauthUri()) }
        assertFailsWith<WalletException.EnrolmentPending> { w.unlock(PIN, totp.code(world.now)) }
        w.confirmEnrolment(PIN, totp.code(world.now))
        assertFailsWith<WalletException.AlreadyInitialized> { w.setup(PIN, "wallet") }
    }

    @Test
    fun `unlock errors - wrong PIN with attempts left, TOTP required, malformed, wrong, replayed`() {
        val world = World()
        val h = Holder(world)
        val w = h.wallet
        w.lock()
        // The code used to confirm is spent: the same code again is a replay, told with the
        // attempts left, and not counted.
        val replay = assertFailsWith<WalletException.CodeReplayed> { w.unlock(PIN, h.code()) }
        assertEquals(10u, replay.attemptsLeft)
        assertEquals(0u, w.status().failures)
        assertFailsWith<WalletException.TotpRequired> { w.unlock(PIN, "") }
        assertFailsWith<WalletException.MalformedCode> { w.unlock(PIN, "12a456") }
        world.clock.advance(30)
        val good = h.code()
        val wrongCode = ((good.toInt() + 1) % 1_000_000).toString().padStart(6, '0')
        assertEquals(9u, assertFailsWith<WalletException.WrongCode> { w.unlock(PIN, wrongCode) }.attemptsLeft)
        assertEquals(8u, assertFailsWith<WalletException.WrongPin> { w.unlock("582047", good) }.attemptsLeft)
        assertEquals(2u, w.status().failures)
        w.unlock(PIN, good)
        assertEquals(0u, w.status().failures)
    }

    /** Fail `n` unlocks, waiting out each lockout on the test clock; returns the lockouts seen. */
    private fun failUnlocks(h: Holder, n: Int, already: Int = 0): List<WalletException.LockedOut> {
        val lockouts = mutableListOf<WalletException.LockedOut>()
        var failed = already
        while (failed < already + n) {
            try {
                h.wallet.unlock("582047", h.code())
            } catch (e: WalletException.LockedOut) {
                lockouts += e
                assertEquals(h.world.now + e.retryAfterSecs.toLong(), e.until)
                assertEquals(e.until, h.wallet.status().lockedUntil)
                h.world.clock.advance(e.retryAfterSecs.toLong())
                continue
            } catch (e: WalletException.WrongPin) {
                failed++
                assertEquals((10 - failed).toUInt(), e.attemptsLeft)
            } catch (e: WalletException.Wiped) {
                failed++
            }
        }
        return lockouts
    }

    @Test
    fun `lockout - five failures then a wait, ten wipe the wallet`() {
        val world = World()
        val h = Holder(world)
        h.importEnu()
        h.wallet.lock()
        val lockouts = failUnlocks(h, 5)
        assertTrue(lockouts.isEmpty())
        val e = assertFailsWith<WalletException.LockedOut> { h.wallet.unlock(PIN, h.code()) }
        assertEquals(60uL, e.retryAfterSecs)
        val more = failUnlocks(h, 5, already = 5)
        assertEquals(listOf(60uL, 300uL, 900uL, 900uL, 3600uL), more.map { it.retryAfterSecs })
        assertEquals(WalletState.WIPED, h.wallet.status().state)
        assertFailsWith<WalletException.Wiped> { h.unlock() }
        // The key that wrapped the data key is gone; only the wipe's own marker key (a newer
        // generation, which tells an older copy of the file) is left.
        assertEquals(1, h.keyStore.aliases().size, "only the wipe's marker key is left")
        // A wiped wallet can be set up anew.
        h.wallet.setup(PIN, "wallet").close()
    }

    @Test
    fun `lockout - ten failures then only a recovery code opens`() {
        val world = World()
        val h = Holder(world, options = testOptions(AtMaxFailures.REQUIRE_RECOVERY_CODE))
        h.importEnu()
        h.wallet.lock()
        failUnlocks(h, 10)
        assertTrue(h.wallet.status().recoveryCodeRequired)
        world.clock.advance(3600)
        assertFailsWith<WalletException.RecoveryCodeRequired> { h.unlock() }
        world.clock.advance(3600)
        h.wallet.unlockWithRecoveryCode(PIN, h.recoveryCodes[3])
        assertEquals(1, h.wallet.list().diplomas.size, "the data survived")
    }

    @Test
    fun `import errors - unknown issuer, forged, not ours, bad input, expired list, duplicate`() {
        val world = World()
        val h = Holder(world)
        val anchor = world.anchor.publicKey()
        val fake = IssuerTool.generate("kz.fake")
        val fakeJson = fixture("enu-bachelor-honors").replace("\"kz.enu\"", "\"kz.fake\"")
        assertFailsWith<WalletException.UnknownIssuer> {
            h.wallet.importDiploma(world.issue(h.holderKey, issuer = fake, json = fakeJson), world.trustList, anchor)
        }
        val impostor = IssuerTool.generate("kz.enu")
        assertFailsWith<WalletException.ForgedIssuerSignature> {
            h.wallet.importDiploma(world.issue(h.holderKey, issuer = impostor), world.trustList, anchor)
        }
        assertFailsWith<WalletException.NotOurHolderKey> {
            h.wallet.importDiploma(world.issue(TrustAnchorTool.generate().publicKey()), world.trustList, anchor)
        }
        val bundle = world.issue(h.holderKey)
        assertFailsWith<WalletException.BadCredential> { h.wallet.importDiploma(byteArrayOf(1, 2, 3), world.trustList, anchor) }
        assertFailsWith<WalletException.TrustListInvalid> { h.wallet.importDiploma(bundle, byteArrayOf(1, 2, 3), anchor) }
        assertFailsWith<WalletException.TrustListInvalid> {
            h.wallet.importDiploma(bundle, world.trustList, TrustAnchorTool.generate().publicKey())
        }
        val expired = world.trustListOf(listOf(world.enu), expiresAt = world.now - 1)
        assertEquals(world.now - 1, assertFailsWith<WalletException.TrustListExpired> {
            h.wallet.importDiploma(bundle, expired, anchor)
        }.expiredAt)
        assertFailsWith<WalletException.BadPublicKey> { h.wallet.importDiploma(bundle, world.trustList, ByteArray(3)) }
        h.wallet.importDiploma(bundle, world.trustList, anchor)
        assertFailsWith<WalletException.DuplicateCredential> { h.wallet.importDiploma(bundle, world.trustList, anchor) }
        assertFailsWith<WalletException.BadDiplomaId> { h.wallet.show("xyz", Language.EN) }
    }

    @Test
    fun `storage error for a path that cannot be created`() {
        val e = assertFailsWith<WalletException.Storage> {
            Wallet.open("/nonexistent-dir/qujat/wallet.db", JvmKeyStore(), testOptions())
        }
        assertEquals(StorageErrorKind.IO, e.kind)
    }

    @Test
    fun `integrity - a sealed diploma changed in the file, and a key store key replaced`() {
        val world = World()
        val h = Holder(world)
        val id = h.importEnu().id
        assumeTrue(runCatching { ProcessBuilder("sqlite3", "-version").start().waitFor() == 0 }.getOrDefault(false),
            "sqlite3 command not installed")
        val sql = "UPDATE credentials SET bundle = zeroblob(length(bundle));"
        val p = ProcessBuilder("sqlite3", h.path, sql).redirectErrorStream(true).start()
        assertEquals(0, p.waitFor(), p.inputStream.bufferedReader().readText())
        assertEquals("credentials", assertFailsWith<WalletException.Integrity> { h.wallet.show(id, Language.EN) }.table)

        // A replaced platform key cannot be told from damaged wrapped bytes by the key store: it
        // is reported as the key store's error (never as a wrong PIN, never counted).
        h.wallet.lock()
        h.keyStore.rotateAllKeys()
        val e = assertFailsWith<WalletException.KeyStore> { h.unlock() }
        assertTrue(e.error is KeyStoreException.InvalidData, e.error.toString())
        assertEquals(0u, h.wallet.status().failures)
    }

    @Test
    fun `opening the same file again sees the same wallet`() {
        val world = World()
        val h = Holder(world)
        h.importEnu()
        h.wallet.close()
        val again = Wallet.openWithClock(h.path, h.keyStore, world.clock, testOptions())
        assertEquals(WalletState.READY, again.status().state)
        world.clock.advance(30)
        again.unlock(PIN, h.code())
        assertEquals(1, again.list().diplomas.size)
        assertTrue(File(h.path).exists())
    }
}

class AuthenticatorChangeTest {
    @Test
    fun `new phone - recovery code, new authenticator, new recovery codes`() {
        val world = World()
        val h = Holder(world)
        val w = h.wallet
        assertFailsWith<WalletException.NoPendingEnrolment> { w.confirmAuthenticatorChange("123456") }
        w.lock()
        w.unlockWithRecoveryCode(PIN, h.recoveryCodes[1])

        val newTotp = w.beginAuthenticatorChange("new-phone").use { Totp(it.otpauthUri()) }
        assertFailsWith<WalletException.BadLabel> { w.beginAuthenticatorChange("a:b") }
        val wrong = ((newTotp.code(world.now).toInt() + 1) % 1_000_000).toString().padStart(6, '0')
        assertFailsWith<WalletException.WrongCode> { w.confirmAuthenticatorChange(wrong) }
        w.confirmAuthenticatorChange(newTotp.code(world.now))

        w.lock()
        world.clock.advance(30)
        assertFailsWith<WalletException.WrongCode> { w.unlock(PIN, h.code()) }
        w.unlock(PIN, newTotp.code(world.now))

        val fresh = w.renewRecoveryCodes().use { it.codes() }
        assertEquals(10, fresh.size)
        assertTrue(fresh.none { it in h.recoveryCodes })
        assertEquals(10u, w.recoveryCodesLeft())
        w.lock()
        assertFailsWith<WalletException.WrongCode> { w.unlockWithRecoveryCode(PIN, h.recoveryCodes[2]) }
        w.unlockWithRecoveryCode(PIN, fresh[0])
        assertTrue(AuditKind.TotpEnrolled in w.auditLog().entries.map { it.kind })
        assertTrue(AuditKind.RecoveryCodesRenewed in w.auditLog().entries.map { it.kind })
    }

    @Test
    fun `copy-back - an older copy of the wallet file is refused, typed, and never counted`() {
        val world = World()
        val h = Holder(world, options = testOptions())
        h.importEnu()
        h.wallet.lock()
        h.wallet.close()
        val saved = File(h.path).readBytes()
        // Three wrong PINs in a second opening of the same file: each rotates the key.
        val w = Wallet.openWithClock(h.path, h.keyStore, world.clock, testOptions())
        repeat(3) { assertFailsWith<WalletException.WrongPin> { w.unlock("582047", h.code()) } }
        assertEquals(3u, w.status().failures)
        w.close()
        val newer = File(h.path).readBytes()
        for (ext in listOf("-wal", "-shm")) File(h.path + ext).delete()
        File(h.path).writeBytes(saved)
        val old = Wallet.openWithClock(h.path, h.keyStore, world.clock, testOptions())
        world.clock.advance(30)
        // Its own type (the app shows its own text for it), not WrongPin, and nothing counted.
        assertFailsWith<WalletException.ReplacedByOlderCopy> { old.unlock(PIN, h.code()) }
        assertFailsWith<WalletException.ReplacedByOlderCopy> { old.unlock("582047", h.code()) }
        assertEquals(0u, old.status().failures)
        old.close()
        // The newer file still holds its three failures and opens with the right PIN.
        for (ext in listOf("-wal", "-shm")) File(h.path + ext).delete()
        File(h.path).writeBytes(newer)
        val back = Wallet.openWithClock(h.path, h.keyStore, world.clock, testOptions())
        assertEquals(3u, back.status().failures)
        back.unlock(PIN, h.code())
        assertEquals(1u, back.list().diplomas.size.toUInt())
    }

    @Test
    fun `import - a trust list of a lower sequence is refused, naming both`() {
        val world = World()
        val h = Holder(world)
        val anchorKey = world.anchor.publicKey()
        h.wallet.importDiploma(world.issue(h.holderKey, 0uL), world.trustListOf(listOf(world.enu), sequence = 5uL), anchorKey)
        val e = assertFailsWith<WalletException.OlderTrustList> {
            h.wallet.importDiploma(world.issue(h.holderKey, 1uL), world.trustListOf(listOf(world.enu), sequence = 4uL), anchorKey)
        }
        assertEquals(5uL, e.held)
        assertEquals(4uL, e.offered)
    }
}
