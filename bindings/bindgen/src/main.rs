//! `uniffi-bindgen` for Qujat: generates the Kotlin and Swift bindings from the built
//! `qujat_ffi` library (library mode). See `scripts/gen-bindings.sh`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
