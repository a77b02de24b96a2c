import XCTest

/// The app-only state machines of `Logic/` (plain Swift, so these run without a simulator's UI).
final class SessionGateTests: XCTestCase {
    func testPendingImportIsResumedOnceAfterUnlock() {
        var gate = SessionGate()
        let bytes = Data([1, 2, 3])
        gate.locked(pending: .importDiploma(bytes))
        // Going to the background again while the unlock screen is up keeps the import.
        gate.locked(pending: nil)
        XCTAssertEqual(gate.unlocked(), .importDiploma(bytes))
        XCTAssertNil(gate.unlocked())
        XCTAssertEqual(gate.state, .open)
    }

    func testAuthenticatorSwitchLeftForTheAuthenticatorAppResumesAfterUnlock() {
        var gate = SessionGate()
        gate.locked(pending: .authenticatorChange) // background lock while the switch was open
        XCTAssertEqual(gate.pending, .authenticatorChange)
        XCTAssertEqual(gate.unlocked(), .authenticatorChange)
        XCTAssertNil(gate.pending)
    }

    func testNewerActionReplacesOlderAndDiscardDropsIt() {
        var gate = SessionGate()
        gate.locked(pending: .importDiploma(Data([1])))
        gate.locked(pending: .importDiploma(Data([2])))
        XCTAssertEqual(gate.pending, .importDiploma(Data([2])))
        gate.discard()
        XCTAssertNil(gate.unlocked())
    }
}

final class QrRefreshTests: XCTestCase {
    func testRefreshesLeadSecondsBeforeExpiryThenStopsAfterTheLimit() {
        var r = QrRefresh(leadSecs: 15, maxAutoRefreshes: 2)
        r.requested()
        r.shown(createdAt: 0, expiresAt: 120)
        XCTAssertEqual(r.tick(now: 104), .none)
        XCTAssertEqual(r.tick(now: 105), .makeNew)
        XCTAssertEqual(r.tick(now: 106), .none) // one request at a time
        r.shown(createdAt: 106, expiresAt: 226)
        XCTAssertEqual(r.tick(now: 211), .makeNew)
        r.shown(createdAt: 211, expiresAt: 331)
        XCTAssertFalse(r.autoRefreshLeft)
        XCTAssertEqual(r.tick(now: 316), .none) // limit reached: runs out
        XCTAssertEqual(r.tick(now: 331), .drop)
        XCTAssertEqual(r.phase, .expired)
        r.requested()
        XCTAssertTrue(r.autoRefreshLeft)
    }

    func testFailedRefreshKeepsTheCurrentCodeUntilItExpires() {
        var r = QrRefresh(leadSecs: 15)
        r.requested()
        r.shown(createdAt: 0, expiresAt: 120)
        XCTAssertEqual(r.tick(now: 110), .makeNew)
        r.refreshFailed()
        XCTAssertEqual(r.phase, .showing(createdAt: 0, expiresAt: 120))
        XCTAssertEqual(r.tick(now: 115), .none)
        XCTAssertEqual(r.tick(now: 120), .drop)
    }

    func testHiddenCodeIsNeverRefreshed() {
        var r = QrRefresh(leadSecs: 15)
        r.shown(createdAt: 0, expiresAt: 120)
        r.hidden()
        XCTAssertEqual(r.tick(now: 119), .none)
    }
}

final class BackupFlowTests: XCTestCase {
    func testFileCanBeSavedOnlyAfterTheCodeIsWrittenDown() {
        var f = BackupFlow()
        f.begin()
        f.made()
        XCTAssertTrue(f.codeVisible)
        XCTAssertFalse(f.save())
        f.acknowledge(true)
        XCTAssertTrue(f.save())
        f.saveCancelled()
        XCTAssertEqual(f.step, .showCode(acknowledged: true))
        XCTAssertTrue(f.save())
        f.savedOK()
        XCTAssertEqual(f.step, .saved)
        XCTAssertFalse(f.codeVisible)
    }

    func testLeavingDropsTheCode() {
        var f = BackupFlow()
        f.begin()
        f.made()
        f.left()
        XCTAssertFalse(f.codeVisible)
        XCTAssertEqual(f.step, .start)
    }
}

private final class FakeInstaller: ListInstaller {
    /// bytes[0] says what the file is: 1 trust list, 2 status list, 3 older trust list, else junk.
    var calls: [(UInt8, ListKind)] = []
    func install(_ bytes: Data, as kind: ListKind) -> ListOutcome {
        let tag = bytes.first ?? 0
        calls.append((tag, kind))
        switch (tag, kind) {
        case (1, .trustList): return .installed(.trustList, issuedAt: 100)
        case (3, .trustList): return .alreadyNewer(.trustList)
        case (2, .statusList): return .installed(.statusList, issuedAt: 200)
        default: return .notThisKind
        }
    }
}

final class ListUpdateTests: XCTestCase {
    func testTrustListsGoInBeforeStatusListsWhateverTheOrder() {
        let fake = FakeInstaller()
        let r = ListUpdate.run([("s", Data([2])), ("t", Data([1])), ("x", Data([9])), ("old", Data([3]))], installer: fake)
        XCTAssertEqual(r.map(\.outcome), [
            .installed(.statusList, issuedAt: 200), .installed(.trustList, issuedAt: 100), .notAList, .alreadyNewer(.trustList),
        ])
        let firstStatus = fake.calls.firstIndex { $0.1 == .statusList }!
        let lastTrust = fake.calls.lastIndex { $0.1 == .trustList }!
        XCTAssertLessThan(lastTrust, firstStatus)
    }

    func testOnlyHttpsLocationsWithoutCredentials() {
        let (urls, rejected) = ListUpdate.parseLocations("""
        # registry
        https://lists.example.kz/trust-list.bin

        http://lists.example.kz/status-list.bin
        https://user:pw@lists.example.kz/x.bin
        https:///nohost
        """)
        XCTAssertEqual(urls.map(\.absoluteString), ["https://lists.example.kz/trust-list.bin"])
        XCTAssertEqual(rejected.count, 3)
    }
}
