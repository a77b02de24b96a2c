// Pure Kotlin, no Android: what scripts/jvm-test.sh compiles with kotlinc alone.
plugins {
    alias(libs.plugins.kotlin.jvm)
}

kotlin {
    jvmToolchain(17)
    compilerOptions { allWarningsAsErrors.set(true) }
}

dependencies {
    testImplementation(libs.junit.jupiter)
    testRuntimeOnly(libs.junit.platform.launcher)
}

tasks.test {
    useJUnitPlatform()
    systemProperty("qujat.repo", rootProject.projectDir.parentFile.absolutePath)
}
