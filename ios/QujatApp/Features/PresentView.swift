import QujatCore
import SwiftUI

/// The claims a holder chooses to show, on the rules of the core (`preselectedClaims`,
/// `toggleClaim`, `confirmSensitiveClaim`: IIN, birth date and GPA start off and need a
/// confirmation). Shared by the live QR code and the PDF for an employer.
@MainActor
final class ClaimChoice: ObservableObject {
    /// The claims this diploma states, in slot order.
    let available: [ClaimId]
    private let defaults: [ClaimId]
    /// The claims chosen, in slot order (as the core returns them).
    @Published private(set) var selected: [ClaimId]
    @Published var confirming: ClaimId?

    init(detail: DiplomaDetail) {
        let stated = detail.claims.map(\.id)
        available = allClaims().filter { stated.contains($0) }
        defaults = preselectedClaims(stated: stated, lang: AppLanguage.current())
        selected = defaults
    }

    var canShow: Bool { QujatCore.canPresent(selected: selected) }
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
    func reset() { selected = defaults }
}

/// The claim switches with the sensitive-claim notes and confirmation.
struct ClaimChoiceSection: View {
    @ObservedObject var choice: ClaimChoice
    let detail: DiplomaDetail

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
        Section(L("present_choose")) {
            ForEach(choice.available, id: \.self) { c in
                Toggle(isOn: Binding(get: { choice.isSelected(c) }, set: { choice.toggle(c, $0) })) {
                    VStack(alignment: .leading) {
                        Text(label(c))
                        if let n = note(c) { Text(n).font(.caption).foregroundStyle(.red) }
                    }
                }
            }
            if !choice.isDefault { Button(L("present_reset")) { choice.reset() } }
            if choice.noName { Text(L("present_no_name_hint")).font(.footnote) }
        }
        .alert(
            L("present_sensitive_title", choice.confirming.map(label) ?? ""),
            isPresented: Binding(get: { choice.confirming != nil }, set: { if !$0 { choice.confirming = nil } })
        ) {
            Button(L("present_sensitive_confirm")) {
                if let c = choice.confirming { choice.confirmSensitive(c) }
                choice.confirming = nil
            }
            Button(L("cancel"), role: .cancel) { choice.confirming = nil }
        } message: {
            Text(choice.confirming.flatMap(note) ?? "")
        }
    }
}

/// Field choice, optional challenge, then the QR with a countdown. A new code is made shortly
/// before the current one expires (`QrRefresh`, Logic/: the core's "ending soon" time as the
/// lead, a few times in a row, then the code runs out and a tap makes a new one); at expiry the
/// QR is dropped. This model keeps only the screen's state.
@MainActor
final class PresentModel: ObservableObject {
    enum Phase { case choosing, showing(Presentation), expired }

    let choice: ClaimChoice
    @Published var challenge = ""
    @Published private(set) var phase: Phase = .choosing
    @Published private(set) var secondsLeft: Int64 = 0
    @Published private(set) var refresh = QrRefresh(leadSecs: screenLimits().endingSoonSecs, maxAutoRefreshes: Int(screenLimits().maxAutoRefreshes))
    @Published var message: String?
    private let app: AppModel
    private let id: String
    /// Bumped when the code is hidden: a presentation that arrives for an older request is dropped.
    private var generation = 0

    init(app: AppModel, id: String, detail: DiplomaDetail) {
        self.app = app
        self.id = id
        choice = ClaimChoice(detail: detail)
    }

    var challengeInvalid: Bool { !challenge.isEmpty && authenticatorCode(input: challenge) == nil }
    var canShow: Bool { choice.canShow && !challengeInvalid }

    /// The holder's tap: a code now, and automatic refreshes again.
    func present() {
        guard canShow else { return }
        refresh.requested()
        make()
    }

    private func make() {
        let request = PresentationRequest(
            claims: choice.selected,
            challenge: challenge.isEmpty ? nil : authenticatorCode(input: challenge),
            ttlSecs: screenLimits().presentationTtlSecs
        )
        let asked = generation
        Task {
            do {
                let wallet = try await app.openWallet()
                let p = try await background { [id] in try wallet.present(id: id, request: request) }
                // The holder may have hidden the code meanwhile.
                guard asked == generation else { return }
                phase = .showing(p)
                refresh.shown(createdAt: p.createdAt, expiresAt: p.expiresAt)
                message = nil
                secondsLeft = QujatCore.secondsLeft(until: p.expiresAt, now: Clock.now())
            } catch WalletError.Locked {
                refresh.refreshFailed()
                app.sessionLocked()
            } catch {
                refresh.refreshFailed()
                message = ErrorText.of(error)
            }
        }
    }

    /// Every second while the screen is visible and the app active.
    func tick() {
        guard case .showing(let p) = phase else { return }
        secondsLeft = QujatCore.secondsLeft(until: p.expiresAt, now: Clock.now())
        switch refresh.tick(now: Clock.now()) {
        case .none: break
        case .makeNew: make()
        case .drop: phase = .expired // the presentation (and its QR) is released here
        }
    }

    func stop() {
        generation += 1
        refresh.hidden()
        phase = .choosing
    }
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
    @Environment(\.scenePhase) private var scenePhase
    private let timer = Timer.publish(every: 1, on: .main, in: .common).autoconnect()

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
        .onReceive(timer) { _ in if scenePhase == .active { model.tick() } }
        .onDisappear { model.stop() }
    }

    private var choosing: some View {
        Form {
            ClaimChoiceSection(choice: model.choice, detail: detail)
            Section(footer: Text(L("present_challenge_hint"))) {
                TextField(L("present_challenge"), text: $model.challenge)
                    .keyboardType(.numberPad)
                    .onChange(of: model.challenge) { _, value in
                        let filtered = filterCodeTyping(input: value)
                        if filtered != value { model.challenge = filtered }
                    }
                    .foregroundStyle(model.challengeInvalid ? .red : .primary)
            }
            if let m = model.message { Text(m).foregroundStyle(.red) }
            ChoiceButton(choice: model.choice, title: L("present_show_qr"), blocked: model.challengeInvalid) { model.present() }
        }
    }

    private func showing(_ p: Presentation) -> some View {
        VStack(spacing: 16) {
            QRView(qr: p.qr, label: L("present_qr_description")).padding()
            ProgressView(value: fractionLeft(secondsLeft: model.secondsLeft, total: p.expiresAt - p.createdAt))
                .tint(model.secondsLeft <= screenLimits().endingSoonSecs ? .red : .accentColor)
            Text(L("present_expires_in", formatCountdown(seconds: model.secondsLeft))).font(.title2)
            Text(L(model.refresh.autoRefreshLeft ? "present_auto_refresh" : "present_auto_refresh_off"))
                .font(.footnote).foregroundStyle(.secondary)
            if let c = p.challenge { Text(L("present_answers_challenge", c)) }
            if let m = model.message { Text(m).foregroundStyle(.red) }
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

/// A button enabled only when the claim choice can be shown (it observes the choice itself, so
/// it follows every switch).
struct ChoiceButton: View {
    @ObservedObject var choice: ClaimChoice
    let title: String
    var blocked = false
    let action: @MainActor () -> Void

    var body: some View {
        Button(title, action: action).disabled(!choice.canShow || blocked)
    }
}
