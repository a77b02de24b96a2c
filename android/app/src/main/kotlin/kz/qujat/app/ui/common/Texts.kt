package kz.qujat.app.ui.common

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import kz.qujat.app.R
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.LocalizedText
import kz.qujat.app.logic.onboarding.FirstCodeProblem
import kz.qujat.app.logic.onboarding.PinProblem
import kz.qujat.app.logic.port.FailureKey
import kz.qujat.app.logic.port.FailureMessage
import kz.qujat.app.logic.port.FailureMessages
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.ImportProblem
import kz.qujat.app.logic.port.KeyStoreFault
import kz.qujat.app.logic.port.MessageArg
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WeakPinReason
import kz.qujat.app.logic.unlock.UnlockMessage
import kz.qujat.app.logic.verify.NextStep
import kz.qujat.app.logic.verify.VerdictMessage

/*
 * Every enum of the logic's screen models mapped to its string resource (values/, values-ru/,
 * values-kk/). Each `when` is exhaustive: a new message cannot ship unworded.
 */

@Composable
fun dateTime(unixSeconds: Long): String =
    DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withZone(ZoneId.systemDefault())
        .format(Instant.ofEpochSecond(unixSeconds))

@Composable
fun weakPinText(r: WeakPinReason): String = failureText(FailureMessages.weakPin(r))

@Composable
fun pinProblemText(p: PinProblem): String = when (p) {
    is PinProblem.Weak -> weakPinText(p.reason)
    PinProblem.Mismatch -> stringResource(R.string.pin_mismatch)
}

@Composable
fun firstCodeProblemText(p: FirstCodeProblem): String = when (p) {
    FirstCodeProblem.NotSixDigits -> stringResource(R.string.code_not_six_digits)
    FirstCodeProblem.PinRequired -> stringResource(R.string.pin_required)
    is FirstCodeProblem.Wrong -> stringResource(R.string.code_wrong, p.attemptsLeft)
    FirstCodeProblem.AlreadyUsed -> stringResource(R.string.code_already_used)
    is FirstCodeProblem.WrongPin -> stringResource(R.string.pin_wrong, p.attemptsLeft)
    is FirstCodeProblem.LockedOut -> stringResource(R.string.locked_until, dateTime(p.until))
}

@Composable
fun keyStoreText(f: KeyStoreFault): String = failureText(FailureMessages.keyStore(f))

@Composable
fun faultText(f: Fault): String = failureText(FailureMessages.fault(f))

@Composable
fun unlockMessageText(m: UnlockMessage): String = when (m) {
    is UnlockMessage.WrongPin -> stringResource(R.string.pin_wrong, m.attemptsLeft)
    is UnlockMessage.WrongCode -> stringResource(R.string.code_wrong, m.attemptsLeft)
    is UnlockMessage.CodeAlreadyUsed -> stringResource(R.string.code_already_used_left, m.attemptsLeft)
    UnlockMessage.NotACode -> stringResource(R.string.code_not_a_code)
    UnlockMessage.PinTooShort -> stringResource(R.string.pin_required)
    UnlockMessage.RecoveryCodeNeeded -> stringResource(R.string.recovery_code_needed)
    UnlockMessage.LockedOut -> stringResource(R.string.locked_wait)
    is UnlockMessage.KeyStoreProblem -> keyStoreText(m.fault)
    UnlockMessage.Damaged -> stringResource(R.string.wallet_damaged)
    UnlockMessage.ReplacedByOlderCopy -> stringResource(R.string.wallet_older_copy)
    is UnlockMessage.Internal -> faultText(m.fault)
}

@Composable
fun importProblemText(p: ImportProblem): String = failureText(FailureMessages.import(p))

/**
 * Every failure of a wallet call (the security port's, the backup's and the PDF's included): the
 * key is chosen in the logic ([FailureMessages.of], exhaustive, JVM-tested), looked up here.
 */
@Composable
fun walletFailureText(e: WalletFailure): String = failureText(FailureMessages.of(e))

/** A [FailureMessage] in the app's language, its arguments formatted (a time as the phone's date and time). */
@Composable
fun failureText(m: FailureMessage): String {
    val args = m.args.map { a ->
        when (a) {
            is MessageArg.Count -> a.value
            is MessageArg.Time -> dateTime(a.unixSeconds)
            is MessageArg.Detail -> a.text
        }
    }
    return stringResource(failureResource(m.key), *args.toTypedArray())
}

/** The string of each key, under the key's own name (`FailureMessagesTest` reads this list). */
private fun failureResource(k: FailureKey): Int = when (k) {
    FailureKey.PIN_TOO_SHORT -> R.string.pin_too_short
    FailureKey.PIN_TOO_LONG -> R.string.pin_too_long
    FailureKey.PIN_NOT_DIGITS -> R.string.pin_not_digits
    FailureKey.PIN_REPEATED -> R.string.pin_repeated
    FailureKey.PIN_SEQUENCE -> R.string.pin_sequence
    FailureKey.PIN_MIRROR -> R.string.pin_mirror
    FailureKey.PIN_DATE_LIKE -> R.string.pin_date_like
    FailureKey.PIN_COMMON -> R.string.pin_common
    FailureKey.PIN_OTHER -> R.string.pin_other
    FailureKey.PIN_WRONG -> R.string.pin_wrong
    FailureKey.CODE_WRONG -> R.string.code_wrong
    FailureKey.CODE_ALREADY_USED_LEFT -> R.string.code_already_used_left
    FailureKey.CODE_NOT_A_CODE -> R.string.code_not_a_code
    FailureKey.CODE_NOT_SIX_DIGITS -> R.string.code_not_six_digits
    FailureKey.RECOVERY_CODE_NEEDED -> R.string.recovery_code_needed
    FailureKey.LOCKED_UNTIL -> R.string.locked_until
    FailureKey.KEYSTORE_KEY_GONE -> R.string.keystore_key_gone
    FailureKey.KEYSTORE_AUTH_REQUIRED -> R.string.keystore_auth_required
    FailureKey.KEYSTORE_UNAVAILABLE -> R.string.keystore_unavailable
    FailureKey.WALLET_DAMAGED -> R.string.wallet_damaged
    FailureKey.WALLET_OLDER_COPY -> R.string.wallet_older_copy
    FailureKey.WALLET_DIPLOMAS_MISSING -> R.string.wallet_diplomas_missing
    FailureKey.WALLET_LOCKED -> R.string.wallet_locked
    FailureKey.WALLET_WIPED -> R.string.wallet_wiped
    FailureKey.WALLET_ALREADY_SET_UP -> R.string.wallet_already_set_up
    FailureKey.RESTORE_FIRST_RUN_BODY -> R.string.restore_first_run_body
    FailureKey.ONBOARDING_RESUME_BODY -> R.string.onboarding_resume_body
    FailureKey.DIPLOMA_NOT_FOUND -> R.string.diploma_not_found
    FailureKey.IMPORT_NOT_A_CREDENTIAL -> R.string.import_not_a_credential
    FailureKey.IMPORT_TRUST_LIST_INVALID -> R.string.import_trust_list_invalid
    FailureKey.IMPORT_TRUST_LIST_EXPIRED -> R.string.import_trust_list_expired
    FailureKey.IMPORT_UNKNOWN_ISSUER -> R.string.import_unknown_issuer
    FailureKey.IMPORT_FORGED -> R.string.import_forged
    FailureKey.IMPORT_NOT_OURS -> R.string.import_not_ours
    FailureKey.IMPORT_DUPLICATE -> R.string.import_duplicate
    FailureKey.IMPORT_OLDER_TRUST_LIST -> R.string.import_older_trust_list
    FailureKey.BACKUP_WRONG_CODE -> R.string.backup_wrong_code
    FailureKey.RESTORE_NOT_A_BACKUP -> R.string.restore_not_a_backup
    FailureKey.BACKUP_DAMAGED -> R.string.backup_damaged
    FailureKey.BACKUP_NEWER_VERSION -> R.string.backup_newer_version
    FailureKey.PDF_BAD_AUDIENCE -> R.string.pdf_bad_audience
    FailureKey.AUTHENTICATOR_SWITCH_NOT_STARTED -> R.string.authenticator_switch_not_started
    FailureKey.FAULT_STORAGE_FULL -> R.string.fault_storage_full
    FailureKey.FAULT_NEWER_VERSION -> R.string.fault_newer_version
    FailureKey.FAULT_INTERNAL -> R.string.fault_internal
}

@Composable
fun verdictTitle(m: VerdictMessage): String = stringResource(
    when (m) {
        VerdictMessage.VALID -> R.string.verdict_valid_title
        VerdictMessage.REVOKED -> R.string.verdict_revoked_title
        VerdictMessage.EXPIRED -> R.string.verdict_expired_title
        VerdictMessage.NOT_YET_VALID -> R.string.verdict_not_yet_valid_title
        VerdictMessage.CHALLENGE_MISMATCH -> R.string.verdict_challenge_mismatch_title
        VerdictMessage.DOCUMENT_NOT_LIVE -> R.string.verdict_document_not_live_title
        VerdictMessage.CHALLENGE_REUSED -> R.string.verdict_challenge_reused_title
        VerdictMessage.UNKNOWN_ISSUER -> R.string.verdict_unknown_issuer_title
        VerdictMessage.FORGED_ISSUER_SIGNATURE -> R.string.verdict_forged_issuer_title
        VerdictMessage.ISSUER_KEY_NOT_VALID -> R.string.verdict_issuer_key_not_valid_title
        VerdictMessage.FORGED_HOLDER_SIGNATURE -> R.string.verdict_forged_holder_title
        VerdictMessage.DISCLOSURE_MISMATCH -> R.string.verdict_disclosure_mismatch_title
        VerdictMessage.TRUST_LIST_EXPIRED -> R.string.verdict_trust_list_expired_title
        VerdictMessage.NO_TRUST_LIST -> R.string.verdict_no_trust_list_title
        VerdictMessage.STATUS_UNKNOWN -> R.string.verdict_status_unknown_title
        VerdictMessage.STATUS_STALE -> R.string.verdict_status_stale_title
        VerdictMessage.MALFORMED -> R.string.verdict_malformed_title
        VerdictMessage.STATE_UNAVAILABLE -> R.string.verdict_state_unavailable_title
        VerdictMessage.UNRECOGNIZED -> R.string.verdict_unrecognized_title
    },
)

/** The explanation; [time] fills the `%1$s` of those that mention one. */
@Composable
fun verdictBody(m: VerdictMessage, time: Long?): String {
    val t = time?.let { dateTime(it) } ?: "—"
    return when (m) {
        VerdictMessage.VALID -> stringResource(R.string.verdict_valid_body)
        VerdictMessage.REVOKED -> stringResource(R.string.verdict_revoked_body)
        VerdictMessage.EXPIRED -> stringResource(R.string.verdict_expired_body, t)
        VerdictMessage.NOT_YET_VALID -> stringResource(R.string.verdict_not_yet_valid_body, t)
        VerdictMessage.CHALLENGE_MISMATCH -> stringResource(R.string.verdict_challenge_mismatch_body)
        VerdictMessage.DOCUMENT_NOT_LIVE -> stringResource(R.string.verdict_document_not_live_body)
        VerdictMessage.CHALLENGE_REUSED -> stringResource(R.string.verdict_challenge_reused_body)
        VerdictMessage.UNKNOWN_ISSUER -> stringResource(R.string.verdict_unknown_issuer_body)
        VerdictMessage.FORGED_ISSUER_SIGNATURE -> stringResource(R.string.verdict_forged_issuer_body)
        VerdictMessage.ISSUER_KEY_NOT_VALID -> stringResource(R.string.verdict_issuer_key_not_valid_body)
        VerdictMessage.FORGED_HOLDER_SIGNATURE -> stringResource(R.string.verdict_forged_holder_body)
        VerdictMessage.DISCLOSURE_MISMATCH -> stringResource(R.string.verdict_disclosure_mismatch_body)
        VerdictMessage.TRUST_LIST_EXPIRED -> stringResource(R.string.verdict_trust_list_expired_body, t)
        VerdictMessage.NO_TRUST_LIST -> stringResource(R.string.verdict_no_trust_list_body)
        VerdictMessage.STATUS_UNKNOWN -> stringResource(R.string.verdict_status_unknown_body)
        VerdictMessage.STATUS_STALE -> stringResource(R.string.verdict_status_stale_body, t)
        VerdictMessage.MALFORMED -> stringResource(R.string.verdict_malformed_body)
        VerdictMessage.STATE_UNAVAILABLE -> stringResource(R.string.verdict_state_unavailable_body)
        VerdictMessage.UNRECOGNIZED -> stringResource(R.string.verdict_unrecognized_body)
    }
}

@Composable
fun nextStepText(s: NextStep): String? = when (s) {
    NextStep.NONE -> null
    NextStep.ASK_FOR_NEW_QR -> stringResource(R.string.next_ask_new_qr)
    NextStep.CHECK_CLOCKS -> stringResource(R.string.next_check_clocks)
    NextStep.UPDATE_TRUST_DATA -> stringResource(R.string.next_update_trust)
    NextStep.SCAN_AGAIN -> stringResource(R.string.next_scan_again)
    NextStep.UPDATE_APP -> stringResource(R.string.next_update_app)
    NextStep.REPAIR_STATE -> stringResource(R.string.next_repair_state)
    NextStep.DO_NOT_ACCEPT -> stringResource(R.string.next_do_not_accept)
}

/** Why a claim is marked sensitive in the field choice. */
@Composable
fun sensitiveNote(key: ClaimKey): String? = when (key) {
    ClaimKey.IIN -> stringResource(R.string.sensitive_iin)
    ClaimKey.BIRTH_DATE -> stringResource(R.string.sensitive_birth_date)
    ClaimKey.GPA -> stringResource(R.string.sensitive_gpa)
    else -> null
}

/** The text for a reader of [lang], falling back in that reader's order (the core's rule). */
fun LocalizedText.pick(lang: Lang): String? = CoreRules.pickText(this, lang)
