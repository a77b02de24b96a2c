//! The fuzz targets' bodies, one module a target: `fuzz_targets/<name>.rs` hands each
//! libFuzzer input to `<name>::run`, and the workspace's test `tests/tests/fuzz_seeds.rs` runs
//! every committed seed (`fuzz/seeds/<name>/`) through the same function in every test run.

pub mod backup_archive;
pub mod bundle;
pub mod credential;
pub mod issuer_input_json;
pub mod presentation_cose;
pub mod qj1_string;
pub mod qr_png;
pub mod reencode;
pub mod status_list;
pub mod trust_list;
pub mod vault_file;
pub mod vault_record;
