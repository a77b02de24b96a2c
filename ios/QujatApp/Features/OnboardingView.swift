import QujatCore
import SwiftUI
import UniformTypeIdentifiers

/// Set-up: PIN twice (the core's weak-PIN reasons), authenticator enrolment, recovery codes shown
/// once, the first code. The same steps as android/logic's OnboardingPresenter.
///
/// Restore (issue 13) is the same path with two steps in front: the backup file (picked with
/// `fileImporter`) and its backup code; then a new PIN, and `restoreBackup` takes the place of
/// `setup` (the authenticator, recovery codes and first code follow as for a new wallet).
@MainActor
final class OnboardingModel: ObservableObject {
    enum Step: Equatable {
        case restoreFile(problem: String?)
        case restoreCode(problem: String?)
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
    /// The backup file's bytes and its code while restoring (nil for a new wallet).
    private var backup: Data?
    private var backupCode: String?
    private let app: AppModel
    let restoring: Bool

    init(app: AppModel, resume: Bool, restore: Bool = false) {
        self.app = app
        restoring = restore && !resume
        if resume {
            step = .firstCode(needsPin: true, problem: nil)
        } else {
            step = restore ? .restoreFile(problem: nil) : .choosePin(problem: nil)
        }
    }

    /// The backup file the holder picked (read at once, while the picker's access lasts).
    func backupPicked(_ url: URL) {
        let scoped = url.startAccessingSecurityScopedResource()
        defer { if scoped { url.stopAccessingSecurityScopedResource() } }
        guard let bytes = try? Data(contentsOf: url), !bytes.isEmpty else {
            step = .restoreFile(problem: L("restore_not_a_backup")); return
        }
        backup = bytes
        step = .restoreCode(problem: nil)
    }

    /// The backup code as typed: the core forgives dashes, spaces and letter case.
    func backupCodeEntered(_ code: String) {
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        backupCode = trimmed
        // After a wrong code the PIN chosen before is still held: try again at once.
        if let pin = chosenPin { run(pin) } else { step = .choosePin(problem: nil) }
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
        run(chosen)
    }

    /// `setup`, or `restoreBackup` with the backup and its code, under the chosen PIN.
    private func run(_ chosen: String) {
        step = .working
        let backup = self.backup
        let backupCode = self.backupCode
        Task {
            do {
                let wallet = try await app.openWallet()
                let e: Enrolment
                if let backup, let backupCode {
                    e = try await background {
                        try wallet.restoreBackup(backup: backup, code: backupCode, pin: chosen, accountLabel: "wallet")
                    }
                } else {
                    e = try await background { try wallet.setup(pin: chosen, accountLabel: "wallet") }
                }
                self.backup = nil
                self.backupCode = nil
                enrolment = e
                step = .authenticator(uri: e.otpauthUri())
            } catch WalletError.WeakPin(let reason) {
                chosenPin = nil
                step = .choosePin(problem: ErrorText.weakPin(reason))
            } catch {
                if restoring {
                    // The core wrote nothing. A file that is not a backup, damaged or too new:
                    // pick another file. Anything else (a wrong code above all): ask for the
                    // code again, keeping the PIN.
                    self.backupCode = nil
                    switch error as? WalletError {
                    case .NotABackup?, .BackupDamaged?, .BackupNewerVersion?:
                        self.backup = nil
                        step = .restoreFile(problem: ErrorText.of(error))
                    case .MalformedCode?:
                        step = .restoreCode(problem: L("backup_code_malformed"))
                    default:
                        step = .restoreCode(problem: ErrorText.of(error))
                    }
                } else {
                    chosenPin = nil
                    step = .choosePin(problem: ErrorText.of(error))
                }
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
        backup = nil
        backupCode = nil
        step = restoring ? .restoreFile(problem: nil) : .choosePin(problem: nil)
    }
}

struct OnboardingView: View {
    @EnvironmentObject private var app: AppModel
    let resume: Bool
    var restore = false

    var body: some View {
        OnboardingContent(model: OnboardingModel(app: app, resume: resume, restore: restore))
    }
}

private struct OnboardingContent: View {
    @EnvironmentObject private var app: AppModel
    @StateObject var model: OnboardingModel
    @State private var pin = ""
    @State private var code = ""
    @State private var backupCode = ""
    @State private var pickingBackup = false

    var body: some View {
        Form {
            switch model.step {
            case .restoreFile(let problem):
                Section(L("restore_title")) {
                    Text(L("restore_body"))
                    if let problem { Text(problem).foregroundStyle(.red) }
                    Button(L("restore_pick_file")) { pickingBackup = true }
                    Button(L("restore_new_wallet_instead")) { app.route = .onboarding(resume: false) }
                }
            case .restoreCode(let problem):
                Section(L("restore_code_title")) {
                    Text(L("restore_code_body"))
                    SecureField(L("backup_code"), text: $backupCode)
                        .textInputAutocapitalization(.characters)
                        .autocorrectionDisabled()
                        .textContentType(.oneTimeCode)
                    if let problem { Text(problem).foregroundStyle(.red) }
                    Button(L("next")) { model.backupCodeEntered(backupCode); backupCode = "" }
                        .disabled(backupCode.trimmingCharacters(in: .whitespaces).isEmpty)
                    Button(L("start_over"), role: .destructive) { model.restart() }
                }
            case .choosePin(let problem):
                Section(L("onboarding_choose_pin")) {
                    Text(L("onboarding_pin_hint", 6)).font(.footnote)
                    PinField(title: L("pin"), pin: $pin)
                    if let problem { Text(problem).foregroundStyle(.red) }
                    Button(L("next")) { model.choosePin(pin); pin = "" }.disabled(pin.count < Int(screenLimits().pinMinLen))
                    if !model.restoring {
                        Button(L("restore_from_backup")) { app.route = .restore }
                    }
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
                    Toggle(L("onboarding_codes_ack"), isOn: Binding(get: { acknowledged }, set: { model.acknowledge($0) }))
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
                        .onChange(of: code) { _, value in
                            let filtered = filterCodeTyping(input: value)
                            if filtered != value { code = filtered }
                        }
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
        .fileImporter(isPresented: $pickingBackup, allowedContentTypes: [.data]) { result in
            if case .success(let url) = result { model.backupPicked(url) }
        }
    }
}
