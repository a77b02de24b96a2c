package kz.qujat.app.ui.verify

import android.icu.text.RelativeDateTimeFormatter
import android.icu.util.ULocale
import androidx.compose.runtime.Composable
import androidx.compose.runtime.ReadOnlyComposable
import androidx.compose.ui.platform.LocalConfiguration
import androidx.compose.ui.res.stringResource
import kz.qujat.app.R
import kz.qujat.app.logic.lists.Age
import kz.qujat.app.logic.lists.AgeUnit
import kz.qujat.app.logic.lists.ListKind
import kz.qujat.app.logic.lists.ListOutcome
import kz.qujat.app.logic.lists.ListProblem
import kz.qujat.app.logic.lists.ListUpdate
import kz.qujat.app.logic.lists.ListsNotice
import kz.qujat.app.logic.lists.ReadProblem
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.verify.KindLine
import kz.qujat.app.ui.common.dateTime

/*
 * The verifier's own wording: list outcomes, the kind of presentation, ages, refusals. Each
 * `when` is exhaustive, so a new outcome cannot ship unworded.
 */

/** "3 days ago" in the screen's language (ICU's relative-time wording for the [Age] the logic chose). */
@Composable
@ReadOnlyComposable
fun ageText(then: Long, now: Long): String {
    val locale = LocalConfiguration.current.locales[0]
    val f = RelativeDateTimeFormatter.getInstance(ULocale.forLocale(locale))
    val age = Age.between(then, now)
    val last = RelativeDateTimeFormatter.Direction.LAST
    return when (age.unit) {
        AgeUnit.NOW -> f.format(RelativeDateTimeFormatter.Direction.PLAIN, RelativeDateTimeFormatter.AbsoluteUnit.NOW)
        AgeUnit.MINUTES -> f.format(age.amount.toDouble(), last, RelativeDateTimeFormatter.RelativeUnit.MINUTES)
        AgeUnit.HOURS -> f.format(age.amount.toDouble(), last, RelativeDateTimeFormatter.RelativeUnit.HOURS)
        AgeUnit.DAYS -> f.format(age.amount.toDouble(), last, RelativeDateTimeFormatter.RelativeUnit.DAYS)
    }
}

/** The sentence for one file's or address's result. */
@Composable
fun listOutcomeText(o: ListOutcome): String = when (o) {
    is ListOutcome.Installed -> when (o.kind) {
        ListKind.TRUST_LIST -> stringResource(R.string.lists_installed_trust, dateTime(o.issuedAt))
        ListKind.STATUS_LIST -> stringResource(R.string.lists_installed_status, dateTime(o.issuedAt))
    }
    is ListOutcome.AlreadyNewer -> stringResource(R.string.lists_already_newer)
    ListOutcome.NotThisKind, ListOutcome.NotAList -> stringResource(R.string.lists_not_a_list)
    is ListOutcome.Refused -> listProblemText(o.problem)
    is ListOutcome.NotRead -> readProblemText(o.problem)
}

@Composable
fun listProblemText(p: ListProblem): String = when (p) {
    ListProblem.CONFLICT -> stringResource(R.string.lists_conflict)
    ListProblem.UNKNOWN_ISSUER -> stringResource(R.string.lists_status_unknown_issuer)
    ListProblem.NO_TRUST_LIST -> stringResource(R.string.lists_no_trust_list)
    ListProblem.TRUST_LIST_INVALID -> stringResource(R.string.lists_trust_invalid)
    ListProblem.STATUS_LIST_INVALID -> stringResource(R.string.lists_status_invalid)
    ListProblem.STATE_UNAVAILABLE -> stringResource(R.string.next_repair_state)
    ListProblem.ANCHOR_MISMATCH -> stringResource(R.string.verifier_no_anchor)
    ListProblem.INTERNAL -> stringResource(R.string.fault_internal, p.name)
}

@Composable
fun readProblemText(p: ReadProblem): String = when (p) {
    ReadProblem.TooLarge -> stringResource(R.string.lists_too_large, ListUpdate.MAX_FILE_BYTES / (1024 * 1024))
    ReadProblem.Unreadable -> stringResource(R.string.lists_unreadable)
    is ReadProblem.DownloadFailed -> stringResource(R.string.lists_download_failed, p.host)
}

@Composable
fun listsNoticeText(n: ListsNotice): String = when (n) {
    is ListsNotice.BadLocation -> stringResource(R.string.lists_bad_location, n.line)
    ListsNotice.NoLocation -> stringResource(R.string.lists_no_location)
    ListsNotice.TooManyLocations -> stringResource(R.string.lists_too_many_locations, ListUpdate.MAX_LOCATIONS)
    is ListsNotice.CannotRead -> verifierFailureText(n.failure)
}

/** Why the verifier could not be opened or used. */
@Composable
fun verifierFailureText(f: VerifierFailure): String = when (f) {
    is VerifierFailure.AnchorMismatch, is VerifierFailure.BadAnchorKey -> stringResource(R.string.verifier_no_anchor)
    is VerifierFailure.StateUnavailable ->
        stringResource(R.string.verdict_state_unavailable_body) + " " + stringResource(R.string.next_repair_state)
    is VerifierFailure.BadChallenge, is VerifierFailure.Internal -> stringResource(R.string.verifier_challenge_failed)
    else -> stringResource(R.string.fault_internal, f.javaClass.simpleName)
}

/** "Live QR code …" or "Printed or e-mailed copy for …". */
@Composable
fun kindText(k: KindLine): String = when (k) {
    KindLine.Live -> stringResource(R.string.result_kind_live)
    is KindLine.Document -> stringResource(
        R.string.result_kind_document,
        k.audience,
        k.madeAt?.let { dateTime(it) } ?: "—",
        k.validUntil?.let { dateTime(it) } ?: "—",
    )
    KindLine.DocumentUnverified -> stringResource(R.string.result_kind_document_unverified)
}
