package kz.qujat.app.logic

import java.io.File
import javax.xml.parsers.DocumentBuilderFactory
import kz.qujat.app.logic.port.BackupProblem
import kz.qujat.app.logic.port.FailureKey
import kz.qujat.app.logic.port.FailureMessage
import kz.qujat.app.logic.port.FailureMessages
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.ImportProblem
import kz.qujat.app.logic.port.KeyStoreFault
import kz.qujat.app.logic.port.MessageArg
import kz.qujat.app.logic.port.NoAuthenticatorChange
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WeakPinReason
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/**
 * Every failure the screens can meet has its own sentence: the key [FailureMessages] chooses
 * exists on Android (and so, by [TranslationsTest], in kk/ru/en and on iOS) with the arguments
 * it is given, and the app's lookup (`ui/common/Texts.kt`, not compiled here) maps each key to
 * the string of that name.
 */
class FailureMessagesTest {
    private val repo: File? = System.getProperty("qujat.repo")?.let(::File)

    private val weakPins = listOf(
        WeakPinReason.TooShort(6), WeakPinReason.TooLong(64), WeakPinReason.NotDigits, WeakPinReason.Repeated,
        WeakPinReason.Sequence, WeakPinReason.Mirror, WeakPinReason.DateLike, WeakPinReason.Common, WeakPinReason.Other,
    )

    /** One failure of every kind, and every kind inside them in each variant. */
    private val samples: List<WalletFailure> = listOf(
        WalletFailure.NotInitialized(),
        WalletFailure.AlreadyInitialized(),
        WalletFailure.EnrolmentPending(),
        WalletFailure.WrongPin(3),
        WalletFailure.WrongCode(4),
        WalletFailure.CodeReplayed(5),
        WalletFailure.MalformedCode(),
        WalletFailure.RecoveryCodeRequired(),
        WalletFailure.LockedOut(until = 1_800_000_600, retryAfterSecs = 600),
        WalletFailure.Wiped(),
        WalletFailure.Locked(),
        WalletFailure.Integrity(),
        WalletFailure.NotFound(),
        WalletFailure.BadAudience(),
        WalletFailure.DamagedRecord(),
        WalletFailure.ReplacedByOlderCopy(),
        WalletFailure.DiplomaSetChanged(missing = 2, unexpected = 0),
        WalletFailure.DiplomaSetChanged(missing = 0, unexpected = 1),
        WalletFailure.OlderTrustList(held = 7, offered = 6),
        WalletFailure.BadChallenge(),
        NoAuthenticatorChange(),
    ) + weakPins.map { WalletFailure.WeakPin(it) } +
        KeyStoreFault.entries.map { WalletFailure.KeyStore(it) } +
        ImportProblem.entries.map { WalletFailure.ImportRefused(it) } +
        BackupProblem.entries.map { WalletFailure.BackupRefused(it) } +
        Fault.entries.map { WalletFailure.Internal(it) }

    /** The failures whose honest sentence is "something went wrong (…), try again". */
    private fun isInternal(e: WalletFailure) =
        (e is WalletFailure.Internal && e.fault != Fault.STORAGE_FULL && e.fault != Fault.UNSUPPORTED_VERSION) ||
            (e is WalletFailure.BackupRefused && e.problem == BackupProblem.FAILED)

    @Test
    fun `the samples hold every kind of failure`() {
        val kinds = WalletFailure::class.java.permittedSubclasses.toSet()
        assertTrue(kinds.size >= 25 && NoAuthenticatorChange::class.java in kinds, "found $kinds")
        assertEquals(kinds, samples.map { it.javaClass }.toSet())
        assertEquals(WeakPinReason::class.java.permittedSubclasses.toSet(), weakPins.map { it.javaClass }.toSet())
    }

    @Test
    fun `every failure gets a sentence of its own, never a class name`() {
        for (e in samples) {
            val m = FailureMessages.of(e)
            assertEquals(isInternal(e), m.key == FailureKey.FAULT_INTERNAL, "$e → $m")
            for (a in m.args) {
                if (a is MessageArg.Detail) assertTrue(a.text.matches(Regex("[a-z_]+")), "a fixed word: $a")
            }
        }
        // The ones that used to fall through to "Something went wrong (ClassName)".
        assertEquals(FailureMessage(FailureKey.WALLET_ALREADY_SET_UP), FailureMessages.of(WalletFailure.AlreadyInitialized()))
        assertEquals(FailureMessage(FailureKey.PIN_WRONG, MessageArg.Count(3)), FailureMessages.of(WalletFailure.WrongPin(3)))
        assertEquals(
            FailureMessage(FailureKey.BACKUP_WRONG_CODE),
            FailureMessages.of(WalletFailure.BackupRefused(BackupProblem.WRONG_CODE)),
        )
        assertEquals(FailureMessage(FailureKey.PDF_BAD_AUDIENCE), FailureMessages.of(WalletFailure.BadAudience()))
        assertEquals(FailureMessage(FailureKey.AUTHENTICATOR_SWITCH_NOT_STARTED), FailureMessages.of(NoAuthenticatorChange()))
        assertEquals(
            FailureMessage(FailureKey.LOCKED_UNTIL, MessageArg.Time(1_800_000_600)),
            FailureMessages.of(WalletFailure.LockedOut(1_800_000_600, 600)),
        )
        // The string says "%1$d removed": a set changed only by diplomas put back is not "0 removed".
        assertEquals(
            FailureMessage(FailureKey.WALLET_DIPLOMAS_MISSING, MessageArg.Count(2)),
            FailureMessages.of(WalletFailure.DiplomaSetChanged(2, 0)),
        )
        assertEquals(FailureMessage(FailureKey.WALLET_DAMAGED), FailureMessages.of(WalletFailure.DiplomaSetChanged(0, 1)))
        // "This trust list (version %1$d) is older than the one the wallet already has (version %2$d)."
        assertEquals(
            listOf(MessageArg.Count(6), MessageArg.Count(7)),
            FailureMessages.of(WalletFailure.OlderTrustList(held = 7, offered = 6)).args,
        )
    }

    @Test
    fun `every key is used, and is an Android string taking the arguments given`() {
        assumeTrue(repo != null, "run through scripts/jvm-test.sh")
        val strings = androidStrings()
        val messages = samples.map(FailureMessages::of)
        assertEquals(FailureKey.entries.toSet(), messages.map { it.key }.toSet(), "a key no failure uses")
        for (m in messages) {
            val text = strings[m.key.resource] ?: error("values/strings*.xml has no ${m.key.resource}")
            val wanted = m.args.mapIndexed { i, a -> "${i + 1}" + if (a is MessageArg.Count) "d" else "s" }
            val found = Regex("""%(\d)\$([sd])""").findAll(text).map { it.groupValues[1] + it.groupValues[2] }.sorted().toList()
            assertEquals(wanted, found, "${m.key.resource}: $text")
        }
    }

    @Test
    fun `the app looks every key up under its own name, once`() {
        assumeTrue(repo != null, "run through scripts/jvm-test.sh")
        val texts = File(repo, "android/app/src/main/kotlin/kz/qujat/app/ui/common/Texts.kt").readText()
        val pairs = Regex("""FailureKey\.([A-Z_]+) -> R\.string\.([a-z0-9_]+)""").findAll(texts)
            .map { it.groupValues[1] to it.groupValues[2] }.toList()
        assertEquals(pairs.map { it.first }.distinct(), pairs.map { it.first }, "a key looked up twice")
        assertEquals(FailureKey.entries.map { it.name }.toSet(), pairs.map { it.first }.toSet())
        for ((key, resource) in pairs) assertEquals(FailureKey.valueOf(key).resource, resource, key)
    }

    private fun androidStrings(): Map<String, String> {
        val files = File(repo, "android/app/src/main/res/values").listFiles { f ->
            f.name.startsWith("strings") && f.name.endsWith(".xml")
        }.orEmpty()
        val all = mutableMapOf<String, String>()
        for (file in files) {
            val nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).getElementsByTagName("string")
            for (i in 0 until nodes.length) {
                val e = nodes.item(i)
                all[e.attributes.getNamedItem("name").nodeValue] = e.textContent
            }
        }
        return all
    }
}
