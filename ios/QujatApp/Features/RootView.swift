import QujatCore
import SwiftUI

struct RootView: View {
    @EnvironmentObject private var model: AppModel
    @Environment(\.scenePhase) private var scenePhase
    private let sessionCheck = Timer.publish(every: 5, on: .main, in: .common).autoconnect()

    var body: some View {
        NavigationStack {
            switch model.route {
            case .loading: ProgressView()
            case .chooseMode: ModeChoiceView()
            case .onboarding(let resume): OnboardingView(resume: resume)
            case .restore: OnboardingView(resume: false, restore: true)
            case .unlock: UnlockView()
            case .diplomas: DiplomaListView()
            case .verifier: VerifierView()
            case .failed(let message): Text(message).foregroundStyle(.red).padding()
            }
        }
        // A lock rebuilds the whole stack: no pushed diploma or QR code survives it.
        .id(model.sessionEpoch)
        .onReceive(sessionCheck) { _ in if scenePhase == .active { model.checkSession() } }
    }
}

struct ModeChoiceView: View {
    @EnvironmentObject private var model: AppModel

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Text(L("app_name")).font(.largeTitle.bold())
            Text(L("mode_question")).font(.headline)
            Button(L("mode_holder")) { model.choose(.holder) }.buttonStyle(.borderedProminent)
            Button(L("mode_verifier")) { model.choose(.verifier) }.buttonStyle(.bordered)
            Text(L("mode_note")).font(.footnote).foregroundStyle(.secondary)
        }
        .padding(24)
    }
}

/// Mode switch; the language is iOS's per-app language (Settings → Qujat → Language); while the
/// wallet is unlocked, the holder's security screens.
struct SettingsView: View {
    @EnvironmentObject private var model: AppModel

    var body: some View {
        Form {
            if model.mode == .holder && model.route == .diplomas {
                HolderSecuritySection()
            }
            Section(L("language")) {
                Button(L("language_device")) {
                    if let url = URL(string: UIApplication.openSettingsURLString) { UIApplication.shared.open(url) }
                }
            }
            Section(L("mode")) {
                Button(model.mode == .verifier ? L("switch_to_holder") : L("switch_to_verifier")) {
                    model.lockWallet()
                    model.choose(model.mode == .verifier ? .holder : .verifier)
                }
            }
        }
        .navigationTitle(L("settings"))
    }
}
