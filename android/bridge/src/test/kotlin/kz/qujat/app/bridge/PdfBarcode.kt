package kz.qujat.app.bridge

import java.util.zip.Inflater

/**
 * Reads back the barcode of a PDF made by `Wallet.exportPdf` (docs/PDF.md: the `QJ1:` string as
 * a level-Q QR code, an 8-bit grey image XObject at one pixel per module with its quiet zone),
 * so the JVM tests can verify the document presentation it carries as a phone would after
 * scanning the page. Test support only: a clean, computer-drawn symbol, so no error correction
 * is attempted (a misread would fail the verification, not pass it).
 */
object PdfBarcode {
    /** The text of the first grey image of [pdf] that is a QR code. */
    fun read(pdf: ByteArray): String {
        val text = String(pdf, Charsets.ISO_8859_1)
        val image = Regex("""/Subtype\s*/Image[^>]*?/Width (\d+)\s*/Height (\d+)""").find(text)
            ?: error("no image in the PDF")
        val width = image.groupValues[1].toInt()
        require(image.groupValues[2].toInt() == width) { "not a square image" }
        var start = text.indexOf("stream", image.range.last) + "stream".length
        if (text[start] == '\r') start++
        if (text[start] == '\n') start++
        val pixels = ByteArray(width * width)
        Inflater().run {
            setInput(pdf, start, pdf.size - start)
            var filled = 0
            while (filled < pixels.size && !finished()) {
                val n = inflate(pixels, filled, pixels.size - filled)
                if (n == 0 && (needsInput() || needsDictionary())) break
                filled += n
            }
            end()
            check(filled == pixels.size) { "short image" }
        }
        return decode(Array(width) { y -> BooleanArray(width) { x -> (pixels[y * width + x].toInt() and 0xff) < 128 } })
    }

    /** The text of a QR symbol drawn as dark (true) and light pixels, one per module, quiet zone allowed. */
    fun decode(pixels: Array<BooleanArray>): String {
        val rows = pixels.indices.filter { y -> pixels[y].any { it } }
        val cols = pixels[0].indices.filter { x -> pixels.any { it[x] } }
        val n = rows.last() - rows.first() + 1
        val m = Array(n) { r -> BooleanArray(n) { c -> pixels[rows.first() + r][cols.first() + c] } }
        val version = (n - 17) / 4
        require(n == 17 + 4 * version && version in 1..40) { "not a QR symbol: $n modules" }

        // Format information next to the top-left finder: level (2 bits) and mask (3 bits).
        val formatCells = (0..5).map { 8 to it } + listOf(8 to 7, 8 to 8, 7 to 8) + (5 downTo 0).map { it to 8 }
        val format = formatCells.fold(0) { acc, (r, c) -> (acc shl 1) or (if (m[r][c]) 1 else 0) } xor 0x5412
        require((format shr 13) and 3 == 3) { "not error correction level Q" }
        val mask = (format shr 10) and 7

        val function = functionModules(n, version)
        val bits = ArrayList<Boolean>()
        var right = n - 1
        while (right >= 1) {
            if (right == 6) right = 5
            for (vert in 0 until n) {
                for (j in 0..1) {
                    val x = right - j
                    val upward = ((right + 1) and 2) == 0
                    val y = if (upward) n - 1 - vert else vert
                    if (!function[y][x]) bits += m[y][x] xor masked(mask, x, y)
                }
            }
            right -= 2
        }
        val codewords = IntArray(bits.size / 8) { i -> (0 until 8).fold(0) { acc, b -> (acc shl 1) or (if (bits[i * 8 + b]) 1 else 0) } }

        // De-interleave the data codewords of the blocks (the error correction codewords follow).
        val (size1, count1, size2, count2) = Q_BLOCKS[version - 1]
        val sizes = List(count1) { size1 } + List(count2) { size2 }
        val blocks = sizes.map { ArrayList<Int>(it) }
        var k = 0
        for (i in 0 until sizes.max()) for (b in blocks.indices) if (i < sizes[b]) blocks[b] += codewords[k++]
        return segments(blocks.flatten(), version)
    }

    private fun segments(data: List<Int>, version: Int): String {
        val bits = data.joinToString("") { it.toString(2).padStart(8, '0') }
        var p = 0
        fun take(k: Int): Int = bits.substring(p, p + k).toInt(2).also { p += k }
        val size = if (version < 10) 0 else if (version < 27) 1 else 2
        val out = StringBuilder()
        while (p + 4 <= bits.length) {
            when (val mode = take(4)) {
                0 -> break
                1 -> {
                    val count = take(intArrayOf(10, 12, 14)[size])
                    repeat(count / 3) { out.append(take(10).toString().padStart(3, '0')) }
                    when (count % 3) {
                        2 -> out.append(take(7).toString().padStart(2, '0'))
                        1 -> out.append(take(4))
                    }
                }
                2 -> {
                    val count = take(intArrayOf(9, 11, 13)[size])
                    repeat(count / 2) { take(11).let { out.append(ALNUM[it / 45]).append(ALNUM[it % 45]) } }
                    if (count % 2 == 1) out.append(ALNUM[take(6)])
                }
                4 -> {
                    val count = take(intArrayOf(8, 16, 16)[size])
                    out.append(String(ByteArray(count) { take(8).toByte() }, Charsets.UTF_8))
                }
                else -> error("QR mode $mode not read here")
            }
        }
        return out.toString()
    }

    private fun masked(mask: Int, x: Int, y: Int): Boolean = when (mask) {
        0 -> (x + y) % 2 == 0
        1 -> y % 2 == 0
        2 -> x % 3 == 0
        3 -> (x + y) % 3 == 0
        4 -> (x / 3 + y / 2) % 2 == 0
        5 -> x * y % 2 + x * y % 3 == 0
        6 -> (x * y % 2 + x * y % 3) % 2 == 0
        else -> ((x + y) % 2 + x * y % 3) % 2 == 0
    }

    /** Finders with separators and format areas, timing lines, alignment patterns, version areas. */
    private fun functionModules(n: Int, version: Int): Array<BooleanArray> {
        val f = Array(n) { BooleanArray(n) }
        fun mark(r0: Int, c0: Int, h: Int, w: Int) {
            for (r in r0 until r0 + h) for (c in c0 until c0 + w) if (r in 0 until n && c in 0 until n) f[r][c] = true
        }
        mark(0, 0, 9, 9)
        mark(0, n - 8, 9, 8)
        mark(n - 8, 0, 8, 9)
        for (i in 0 until n) {
            f[6][i] = true
            f[i][6] = true
        }
        if (version > 1) {
            val count = version / 7 + 2
            val step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
            val pos = mutableListOf(6)
            var p = n - 7
            while (pos.size < count) {
                pos.add(1, p)
                p -= step
            }
            for (a in pos) for (b in pos) {
                val corner = (a == 6 && b == 6) || (a == 6 && b == pos.last()) || (a == pos.last() && b == 6)
                if (!corner) mark(a - 2, b - 2, 5, 5)
            }
        }
        if (version >= 7) {
            mark(0, n - 11, 6, 3)
            mark(n - 11, 0, 3, 6)
        }
        return f
    }

    private const val ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

    /**
     * Level Q's data blocks per version: (data codewords, blocks, data codewords, blocks) —
     * ISO/IEC 18004 Table 9, as the `qrcode` crate the core draws with has it.
     */
    private val Q_BLOCKS: List<List<Int>> = listOf(
        listOf(13, 1, 0, 0), listOf(22, 1, 0, 0), listOf(17, 2, 0, 0), listOf(24, 2, 0, 0), listOf(15, 2, 16, 2),
        listOf(19, 4, 0, 0), listOf(14, 2, 15, 4), listOf(18, 4, 19, 2), listOf(16, 4, 17, 4), listOf(19, 6, 20, 2),
        listOf(22, 4, 23, 4), listOf(20, 4, 21, 6), listOf(20, 8, 21, 4), listOf(16, 11, 17, 5), listOf(24, 5, 25, 7),
        listOf(19, 15, 20, 2), listOf(22, 1, 23, 15), listOf(22, 17, 23, 1), listOf(21, 17, 22, 4), listOf(24, 15, 25, 5),
        listOf(22, 17, 23, 6), listOf(24, 7, 25, 16), listOf(24, 11, 25, 14), listOf(24, 11, 25, 16), listOf(24, 7, 25, 22),
        listOf(22, 28, 23, 6), listOf(23, 8, 24, 26), listOf(24, 4, 25, 31), listOf(23, 1, 24, 37), listOf(24, 15, 25, 25),
        listOf(24, 42, 25, 1), listOf(24, 10, 25, 35), listOf(24, 29, 25, 19), listOf(24, 44, 25, 7), listOf(24, 39, 25, 14),
        listOf(24, 46, 25, 10), listOf(24, 49, 25, 10), listOf(24, 48, 25, 14), listOf(24, 43, 25, 22), listOf(24, 34, 25, 34),
    )
}
