package kz.qujat.app.ui.common

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import kz.qujat.app.logic.presenter.Presenter

/**
 * A screen's presenter (pure Kotlin, from :logic) behind a ViewModel: events run one at a time
 * off the main thread (they may run Argon2id), states come back as a StateFlow for Compose.
 */
@OptIn(ExperimentalCoroutinesApi::class)
abstract class PresenterViewModel<S : Any, P : Presenter<S>>(protected val presenter: P) : ViewModel() {
    private val worker = Dispatchers.Default.limitedParallelism(1)
    private val _state = MutableStateFlow(presenter.state)
    val state: StateFlow<S> = _state.asStateFlow()
    private val subscription = presenter.observe { _state.value = it }

    /** Run an event on the presenter's worker. */
    protected fun send(event: P.() -> Unit) {
        viewModelScope.launch(worker) { presenter.event() }
    }

    override fun onCleared() {
        subscription.close()
    }
}
