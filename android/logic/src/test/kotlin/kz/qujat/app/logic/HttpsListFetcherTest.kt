package kz.qujat.app.logic

import java.io.ByteArrayInputStream
import java.io.IOException
import java.io.InputStream
import java.net.HttpURLConnection
import java.net.SocketTimeoutException
import java.net.URI
import java.net.URL
import java.net.URLConnection
import java.security.cert.Certificate
import javax.net.ssl.HttpsURLConnection
import kz.qujat.app.logic.lists.DownloadFailure
import kz.qujat.app.logic.lists.HttpsListFetcher
import kz.qujat.app.logic.lists.ReadProblem
import kz.qujat.app.logic.lists.ReadResult
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The HTTPS download's rules, against fake connections (no network in the tests). */
class HttpsListFetcherTest {
    /** A canned answer for one address. */
    private class Answer(
        val code: Int = 200,
        val body: ByteArray = byteArrayOf(),
        val location: String? = null,
        val contentLength: Long = -1,
        val fail: IOException? = null,
    )

    private class FakeHttps(url: URL, private val answer: Answer) : HttpsURLConnection(url) {
        var disconnected = false
        override fun getResponseCode(): Int {
            answer.fail?.let { throw it }
            return answer.code
        }
        override fun getInputStream(): InputStream = ByteArrayInputStream(answer.body)
        override fun getHeaderField(name: String?): String? = if (name == "Location") answer.location else null
        override fun getContentLengthLong(): Long = answer.contentLength
        override fun connect() = Unit
        override fun disconnect() {
            disconnected = true
        }
        override fun usingProxy(): Boolean = false
        override fun getCipherSuite(): String = "TLS_AES_128_GCM_SHA256"
        override fun getLocalCertificates(): Array<Certificate>? = null
        override fun getServerCertificates(): Array<Certificate> = emptyArray()
    }

    private val answers = mutableMapOf<String, Answer>()
    private val opened = mutableListOf<FakeHttps>()
    private val fetcher = HttpsListFetcher(connectTimeoutMs = 1_000, readTimeoutMs = 2_000, maxBytes = 1_000) { url ->
        FakeHttps(url, answers[url.toString()] ?: Answer(404)).also { opened += it }
    }

    private fun fetch(url: String) = fetcher.fetch(URI(url))

    private fun failed(host: String, reason: DownloadFailure) = ReadResult.Failed(ReadProblem.DownloadFailed(host, reason))

    @Test
    fun `a 200 gives the bytes, with timeouts set, no cache and no automatic redirects`() {
        answers["https://lists.example.kz/trust-list.bin"] = Answer(body = byteArrayOf(1, 2, 3))
        val r = fetch("https://lists.example.kz/trust-list.bin")
        assertTrue((r as ReadResult.Bytes).bytes.contentEquals(byteArrayOf(1, 2, 3)))
        val c = opened.single()
        assertEquals(1_000, c.connectTimeout)
        assertEquals(2_000, c.readTimeout)
        assertFalse(c.useCaches)
        assertFalse(c.instanceFollowRedirects)
        assertTrue(c.disconnected)
    }

    @Test
    fun `more than the cap is too large, announced or not`() {
        answers["https://a.kz/big"] = Answer(body = ByteArray(1_001))
        answers["https://a.kz/announced"] = Answer(body = ByteArray(10), contentLength = 5_000_000)
        answers["https://a.kz/exact"] = Answer(body = ByteArray(1_000))
        assertEquals(ReadResult.Failed(ReadProblem.TooLarge), fetch("https://a.kz/big"))
        assertEquals(ReadResult.Failed(ReadProblem.TooLarge), fetch("https://a.kz/announced"))
        assertEquals(1_000, (fetch("https://a.kz/exact") as ReadResult.Bytes).bytes.size)
    }

    @Test
    fun `redirects are followed to https only, and not forever`() {
        answers["https://a.kz/x"] = Answer(302, location = "https://cdn.a.kz/x")
        answers["https://cdn.a.kz/x"] = Answer(301, location = "/lists/x.bin")
        answers["https://cdn.a.kz/lists/x.bin"] = Answer(body = byteArrayOf(9))
        assertTrue((fetch("https://a.kz/x") as ReadResult.Bytes).bytes.contentEquals(byteArrayOf(9)))
        assertEquals(3, opened.size)
        assertTrue(opened.all { it.disconnected })

        answers["https://a.kz/down"] = Answer(307, location = "http://a.kz/plain")
        assertEquals(failed("a.kz", DownloadFailure.NOT_HTTPS), fetch("https://a.kz/down"))
        assertFalse(opened.any { it.url.protocol == "http" }, "never connected over plain http")

        answers["https://a.kz/loop"] = Answer(302, location = "https://a.kz/loop")
        opened.clear()
        assertEquals(failed("a.kz", DownloadFailure.TOO_MANY_REDIRECTS), fetch("https://a.kz/loop"))
        assertEquals(HttpsListFetcher.MAX_REDIRECTS + 1, opened.size)

        answers["https://a.kz/nowhere"] = Answer(302)
        assertEquals(failed("a.kz", DownloadFailure.HTTP_STATUS), fetch("https://a.kz/nowhere"))
    }

    @Test
    fun `other statuses, timeouts and network errors are a failed download of that host`() {
        assertEquals(failed("a.kz", DownloadFailure.HTTP_STATUS), fetch("https://a.kz/missing"))
        answers["https://a.kz/slow"] = Answer(fail = SocketTimeoutException())
        assertEquals(failed("a.kz", DownloadFailure.TIMEOUT), fetch("https://a.kz/slow"))
        answers["https://a.kz/tls"] = Answer(fail = javax.net.ssl.SSLHandshakeException("bad certificate"))
        assertEquals(failed("a.kz", DownloadFailure.NETWORK), fetch("https://a.kz/tls"))
        assertTrue(opened.all { it.disconnected })
    }

    @Test
    fun `plain http and connections that are not https are never used`() {
        assertEquals(failed("a.kz", DownloadFailure.NOT_HTTPS), fetch("http://a.kz/x"))
        assertTrue(opened.isEmpty())
        val plain = HttpsListFetcher { url ->
            object : HttpURLConnection(url) {
                override fun connect() = Unit
                override fun disconnect() = Unit
                override fun usingProxy() = false
            } as URLConnection
        }
        assertEquals(failed("a.kz", DownloadFailure.NOT_HTTPS), plain.fetch(URI("https://a.kz/x")))
    }

    @Test
    fun `a source names the address and fetches only when read`() {
        answers["https://a.kz/s.bin"] = Answer(body = byteArrayOf(5))
        val source = fetcher.source(URI("https://a.kz/s.bin"))
        assertEquals("https://a.kz/s.bin", source.name)
        assertTrue(opened.isEmpty())
        assertInstanceOf(ReadResult.Bytes::class.java, source.read())
    }
}
