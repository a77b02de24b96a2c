package kz.qujat.app.logic.lists

import java.net.URI
import kz.qujat.app.logic.model.HeldStatusList
import kz.qujat.app.logic.model.TrustListInfo
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.app.logic.presenter.Presenter

/** Where the configured HTTPS addresses are kept (plain preferences: public addresses, no personal data). */
interface LocationStore {
    fun load(): String

    fun save(text: String)
}

/** A note above the results: why nothing was downloaded, or why the lists held cannot be read. */
sealed interface ListsNotice {
    /** [line] of the configured addresses is not an `https://` address (`lists_bad_location`). */
    data class BadLocation(val line: String) : ListsNotice

    /** No address is configured (`lists_no_location`). */
    data object NoLocation : ListsNotice

    /** More than [ListUpdate.MAX_LOCATIONS] addresses. */
    data object TooManyLocations : ListsNotice

    /** The verifier's state could not be read: the lists held are unknown. */
    data class CannotRead(val failure: VerifierFailure) : ListsNotice
}

/** The trust and status lists screen. */
data class ListsState(
    /** The lists held are being read (the first time). */
    val loading: Boolean = true,
    val trustList: TrustListInfo? = null,
    val statusLists: List<HeldStatusList> = emptyList(),
    /** When the lists held were read: their ages count from here. */
    val readAt: Long = 0,
    /** The configured addresses, as saved. */
    val locations: String = "",
    /** An update is running: the buttons wait. */
    val busy: Boolean = false,
    val notice: ListsNotice? = null,
    /** The last update's outcome, one line per file or address, in their order. */
    val results: List<ListUpdate.FileResult> = emptyList(),
)

/**
 * Update the verifier's trust list and status lists from files the user opened or from the
 * configured HTTPS addresses, always through the verifier store (which never takes an older
 * list), and show the lists held with their age. Every event blocks (the verifier's state file,
 * the network): the app sends them from one background worker.
 *
 * [fetch] makes the source for one address ([HttpsListFetcher.source] in the app).
 */
class ListsPresenter(
    private val verifier: VerifierPort,
    private val installer: ListInstaller,
    private val fetch: (URI) -> ListSource,
    private val locations: LocationStore,
    private val clock: Clock,
) : Presenter<ListsState>(ListsState()) {
    /** The screen appears: read the lists held and the configured addresses. */
    fun load() {
        emit(held(state.copy(loading = false, locations = locations.load())))
    }

    /** Install the files the user opened. */
    fun openFiles(sources: List<ListSource>) {
        if (state.busy || sources.isEmpty()) return
        update(sources)
    }

    /** Save [text] as the configured addresses and download every one of them. */
    fun download(text: String) {
        if (state.busy) return
        locations.save(text)
        val parsed = ListUpdate.parseLocations(text)
        val notice = when {
            parsed.rejected.isNotEmpty() -> ListsNotice.BadLocation(parsed.rejected.first())
            parsed.urls.isEmpty() -> ListsNotice.NoLocation
            parsed.urls.size > ListUpdate.MAX_LOCATIONS -> ListsNotice.TooManyLocations
            else -> null
        }
        if (notice != null) {
            emit(state.copy(locations = text, notice = notice))
            return
        }
        emit(state.copy(locations = text))
        update(parsed.urls.map(fetch))
    }

    private fun update(sources: List<ListSource>) {
        emit(state.copy(busy = true, notice = null, results = emptyList()))
        val results = ListUpdate.apply(sources, installer)
        emit(held(state.copy(busy = false, results = results)))
    }

    /** [s] with the lists held now (or why they cannot be read). */
    private fun held(s: ListsState): ListsState = try {
        s.copy(
            trustList = verifier.trustListInfo(),
            statusLists = verifier.statusLists(),
            readAt = clock.nowSeconds(),
            notice = s.notice.takeUnless { it is ListsNotice.CannotRead },
        )
    } catch (e: VerifierFailure) {
        s.copy(notice = ListsNotice.CannotRead(e), readAt = clock.nowSeconds())
    }
}
