package kz.qujat.app.ui.backup

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import kz.qujat.app.R
import kz.qujat.app.logic.backup.RestoreProblem

/*
 * The restore screen's own problems (strings_share.xml). Each `when` is exhaustive. A wallet
 * failure on the backup, restore and PDF screens (`BackupRefused`, `BadAudience` …) is worded
 * by `walletFailureText` like any other.
 */

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
