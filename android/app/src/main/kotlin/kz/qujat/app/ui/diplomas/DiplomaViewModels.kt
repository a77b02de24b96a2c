package kz.qujat.app.ui.diplomas

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.launch
import kz.qujat.app.AppGraph
import kz.qujat.app.logic.model.DiplomaDetail
import kz.qujat.app.logic.model.DiplomaList
import kz.qujat.app.logic.model.HolderKey
import kz.qujat.app.logic.port.WalletFailure
import kz.qujat.app.logic.session.ImportOutcome

/**
 * The list: load, show the holder key, and the outcome of imports. A picked file is imported by
 * the session ([kz.qujat.app.session.AppSession.importFrom]), not here: a lock met on the way
 * back from the picker clears this screen, and the file must survive it (it is imported after
 * the unlock, and its outcome arrives here all the same).
 */
class DiplomaListViewModel(private val graph: AppGraph) : ViewModel() {
    data class State(
        val list: DiplomaList? = null,
        /** The holder key, shown and handed to the university (Copy, Share). */
        val holderKey: HolderKey? = null,
        val failure: WalletFailure? = null,
        val imported: Boolean = false,
        val busy: Boolean = true,
    )

    private val _state = MutableStateFlow(State())
    val state: StateFlow<State> = _state

    init {
        viewModelScope.launch {
            graph.session.lastImport.collect { outcome ->
                when (outcome) {
                    null, ImportOutcome.WaitingForUnlock -> return@collect // the navigation goes to unlock
                    is ImportOutcome.Imported -> {
                        _state.value = _state.value.copy(imported = true, failure = null)
                        load()
                    }
                    is ImportOutcome.Refused -> _state.value = _state.value.copy(failure = outcome.failure)
                }
                graph.session.importSeen(outcome)
            }
        }
    }

    fun load() = viewModelScope.launch(Dispatchers.IO) {
        _state.value = try {
            State(
                list = graph.wallet.list(),
                holderKey = HolderKey.of(graph.wallet.holderPublicKey(), graph.rules),
                busy = false,
            )
        } catch (e: WalletFailure) {
            _state.value.copy(failure = e, busy = false)
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
