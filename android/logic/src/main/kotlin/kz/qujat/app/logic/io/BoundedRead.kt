package kz.qujat.app.logic.io

import java.io.ByteArrayOutputStream
import java.io.InputStream

/**
 * All of [input], or null if it holds more than [max] bytes: the one bounded read of the app,
 * for every document the holder picks (a credential to import, a backup to restore), every list
 * file the verifier opens or downloads, and the trust files the app holds
 * ([kz.qujat.app.logic.lists.TrustFiles]), so that a wrong pick or a wrong file cannot fill the
 * phone's memory. Never reads more than [max] plus one buffer (64 KiB). An empty stream gives
 * an empty array. The caller closes the stream.
 */
fun readAtMost(input: InputStream, max: Long): ByteArray? {
    require(max >= 0) { "max must not be negative" }
    val out = ByteArrayOutputStream()
    val buf = ByteArray(BUFFER_BYTES)
    var total = 0L
    while (true) {
        val n = input.read(buf)
        if (n < 0) return out.toByteArray()
        total += n
        if (total > max) return null
        out.write(buf, 0, n)
    }
}

private const val BUFFER_BYTES = 64 * 1024
