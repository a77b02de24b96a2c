//! `qujat`: the command for issuers, holders, verifiers and the demo.
#![forbid(unsafe_code)]

mod args;
mod backup_cmd;
mod demo;
mod error;
mod files;
mod issuer_cmd;
mod pdf_cmd;
mod report;
mod verifier_cmd;
mod verify_cmd;
mod wallet_cmd;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};
use error::{CliError, EXIT_ERROR, EXIT_NOT_VALID};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result: Result<bool, CliError> = match cli.command {
        Command::Demo(a) => demo::run(a),
        Command::Issuer(c) => issuer_cmd::run(c).map(|()| true),
        Command::Verify(a) => verify_cmd::run(a),
        Command::Verifier(a) => verifier_cmd::run(a).map(|()| true),
        Command::Wallet(a) => wallet_cmd::run(a),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(EXIT_NOT_VALID),
        Err(e) => {
            eprintln!("qujat: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
