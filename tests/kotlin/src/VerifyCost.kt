// Timing harness (not a test): the cost of Kotlin → Rust calls through the generated bindings,
// the twin of bindings/examples/verify_cost.rs: the same input (the file that program writes),
// the same cases, the same timing. Run by scripts/bindings-cost.sh against the release library.
// Prints `RESULT kotlin <case> <median ns> <q1 ns> <q3 ns> <calls> <on-CPU ns>` lines; asserts
// nothing but that the presentation verifies.
//
// Timing: each case runs for 1 s of warm-up (the JIT compiles the call path), which also sets
// the batch size to about 50 ms of calls; then 15 batches; the result is the median of the
// batches' mean wall-clock time per call, with the first and third quartiles, and the median of
// the batches' on-CPU time of the calling thread per call (/proc/thread-self/schedstat: what
// the thread itself ran, without the time it waited for a core while the JVM's other threads,
// such as JNA's cleaner and the GC, or other processes ran).
package kz.qujat.tests

import java.io.File
import kz.qujat.core.*

private const val WARM_UP_NS = 1_000_000_000L
private const val BATCH_NS = 50_000_000L
private const val BATCHES = 15

/** Nanoseconds the calling thread has run on a CPU (Linux; 0 elsewhere). */
private fun threadCpuNs(): Double =
    runCatching { File("/proc/thread-self/schedstat").readText().trim().split(' ')[0].toDouble() }.getOrDefault(0.0)

private inline fun timePerCall(case: String, f: () -> Unit) {
    val start = System.nanoTime()
    var warm = 0L
    while (System.nanoTime() - start < WARM_UP_NS) {
        f()
        warm++
    }
    val perBatch = maxOf(1L, Math.ceil(warm.toDouble() * BATCH_NS / (System.nanoTime() - start)).toLong())
    val batches = (0 until BATCHES).map {
        val (t, c) = System.nanoTime() to threadCpuNs()
        for (i in 0 until perBatch) f()
        Pair((System.nanoTime() - t).toDouble() / perBatch, (threadCpuNs() - c) / perBatch)
    }
    val means = batches.map { it.first }.sorted()
    val cpu = batches.map { it.second }.sorted()
    val (q1, med, q3) = Triple(means[BATCHES / 4], means[BATCHES / 2], means[3 * BATCHES / 4])
    val f0 = { x: Double -> "%.0f".format(x) }
    println("RESULT kotlin $case ${f0(med)} ${f0(q1)} ${f0(q3)} ${perBatch * BATCHES} ${f0(cpu[BATCHES / 2])}")
}

/** A clock implemented in Kotlin: each `now()` the core asks for is a call back into the JVM. */
private object CallerClock : Clock {
    override fun now(): Long = System.currentTimeMillis() / 1000
}

private fun unhex(s: String): ByteArray = ByteArray(s.length / 2) { s.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

fun main(args: Array<String>) {
    val lines = File(args.single()).readLines()
    val (anchor, trustList, statusList) = lines.take(3).map(::unhex)
    val text = lines[3]
    println("presentation: ${text.length} characters (read from ${args.single()})")
    fun verifier(v: Verifier) = v.also {
        it.installTrustList(trustList)
        it.installStatusList(statusList)
        check(it.verify(text, null, Language.EN).verdict == Verdict.Valid)
    }
    val ffi = verifier(Verifier(anchor))
    val ffiClock = verifier(Verifier.withClock(anchor, CallerClock))
    val junk650 = "x".repeat(text.length)

    // Keep results alive so the JIT cannot drop the calls (Rust uses black_box).
    var sink = 0L
    timePerCall("verify") { sink += ffi.verify(text, null, Language.EN).claims.size }
    timePerCall("verify_caller_clock") { sink += ffiClock.verify(text, null, Language.EN).claims.size }
    timePerCall("verify_malformed_650") { sink += ffi.verify(junk650, null, Language.EN).verifiedAt }
    timePerCall("verify_malformed_1") { sink += ffi.verify("x", null, Language.EN).verifiedAt }
    timePerCall("trust_list_info") { sink += ffi.trustListInfo()!!.issuers.toLong() }
    timePerCall("claim_label") { sink += claimLabel(ClaimId.NAME, Language.EN).length }
    println("(checksum $sink)")
}
