package kz.qujat.app.logic.session

import java.io.IOException
import java.io.InputStream
import kz.qujat.app.logic.io.readAtMost
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.ImportProblem
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort

/**
 * The holder's session as the whole app sees it: the [gate] (locked or not, what waits for the
 * unlock, which system activity is up) together with the wallet calls its decisions lead to.
 * The app's lifecycle events and the import of a picked file come here; the navigation observes
 * [gate] and follows [RouteAccess].
 *
 * Every method may block (it calls the wallet, which [wallet] may open on first use): call them
 * off the main thread, one at a time, except [expectResult], [resultReturned], [lockedFound],
 * [opened] and [unlocked], which only touch the gate (fine on the main thread).
 */
class WalletSession(
    private val wallet: () -> WalletPort,
    private val trust: () -> ImportTrust?,
    private val clock: Clock,
    val gate: SessionGate = SessionGate(initial = SessionGate.State.Locked(null)),
) {
    /** See [SessionGate.expectResult]. */
    fun expectResult(): Long = gate.expectResult(clock.nowSeconds())

    /** See [SessionGate.resultReturned]. */
    fun resultReturned(token: Long) = gate.resultReturned(token)

    /**
     * The app left the foreground: lock now, or return the Unix second at which to call
     * [checkWhileAway] (a picker or "save as" screen the app opened is up).
     */
    fun backgrounded(): Long? = when (val d = gate.backgrounded(clock.nowSeconds())) {
        OnBackground.LockNow -> {
            wallet().lock()
            null
        }
        is OnBackground.LockAt -> d.at
    }

    /** Still away at the time [backgrounded] gave: lock if the picker is still up. */
    fun checkWhileAway() {
        if (gate.lockDue(clock.nowSeconds())) wallet().lock()
    }

    /** Back in the foreground: lock first if the picker was up too long, then compare with the wallet. */
    fun foregrounded() {
        if (gate.foregrounded(clock.nowSeconds())) wallet().lock()
        check()
    }

    /**
     * Compare with the wallet (resume, and every few seconds while a screen is up): locked by
     * the core (idle timeout) or elsewhere means locked here. Returns whether it is locked.
     */
    fun check(): Boolean = gate.refresh { wallet().isUnlocked() }

    /** A wallet call met `Locked` (a screen's load, a QR refresh): the navigation goes to unlock. */
    fun lockedFound(pending: PendingAction? = null) = gate.locked(pending)

    /** Lock now and drop what was pending (the holder switched to the verifier, or starts over). */
    fun leave() {
        gate.discard()
        gate.locked()
        wallet().lock()
    }

    /**
     * Set-up finished with the wallet unlocked (onboarding's last step): the gate opens, nothing
     * is resumed. Does not block; a [check] off the main thread confirms it with the wallet.
     */
    fun opened() {
        (gate.unlocked() as? PendingAction.ImportDiploma)?.wipe()
    }

    /**
     * The unlock screen succeeded: the gate opens, and the action that waited is handed out
     * once, for [resume]. Does not block.
     */
    fun unlocked(): PendingAction? = gate.unlocked()

    /**
     * Run a pending import after the unlock. Null for an action this class does not run
     * ([PendingAction.AuthenticatorChange]: the security screens resume it).
     */
    fun resume(action: PendingAction): ImportOutcome? = when (action) {
        is PendingAction.ImportDiploma -> import(action)
        PendingAction.AuthenticatorChange -> null
    }

    /**
     * Import a picked credential file (bytes read at once, while the picker's grant lasts). A
     * locked session keeps it for after the unlock; otherwise its bytes are wiped once the core
     * has them (stored or refused).
     */
    fun import(bytes: ByteArray): ImportOutcome = import(PendingAction.ImportDiploma(bytes))

    /**
     * Read a picked file at once, while the picker's grant lasts, and [import] it. At most
     * [MAX_IMPORT_BYTES] are read: a larger file (a wrong pick), one that cannot be opened or
     * read (gone, permission withdrawn, a failing provider) is refused as not a credential,
     * without a wallet call. [open] gives the stream (null: nothing to read); it is closed here.
     */
    fun importFrom(open: () -> InputStream?): ImportOutcome {
        val bytes = try {
            open()?.use { readAtMost(it, MAX_IMPORT_BYTES) }
        } catch (e: IOException) {
            null
        } catch (e: RuntimeException) {
            // SecurityException (the grant is gone) and whatever a third-party provider throws.
            null
        }
        return if (bytes == null) ImportOutcome.Refused(WalletFailure.ImportRefused(ImportProblem.NOT_A_CREDENTIAL)) else import(bytes)
    }

    private fun import(file: PendingAction.ImportDiploma): ImportOutcome {
        val t = trust()
        if (t == null) {
            file.wipe()
            return ImportOutcome.Refused(WalletFailure.ImportRefused(ImportProblem.TRUST_LIST_INVALID))
        }
        if (gate.isLocked) {
            // Locked on the way back from the picker (it was up too long): no call, just wait.
            gate.locked(file)
            return ImportOutcome.WaitingForUnlock
        }
        return try {
            ImportOutcome.Imported(wallet().importDiploma(file.bytes, t.trustList, t.anchorPublicKey)).also { file.wipe() }
        } catch (e: WalletFailure.Locked) {
            gate.locked(file)
            ImportOutcome.WaitingForUnlock
        } catch (e: WalletFailure) {
            file.wipe()
            ImportOutcome.Refused(e)
        }
    }

    companion object {
        /** A credential bundle is a few kilobytes; a file larger than this is not one. */
        const val MAX_IMPORT_BYTES: Long = 256L * 1024
    }
}
