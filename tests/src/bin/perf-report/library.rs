//! Size of the library the apps ship: every `cdylib` in the workspace, built with the release
//! profile and stripped.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// What was found.
#[derive(Debug, Clone)]
pub enum Library {
    /// No workspace member builds a `cdylib` yet.
    NotBuiltYet,
    /// Sizes of each `cdylib`.
    Built(Vec<Built>),
    /// A `cdylib` exists but could not be built or measured.
    Failed(String),
}

/// One built library.
#[derive(Debug, Clone)]
pub struct Built {
    /// Package name.
    pub package: String,
    /// File name.
    pub file: String,
    /// Bytes as the release profile leaves it.
    pub release_bytes: u64,
    /// Bytes after `strip --strip-all`.
    pub stripped_bytes: u64,
}

/// Find, build and measure.
pub fn measure() -> Library {
    match cdylibs() {
        Ok((_, libs)) if libs.is_empty() => Library::NotBuiltYet,
        Ok((target, libs)) => libs
            .into_iter()
            .map(|(pkg, lib)| build(&target, &pkg, &lib))
            .collect::<Result<Vec<_>, _>>()
            .map_or_else(Library::Failed, Library::Built),
        Err(e) => Library::Failed(e),
    }
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The target directory, and `(package, library name)` of every workspace `cdylib`.
fn cdylibs() -> Result<(PathBuf, Vec<(String, String)>), String> {
    let out = cargo()
        .args(["metadata", "--no-deps", "--format-version", "1"])
        .output()
        .map_err(|e| format!("cargo metadata: {e}"))?;
    let meta: Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let mut found = vec![];
    for package in meta["packages"].as_array().into_iter().flatten() {
        for target in package["targets"].as_array().into_iter().flatten() {
            let is_cdylib = target["crate_types"].as_array().into_iter().flatten().any(|t| t == "cdylib");
            if let (true, Some(p), Some(t)) = (is_cdylib, package["name"].as_str(), target["name"].as_str()) {
                found.push((p.to_owned(), t.replace('-', "_")));
            }
        }
    }
    let target = meta["target_directory"].as_str().map_or_else(|| PathBuf::from("target"), PathBuf::from);
    Ok((target, found))
}

fn build(target: &Path, package: &str, lib: &str) -> Result<Built, String> {
    let status = cargo()
        .args(["build", "--release", "--lib", "-p", package])
        .status()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build --release -p {package} failed"));
    }
    let file = format!("lib{lib}.so");
    let built = target.join("release").join(&file);
    let release_bytes = std::fs::metadata(&built).map_err(|e| format!("{}: {e}", built.display()))?.len();
    let stripped = std::env::temp_dir().join(format!("qujat-size-{}-{file}", std::process::id()));
    let ok = Command::new("strip")
        .arg("--strip-all")
        .arg(&built)
        .arg("-o")
        .arg(&stripped)
        .status()
        .is_ok_and(|s| s.success());
    let stripped_bytes = std::fs::metadata(&stripped).map(|m| m.len());
    let _ = std::fs::remove_file(&stripped);
    match (ok, stripped_bytes) {
        (true, Ok(stripped_bytes)) => Ok(Built { package: package.to_owned(), file, release_bytes, stripped_bytes }),
        _ => Err("`strip` failed (binutils installed?)".to_owned()),
    }
}
