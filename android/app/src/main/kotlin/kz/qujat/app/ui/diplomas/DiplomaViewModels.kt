package kz.qujat.app.ui.diplomas

import android.content.ContentResolver
import android.net.Uri
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.launch
import kz.qujat.app.AppGraph
import kz.qujat.app.bridge.CoreRules
import kz.qujat.app.logic.model.DiplomaDetail
import kz.qujat.app.logic.model.DiplomaList
import kz.qujat.app.logic.port.ImportProblem
import kz.qujat.app.logic.port.WalletFailure

/** The list: load, import a file, show the holder key. Plain calls: no state machine needed. */
class DiplomaListViewModel(private val graph: AppGraph) : ViewModel() {
    data class State(
        val list: DiplomaList? = null,
        val holderKey: String? = null,
        val failure: WalletFailure? = null,
        val imported: Boolean = false,
        val busy: Boolean = true,
    )

    private val _state = MutableStateFlow(State())
    val state: StateFlow<State> = _state

    fun load() = viewModelScope.launch(Dispatchers.IO) {
        _state.value = try {
            State(
                list = graph.wallet.list(),
                holderKey = CoreRules.groupedHex(graph.wallet.holderPublicKey()),
                busy = false,
            )
        } catch (e: WalletFailure) {
            _state.value.copy(failure = e, busy = false)
        }
    }

    /** Read a picked file (bounded: a wrong pick must not fill memory) and import it. */
    fun importFrom(resolver: ContentResolver, uri: Uri) = viewModelScope.launch(Dispatchers.IO) {
        val bytes = runCatching { resolver.openInputStream(uri)?.use { it.readAtMost(MAX_IMPORT_BYTES) } }.getOrNull()
        if (bytes == null) {
            _state.value = _state.value.copy(failure = WalletFailure.ImportRefused(ImportProblem.NOT_A_CREDENTIAL))
        } else {
            import(bytes)
        }
    }

    /** Check a credential file against the shipped trust list and store it. */
    fun import(bytes: ByteArray) = viewModelScope.launch(Dispatchers.IO) {
        val trust = graph.trust
        val anchor = trust.anchor
        val list = trust.trustList
        if (anchor == null || list == null) {
            _state.value = _state.value.copy(failure = WalletFailure.ImportRefused(ImportProblem.TRUST_LIST_INVALID))
            return@launch
        }
        try {
            graph.wallet.importDiploma(bytes, list, anchor)
            _state.value = _state.value.copy(imported = true, failure = null)
            load()
        } catch (e: WalletFailure) {
            _state.value = _state.value.copy(failure = e)
        }
    }
}

class DiplomaDetailViewModel(private val graph: AppGraph, private val id: String) : ViewModel() {
    data class State(val detail: DiplomaDetail? = null, val failure: WalletFailure? = null, val deleted: Boolean = false)

    private val _state = MutableStateFlow(State())
    val state: StateFlow<State> = _state

    fun load() = viewModelScope.launch(Dispatchers.IO) {
        _state.value = try {
            State(detail = graph.wallet.show(id, graph.settings.effectiveLanguage()))
        } catch (e: WalletFailure) {
            State(failure = e)
        }
    }

    fun delete() = viewModelScope.launch(Dispatchers.IO) {
        _state.value = try {
            graph.wallet.delete(id)
            State(deleted = true)
        } catch (e: WalletFailure) {
            _state.value.copy(failure = e)
        }
    }
}

/** A credential bundle is a few kilobytes; anything past this is not one. */
private const val MAX_IMPORT_BYTES = 256 * 1024

/** The stream's bytes, or null if there are more than [max] (never reads past max + one buffer). */
private fun java.io.InputStream.readAtMost(max: Int): ByteArray? {
    val out = java.io.ByteArrayOutputStream()
    val buf = ByteArray(8 * 1024)
    while (true) {
        val n = read(buf)
        if (n < 0) return out.toByteArray()
        if (out.size() + n > max) return null
        out.write(buf, 0, n)
    }
}
