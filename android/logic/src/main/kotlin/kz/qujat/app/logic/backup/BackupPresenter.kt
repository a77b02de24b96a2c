package kz.qujat.app.logic.backup

import java.io.IOException
import kz.qujat.app.logic.model.QrMatrix
import kz.qujat.app.logic.port.BackupPort
import kz.qujat.app.logic.port.FileSink
import kz.qujat.app.logic.port.MadeBackup
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.presenter.Presenter

/** What the backup screen shows. */
sealed interface BackupState {
    /** What a backup is, and the button that makes one; [failure]: why the last try failed. */
    data class Start(val failure: WalletFailure? = null) : BackupState

    /** The core is making the file (scrypt: a second or two): progress, no input. */
    data object Working : BackupState

    /**
     * The backup code and its QR, shown this once. [acknowledged] is the "I wrote it down" box,
     * which the save button needs; [saving] while the system's save panel is up; [notSaved]
     * after a save panel closed without a file or a write failed (save again: same file, same
     * code).
     */
    class ShowCode(
        val code: String,
        val codeQr: QrMatrix,
        val diplomas: Int,
        val skipped: Int,
        val acknowledged: Boolean,
        val saving: Boolean,
        val notSaved: Boolean,
    ) : BackupState {
        override fun toString(): String =
            "ShowCode(<code redacted>, $diplomas diplomas, $skipped skipped, acknowledged=$acknowledged, saving=$saving, notSaved=$notSaved)"
    }

    /** The file is written; the code and the bytes are gone from memory. */
    data class Saved(val diplomas: Int, val skipped: Int) : BackupState
}

/**
 * The backup screen: [BackupFlow]'s steps (shared with iOS) with the data they show. The core
 * makes the file and its code ([make], off the main thread); the code is shown until the holder
 * confirms "I wrote it down"; then the screen opens the system's save panel ([save]) and hands
 * the chosen document to [saveTo]. A cancelled panel or a failed write keeps the code to save
 * again without making a new backup; a saved file, or leaving the screen ([left]), drops both.
 */
class BackupPresenter(private val backup: BackupPort) : Presenter<BackupState>(BackupState.Start()) {
    private val flow = BackupFlow()
    private var made: MadeBackup? = null
    private var notSaved = false

    /** The step machine, for the screen's back handling (`codeVisible`). */
    val codeVisible: Boolean get() = flow.codeVisible

    /** Make a backup (blocks for the key derivation). */
    fun make() {
        if (flow.step != BackupFlow.Step.Start && flow.step != BackupFlow.Step.Saved) return
        flow.begin()
        emit(BackupState.Working)
        try {
            made = backup.createBackup()
            notSaved = false
            flow.made()
            emitCode()
        } catch (e: WalletFailure) {
            flow.failed()
            emit(BackupState.Start(e))
        }
    }

    /** The "I wrote it down" box. */
    fun acknowledge(on: Boolean) {
        if (flow.step !is BackupFlow.Step.ShowCode) return
        flow.acknowledge(on)
        emitCode()
    }

    /**
     * The holder asked to save: true if the screen may open the save panel now (the code is
     * written down). The panel's answer comes back as [saveTo] or [saveCancelled].
     */
    fun save(): Boolean {
        if (!flow.save()) return false
        notSaved = false
        emitCode()
        return true
    }

    /** The panel closed without a document: the code stays, to save again. */
    fun saveCancelled() {
        if (flow.step != BackupFlow.Step.Saving) return
        flow.saveCancelled()
        notSaved = true
        emitCode()
    }

    /** The panel gave a document: write the file into it. A failed write is a cancelled save. */
    fun saveTo(sink: FileSink) {
        val m = made
        if (flow.step != BackupFlow.Step.Saving || m == null) return
        try {
            sink.write(m.bytes)
        } catch (e: IOException) {
            return saveCancelled()
        }
        flow.savedOk()
        drop()
        emit(BackupState.Saved(m.diplomas, m.skipped))
    }

    /** The holder left the screen: the file and the code leave memory. */
    fun left() {
        flow.left()
        drop()
        emit(BackupState.Start())
    }

    private fun drop() {
        made = null
        notSaved = false
    }

    private fun emitCode() {
        val m = made ?: return
        val (acknowledged, saving) = when (val s = flow.step) {
            is BackupFlow.Step.ShowCode -> s.acknowledged to false
            BackupFlow.Step.Saving -> true to true
            else -> return
        }
        emit(BackupState.ShowCode(m.code, m.codeQr, m.diplomas, m.skipped, acknowledged, saving, notSaved))
    }
}
