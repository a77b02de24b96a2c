import QujatCore
import SwiftUI
import UniformTypeIdentifiers

@MainActor
final class DiplomasModel: ObservableObject {
    @Published private(set) var list: DiplomaList?
    @Published private(set) var holderKey: String?
    /// False when the core reports a key store without hardware backing (warned on the list).
    @Published private(set) var hardwareBacked = true
    @Published var message: String?
    private let app: AppModel

    init(app: AppModel) { self.app = app }

    func load() async {
        do {
            let wallet = try await app.openWallet()
            let (l, key, status) = try await background { (try wallet.list(), try wallet.holderPublicKey(), try wallet.status()) }
            list = l
            holderKey = groupedHex(bytes: key)
            hardwareBacked = status.keyStoreHardwareBacked
        } catch WalletError.Locked {
            app.sessionLocked()
        } catch {
            message = ErrorText.of(error)
        }
    }

    /// Read a picked credential file at once (the picker's access ends with this call), then
    /// check it against the trust list held and store it. If the session locked while the
    /// picker was up, the bytes wait for the unlock (`SessionGate`) and the import resumes.
    func importFile(_ url: URL) async {
        let scoped = url.startAccessingSecurityScopedResource()
        let bytes = try? Data(contentsOf: url)
        if scoped { url.stopAccessingSecurityScopedResource() }
        guard let bytes, bytes.count <= 256 * 1024 else {
            message = L("import_not_a_credential"); return
        }
        message = await app.importDiploma(bytes)
        if message == nil { await load() }
    }
}

struct DiplomaListView: View {
    @EnvironmentObject private var app: AppModel

    var body: some View { DiplomaListContent(model: DiplomasModel(app: app)) }
}

private struct DiplomaListContent: View {
    @EnvironmentObject private var app: AppModel
    @StateObject var model: DiplomasModel
    @State private var picking = false
    private let lang = AppLanguage.current()

    var body: some View {
        List {
            if !model.hardwareBacked { SoftwareKeyStoreWarning() }
            if app.unlockedWithRecoveryCode {
                Section {
                    Text(L("after_recovery_body"))
                    NavigationLink(L("authenticator_switch_title")) { SwitchAuthenticatorView() }
                    NavigationLink(L("recovery_renew_title")) { RenewRecoveryCodesView() }
                    Button(L("after_recovery_dismiss")) { app.unlockedWithRecoveryCode = false }
                }
            }
            if let m = model.message ?? app.resumeMessage { Text(m).foregroundStyle(.red) }
            if let l = model.list {
                if l.damaged > 0 { Text(L("diplomas_damaged", Int(l.damaged))).foregroundStyle(.red) }
                if l.diplomas.isEmpty {
                    VStack(alignment: .leading, spacing: 8) {
                        Text(L("no_diplomas")).font(.headline)
                        Text(L("holder_key_explained"))
                        Text(model.holderKey ?? "").font(.system(.footnote, design: .monospaced)).textSelection(.enabled)
                    }
                }
                ForEach(l.diplomas, id: \.id) { d in
                    NavigationLink(value: d.id) { DiplomaRow(d: d, lang: lang) }
                }
            } else {
                ProgressView()
            }
        }
        .sensitive()
        .navigationTitle(L("my_diplomas"))
        .navigationDestination(for: String.self) { id in DiplomaDetailView(id: id) }
        .toolbar {
            Button(L("import_diploma")) { picking = true }
            NavigationLink(L("settings")) { SettingsView() }
        }
        .fileImporter(isPresented: $picking, allowedContentTypes: [.data]) { result in
            if case .success(let url) = result { Task { await model.importFile(url) } }
        }
        .task { await model.load() }
        // A resumed import finished while this list was up: show it.
        .onChange(of: app.resumedCount) { _, _ in Task { await model.load() } }
        // An authenticator switch interrupted by a lock: straight back to its first code.
        .navigationDestination(isPresented: $app.resumeAuthenticatorChange) { SwitchAuthenticatorView(resume: true) }
    }
}

private struct DiplomaRow: View {
    let d: DiplomaSummary
    let lang: Language

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(d.programName.pick(lang) ?? d.programCode ?? "").font(.headline)
            Text([d.degreeLevel.map { degreeLabel(level: $0, lang: lang) }, d.programCode].compactMap { $0 }.joined(separator: " · "))
            Text(d.issuerName.pick(lang) ?? d.issuerId).font(.subheadline).foregroundStyle(.secondary)
            if d.honors { Text(L("with_honors")).font(.caption).foregroundStyle(.orange) }
        }
    }
}

struct DiplomaDetailView: View {
    @EnvironmentObject private var app: AppModel
    let id: String
    @State private var detail: DiplomaDetail?
    @State private var message: String?
    @State private var confirmDelete = false
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        List {
            if let m = message { Text(m).foregroundStyle(.red) }
            if let detail {
                ForEach(detail.claims, id: \.id) { c in
                    VStack(alignment: .leading) {
                        Text(c.label).font(.caption).foregroundStyle(.secondary)
                        Text(c.text)
                    }
                }
                NavigationLink(L("present")) { PresentView(id: id, detail: detail) }
                NavigationLink(L("pdf_title")) { PdfExportView(id: id, detail: detail) }
            } else {
                ProgressView()
            }
        }
        .sensitive()
        .toolbar { Button(L("delete"), role: .destructive) { confirmDelete = true } }
        .confirmationDialog(L("delete_title"), isPresented: $confirmDelete) {
            Button(L("delete"), role: .destructive) {
                Task {
                    do {
                        let wallet = try await app.openWallet()
                        try await background { try wallet.delete(id: id) }
                        dismiss()
                    } catch {
                        message = ErrorText.of(error)
                    }
                }
            }
        } message: { Text(L("delete_body")) }
        .task {
            do {
                let wallet = try await app.openWallet()
                let lang = AppLanguage.current()
                detail = try await background { try wallet.show(id: id, lang: lang) }
            } catch WalletError.Locked {
                app.sessionLocked()
            } catch {
                message = ErrorText.of(error)
            }
        }
    }
}
