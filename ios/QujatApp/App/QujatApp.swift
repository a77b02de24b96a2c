import QujatCore
import SwiftUI

@main
struct QujatApp: App {
    @StateObject private var model = AppModel()
    @StateObject private var captureGuard = CaptureGuard()
    @Environment(\.scenePhase) private var scenePhase

    var body: some Scene {
        WindowGroup {
            RootView()
                .environmentObject(model)
                .environmentObject(captureGuard)
                // Before iOS snapshots the app for the switcher, cover everything.
                .overlay { if scenePhase != .active { PrivacyCover() } }
        }
        .onChange(of: scenePhase) { _, phase in
            // Leaving the app locks the wallet (the core also locks after its idle timeout).
            if phase == .background { model.lockWallet() }
        }
    }
}

private struct PrivacyCover: View {
    var body: some View {
        ZStack {
            Rectangle().fill(.background)
            Image(systemName: "lock.fill").font(.system(size: 48)).foregroundStyle(.secondary)
        }
        .ignoresSafeArea()
    }
}
