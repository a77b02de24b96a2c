import SwiftUI
import UIKit

/// iOS cannot forbid screenshots the way Android's FLAG_SECURE does, so the app does what it can:
///
/// * while the screen is recorded, mirrored or cast (`UIScreen.isCaptured`, observed through
///   `UIScreen.capturedDidChangeNotification`), every QR code, PIN field and diploma is replaced
///   by a notice;
/// * after a screenshot (`UIApplication.userDidTakeScreenshotNotification`, which arrives after
///   the fact) the screen is blurred for a while and the holder is told that a copied QR code
///   stops working when it expires (two minutes by default), which is the real protection;
/// * when the app leaves the foreground, a cover hides the content before iOS takes the
///   app-switcher snapshot.
@MainActor
final class CaptureGuard: ObservableObject {
    @Published private(set) var isCaptured = false
    @Published private(set) var screenshotTaken = false

    /// The notification observers, removed when the guard goes. They live in a box that is not
    /// main-actor isolated: a `deinit` of a main-actor class is nonisolated, and reading an
    /// isolated property from it is a Swift 6 error.
    private let observers = ObserverTokens()
    private var clearTask: Task<Void, Never>?

    init() {
        isCaptured = Self.anyScreenCaptured()
        let center = NotificationCenter.default
        // Posted on the main queue: `assumeIsolated` states what is true and checks it.
        observers.add(center.addObserver(forName: UIScreen.capturedDidChangeNotification, object: nil, queue: .main) { [weak self] _ in
            MainActor.assumeIsolated { self?.isCaptured = Self.anyScreenCaptured() }
        })
        observers.add(center.addObserver(forName: UIApplication.userDidTakeScreenshotNotification, object: nil, queue: .main) { [weak self] _ in
            MainActor.assumeIsolated { self?.flagScreenshot() }
        })
    }

    private static func anyScreenCaptured() -> Bool {
        UIApplication.shared.connectedScenes
            .compactMap { $0 as? UIWindowScene }
            .contains { $0.screen.isCaptured }
    }

    private func flagScreenshot() {
        screenshotTaken = true
        clearTask?.cancel()
        clearTask = Task { [weak self] in
            try? await Task.sleep(nanoseconds: 8_000_000_000)
            guard !Task.isCancelled else { return }
            self?.screenshotTaken = false
        }
    }
}

/// Notification observer tokens, removed from the default centre when the box is released.
/// Filled once on the main actor at start, then only read by `deinit`.
private final class ObserverTokens: @unchecked Sendable {
    private var tokens: [NSObjectProtocol] = []

    func add(_ token: NSObjectProtocol) { tokens.append(token) }

    deinit {
        tokens.forEach { NotificationCenter.default.removeObserver($0) }
    }
}

/// Hides sensitive content while the screen is captured and blurs it after a screenshot.
struct Sensitive: ViewModifier {
    @EnvironmentObject private var guardian: CaptureGuard

    func body(content: Content) -> some View {
        ZStack {
            content
                .blur(radius: guardian.screenshotTaken ? 24 : 0)
                .opacity(guardian.isCaptured ? 0 : 1)
            if guardian.isCaptured {
                Label(String(localized: "capture_hidden"), systemImage: "eye.slash")
                    .multilineTextAlignment(.center)
                    .padding()
            } else if guardian.screenshotTaken {
                Text(String(localized: "screenshot_notice"))
                    .multilineTextAlignment(.center)
                    .padding()
                    .background(.thinMaterial, in: RoundedRectangle(cornerRadius: 12))
                    .padding()
            }
        }
    }
}

extension View {
    /// Mark a QR code, PIN entry or diploma data as sensitive (see `CaptureGuard`).
    func sensitive() -> some View { modifier(Sensitive()) }
}
