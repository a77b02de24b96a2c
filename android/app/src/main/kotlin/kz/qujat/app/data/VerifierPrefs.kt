package kz.qujat.app.data

import android.content.Context
import kz.qujat.app.logic.lists.LocationStore

/**
 * The verifier's plain preferences (no personal data): the configured HTTPS addresses of the
 * trust and status lists, and whether a camera request was refused since the last grant (the
 * camera permission decision needs it to tell "never asked" from "refused for good").
 */
class VerifierPrefs(context: Context) : LocationStore {
    private val prefs = context.getSharedPreferences("verifier", Context.MODE_PRIVATE)
    private val assets = context.assets

    /**
     * The employer's own addresses once saved, else those the build ships in
     * `assets/trust/locations.txt` (e.g. the registry's published lists; one per line), else none.
     * Reads the disk: call it off the main thread.
     */
    override fun load(): String = prefs.getString(KEY_LOCATIONS, null)
        ?: runCatching { assets.open("trust/locations.txt").use { it.readBytes().decodeToString() } }.getOrNull()
        ?: ""

    override fun save(text: String) {
        prefs.edit().putString(KEY_LOCATIONS, text).apply()
    }

    var cameraDenied: Boolean
        get() = prefs.getBoolean(KEY_CAMERA_DENIED, false)
        set(value) {
            prefs.edit().putBoolean(KEY_CAMERA_DENIED, value).apply()
        }

    private companion object {
        const val KEY_LOCATIONS = "list_locations"
        const val KEY_CAMERA_DENIED = "camera_denied"
    }
}
