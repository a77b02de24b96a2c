package kz.qujat.app.ui.lists

import android.content.Context
import android.net.Uri
import android.provider.OpenableColumns
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import java.io.FileNotFoundException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import kz.qujat.app.data.TrustData
import kz.qujat.app.data.VerifierPrefs
import kz.qujat.app.logic.lists.HttpsListFetcher
import kz.qujat.app.logic.lists.ListSource
import kz.qujat.app.logic.lists.ListsPresenter
import kz.qujat.app.logic.lists.ListsState
import kz.qujat.app.logic.lists.VerifierListInstaller
import kz.qujat.app.logic.port.Clock
import kz.qujat.app.logic.port.VerifierPort

/**
 * The lists screen's [ListsPresenter] behind a ViewModel. Its events touch the verifier's state
 * file, the documents the user picked and the network, so they run one at a time on an I/O
 * worker; states come back as a StateFlow.
 */
@OptIn(ExperimentalCoroutinesApi::class)
class ListsViewModel(verifier: VerifierPort, private val app: Context, clock: Clock) : ViewModel() {
    private val worker = Dispatchers.IO.limitedParallelism(1)
    private val presenter = ListsPresenter(
        verifier = verifier,
        installer = VerifierListInstaller(verifier) { TrustData.saveTrustList(app, it) },
        fetch = HttpsListFetcher()::source,
        locations = VerifierPrefs(app),
        clock = clock,
    )
    private val _state = MutableStateFlow(presenter.state)
    val state: StateFlow<ListsState> = _state.asStateFlow()
    private val subscription = presenter.observe { _state.value = it }

    init {
        send { load() }
    }

    /** The documents the user picked (their read permission lasts while the app runs). */
    fun openFiles(uris: List<Uri>) = send { openFiles(uris.map(::source)) }

    fun download(locations: String) = send { download(locations) }

    private fun send(event: ListsPresenter.() -> Unit) {
        viewModelScope.launch(worker) { presenter.event() }
    }

    /** A picked document as a list source, named by its display name (read on the worker). */
    private fun source(uri: Uri): ListSource = ListSource.ofStream(displayName(uri)) {
        app.contentResolver.openInputStream(uri) ?: throw FileNotFoundException()
    }

    private fun displayName(uri: Uri): String = runCatching {
        app.contentResolver.query(uri, arrayOf(OpenableColumns.DISPLAY_NAME), null, null, null)?.use { c ->
            if (c.moveToFirst()) c.getString(0) else null
        }
    }.getOrNull() ?: uri.lastPathSegment ?: uri.toString()

    override fun onCleared() {
        subscription.close()
    }
}
