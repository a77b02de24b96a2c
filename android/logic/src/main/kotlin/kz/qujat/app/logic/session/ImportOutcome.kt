package kz.qujat.app.logic.session

import kz.qujat.app.logic.model.DiplomaSummary
import kz.qujat.app.logic.port.WalletFailure

/** What an import of a picked credential file came to. */
sealed interface ImportOutcome {
    /** Stored: the list reloads. */
    class Imported(val summary: DiplomaSummary) : ImportOutcome {
        override fun toString(): String = "Imported"
    }

    /** Refused, with the reason to show (not a credential, unknown issuer, not ours …). */
    class Refused(val failure: WalletFailure) : ImportOutcome {
        override fun toString(): String = "Refused(${failure.javaClass.simpleName})"
    }

    /** The session was locked: the file waits in the [SessionGate] and is imported after the unlock. */
    data object WaitingForUnlock : ImportOutcome
}

/** The trust material an import is checked against: the anchor's public key and a trust list it signed. */
class ImportTrust(val anchorPublicKey: ByteArray, val trustList: ByteArray) {
    override fun toString(): String = "ImportTrust(${trustList.size} bytes)"
}
