package kz.qujat.app

import android.app.Application
import androidx.lifecycle.DefaultLifecycleObserver
import androidx.lifecycle.LifecycleOwner
import androidx.lifecycle.ProcessLifecycleOwner

class QujatApplication : Application() {
    val graph: AppGraph by lazy { AppGraph(this) }

    override fun onCreate() {
        super.onCreate()
        // Leaving the app locks the wallet at once (the core also locks after its idle timeout):
        // a phone handed over with the app in the background does not open to the diplomas.
        ProcessLifecycleOwner.get().lifecycle.addObserver(object : DefaultLifecycleObserver {
            override fun onStop(owner: LifecycleOwner) {
                Thread { runCatching { graph.wallet.lock() } }.start()
            }
        })
    }
}
