//! The performance catalogue: which paths are benchmarked, against which floor measured in the
//! same run, with which goal. The criterion benches (`benches/paths.rs`) take their ids from
//! here and the report (`src/bin/perf-report`) turns the same table into `docs/PERFORMANCE.md`,
//! so a row is added in one place.
//!
//! To add a path: write its bench under an id below and add a [`Source::Bench`] row. The
//! Kotlin → Rust call rows come from the two timing harnesses of `scripts/bindings-cost.sh`
//! ([`Source::BindingsCost`], cases in [`BINDINGS_COST_CASES`]).

use std::time::Duration;

/// A criterion benchmark: `group/name`, as criterion stores it under `target/criterion/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BenchId {
    /// Criterion group.
    pub group: &'static str,
    /// Function within the group.
    pub name: &'static str,
    /// What it measures, for the report.
    pub what: &'static str,
}

impl BenchId {
    const fn new(group: &'static str, name: &'static str, what: &'static str) -> Self {
        Self { group, name, what }
    }
}

impl std::fmt::Display for BenchId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.group, self.name)
    }
}

/// Verify a default presentation: decode, both signatures, digests, status lookup.
pub const VERIFY: BenchId = BenchId::new("verify", "presentation", "verify a default presentation (whole path)");
/// Two `verify_strict` calls on the credential's and the presentation's `Sig_structure`s.
pub const VERIFY_FLOOR: BenchId =
    BenchId::new("verify", "floor_2x_verify_strict", "2 × ed25519 `verify_strict` on the same `Sig_structure`s");
/// base45, inflate, COSE and CBOR parsing of both structures; no signature.
pub const DECODE: BenchId =
    BenchId::new("verify", "decode_only", "decode only: base45, inflate, COSE and CBOR parsing of both structures");
/// Build, sign, encode (`QJ1:` string) and make the QR matrix at ECC M.
pub const PRESENT: BenchId =
    BenchId::new("present", "sign_encode_qr", "make a presentation: build, sign, encode, QR matrix (ECC M)");
/// Build, sign and encode, without the QR matrix.
pub const PRESENT_NO_QR: BenchId =
    BenchId::new("present", "sign_encode", "build, sign and encode the `QJ1:` string, no QR matrix");
/// The QR matrix alone (ECC M) for a default presentation string.
pub const QR_ENCODE: BenchId =
    BenchId::new("present", "qr_encode_only", "QR matrix only (ECC M) of a default presentation string");
/// One ed25519 signature on the presentation's `Sig_structure` (the signing floor).
pub const PRESENT_SIGN_FLOOR: BenchId =
    BenchId::new("present", "floor_ed25519_sign", "one ed25519 sign of the presentation `Sig_structure`");
/// Render a document presentation as the one-page PDF (`qujat_pdf::render`: QR, layout, font
/// subsetting, compression), the presentation already signed.
pub const PDF_RENDER: BenchId =
    BenchId::new("pdf", "render", "render the diploma PDF of a signed document presentation (QR, text, font subset)");
/// Issue a class of [`ISSUE_BATCH`] diplomas.
pub const ISSUE: BenchId = BenchId::new("issue", "batch", "issue a class of 100 diplomas");
/// [`ISSUE_BATCH`] ed25519 signatures on credential-sized `Sig_structure`s.
pub const ISSUE_FLOOR: BenchId =
    BenchId::new("issue", "floor_ed25519_sign", "100 ed25519 signs of credential-sized `Sig_structure`s");

/// Unlock with PIN + TOTP at the production Argon2id parameters.
pub const UNLOCK: BenchId = BenchId::new(
    "unlock",
    "pin_totp",
    "unlock with PIN + TOTP, key rotation included (Argon2id m=64 MiB, t=3, p=4; software key store in files)",
);
/// The Argon2id derivation alone, same parameters.
pub const UNLOCK_FLOOR: BenchId =
    BenchId::new("unlock", "floor_argon2id", "Argon2id derivation alone, same parameters");
/// Open a vault file of [`VAULT_SIZE`] diplomas (no KDF).
pub const VAULT_OPEN: BenchId =
    BenchId::new("vault", "open_10k", "open a vault file of 10,000 diplomas (KDF excluded)");
/// List the summaries of [`VAULT_SIZE`] diplomas.
pub const VAULT_LIST: BenchId = BenchId::new("vault", "list_10k", "list (decrypt) 10,000 diploma summaries");
/// Import one diploma into a vault of [`VAULT_SIZE`] (one transaction, fsync).
pub const VAULT_IMPORT: BenchId =
    BenchId::new("vault", "import_one", "store one diploma in a vault of 10,000 (one transaction)");
/// Import [`IMPORT_BATCH`] diplomas in one transaction (restore, migration).
pub const VAULT_IMPORT_BATCH: BenchId =
    BenchId::new("vault", "import_batch_100", "store 100 diplomas in one transaction into a vault of 10,000");
/// Diplomas per batch import.
pub const IMPORT_BATCH: u64 = 100;
/// Diplomas in the benchmarked vault.
pub const VAULT_SIZE: u64 = 10_000;

/// Back up a wallet of [`BACKUP_SIZE`] diplomas, scrypt at the test cost (the KDF excluded).
pub const BACKUP: BenchId = BenchId::new(
    "backup",
    "backup_1k",
    "back up a wallet of 1,000 diplomas into an age file (scrypt at 2^4: the passphrase KDF excluded)",
);
/// Restore that backup into a new wallet (scrypt and Argon2id at the test cost).
pub const RESTORE: BenchId = BenchId::new(
    "backup",
    "restore_1k",
    "restore a 1,000-diploma backup into a new wallet (scrypt 2^4, Argon2id test cost: the KDFs excluded)",
);
/// The passphrase KDF of a real backup alone: age's scrypt at 2^18.
pub const BACKUP_KDF: BenchId =
    BenchId::new("backup", "floor_scrypt_2_18", "age scrypt recipient at 2^18 (a real backup's KDF), alone");
/// Diplomas in the benchmarked backup.
pub const BACKUP_SIZE: u64 = 1_000;

/// Diplomas per batch-issuance iteration (one graduating class).
pub const ISSUE_BATCH: u64 = 100;

/// What a row is held to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// Time at most this multiple of the floor's time.
    TimesFloor(f64),
    /// Throughput at least this fraction of the floor's throughput.
    ThroughputOfFloor(f64),
    /// Time per iteration at most this.
    AtMost(Duration),
    /// Time over the floor at most this fraction of the floor.
    OverheadOfFloor(f64),
    /// At least this many operations per second.
    RateAtLeast(f64),
}

/// Where a row's numbers come from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Source {
    /// Measured by a criterion benchmark, with its floor if it has one.
    Bench {
        /// The path.
        measured: BenchId,
        /// The floor, measured in the same run.
        floor: Option<BenchId>,
    },
    /// Measured by `scripts/bindings-cost.sh`: the case from Kotlin through the generated
    /// bindings, against the same case from Rust through the bindings' Rust API as the floor.
    BindingsCost {
        /// The case, as both harnesses name it (one of [`BINDINGS_COST_CASES`]).
        case: &'static str,
    },
    /// Not measurable yet: says why.
    Pending(&'static str),
}

/// The core's QR reader (`qr::decode_luma`) on a 1280×720 simulated camera capture at 4 px/module.
pub const READ_CAPTURE: BenchId = BenchId::new(
    "reader",
    "capture_4px",
    "read the QR code of a 1280×720 camera capture, 4 px/module (`qr::decode_luma`)",
);
/// rqrr alone (the reader before issue 14) on the same frame: the second reader.
pub const READ_CAPTURE_RQRR: BenchId =
    BenchId::new("reader", "rqrr_capture_4px", "rqrr alone on the same frame (the reader before issue 14)");
/// The core's reader on a 1280×720 capture of a screen without a code (most frames of a scan).
pub const READ_NO_CODE: BenchId =
    BenchId::new("reader", "no_code", "`qr::decode_luma` on a 1280×720 frame without a code (`NoQrFound`)");
/// The reader's benchmarks beyond its goal row, listed in the report.
pub const READER_BENCHES: &[BenchId] = &[READ_CAPTURE, READ_CAPTURE_RQRR, READ_NO_CODE];

/// The cases both call-cost harnesses time (`bindings/examples/verify_cost.rs`,
/// `tests/kotlin/src/VerifyCost.kt`), in their order, with what each isolates.
pub const BINDINGS_COST_CASES: &[(&str, &str)] = &[
    ("verify", "`Verifier.verify` of the default ENU presentation (649 characters), system clock: `VALID`"),
    (
        "verify_caller_clock",
        "the same on a verifier whose `Clock` the caller implements (from Kotlin: one callback into the JVM per verify)",
    ),
    (
        "verify_malformed_650",
        "`verify` of 649 × `x`: the same arguments' sizes, rejected at once (`Malformed`): the crossing with almost no work",
    ),
    ("verify_malformed_1", "`verify` of `x`: the crossing with a 1-character string"),
    ("trust_list_info", "`Verifier.trustListInfo()`: an object method, no argument, a small record back"),
    ("claim_label", "`claimLabel(NAME, EN)`: two enums in, a string out"),
];

/// One line of the goals table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    /// What is measured, as the reader knows it.
    pub path: &'static str,
    /// Where the numbers come from.
    pub source: Source,
    /// What the floor is, in words.
    pub floor: &'static str,
    /// The goal.
    pub goal: Goal,
}

/// The goals of issue 5, in its order.
pub const ROWS: &[Row] = &[
    Row {
        path: "verify a default presentation (decode, both signatures, digests, status lookup)",
        source: Source::Bench { measured: VERIFY, floor: Some(VERIFY_FLOOR) },
        floor: "2 × ed25519 `verify_strict`",
        goal: Goal::TimesFloor(1.5),
    },
    Row {
        path: "make a presentation (sign, encode, QR matrix)",
        source: Source::Bench { measured: PRESENT, floor: None },
        floor: "—",
        goal: Goal::AtMost(Duration::from_millis(2)),
    },
    Row {
        path: "make the diploma PDF (render a signed document presentation; issue 12)",
        source: Source::Bench { measured: PDF_RENDER, floor: None },
        floor: "—",
        goal: Goal::AtMost(Duration::from_millis(50)),
    },
    Row {
        path: "unlock (PIN + TOTP)",
        source: Source::Bench { measured: UNLOCK, floor: Some(UNLOCK_FLOOR) },
        floor: "Argon2id derivation alone, same parameters",
        goal: Goal::OverheadOfFloor(0.05),
    },
    Row {
        path: "vault with 10,000 diplomas: open the file (KDF excluded)",
        source: Source::Bench { measured: VAULT_OPEN, floor: None },
        floor: "—",
        goal: Goal::AtMost(Duration::from_millis(50)),
    },
    Row {
        path: "vault with 10,000 diplomas: list",
        source: Source::Bench { measured: VAULT_LIST, floor: None },
        floor: "—",
        goal: Goal::AtMost(Duration::from_millis(20)),
    },
    Row {
        path: "vault with 10,000 diplomas: import, one per transaction (each commit fsynced)",
        source: Source::Bench { measured: VAULT_IMPORT, floor: None },
        floor: "—",
        goal: Goal::RateAtLeast(2000.0),
    },
    Row {
        path: "vault with 10,000 diplomas: import, 100 per transaction",
        source: Source::Bench { measured: VAULT_IMPORT_BATCH, floor: None },
        floor: "—",
        goal: Goal::RateAtLeast(2000.0),
    },
    Row {
        path: "backup of a wallet of 1,000 diplomas, beyond the passphrase KDF",
        source: Source::Bench { measured: BACKUP, floor: Some(BACKUP_KDF) },
        floor: "the KDF beside it: age scrypt 2^18 alone",
        goal: Goal::AtMost(Duration::from_secs(1)),
    },
    Row {
        path: "restore of a 1,000-diploma backup into a new wallet, beyond the passphrase KDF",
        source: Source::Bench { measured: RESTORE, floor: Some(BACKUP_KDF) },
        floor: "the KDF beside it: age scrypt 2^18 alone",
        goal: Goal::AtMost(Duration::from_secs(1)),
    },
    Row {
        path: "batch issuance (a class of 100)",
        source: Source::Bench { measured: ISSUE, floor: Some(ISSUE_FLOOR) },
        floor: "ed25519 sign alone",
        goal: Goal::ThroughputOfFloor(0.3),
    },
    Row {
        path: "read the QR code of a 1280×720 camera frame (4 px/module capture), natively",
        source: Source::Bench { measured: READ_CAPTURE, floor: None },
        floor: "—",
        // Issue 14's budget from camera frame to verdict in the browser; natively it is the
        // reader's share alone.
        goal: Goal::AtMost(Duration::from_millis(50)),
    },
    Row {
        path: "Kotlin → Rust verify call",
        source: Source::BindingsCost { case: "verify" },
        floor: "the same call from Rust (bindings' Rust API)",
        goal: Goal::TimesFloor(1.05),
    },
];

/// Parts of the paths above, reported with their share of the whole.
pub const BREAKDOWN: &[(BenchId, BenchId)] = &[
    (DECODE, VERIFY),
    (VERIFY_FLOOR, VERIFY),
    (PRESENT_SIGN_FLOOR, PRESENT),
    (PRESENT_NO_QR, PRESENT),
    (QR_ENCODE, PRESENT),
];

/// Every criterion benchmark the report reads.
pub fn all_benches() -> Vec<BenchId> {
    let mut out: Vec<BenchId> = vec![];
    let rows = ROWS.iter().filter_map(|r| match r.source {
        Source::Bench { measured, floor } => Some([Some(measured), floor]),
        Source::BindingsCost { .. } | Source::Pending(_) => None,
    });
    let parts = BREAKDOWN.iter().map(|(part, whole)| [Some(*part), Some(*whole)]);
    let reader = READER_BENCHES.iter().map(|id| [Some(*id), None]);
    for id in rows.chain(parts).chain(reader).flatten().flatten() {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Stripped release library size goal on x86-64.
pub const LIBRARY_SIZE_GOAL_BYTES: u64 = 3 * 1024 * 1024;
