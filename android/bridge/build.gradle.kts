// Pure Kotlin: the adapter from :logic's ports to the generated uniffi bindings, which are
// generated into <repo>/build/bindings/kotlin by scripts/gen-bindings.sh (never committed).
plugins {
    alias(libs.plugins.kotlin.jvm)
}

val repoRoot: File = rootProject.projectDir.parentFile
val generatedKotlin: File = repoRoot.resolve("build/bindings/kotlin")

val generateBindings by tasks.registering(Exec::class) {
    description = "Build the Rust bindings crate for the host and generate the Kotlin bindings"
    workingDir = repoRoot
    commandLine("bash", "scripts/gen-bindings.sh")
    // The app's library has no test-only API (`testing` feature off), so its bindings must not
    // either; the bridge's JVM tests need it (openWithClock, IssuerTool …).
    val testing = gradle.startParameter.taskNames.any { it.contains("test", ignoreCase = true) }
    environment("QUJAT_FFI_TESTING", if (testing) "1" else "0")
    // Inputs: the API the bindings are read from, the generator and the feature set, so that a
    // changed core regenerates them (and the app's cargoNdk task rebuilds the matching .so).
    inputs.property("testing", testing)
    inputs.files(fileTree(repoRoot) {
        include("core/src/**", "bindings/src/**", "bindings/bindgen/**", "bindings/uniffi.toml", "*/Cargo.toml")
    })
    inputs.files(File(repoRoot, "Cargo.lock"), File(repoRoot, "scripts/gen-bindings.sh"))
    outputs.dir(generatedKotlin)
}

kotlin {
    jvmToolchain(17)
    sourceSets.named("main") { kotlin.srcDir(generatedKotlin) }
}

tasks.named("compileKotlin") { dependsOn(generateBindings) }

dependencies {
    api(project(":logic"))
    // The app brings JNA as an Android archive (with its .so files); the JVM tests bring the jar.
    compileOnly(libs.jna)
    testImplementation(libs.jna)
    testImplementation(libs.junit.jupiter)
    testRuntimeOnly(libs.junit.platform.launcher)
}

tasks.test {
    useJUnitPlatform()
    dependsOn(generateBindings)
    systemProperty("jna.library.path", repoRoot.resolve("target/debug").absolutePath)
    systemProperty("qujat.fixtures", repoRoot.resolve("tests/fixtures").absolutePath)
}
