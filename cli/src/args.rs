//! Command-line arguments: the whole `qujat` command line, and the parsing of argument values
//! shared by several commands. Depends on no command module.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use qujat_core::credential::Lang;
use qujat_core::presentation::DEFAULT_TTL_SECS;

use crate::error::CliError;

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
    /// Issuer and trust-anchor tools: keys, trust list, issue, revoke, re-issue, status list.
    #[command(subcommand)]
    Issuer(IssuerCommand),
    /// Verify a presentation (a QJ1 string or a QR image). Exit status 0 only for VALID.
    Verify(VerifyArgs),
    /// The verifier's remembered state: install lists, show what is held.
    Verifier(VerifierArgs),
    /// The holder's wallet: an encrypted vault behind a PIN and one-time codes.
    Wallet(WalletArgs),
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
    /// Re-issue a credential to a new holder key (a holder who lost the phone without a
    /// backup): revokes OLD's status index and records the link in the register; sign a new
    /// status list afterwards.
    Reissue {
        /// The issuer's secret key file.
        #[arg(long)]
        key: PathBuf,
        /// The issuer's register.
        #[arg(long)]
        register: PathBuf,
        /// The credential bundle to replace (as `issue` wrote it).
        #[arg(long)]
        credential: PathBuf,
        /// The new holder public key (hex, or a .pub file).
        #[arg(long)]
        holder_key: String,
        /// The diploma as issuer input JSON: if given, it must be the same diploma as OLD's.
        #[arg(long)]
        input: Option<PathBuf>,
        /// Output: the new credential bundle for the holder.
        #[arg(long)]
        out: PathBuf,
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
    /// Read the barcode from a PDF made by `qujat wallet pdf` (its image; a print or a photo
    /// goes through --image).
    #[arg(long, conflicts_with_all = ["text", "image"])]
    pub pdf: Option<PathBuf>,
    /// Language of the report: en, ru or kk.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also write the verification record (JSON, mode 0600; see docs/RECORD.md) to this new
    /// file: an existing file is never overwritten.
    #[arg(long)]
    pub record: Option<PathBuf>,
    /// Verify as of this time (RFC 3339, e.g. 2026-01-01T10:00:00Z, or Unix seconds), e.g. a
    /// record's `verified_at`. Uses the lists the state holds (and those given) but writes
    /// nothing to the state: no challenge consumed, no history row, no list installed.
    #[arg(long)]
    pub at: Option<String>,
    /// The QJ1 string.
    #[arg(required_unless_present_any = ["image", "pdf"])]
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
    /// List past verifications, oldest first: time, verdict, issuer, list versions, the
    /// presentation's SHA-256 (no personal data is kept in the history).
    History {
        /// JSON lines: one object per verification.
        #[arg(long)]
        json: bool,
        /// Only the newest N.
        #[arg(long, default_value_t = qujat_core::verifier::DEFAULT_HISTORY_LIMIT)]
        last: u32,
    },
}

#[derive(Debug, Args)]
pub struct WalletArgs {
    /// The wallet's directory (database and software key store).
    #[arg(long)]
    pub dir: PathBuf,
    #[command(subcommand)]
    pub command: WalletCommand,
}

#[derive(Debug, Subcommand)]
pub enum WalletCommand {
    /// Create the wallet: choose a PIN, enrol an authenticator app, get recovery codes.
    Init {
        /// Account name shown in the authenticator app.
        #[arg(long, default_value = "wallet")]
        label: String,
    },
    /// Complete enrolment with the first code from the authenticator app.
    Confirm,
    /// Print the holder public key (give it to the issuer).
    HolderKey,
    /// Check a credential against the trust list and store it.
    Import {
        /// The credential bundle from the issuer.
        file: PathBuf,
        /// The signed trust list.
        #[arg(long)]
        trust_list: PathBuf,
        /// The trust anchor's public key (.pub file or hex).
        #[arg(long)]
        anchor: String,
    },
    /// List stored diplomas.
    List {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Show every claim of a diploma.
    Show {
        /// Diploma id (from `list`; a unique prefix is enough).
        id: String,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// Language of labels: en, ru or kk.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Make a presentation QR code.
    Present {
        /// Diploma id (a unique prefix is enough).
        id: String,
        /// Claims: `default`, `minimal`, `all`, or a comma list of claim keys (`name,degree,iin`).
        #[arg(long, default_value = "default")]
        claims: String,
        /// The verifier's 6-digit challenge.
        #[arg(long)]
        challenge: Option<String>,
        /// Lifetime in seconds (1–600).
        #[arg(long, default_value_t = DEFAULT_TTL_SECS)]
        ttl: u32,
        /// Also write the QR code as PNG.
        #[arg(long)]
        png: Option<PathBuf>,
        /// Do not draw the QR code in the terminal.
        #[arg(long)]
        no_qr: bool,
    },
    /// The diploma as a one-page PDF with a verifiable barcode (a document presentation for
    /// AUDIENCE, logged in the audit log). Never overwrites a file; written 0600.
    Pdf {
        /// Diploma id (a unique prefix is enough).
        id: String,
        /// Who the copy is for, shown to the verifier (1–128 bytes), e.g. "Kaspi Bank HR".
        #[arg(long)]
        audience: String,
        /// Validity in days (1–90).
        #[arg(long, default_value_t = qujat_core::presentation::DEFAULT_DOCUMENT_DAYS)]
        days: u32,
        /// Claims: `default`, `minimal`, `all`, or a comma list of claim keys (`name,degree,iin`).
        #[arg(long, default_value = "default")]
        claims: String,
        /// Language of the labels, beside English: kk, ru or en.
        #[arg(long, default_value = "kk")]
        lang: String,
        /// The PDF file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Delete a diploma (securely).
    Delete {
        /// Diploma id (a unique prefix is enough).
        id: String,
    },
    /// Show the audit log and whether its hash chain is intact.
    Log,
    /// Change the PIN (needs the current PIN and a code; the new PIN from QUJAT_NEW_PIN or a prompt).
    ChangePin,
    /// Back the wallet up into one encrypted age file (mode 0600) and print, once, the backup
    /// code that opens it (see docs/BACKUP.md).
    Backup {
        /// The backup file to write; an existing file is never overwritten.
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into a new wallet (--dir must not hold a wallet in use): the code from
    /// QUJAT_BACKUP_CODE or a prompt, a new PIN from QUJAT_PIN or a prompt; then `confirm`.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Account name shown in the authenticator app.
        #[arg(long, default_value = "wallet")]
        label: String,
    },
}

/// A report or label language: `en`, `ru` or `kk`.
pub fn parse_lang(s: &str) -> Result<Lang, CliError> {
    Lang::from_tag(s).ok_or_else(|| CliError::Input(format!("unknown language `{s}`: use en, ru or kk")))
}
