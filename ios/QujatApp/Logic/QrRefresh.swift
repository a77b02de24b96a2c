import Foundation

/// The live QR code on the holder's screen, refreshed before it expires (the same states as
/// Android's `:logic` present presenter): while the screen is up, a new presentation is made
/// `leadSecs` before the current one expires, so the verifier never scans a code that is about
/// to die. Automatic refreshes stop after `maxAutoRefreshes` (every presentation is logged in the
/// audit log, and a phone left on a desk must not keep making them): then the code runs out and
/// the holder asks for a new one by hand, which starts the count again. Plain Swift, times in
/// Unix seconds from the caller's clock.
struct QrRefresh: Equatable, Sendable {
    enum Phase: Equatable, Sendable {
        /// No code on screen (choosing claims, or hidden).
        case idle
        /// A code is on screen until `expiresAt`.
        case showing(createdAt: Int64, expiresAt: Int64)
        /// A new code is being made; the current one stays on screen until it arrives.
        case refreshing(createdAt: Int64, expiresAt: Int64)
        /// The code expired and is dropped; only the holder's tap makes a new one.
        case expired
    }

    /// What the screen must do after a tick.
    enum Action: Equatable, Sendable {
        case none
        /// Ask the core for a new presentation (then call `shown` or `refreshFailed`).
        case makeNew
        /// Drop the presentation held (its QR leaves memory).
        case drop
    }

    /// Seconds before expiry at which a new code is made.
    let leadSecs: Int64
    /// Automatic refreshes allowed in a row without a tap.
    let maxAutoRefreshes: Int
    private(set) var phase: Phase = .idle
    private(set) var autoRefreshes = 0

    init(leadSecs: Int64, maxAutoRefreshes: Int = 4) {
        self.leadSecs = max(0, leadSecs)
        self.maxAutoRefreshes = max(0, maxAutoRefreshes)
    }

    /// The holder asked for a code (first time, or after expiry): the automatic count restarts.
    mutating func requested() {
        autoRefreshes = 0
    }

    /// A new presentation is on screen.
    mutating func shown(createdAt: Int64, expiresAt: Int64) {
        phase = .showing(createdAt: createdAt, expiresAt: expiresAt)
    }

    /// Making the new code failed (e.g. the session locked): keep the current one until it expires.
    mutating func refreshFailed() {
        if case .refreshing(let c, let e) = phase { phase = .showing(createdAt: c, expiresAt: e) }
        autoRefreshes = maxAutoRefreshes
    }

    /// The holder hid the code, or the screen went away.
    mutating func hidden() {
        phase = .idle
    }

    /// Called every second while the screen is visible and the app active.
    mutating func tick(now: Int64) -> Action {
        switch phase {
        case .idle, .expired:
            return .none
        case .refreshing(_, let expiresAt):
            if now >= expiresAt { phase = .expired; return .drop }
            return .none
        case .showing(let createdAt, let expiresAt):
            if now >= expiresAt { phase = .expired; return .drop }
            if expiresAt - now <= leadSecs && autoRefreshes < maxAutoRefreshes {
                autoRefreshes += 1
                phase = .refreshing(createdAt: createdAt, expiresAt: expiresAt)
                return .makeNew
            }
            return .none
        }
    }

    /// True while a new code will still be made without a tap.
    var autoRefreshLeft: Bool { autoRefreshes < maxAutoRefreshes }
}
