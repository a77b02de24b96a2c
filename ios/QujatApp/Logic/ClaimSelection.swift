import QujatCore

extension ClaimId {
    /// IIN, birth date and GPA: never preselected, shown only after a confirmation.
    var isSensitive: Bool { self == .iin || self == .birthDate || self == .gpa }
}

/// Which claims the holder is about to show (the rules of android/logic's ClaimSelection).
struct ClaimSelection: Equatable {
    let available: [ClaimId]
    let defaults: Set<ClaimId>
    private(set) var selected: Set<ClaimId>

    init(stated: [ClaimId], coreDefaults: [ClaimId]) {
        let order = allClaims()
        available = order.filter { stated.contains($0) }
        defaults = Set(coreDefaults.filter { stated.contains($0) && !$0.isSensitive })
        selected = defaults
    }

    enum Toggle { case changed, needsConfirmation(ClaimId), notAvailable }

    func isSelected(_ c: ClaimId) -> Bool { selected.contains(c) }
    var canPresent: Bool { !selected.isEmpty }
    var hidesName: Bool { !selected.contains(.name) && !selected.contains(.nameLatin) }
    var isDefault: Bool { selected == defaults }
    var ordered: [ClaimId] { available.filter { selected.contains($0) } }

    mutating func toggle(_ c: ClaimId, on: Bool) -> Toggle {
        guard available.contains(c) else { return .notAvailable }
        if on && c.isSensitive && !selected.contains(c) { return .needsConfirmation(c) }
        if on { selected.insert(c) } else { selected.remove(c) }
        return .changed
    }

    mutating func confirmSensitive(_ c: ClaimId) {
        if available.contains(c) { selected.insert(c) }
    }

    mutating func reset() { selected = defaults }
}
