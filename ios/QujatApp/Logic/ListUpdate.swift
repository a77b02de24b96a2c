import Foundation

/// Which kind of list a file is.
enum ListKind: Equatable, Sendable { case trustList, statusList }

/// What the verifier store said about one file.
enum ListOutcome: Equatable, Sendable {
    /// Installed; `issuedAt` is the list's own issue time (Unix seconds).
    case installed(ListKind, issuedAt: Int64)
    /// The store already holds this list or a newer one (the core never takes an older list).
    case alreadyNewer(ListKind)
    /// Not a list of this kind (try the other kind).
    case notThisKind
    /// Neither a trust list nor a status list.
    case notAList
    /// Refused for another reason: a sentence to show.
    case refused(String)
}

/// The port to the verifier store (the app's adapter calls `Verifier.installTrustList` /
/// `installStatusList` and maps `VerifierError`).
protocol ListInstaller {
    func install(_ bytes: Data, as kind: ListKind) -> ListOutcome
}

/// Updating the verifier's trust and status lists from files the user opened or downloaded from
/// the configured HTTPS location. The files come in any order and with no name to trust, so each
/// one is first offered as a trust list, and those that are not are offered as status lists
/// after every trust list went in (a status list needs its issuer in the trust list).
/// Plain Swift (no UIKit or SwiftUI).
enum ListUpdate {
    /// One line of the result per file, in the files' order.
    struct FileResult: Equatable, Sendable {
        let name: String
        let outcome: ListOutcome
    }

    static func run(_ files: [(name: String, bytes: Data)], installer: ListInstaller) -> [FileResult] {
        var results = [ListOutcome?](repeating: nil, count: files.count)
        for (i, f) in files.enumerated() {
            let o = installer.install(f.bytes, as: .trustList)
            if o != .notThisKind { results[i] = o }
        }
        for (i, f) in files.enumerated() where results[i] == nil {
            let o = installer.install(f.bytes, as: .statusList)
            results[i] = o == .notThisKind ? .notAList : o
        }
        return files.enumerated().map { FileResult(name: $0.element.name, outcome: results[$0.offset] ?? .notAList) }
    }

    /// The HTTPS addresses of the configured location, one per line (blank lines and `#`
    /// comments skipped). Anything that is not an absolute `https://` URL with a host, or that
    /// carries a user name or password, is refused: the lists are public, and a plain `http`
    /// download could be replaced by an older list (the core would refuse a rollback, but not
    /// a withheld update).
    static func parseLocations(_ text: String) -> (urls: [URL], rejected: [String]) {
        var urls: [URL] = []
        var rejected: [String] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if let c = URLComponents(string: line), c.scheme?.lowercased() == "https",
               let host = c.host, !host.isEmpty, c.user == nil, c.password == nil, let url = c.url {
                urls.append(url)
            } else {
                rejected.append(line)
            }
        }
        return (urls, rejected)
    }

    /// The largest list file accepted (a trust list of thousands of issuers is far smaller).
    static let maxFileBytes = 4 * 1024 * 1024
}
