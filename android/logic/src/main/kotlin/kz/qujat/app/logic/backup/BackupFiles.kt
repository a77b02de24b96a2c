package kz.qujat.app.logic.backup

import java.time.LocalDate

/** The backup file as the platform's document pickers see it (docs/BACKUP.md §1). */
object BackupFiles {
    /** The type given to `CreateDocument` and accepted by `OpenDocument`: a binary age file. */
    const val MIME_TYPE: String = "application/octet-stream"

    /**
     * The largest file a restore reads: the core's `backup::MAX_FILE_BYTES` (64 MiB of archive
     * plus age's overhead: 16 bytes per 64 KiB chunk and a 4 KiB header allowance). The bindings
     * do not export it, so it is repeated here: `BackupPresenterTest` pins the number and
     * `RealCoreBackupTest` checks that the core refuses a file one byte longer as too large. A
     * bigger file is refused before it is read, so a wrong pick cannot fill the phone's memory.
     */
    const val MAX_FILE_BYTES: Long = 64L * 1024 * 1024 + 64L * 1024 * 1024 / 4096 + 4096

    /** `qujat-backup-YYYY-MM-DD.age`: the date it was made, no personal data. */
    fun suggestedName(today: LocalDate): String = "qujat-backup-$today.age"
}
