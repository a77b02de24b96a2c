package kz.qujat.app.logic.port

import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.LocalizedText

/**
 * The rules both apps follow, as the core states them (docs/BINDINGS.md, "The rules the apps
 * get from the core"). Production and tests: the `bridge` module's `CoreRules` over the
 * generated bindings, so the presenters and their tests run the core's own rules, never a
 * copy. Every method is pure and fast: fine on the main thread.
 */
interface Rules {
    // --- code fields ---

    /** What the unlock screen's second-factor field holds. */
    fun classifyCode(input: String): CodeKind

    /** An authenticator code or a verifier's challenge as six ASCII digits, or null. */
    fun authenticatorCode(input: String): String?

    /** What a 6-digit field keeps while typing: its digits as ASCII, at most six. */
    fun filterCodeTyping(input: String): String

    /** A recovery code as `XXXX-XXXX-XXXX-XXXX`, or null if [input] is not a whole one. */
    fun recoveryCode(input: String): String?

    /** What a recovery-code field shows while typing: canonical characters grouped in fours. */
    fun formatRecoveryTyping(input: String): String

    // --- claim choice ---

    /** IIN, birth date, GPA: never preselected, shown only after a confirmation. */
    fun isSensitive(claim: ClaimKey): Boolean

    /** The claims preselected for a diploma stating [stated], for a reader of [lang]. */
    fun preselectedClaims(stated: Set<ClaimKey>, lang: Lang): Set<ClaimKey>

    /** Turn [claim] on or off in [selected]. */
    fun toggleClaim(stated: Set<ClaimKey>, selected: Set<ClaimKey>, claim: ClaimKey, on: Boolean): ClaimToggle

    /** Add a sensitive claim after the holder confirmed. */
    fun confirmSensitiveClaim(stated: Set<ClaimKey>, selected: Set<ClaimKey>, claim: ClaimKey): Set<ClaimKey>

    fun canPresent(selected: Set<ClaimKey>): Boolean

    /** Neither name is shown: the verifier cannot tell whose diploma it is. */
    fun hidesName(selected: Set<ClaimKey>): Boolean

    fun includesSensitive(selected: Set<ClaimKey>): Boolean

    // --- keys, language, time ---

    /** The 32 key bytes of a `qujat` public-key file, bare hex or raw bytes; null otherwise. */
    fun parsePublicKeyFile(bytes: ByteArray): ByteArray?

    /** Hex in groups of four, to read a key aloud or compare it. */
    fun groupedHex(bytes: ByteArray): String

    /** The holder's choice, else the device's first language of ours, else English. */
    fun chooseLanguage(userChoice: Lang?, devicePreferred: List<String>): Lang

    /** The text for a reader of [lang], falling back in that reader's order. */
    fun pickText(text: LocalizedText, lang: Lang): String?

    /** Whole seconds from [now] until [until], never negative. */
    fun secondsLeft(until: Long, now: Long): Long

    /** `m:ss` below an hour, `h:mm:ss` above. */
    fun formatCountdown(seconds: Long): String

    /** The share of [total] still left, 0–1. */
    fun fractionLeft(secondsLeft: Long, total: Long): Float

    /** The numbers the screens follow (PIN bounds, QR lifetime and "ending soon", rescan quiet time). */
    fun limits(): ScreenLimits

    /** A scanned text worth sending to the verifier (it starts with `QJ1:`). */
    fun looksLikePresentation(text: String): Boolean
}

/** The numbers both apps' screens follow, from the core (`screen_limits`). */
data class ScreenLimits(
    val pinMinLen: Int,
    val pinMaxLen: Int,
    val presentationTtlSecs: Int,
    /** The last seconds of a QR code's lifetime, in which the screen warns that it ends. */
    val endingSoonSecs: Long,
    /** After "scan again", the code just checked is ignored this long. */
    val rescanQuietSecs: Long,
    /** New QR codes the present screen makes by itself in a row before the holder must tap. */
    val maxAutoRefreshes: Int,
    /** A PDF's (document presentation's) validity unless the holder asks otherwise, days. */
    val documentDaysDefault: Int,
    /** The longest validity a PDF may have, days (the shortest is 1). */
    val documentDaysMax: Int,
)

/** What the holder typed in a second-factor field. */
enum class CodeKind { AUTHENTICATOR, RECOVERY, INCOMPLETE, INVALID }

/** The answer to turning one claim on or off. */
sealed class ClaimToggle {
    data class Changed(val selected: Set<ClaimKey>) : ClaimToggle()

    /** A sensitive claim: ask the holder first. */
    data object NeedsConfirmation : ClaimToggle()

    /** Not a claim this diploma states. */
    data object NotAvailable : ClaimToggle()
}
