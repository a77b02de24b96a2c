// Timing harness (not a test): the cost of one Kotlin → Rust verify call, to compare with
// bindings/examples/verify_cost.rs. Run by scripts/bindings-cost.sh against the release library.
// Prints numbers; asserts nothing but that the presentation verifies.
package kz.qujat.tests

import kz.qujat.core.*

private fun timePerCall(label: String, iterations: Int, f: () -> Unit) {
    repeat(iterations / 10) { f() }
    val batches = (0 until 5).map {
        val start = System.nanoTime()
        repeat(iterations) { f() }
        (System.nanoTime() - start) / 1000.0 / iterations
    }.sorted()
    println("kotlin: $label: ${"%.3f".format(batches[2])} µs per call (median of 5 batches of $iterations)")
}

fun main() {
    val world = World()
    val holder = Holder(world)
    val id = holder.importEnu().id
    val text = holder.wallet.present(id, PresentationRequest(defaultPresentationClaims(Language.EN), null, 600u)).text
    println("presentation: ${text.length} characters")
    val verifier = Verifier(world.anchor.publicKey())
    verifier.installTrustList(world.trustList)
    verifier.installStatusList(world.statusList())
    check(verifier.verify(text, null, Language.EN).verdict == Verdict.Valid)

    val n = 2000
    var sink = 0
    timePerCall("Verifier.verify", n) { sink += verifier.verify(text, null, Language.EN).claims.size }
    timePerCall("claimLabel (trivial call)", n * 50) { sink += claimLabel(ClaimId.NAME, Language.EN).length }
    timePerCall("Wallet.present", n / 4) {
        sink += holder.wallet.present(id, PresentationRequest(defaultPresentationClaims(Language.EN))).text.length
    }
    println("(checksum $sink)")
}
