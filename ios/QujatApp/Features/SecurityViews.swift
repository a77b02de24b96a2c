import QujatCore
import SwiftUI

/// The holder's security screens, reached from Settings while the wallet is unlocked: change the
/// PIN, renew the recovery codes, switch to a new authenticator app (needed after unlocking with
/// a recovery code because the old one is lost), the audit log, and the backup. Every rule (PIN
/// policy, code shapes, what a change needs) is the core's; these screens only collect input.
struct HolderSecuritySection: View {
    var body: some View {
        Section(L("security")) {
            NavigationLink(L("change_pin_title")) { ChangePinView() }
            NavigationLink(L("recovery_renew_title")) { RenewRecoveryCodesView() }
            NavigationLink(L("authenticator_switch_title")) { SwitchAuthenticatorView() }
            NavigationLink(L("audit_title")) { AuditLogView() }
            NavigationLink(L("backup_title")) { BackupView() }
        }
    }
}

/// Shown when the core says the key store is not hardware-backed (a Simulator, or a phone
/// without a Secure Enclave): a copy of the wallet file is then guarded by the PIN's key
/// derivation alone.
struct SoftwareKeyStoreWarning: View {
    var body: some View {
        Label(L("keystore_not_hardware"), systemImage: "exclamationmark.triangle.fill")
            .foregroundStyle(.orange)
    }
}

// MARK: - Change PIN

@MainActor
final class ChangePinModel: ObservableObject {
    enum Step: Equatable { case form(problem: String?), working, done }

    @Published private(set) var step: Step = .form(problem: nil)
    private let app: AppModel

    init(app: AppModel) { self.app = app }

    func submit(old: String, code: String, new: String, confirm: String) {
        guard new == confirm else { step = .form(problem: L("pin_mismatch")); return }
        if let reason = checkPin(pin: new) { step = .form(problem: ErrorText.weakPin(reason)); return }
        guard let code = authenticatorCode(input: code) else { step = .form(problem: L("code_not_six_digits")); return }
        step = .working
        Task {
            do {
                let wallet = try await app.openWallet()
                try await background { try wallet.changePin(oldPin: old, code: code, newPin: new) }
                step = .done
            } catch WalletError.Locked {
                app.sessionLocked()
            } catch {
                step = .form(problem: ErrorText.of(error))
            }
        }
    }
}

struct ChangePinView: View {
    @EnvironmentObject private var app: AppModel

    var body: some View { ChangePinContent(model: ChangePinModel(app: app)) }
}

private struct ChangePinContent: View {
    @StateObject var model: ChangePinModel
    @State private var old = ""
    @State private var code = ""
    @State private var new = ""
    @State private var confirm = ""
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        Form {
            switch model.step {
            case .form(let problem):
                Section(footer: Text(L("change_pin_footer"))) {
                    PinField(title: L("change_pin_current"), pin: $old)
                    CodeField(code: $code)
                    PinField(title: L("change_pin_new"), pin: $new)
                    PinField(title: L("change_pin_repeat"), pin: $confirm)
                    if let problem { Text(problem).foregroundStyle(.red) }
                    Button(L("change_pin_title")) {
                        model.submit(old: old, code: code, new: new, confirm: confirm)
                        old = ""; code = ""; new = ""; confirm = ""
                    }
                    .disabled(old.isEmpty || new.isEmpty || confirm.isEmpty || authenticatorCode(input: code) == nil)
                }
            case .working:
                ProgressView()
            case .done:
                Text(L("change_pin_done"))
                Button(L("done")) { dismiss() }
            }
        }
        .sensitive()
        .navigationTitle(L("change_pin_title"))
    }
}

/// A 6-digit authenticator code field (typing filtered by the core).
struct CodeField: View {
    @Binding var code: String
    var title = L("authenticator_code")

    var body: some View {
        TextField(title, text: $code)
            .keyboardType(.numberPad)
            .textContentType(.oneTimeCode)
            .onChange(of: code) { _, value in
                let filtered = filterCodeTyping(input: value)
                if filtered != value { code = filtered }
            }
    }
}

// MARK: - Recovery codes

@MainActor
final class RenewCodesModel: ObservableObject {
    enum Step: Equatable {
        case info(left: UInt32?)
        case working
        case codes([String], acknowledged: Bool)
        case done
    }

    @Published private(set) var step: Step = .info(left: nil)
    @Published var message: String?
    private let app: AppModel

    init(app: AppModel) { self.app = app }

    func load() async {
        do {
            let wallet = try await app.openWallet()
            let left = try await background { try wallet.recoveryCodesLeft() }
            if case .info = step { step = .info(left: left) }
        } catch WalletError.Locked {
            app.sessionLocked()
        } catch {
            message = ErrorText.of(error)
        }
    }

    /// The old codes stop working now; the new ones are shown once.
    func renew() {
        step = .working
        Task {
            do {
                let wallet = try await app.openWallet()
                let codes = try await background { try wallet.renewRecoveryCodes().codes() }
                step = .codes(codes, acknowledged: false)
            } catch WalletError.Locked {
                app.sessionLocked()
            } catch {
                message = ErrorText.of(error)
                step = .info(left: nil)
            }
        }
    }

    func acknowledge(_ on: Bool) {
        if case .codes(let c, _) = step { step = .codes(c, acknowledged: on) }
    }

    /// The codes leave memory.
    func writtenDown() {
        guard case .codes(_, true) = step else { return }
        step = .done
    }
}

struct RenewRecoveryCodesView: View {
    @EnvironmentObject private var app: AppModel

    var body: some View { RenewCodesContent(model: RenewCodesModel(app: app)) }
}

private struct RenewCodesContent: View {
    @StateObject var model: RenewCodesModel
    @State private var confirming = false
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        Form {
            if let m = model.message { Text(m).foregroundStyle(.red) }
            switch model.step {
            case .info(let left):
                Section(footer: Text(L("recovery_renew_footer"))) {
                    if let left { Text(L("recovery_left", Int(left))) }
                    Button(L("recovery_renew_button")) { confirming = true }
                }
            case .working:
                ProgressView()
            case .codes(let codes, let acknowledged):
                Section(L("onboarding_codes_title")) {
                    Text(L("onboarding_codes_body", codes.count))
                    ForEach(Array(codes.enumerated()), id: \.offset) { i, c in
                        Text("\(i + 1). \(c)").font(.system(.body, design: .monospaced))
                    }
                    Toggle(L("onboarding_codes_ack"), isOn: Binding(get: { acknowledged }, set: { model.acknowledge($0) }))
                    Button(L("done")) { model.writtenDown(); dismiss() }.disabled(!acknowledged)
                }
                .sensitive()
            case .done:
                Text(L("recovery_renewed"))
            }
        }
        .navigationTitle(L("recovery_renew_title"))
        .navigationBarBackButtonHidden(isShowingCodes)
        .confirmationDialog(L("recovery_renew_title"), isPresented: $confirming) {
            Button(L("recovery_renew_button"), role: .destructive) { model.renew() }
        } message: { Text(L("recovery_renew_warning")) }
        .task { await model.load() }
    }

    /// While the new codes are up, leaving needs the "I wrote them down" switch.
    private var isShowingCodes: Bool {
        if case .codes = model.step { return true }
        return false
    }
}

// MARK: - Switch authenticator

@MainActor
final class SwitchAuthenticatorModel: ObservableObject {
    enum Step: Equatable {
        case start(problem: String?)
        case working
        case scan(uri: String)
        case firstCode(problem: String?)
        case done
    }

    @Published private(set) var step: Step
    private let app: AppModel

    /// `resume`: the change was begun before a lock (the core keeps it): ask for the first code.
    init(app: AppModel, resume: Bool) {
        self.app = app
        step = resume ? .firstCode(problem: nil) : .start(problem: nil)
        if resume { app.working(on: .authenticatorChange) }
    }

    func begin() {
        step = .working
        Task {
            do {
                let wallet = try await app.openWallet()
                let uri = try await background { try wallet.beginAuthenticatorChange(accountLabel: "wallet").otpauthUri() }
                step = .scan(uri: uri)
                // Opening the authenticator app through the link leaves this app, which locks
                // the wallet: the switch resumes after the unlock.
                app.working(on: .authenticatorChange)
            } catch WalletError.Locked {
                app.sessionLocked()
            } catch {
                step = .start(problem: ErrorText.of(error))
            }
        }
    }

    func added() {
        if case .scan = step { step = .firstCode(problem: nil) }
    }

    /// The holder left the screen: nothing to resume.
    func left() {
        app.working(on: nil)
    }

    /// The first code of the new app completes the change; the old app stops working.
    func confirm(_ input: String) {
        guard case .firstCode = step else { return }
        guard let code = authenticatorCode(input: input) else {
            step = .firstCode(problem: L("code_not_six_digits")); return
        }
        step = .working
        Task {
            do {
                let wallet = try await app.openWallet()
                try await background { try wallet.confirmAuthenticatorChange(code: code) }
                step = .done
                app.working(on: nil)
            } catch WalletError.Locked {
                app.sessionLocked()
            } catch WalletError.NoPendingEnrolment {
                // Finished or replaced meanwhile: a new QR code is needed (as on Android).
                step = .start(problem: L("authenticator_switch_not_started"))
                app.working(on: nil)
            } catch {
                step = .firstCode(problem: ErrorText.of(error))
            }
        }
    }
}

struct SwitchAuthenticatorView: View {
    @EnvironmentObject private var app: AppModel
    var resume = false

    var body: some View { SwitchAuthenticatorContent(model: SwitchAuthenticatorModel(app: app, resume: resume)) }
}

private struct SwitchAuthenticatorContent: View {
    @StateObject var model: SwitchAuthenticatorModel
    @State private var code = ""
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        Form {
            switch model.step {
            case .start(let problem):
                Section(footer: Text(L("authenticator_switch_footer"))) {
                    Text(L("authenticator_switch_body"))
                    if let problem { Text(problem).foregroundStyle(.red) }
                    Button(L("authenticator_switch_begin")) { model.begin() }
                }
            case .working:
                ProgressView()
            case .scan(let uri):
                Section(L("onboarding_authenticator_title")) {
                    Text(L("onboarding_authenticator_body"))
                    AuthenticatorQR(uri: uri)
                    Button(L("onboarding_added")) { model.added() }
                }
                .sensitive()
            case .firstCode(let problem):
                Section(L("authenticator_switch_first_code")) {
                    CodeField(code: $code)
                    if let problem { Text(problem).foregroundStyle(.red) }
                    Button(L("confirm")) { model.confirm(code); code = "" }
                        .disabled(authenticatorCode(input: code) == nil)
                }
            case .done:
                Text(L("authenticator_switched"))
                Button(L("done")) { dismiss() }
            }
        }
        .navigationTitle(L("authenticator_switch_title"))
        .onDisappear { model.left() }
    }
}

/// The `otpauth://` URI as a QR code drawn by the core, and a link that hands it to an
/// authenticator app on the same phone. Never offered for copying (docs/MASVS.md).
struct AuthenticatorQR: View {
    let uri: String

    var body: some View {
        // `QrSymbol` is an object (never printed) and is released once read.
        if let qr = try? QrSymbol.encode(text: uri) {
            QRView(width: Int(qr.width()), modules: [UInt8](qr.modules()), label: L("onboarding_authenticator_title"))
                .frame(maxWidth: 260)
        }
        if let url = URL(string: uri) {
            Link(L("onboarding_open_authenticator"), destination: url)
        }
    }
}

// MARK: - Audit log

struct AuditLogView: View {
    @EnvironmentObject private var app: AppModel
    @State private var log: AuditLog?
    @State private var message: String?

    var body: some View {
        List {
            if let m = message { Text(m).foregroundStyle(.red) }
            if let log {
                if let broken = log.brokenAtSeq {
                    Label(L("audit_broken", Int(clamping: broken)), systemImage: "exclamationmark.octagon.fill")
                        .foregroundStyle(.red)
                } else {
                    Label(L("audit_intact"), systemImage: "checkmark.seal").foregroundStyle(.secondary)
                }
                ForEach(log.entries.reversed(), id: \.seq) { e in
                    HStack {
                        Text(Self.label(e.kind))
                        Spacer()
                        Text(dateTime(e.time)).font(.caption).foregroundStyle(.secondary)
                    }
                    .foregroundStyle((log.brokenAtSeq.map { e.seq >= $0 } ?? false) ? .red : .primary)
                }
            } else if message == nil {
                ProgressView()
            }
        }
        .navigationTitle(L("audit_title"))
        .task {
            do {
                let wallet = try await app.openWallet()
                log = try await background { try wallet.auditLog() }
            } catch WalletError.Locked {
                app.sessionLocked()
            } catch {
                message = ErrorText.of(error)
            }
        }
    }

    static func label(_ kind: AuditKind) -> String {
        switch kind {
        case .setup: return L("audit_setup")
        case .unlocked: return L("audit_unlocked")
        case .failedUnlock: return L("audit_failed_unlock")
        case .`import`: return L("audit_import")
        case .present: return L("audit_present")
        case .delete: return L("audit_delete")
        case .pinChanged: return L("audit_pin_changed")
        case .totpEnrolled: return L("audit_totp_enrolled")
        case .recoveryCodeUsed: return L("audit_recovery_code_used")
        case .recoveryCodesRenewed: return L("audit_recovery_codes_renewed")
        case .headRebuilt: return L("audit_head_rebuilt")
        case .presentDocument: return L("audit_present_document")
        case .restored: return L("audit_restored")
        case .backup: return L("audit_backup")
        case .other(let n): return L("audit_other", Int(n))
        }
    }
}
