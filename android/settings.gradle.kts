// Qujat for Android: holder and verifier modes over the Rust core (uniffi bindings).
//
//   :logic   pure Kotlin (no Android): presenters and rules, tested on the JVM
//   :bridge  pure Kotlin: adapter from :logic's ports to the generated bindings
//   :app     the Compose app: screens, Android Keystore, FLAG_SECURE, CameraX scanner
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "qujat"
include(":logic", ":bridge", ":app")
