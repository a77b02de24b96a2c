import Foundation

/// The backup screen's steps (the same as Android's `:logic` backup presenter): the core makes
/// the encrypted file and its backup code; the code is shown once, with its QR code, until the
/// holder confirms "I wrote it down"; only then can the file be saved (a file without its code
/// is useless, and a code seen after the file is gone is too late). A cancelled save keeps the
/// code on screen to try again; a finished save, or leaving the screen, drops both for good.
/// Plain Swift (no UIKit or SwiftUI).
struct BackupFlow: Equatable, Sendable {
    enum Step: Equatable, Sendable {
        /// What a backup is; the button that makes one.
        case start
        /// The core is making the file (key derivation: a second or two).
        case working
        /// The code on screen; `acknowledged` is the "I wrote it down" switch.
        case showCode(acknowledged: Bool)
        /// The system's save panel is up.
        case saving
        /// Saved: the file and code are gone from memory.
        case saved
    }

    private(set) var step: Step = .start

    /// Whether the code (and its QR) may be on screen.
    var codeVisible: Bool {
        switch step {
        case .showCode, .saving: return true
        default: return false
        }
    }

    mutating func begin() {
        if step == .start || step == .saved { step = .working }
    }

    /// The core made the backup.
    mutating func made() {
        if step == .working { step = .showCode(acknowledged: false) }
    }

    /// Making it failed (the screen shows why): back to the start.
    mutating func failed() {
        step = .start
    }

    mutating func acknowledge(_ on: Bool) {
        if case .showCode = step { step = .showCode(acknowledged: on) }
    }

    /// Open the save panel: only once the code is written down (or again, if a panel closed
    /// without a word). Returns whether to open it.
    mutating func save() -> Bool {
        guard step == .showCode(acknowledged: true) || step == .saving else { return false }
        step = .saving
        return true
    }

    /// The panel was closed without saving, or the write failed: the code stays to try again.
    mutating func saveCancelled() {
        if step == .saving { step = .showCode(acknowledged: true) }
    }

    /// The file was written: the caller drops the backup (bytes and code) now.
    mutating func savedOK() {
        if step == .saving { step = .saved }
    }

    /// The holder left the screen: nothing is kept.
    mutating func left() {
        step = .start
    }
}
