import Foundation
import QujatCore

/// Which side of the app this phone is on.
enum Mode: String { case holder, verifier }

/// Where the app is.
enum Route: Equatable {
    case loading
    case chooseMode
    case onboarding(resume: Bool)
    case restore
    case unlock
    case diplomas
    case verifier
    case failed(String)
}

/// The app's long-lived objects: the wallet and the verifier (both opened off the main thread),
/// trust data, the route, and the session gate (locked → unlock → resume).
@MainActor
final class AppModel: ObservableObject {
    @Published var route: Route = .loading
    @Published var mode: Mode? {
        didSet { UserDefaults.standard.set(mode?.rawValue, forKey: "mode") }
    }

    let trust = TrustData.load()
    private(set) var wallet: Wallet?
    /// The verifier pinned to the shipped anchor, opened on its state file off the main thread
    /// (`start`); nil when no anchor ships or nothing could be opened.
    @Published private(set) var verifier: Verifier?

    init() {
        mode = UserDefaults.standard.string(forKey: "mode").flatMap(Mode.init(rawValue:))
        Task { await start() }
    }

    /// Decide the first screen: mode choice, set-up, unlock or the verifier.
    func start() async {
        guard let mode else { route = .chooseMode; return }
        if mode == .verifier {
            if verifier == nil {
                let trust = self.trust
                verifier = try? await background { trust.makeVerifier() }
            }
            route = .verifier
            return
        }
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
        gate.discard()
        inProgress = nil
        unlockedWithRecoveryCode = false
        self.mode = mode
        Task { await start() }
    }

    /// The wallet, opened once off the main thread; callers that come while it opens wait for
    /// the same opening (never two connections to one file).
    func openWallet() async throws -> Wallet {
        if let wallet { return wallet }
        if let opening { return try await opening.value }
        let task = Task.detached(priority: .userInitiated) { () throws -> Wallet in
            let url = try VaultFiles.prepare()
            let w = try Wallet.open(path: url.path, keyStore: KeychainKeyStore(), options: defaultWalletOptions())
            // The file and SQLite's -wal/-shm exist now: mark them too (the folder's flags cover
            // files made later, these cover files moved in from an older layout).
            VaultFiles.protectExisting(url)
            return w
        }
        opening = task
        defer { opening = nil }
        let opened = try await task.value
        wallet = opened
        return opened
    }

    private var opening: Task<Wallet, Error>?

    /// Bumped at every lock: the root view's navigation stack is rebuilt from it, so no pushed
    /// screen (a diploma, its QR code) survives a lock.
    @Published private(set) var sessionEpoch = 0
    /// What the holder was doing when the session turned out locked; resumed after the unlock.
    @Published private(set) var gate = SessionGate()
    /// Set after an unlock with a recovery code: the list offers to switch the authenticator and
    /// renew the codes.
    @Published var unlockedWithRecoveryCode = false

    /// Lock now (the app went to the background, or the holder switched mode): the session's
    /// keys are zeroized by the core and every holder screen is replaced by the unlock screen.
    func lockWallet() {
        wallet?.lock()
        // Only the unlocked holder screens are torn down: onboarding, restore and unlock keep
        // their state (the holder leaves the app to add the authenticator during set-up).
        guard mode == .holder, route == .diplomas else { return }
        gate.locked(pending: inProgress)
        sessionEpoch += 1
        route = .unlock
    }

    /// The core's idle timeout locks the session without a call failing: while the holder's
    /// screens are up, look every few seconds (`isUnlocked` reads memory only) and hide them
    /// as soon as the session is gone, keeping a flow in progress to resume.
    func checkSession() {
        guard mode == .holder, route == .diplomas, let wallet, !wallet.isUnlocked() else { return }
        sessionLocked(pending: inProgress)
    }

    /// A flow that continues after the holder leaves the app and unlocks again (see
    /// `PendingAction.authenticatorChange`); nil when it ends.
    func working(on action: PendingAction?) {
        inProgress = action
    }

    private var inProgress: PendingAction?
    /// Set when an authenticator switch is to resume after an unlock: the list opens it.
    @Published var resumeAuthenticatorChange = false

    /// A call met `WalletError.Locked` (idle timeout, or locked in the background while a
    /// picker or share sheet was up): go to the unlock screen, keeping `pending` to resume.
    func sessionLocked(pending: PendingAction? = nil) {
        gate.locked(pending: pending)
        sessionEpoch += 1
        route = .unlock
    }

    /// The unlock screen succeeded: back to the list, and run what was interrupted.
    func unlocked(withRecoveryCode: Bool) {
        unlockedWithRecoveryCode = withRecoveryCode
        let pending = gate.unlocked()
        route = .diplomas
        if let pending { Task { await resume(pending) } }
    }

    /// The outcome of a resumed action (nil: it succeeded), shown by the list.
    @Published private(set) var resumeMessage: String?
    /// Bumped when a resumed action has finished: the list reloads.
    @Published private(set) var resumedCount = 0

    private func resume(_ action: PendingAction) async {
        switch action {
        case .importDiploma(let bytes):
            resumeMessage = await importDiploma(bytes)
        case .authenticatorChange:
            resumeAuthenticatorChange = true
        }
        resumedCount += 1
    }

    /// Check a credential against the trust list held and store it. Returns the sentence to
    /// show, or nil on success. A locked session keeps the bytes for after the unlock.
    func importDiploma(_ bytes: Data) async -> String? {
        guard let anchor = trust.anchor, let trustList = TrustData.newestTrustList(anchor: anchor, shipped: trust.trustList) else {
            return L("import_trust_list_invalid")
        }
        do {
            let wallet = try await openWallet()
            _ = try await background { try wallet.importDiploma(bundle: bytes, trustList: trustList, anchorPublicKey: anchor) }
            return nil
        } catch WalletError.Locked {
            sessionLocked(pending: .importDiploma(bytes))
            return nil
        } catch {
            return ErrorText.of(error)
        }
    }
}

/// Where the wallet's files live: `Application Support/wallet/wallet.db`, in a folder of its own
/// so that the folder's flags reach SQLite's `-wal` and `-shm` files, which come and go:
/// excluded from iCloud and computer backups, and `NSFileProtectionComplete` (unreadable while
/// the phone is locked; new files in the folder inherit the class). The entitlement
/// `com.apple.developer.default-data-protection` (Qujat.entitlements) sets the same default
/// for the whole container.
enum VaultFiles {
    static let fileName = "wallet.db"
    static let sidecars = ["-wal", "-shm"]

    /// The vault's path, with its folder made, protected and excluded from backups. A wallet from
    /// an earlier build (`Application Support/wallet.db`) is moved in first.
    static func prepare() throws -> URL {
        let fm = FileManager.default
        let support = try fm.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        let dir = try protectedFolder(support.appendingPathComponent("wallet", isDirectory: true))
        let url = dir.appendingPathComponent(fileName)
        let old = support.appendingPathComponent(fileName)
        if fm.fileExists(atPath: old.path), !fm.fileExists(atPath: url.path) {
            for suffix in [""] + sidecars where fm.fileExists(atPath: old.path + suffix) {
                try fm.moveItem(atPath: old.path + suffix, toPath: url.path + suffix)
            }
        }
        return url
    }

    /// `folder`, created if missing, with complete file protection and no backup.
    static func protectedFolder(_ folder: URL) throws -> URL {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true,
                               attributes: [.protectionKey: FileProtectionType.complete])
        try fm.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: folder.path)
        var dir = folder
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try dir.setResourceValues(values)
        return dir
    }

    /// The same flags on the vault file and whichever of its `-wal`/`-shm` exist now.
    static func protectExisting(_ url: URL) {
        let fm = FileManager.default
        for suffix in [""] + sidecars where fm.fileExists(atPath: url.path + suffix) {
            try? fm.setAttributes([.protectionKey: FileProtectionType.complete], ofItemAtPath: url.path + suffix)
            var file = URL(fileURLWithPath: url.path + suffix)
            var values = URLResourceValues()
            values.isExcludedFromBackup = true
            try? file.setResourceValues(values)
        }
    }
}

/// Run blocking core calls (Argon2id runs inside unlock) off the main actor.
func background<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await Task.detached(priority: .userInitiated) { try work() }.value
}

/// The anchor key, trust list and status lists shipped in the bundle's `trust/` folder (the same
/// files as Android's `assets/trust/`), overridden by newer copies in Application Support/trust/
/// (the verifier's list update saves the trust list there once the core has accepted it).
struct TrustData: Sendable {
    let anchor: Data?
    let trustList: Data?
    let statusLists: [Data]

    static func load() -> TrustData {
        let statusURLs = Bundle.main.urls(forResourcesWithExtension: "bin", subdirectory: "trust/status") ?? []
        return TrustData(
            anchor: (updated("anchor.pub") ?? shipped("anchor.pub")).flatMap { parsePublicKeyFile(bytes: $0) },
            trustList: updated("trust-list.bin") ?? shipped("trust-list.bin"),
            statusLists: statusURLs.sorted { $0.lastPathComponent < $1.lastPathComponent }.compactMap { try? Data(contentsOf: $0) }
        )
    }

    /// The newest trust list held for import: the updated copy if there is one.
    static func currentTrustList() -> Data? { updated("trust-list.bin") }

    /// The holder's import uses the newer (by sequence) of the saved trust list and the one this
    /// build ships, each checked by the core against the anchor in a throwaway verifier held in
    /// memory: never one the core refuses, and a newer list shipped by an app update wins over
    /// an older saved copy (a tie keeps the saved one). As Android's `TrustListChoice`.
    static func newestTrustList(anchor: Data, shipped: Data?) -> Data? {
        func sequence(_ bytes: Data) -> UInt64? {
            guard let verifier = try? Verifier(anchorPublicKey: anchor) else { return nil }
            return (try? verifier.installTrustList(bytes: bytes))?.sequence
        }
        var best: (bytes: Data, sequence: UInt64)?
        for bytes in [currentTrustList(), shipped].compactMap({ $0 }) {
            guard let seq = sequence(bytes) else { continue }
            if let held = best, seq <= held.sequence { continue }
            best = (bytes, seq)
        }
        return best?.bytes
    }

    private static func shipped(_ name: String) -> Data? {
        Bundle.main.url(forResource: name, withExtension: nil, subdirectory: "trust").flatMap { try? Data(contentsOf: $0) }
    }

    private static func updated(_ name: String) -> Data? {
        guard let dir = try? FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: false) else { return nil }
        return try? Data(contentsOf: dir.appendingPathComponent("trust/\(name)"))
    }

    /// Keep a trust list the core has just accepted (it never accepts an older one), so that
    /// the holder's import and the next start use it.
    static func saveTrustList(_ bytes: Data) throws {
        let support = try FileManager.default.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        let dir = try VaultFiles.protectedFolder(support.appendingPathComponent("trust", isDirectory: true))
        try bytes.write(to: dir.appendingPathComponent("trust-list.bin"), options: [.atomic, .completeFileProtection])
    }

    /// The verifier on its state file (not backed up, complete file protection): the pinned
    /// anchor, the newest lists, the answered challenges and the history outlive the app, so a
    /// restart lets no replayed QR code or older list through. The file is named for the anchor:
    /// an update that ships a new anchor starts a new state (the core refuses another anchor).
    /// Blocking (SQLite): call it off the main thread.
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

    /// `Application Support/verifier/verifier-<first 8 bytes of the anchor, hex>.sqlite3` (its
    /// folder protected and excluded from backups like the vault's, so its -wal/-shm are too);
    /// a state file of an earlier build at `Application Support/` is moved in.
    static func verifierStatePath(anchor: Data) -> String? {
        let fm = FileManager.default
        guard let support = try? fm.url(for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true),
              let dir = try? VaultFiles.protectedFolder(support.appendingPathComponent("verifier", isDirectory: true)) else { return nil }
        let name = "verifier-" + anchor.prefix(8).map { String(format: "%02x", $0) }.joined() + ".sqlite3"
        let path = dir.appendingPathComponent(name).path
        let old = support.appendingPathComponent(name).path
        if fm.fileExists(atPath: old), !fm.fileExists(atPath: path) {
            for suffix in [""] + VaultFiles.sidecars where fm.fileExists(atPath: old + suffix) {
                try? fm.moveItem(atPath: old + suffix, toPath: path + suffix)
            }
        }
        return path
    }
}
