//! The bindings' `Verifier.statusLists()`: the status lists the verifier store holds, with
//! their freshness at the verifier's clock, as the Android lists screen shows their age. Through
//! the uniffi object itself (the test-only clock constructor), on a state file reopened.

use std::sync::Arc;

use qujat_ffi::{HeldStatusList, StatusFreshness, Verifier, VerifierError};
use qujat_tests::{DAY, NOW, World};

/// The test's fixed clock as the bindings' foreign `Clock`.
struct At(i64);

impl qujat_ffi::Clock for At {
    fn now(&self) -> i64 {
        self.0
    }
}

fn open(path: &std::path::Path, w: &World, now: i64) -> Arc<Verifier> {
    let path = path.to_str().unwrap().to_owned();
    Verifier::open_with_clock(path, w.anchor.public().to_bytes().to_vec(), Arc::new(At(now))).unwrap()
}

#[test]
fn status_lists_report_what_the_store_holds_and_its_age() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("verifier.sqlite3");
    let w = World::new("ffi-status-lists");
    let v = open(&path, &w, NOW);
    assert_eq!(v.status_lists().unwrap(), []);

    v.install_trust_list(w.trust_list.clone()).unwrap();
    assert_eq!(v.status_lists().unwrap(), [], "a trust list is not a status list");
    let enu = v.install_status_list(w.status_list("kz.enu")).unwrap();
    let kaznu = v.install_status_list(w.status_list("kz.kaznu")).unwrap();
    let expected = StatusFreshness { list_issued_at: NOW - DAY, valid_until: NOW + 6 * DAY, age_secs: DAY };
    assert_eq!(enu, expected);
    assert_eq!(
        v.status_lists().unwrap(),
        [
            HeldStatusList { issuer_id: "kz.enu".into(), freshness: expected.clone() },
            HeldStatusList { issuer_id: "kz.kaznu".into(), freshness: kaznu },
        ]
    );

    // An older list is refused and the held one stays.
    let older = w.issuer("kz.enu").status_list(&w.register, NOW - 2 * DAY, 7 * DAY).unwrap();
    assert!(matches!(v.install_status_list(older), Err(VerifierError::StatusListRollback { .. })));
    assert_eq!(v.status_lists().unwrap()[0].freshness, expected);
    drop(v);

    // Reopened three days later: the same lists, three days older.
    let later = open(&path, &w, NOW + 3 * DAY);
    let held = later.status_lists().unwrap();
    assert_eq!(held.iter().map(|h| h.issuer_id.as_str()).collect::<Vec<_>>(), ["kz.enu", "kz.kaznu"]);
    assert_eq!(held[0].freshness, StatusFreshness { age_secs: 4 * DAY, ..expected });
}
