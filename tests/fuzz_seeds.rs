//! Every fuzz target's body (`fuzz/src/targets/<name>.rs`) over its committed seeds
//! (`fuzz/seeds/<name>/`), in every test run with the stable toolchain: the targets compile with
//! the workspace as it is, and the properties they assert (no panic, round trips unchanged,
//! bounded allocations, a damaged vault never yields other data) hold on inputs that reach deep
//! into each decoder, and on a fixed set of damaged copies of each seed (cut short at sixteen
//! lengths; one byte changed four ways at up to 32 places spread over it). Mutation fuzzing with AddressSanitizer is a longer run of its own:
//! `scripts/fuzz.sh --smoke` (about 3 minutes cold) and `scripts/fuzz.sh --runs N`.
#![allow(clippy::unwrap_used, clippy::panic, missing_docs)]

use std::path::{Path, PathBuf};

use qujat_fuzz::targets;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// The seed, then damaged copies: cut short at sixteen lengths, and one byte changed four ways
/// (low bit, high bit, zero, all ones) at up to `places` positions spread over the seed.
fn variants(seed: &[u8], places: usize) -> Vec<Vec<u8>> {
    let mut out = vec![seed.to_vec()];
    let n = seed.len();
    for k in 0..16 {
        out.push(seed[..n * k / 16].to_vec());
    }
    let places = places.min(n);
    for i in 0..places {
        let at = i * n / places;
        for change in [|b: u8| b ^ 0x01, |b: u8| b ^ 0x80, |_| 0x00, |_| 0xff] {
            let mut v = seed.to_vec();
            v[at] = change(v[at]);
            if v != seed {
                out.push(v);
            }
        }
    }
    out
}

/// Runs `body` on every seed of `target` and its damaged copies; the seed's name and the
/// copy's number are in the output if one fails.
fn replay(target: &str, body: fn(&[u8])) {
    let dir = fuzz_dir().join("seeds").join(target);
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "{target}: no seed in {}", dir.display());
    // The file-level vault target opens a database per input: fewer places for it.
    let places = if target == "vault_file" { 4 } else { 32 };
    for seed in &seeds {
        let data = std::fs::read(seed).unwrap();
        for (i, input) in variants(&data, places).iter().enumerate() {
            if let Err(panic) = std::panic::catch_unwind(|| body(input)) {
                eprintln!("fuzz target {target} failed on seed {}, copy {i}", seed.display());
                std::panic::resume_unwind(panic);
            }
        }
    }
}

macro_rules! seeds {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                replay(stringify!($name), targets::$name::run);
            }
        )*

        /// The targets replayed here are exactly the fuzz crate's binaries: a new target
        /// without a replay (or a replay of a removed one) fails.
        #[test]
        fn every_fuzz_target_is_replayed() {
            let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
            let mut bins: Vec<&str> = manifest
                .lines()
                .filter_map(|l| l.strip_prefix("name = \""))
                .filter_map(|l| l.strip_suffix('"'))
                .filter(|n| *n != "qujat-fuzz")
                .collect();
            bins.sort_unstable();
            let mut replayed = vec![$(stringify!($name)),*];
            replayed.sort_unstable();
            assert_eq!(bins, replayed);
        }
    };
}

seeds!(
    qj1_string,
    presentation_cose,
    reencode,
    credential,
    bundle,
    trust_list,
    status_list,
    issuer_input_json,
    qr_png,
    vault_record,
    vault_file,
    backup_archive,
);
