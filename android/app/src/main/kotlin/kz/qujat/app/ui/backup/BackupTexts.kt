package kz.qujat.app.ui.backup

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import kz.qujat.app.R
import kz.qujat.app.logic.backup.RestoreProblem
import kz.qujat.app.logic.port.BackupProblem
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.ui.common.walletFailureText

/* The backup, restore and PDF screens' messages (strings_share.xml). Each `when` is exhaustive. */

@Composable
fun backupProblemText(p: BackupProblem): String = when (p) {
    BackupProblem.WRONG_CODE -> stringResource(R.string.backup_wrong_code)
    BackupProblem.NOT_A_BACKUP -> stringResource(R.string.restore_not_a_backup)
    BackupProblem.DAMAGED -> stringResource(R.string.backup_damaged)
    BackupProblem.NEWER_VERSION -> stringResource(R.string.backup_newer_version)
    BackupProblem.FAILED -> stringResource(R.string.fault_internal, "backup")
}

@Composable
fun restoreProblemText(p: RestoreProblem): String = when (p) {
    // A file over the core's limit cannot be a backup the core made; an unreadable one says
    // nothing either way: the holder picks another file in all three cases.
    RestoreProblem.NOT_A_BACKUP, RestoreProblem.TOO_LARGE, RestoreProblem.UNREADABLE ->
        stringResource(R.string.restore_not_a_backup)
    RestoreProblem.MALFORMED_CODE -> stringResource(R.string.backup_code_malformed)
    RestoreProblem.WRONG_CODE -> stringResource(R.string.backup_wrong_code)
    RestoreProblem.DAMAGED -> stringResource(R.string.backup_damaged)
    RestoreProblem.NEWER_VERSION -> stringResource(R.string.backup_newer_version)
}

/** A wallet failure on these screens: the backup's own problems first, then the common texts. */
@Composable
fun shareFailureText(e: WalletFailure): String = when (e) {
    is WalletFailure.BackupRefused -> backupProblemText(e.problem)
    is WalletFailure.BadAudience -> stringResource(R.string.pdf_bad_audience)
    else -> walletFailureText(e)
}
