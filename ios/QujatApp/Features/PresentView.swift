import QujatCore
import SwiftUI

/// Field choice (the core's default set preselected; IIN, birth date, GPA off and behind a
/// confirmation), optional challenge, then the QR with a countdown; at expiry the QR is dropped.
@MainActor
final class PresentModel: ObservableObject {
    enum Phase { case choosing, showing(Presentation), expired }

    @Published var selection: ClaimSelection
    @Published var challenge = ""
    @Published var confirming: ClaimId?
    @Published private(set) var phase: Phase = .choosing
    @Published private(set) var secondsLeft: Int64 = 0
    @Published var message: String?
    private let app: AppModel
    private let id: String

    init(app: AppModel, id: String, detail: DiplomaDetail) {
        self.app = app
        self.id = id
        selection = ClaimSelection(
            stated: detail.claims.map(\.id),
            coreDefaults: defaultPresentationClaims(lang: AppLanguage.current())
        )
    }

    var challengeInvalid: Bool { !challenge.isEmpty && CodeEntry.challenge(challenge) == nil }

    func toggle(_ c: ClaimId, _ on: Bool) {
        if case .needsConfirmation(let key) = selection.toggle(c, on: on) { confirming = key }
    }

    func present() {
        guard selection.canPresent, !challengeInvalid else { return }
        let request = PresentationRequest(
            claims: selection.ordered,
            challenge: challenge.isEmpty ? nil : CodeEntry.challenge(challenge),
            ttlSecs: 120
        )
        Task {
            do {
                let wallet = try await app.openWallet()
                let p = try await background { [id] in try wallet.present(id: id, request: request) }
                phase = .showing(p)
                tick()
            } catch WalletError.Locked {
                app.route = .unlock
            } catch {
                message = ErrorText.of(error)
            }
        }
    }

    func tick() {
        guard case .showing(let p) = phase else { return }
        secondsLeft = Countdown.secondsLeft(until: p.expiresAt, now: Clock.now())
        if secondsLeft == 0 { phase = .expired } // the presentation (and its QR) is released here
    }

    func stop() { phase = .choosing }
}

struct PresentView: View {
    @EnvironmentObject private var app: AppModel
    let id: String
    let detail: DiplomaDetail

    var body: some View { PresentContent(model: PresentModel(app: app, id: id, detail: detail), detail: detail) }
}

private struct PresentContent: View {
    @StateObject var model: PresentModel
    let detail: DiplomaDetail
    @State private var brightnessBefore: CGFloat?
    private let timer = Timer.publish(every: 1, on: .main, in: .common).autoconnect()

    private func label(_ c: ClaimId) -> String { detail.claims.first { $0.id == c }?.label ?? "" }

    private func note(_ c: ClaimId) -> String? {
        switch c {
        case .iin: return L("sensitive_iin")
        case .birthDate: return L("sensitive_birth_date")
        case .gpa: return L("sensitive_gpa")
        default: return nil
        }
    }

    var body: some View {
        Group {
            switch model.phase {
            case .choosing: choosing
            case .showing(let p): showing(p)
            case .expired:
                VStack(spacing: 16) {
                    Text(L("present_expired")).font(.title3)
                    Button(L("present_new_code")) { model.stop() }.buttonStyle(.borderedProminent)
                }
            }
        }
        .sensitive()
        .onReceive(timer) { _ in model.tick() }
    }

    private var choosing: some View {
        Form {
            Section(L("present_choose")) {
                ForEach(model.selection.available, id: \.self) { c in
                    Toggle(isOn: Binding(get: { model.selection.isSelected(c) }, set: { model.toggle(c, $0) })) {
                        VStack(alignment: .leading) {
                            Text(label(c))
                            if let n = note(c) { Text(n).font(.caption).foregroundStyle(.red) }
                        }
                    }
                }
                if !model.selection.isDefault { Button(L("present_reset")) { model.selection.reset() } }
                if model.selection.hidesName { Text(L("present_no_name_hint")).font(.footnote) }
            }
            Section(footer: Text(L("present_challenge_hint"))) {
                TextField(L("present_challenge"), text: $model.challenge)
                    .keyboardType(.numberPad)
                    .onChange(of: model.challenge) { model.challenge = CodeEntry.filterCodeTyping($0) }
                    .foregroundStyle(model.challengeInvalid ? .red : .primary)
            }
            if let m = model.message { Text(m).foregroundStyle(.red) }
            Button(L("present_show_qr")) { model.present() }
                .disabled(!model.selection.canPresent || model.challengeInvalid)
        }
        .alert(
            L("present_sensitive_title", model.confirming.map(label) ?? ""),
            isPresented: Binding(get: { model.confirming != nil }, set: { if !$0 { model.confirming = nil } })
        ) {
            Button(L("present_sensitive_confirm")) {
                if let c = model.confirming { model.selection.confirmSensitive(c) }
                model.confirming = nil
            }
            Button(L("cancel"), role: .cancel) { model.confirming = nil }
        } message: {
            Text(model.confirming.flatMap(note) ?? "")
        }
    }

    private func showing(_ p: Presentation) -> some View {
        VStack(spacing: 16) {
            QRView(qr: p.qr, label: L("present_qr_description")).padding()
            ProgressView(value: Countdown.fraction(model.secondsLeft, total: p.expiresAt - p.createdAt))
                .tint(model.secondsLeft <= 15 ? .red : .accentColor)
            Text(L("present_expires_in", Countdown.format(model.secondsLeft))).font(.title2)
            if let c = p.challenge { Text(L("present_answers_challenge", c)) }
            Button(L("present_hide")) { model.stop() }.buttonStyle(.bordered)
        }
        .padding()
        // Full brightness while the code is up (scanners read a bright screen faster), restored after.
        .onAppear {
            brightnessBefore = UIScreen.main.brightness
            UIScreen.main.brightness = 1.0
        }
        .onDisappear { if let b = brightnessBefore { UIScreen.main.brightness = b } }
    }
}
