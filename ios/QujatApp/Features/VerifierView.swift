import AVFoundation
import QujatCore
import SwiftUI
import UniformTypeIdentifiers

/// The employer's scan loop (the rules of android/logic's VerifierPresenter): optional
/// challenge, scan, verdict, scan again; non-Qujat codes are not sent to the core; the code
/// just checked is ignored for a while after "scan again" (the core's `rescanQuietSecs`); a
/// challenge stays until answered. The core's calls (SQLite: the answered challenges and the
/// history) run off the main thread.
@MainActor
final class VerifierModel: ObservableObject {
    enum Phase { case scanning, checking, result(VerificationReport) }

    @Published private(set) var phase: Phase = .scanning
    @Published private(set) var challenge: String?
    @Published private(set) var hint: String?
    @Published private(set) var trustList: TrustListInfo?
    let verifier: Verifier
    private var lastText: String?
    private var lastAt: Int64 = 0

    init(verifier: Verifier) {
        self.verifier = verifier
        refreshTrustInfo()
    }

    /// Re-read the trust list held (after a list update).
    func refreshTrustInfo() {
        trustList = verifier.trustListInfo()
        if trustList == nil { hint = L("scan_no_trust_list") }
    }

    func newChallenge() {
        do { challenge = try verifier.newChallenge() } catch { hint = L("verifier_challenge_failed") }
    }

    func clearChallenge() { challenge = nil }

    func scanned(_ raw: String) {
        guard case .scanning = phase else { return }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text == lastText && Clock.now() - lastAt < screenLimits().rescanQuietSecs { return }
        guard looksLikePresentation(text: text) else { hint = L("scan_not_qujat"); return }
        let challenge = self.challenge
        let lang = AppLanguage.current()
        let verifier = self.verifier
        phase = .checking
        Task {
            do {
                let report = try await background { try verifier.verify(text: text, expectedChallenge: challenge, lang: lang) }
                lastText = text
                lastAt = Clock.now()
                phase = .result(report)
            } catch {
                hint = ErrorText.of(error)
                phase = .scanning
            }
        }
    }

    func scanAgain() {
        if case .result(let r) = phase, r.view.answersChallenge { challenge = nil }
        lastAt = Clock.now()
        hint = nil
        phase = .scanning
        refreshTrustInfo()
    }
}

struct VerifierView: View {
    @EnvironmentObject private var app: AppModel

    var body: some View {
        Group {
            if let v = app.verifier {
                VerifierContent(model: VerifierModel(verifier: v))
            } else {
                Text(L("verifier_no_anchor")).padding()
            }
        }
        .navigationTitle(L("verifier_title"))
        .toolbar { NavigationLink(L("settings")) { SettingsView() } }
    }
}

private struct VerifierContent: View {
    @StateObject var model: VerifierModel

    var body: some View {
        Group {
            switch model.phase {
            case .scanning, .checking:
                ScrollView {
                    VStack(spacing: 12) {
                        CameraScanner { model.scanned($0) }
                            .aspectRatio(1, contentMode: .fit)
                            .clipShape(RoundedRectangle(cornerRadius: 12))
                            .overlay { if case .checking = model.phase { ProgressView() } }
                        Text(model.hint ?? L("scan_point_camera")).font(.footnote)
                        if let c = model.challenge {
                            VStack(spacing: 8) {
                                Text(L("challenge_tell_holder"))
                                Text("\(c.prefix(3)) \(c.suffix(3))")
                                    .font(.system(size: 44, weight: .bold, design: .monospaced))
                                Button(L("challenge_clear")) { model.clearChallenge() }
                            }
                            .padding()
                            .background(.thinMaterial, in: RoundedRectangle(cornerRadius: 12))
                        } else {
                            Button(L("challenge_use")) { model.newChallenge() }.buttonStyle(.bordered)
                        }
                        NavigationLink {
                            TrustListsView(verifier: model.verifier, onChange: { model.refreshTrustInfo() })
                        } label: {
                            TrustAgeLine(info: model.trustList)
                        }
                    }
                    .padding()
                }
            case .result(let report):
                ResultView(report: report, onScanAgain: { model.scanAgain() })
            }
        }
    }
}

/// The verdict in its colour, its wording, what to do next, what kind of presentation it was
/// (a live code, or a printed/e-mailed copy for an audience), and (only when the core found
/// them authentic) the disclosed claims, under a caveat unless the verdict is VALID.
struct ResultView: View {
    let report: VerificationReport
    let onScanAgain: @MainActor () -> Void
    private var style: VerdictView { report.view }

    var body: some View {
        ScrollView {
            VStack(alignment: .leading, spacing: 8) {
                Text(L(style.wordingKey + "_title")).font(.largeTitle.bold())
                Text(style.time.map { L(style.wordingKey + "_body", dateTime($0)) } ?? L(style.wordingKey + "_body"))
                if let next = style.nextStepKey { Text(L(next)).bold() }
                Text(report.verdictCode).font(.caption2)
            }
            .foregroundStyle(style.severity.foreground)
            .frame(maxWidth: .infinity, alignment: .leading)
            .padding(24)
            .background(style.severity.background)

            VStack(alignment: .leading, spacing: 8) {
                if let kind = kindLine { Text(kind).font(.headline) }
                if let issuer = report.issuer {
                    Text(L("result_issuer")).font(.caption).foregroundStyle(.secondary)
                    Text(issuer.name.pick(AppLanguage.current()) ?? issuer.id).font(.headline)
                }
                if style.showClaims {
                    if style.claimsWithCaveat { Text(L("result_claims_caveat")).foregroundStyle(.red) }
                    ForEach(report.claims, id: \.id) { c in
                        VStack(alignment: .leading) {
                            Text(c.label).font(.caption).foregroundStyle(.secondary)
                            Text(c.text)
                        }
                        Divider()
                    }
                    if !report.notStated.isEmpty { Text(L("result_not_stated", report.notStated.count)) }
                }
                Button(L("next_scan_again"), action: onScanAgain).buttonStyle(.borderedProminent)
            }
            .padding()
        }
        .sensitive()
    }

    /// "Live QR code" or "Printed or e-mailed copy for AUDIENCE, made DATE, valid until DATE".
    /// The audience is shown only when the core found the presentation authentic (it is as
    /// signed, and means nothing otherwise).
    private var kindLine: String? {
        switch report.kind {
        case .none:
            return nil
        case .live:
            return L("result_kind_live")
        case .document(let audience):
            guard report.authentic else { return L("result_kind_document_unverified") }
            return L("result_kind_document", audience,
                     report.createdAt.map(dateTime) ?? "—", report.expiresAt.map(dateTime) ?? "—")
        }
    }
}

/// One line under the scanner: the trust list held and its age, or that there is none.
private struct TrustAgeLine: View {
    let info: TrustListInfo?

    var body: some View {
        Label {
            if let info {
                Text(L("lists_trust_held", Int(clamping: info.sequence), age(info.issuedAt)))
            } else {
                Text(L("lists_trust_none"))
            }
        } icon: {
            Image(systemName: "checkmark.shield")
        }
        .font(.footnote)
    }
}

/// How long ago a Unix time was, in the app's language ("3 days ago"); platform formatting only.
func age(_ unix: Int64) -> String {
    let f = RelativeDateTimeFormatter()
    f.unitsStyle = .full
    return f.localizedString(for: Date(timeIntervalSince1970: TimeInterval(unix)), relativeTo: Date())
}

/// Whether the app may use the camera, asked once and re-read when the app comes back (the holder
/// may have changed it in Settings). A denied camera shows why and the way to Settings, never a
/// silent black view.
@MainActor
final class CameraPermission: ObservableObject {
    @Published private(set) var status = AVCaptureDevice.authorizationStatus(for: .video)

    func ask() async {
        if status == .notDetermined { _ = await AVCaptureDevice.requestAccess(for: .video) }
        refresh()
    }

    func refresh() { status = AVCaptureDevice.authorizationStatus(for: .video) }
}

/// The scanner when the camera is allowed; otherwise why not, with the way to Settings.
struct CameraScanner: View {
    let onText: @MainActor (String) -> Void
    @StateObject private var permission = CameraPermission()
    @State private var failed = false
    @Environment(\.scenePhase) private var scenePhase

    var body: some View {
        Group {
            switch permission.status {
            case .authorized where !failed:
                QRScannerView(onText: onText, onFailure: { failed = true })
            case .notDetermined:
                Color.black.task { await permission.ask() }
            default:
                VStack(spacing: 12) {
                    Image(systemName: "camera.fill").font(.largeTitle)
                    Text(L(failed ? "verifier_camera_unavailable" : "verifier_camera_needed")).multilineTextAlignment(.center)
                    if !failed {
                        Button(L("verifier_open_settings")) {
                            if let url = URL(string: UIApplication.openSettingsURLString) { UIApplication.shared.open(url) }
                        }
                        .buttonStyle(.borderedProminent)
                    }
                }
                .padding()
                .frame(maxWidth: .infinity, maxHeight: .infinity)
                .background(.thinMaterial)
            }
        }
        .onChange(of: scenePhase) { _, phase in if phase == .active { permission.refresh() } }
    }
}

/// The back camera reading QR codes with AVFoundation's metadata output (on-device, offline).
struct QRScannerView: UIViewControllerRepresentable {
    let onText: @MainActor (String) -> Void
    let onFailure: @MainActor () -> Void

    func makeUIViewController(context: Context) -> ScannerController {
        let c = ScannerController()
        c.onText = onText
        c.onFailure = onFailure
        return c
    }

    func updateUIViewController(_ controller: ScannerController, context: Context) {
        controller.onText = onText
        controller.onFailure = onFailure
    }
}

/// Shows the camera and runs the capture session while on screen: started in `viewWillAppear`
/// (so coming back to the scanner restarts it), stopped in `viewWillDisappear`. Only called when
/// the camera is allowed (`CameraScanner`).
final class ScannerController: UIViewController {
    var onText: (@MainActor (String) -> Void)?
    var onFailure: (@MainActor () -> Void)?
    private let camera = CameraSession()
    private var preview: AVCaptureVideoPreviewLayer?

    override func viewDidLoad() {
        super.viewDidLoad()
        view.backgroundColor = .black
        let layer = AVCaptureVideoPreviewLayer(session: camera.session)
        layer.videoGravity = .resizeAspectFill
        view.layer.addSublayer(layer)
        preview = layer
        camera.onText = { [weak self] text in self?.onText?(text) }
    }

    override func viewDidLayoutSubviews() {
        super.viewDidLayoutSubviews()
        preview?.frame = view.bounds
    }

    override func viewWillAppear(_ animated: Bool) {
        super.viewWillAppear(animated)
        camera.start { [weak self] in self?.onFailure?() }
    }

    override func viewWillDisappear(_ animated: Bool) {
        super.viewWillDisappear(animated)
        camera.stop()
    }
}

/// The capture session, configured, started and stopped only on its own serial queue
/// (`startRunning` blocks); metadata arrives on the main queue. Not main-actor isolated, so the
/// delegate method and the queue's work are not main-actor code called from elsewhere (Swift 6);
/// what it hands to the screen, it hands on the main actor.
final class CameraSession: NSObject, AVCaptureMetadataOutputObjectsDelegate, @unchecked Sendable {
    let session = AVCaptureSession()
    /// Set and called on the main actor only.
    @MainActor var onText: (@MainActor (String) -> Void)?
    private let queue = DispatchQueue(label: "kz.qujat.scanner")
    /// Touched on `queue` only.
    private var configured = false

    /// Configure once, then run. `onFailure` (main actor) when there is no usable camera.
    func start(onFailure: @escaping @MainActor @Sendable () -> Void) {
        queue.async { [self] in
            if !configured { configured = configure() }
            guard configured else {
                Task { @MainActor in onFailure() }
                return
            }
            if !session.isRunning { session.startRunning() }
        }
    }

    func stop() {
        queue.async { [self] in
            if session.isRunning { session.stopRunning() }
        }
    }

    private func configure() -> Bool {
        guard let device = AVCaptureDevice.default(for: .video),
              let input = try? AVCaptureDeviceInput(device: device) else { return false }
        session.beginConfiguration()
        defer { session.commitConfiguration() }
        guard session.canAddInput(input) else { return false }
        session.addInput(input)
        let output = AVCaptureMetadataOutput()
        guard session.canAddOutput(output) else { return false }
        session.addOutput(output)
        output.setMetadataObjectsDelegate(self, queue: .main)
        output.metadataObjectTypes = [.qr]
        return true
    }

    func metadataOutput(_ output: AVCaptureMetadataOutput, didOutput objects: [AVMetadataObject], from connection: AVCaptureConnection) {
        let texts = objects.compactMap { ($0 as? AVMetadataMachineReadableCodeObject)?.stringValue }
        // The delegate queue is the main queue (set in `configure`).
        MainActor.assumeIsolated {
            for text in texts { onText?(text) }
        }
    }
}
