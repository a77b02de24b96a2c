package kz.qujat.app.logic.keystore

/**
 * Where the platform says the wallet's key lives (Android: `KeyInfo.getSecurityLevel()` on API
 * 31+, `KeyInfo.isInsideSecureHardware()` before).
 */
enum class KeyStoreLevel {
    /** A separate secure chip (StrongBox). */
    STRONGBOX,

    /** The processor's trusted execution environment (TEE). */
    TRUSTED_ENVIRONMENT,

    /** Secure hardware of a kind the platform does not name (`SECURITY_LEVEL_UNKNOWN_SECURE`, or "inside secure hardware" before API 31). */
    SECURE_HARDWARE,

    /** In software, in reach of anyone who gets the phone's storage and memory. */
    SOFTWARE,

    /** The platform could not say (or the probe failed): treated as software. */
    UNKNOWN,
}

/** Where the "key store is not hardware-backed" warning (`keystore_not_hardware`) can appear. */
enum class NoticePlace {
    /** Above the diploma list, until the holder acknowledges it once. */
    DIPLOMA_LIST,

    /** In Settings, always (where the holder can read it again). */
    SETTINGS,
}

/**
 * Whether the wallet's key is in hardware the app cannot read, and whether to warn that it is
 * not: then a copy of the wallet file is guarded by the PIN's key derivation alone.
 */
object KeyStoreWarning {
    fun isHardwareBacked(level: KeyStoreLevel): Boolean = when (level) {
        KeyStoreLevel.STRONGBOX, KeyStoreLevel.TRUSTED_ENVIRONMENT, KeyStoreLevel.SECURE_HARDWARE -> true
        KeyStoreLevel.SOFTWARE, KeyStoreLevel.UNKNOWN -> false
    }

    /**
     * Whether [place] shows the warning for a key store at [level] (null: not known yet, say
     * nothing), given whether the holder has acknowledged it on the list before.
     */
    fun show(level: KeyStoreLevel?, place: NoticePlace, acknowledged: Boolean): Boolean {
        if (level == null || isHardwareBacked(level)) return false
        return when (place) {
            NoticePlace.DIPLOMA_LIST -> !acknowledged
            NoticePlace.SETTINGS -> true
        }
    }
}
