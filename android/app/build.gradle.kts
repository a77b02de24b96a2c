plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

val repoRoot: File = rootProject.projectDir.parentFile
val rustJniLibs: File = layout.buildDirectory.dir("generated/rustJniLibs").get().asFile

// The Rust core for the phone ABIs, with the NDK through cargo-ndk (see android/README.md).
// Release builds use the release profile (LTO, `strip = "debuginfo"`, `panic = "unwind"`).
val cargoNdk by tasks.registering(Exec::class) {
    description = "Build libqujat_ffi.so for arm64-v8a, armeabi-v7a and x86_64"
    workingDir = repoRoot
    commandLine(
        "cargo", "ndk",
        "-t", "arm64-v8a", "-t", "armeabi-v7a", "-t", "x86_64",
        "--platform", "26",
        "-o", rustJniLibs.absolutePath,
        "build", "-p", "qujat-ffi", "--release",
    )
    // Inputs, so that a changed core (or lock file, or profile) rebuilds the .so: a stale
    // library beside regenerated bindings fails uniffi's checksum check at start.
    inputs.files(fileTree(repoRoot) {
        include("core/src/**", "bindings/src/**", "core/Cargo.toml", "bindings/Cargo.toml")
    })
    inputs.files(File(repoRoot, "Cargo.toml"), File(repoRoot, "Cargo.lock"))
    outputs.dir(rustJniLibs)
}

android {
    namespace = "kz.qujat.app"
    compileSdk = 36

    defaultConfig {
        applicationId = "kz.qujat.app"
        minSdk = 26
        targetSdk = 36
        versionCode = 1
        versionName = "0.1.0"
    }

    buildTypes {
        release {
            isMinifyEnabled = true
            isShrinkResources = true
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    buildFeatures { compose = true }

    sourceSets["main"].jniLibs.srcDir(rustJniLibs)

    androidResources {
        // Per-app language (Android 13+ settings, and AppCompat below): kk, ru, en.
        generateLocaleConfig = true
    }

    packaging {
        // The JNA Android archive ships its own libjnidispatch.so per ABI.
        jniLibs.useLegacyPackaging = false
    }
}

kotlin { jvmToolchain(17) }

tasks.named("preBuild") { dependsOn(cargoNdk) }

dependencies {
    implementation(project(":bridge"))
    implementation("${libs.jna.get()}@aar")

    implementation(platform(libs.compose.bom))
    implementation(libs.compose.ui)
    implementation(libs.compose.material3)
    implementation(libs.compose.material.icons)
    implementation(libs.compose.ui.tooling.preview)
    debugImplementation(libs.compose.ui.tooling)
    implementation(libs.activity.compose)
    implementation(libs.appcompat)
    implementation(libs.lifecycle.viewmodel.compose)
    implementation(libs.lifecycle.runtime.compose)
    implementation(libs.lifecycle.process)
    implementation(libs.navigation.compose)

    implementation(libs.camerax.core)
    implementation(libs.camerax.camera2)
    implementation(libs.camerax.lifecycle)
    implementation(libs.camerax.view)
    // The bundled model (no Google Play services needed, works offline from the first start).
    implementation(libs.mlkit.barcode)
}
