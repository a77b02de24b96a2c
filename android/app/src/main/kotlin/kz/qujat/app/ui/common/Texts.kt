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
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.ImportProblem
import kz.qujat.app.logic.port.KeyStoreFault
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
fun weakPinText(r: WeakPinReason): String = when (r) {
    is WeakPinReason.TooShort -> stringResource(R.string.pin_too_short, r.min)
    is WeakPinReason.TooLong -> stringResource(R.string.pin_too_long, r.max)
    WeakPinReason.NotDigits -> stringResource(R.string.pin_not_digits)
    WeakPinReason.Repeated -> stringResource(R.string.pin_repeated)
    WeakPinReason.Sequence -> stringResource(R.string.pin_sequence)
    WeakPinReason.Mirror -> stringResource(R.string.pin_mirror)
    WeakPinReason.DateLike -> stringResource(R.string.pin_date_like)
    WeakPinReason.Common -> stringResource(R.string.pin_common)
    WeakPinReason.Other -> stringResource(R.string.pin_other)
}

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
fun keyStoreText(f: KeyStoreFault): String = when (f) {
    KeyStoreFault.KEY_INVALIDATED, KeyStoreFault.KEY_NOT_FOUND -> stringResource(R.string.keystore_key_gone)
    KeyStoreFault.USER_AUTHENTICATION_REQUIRED -> stringResource(R.string.keystore_auth_required)
    KeyStoreFault.INVALID_DATA -> stringResource(R.string.wallet_damaged)
    KeyStoreFault.BAD_ALIAS, KeyStoreFault.UNAVAILABLE, KeyStoreFault.IO -> stringResource(R.string.keystore_unavailable)
}

@Composable
fun faultText(f: Fault): String = when (f) {
    Fault.STORAGE_FULL -> stringResource(R.string.fault_storage_full)
    Fault.UNSUPPORTED_VERSION -> stringResource(R.string.fault_newer_version)
    Fault.STORAGE, Fault.KDF, Fault.RANDOM, Fault.QR_ENCODING, Fault.BAD_ARGUMENT, Fault.UNEXPECTED ->
        stringResource(R.string.fault_internal, f.name)
}

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
fun importProblemText(p: ImportProblem): String = when (p) {
    ImportProblem.NOT_A_CREDENTIAL -> stringResource(R.string.import_not_a_credential)
    ImportProblem.TRUST_LIST_INVALID -> stringResource(R.string.import_trust_list_invalid)
    ImportProblem.TRUST_LIST_EXPIRED -> stringResource(R.string.import_trust_list_expired)
    ImportProblem.UNKNOWN_ISSUER -> stringResource(R.string.import_unknown_issuer)
    ImportProblem.FORGED_ISSUER_SIGNATURE -> stringResource(R.string.import_forged)
    ImportProblem.NOT_OUR_HOLDER_KEY -> stringResource(R.string.import_not_ours)
    ImportProblem.DUPLICATE -> stringResource(R.string.import_duplicate)
}

@Composable
fun walletFailureText(e: WalletFailure): String = when (e) {
    is WalletFailure.ImportRefused -> importProblemText(e.problem)
    is WalletFailure.KeyStore -> keyStoreText(e.fault)
    is WalletFailure.Internal -> faultText(e.fault)
    is WalletFailure.Integrity, is WalletFailure.DamagedRecord -> stringResource(R.string.wallet_damaged)
    is WalletFailure.Locked -> stringResource(R.string.wallet_locked)
    is WalletFailure.NotFound -> stringResource(R.string.diploma_not_found)
    is WalletFailure.Wiped -> stringResource(R.string.wallet_wiped)
    is WalletFailure.ReplacedByOlderCopy -> stringResource(R.string.wallet_older_copy)
    is WalletFailure.DiplomaSetChanged -> stringResource(R.string.wallet_diplomas_missing, e.missing)
    is WalletFailure.OlderTrustList -> stringResource(R.string.import_older_trust_list, e.offered, e.held)
    else -> stringResource(R.string.fault_internal, e.javaClass.simpleName)
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
