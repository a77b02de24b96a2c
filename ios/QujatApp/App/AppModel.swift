import Foundation
import QujatCore

/// Which side of the app this phone is on.
enum Mode: String { case holder, verifier }

/// Where the app is.
enum Route: Equatable {
    case loading
    case chooseMode
    case onboarding(resume: Bool)
    case unlock
    case diplomas
    case verifier
    case failed(String)
}

/// The app's long-lived objects: the wallet (opened off the main thread), the verifier pinned to
/// the shipped anchor, trust data, and the route.
@MainActor
final class AppModel: ObservableObject {
    @Published var route: Route = .loading
    @Published var mode: Mode? {
        didSet { UserDefaults.standard.set(mode?.rawValue, forKey: "mode") }
    }

    let trust = TrustData.load()
    private(set) var wallet: Wallet?
    private(set) lazy var verifier: Verifier? = trust.makeVerifier()

    init() {
        mode = UserDefaults.standard.string(forKey: "mode").flatMap(Mode.init(rawValue:))
        Task { await start() }
    }

    /// Decide the first screen: mode choice, set-up, unlock or the verifier.
    func start() async {
        guard let mode else { route = .chooseMode; return }
        if mode == .verifier { route = .verifier; return }
        do {
            let wallet = try await openWallet()
            let state = try await background { try wallet.status().state }
            switch state {
            case .uninitialized, .wiped: route = .onboarding(resume: false)
            case .enrolmentPending: route = .onboarding(resume: true)
            case .ready: route = .unlock
            }
        } catch {
            route = .failed(ErrorText.of(error))
        }
    }

    func choose(_ mode: Mode) {
        self.mode = mode
        Task { await start() }
    }

    func openWallet() async throws -> Wallet {
        if let wallet { return wallet }
        let opened = try await background {
            let dir = try FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
            var url = dir.appendingPathComponent("wallet.db")
            // Never in an iCloud or iTunes backup: the file is bound to this phone's enclave key anyway.
            var values = URLResourceValues()
            values.isExcludedFromBackup = true
            try? url.setResourceValues(values)
            return try Wallet.open(path: url.path, keyStore: KeychainKeyStore(), options: defaultWalletOptions())
        }
        wallet = opened
        return opened
    }

    func lockWallet() {
        wallet?.lock()
        if route == .diplomas { route = .unlock }
    }
}

/// Run blocking core calls (Argon2id runs inside unlock) off the main actor.
func background<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await Task.detached(priority: .userInitiated) { try work() }.value
}

/// The anchor key, trust list and status lists shipped in the bundle's `trust/` folder (the same
/// files as Android's `assets/trust/`), overridden by newer copies in Application Support.
struct TrustData: Sendable {
    let anchor: Data?
    let trustList: Data?
    let statusLists: [Data]

    static func load() -> TrustData {
        func read(_ name: String) -> Data? {
            if let dir = try? FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: false),
               let d = try? Data(contentsOf: dir.appendingPathComponent("trust/\(name)")) {
                return d
            }
            return Bundle.main.url(forResource: name, withExtension: nil, subdirectory: "trust").flatMap { try? Data(contentsOf: $0) }
        }
        let statusURLs = Bundle.main.urls(forResourcesWithExtension: "bin", subdirectory: "trust/status") ?? []
        return TrustData(
            anchor: read("anchor.pub").flatMap { parsePublicKeyFile(bytes: $0) },
            trustList: read("trust-list.bin"),
            statusLists: statusURLs.sorted { $0.lastPathComponent < $1.lastPathComponent }.compactMap { try? Data(contentsOf: $0) }
        )
    }

    /// The verifier on its state file in Application Support (excluded from backups): the pinned
    /// anchor, the newest lists, the answered challenges and the history outlive the app, so a
    /// restart lets no replayed QR code or older list through. The file is named for the anchor:
    /// an update that ships a new anchor starts a new state (the core refuses another anchor).
    func makeVerifier() -> Verifier? {
        guard let anchor else { return nil }
        // A state file that cannot be used (damaged, disk): remember in memory only until the
        // app stops, the same as a deleted state, never no verifier at all.
        let onFile = Self.verifierStatePath(anchor: anchor).flatMap { try? Verifier.open(path: $0, anchorPublicKey: anchor) }
        guard let v = onFile ?? (try? Verifier(anchorPublicKey: anchor)) else { return nil }
        if let trustList {
            do {
                _ = try v.installTrustList(bytes: trustList)
            } catch VerifierError.TrustListRollback {
                // A newer list is already held (installed earlier, remembered): keep it.
            } catch {
                return v
            }
            for s in statusLists { _ = try? v.installStatusList(bytes: s) }
        }
        return v
    }

    /// `Application Support/verifier-<first 8 bytes of the anchor, hex>.sqlite3`, not backed up.
    static func verifierStatePath(anchor: Data) -> String? {
        guard var dir = try? FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true) else { return nil }
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try? dir.setResourceValues(values)
        let name = "verifier-" + anchor.prefix(8).map { String(format: "%02x", $0) }.joined() + ".sqlite3"
        return dir.appendingPathComponent(name).path
    }
}
