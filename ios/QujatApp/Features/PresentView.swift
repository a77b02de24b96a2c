import QujatCore
import SwiftUI

/// Field choice (the core's preselection; IIN, birth date, GPA off and behind a confirmation:
/// the rules are the core's `preselectedClaims`, `toggleClaim` …), optional challenge, then the
/// QR with a countdown; at expiry the QR is dropped. This model keeps only the screen's state.
@MainActor
final class PresentModel: ObservableObject {
    enum Phase { case choosing, showing(Presentation), expired }

    /// The claims this diploma states, in slot order.
    let available: [ClaimId]
    private let defaults: [ClaimId]
    /// The claims chosen, in slot order (as the core returns them).
    @Published private(set) var selected: [ClaimId]
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
        let stated = detail.claims.map(\.id)
        available = allClaims().filter { stated.contains($0) }
        defaults = preselectedClaims(stated: stated, lang: AppLanguage.current())
        selected = defaults
    }

    var challengeInvalid: Bool { !challenge.isEmpty && authenticatorCode(input: challenge) == nil }
    var canShow: Bool { QujatCore.canPresent(selected: selected) && !challengeInvalid }
    var noName: Bool { QujatCore.hidesName(selected: selected) }
    var isDefault: Bool { Set(selected) == Set(defaults) }
    func isSelected(_ c: ClaimId) -> Bool { selected.contains(c) }

    func toggle(_ c: ClaimId, _ on: Bool) {
        switch toggleClaim(stated: available, selected: selected, claim: c, on: on) {
        case .changed(let next): selected = next
        case .needsConfirmation: confirming = c
        case .notAvailable: break
        }
    }

    func confirmSensitive(_ c: ClaimId) { selected = confirmSensitiveClaim(stated: available, selected: selected, claim: c) }
    func resetSelection() { selected = defaults }

    func present() {
        guard canShow else { return }
        let request = PresentationRequest(
            claims: selected,
            challenge: challenge.isEmpty ? nil : authenticatorCode(input: challenge),
            ttlSecs: screenLimits().presentationTtlSecs
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
        secondsLeft = QujatCore.secondsLeft(until: p.expiresAt, now: Clock.now())
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
                ForEach(model.available, id: \.self) { c in
                    Toggle(isOn: Binding(get: { model.isSelected(c) }, set: { model.toggle(c, $0) })) {
                        VStack(alignment: .leading) {
                            Text(label(c))
                            if let n = note(c) { Text(n).font(.caption).foregroundStyle(.red) }
                        }
                    }
                }
                if !model.isDefault { Button(L("present_reset")) { model.resetSelection() } }
                if model.noName { Text(L("present_no_name_hint")).font(.footnote) }
            }
            Section(footer: Text(L("present_challenge_hint"))) {
                TextField(L("present_challenge"), text: $model.challenge)
                    .keyboardType(.numberPad)
                    .onChange(of: model.challenge) { model.challenge = filterCodeTyping(input: $0) }
                    .foregroundStyle(model.challengeInvalid ? .red : .primary)
            }
            if let m = model.message { Text(m).foregroundStyle(.red) }
            Button(L("present_show_qr")) { model.present() }
                .disabled(!model.canShow)
        }
        .alert(
            L("present_sensitive_title", model.confirming.map(label) ?? ""),
            isPresented: Binding(get: { model.confirming != nil }, set: { if !$0 { model.confirming = nil } })
        ) {
            Button(L("present_sensitive_confirm")) {
                if let c = model.confirming { model.confirmSensitive(c) }
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
            ProgressView(value: fractionLeft(secondsLeft: model.secondsLeft, total: p.expiresAt - p.createdAt))
                .tint(model.secondsLeft <= screenLimits().endingSoonSecs ? .red : .accentColor)
            Text(L("present_expires_in", formatCountdown(seconds: model.secondsLeft))).font(.title2)
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
