//! Eight threads share one vault and one session: listing, storing, reading, signing and
//! logging at once. No deadlock (a watchdog fails the test), no corruption.

use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use qujat_core::vault::{AuditKind, ChainStatus, CredentialId};

use crate::common::{Ready, TempDir, lenient_options};

const THREADS: usize = 8;
const ROUNDS: usize = 25;

#[test]
fn eight_threads_share_one_vault() {
    let dir = TempDir::new("threads");
    let r = Ready::new(dir.path(), lenient_options());
    let holder = r.enrolment.holder_public_key;
    let vault = Arc::new(r.vault);
    let session = Arc::new(r.session);
    let audit_before = vault.audit_log(&session).unwrap().entries.len();
    let started = Instant::now();
    let (done_tx, done_rx) = mpsc::channel();
    for t in 0..THREADS {
        let (vault, session, done) = (Arc::clone(&vault), Arc::clone(&session), done_tx.clone());
        std::thread::spawn(move || {
            for i in 0..ROUNDS {
                let id = CredentialId::from_bytes([t as u8, i as u8, 0x5A, 0xA5].repeat(8).try_into().unwrap());
                let bundle = format!("thread {t} round {i}").repeat(20).into_bytes();
                vault.put_credential(&session, &id, &bundle, format!("{t}/{i}").as_bytes()).unwrap();
                let list = vault.list_summaries(&session).unwrap();
                assert_eq!(list.damaged, 0);
                assert!(list.items.iter().any(|s| s.id == id));
                assert_eq!(vault.get_credential(&session, &id).unwrap().expose_secret(), &bundle[..]);
                let msg = format!("presentation {t} {i}");
                let sig = vault.sign_as_holder(&session, msg.as_bytes()).unwrap();
                assert!(holder.verify(msg.as_bytes(), &sig));
                vault.record_event(&session, AuditKind::Present, msg.as_bytes()).unwrap();
            }
            done.send(t).unwrap();
        });
    }
    drop(done_tx);
    for _ in 0..THREADS {
        // A deadlock shows up as a timeout here rather than a hung test run.
        done_rx.recv_timeout(Duration::from_secs(120)).expect("a worker finished (or panicked) in time");
    }
    let list = vault.list_summaries(&session).unwrap();
    assert_eq!((list.items.len(), list.damaged), (THREADS * ROUNDS, 0));
    let log = vault.audit_log(&session).unwrap();
    assert_eq!(log.status, ChainStatus::Intact);
    assert_eq!(log.entries.len(), audit_before + 2 * THREADS * ROUNDS);
    assert!(vault.integrity_check().unwrap());
    eprintln!("concurrency: {THREADS} threads × {ROUNDS} rounds in {:.1?}", started.elapsed());
}
