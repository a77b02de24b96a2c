package kz.qujat.app.logic.trust

/**
 * The trust anchor's public key as shipped with the app: a `qujat` public-key file (a header
 * line starting `QUJAT`, then 64 hex digits, as `qujat issuer keygen` and `qujat demo --out`
 * write it), bare hex, or the raw 32 bytes.
 */
object AnchorKey {
    const val LEN: Int = 32

    /** The 32 key bytes, or null if [bytes] is none of the accepted shapes. */
    fun parse(bytes: ByteArray): ByteArray? {
        if (bytes.size == LEN) return bytes.copyOf()
        val text = runCatching { bytes.toString(Charsets.US_ASCII) }.getOrNull() ?: return null
        val line = text.lineSequence().map { it.trim() }.firstOrNull { it.isNotEmpty() && !it.startsWith("QUJAT") }
            ?: return null
        if (line.length != 2 * LEN || !line.all { it in '0'..'9' || it in 'a'..'f' || it in 'A'..'F' }) return null
        return ByteArray(LEN) { i -> line.substring(2 * i, 2 * i + 2).toInt(16).toByte() }
    }

    /** Lower-case hex, for showing a key (the holder key to give an issuer, say). */
    fun hex(key: ByteArray): String = buildString(key.size * 2) {
        for (b in key) {
            append(HEX[(b.toInt() shr 4) and 0xf])
            append(HEX[b.toInt() and 0xf])
        }
    }

    private const val HEX = "0123456789abcdef"

    /** Hex in groups of four, so a person can read it aloud or compare it. */
    fun grouped(key: ByteArray): String = hex(key).chunked(4).joinToString(" ")
}
