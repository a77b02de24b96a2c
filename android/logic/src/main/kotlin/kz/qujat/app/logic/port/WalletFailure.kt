package kz.qujat.app.logic.port

/** Why the core refused a PIN (no digit of it). Mirrors the bindings' `WeakPinReason`. */
sealed class WeakPinReason {
    data class TooShort(val min: Int) : WeakPinReason()
    data class TooLong(val max: Int) : WeakPinReason()
    data object NotDigits : WeakPinReason()
    data object Repeated : WeakPinReason()
    data object Sequence : WeakPinReason()
    data object Mirror : WeakPinReason()
    data object DateLike : WeakPinReason()
    data object Common : WeakPinReason()

    /** A rule newer than this app: the screen says "choose another PIN". */
    data object Other : WeakPinReason()
}

/** What the platform key store reported (the bindings' `KeyStoreError`). */
enum class KeyStoreFault {
    KEY_NOT_FOUND,
    INVALID_DATA,
    USER_AUTHENTICATION_REQUIRED,
    KEY_INVALIDATED,
    BAD_ALIAS,
    UNAVAILABLE,
    IO,
}

/** Why an import was refused: each its own message. */
enum class ImportProblem {
    NOT_A_CREDENTIAL,
    TRUST_LIST_INVALID,
    TRUST_LIST_EXPIRED,
    UNKNOWN_ISSUER,
    FORGED_ISSUER_SIGNATURE,
    NOT_OUR_HOLDER_KEY,
    DUPLICATE,
}

/** Faults no screen can act on beyond "try again / report it". Each is still its own kind. */
enum class Fault {
    STORAGE,
    STORAGE_FULL,
    UNSUPPORTED_VERSION,
    KDF,
    RANDOM,
    QR_ENCODING,
    BAD_ARGUMENT,
    UNEXPECTED,
}

/**
 * Everything a wallet call can refuse with, as the screens need to tell them apart (a wrong
 * PIN with attempts left from a lockout with its end from a wiped wallet …). Messages carry
 * no user data; the subclasses carry what the screen shows.
 */
sealed class WalletFailure(message: String) : Exception(message) {
    class NotInitialized : WalletFailure("the wallet has not been set up")
    class AlreadyInitialized : WalletFailure("the wallet is already set up")
    class EnrolmentPending : WalletFailure("the authenticator enrolment is not confirmed yet")
    class WeakPin(val reason: WeakPinReason) : WalletFailure("the PIN is not acceptable")
    class WrongPin(val attemptsLeft: Int) : WalletFailure("wrong PIN")
    class WrongCode(val attemptsLeft: Int) : WalletFailure("wrong code")
    class CodeReplayed(val attemptsLeft: Int) : WalletFailure("code already used")
    class MalformedCode : WalletFailure("the code is not in the expected format")
    class RecoveryCodeRequired : WalletFailure("only a recovery code can unlock now")
    class LockedOut(val until: Long, val retryAfterSecs: Long) : WalletFailure("locked out")
    class Wiped : WalletFailure("the wallet was wiped")
    class Locked : WalletFailure("the wallet is locked")
    class Integrity : WalletFailure("a sealed record failed its integrity check")
    class NotFound : WalletFailure("no such diploma")
    class KeyStore(val fault: KeyStoreFault) : WalletFailure("platform key store: $fault")
    class ImportRefused(val problem: ImportProblem) : WalletFailure("import refused: $problem")
    /** A backup could not be made or restored; nothing was written ([BackupProblem], BackupPort.kt). */
    class BackupRefused(val problem: BackupProblem) : WalletFailure("backup refused: $problem")
    /** The PDF's recipient is empty or longer than the core allows. */
    class BadAudience : WalletFailure("the audience is not acceptable")
    class DamagedRecord : WalletFailure("a stored diploma is damaged")
    /** The wallet file was put back from an older copy: nothing was counted; it cannot open. */
    class ReplacedByOlderCopy : WalletFailure("this wallet file was replaced by an older copy")
    /** Diplomas were removed (or old ones put back) outside the app. */
    class DiplomaSetChanged(val missing: Long, val unexpected: Long) : WalletFailure("diplomas changed outside the app")
    /** The trust list offered is older than the one this wallet already saw. */
    class OlderTrustList(val held: Long, val offered: Long) : WalletFailure("older trust list")
    class BadChallenge : WalletFailure("a challenge must be 6 digits")
    class Internal(val fault: Fault) : WalletFailure("internal: $fault")
}

/** What a verifier call can refuse with (a presentation that does not verify is a verdict, not this). */
sealed class VerifierFailure(message: String) : Exception(message) {
    class BadAnchorKey : VerifierFailure("not a valid trust anchor key")
    class TrustListInvalid : VerifierFailure("the trust list is not valid")
    class TrustListRollback(val offered: Long, val installed: Long) : VerifierFailure("trust list rollback")
    class StatusListInvalid : VerifierFailure("the status list is not valid")
    class StatusListUnknownIssuer : VerifierFailure("the status list's issuer is not trusted")

    /** A status list offered before any trust list is installed. */
    class NoTrustList : VerifierFailure("no trust list is installed yet")
    class StatusListRollback : VerifierFailure("status list rollback")

    /** A trust list with the same sequence but other bytes than the one held. */
    class TrustListConflict(val sequence: Long) : VerifierFailure("trust list conflict")

    /** A status list with the same issue time but other bytes than the one held. */
    class StatusListConflict : VerifierFailure("status list conflict")

    /** The verifier's state file is pinned to another trust anchor. */
    class AnchorMismatch : VerifierFailure("the verifier state is pinned to another trust anchor")

    /** The verifier's state file cannot be read or written (damaged, foreign, busy, disk). */
    class StateUnavailable : VerifierFailure("the verifier state is unavailable")
    class BadChallenge : VerifierFailure("a challenge must be 6 digits")
    class Internal(val fault: Fault) : VerifierFailure("internal: $fault")
}
