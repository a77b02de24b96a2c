import QujatCore
import SwiftUI

/// PIN + authenticator code (or a recovery code); attempts left; a lockout's end with a countdown.
/// When the countdown ends the core is asked again: its lockout clock only moves forward.
@MainActor
final class UnlockModel: ObservableObject {
    @Published private(set) var status: WalletStatus?
    @Published private(set) var message: String?
    @Published private(set) var busy = false
    @Published private(set) var secondsLeft: Int64 = 0
    private let app: AppModel

    init(app: AppModel) { self.app = app }

    var canSubmit: Bool { !busy && secondsLeft == 0 }

    func refresh() async {
        do {
            let wallet = try await app.openWallet()
            let s = try await background { try wallet.status() }
            status = s
            switch s.state {
            case .wiped, .uninitialized: app.route = .onboarding(resume: false)
            case .enrolmentPending: app.route = .onboarding(resume: true)
            case .ready: break
            }
            if let until = s.lockedUntil {
                secondsLeft = max(1, QujatCore.secondsLeft(until: until, now: Clock.now()))
            } else {
                secondsLeft = 0
            }
        } catch {
            message = ErrorText.of(error)
        }
    }

    func tick() async {
        guard let until = status?.lockedUntil else { return }
        let left = QujatCore.secondsLeft(until: until, now: Clock.now())
        if left > 0 { secondsLeft = left } else { await refresh() }
    }

    func submit(pin: String, factor: String) {
        guard canSubmit else { return }
        guard pin.count >= Int(screenLimits().pinMinLen) else { message = L("pin_required"); return }
        let kind = classifyCode(input: factor)
        if kind == .authenticator, status?.recoveryCodeRequired == true { message = L("recovery_code_needed"); return }
        let code: String?
        switch kind {
        case .authenticator: code = authenticatorCode(input: factor)
        case .recovery: code = recoveryCode(input: factor)
        case .incomplete, .invalid: code = nil
        }
        guard let code else { message = L("code_not_a_code"); return }
        busy = true
        message = nil
        Task {
            defer { busy = false }
            do {
                let wallet = try await app.openWallet()
                if kind == .recovery {
                    try await background { try wallet.unlockWithRecoveryCode(pin: pin, recoveryCode: code) }
                } else {
                    try await background { try wallet.unlock(pin: pin, code: code) }
                }
                app.unlocked(withRecoveryCode: kind == .recovery)
            } catch let e as WalletError {
                message = ErrorText.wallet(e)
                await refresh()
            } catch {
                message = ErrorText.of(error)
            }
        }
    }
}

struct UnlockView: View {
    @EnvironmentObject private var app: AppModel

    var body: some View { UnlockContent(model: UnlockModel(app: app)) }
}

private struct UnlockContent: View {
    @StateObject var model: UnlockModel
    @State private var pin = ""
    @State private var factor = ""
    private let timer = Timer.publish(every: 1, on: .main, in: .common).autoconnect()

    var body: some View {
        Form {
            Section(L("unlock_title")) {
                PinField(title: L("pin"), pin: $pin)
                SecureField(L(model.status?.recoveryCodeRequired == true ? "recovery_code" : "code_or_recovery_code"), text: $factor)
                    .textContentType(.oneTimeCode)
                    .autocorrectionDisabled()
                    .textInputAutocapitalization(.characters)
                if let s = model.status, s.failures > 0 {
                    Text(L("attempts_left_wipe", Int(s.attemptsLeft)))
                        .foregroundStyle(s.attemptsLeft <= 3 ? .red : .primary)
                }
                if model.secondsLeft > 0, let until = model.status?.lockedUntil {
                    Text(L("locked_countdown", formatCountdown(seconds: model.secondsLeft), dateTime(until))).font(.headline)
                }
                if let m = model.message { Text(m).foregroundStyle(.red) }
                Button(L("unlock")) { model.submit(pin: pin, factor: factor); factor = "" }
                    .disabled(!model.canSubmit || pin.isEmpty || factor.isEmpty)
            }
        }
        .sensitive()
        .task { await model.refresh() }
        .onReceive(timer) { _ in Task { await model.tick() } }
        .toolbar { NavigationLink(L("settings")) { SettingsView() } }
    }
}
