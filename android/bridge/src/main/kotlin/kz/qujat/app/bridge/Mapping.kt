package kz.qujat.app.bridge

import java.time.LocalDate
import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.ClaimLine
import kz.qujat.app.logic.model.DiplomaSummary
import kz.qujat.app.logic.model.HeldStatusList
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.LocalizedText
import kz.qujat.app.logic.model.PresentationKind
import kz.qujat.app.logic.model.QrMatrix
import kz.qujat.app.logic.model.StatusFreshness
import kz.qujat.app.logic.model.TrustListInfo
import kz.qujat.app.logic.model.Verdict
import kz.qujat.app.logic.model.WalletState
import kz.qujat.app.logic.model.WalletStatus
import kz.qujat.app.logic.port.BackupProblem
import kz.qujat.app.logic.port.Fault
import kz.qujat.app.logic.port.ImportProblem
import kz.qujat.app.logic.port.KeyStoreFault
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.port.WeakPinReason
import kz.qujat.core.CalendarDate
import kz.qujat.core.Claim
import kz.qujat.core.ClaimId
import kz.qujat.core.KeyStoreException
import kz.qujat.core.Language
import kz.qujat.core.QrCode
import kz.qujat.core.QrSymbol
import kz.qujat.core.VerifierException
import kz.qujat.core.WalletException
import kz.qujat.core.degreeLabel
import kz.qujat.core.DiplomaSummary as CoreSummary
import kz.qujat.core.HeldStatusList as CoreHeldStatusList
import kz.qujat.core.PresentationKind as CorePresentationKind
import kz.qujat.core.LocalizedText as CoreText
import kz.qujat.core.StatusFreshness as CoreFreshness
import kz.qujat.core.TrustListInfo as CoreTrustListInfo
import kz.qujat.core.Verdict as CoreVerdict
import kz.qujat.core.WalletState as CoreWalletState
import kz.qujat.core.WalletStatus as CoreWalletStatus
import kz.qujat.core.WeakPinReason as CoreWeakPin

/**
 * The one place where generated types become the app's types and back. Every `when` is
 * exhaustive, so a variant added to the bindings fails this module's build until it is mapped.
 */
internal object Mapping {
    fun language(l: Lang): Language = when (l) {
        Lang.KK -> Language.KK
        Lang.RU -> Language.RU
        Lang.EN -> Language.EN
    }

    fun claim(c: ClaimId): ClaimKey = when (c) {
        ClaimId.NAME -> ClaimKey.NAME
        ClaimId.DEGREE_LEVEL -> ClaimKey.DEGREE_LEVEL
        ClaimId.PROGRAM_CODE -> ClaimKey.PROGRAM_CODE
        ClaimId.HONORS -> ClaimKey.HONORS
        ClaimId.ISSUE_DATE -> ClaimKey.ISSUE_DATE
        ClaimId.DIPLOMA_NUMBER -> ClaimKey.DIPLOMA_NUMBER
        ClaimId.STUDY_FORM -> ClaimKey.STUDY_FORM
        ClaimId.PROGRAM_EN -> ClaimKey.PROGRAM_EN
        ClaimId.PROGRAM_RU -> ClaimKey.PROGRAM_RU
        ClaimId.PROGRAM_KK -> ClaimKey.PROGRAM_KK
        ClaimId.NAME_LATIN -> ClaimKey.NAME_LATIN
        ClaimId.BIRTH_DATE -> ClaimKey.BIRTH_DATE
        ClaimId.IIN -> ClaimKey.IIN
        ClaimId.GPA -> ClaimKey.GPA
    }

    fun claimId(c: ClaimKey): ClaimId = when (c) {
        ClaimKey.NAME -> ClaimId.NAME
        ClaimKey.DEGREE_LEVEL -> ClaimId.DEGREE_LEVEL
        ClaimKey.PROGRAM_CODE -> ClaimId.PROGRAM_CODE
        ClaimKey.HONORS -> ClaimId.HONORS
        ClaimKey.ISSUE_DATE -> ClaimId.ISSUE_DATE
        ClaimKey.DIPLOMA_NUMBER -> ClaimId.DIPLOMA_NUMBER
        ClaimKey.STUDY_FORM -> ClaimId.STUDY_FORM
        ClaimKey.PROGRAM_EN -> ClaimId.PROGRAM_EN
        ClaimKey.PROGRAM_RU -> ClaimId.PROGRAM_RU
        ClaimKey.PROGRAM_KK -> ClaimId.PROGRAM_KK
        ClaimKey.NAME_LATIN -> ClaimId.NAME_LATIN
        ClaimKey.BIRTH_DATE -> ClaimId.BIRTH_DATE
        ClaimKey.IIN -> ClaimId.IIN
        ClaimKey.GPA -> ClaimId.GPA
    }

    fun text(t: CoreText): LocalizedText = LocalizedText(kk = t.kk, ru = t.ru, en = t.en)

    fun date(d: CalendarDate): LocalDate? =
        runCatching { LocalDate.of(d.year, d.month.toInt(), d.day.toInt()) }.getOrNull()

    fun line(c: Claim): ClaimLine = ClaimLine(claim(c.id), c.label, c.text)

    fun summary(s: CoreSummary): DiplomaSummary = DiplomaSummary(
        id = s.id,
        issuerId = s.issuerId,
        issuerName = text(s.issuerName),
        degree = s.degreeLevel?.let { level ->
            LocalizedText(
                kk = degreeLabel(level, Language.KK),
                ru = degreeLabel(level, Language.RU),
                en = degreeLabel(level, Language.EN),
            )
        },
        programCode = s.programCode,
        programName = text(s.programName),
        issueDate = s.issueDate?.let(::date),
        honors = s.honors,
        importedAt = s.importedAt,
    )

    fun qr(q: QrCode): QrMatrix = QrMatrix(q.width.toInt(), q.modules)

    fun qr(q: QrSymbol): QrMatrix = QrMatrix(q.width().toInt(), q.modules())

    fun status(s: CoreWalletStatus): WalletStatus = WalletStatus(
        state = when (s.state) {
            CoreWalletState.UNINITIALIZED -> WalletState.UNINITIALIZED
            CoreWalletState.ENROLMENT_PENDING -> WalletState.ENROLMENT_PENDING
            CoreWalletState.READY -> WalletState.READY
            CoreWalletState.WIPED -> WalletState.WIPED
        },
        failures = s.failures.toInt(),
        attemptsLeft = s.attemptsLeft.toInt(),
        lockedUntil = s.lockedUntil,
        recoveryCodeRequired = s.recoveryCodeRequired,
        keyStoreHardwareBacked = s.keyStoreHardwareBacked,
    )

    fun verdict(v: CoreVerdict): Verdict = when (v) {
        CoreVerdict.Valid -> Verdict.Valid
        CoreVerdict.Revoked -> Verdict.Revoked
        is CoreVerdict.Expired -> Verdict.Expired(v.expiredAt)
        is CoreVerdict.NotYetValid -> Verdict.NotYetValid(v.createdAt)
        CoreVerdict.ChallengeMismatch -> Verdict.ChallengeMismatch
        CoreVerdict.DocumentNotLive -> Verdict.DocumentNotLive
        CoreVerdict.ChallengeReused -> Verdict.ChallengeReused
        is CoreVerdict.UnknownIssuer -> Verdict.UnknownIssuer(v.claimedId)
        CoreVerdict.ForgedIssuerSignature -> Verdict.ForgedIssuerSignature
        CoreVerdict.IssuerKeyNotValid -> Verdict.IssuerKeyNotValid
        CoreVerdict.ForgedHolderSignature -> Verdict.ForgedHolderSignature
        CoreVerdict.DisclosureMismatch -> Verdict.DisclosureMismatch
        is CoreVerdict.TrustListExpired -> Verdict.TrustListExpired(v.expiredAt)
        CoreVerdict.NoTrustList -> Verdict.NoTrustList
        CoreVerdict.StatusUnknown -> Verdict.StatusUnknown
        is CoreVerdict.StatusStale -> Verdict.StatusStale(v.validUntil)
        is CoreVerdict.Malformed -> Verdict.Malformed(v.reason)
    }

    fun freshness(f: CoreFreshness): StatusFreshness = StatusFreshness(f.listIssuedAt, f.validUntil, f.ageSecs)

    fun held(h: CoreHeldStatusList): HeldStatusList = HeldStatusList(h.issuerId, freshness(h.freshness))

    fun kind(k: CorePresentationKind): PresentationKind = when (k) {
        CorePresentationKind.Live -> PresentationKind.Live
        is CorePresentationKind.Document -> PresentationKind.Document(k.audience)
    }

    fun trustListInfo(t: CoreTrustListInfo): TrustListInfo =
        TrustListInfo(t.sequence.toLong(), t.issuedAt, t.expiresAt, t.issuers.toInt())

    fun weakPin(r: CoreWeakPin): WeakPinReason = when (r) {
        is CoreWeakPin.TooShort -> WeakPinReason.TooShort(r.min.toInt())
        is CoreWeakPin.TooLong -> WeakPinReason.TooLong(r.max.toInt())
        CoreWeakPin.NotDigits -> WeakPinReason.NotDigits
        CoreWeakPin.Repeated -> WeakPinReason.Repeated
        CoreWeakPin.Sequence -> WeakPinReason.Sequence
        CoreWeakPin.Mirror -> WeakPinReason.Mirror
        CoreWeakPin.DateLike -> WeakPinReason.DateLike
        CoreWeakPin.Common -> WeakPinReason.Common
    }

    fun keyStoreFault(e: KeyStoreException): KeyStoreFault = when (e) {
        is KeyStoreException.KeyNotFound -> KeyStoreFault.KEY_NOT_FOUND
        is KeyStoreException.InvalidData -> KeyStoreFault.INVALID_DATA
        is KeyStoreException.UserAuthenticationRequired -> KeyStoreFault.USER_AUTHENTICATION_REQUIRED
        is KeyStoreException.KeyInvalidated -> KeyStoreFault.KEY_INVALIDATED
        is KeyStoreException.BadAlias -> KeyStoreFault.BAD_ALIAS
        is KeyStoreException.Unavailable -> KeyStoreFault.UNAVAILABLE
        is KeyStoreException.Io -> KeyStoreFault.IO
    }

    fun keyStoreException(f: KeyStoreFault): KeyStoreException = when (f) {
        KeyStoreFault.KEY_NOT_FOUND -> KeyStoreException.KeyNotFound()
        KeyStoreFault.INVALID_DATA -> KeyStoreException.InvalidData()
        KeyStoreFault.USER_AUTHENTICATION_REQUIRED -> KeyStoreException.UserAuthenticationRequired()
        KeyStoreFault.KEY_INVALIDATED -> KeyStoreException.KeyInvalidated()
        KeyStoreFault.BAD_ALIAS -> KeyStoreException.BadAlias()
        KeyStoreFault.UNAVAILABLE -> KeyStoreException.Unavailable()
        KeyStoreFault.IO -> KeyStoreException.Io()
    }

    /** The generated wallet error as the screens' failure. */
    fun failure(e: WalletException): WalletFailure = when (e) {
        is WalletException.NotInitialized -> WalletFailure.NotInitialized()
        is WalletException.AlreadyInitialized -> WalletFailure.AlreadyInitialized()
        is WalletException.EnrolmentPending -> WalletFailure.EnrolmentPending()
        is WalletException.NoPendingEnrolment -> WalletFailure.Internal(Fault.BAD_ARGUMENT)
        is WalletException.WeakPin -> WalletFailure.WeakPin(weakPin(e.reason))
        is WalletException.WrongPin -> WalletFailure.WrongPin(e.attemptsLeft.toInt())
        is WalletException.WrongCode -> WalletFailure.WrongCode(e.attemptsLeft.toInt())
        is WalletException.CodeReplayed -> WalletFailure.CodeReplayed(e.attemptsLeft.toInt())
        is WalletException.TotpRequired -> WalletFailure.MalformedCode()
        is WalletException.MalformedCode -> WalletFailure.MalformedCode()
        is WalletException.RecoveryCodeRequired -> WalletFailure.RecoveryCodeRequired()
        is WalletException.LockedOut -> WalletFailure.LockedOut(e.until, e.retryAfterSecs.toLong())
        is WalletException.Wiped -> WalletFailure.Wiped()
        is WalletException.Locked -> WalletFailure.Locked()
        is WalletException.Integrity -> WalletFailure.Integrity()
        is WalletException.DuplicateCredential -> WalletFailure.ImportRefused(ImportProblem.DUPLICATE)
        is WalletException.NotFound -> WalletFailure.NotFound()
        is WalletException.BadLabel -> WalletFailure.Internal(Fault.BAD_ARGUMENT)
        is WalletException.KeyStore -> WalletFailure.KeyStore(keyStoreFault(e.error))
        is WalletException.Storage -> WalletFailure.Internal(
            if (e.kind == kz.qujat.core.StorageErrorKind.FULL) Fault.STORAGE_FULL else Fault.STORAGE,
        )
        is WalletException.UnsupportedVersion -> WalletFailure.Internal(Fault.UNSUPPORTED_VERSION)
        is WalletException.Kdf -> WalletFailure.Internal(Fault.KDF)
        is WalletException.Random -> WalletFailure.Internal(Fault.RANDOM)
        is WalletException.BadCredential -> WalletFailure.ImportRefused(ImportProblem.NOT_A_CREDENTIAL)
        is WalletException.TrustListInvalid -> WalletFailure.ImportRefused(ImportProblem.TRUST_LIST_INVALID)
        is WalletException.TrustListExpired -> WalletFailure.ImportRefused(ImportProblem.TRUST_LIST_EXPIRED)
        is WalletException.UnknownIssuer -> WalletFailure.ImportRefused(ImportProblem.UNKNOWN_ISSUER)
        is WalletException.ForgedIssuerSignature -> WalletFailure.ImportRefused(ImportProblem.FORGED_ISSUER_SIGNATURE)
        is WalletException.NotOurHolderKey -> WalletFailure.ImportRefused(ImportProblem.NOT_OUR_HOLDER_KEY)
        is WalletException.DamagedRecord -> WalletFailure.DamagedRecord()
        is WalletException.ReplacedByOlderCopy -> WalletFailure.ReplacedByOlderCopy()
        is WalletException.DiplomaSetChanged ->
            WalletFailure.DiplomaSetChanged(e.missing.toLong(), e.unexpected.toLong())
        is WalletException.OlderTrustList -> WalletFailure.OlderTrustList(e.held.toLong(), e.offered.toLong())
        is WalletException.BadLifetime -> WalletFailure.Internal(Fault.BAD_ARGUMENT)
        is WalletException.BadAudience -> WalletFailure.BadAudience()
        is WalletException.BadDiplomaId -> WalletFailure.NotFound()
        is WalletException.BadPublicKey -> WalletFailure.Internal(Fault.BAD_ARGUMENT)
        is WalletException.BadChallenge -> WalletFailure.BadChallenge()
        is WalletException.QrEncoding -> WalletFailure.Internal(Fault.QR_ENCODING)
        // Backup and restore (issue 13): nothing was written on any of these.
        is WalletException.BackupWrongCode -> WalletFailure.BackupRefused(BackupProblem.WRONG_CODE)
        is WalletException.NotABackup -> WalletFailure.BackupRefused(BackupProblem.NOT_A_BACKUP)
        is WalletException.BackupDamaged -> WalletFailure.BackupRefused(BackupProblem.DAMAGED)
        is WalletException.BackupNewerVersion -> WalletFailure.BackupRefused(BackupProblem.NEWER_VERSION)
        is WalletException.BackupFailed -> WalletFailure.BackupRefused(BackupProblem.FAILED)
        is WalletException.PdfFailed -> WalletFailure.Internal(Fault.UNEXPECTED)
    }

    fun failure(e: VerifierException): VerifierFailure = when (e) {
        is VerifierException.BadAnchorKey -> VerifierFailure.BadAnchorKey()
        is VerifierException.TrustListInvalid -> VerifierFailure.TrustListInvalid()
        is VerifierException.TrustListRollback ->
            VerifierFailure.TrustListRollback(e.offered.toLong(), e.installed.toLong())
        is VerifierException.StatusListInvalid -> VerifierFailure.StatusListInvalid()
        is VerifierException.StatusListUnknownIssuer -> VerifierFailure.StatusListUnknownIssuer()
        is VerifierException.NoTrustList -> VerifierFailure.NoTrustList()
        is VerifierException.StatusListRollback -> VerifierFailure.StatusListRollback()
        is VerifierException.TrustListConflict -> VerifierFailure.TrustListConflict(e.sequence.toLong())
        is VerifierException.StatusListConflict -> VerifierFailure.StatusListConflict()
        is VerifierException.AnchorMismatch -> VerifierFailure.AnchorMismatch()
        is VerifierException.StateForeign,
        is VerifierException.StateDamaged,
        is VerifierException.StateUnsupportedVersion,
        is VerifierException.StateBusy,
        is VerifierException.StateStorage,
        is VerifierException.StateUnavailable,
        -> VerifierFailure.StateUnavailable()
        is VerifierException.BadChallenge -> VerifierFailure.BadChallenge()
        is VerifierException.Random -> VerifierFailure.Internal(Fault.RANDOM)
    }
}
