import Foundation

/// An action a locked session interrupted, to run again once the holder has unlocked.
enum PendingAction: Equatable, Sendable {
    /// A picked credential file, its bytes read while the picker's access lasted (the file's
    /// security-scoped URL is gone by the time the unlock is done).
    case importDiploma(Data)
    /// The holder left the app to add the wallet to a new authenticator app (the link opens
    /// it): after the unlock, the switch resumes at the new app's first code (the core keeps
    /// the pending change sealed in the wallet).
    case authenticatorChange
}

/// "Locked on return → unlock, then resume the pending action" (the same rule as Android's
/// `:logic` session gate). The wallet locks when the app goes to the background and after the
/// core's idle timeout, which can happen while a file picker or share sheet is up; the action
/// that then meets `Locked` is kept here instead of being lost, and handed back exactly once
/// after a successful unlock. Plain Swift: no UIKit or SwiftUI.
struct SessionGate: Equatable, Sendable {
    enum State: Equatable, Sendable {
        /// Unlocked, or never locked with anything pending.
        case open
        /// Locked; `pending` runs after the unlock.
        case locked(pending: PendingAction?)
    }

    private(set) var state: State = .open

    /// The holder's pending action, if any.
    var pending: PendingAction? {
        if case .locked(let p) = state { return p }
        return nil
    }

    /// The session was found locked. A lock that brings no action of its own (the app went to the
    /// background) keeps one already pending; a newer action replaces an older one.
    mutating func locked(pending: PendingAction?) {
        state = .locked(pending: pending ?? self.pending)
    }

    /// The unlock succeeded: the pending action, handed out once.
    mutating func unlocked() -> PendingAction? {
        let p = pending
        state = .open
        return p
    }

    /// The holder gave up (switched mode, started over): nothing is resumed.
    mutating func discard() {
        state = .open
    }
}
