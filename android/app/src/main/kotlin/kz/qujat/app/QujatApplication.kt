package kz.qujat.app

import android.app.Application
import androidx.lifecycle.ProcessLifecycleOwner

class QujatApplication : Application() {
    val graph: AppGraph by lazy { AppGraph(this) }

    override fun onCreate() {
        super.onCreate()
        // Leaving the app locks the wallet at once (the core also locks after its idle timeout):
        // a phone handed over with the app in the background does not open to the diplomas.
        // Except while a system activity the app opened for a result (file picker, "save as")
        // is up, for a bounded time: see AppSession and logic/session/SessionGate.
        ProcessLifecycleOwner.get().lifecycle.addObserver(graph.session)
    }
}
