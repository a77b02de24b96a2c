package kz.qujat.app.logic

import kz.qujat.app.logic.lists.LocationStore
import kz.qujat.app.logic.model.HeldStatusList
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.StatusFreshness
import kz.qujat.app.logic.model.TrustListInfo
import kz.qujat.app.logic.model.VerificationResult
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort

/**
 * A verifier store for the lists' tests, with the core's version rules in miniature: a "trust
 * list" is `[0x54, sequence]` (or `[0x54, sequence, variant]`: another list of that sequence), a
 * "status list" is `[0x53, issuer, issuedAt]`; an older list is a
 * rollback, the same version with other bytes a conflict, a status list needs its issuer (1..3)
 * in a trust list held. [failWith] makes every call fail with that failure.
 */
class FakeListStore(private val clock: TestClock) : VerifierPort {
    private var trust: ByteArray? = null
    private val status = sortedMapOf<Int, ByteArray>()
    var failWith: VerifierFailure? = null
    val calls = mutableListOf<String>()

    override fun installTrustList(bytes: ByteArray): TrustListInfo {
        calls += "trust"
        failWith?.let { throw it }
        if (bytes.size !in 2..3 || bytes[0] != T) throw VerifierFailure.TrustListInvalid()
        val held = trust
        if (held != null) {
            if (bytes[1] < held[1]) throw VerifierFailure.TrustListRollback(bytes[1].toLong(), held[1].toLong())
            if (bytes[1] == held[1] && !bytes.contentEquals(held)) throw VerifierFailure.TrustListConflict(bytes[1].toLong())
        }
        trust = bytes
        return info(bytes)
    }

    override fun trustListInfo(): TrustListInfo? = trust?.let(::info)

    override fun installStatusList(bytes: ByteArray): StatusFreshness {
        calls += "status"
        failWith?.let { throw it }
        if (bytes.size != 3 || bytes[0] != S) throw VerifierFailure.StatusListInvalid()
        if (trust == null) throw VerifierFailure.NoTrustList()
        if (bytes[1] !in 1..3) throw VerifierFailure.StatusListUnknownIssuer()
        val held = status[bytes[1].toInt()]
        if (held != null && bytes[2] < held[2]) throw VerifierFailure.StatusListRollback()
        status[bytes[1].toInt()] = bytes
        return freshness(bytes)
    }

    override fun statusLists(): List<HeldStatusList> {
        failWith?.let { throw it }
        return status.map { (issuer, bytes) -> HeldStatusList("kz.issuer$issuer", freshness(bytes)) }
    }

    override fun newChallenge(): String = "123456"

    override fun verify(text: String, expectedChallenge: String?, lang: Lang): VerificationResult =
        throw UnsupportedOperationException("not a scan test")

    private fun info(bytes: ByteArray) = TrustListInfo(bytes[1].toLong(), 1_000L * bytes[1], 1_000_000L, 3)

    private fun freshness(bytes: ByteArray) = StatusFreshness(bytes[2].toLong() * 100, bytes[2].toLong() * 100 + 86_400, clock.now - bytes[2] * 100)

    companion object {
        const val T: Byte = 0x54
        const val S: Byte = 0x53

        fun trust(sequence: Int) = byteArrayOf(T, sequence.toByte())

        fun status(issuer: Int, issuedAt: Int) = byteArrayOf(S, issuer.toByte(), issuedAt.toByte())
    }
}

/** The configured addresses in memory. */
class MemoryLocations(var text: String = "") : LocationStore {
    var saves = 0

    override fun load(): String = text

    override fun save(text: String) {
        this.text = text
        saves++
    }
}
