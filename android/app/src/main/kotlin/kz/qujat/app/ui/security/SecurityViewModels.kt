package kz.qujat.app.ui.security

import kz.qujat.app.AppGraph
import kz.qujat.app.logic.security.AfterRecoveryPresenter
import kz.qujat.app.logic.security.AfterRecoveryState
import kz.qujat.app.logic.security.AuditLogPresenter
import kz.qujat.app.logic.security.AuditLogState
import kz.qujat.app.logic.security.ChangePinPresenter
import kz.qujat.app.logic.security.ChangePinState
import kz.qujat.app.logic.security.RenewCodesPresenter
import kz.qujat.app.logic.security.RenewCodesState
import kz.qujat.app.logic.security.SwitchAuthenticatorPresenter
import kz.qujat.app.logic.security.SwitchAuthenticatorState
import kz.qujat.app.ui.common.PresenterViewModel

/*
 * The security screens' presenters (from :logic, JVM-tested) behind ViewModels: every event runs
 * on the presenter's one background worker (a PIN change runs Argon2id; every call may touch the
 * disk and the Keystore), states come back as a StateFlow. The wallet is already open when these
 * screens are reached (the holder has unlocked), so building them touches no disk.
 */

class ChangePinViewModel(graph: AppGraph) :
    PresenterViewModel<ChangePinState, ChangePinPresenter>(
        ChangePinPresenter(graph.wallet, graph.security, graph.rules, graph.clock),
    ) {
    fun refresh() = send { refresh() }
    fun tick() = send { tick() }
    fun newPinTyped(pin: String) = send { newPinTyped(pin) }
    fun submit(current: String, code: String, new: String, again: String) = send { submit(current, code, new, again) }
}

class RenewCodesViewModel(graph: AppGraph) :
    PresenterViewModel<RenewCodesState, RenewCodesPresenter>(RenewCodesPresenter(graph.wallet, graph.security)) {
    val canLeave: Boolean get() = presenter.canLeave
    fun load() = send { load() }
    fun askToRenew() = send { askToRenew() }
    fun cancelRenew() = send { cancelRenew() }
    fun renew() = send { renew() }
    fun acknowledge(on: Boolean) = send { acknowledge(on) }
    fun writtenDown() = send { writtenDown() }

    override fun onCleared() {
        presenter.dispose()
        super.onCleared()
    }
}

class SwitchAuthenticatorViewModel(graph: AppGraph, resume: Boolean) :
    PresenterViewModel<SwitchAuthenticatorState, SwitchAuthenticatorPresenter>(
        SwitchAuthenticatorPresenter(graph.wallet, graph.security, graph.rules, resuming = resume),
    ) {
    fun checkSession() = send { checkSession() }
    fun begin() = send { begin() }
    fun added() = send { added() }
    fun back() = send { back() }
    fun confirm(code: String) = send { confirm(code) }
    fun restart() = send { restart() }
    fun cancel() = send { cancel() }

    override fun onCleared() {
        presenter.dispose()
        super.onCleared()
    }
}

class AuditLogViewModel(graph: AppGraph) :
    PresenterViewModel<AuditLogState, AuditLogPresenter>(AuditLogPresenter(graph.wallet, graph.security)) {
    fun load() = send { load() }
}

class AfterRecoveryViewModel(graph: AppGraph) :
    PresenterViewModel<AfterRecoveryState, AfterRecoveryPresenter>(AfterRecoveryPresenter(graph.wallet, graph.security)) {
    fun load() = send { load() }
    fun dismiss() = send { dismiss() }
}
