package kz.qujat.app.logic.presenter

import java.util.concurrent.CopyOnWriteArrayList

/**
 * A screen's state machine: events in (method calls), states out. Pure Kotlin, so it runs in
 * the JVM tests exactly as in the app.
 *
 * Threading: events may block (they call the core, and unlock runs Argon2id), so the app calls
 * them from one background worker at a time; observers are told of every state from that
 * thread and must hand it to the UI thread themselves (a `MutableStateFlow` does).
 */
abstract class Presenter<S : Any>(initial: S) {
    @Volatile
    var state: S = initial
        private set

    private val observers = CopyOnWriteArrayList<(S) -> Unit>()

    /** Observe every state from now on, starting with the current one. Close to stop. */
    fun observe(observer: (S) -> Unit): AutoCloseable {
        observers += observer
        observer(state)
        return AutoCloseable { observers -= observer }
    }

    protected fun emit(next: S) {
        state = next
        observers.forEach { it(next) }
    }
}
