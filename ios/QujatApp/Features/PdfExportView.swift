import QujatCore
import SwiftUI

/// "PDF for an employer" (issue 12): a document presentation for an audience (e.g. "Kaspi Bank
/// HR"), valid for some days, with the claims the holder picks and labels in a chosen language,
/// made by the core (`Wallet.exportPdf`, logged in the audit log as a document presentation)
/// and handed to the system share sheet (`ShareLink`): Mail, Files, a messenger. Unlike the live
/// QR code, this screen is not hidden from screen capture and sharing is not blocked: the PDF is
/// meant to leave the phone. The audience and the validity limits are checked by the core.
@MainActor
final class PdfExportModel: ObservableObject {
    let choice: ClaimChoice
    @Published var audience = ""
    @Published var days = Int(screenLimits().documentDaysDefault)
    @Published var language: Language = AppLanguage.current()
    @Published private(set) var busy = false
    @Published private(set) var file: URL?
    @Published var message: String?
    private let app: AppModel
    private let id: String

    init(app: AppModel, id: String, detail: DiplomaDetail) {
        self.app = app
        self.id = id
        choice = ClaimChoice(detail: detail)
    }

    var audienceReady: Bool { !audience.trimmingCharacters(in: .whitespaces).isEmpty }

    func export() {
        guard choice.canShow, audienceReady else { return }
        let request = DocumentPdfRequest(
            audience: audience.trimmingCharacters(in: .whitespaces),
            claims: choice.selected,
            validDays: UInt32(days),
            language: language
        )
        busy = true
        message = nil
        Task {
            defer { busy = false }
            do {
                let wallet = try await app.openWallet()
                let pdf = try await background { [id] in try wallet.exportPdf(id: id, request: request) }
                file = try SharedFiles.write(pdf, name: Self.fileName())
            } catch WalletError.Locked {
                app.sessionLocked()
            } catch {
                message = ErrorText.of(error)
            }
        }
    }

    /// The shared copy leaves this app's storage when the screen goes.
    func left() {
        SharedFiles.clear()
        file = nil
    }

    /// `qujat-diploma-YYYY-MM-DD.pdf`: no name, number or audience in the file name.
    static func fileName() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return "qujat-diploma-\(f.string(from: Date())).pdf"
    }
}

/// Files handed to the share sheet: one folder in the app's temporary directory, complete file
/// protection, emptied before each new file and when the screen goes.
enum SharedFiles {
    static var folder: URL { FileManager.default.temporaryDirectory.appendingPathComponent("share", isDirectory: true) }

    static func write(_ data: Data, name: String) throws -> URL {
        clear()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try data.write(to: url, options: [.atomic, .completeFileProtection])
        return url
    }

    static func clear() {
        try? FileManager.default.removeItem(at: folder)
    }
}

struct PdfExportView: View {
    @EnvironmentObject private var app: AppModel
    let id: String
    let detail: DiplomaDetail

    var body: some View { PdfExportContent(model: PdfExportModel(app: app, id: id, detail: detail), detail: detail) }
}

private struct PdfExportContent: View {
    @StateObject var model: PdfExportModel
    let detail: DiplomaDetail

    var body: some View {
        Form {
            Section(footer: Text(L("pdf_audience_footer"))) {
                TextField(L("pdf_audience"), text: $model.audience)
                    .autocorrectionDisabled()
                Stepper(L("pdf_valid_days", model.days), value: $model.days, in: 1...Int(screenLimits().documentDaysMax))
                Picker(L("pdf_language"), selection: $model.language) {
                    Text("Қазақша").tag(Language.kk)
                    Text("Русский").tag(Language.ru)
                    Text("English").tag(Language.en)
                }
            }
            ClaimChoiceSection(choice: model.choice, detail: detail)
            if let m = model.message { Text(m).foregroundStyle(.red) }
            Section(footer: Text(L("pdf_footer"))) {
                ChoiceButton(choice: model.choice, title: L("pdf_make"), blocked: !model.audienceReady || model.busy) { model.export() }
                if model.busy { ProgressView() }
                if let file = model.file {
                    ShareLink(item: file) { Label(L("pdf_share"), systemImage: "square.and.arrow.up") }
                }
            }
        }
        .navigationTitle(L("pdf_title"))
        // A changed form makes the shared PDF stale: make it again.
        .onChange(of: model.audience) { _, _ in model.left() }
        .onChange(of: model.days) { _, _ in model.left() }
        .onChange(of: model.language) { _, _ in model.left() }
        .onDisappear { model.left() }
    }
}
