import QujatCore
import SwiftUI

/// Set-up: PIN twice (the core's weak-PIN reasons), authenticator enrolment, recovery codes shown
/// once, the first code. The same steps as android/logic's OnboardingPresenter.
@MainActor
final class OnboardingModel: ObservableObject {
    enum Step: Equatable {
        case choosePin(problem: String?)
        case confirmPin
        case working
        case authenticator(uri: String)
        case recoveryCodes(codes: [String], acknowledged: Bool)
        case firstCode(needsPin: Bool, problem: String?)
        case done
    }

    @Published private(set) var step: Step
    private var chosenPin: String?
    private var enrolment: Enrolment?
    private let app: AppModel

    init(app: AppModel, resume: Bool) {
        self.app = app
        step = resume ? .firstCode(needsPin: true, problem: nil) : .choosePin(problem: nil)
    }

    /// The core's whole PIN policy at the first entry (`checkPin`: pure, fast), so a weak PIN
    /// is refused before set-up runs the key derivation.
    func choosePin(_ pin: String) {
        if let reason = checkPin(pin: pin) { step = .choosePin(problem: ErrorText.weakPin(reason)); return }
        chosenPin = pin
        step = .confirmPin
    }

    func confirmPin(_ pin: String) {
        guard let chosen = chosenPin, chosen == pin else {
            chosenPin = nil
            step = .choosePin(problem: L("pin_mismatch"))
            return
        }
        step = .working
        Task {
            do {
                let wallet = try await app.openWallet()
                let e = try await background { try wallet.setup(pin: chosen, accountLabel: "wallet") }
                enrolment = e
                step = .authenticator(uri: e.otpauthUri())
            } catch let error as WalletError {
                chosenPin = nil
                if case .WeakPin(let reason) = error {
                    step = .choosePin(problem: ErrorText.weakPin(reason))
                } else {
                    step = .choosePin(problem: ErrorText.wallet(error))
                }
            } catch {
                chosenPin = nil
                step = .choosePin(problem: ErrorText.of(error))
            }
        }
    }

    func authenticatorAdded() {
        guard let e = enrolment else { return restart() }
        step = .recoveryCodes(codes: e.recoveryCodes(), acknowledged: false)
    }

    func acknowledge(_ on: Bool) {
        if case .recoveryCodes(let codes, _) = step { step = .recoveryCodes(codes: codes, acknowledged: on) }
    }

    /// The codes leave memory for good and the enrolment object is released (Rust zeroizes it).
    func codesWrittenDown() {
        guard case .recoveryCodes(_, true) = step else { return }
        enrolment = nil
        step = .firstCode(needsPin: false, problem: nil)
    }

    func submitFirstCode(_ input: String, pin: String?) {
        guard case .firstCode(let needsPin, _) = step else { return }
        guard let code = authenticatorCode(input: input) else {
            step = .firstCode(needsPin: needsPin, problem: L("code_not_six_digits")); return
        }
        guard let usePin = needsPin ? pin : chosenPin, !usePin.isEmpty else {
            step = .firstCode(needsPin: needsPin, problem: L("pin_required")); return
        }
        step = .working
        Task {
            do {
                let wallet = try await app.openWallet()
                try await background { try wallet.confirmEnrolment(pin: usePin, code: code) }
                chosenPin = nil
                step = .done
                app.route = .diplomas
            } catch {
                step = .firstCode(needsPin: needsPin, problem: ErrorText.of(error))
            }
        }
    }

    func restart() {
        enrolment = nil
        chosenPin = nil
        step = .choosePin(problem: nil)
    }
}

struct OnboardingView: View {
    @EnvironmentObject private var app: AppModel
    let resume: Bool

    var body: some View {
        OnboardingContent(model: OnboardingModel(app: app, resume: resume))
    }
}

private struct OnboardingContent: View {
    @StateObject var model: OnboardingModel
    @State private var pin = ""
    @State private var code = ""

    var body: some View {
        Form {
            switch model.step {
            case .choosePin(let problem):
                Section(L("onboarding_choose_pin")) {
                    Text(L("onboarding_pin_hint", 6)).font(.footnote)
                    PinField(title: L("pin"), pin: $pin)
                    if let problem { Text(problem).foregroundStyle(.red) }
                    Button(L("next")) { model.choosePin(pin); pin = "" }.disabled(pin.count < Int(screenLimits().pinMinLen))
                }
            case .confirmPin:
                Section(L("onboarding_confirm_pin")) {
                    PinField(title: L("pin"), pin: $pin)
                    Button(L("next")) { model.confirmPin(pin); pin = "" }.disabled(pin.count < Int(screenLimits().pinMinLen))
                }
            case .working:
                ProgressView()
            case .authenticator(let uri):
                Section(L("onboarding_authenticator_title")) {
                    Text(L("onboarding_authenticator_body"))
                    // Drawn by the core; `QrSymbol` is an object (never printed) and is released
                    // once read. On the same phone the link hands the URI to the app.
                    if let qr = try? QrSymbol.encode(text: uri) {
                        QRView(width: Int(qr.width()), modules: [UInt8](qr.modules()), label: L("onboarding_authenticator_title"))
                            .frame(maxWidth: 260)
                    }
                    if let url = URL(string: uri) {
                        Link(L("onboarding_open_authenticator"), destination: url)
                    }
                    Button(L("onboarding_added")) { model.authenticatorAdded() }
                }
                .sensitive()
            case .recoveryCodes(let codes, let acknowledged):
                Section(L("onboarding_codes_title")) {
                    Text(L("onboarding_codes_body", codes.count))
                    ForEach(Array(codes.enumerated()), id: \.offset) { i, c in
                        Text("\(i + 1). \(c)").font(.system(.body, design: .monospaced))
                    }
                    Toggle(L("onboarding_codes_ack"), isOn: Binding(get: { acknowledged }, set: model.acknowledge))
                    Button(L("next")) { model.codesWrittenDown() }.disabled(!acknowledged)
                }
                .sensitive()
            case .firstCode(let needsPin, let problem):
                Section(L("onboarding_first_code_title")) {
                    Text(L(needsPin ? "onboarding_resume_body" : "onboarding_first_code_body"))
                    if needsPin { PinField(title: L("pin"), pin: $pin) }
                    TextField(L("authenticator_code"), text: $code)
                        .keyboardType(.numberPad)
                        .textContentType(.oneTimeCode)
                        .onChange(of: code) { code = filterCodeTyping(input: $0) }
                    if let problem { Text(problem).foregroundStyle(.red) }
                    Button(L("confirm")) { model.submitFirstCode(code, pin: needsPin ? pin : nil); code = "" }
                        .disabled(authenticatorCode(input: code) == nil)
                    Button(L("start_over"), role: .destructive) { model.restart() }
                }
            case .done:
                ProgressView()
            }
        }
        .sensitive()
    }
}
