//! The CLI's one error type, and its exit codes.

use std::path::Path;

/// What went wrong, for a person at a terminal. No secret and no personal data in messages.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// Input that is not acceptable (a file's content, an argument).
    #[error("{0}")]
    Input(String),
    /// The core refused an operation.
    #[error("{0}")]
    Core(String),
}

impl CliError {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io { path: path.display().to_string(), source }
    }
    pub fn core(e: impl std::fmt::Display) -> Self {
        Self::Core(e.to_string())
    }
}

/// Exit status: 0 success (and VALID for `verify`), 1 a verification that is not VALID,
/// 2 an error.
pub const EXIT_NOT_VALID: u8 = 1;
/// See [`EXIT_NOT_VALID`].
pub const EXIT_ERROR: u8 = 2;
