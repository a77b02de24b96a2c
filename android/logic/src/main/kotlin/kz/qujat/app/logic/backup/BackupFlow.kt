package kz.qujat.app.logic.backup

/**
 * The backup screen's steps (the same as iOS's `BackupFlow`): the core makes the encrypted file
 * and its backup code; the code is shown once, with its QR code, until the holder confirms "I wrote
 * it down"; only then can the file be saved (Storage Access Framework `CreateDocument`). A
 * cancelled save keeps the code on screen to try again; a finished save, or leaving the screen,
 * drops both for good.
 */
class BackupFlow {
    sealed interface Step {
        data object Start : Step
        data object Working : Step
        data class ShowCode(val acknowledged: Boolean) : Step
        data object Saving : Step
        data object Saved : Step
    }

    var step: Step = Step.Start
        private set

    /** Whether the code (and its QR) may be on screen. */
    val codeVisible: Boolean get() = step is Step.ShowCode || step == Step.Saving

    fun begin() {
        if (step == Step.Start || step == Step.Saved) step = Step.Working
    }

    fun made() {
        if (step == Step.Working) step = Step.ShowCode(acknowledged = false)
    }

    fun failed() {
        step = Step.Start
    }

    fun acknowledge(on: Boolean) {
        if (step is Step.ShowCode) step = Step.ShowCode(on)
    }

    /** Open the save panel only once the code is written down. Returns whether to open it. */
    fun save(): Boolean {
        if (step != Step.ShowCode(true) && step != Step.Saving) return false
        step = Step.Saving
        return true
    }

    fun saveCancelled() {
        if (step == Step.Saving) step = Step.ShowCode(true)
    }

    /** The file was written: the caller drops the backup (bytes and code) now. */
    fun savedOk() {
        if (step == Step.Saving) step = Step.Saved
    }

    fun left() {
        step = Step.Start
    }
}
