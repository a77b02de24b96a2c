import QujatCore
import SwiftUI
import UniformTypeIdentifiers

/// The backup file as a document for `fileExporter` (an age-encrypted archive; docs/BACKUP.md).
struct BackupDocument: FileDocument {
    static let readableContentTypes: [UTType] = [.data]
    let bytes: Data

    init(bytes: Data) { self.bytes = bytes }

    init(configuration: ReadConfiguration) throws {
        bytes = configuration.file.regularFileContents ?? Data()
    }

    func fileWrapper(configuration: WriteConfiguration) throws -> FileWrapper {
        FileWrapper(regularFileWithContents: bytes)
    }
}

/// Backup (issue 13): the core makes the encrypted file and its backup code; the code and its QR
/// are shown once until "I wrote it down"; then the system's save panel (`fileExporter`) writes
/// the file wherever the holder chooses (Files, iCloud Drive, a USB drive). The steps are
/// `BackupFlow`'s (Logic/).
@MainActor
final class BackupModel: ObservableObject {
    @Published private(set) var flow = BackupFlow()
    @Published private(set) var code: String?
    @Published private(set) var codeQr: QrCode?
    @Published private(set) var document: BackupDocument?
    /// "N diplomas in this backup" (and any damaged ones left out).
    @Published private(set) var contents: String?
    @Published var message: String?
    private let app: AppModel

    init(app: AppModel) { self.app = app }

    func make() {
        flow.begin()
        message = nil
        Task {
            do {
                let wallet = try await app.openWallet()
                let made = try await background { () throws -> MadeBackup in
                    let export = try wallet.createBackup()
                    return MadeBackup(bytes: export.bytes(), code: export.code(), qr: export.codeQr(),
                                      diplomas: export.diplomas(), skipped: export.skipped())
                }
                document = BackupDocument(bytes: made.bytes)
                contents = L("backup_contents", Int(made.diplomas))
                    + (made.skipped > 0 ? " " + L("backup_skipped", Int(made.skipped)) : "")
                code = made.code
                codeQr = made.qr
                flow.made()
            } catch WalletError.Locked {
                flow.failed()
                app.sessionLocked()
            } catch {
                flow.failed()
                message = ErrorText.of(error)
            }
        }
    }

    func acknowledge(_ on: Bool) { flow.acknowledge(on) }

    /// Whether to open the save panel (only after "I wrote it down").
    func save() -> Bool { flow.save() }

    func saveFinished(_ result: Result<URL, Error>) {
        switch result {
        case .success:
            flow.savedOK()
            drop()
        case .failure:
            flow.saveCancelled()
            message = L("backup_not_saved")
        }
    }

    /// The holder left the screen: the file and code leave memory.
    func left() {
        flow.left()
        drop()
    }

    private func drop() {
        document = nil
        contents = nil
        code = nil
        codeQr = nil
    }

    /// The file name offered: the date, no personal data.
    var fileName: String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return "qujat-backup-\(f.string(from: Date())).age"
    }
}

private struct MadeBackup: Sendable {
    let bytes: Data
    let code: String
    let qr: QrCode
    let diplomas: UInt32
    let skipped: UInt32
}

struct BackupView: View {
    @EnvironmentObject private var app: AppModel

    var body: some View { BackupContent(model: BackupModel(app: app)) }
}

private struct BackupContent: View {
    @StateObject var model: BackupModel
    @State private var exporting = false

    var body: some View {
        Form {
            if let m = model.message { Text(m).foregroundStyle(.red) }
            switch model.flow.step {
            case .start:
                Section(footer: Text(L("backup_footer"))) {
                    Text(L("backup_body"))
                    Button(L("backup_make")) { model.make() }
                }
            case .working:
                ProgressView()
            case .showCode(let acknowledged):
                codeSection(acknowledged: acknowledged)
            case .saving:
                codeSection(acknowledged: true)
            case .saved:
                Text(L("backup_saved"))
            }
        }
        .navigationTitle(L("backup_title"))
        .navigationBarBackButtonHidden(model.flow.codeVisible)
        .fileExporter(
            isPresented: $exporting,
            document: model.document,
            contentType: .data,
            defaultFilename: model.fileName
        ) { result in
            model.saveFinished(result)
        }
        .onDisappear { model.left() }
    }

    private func codeSection(acknowledged: Bool) -> some View {
        Section(L("backup_code_title")) {
            if let contents = model.contents { Text(contents) }
            Text(L("backup_code_body"))
            if let code = model.code {
                Text(code).font(.system(.title3, design: .monospaced)).textSelection(.disabled)
            }
            if let qr = model.codeQr {
                QRView(qr: qr, label: L("backup_code_title")).frame(maxWidth: 220)
            }
            Toggle(L("backup_code_ack"), isOn: Binding(get: { acknowledged }, set: { model.acknowledge($0) }))
            Button(L("backup_save")) { if model.save() { exporting = true } }
                .disabled(!acknowledged)
            Button(L("cancel"), role: .cancel) { model.left() }
        }
        .sensitive()
    }
}
