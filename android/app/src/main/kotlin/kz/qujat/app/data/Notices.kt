package kz.qujat.app.data

import android.content.Context

/** Notices the holder acknowledged once (plain flags, no personal data). */
class Notices(context: Context) {
    private val prefs = context.getSharedPreferences("notices", Context.MODE_PRIVATE)

    /** The "key store is not hardware-backed" warning was acknowledged on the diploma list. */
    var keyStoreWarningAcknowledged: Boolean
        get() = prefs.getBoolean(KEY_KEYSTORE, false)
        set(value) {
            prefs.edit().putBoolean(KEY_KEYSTORE, value).apply()
        }

    private companion object {
        const val KEY_KEYSTORE = "keystore_not_hardware_ack"
    }
}
