// swift-tools-version:5.9
// QujatCore: the Qujat wallet core for iOS, as a Swift package.
//
// Sources/QujatCore/QujatCore.swift (generated bindings) and QujatCoreFFI.xcframework (the
// Rust static library for device and simulator, with the C header and module map) are made
// by ../build-xcframework.sh on a Mac and are not committed.
import PackageDescription

let package = Package(
    name: "QujatCore",
    platforms: [.iOS(.v17)],
    products: [
        .library(name: "QujatCore", targets: ["QujatCore"]),
    ],
    targets: [
        .binaryTarget(name: "QujatCoreFFI", path: "QujatCoreFFI.xcframework"),
        .target(
            name: "QujatCore",
            dependencies: ["QujatCoreFFI"],
            path: "Sources/QujatCore"
        ),
    ]
)
