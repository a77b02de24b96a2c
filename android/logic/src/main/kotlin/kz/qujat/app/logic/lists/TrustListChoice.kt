package kz.qujat.app.logic.lists

/** Where a trust list the app holds comes from. */
enum class TrustListOrigin {
    /** `files/trust/trust-list.bin`: the last trust list the verifier store accepted on the lists screen. */
    SAVED,

    /** `assets/trust/trust-list.bin`: the one this build ships. */
    SHIPPED,
}

/** A trust list the app holds, as read from its file (its signature not checked yet). */
class TrustListCopy(val origin: TrustListOrigin, val bytes: ByteArray) {
    override fun toString(): String = "TrustListCopy($origin, ${bytes.size} bytes)"
}

/**
 * Which of the trust lists the app holds the holder's import is checked against: the newest by
 * version, that is the list's sequence as the core reads it once the anchor's signature holds.
 * So a list saved by the lists screen is used as soon as it is saved, an app update that ships
 * a newer list than the one saved earlier is used at once, and an older list is never used
 * (the wallet would refuse it: it remembers the highest sequence it has seen).
 *
 * A copy the core does not read as a list signed by the anchor (cut, damaged, another anchor's:
 * [newest]'s `sequenceOf` gives null) is never chosen; when none is left there is nothing to
 * check an import against (null). Two copies of the same sequence: the earlier in the list
 * given (the saved copy, [TrustFiles.trustLists]: the one the verifier store accepted).
 */
object TrustListChoice {
    /**
     * The copy of [copies] with the highest sequence; [sequenceOf] reads a list's sequence
     * (null: not a list signed by the anchor). Sequences are unsigned 64-bit numbers, compared
     * as such.
     */
    fun newest(copies: List<TrustListCopy>, sequenceOf: (ByteArray) -> Long?): TrustListCopy? {
        var best: TrustListCopy? = null
        var bestSequence = 0uL
        for (copy in copies) {
            val sequence = sequenceOf(copy.bytes)?.toULong() ?: continue
            if (best == null || sequence > bestSequence) {
                best = copy
                bestSequence = sequence
            }
        }
        return best
    }
}
