import QujatCore
import SwiftUI
import UniformTypeIdentifiers

/// The verifier store as the list update's port: the core installs a list only if it is
/// correctly signed and not older than the one held (a rollback is refused), and remembers it
/// in the verifier's state file. A trust list it accepts is also kept for the holder's import.
struct VerifierListInstaller: ListInstaller {
    let verifier: Verifier

    func install(_ bytes: Data, as kind: ListKind) -> ListOutcome {
        do {
            switch kind {
            case .trustList:
                let info = try verifier.installTrustList(bytes: bytes)
                try? TrustData.saveTrustList(bytes)
                return .installed(.trustList, issuedAt: info.issuedAt)
            case .statusList:
                let freshness = try verifier.installStatusList(bytes: bytes)
                return .installed(.statusList, issuedAt: freshness.listIssuedAt)
            }
        } catch let e as VerifierError {
            switch e {
            case .TrustListInvalid where kind == .trustList: return .notThisKind
            case .StatusListInvalid where kind == .statusList: return .notThisKind
            case .TrustListRollback, .StatusListRollback: return .alreadyNewer(kind)
            default: return .refused(ErrorText.verifier(e))
            }
        } catch {
            return .refused(ErrorText.of(error))
        }
    }
}

/// Update the trust list and the status lists from files the user opens, or from the HTTPS
/// addresses configured here, and show how old the lists held are.
@MainActor
final class TrustListsModel: ObservableObject {
    @Published private(set) var info: TrustListInfo?
    /// The issue time of the newest status list installed from this screen (the verifier store
    /// holds the lists themselves; the binding reports a list's freshness only when installing).
    @Published private(set) var lastStatusIssuedAt: Int64?
    @Published private(set) var results: [ListUpdate.FileResult] = []
    @Published private(set) var busy = false
    @Published var message: String?
    @Published var locations: String {
        didSet { UserDefaults.standard.set(locations, forKey: Self.locationsKey) }
    }

    private let verifier: Verifier
    private let onChange: @MainActor () -> Void
    private static let locationsKey = "list_locations"
    private static let statusKey = "status_list_issued_at"

    init(verifier: Verifier, onChange: @escaping @MainActor () -> Void) {
        self.verifier = verifier
        self.onChange = onChange
        // The employer's own addresses, else those the build ships (Info.plist
        // `QujatListLocations`, e.g. the registry's published lists).
        let shipped = (Bundle.main.object(forInfoDictionaryKey: "QujatListLocations") as? [String]) ?? []
        locations = UserDefaults.standard.string(forKey: Self.locationsKey) ?? shipped.joined(separator: "\n")
        let held = UserDefaults.standard.object(forKey: Self.statusKey) as? Int64
        lastStatusIssuedAt = held
        info = verifier.trustListInfo()
    }

    /// Files the user picked (security-scoped URLs, read at once).
    func openFiles(_ urls: [URL]) {
        var files: [(name: String, bytes: Data)] = []
        var skipped: [ListUpdate.FileResult] = []
        for url in urls {
            let scoped = url.startAccessingSecurityScopedResource()
            defer { if scoped { url.stopAccessingSecurityScopedResource() } }
            guard let data = try? Data(contentsOf: url), data.count <= ListUpdate.maxFileBytes else {
                skipped.append(.init(name: url.lastPathComponent, outcome: .notAList))
                continue
            }
            files.append((name: url.lastPathComponent, bytes: data))
        }
        let picked = files, refused = skipped
        Task { await install(picked, skipped: refused) }
    }

    /// Download every configured address (HTTPS only, no cookies or cache) and install what came.
    func download() {
        let (urls, rejected) = ListUpdate.parseLocations(locations)
        guard rejected.isEmpty else { message = L("lists_bad_location", rejected[0]); return }
        guard !urls.isEmpty else { message = L("lists_no_location"); return }
        message = nil
        busy = true
        Task {
            defer { busy = false }
            var files: [(name: String, bytes: Data)] = []
            var skipped: [ListUpdate.FileResult] = []
            let config = URLSessionConfiguration.ephemeral
            config.timeoutIntervalForRequest = 30
            config.urlCache = nil
            let session = URLSession(configuration: config)
            for url in urls {
                do {
                    let (data, response) = try await session.data(from: url)
                    guard (response as? HTTPURLResponse)?.statusCode == 200 else {
                        message = L("lists_download_failed", url.host() ?? url.absoluteString); continue
                    }
                    guard data.count <= ListUpdate.maxFileBytes else {
                        skipped.append(.init(name: url.lastPathComponent, outcome: .notAList)); continue
                    }
                    files.append((name: url.lastPathComponent, bytes: data))
                } catch {
                    message = L("lists_download_failed", url.host() ?? url.absoluteString)
                }
            }
            await install(files, skipped: skipped)
        }
    }

    private func install(_ files: [(name: String, bytes: Data)], skipped: [ListUpdate.FileResult]) async {
        results = skipped
        guard !files.isEmpty else { return }
        busy = true
        defer { busy = false }
        let installer = VerifierListInstaller(verifier: verifier)
        let sendable = files.map { SendableFile(name: $0.name, bytes: $0.bytes) }
        let done = (try? await background { ListUpdate.run(sendable.map { (name: $0.name, bytes: $0.bytes) }, installer: installer) }) ?? []
        results = skipped + done
        for r in done {
            if case .installed(.statusList, let at) = r.outcome, at > (lastStatusIssuedAt ?? .min) {
                lastStatusIssuedAt = at
                UserDefaults.standard.set(at, forKey: Self.statusKey)
            }
        }
        info = verifier.trustListInfo()
        onChange()
    }
}

private struct SendableFile: Sendable {
    let name: String
    let bytes: Data
}

struct TrustListsView: View {
    let verifier: Verifier
    let onChange: @MainActor () -> Void

    var body: some View { TrustListsContent(model: TrustListsModel(verifier: verifier, onChange: onChange)) }
}

private struct TrustListsContent: View {
    @StateObject var model: TrustListsModel
    @State private var picking = false

    var body: some View {
        Form {
            Section(L("lists_held")) {
                if let info = model.info {
                    Text(L("lists_trust_held", Int(clamping: info.sequence), age(info.issuedAt)))
                    Text(L("lists_trust_detail", Int(info.issuers), dateTime(info.issuedAt), dateTime(info.expiresAt)))
                        .font(.footnote).foregroundStyle(.secondary)
                } else {
                    Text(L("lists_trust_none")).foregroundStyle(.red)
                }
                if let at = model.lastStatusIssuedAt {
                    Text(L("lists_status_held", age(at)))
                } else {
                    Text(L("lists_status_none"))
                }
                Text(L("lists_never_older")).font(.footnote).foregroundStyle(.secondary)
            }
            Section(L("lists_from_files")) {
                Button(L("lists_open_files")) { picking = true }.disabled(model.busy)
            }
            Section {
                TextField(L("lists_location_hint"), text: $model.locations, axis: .vertical)
                    .lineLimit(2...6)
                    .keyboardType(.URL)
                    .textInputAutocapitalization(.never)
                    .autocorrectionDisabled()
                Button(L("lists_download")) { model.download() }.disabled(model.busy)
            } header: {
                Text(L("lists_from_location"))
            } footer: {
                Text(L("lists_location_footer"))
            }
            if model.busy { ProgressView() }
            if let m = model.message { Text(m).foregroundStyle(.red) }
            if !model.results.isEmpty {
                Section(L("lists_results")) {
                    ForEach(Array(model.results.enumerated()), id: \.offset) { _, r in
                        VStack(alignment: .leading) {
                            Text(r.name).font(.caption).foregroundStyle(.secondary)
                            Text(Self.sentence(r.outcome))
                        }
                    }
                }
            }
        }
        .navigationTitle(L("lists_title"))
        .fileImporter(isPresented: $picking, allowedContentTypes: [.data], allowsMultipleSelection: true) { result in
            if case .success(let urls) = result { model.openFiles(urls) }
        }
    }

    private static func sentence(_ o: ListOutcome) -> String {
        switch o {
        case .installed(.trustList, let at): return L("lists_installed_trust", dateTime(at))
        case .installed(.statusList, let at): return L("lists_installed_status", dateTime(at))
        case .alreadyNewer: return L("lists_already_newer")
        case .notThisKind, .notAList: return L("lists_not_a_list")
        case .refused(let why): return why
        }
    }
}
