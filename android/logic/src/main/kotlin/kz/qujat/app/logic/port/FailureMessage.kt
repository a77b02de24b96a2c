package kz.qujat.app.logic.port

/**
 * The sentences the screens show for failures: one key of the shared string tables each (the
 * Android resource `R.string.<resource>`, the same key in iOS's `Localizable.strings`). Only the
 * keys [FailureMessages] chooses are listed; the app looks each one up (`ui/common/Texts.kt`).
 */
enum class FailureKey {
    PIN_TOO_SHORT,
    PIN_TOO_LONG,
    PIN_NOT_DIGITS,
    PIN_REPEATED,
    PIN_SEQUENCE,
    PIN_MIRROR,
    PIN_DATE_LIKE,
    PIN_COMMON,
    PIN_OTHER,
    PIN_WRONG,
    CODE_WRONG,
    CODE_ALREADY_USED_LEFT,
    CODE_NOT_A_CODE,
    CODE_NOT_SIX_DIGITS,
    RECOVERY_CODE_NEEDED,
    LOCKED_UNTIL,
    KEYSTORE_KEY_GONE,
    KEYSTORE_AUTH_REQUIRED,
    KEYSTORE_UNAVAILABLE,
    WALLET_DAMAGED,
    WALLET_OLDER_COPY,
    WALLET_DIPLOMAS_MISSING,
    WALLET_LOCKED,
    WALLET_WIPED,
    WALLET_ALREADY_SET_UP,
    RESTORE_FIRST_RUN_BODY,
    ONBOARDING_RESUME_BODY,
    DIPLOMA_NOT_FOUND,
    IMPORT_NOT_A_CREDENTIAL,
    IMPORT_TRUST_LIST_INVALID,
    IMPORT_TRUST_LIST_EXPIRED,
    IMPORT_UNKNOWN_ISSUER,
    IMPORT_FORGED,
    IMPORT_NOT_OURS,
    IMPORT_DUPLICATE,
    IMPORT_OLDER_TRUST_LIST,
    BACKUP_WRONG_CODE,
    RESTORE_NOT_A_BACKUP,
    BACKUP_DAMAGED,
    BACKUP_NEWER_VERSION,
    PDF_BAD_AUDIENCE,
    AUTHENTICATOR_SWITCH_NOT_STARTED,
    FAULT_STORAGE_FULL,
    FAULT_NEWER_VERSION,

    /** "Something went wrong (…)": only for faults no screen can act on ([Fault], a backup that failed to encrypt). */
    FAULT_INTERNAL,
    ;

    /** The string's name on both platforms. */
    val resource: String get() = name.lowercase()
}

/** One format argument of a [FailureMessage], in the order of the string's `%1$`, `%2$` … */
sealed interface MessageArg {
    /** A count (`%d`): attempts left, a PIN length, diplomas, a list's sequence number. */
    data class Count(val value: Long) : MessageArg

    /** A moment (`%s`), written as the phone's local date and time. */
    data class Time(val unixSeconds: Long) : MessageArg

    /** A fixed word of the app (`%s`), never user data: which internal fault. */
    data class Detail(val text: String) : MessageArg
}

/** What a failure says: [key] with its [args]. */
data class FailureMessage(val key: FailureKey, val args: List<MessageArg> = emptyList()) {
    constructor(key: FailureKey, vararg args: MessageArg) : this(key, args.toList())
}

/**
 * The choice of sentence for every [WalletFailure] (the security port's [NoAuthenticatorChange]
 * included) and for the kinds inside them: each `when` is exhaustive and has no `else`, so a
 * failure added to the logic cannot reach the screens unworded. The app only looks the key up.
 */
object FailureMessages {
    fun of(e: WalletFailure): FailureMessage = when (e) {
        is WalletFailure.NotInitialized -> FailureMessage(FailureKey.RESTORE_FIRST_RUN_BODY)
        is WalletFailure.AlreadyInitialized -> FailureMessage(FailureKey.WALLET_ALREADY_SET_UP)
        is WalletFailure.EnrolmentPending -> FailureMessage(FailureKey.ONBOARDING_RESUME_BODY)
        is WalletFailure.WeakPin -> weakPin(e.reason)
        is WalletFailure.WrongPin -> FailureMessage(FailureKey.PIN_WRONG, count(e.attemptsLeft))
        is WalletFailure.WrongCode -> FailureMessage(FailureKey.CODE_WRONG, count(e.attemptsLeft))
        is WalletFailure.CodeReplayed -> FailureMessage(FailureKey.CODE_ALREADY_USED_LEFT, count(e.attemptsLeft))
        is WalletFailure.MalformedCode -> FailureMessage(FailureKey.CODE_NOT_A_CODE)
        is WalletFailure.RecoveryCodeRequired -> FailureMessage(FailureKey.RECOVERY_CODE_NEEDED)
        is WalletFailure.LockedOut -> FailureMessage(FailureKey.LOCKED_UNTIL, MessageArg.Time(e.until))
        is WalletFailure.Wiped -> FailureMessage(FailureKey.WALLET_WIPED)
        is WalletFailure.Locked -> FailureMessage(FailureKey.WALLET_LOCKED)
        is WalletFailure.Integrity, is WalletFailure.DamagedRecord -> FailureMessage(FailureKey.WALLET_DAMAGED)
        is WalletFailure.NotFound -> FailureMessage(FailureKey.DIPLOMA_NOT_FOUND)
        is WalletFailure.KeyStore -> keyStore(e.fault)
        is WalletFailure.ImportRefused -> import(e.problem)
        is WalletFailure.BackupRefused -> backup(e.problem)
        is WalletFailure.BadAudience -> FailureMessage(FailureKey.PDF_BAD_AUDIENCE)
        is WalletFailure.ReplacedByOlderCopy -> FailureMessage(FailureKey.WALLET_OLDER_COPY)
        // Only old diplomas put back (none missing): "changed outside the app".
        is WalletFailure.DiplomaSetChanged ->
            if (e.missing > 0) FailureMessage(FailureKey.WALLET_DIPLOMAS_MISSING, MessageArg.Count(e.missing))
            else FailureMessage(FailureKey.WALLET_DAMAGED)
        is WalletFailure.OlderTrustList ->
            FailureMessage(FailureKey.IMPORT_OLDER_TRUST_LIST, MessageArg.Count(e.offered), MessageArg.Count(e.held))
        // The employer's code on the present screen: 6 digits.
        is WalletFailure.BadChallenge -> FailureMessage(FailureKey.CODE_NOT_SIX_DIGITS)
        is NoAuthenticatorChange -> FailureMessage(FailureKey.AUTHENTICATOR_SWITCH_NOT_STARTED)
        is WalletFailure.Internal -> fault(e.fault)
    }

    fun weakPin(r: WeakPinReason): FailureMessage = when (r) {
        is WeakPinReason.TooShort -> FailureMessage(FailureKey.PIN_TOO_SHORT, count(r.min))
        is WeakPinReason.TooLong -> FailureMessage(FailureKey.PIN_TOO_LONG, count(r.max))
        WeakPinReason.NotDigits -> FailureMessage(FailureKey.PIN_NOT_DIGITS)
        WeakPinReason.Repeated -> FailureMessage(FailureKey.PIN_REPEATED)
        WeakPinReason.Sequence -> FailureMessage(FailureKey.PIN_SEQUENCE)
        WeakPinReason.Mirror -> FailureMessage(FailureKey.PIN_MIRROR)
        WeakPinReason.DateLike -> FailureMessage(FailureKey.PIN_DATE_LIKE)
        WeakPinReason.Common -> FailureMessage(FailureKey.PIN_COMMON)
        WeakPinReason.Other -> FailureMessage(FailureKey.PIN_OTHER)
    }

    fun keyStore(f: KeyStoreFault): FailureMessage = FailureMessage(
        when (f) {
            KeyStoreFault.KEY_INVALIDATED, KeyStoreFault.KEY_NOT_FOUND -> FailureKey.KEYSTORE_KEY_GONE
            KeyStoreFault.USER_AUTHENTICATION_REQUIRED -> FailureKey.KEYSTORE_AUTH_REQUIRED
            KeyStoreFault.INVALID_DATA -> FailureKey.WALLET_DAMAGED
            KeyStoreFault.BAD_ALIAS, KeyStoreFault.UNAVAILABLE, KeyStoreFault.IO -> FailureKey.KEYSTORE_UNAVAILABLE
        },
    )

    fun import(p: ImportProblem): FailureMessage = FailureMessage(
        when (p) {
            ImportProblem.NOT_A_CREDENTIAL -> FailureKey.IMPORT_NOT_A_CREDENTIAL
            ImportProblem.TRUST_LIST_INVALID -> FailureKey.IMPORT_TRUST_LIST_INVALID
            ImportProblem.TRUST_LIST_EXPIRED -> FailureKey.IMPORT_TRUST_LIST_EXPIRED
            ImportProblem.UNKNOWN_ISSUER -> FailureKey.IMPORT_UNKNOWN_ISSUER
            ImportProblem.FORGED_ISSUER_SIGNATURE -> FailureKey.IMPORT_FORGED
            ImportProblem.NOT_OUR_HOLDER_KEY -> FailureKey.IMPORT_NOT_OURS
            ImportProblem.DUPLICATE -> FailureKey.IMPORT_DUPLICATE
        },
    )

    fun backup(p: BackupProblem): FailureMessage = when (p) {
        BackupProblem.WRONG_CODE -> FailureMessage(FailureKey.BACKUP_WRONG_CODE)
        BackupProblem.NOT_A_BACKUP -> FailureMessage(FailureKey.RESTORE_NOT_A_BACKUP)
        BackupProblem.DAMAGED -> FailureMessage(FailureKey.BACKUP_DAMAGED)
        BackupProblem.NEWER_VERSION -> FailureMessage(FailureKey.BACKUP_NEWER_VERSION)
        // Encrypting into memory failed: nothing the holder can do but try again (as iOS says it).
        BackupProblem.FAILED -> FailureMessage(FailureKey.FAULT_INTERNAL, MessageArg.Detail("backup"))
    }

    fun fault(f: Fault): FailureMessage = when (f) {
        Fault.STORAGE_FULL -> FailureMessage(FailureKey.FAULT_STORAGE_FULL)
        Fault.UNSUPPORTED_VERSION -> FailureMessage(FailureKey.FAULT_NEWER_VERSION)
        Fault.STORAGE, Fault.KDF, Fault.RANDOM, Fault.QR_ENCODING, Fault.BAD_ARGUMENT, Fault.UNEXPECTED ->
            FailureMessage(FailureKey.FAULT_INTERNAL, MessageArg.Detail(f.name.lowercase()))
    }

    private fun count(n: Int) = MessageArg.Count(n.toLong())
}
