//! A PNG image given to the QR reader (CLI, tests). Run with a small `-max_len`.
//!
//! `decode_png` guards `rqrr`'s known reachable assertions (upstream issue 54) with
//! `catch_unwind`. libFuzzer's panic hook aborts on every panic, which would defeat that guard,
//! so this target lets panics raised inside `rqrr` unwind to the guard (counting them) and
//! aborts on any other panic, as usual.
#![no_main]

use std::sync::Once;
use std::sync::atomic::{AtomicU64, Ordering};

use libfuzzer_sys::fuzz_target;
use qujat_core::qr::{self, Ecc};

static GUARDED: AtomicU64 = AtomicU64::new(0);

fn let_rqrr_panics_unwind() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_rqrr = info.location().is_some_and(|l| l.file().contains("rqrr"));
            if in_rqrr {
                let n = GUARDED.fetch_add(1, Ordering::Relaxed) + 1;
                if n.is_power_of_two() {
                    eprintln!("qr_png: {n} rqrr panic(s) caught by decode_png's guard so far");
                }
            } else {
                fuzzer_hook(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    let_rqrr_panics_unwind();
    if let Ok(text) = qr::decode_png(data) {
        // What was read can be written and read again.
        let Ok(m) = qr::encode(&text, Ecc::M) else { return };
        let png = m.to_png(2).expect("a 2-pixel module PNG is within the render limit");
        assert_eq!(qr::decode_png(&png).as_deref(), Ok(text.as_str()), "QR round trip changed the text");
    }
});
