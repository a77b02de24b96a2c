package kz.qujat.app.logic.verify

/** What the scanner area shows about the camera. */
enum class CameraStep {
    /** The camera is allowed: show the viewfinder. */
    USE_CAMERA,

    /** Never asked: say why the camera is needed, with a button that asks (the rationale comes before the system dialog). */
    EXPLAIN_THEN_ASK,

    /** Denied once (the system would still ask): explain again, with the button that asks. */
    EXPLAIN_AGAIN,

    /** Denied for good (the system no longer asks): say so, with a button to the app's Settings page. */
    OPEN_SETTINGS,

    /** Allowed, but the camera cannot be used (none, or another app holds it, or a policy disables it). */
    UNAVAILABLE,
}

/**
 * The camera permission decision (Android's `shouldShowRequestPermissionRationale` rules). The
 * system shows no rationale flag both before the first request and after a permanent denial, so
 * the app remembers [deniedBefore] (set when a request was refused, cleared when granted) to tell
 * them apart.
 */
object CameraPermission {
    /**
     * [granted]: the permission is held; [showRationale]: the system's
     * `shouldShowRequestPermissionRationale`; [deniedBefore]: a request was refused since the last
     * grant; [cameraFailed]: the camera could not be opened although allowed.
     */
    fun step(granted: Boolean, showRationale: Boolean, deniedBefore: Boolean, cameraFailed: Boolean = false): CameraStep =
        when {
            granted && cameraFailed -> CameraStep.UNAVAILABLE
            granted -> CameraStep.USE_CAMERA
            showRationale -> CameraStep.EXPLAIN_AGAIN
            deniedBefore -> CameraStep.OPEN_SETTINGS
            else -> CameraStep.EXPLAIN_THEN_ASK
        }

    /** What to remember as `deniedBefore` after the system dialog answered [granted]. */
    fun deniedAfterAnswer(granted: Boolean): Boolean = !granted
}
