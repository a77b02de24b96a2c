//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Qujat: digital diplomas that verify offline.
#[derive(Debug, Parser)]
#[command(name = "qujat", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the whole story: issue, store under PIN + code, present, verify.
    Demo(DemoArgs),
    /// Issuer and trust-anchor tools: keys, trust list, issue, revoke, status list.
    #[command(subcommand)]
    Issuer(IssuerCommand),
    /// Verify a presentation (a QJ1 string or a QR image). Exit status 0 only for VALID.
    Verify(VerifyArgs),
    /// The verifier's remembered state: install lists, show what is held.
    Verifier(VerifierArgs),
    /// The holder's wallet: an encrypted vault behind a PIN and one-time codes.
    Wallet(crate::wallet_cmd::WalletArgs),
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Also write the artefacts (keys, lists, credential, presentation string, PNG, SVG) here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Language of the report: en, ru or kk.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Do not draw the QR code in the terminal.
    #[arg(long)]
    pub no_qr: bool,
}

#[derive(Debug, Subcommand)]
pub enum IssuerCommand {
    /// Make an Ed25519 key pair: NAME.key (mode 0600) and NAME.pub.
    Keygen {
        /// Path without extension, e.g. `keys/enu`.
        #[arg(long)]
        out: PathBuf,
    },
    /// Sign a trust list with the trust anchor's key.
    TrustList {
        /// The trust anchor's secret key file.
        #[arg(long)]
        anchor_key: PathBuf,
        /// Issuers as JSON (see docs/CLI.md).
        #[arg(long)]
        input: PathBuf,
        /// Sequence number; must grow with every new list.
        #[arg(long)]
        sequence: u64,
        /// Days until the list expires.
        #[arg(long, default_value_t = 30)]
        valid_days: i64,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Sign a diploma for a holder's public key.
    Issue {
        /// The issuer's secret key file.
        #[arg(long)]
        key: PathBuf,
        /// The issuer's register (next status index, revocations); created if missing.
        #[arg(long)]
        register: PathBuf,
        /// The diploma as issuer input JSON.
        #[arg(long)]
        input: PathBuf,
        /// The holder's public key (hex, as `qujat wallet holder-key` prints it, or a .pub file).
        #[arg(long)]
        holder_key: String,
        /// Output: the credential bundle for the holder.
        #[arg(long)]
        out: PathBuf,
    },
    /// Revoke a credential in the register (sign a new status list afterwards).
    Revoke {
        /// The issuer's register.
        #[arg(long)]
        register: PathBuf,
        /// Status index to revoke.
        #[arg(long, conflicts_with = "credential")]
        index: Option<u64>,
        /// Or: the credential bundle whose index to revoke.
        #[arg(long)]
        credential: Option<PathBuf>,
    },
    /// Sign the current status list.
    StatusList {
        /// The issuer's secret key file.
        #[arg(long)]
        key: PathBuf,
        /// The issuer's id in the trust list.
        #[arg(long)]
        issuer: String,
        /// The issuer's register.
        #[arg(long)]
        register: PathBuf,
        /// Days the list stays current.
        #[arg(long, default_value_t = 7)]
        valid_days: i64,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The trust anchor's public key (.pub file or hex). With a state, only needed the first
    /// time (it is pinned); a different one is refused.
    #[arg(long)]
    pub anchor: Option<String>,
    /// A signed trust list (with a state: installed first, never an older one).
    #[arg(long)]
    pub trust_list: Option<PathBuf>,
    /// Signed status lists (repeat for several issuers).
    #[arg(long)]
    pub status_list: Vec<PathBuf>,
    /// The verifier's state directory [default: $XDG_STATE_HOME/qujat/verifier, else
    /// ~/.local/state/qujat/verifier].
    #[arg(long, conflicts_with = "no_state")]
    pub state: Option<PathBuf>,
    /// Remember nothing: read no state and write none (`--anchor` and `--trust-list` needed).
    #[arg(long)]
    pub no_state: bool,
    /// The 6-digit challenge this verifier showed the holder, if any.
    #[arg(long)]
    pub challenge: Option<String>,
    /// Read the QR code from a PNG image instead of a string.
    #[arg(long, conflicts_with = "text")]
    pub image: Option<PathBuf>,
    /// Language of the report: en, ru or kk.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// The QJ1 string.
    #[arg(required_unless_present = "image")]
    pub text: Option<String>,
}

#[derive(Debug, Args)]
pub struct VerifierArgs {
    /// The verifier's state directory [default: $XDG_STATE_HOME/qujat/verifier, else
    /// ~/.local/state/qujat/verifier].
    #[arg(long, global = true)]
    pub state: Option<PathBuf>,
    #[command(subcommand)]
    pub command: VerifierCommand,
}

#[derive(Debug, Subcommand)]
pub enum VerifierCommand {
    /// Pin the anchor and install lists. An older, conflicting or foreign list: exit 2.
    Update {
        /// The trust anchor's public key (.pub file or hex): pinned the first time.
        #[arg(long)]
        anchor: Option<String>,
        /// A signed trust list.
        #[arg(long)]
        trust_list: Option<PathBuf>,
        /// Signed status lists (repeat for several issuers).
        #[arg(long)]
        status_list: Vec<PathBuf>,
    },
    /// Print what the state holds and how old it is.
    Show,
}
