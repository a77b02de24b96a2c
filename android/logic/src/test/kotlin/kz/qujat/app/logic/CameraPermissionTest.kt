package kz.qujat.app.logic

import kz.qujat.app.logic.port.VerifierFailure
import kz.qujat.app.logic.verify.CameraPermission
import kz.qujat.app.logic.verify.CameraStep
import kz.qujat.app.logic.verify.VerifierAccess
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertInstanceOf
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Test

/** The camera permission decision and the verifier's loading, as the scanner screen uses them. */
class CameraPermissionTest {
    @Test
    fun `first explain then ask, after one refusal explain again, after a refusal for good send to Settings`() {
        // Never asked: the system shows no rationale yet; the screen explains before the system dialog.
        var denied = false
        assertEquals(CameraStep.EXPLAIN_THEN_ASK, CameraPermission.step(granted = false, showRationale = false, deniedBefore = denied))
        // Refused once: the system would show a rationale and still asks.
        denied = CameraPermission.deniedAfterAnswer(granted = false)
        assertEquals(CameraStep.EXPLAIN_AGAIN, CameraPermission.step(granted = false, showRationale = true, deniedBefore = denied))
        // Refused again ("don't ask again"): no rationale any more and a refusal remembered.
        denied = CameraPermission.deniedAfterAnswer(granted = false)
        assertEquals(CameraStep.OPEN_SETTINGS, CameraPermission.step(granted = false, showRationale = false, deniedBefore = denied))
        // Allowed in Settings: the viewfinder, and the refusal is forgotten.
        assertEquals(CameraStep.USE_CAMERA, CameraPermission.step(granted = true, showRationale = false, deniedBefore = denied))
        denied = CameraPermission.deniedAfterAnswer(granted = true)
        assertEquals(CameraStep.EXPLAIN_THEN_ASK, CameraPermission.step(granted = false, showRationale = false, deniedBefore = denied))
    }

    @Test
    fun `an allowed camera that cannot open says so, a refused one never shows unavailable`() {
        assertEquals(CameraStep.UNAVAILABLE, CameraPermission.step(true, false, false, cameraFailed = true))
        assertEquals(CameraStep.EXPLAIN_AGAIN, CameraPermission.step(false, true, true, cameraFailed = true))
    }

    @Test
    fun `the verifier loads to ready, to no anchor, or to a failure, never a crash`() {
        val port = FakeListStore(TestClock())
        assertSame(port, (VerifierAccess.load { port } as VerifierAccess.Ready).verifier)
        assertEquals(VerifierAccess.NoAnchor, VerifierAccess.load { null })
        val failed = VerifierAccess.load { throw VerifierFailure.AnchorMismatch() }
        assertInstanceOf(VerifierFailure.AnchorMismatch::class.java, (failed as VerifierAccess.Failed).failure)
    }
}
