// One Wallet and one Verifier shared by several threads.
package kz.qujat.tests

import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kz.qujat.core.*
import org.junit.jupiter.api.Test

class ThreadsTest {
    @Test
    fun `eight threads present, list, show and verify at once`() {
        val world = World()
        val h = Holder(world)
        val ids = (0uL until 3uL).map { h.importEnu(it).id }
        val verifier = world.verifier()
        val pool = Executors.newFixedThreadPool(8)
        val tasks = (0 until 8).map { t ->
            Callable {
                var valid = 0
                repeat(10) { i ->
                    val id = ids[(t + i) % ids.size]
                    val p = h.wallet.present(id, PresentationRequest(defaultPresentationClaims(Language.EN)))
                    assertEquals(3, h.wallet.list().diplomas.size)
                    assertEquals(id, h.wallet.show(id, Language.RU).summary.id)
                    if (verifier.verify(p.text, null, Language.EN).verdict == Verdict.Valid) valid++
                }
                valid
            }
        }
        val results = pool.invokeAll(tasks).map { it.get() }
        pool.shutdown()
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS))
        assertEquals(List(8) { 10 }, results)
        val presents = h.wallet.auditLog().entries.count { it.kind == AuditKind.Present }
        assertEquals(80, presents)
    }

    @Test
    fun `several wallets on several threads, each with its own Kotlin key store`() {
        val world = World()
        val pool = Executors.newFixedThreadPool(4)
        val futures = (0 until 4).map {
            pool.submit(Callable {
                val h = Holder(world)
                h.importEnu()
                h.wallet.list().diplomas.size
            })
        }
        assertEquals(List(4) { 1 }, futures.map { it.get() })
        pool.shutdown()
    }
}
