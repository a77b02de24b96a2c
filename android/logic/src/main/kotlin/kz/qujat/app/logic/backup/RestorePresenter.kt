package kz.qujat.app.logic.backup

import java.io.IOException
import java.io.InputStream
import kz.qujat.app.logic.io.readAtMost
import kz.qujat.app.logic.onboarding.OnboardingPresenter
import kz.qujat.app.logic.onboarding.OnboardingState
import kz.qujat.app.logic.port.BackupPort
import kz.qujat.app.logic.port.BackupProblem
import kz.qujat.app.logic.port.EnrolmentHandle
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WalletPort
import kz.qujat.app.logic.presenter.Presenter

/** Why the restore screen asks again for the file or the code. */
enum class RestoreProblem {
    /** The file is not a Qujat backup (or is empty). */
    NOT_A_BACKUP,

    /** Larger than any backup can be ([BackupFiles.MAX_FILE_BYTES]): refused unread. */
    TOO_LARGE,

    /** The picked document could not be read (gone, permission withdrawn, I/O). */
    UNREADABLE,

    /** Not 28 code characters: nothing was tried. */
    MALFORMED_CODE,

    /** The code does not open this file. */
    WRONG_CODE,

    /** Damaged or truncated: use another copy. */
    DAMAGED,

    /** Made by a newer version of Qujat: update the app first. */
    NEWER_VERSION,
}

/** What the restore screen shows. */
sealed interface RestoreState {
    /** Choose the backup file (after a refusal, with the reason). */
    data class PickFile(val problem: RestoreProblem? = null) : RestoreState

    /** Reading the picked file (bounded). */
    data object Reading : RestoreState

    /** Type the backup code (after a refusal, with the reason). */
    data class EnterCode(val problem: RestoreProblem? = null) : RestoreState

    /**
     * The set-up steps, exactly as onboarding's: a new PIN twice (the core's policy), then the
     * wallet is written from the backup, then the new authenticator, the new recovery codes and
     * the first code. [OnboardingState.Done] ends the restore.
     */
    data class Enrolling(val step: OnboardingState) : RestoreState
}

/**
 * Restore on a phone without a wallet (docs/BACKUP.md §4): the backup file (a document the
 * holder picks, refused unread above the core's size limit), its backup code, then onboarding's
 * own steps ([OnboardingPresenter], the one implementation of PIN choice and enrolment) where
 * `restoreBackup` takes the place of `setup`: the core checks everything before it writes
 * anything, then returns the same enrolment as a new wallet.
 *
 * A code that does not open the file asks for the code again, a file that is no backup (or
 * damaged, or too new) for another file; the PIN chosen before is kept in memory for the next
 * try, so the holder does not type it twice more. The file, the code and that PIN leave memory
 * once the wallet is written, on [restart] and on [dispose].
 */
class RestorePresenter(
    private val wallet: WalletPort,
    private val backup: BackupPort,
    private val rules: Rules,
    private val accountLabel: String = OnboardingPresenter.DEFAULT_ACCOUNT_LABEL,
) : Presenter<RestoreState>(RestoreState.PickFile()) {
    private var file: ByteArray? = null
    private var code: String? = null

    /** The PIN of the last restore attempt, held after a refusal of the file or code only. */
    private var attemptPin: String? = null
    private var heldPin: String? = null
    private var onboarding: OnboardingPresenter? = null
    private var subscription: AutoCloseable? = null
    private var replaying = false

    /** The picked document. [size] as the picker reports it (null: unknown); [open] reads it. */
    fun filePicked(size: Long?, open: () -> InputStream?) {
        if (state !is RestoreState.PickFile) return
        if (size != null && size > BackupFiles.MAX_FILE_BYTES) return emit(RestoreState.PickFile(RestoreProblem.TOO_LARGE))
        emit(RestoreState.Reading)
        val read = try {
            open()?.use { Read.Bytes(readAtMost(it, BackupFiles.MAX_FILE_BYTES)) } ?: Read.Failed
        } catch (e: IOException) {
            Read.Failed
        } catch (e: SecurityException) {
            Read.Failed
        }
        val bytes = when (read) {
            Read.Failed -> return emit(RestoreState.PickFile(RestoreProblem.UNREADABLE))
            is Read.Bytes -> read.bytes ?: return emit(RestoreState.PickFile(RestoreProblem.TOO_LARGE))
        }
        if (bytes.isEmpty()) return emit(RestoreState.PickFile(RestoreProblem.NOT_A_BACKUP))
        file = bytes
        emit(RestoreState.EnterCode())
    }

    /** Back from the code to another file. */
    fun pickAnotherFile() {
        if (state !is RestoreState.EnterCode) return
        file = null
        emit(RestoreState.PickFile())
    }

    /** The backup code as typed (the core forgives dashes, spaces and letter case). */
    fun codeEntered(input: String) {
        if (state !is RestoreState.EnterCode) return
        val typed = input.trim()
        if (typed.isEmpty()) return
        code = typed
        enrol()
    }

    /** Run an onboarding event (PIN, authenticator, codes, first code) while [RestoreState.Enrolling]. */
    fun enrolment(event: OnboardingPresenter.() -> Unit) {
        if (state !is RestoreState.Enrolling) return
        onboarding?.event()
    }

    /** Start again from the file: everything held is dropped (and an unconfirmed enrolment closed). */
    fun restart() {
        dispose()
        emit(RestoreState.PickFile())
    }

    /** The screen is going away for good. */
    fun dispose() {
        closeOnboarding()
        file = null
        code = null
        attemptPin = null
        heldPin = null
    }

    private fun enrol() {
        closeOnboarding()
        val f = file ?: return emit(RestoreState.PickFile())
        val c = code ?: return emit(RestoreState.EnterCode())
        val p = OnboardingPresenter(RestoringWallet(wallet, backup, f, c) { attemptPin = it }, rules, accountLabel)
        onboarding = p
        val pin = heldPin
        if (pin == null) {
            subscription = p.observe(::onStep)
            return
        }
        // The PIN was chosen (twice) before the file or code was refused: use it again at once.
        emit(RestoreState.Enrolling(OnboardingState.Working))
        replaying = true
        subscription = p.observe(::onStep)
        try {
            p.choosePin(pin)
            p.confirmPin(pin)
        } finally {
            replaying = false
        }
        onStep(p.state)
    }

    private fun onStep(step: OnboardingState) {
        if (replaying) return
        val refused = (step as? OnboardingState.Failed)?.let { problemOf(it.failure) }
        when {
            refused != null -> {
                heldPin = attemptPin
                code = null
                closeOnboarding()
                if (refused.askFile) {
                    file = null
                    emit(RestoreState.PickFile(refused.problem))
                } else {
                    emit(RestoreState.EnterCode(refused.problem))
                }
            }
            step is OnboardingState.Authenticator && file != null -> {
                // The wallet is written: the file, its code and the held PIN are not needed again.
                file = null
                code = null
                heldPin = null
                attemptPin = null
                emit(RestoreState.Enrolling(step))
            }
            step is OnboardingState.ChoosePin && file == null -> restart() // onboarding started over
            step == OnboardingState.Done -> {
                dispose()
                emit(RestoreState.Enrolling(step))
            }
            else -> emit(RestoreState.Enrolling(step))
        }
    }

    private fun closeOnboarding() {
        subscription?.close()
        subscription = null
        onboarding?.dispose()
        onboarding = null
    }

    private class Refusal(val problem: RestoreProblem, val askFile: Boolean)

    private fun problemOf(f: WalletFailure): Refusal? = when (f) {
        is WalletFailure.MalformedCode -> Refusal(RestoreProblem.MALFORMED_CODE, askFile = false)
        is WalletFailure.BackupRefused -> when (f.problem) {
            BackupProblem.WRONG_CODE -> Refusal(RestoreProblem.WRONG_CODE, askFile = false)
            BackupProblem.NOT_A_BACKUP -> Refusal(RestoreProblem.NOT_A_BACKUP, askFile = true)
            BackupProblem.DAMAGED -> Refusal(RestoreProblem.DAMAGED, askFile = true)
            BackupProblem.NEWER_VERSION -> Refusal(RestoreProblem.NEWER_VERSION, askFile = true)
            BackupProblem.FAILED -> null
        }
        else -> null
    }

    private sealed interface Read {
        class Bytes(val bytes: ByteArray?) : Read
        data object Failed : Read
    }
}

/**
 * The wallet as onboarding sees it during a restore: `setup` restores the backup under the PIN
 * chosen on onboarding's own screens; everything else is the wallet itself.
 */
private class RestoringWallet(
    base: WalletPort,
    private val backup: BackupPort,
    private val file: ByteArray,
    private val code: String,
    private val onAttempt: (String) -> Unit,
) : WalletPort by base {
    override fun setup(pin: String, accountLabel: String): EnrolmentHandle {
        onAttempt(pin)
        return backup.restoreBackup(file, code, pin, accountLabel)
    }

    override fun toString(): String = "RestoringWallet(<redacted>)"
}
