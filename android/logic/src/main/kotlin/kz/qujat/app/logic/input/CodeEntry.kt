package kz.qujat.app.logic.input

/**
 * What people type or paste where a code is expected, turned into what the core accepts.
 *
 * * An authenticator code (RFC 6238, 6 digits): spaces, dashes and dots that apps insert
 *   ("123 456", "123-456") are dropped, and digits of other scripts (Arabic-Indic, full-width
 *   …, which some keyboards send) become ASCII.
 * * A recovery code (`XXXX-XXXX-XXXX-XXXX`, Crockford base 32): upper-cased, separators dropped,
 *   the look-alikes `O` → `0`, `I`/`L` → `1` (as the core's `auth::recovery::normalize` does),
 *   and regrouped in fours for display.
 * * A verifier's challenge: 6 digits, with the same tolerance as a code.
 *
 * The core stays the judge of validity; this only decides which call to make and keeps the
 * fields tidy while typing.
 */
object CodeEntry {
    /** Digits in an authenticator code and in a challenge (`auth::totp::DIGITS`). */
    const val CODE_DIGITS: Int = 6

    /** Characters in a recovery code without separators. */
    const val RECOVERY_CHARS: Int = 16

    private const val CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    private val SEPARATORS = setOf(' ', '-', '.', '\u00A0', '\u2009', '\u202F', '\t', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212')

    /** The second factor typed in the unlock screen. */
    sealed class SecondFactor {
        /** Six ASCII digits, ready for `unlock`. */
        data class Totp(val code: String) : SecondFactor() {
            override fun toString(): String = "Totp(<redacted>)"
        }

        /** Sixteen Crockford characters grouped `XXXX-XXXX-XXXX-XXXX`, ready for `unlockWithRecoveryCode`. */
        data class Recovery(val code: String) : SecondFactor() {
            override fun toString(): String = "Recovery(<redacted>)"
        }

        /** Could still become a code with more typing. */
        data object Incomplete : SecondFactor()

        /** Cannot be either. */
        data object Invalid : SecondFactor()
    }

    /** A decimal digit of any script as its ASCII digit, or null. */
    private fun asciiDigit(c: Char): Char? {
        if (c in '0'..'9') return c
        val v = Character.digit(c, 10)
        return if (v in 0..9 && Character.isDigit(c)) ('0' + v) else null
    }

    /** The digits of [input] if it is only digits and separators; null otherwise. */
    private fun digitsOnly(input: String): String? {
        val out = StringBuilder(input.length)
        for (c in input) {
            if (c in SEPARATORS) continue
            out.append(asciiDigit(c) ?: return null)
        }
        return out.toString()
    }

    /** An authenticator code: 6 ASCII digits, or null if [input] is not one (yet). */
    fun totp(input: String): String? = digitsOnly(input)?.takeIf { it.length == CODE_DIGITS }

    /** A challenge: 6 ASCII digits, or null. Same tolerance as [totp]. */
    fun challenge(input: String): String? = totp(input)

    /** What a code field should keep while typing: digits only, at most 6. */
    fun filterCodeTyping(input: String): String =
        input.mapNotNull { asciiDigit(it) }.joinToString("").take(CODE_DIGITS)

    /** The canonical characters of a recovery code (no separators), or null if [input] cannot be one. */
    private fun recoveryChars(input: String): String? {
        val out = StringBuilder(RECOVERY_CHARS)
        for (raw in input) {
            if (raw in SEPARATORS) continue
            val c = when (val u = raw.uppercaseChar()) {
                'O' -> '0'
                'I', 'L' -> '1'
                else -> asciiDigit(u) ?: u
            }
            if (c !in CROCKFORD) return null
            out.append(c)
        }
        return out.toString()
    }

    /** [chars] (no separators) in groups of four joined by `-`. */
    private fun group(chars: String): String = chars.chunked(4).joinToString("-")

    /** A recovery code as `XXXX-XXXX-XXXX-XXXX`, or null if [input] is not a whole one. */
    fun recovery(input: String): String? =
        recoveryChars(input)?.takeIf { it.length == RECOVERY_CHARS }?.let(::group)

    /** What a recovery-code field should show while typing: canonical characters, grouped, at most 16. */
    fun formatRecoveryTyping(input: String): String {
        val chars = StringBuilder()
        for (raw in input) {
            if (chars.length == RECOVERY_CHARS) break
            val one = recoveryChars(raw.toString()) ?: continue
            chars.append(one)
        }
        return group(chars.toString())
    }

    /**
     * Classify what was typed in the unlock screen's second-factor field. A whole recovery code
     * is recognised wherever it is typed, so the holder does not have to find a switch first.
     */
    fun secondFactor(input: String): SecondFactor {
        totp(input)?.let { return SecondFactor.Totp(it) }
        recovery(input)?.let { return SecondFactor.Recovery(it) }
        val digits = digitsOnly(input)
        if (digits != null && digits.length < CODE_DIGITS) return SecondFactor.Incomplete
        val chars = recoveryChars(input) ?: return SecondFactor.Invalid
        return if (chars.length < RECOVERY_CHARS) SecondFactor.Incomplete else SecondFactor.Invalid
    }
}
