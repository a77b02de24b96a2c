import AVFoundation
import QujatCore
import SwiftUI

/// The employer's scan loop (the rules of android/logic's VerifierPresenter): optional
/// challenge, scan, verdict, scan again; non-Qujat codes are not sent to the core; the code
/// just checked is ignored for a while after "scan again" (the core's `rescanQuietSecs`); a
/// challenge stays until answered.
@MainActor
final class VerifierModel: ObservableObject {
    enum Phase { case scanning, result(VerificationReport) }

    @Published private(set) var phase: Phase = .scanning
    @Published private(set) var challenge: String?
    @Published private(set) var hint: String?
    private let verifier: Verifier
    private var lastText: String?
    private var lastAt: Int64 = 0

    init(verifier: Verifier) {
        self.verifier = verifier
        if verifier.trustListInfo() == nil { hint = L("scan_no_trust_list") }
    }

    func newChallenge() { challenge = try? verifier.newChallenge() }
    func clearChallenge() { challenge = nil }

    func scanned(_ raw: String) {
        guard case .scanning = phase else { return }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text == lastText && Clock.now() - lastAt < screenLimits().rescanQuietSecs { return }
        guard looksLikePresentation(text: text) else { hint = L("scan_not_qujat"); return }
        let challenge = self.challenge
        let lang = AppLanguage.current()
        do {
            let report = try verifier.verify(text: text, expectedChallenge: challenge, lang: lang)
            lastText = text
            lastAt = Clock.now()
            phase = .result(report)
        } catch {
            hint = ErrorText.of(error)
        }
    }

    func scanAgain() {
        if case .result(let r) = phase, r.view.answersChallenge { challenge = nil }
        lastAt = Clock.now()
        hint = nil
        phase = .scanning
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
        switch model.phase {
        case .scanning:
            ScrollView {
                VStack(spacing: 12) {
                    QRScannerView { model.scanned($0) }
                        .aspectRatio(1, contentMode: .fit)
                        .clipShape(RoundedRectangle(cornerRadius: 12))
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
                }
                .padding()
            }
        case .result(let report):
            ResultView(report: report, onScanAgain: model.scanAgain)
        }
    }
}

/// The verdict in its colour, its wording, what to do next, and (only when the core found them
/// authentic) the disclosed claims, under a caveat unless the verdict is VALID.
struct ResultView: View {
    let report: VerificationReport
    let onScanAgain: () -> Void
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
}

/// The back camera reading QR codes with AVFoundation's metadata output (on-device, offline).
struct QRScannerView: UIViewControllerRepresentable {
    let onText: (String) -> Void

    func makeUIViewController(context: Context) -> ScannerController {
        let c = ScannerController()
        c.onText = onText
        return c
    }

    func updateUIViewController(_ controller: ScannerController, context: Context) {
        controller.onText = onText
    }
}

final class ScannerController: UIViewController, AVCaptureMetadataOutputObjectsDelegate {
    var onText: ((String) -> Void)?
    private let session = AVCaptureSession()
    private let queue = DispatchQueue(label: "kz.qujat.scanner")

    override func viewDidLoad() {
        super.viewDidLoad()
        view.backgroundColor = .black
        AVCaptureDevice.requestAccess(for: .video) { [weak self] granted in
            guard granted else { return }
            self?.queue.async { self?.configure() }
        }
    }

    private func configure() {
        guard let device = AVCaptureDevice.default(for: .video),
              let input = try? AVCaptureDeviceInput(device: device),
              session.canAddInput(input) else { return }
        session.beginConfiguration()
        session.addInput(input)
        let output = AVCaptureMetadataOutput()
        guard session.canAddOutput(output) else { session.commitConfiguration(); return }
        session.addOutput(output)
        output.setMetadataObjectsDelegate(self, queue: .main)
        output.metadataObjectTypes = [.qr]
        session.commitConfiguration()
        session.startRunning()
        DispatchQueue.main.async { [weak self] in
            guard let self else { return }
            let layer = AVCaptureVideoPreviewLayer(session: self.session)
            layer.videoGravity = .resizeAspectFill
            layer.frame = self.view.bounds
            self.view.layer.addSublayer(layer)
        }
    }

    override func viewDidLayoutSubviews() {
        super.viewDidLayoutSubviews()
        view.layer.sublayers?.forEach { $0.frame = view.bounds }
    }

    override func viewWillDisappear(_ animated: Bool) {
        super.viewWillDisappear(animated)
        queue.async { [session] in session.stopRunning() }
    }

    func metadataOutput(_ output: AVCaptureMetadataOutput, didOutput objects: [AVMetadataObject], from connection: AVCaptureConnection) {
        for case let code as AVMetadataMachineReadableCodeObject in objects {
            if let text = code.stringValue { onText?(text) }
        }
    }
}
