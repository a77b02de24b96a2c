package kz.qujat.app.logic.lists

import java.io.IOException
import java.net.HttpURLConnection
import java.net.SocketTimeoutException
import java.net.URI
import java.net.URISyntaxException
import java.net.URL
import java.net.URLConnection
import javax.net.ssl.HttpsURLConnection
import kz.qujat.app.logic.io.readAtMost

/**
 * Downloads a list file from an HTTPS address with `HttpsURLConnection` (the platform's TLS and
 * certificate checks): connect and read timeouts, at most [maxBytes], no cache, no cookies sent.
 * Redirects are followed by hand, at most [MAX_REDIRECTS], and only to `https://` addresses (the
 * platform's own redirect handling is off). Blocking: call it off the main thread.
 *
 * [open] makes the connection (tests give fakes); the app uses the default.
 */
class HttpsListFetcher(
    private val connectTimeoutMs: Int = 15_000,
    private val readTimeoutMs: Int = 30_000,
    private val maxBytes: Int = ListUpdate.MAX_FILE_BYTES,
    private val open: (URL) -> URLConnection = { it.openConnection() },
) {
    /** The bytes at [uri], or why there are none. */
    fun fetch(uri: URI): ReadResult {
        val host = uri.host.orEmpty()
        var current = uri
        repeat(MAX_REDIRECTS + 1) {
            if (current.scheme?.lowercase() != "https" || current.host.isNullOrEmpty() || current.rawUserInfo != null) {
                return failed(host, DownloadFailure.NOT_HTTPS)
            }
            val connection = try {
                open(current.toURL())
            } catch (e: IOException) {
                return failed(host, DownloadFailure.NETWORK)
            } catch (e: IllegalArgumentException) {
                return failed(host, DownloadFailure.NOT_HTTPS)
            }
            val https = connection as? HttpsURLConnection ?: return failed(host, DownloadFailure.NOT_HTTPS)
            try {
                https.instanceFollowRedirects = false
                https.connectTimeout = connectTimeoutMs
                https.readTimeout = readTimeoutMs
                https.useCaches = false
                https.setRequestProperty("Accept", "application/octet-stream, */*")
                val code = https.responseCode
                when {
                    code == HttpURLConnection.HTTP_OK -> {
                        if (https.contentLengthLong > maxBytes) return ReadResult.Failed(ReadProblem.TooLarge)
                        val bytes = https.inputStream.use { readAtMost(it, maxBytes.toLong()) }
                        return if (bytes == null) ReadResult.Failed(ReadProblem.TooLarge) else ReadResult.Bytes(bytes)
                    }
                    code in REDIRECTS -> {
                        val location = https.getHeaderField("Location") ?: return failed(host, DownloadFailure.HTTP_STATUS)
                        current = try {
                            current.resolve(URI(location.trim()))
                        } catch (e: URISyntaxException) {
                            return failed(host, DownloadFailure.HTTP_STATUS)
                        }
                    }
                    else -> return failed(host, DownloadFailure.HTTP_STATUS)
                }
            } catch (e: SocketTimeoutException) {
                return failed(host, DownloadFailure.TIMEOUT)
            } catch (e: IOException) {
                return failed(host, DownloadFailure.NETWORK)
            } finally {
                https.disconnect()
            }
        }
        return failed(host, DownloadFailure.TOO_MANY_REDIRECTS)
    }

    /** [uri] as a source of the list update (its name: the address as typed). */
    fun source(uri: URI): ListSource = ListSource(uri.toString()) { fetch(uri) }

    private fun failed(host: String, reason: DownloadFailure) = ReadResult.Failed(ReadProblem.DownloadFailed(host, reason))

    companion object {
        /** Redirects followed, each to an `https://` address. */
        const val MAX_REDIRECTS: Int = 5

        private val REDIRECTS = setOf(301, 302, 303, 307, 308)
    }
}
