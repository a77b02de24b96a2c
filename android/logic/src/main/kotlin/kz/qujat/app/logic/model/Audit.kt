package kz.qujat.app.logic.model

/** What an audit entry records (the core's `AuditKind`). */
enum class AuditKind {
    SETUP,
    UNLOCKED,
    FAILED_UNLOCK,
    IMPORT,
    PRESENT,
    DELETE,
    PIN_CHANGED,
    TOTP_ENROLLED,
    RECOVERY_CODE_USED,
    RECOVERY_CODES_RENEWED,

    /** The log's head was damaged and the log continued after its last entry. */
    HEAD_REBUILT,
    PRESENT_DOCUMENT,
    RESTORED,
    BACKUP,

    /** A kind written by a newer version of the app: [AuditEntry.otherCode] has its number. */
    OTHER,
}

/**
 * One entry of the wallet's audit log: what, and when. Its detail (which diploma, which
 * claims) stays sealed in the wallet, so nothing here is personal beyond the times.
 */
data class AuditEntry(
    /** Position in the hash chain, from 1. */
    val seq: Long,
    val kind: AuditKind,
    /** Unix seconds. */
    val time: Long,
    /** The kind's number when [kind] is [AuditKind.OTHER]. */
    val otherCode: Int? = null,
)

/** The audit log in order, and where its hash chain first fails (null: intact). */
data class AuditLog(val entries: List<AuditEntry>, val brokenAtSeq: Long?)
