import Foundation
import QujatCore

/// Every error the screens can meet, as a sentence in the app's language (Localizable.strings,
/// same keys as Android's strings.xml). Never includes user data.
enum ErrorText {
    static func t(_ key: String, _ args: CVarArg...) -> String {
        String(format: NSLocalizedString(key, comment: ""), arguments: args)
    }

    static func weakPin(_ r: WeakPinReason) -> String {
        switch r {
        case .tooShort(let min): return t("pin_too_short", Int(min))
        case .tooLong(let max): return t("pin_too_long", Int(max))
        case .notDigits: return t("pin_not_digits")
        case .repeated: return t("pin_repeated")
        case .sequence: return t("pin_sequence")
        case .mirror: return t("pin_mirror")
        case .dateLike: return t("pin_date_like")
        case .common: return t("pin_common")
        }
    }

    static func keyStore(_ e: KeyStoreError) -> String {
        switch e {
        case .KeyInvalidated, .KeyNotFound: return t("keystore_key_gone")
        case .UserAuthenticationRequired: return t("keystore_auth_required")
        case .InvalidData: return t("wallet_damaged")
        case .BadAlias, .Unavailable, .Io: return t("keystore_unavailable")
        }
    }

    static func wallet(_ e: WalletError) -> String {
        switch e {
        case .WeakPin(let reason): return weakPin(reason)
        case .WrongPin(let left): return t("pin_wrong", Int(left))
        case .WrongCode(let left): return t("code_wrong", Int(left))
        case .CodeReplayed(let left): return t("code_already_used_left", Int(left))
        case .TotpRequired, .MalformedCode: return t("code_not_a_code")
        case .RecoveryCodeRequired: return t("recovery_code_needed")
        case .LockedOut: return t("locked_wait")
        case .Wiped: return t("wallet_wiped")
        case .Locked: return t("wallet_locked")
        case .Integrity, .DamagedRecord: return t("wallet_damaged")
        case .ReplacedByOlderCopy: return t("wallet_older_copy")
        case .DiplomaSetChanged(let missing, _): return t("wallet_diplomas_missing", Int(clamping: missing))
        case .OlderTrustList(let held, let offered):
            return t("import_older_trust_list", Int(clamping: offered), Int(clamping: held))
        case .DuplicateCredential: return t("import_duplicate")
        case .NotFound, .BadDiplomaId: return t("diploma_not_found")
        case .KeyStore(let error): return keyStore(error)
        case .Storage(let kind, _): return kind == .full ? t("fault_storage_full") : t("fault_internal", "storage")
        case .UnsupportedVersion: return t("fault_newer_version")
        case .BadCredential: return t("import_not_a_credential")
        case .TrustListInvalid: return t("import_trust_list_invalid")
        case .TrustListExpired: return t("import_trust_list_expired")
        case .UnknownIssuer: return t("import_unknown_issuer")
        case .ForgedIssuerSignature: return t("import_forged")
        case .NotOurHolderKey: return t("import_not_ours")
        // Backup and restore (issue 13): nothing was written on any of these.
        case .BackupWrongCode: return t("backup_wrong_code")
        case .NotABackup: return t("restore_not_a_backup")
        case .BackupDamaged: return t("backup_damaged")
        case .BackupNewerVersion: return t("backup_newer_version")
        case .BackupFailed: return t("fault_internal", "backup")
        // The PDF's recipient (1–128 bytes, the core's limit).
        case .BadAudience: return t("pdf_bad_audience")
        // The same sentences as Android's FailureMessage (android/logic, port/FailureMessage.kt).
        case .NotInitialized: return t("restore_first_run_body")
        case .AlreadyInitialized: return t("wallet_already_set_up")
        case .EnrolmentPending: return t("onboarding_resume_body")
        case .BadChallenge: return t("code_not_six_digits")
        // Faults of the app or the platform, not of what the holder did: named for a report.
        // (NoPendingEnrolment: the authenticator switch catches it and starts again.)
        case .NoPendingEnrolment, .BadLabel, .Kdf, .Random, .BadLifetime, .BadPublicKey, .QrEncoding:
            return t("fault_internal", String(describing: e))
        }
    }

    /// The verifier store's refusals (list updates, its state file, challenges).
    static func verifier(_ e: VerifierError) -> String {
        switch e {
        case .TrustListInvalid: return t("lists_trust_invalid")
        case .TrustListRollback, .StatusListRollback: return t("lists_already_newer")
        case .TrustListConflict, .StatusListConflict: return t("lists_conflict")
        case .StatusListInvalid: return t("lists_status_invalid")
        case .StatusListUnknownIssuer: return t("lists_status_unknown_issuer")
        case .NoTrustList: return t("lists_no_trust_list")
        case .AnchorMismatch, .BadAnchorKey: return t("verifier_no_anchor")
        case .StateForeign, .StateDamaged, .StateUnsupportedVersion, .StateBusy, .StateStorage, .StateUnavailable:
            return t("next_repair_state")
        case .BadChallenge, .Random: return t("verifier_challenge_failed")
        }
    }

    static func of(_ error: Error) -> String {
        if let e = error as? WalletError { return wallet(e) }
        if let e = error as? KeyStoreError { return keyStore(e) }
        if let e = error as? VerifierError { return verifier(e) }
        return t("fault_internal", String(describing: type(of: error)))
    }
}
