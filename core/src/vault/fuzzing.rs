//! Entry points for the fuzz target of the sealed vault records (`fuzz/fuzz_targets/vault_record.rs`).
//!
//! Random bytes never pass an AEAD tag, so a target fed only sealed values would test the tag
//! check and nothing behind it. [`Records`] does both: it hands raw bytes to every opener (they
//! must fail cleanly), and it *seals* fuzz-chosen plaintext under a fixed test key for the place
//! each reader opens, then runs that reader — where a parsing bug would hide — with a round
//! trip where an encoder exists. Every check is an `assert!`: a failed one is a finding.
//!
//! **Not API.** Compiled only with the `fuzzing` feature, which only the fuzz crate enables, and
//! in this crate's tests (which check that every entry point reaches its decoder, so a change
//! of a record's place or layout cannot silently leave the target testing only the tag).
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::{Transaction, params};

use crate::auth::KdfParams;
use crate::auth::lockout::{LockoutPolicy, Refusal};
use crate::auth::recovery::{RecoveryCode, StoredCode, normalize};
use crate::auth::totp::TotpSecret;
use crate::platform::{SecureRandom, SeededRandom, UnixTime};
use crate::secret::{SecretBytes, SecretVec};

use super::audit::{self, AuditKind, ChainStatus};
use super::credentials::{self, CredentialId, CredentialSummary};
use super::datakey::KeyBundle;
use super::error::VaultError;
use super::keystore::{KeyStore, KeyStoreError};
use super::recovery_rows::{self, Spend};
use super::rows::{self, SecretName};
use super::schema;
use super::seal::{Place, SealKeys};
use super::software_keystore::SoftwareKeyStore;
use super::totp_record::TotpRecord;

const ALIAS: &str = "fuzz";
const SECRET_NAMES: [SecretName; 4] =
    [SecretName::HolderKey, SecretName::Totp, SecretName::TotpPending, SecretName::AuditHead];

/// A fixed data key, key-store key and PIN key, and an in-memory database with the current
/// schema. Each call works in a transaction that is rolled back, so calls are independent.
pub struct Records {
    keys: SealKeys,
    pin_key: SecretBytes<32>,
    rng: Arc<SeededRandom>,
    key_store: SoftwareKeyStore,
    conn: Mutex<rusqlite::Connection>,
}

/// Plaintexts made by the vault's own encoders: seeds for the fuzzer.
pub struct Samples {
    /// A TOTP record with a last accepted step.
    pub totp: Vec<u8>,
    /// A stored recovery code, and the code it matches.
    pub recovery: (Vec<u8>, String),
    /// A key bundle (what the key store wraps) whose inner wrapping opens under the PIN key.
    pub key_bundle: Vec<u8>,
    /// The plaintexts of a chained audit log, in order, and its head.
    pub audit: (Vec<Vec<u8>>, Vec<u8>),
}

impl Default for Records {
    fn default() -> Self {
        Self::new()
    }
}

impl Records {
    /// Build the fixture (once per fuzzing process).
    pub fn new() -> Self {
        let rng = Arc::new(SeededRandom::new(b"qujat/fuzz/vault-record"));
        let key_store = SoftwareKeyStore::in_memory(rng.clone());
        key_store.wrap(ALIAS, b"creates the alias's key").expect("in-memory key store wraps");
        let mut conn = rusqlite::Connection::open_in_memory().expect("in-memory database");
        schema::configure(&conn, true).expect("configure");
        schema::migrate(&mut conn).expect("migrate");
        Self {
            keys: SealKeys::derive(&SecretBytes::new([0x42; 32])),
            pin_key: SecretBytes::new([0x24; 32]),
            rng,
            key_store,
            conn: Mutex::new(conn),
        }
    }

    fn rng(&self) -> &dyn SecureRandom {
        self.rng.as_ref()
    }

    fn seal(&self, place: Place<'_>, plaintext: &[u8]) -> Vec<u8> {
        self.keys.seal(self.rng(), place, plaintext).expect("sealing with a working rng")
    }

    /// Run `f` in a transaction that is then rolled back.
    fn in_rolled_back_tx<T>(&self, f: impl FnOnce(&Transaction<'_>) -> T) -> T {
        let mut conn = self.conn.lock().unwrap_or_else(PoisonError::into_inner);
        let tx = conn.transaction().expect("begin");
        f(&tx)
        // Dropping `tx` rolls it back.
    }

    /// (a) Bytes read from the file where a sealed value belongs: they must open nowhere, and
    /// every reader must turn them into its typed integrity error.
    pub fn open_raw(&self, sealed: &[u8]) {
        let row = [0u8; 32];
        let seq = 1u64.to_be_bytes();
        let places = [
            credentials::summary_place(&row),
            credentials::bundle_place(&row),
            audit::place(&seq),
            recovery_rows::place(&row[..16]),
        ];
        for place in places {
            assert_eq!(self.keys.open(place, sealed).err(), Some(VaultError::Integrity { table: place.table }));
        }
        assert!(credentials::open_summary(&self.keys, &row, sealed).is_err());
        // `config.wrapped_key`: the key store refuses it before anything is parsed.
        assert_eq!(self.key_store.unwrap(ALIAS, sealed), Err(KeyStoreError::InvalidData));
        self.in_rolled_back_tx(|tx| {
            for name in SECRET_NAMES {
                rows::put_secret(tx, &self.keys, self.rng(), name, b"replaced below").expect("put");
            }
            tx.execute("UPDATE secrets SET sealed = ?1", [sealed]).expect("update");
            for name in SECRET_NAMES {
                let got = rows::get_secret(tx, &self.keys, name);
                assert_eq!(got.err(), Some(VaultError::Integrity { table: "secrets" }));
            }
            tx.execute("INSERT INTO audit (seq, sealed) VALUES (1, ?1)", [sealed]).expect("insert");
            let log = audit::read(tx, &self.keys).expect("reading the audit log");
            assert!(log.entries.is_empty());
            assert_eq!(log.status, ChainStatus::Broken { at_seq: 1 });
            tx.execute("INSERT INTO recovery_codes (id, sealed) VALUES (?1, ?2)", params![&row[..16], sealed])
                .expect("insert");
            let code = normalize("AAAA-AAAA-AAAA-AAAA").expect("a well-formed code");
            assert!(matches!(recovery_rows::spend(tx, &self.keys, &code), Ok(Spend::NoMatchSomeDamaged)));
        });
    }

    /// (b) A credential's summary row (`id ‖ summary`), sealed for the row of the id it starts
    /// with: what the vault's reader returns (the wallet then decodes the summary). The same
    /// plaintext sealed for another row opens but must fail the id check.
    pub fn summary(&self, plaintext: &[u8]) -> Option<CredentialSummary> {
        let id_bytes: [u8; 32] = plaintext.get(..32).and_then(|s| s.try_into().ok()).unwrap_or([0; 32]);
        let row = credentials::row_key(&self.keys, &CredentialId::from_bytes(id_bytes));
        let opened =
            credentials::open_summary(&self.keys, &row, &self.seal(credentials::summary_place(&row), plaintext));

        let mut other_id = id_bytes;
        other_id[0] ^= 1;
        let other = credentials::row_key(&self.keys, &CredentialId::from_bytes(other_id));
        let moved =
            credentials::open_summary(&self.keys, &other, &self.seal(credentials::summary_place(&other), plaintext));
        assert_eq!(moved.err(), Some(VaultError::Integrity { table: "credentials" }), "a summary moved to another row");

        match opened {
            Ok(s) => {
                assert_eq!(s.id.as_bytes(), &id_bytes);
                assert_eq!(s.summary.expose_secret(), &plaintext[32..]);
                Some(s)
            }
            Err(e) => {
                assert!(plaintext.len() < 32, "a summary with its own row's id was refused: {e:?}");
                assert_eq!(e, VaultError::Integrity { table: "credentials" });
                None
            }
        }
    }

    /// (b) A credential bundle's column: sealed, opened by the reader's opener (the wallet then
    /// decodes the bundle). One flipped bit or one missing byte must not open.
    pub fn bundle(&self, plaintext: &[u8]) -> SecretVec {
        let row = credentials::row_key(&self.keys, &CredentialId::from_bytes([7; 32]));
        let place = credentials::bundle_place(&row);
        let mut sealed = self.seal(place, plaintext);
        let opened = self.keys.open(place, &sealed).expect("a sealed bundle opens");
        assert_eq!(opened.expose_secret(), plaintext);
        let last = sealed.len() - 1;
        assert!(self.keys.open(place, &sealed[..last]).is_err());
        let flip = plaintext.len() % sealed.len();
        sealed[flip] ^= 0x10;
        assert!(self.keys.open(place, &sealed).is_err());
        opened
    }

    /// (b) The TOTP record, stored and read as a named secret, decoded, re-encoded; then what
    /// the gate does with it at time `now`.
    pub fn totp_record(&self, plaintext: &[u8], now: UnixTime) {
        let got = self.in_rolled_back_tx(|tx| {
            rows::put_secret(tx, &self.keys, self.rng(), SecretName::Totp, plaintext).expect("put");
            rows::require_secret(tx, &self.keys, SecretName::Totp).expect("a stored secret opens")
        });
        assert_eq!(got.expose_secret(), plaintext);
        let rec = match TotpRecord::decode(&got) {
            Ok(rec) => rec,
            Err(e) => {
                assert_eq!(e, VaultError::Integrity { table: "secrets" });
                return;
            }
        };
        let again = rec.encode();
        let back = TotpRecord::decode(&again).expect("an encoded TOTP record decodes");
        assert!(back.secret == rec.secret && back.last_step == rec.last_step, "TOTP record round trip changed it");
        assert_eq!(back.encode().expose_secret(), again.expose_secret());
        let code = rec.secret.code_at(now);
        match rec.secret.verify(code.expose_secret(), now, rec.last_step) {
            Ok(step) => assert!(rec.last_step.is_none_or(|last| step > last), "a replayed step was accepted"),
            Err(_) => assert!(now < 0 || rec.last_step.is_some(), "the current code was refused"),
        }
        let _ = rec.secret.verify("000000", now, rec.last_step);
    }

    /// (b) A stored recovery code row, read by the unlock path when `typed` is presented.
    pub fn recovery_code(&self, plaintext: &[u8], typed: &str) {
        let parsed = StoredCode::from_bytes(plaintext);
        if let Some(s) = &parsed {
            assert_eq!(s.to_bytes(), plaintext, "stored recovery code round trip changed it");
        }
        let Some(typed) = normalize(typed) else { return };
        let id = [1u8; 16];
        let sealed = self.seal(recovery_rows::place(&id), plaintext);
        self.in_rolled_back_tx(|tx| {
            tx.execute("INSERT INTO recovery_codes (id, sealed) VALUES (?1, ?2)", params![&id[..], sealed])
                .expect("insert");
            let outcome = recovery_rows::spend(tx, &self.keys, &typed).expect("spend reads");
            match (outcome, &parsed) {
                (Spend::Spent, Some(s)) => {
                    assert!(s.matches(&typed));
                    assert_eq!(recovery_rows::count(tx).expect("count"), 0, "a spent code stays");
                }
                (Spend::NoMatch, Some(s)) => assert!(!s.matches(&typed)),
                (Spend::NoMatchSomeDamaged, None) => {}
                _ => panic!("recovery code outcome disagrees with its parse"),
            }
        });
    }

    /// (b) What the platform key store unwraps from `config.wrapped_key`: the KDF parameters,
    /// the salt and the data key under the PIN key. Parsed exactly, within the KDF bounds.
    pub fn key_bundle(&self, plaintext: &[u8]) {
        let wrapped = self.key_store.wrap(ALIAS, plaintext).expect("wrap");
        let unwrapped = SecretVec::new(self.key_store.unwrap(ALIAS, &wrapped).expect("unwrap what was wrapped"));
        assert_eq!(unwrapped.expose_secret(), plaintext);
        match KeyBundle::from_bytes(&unwrapped) {
            Ok(b) => {
                assert_eq!(b.to_bytes(), plaintext, "key bundle round trip changed it");
                assert!(b.params.validate().is_ok(), "parameters out of bounds were accepted");
                if let Some(data_key) = b.open(&self.pin_key) {
                    let again = KeyBundle::seal(&self.pin_key, &data_key, b.params, b.salt, self.rng()).expect("seal");
                    assert!(again.open(&self.pin_key).is_some_and(|k| k == data_key));
                }
            }
            Err(e) => assert_eq!(e, VaultError::Integrity { table: "config" }),
        }
    }

    /// (b) An audit log whose entries (sealed at positions 1, 2, …) and head are fuzz-chosen,
    /// read and checked; the entries read, appended again to an empty log, must read back the
    /// same and intact — and, when the log was intact, as the very same plaintexts.
    pub fn audit_log(&self, entries: &[&[u8]], head: Option<&[u8]>) {
        self.in_rolled_back_tx(|tx| {
            for (i, plain) in entries.iter().enumerate() {
                let seq = i as u64 + 1;
                let sealed = self.seal(audit::place(&seq.to_be_bytes()), plain);
                tx.execute("INSERT INTO audit (seq, sealed) VALUES (?1, ?2)", params![seq as i64, sealed])
                    .expect("insert");
            }
            if let Some(h) = head {
                rows::put_secret(tx, &self.keys, self.rng(), SecretName::AuditHead, h).expect("put");
            }
            let log = audit::read(tx, &self.keys).expect("reading an audit log");
            assert!(log.entries.len() <= entries.len());
            assert!(log.entries.windows(2).all(|w| w[0].seq < w[1].seq));
            assert!(log.entries.iter().all(|e| (1..=entries.len() as u64).contains(&e.seq)));
            if log.status == ChainStatus::Intact {
                assert_eq!(log.entries.len(), entries.len(), "an intact log lost entries");
            }

            tx.execute("DELETE FROM audit", []).expect("delete");
            rows::delete_secret(tx, &self.keys, SecretName::AuditHead).expect("delete");
            for e in &log.entries {
                audit::append(tx, &self.keys, self.rng(), e.kind, e.time, e.detail.expose_secret()).expect("append");
            }
            let again = audit::read(tx, &self.keys).expect("reading the re-appended log");
            // Re-appended entries chain; a HeadRebuilt marker among them reports the chain broken
            // at the first one, by design.
            let expected = match again.entries.iter().find(|e| e.kind == AuditKind::HeadRebuilt) {
                Some(marker) => ChainStatus::Broken { at_seq: marker.seq },
                None => ChainStatus::Intact,
            };
            assert_eq!(again.status, expected, "re-appended entries do not chain");
            assert_eq!(again.entries.len(), log.entries.len());
            for (i, (a, b)) in again.entries.iter().zip(&log.entries).enumerate() {
                assert_eq!(a.seq, i as u64 + 1);
                assert!(a.kind == b.kind && a.time == b.time, "audit round trip changed an entry");
                assert_eq!(a.detail.expose_secret(), b.detail.expose_secret());
            }
            if log.status == ChainStatus::Intact {
                assert_eq!(self.audit_plaintexts(tx), entries, "an intact log re-encodes differently");
            }
        });
    }

    fn audit_plaintexts(&self, tx: &Transaction<'_>) -> Vec<Vec<u8>> {
        let mut stmt = tx.prepare("SELECT seq, sealed FROM audit ORDER BY seq").expect("prepare");
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))).expect("query");
        rows.map(|row| {
            let (seq, sealed) = row.expect("row");
            let seq = (seq as u64).to_be_bytes();
            self.keys.open(audit::place(&seq), &sealed).expect("opens").expose_secret().to_vec()
        })
        .collect()
    }

    /// The lockout row: stored in clear, so any values; then what the gate does with it.
    pub fn lockout_row(&self, failures: i64, remaining: i64, last_seen: i64, now: UnixTime) {
        self.in_rolled_back_tx(|tx| {
            tx.execute(
                "UPDATE lockout SET failures = ?1, remaining = ?2, last_seen = ?3 WHERE id = 1",
                params![failures, remaining, last_seen],
            )
            .expect("update");
            let read = rows::read_lockout(tx).expect("read");
            assert!(read.remaining_secs >= 0 && read.last_seen == last_seen);
            for policy in [LockoutPolicy::default(), LockoutPolicy::recovery_instead_of_wipe()] {
                let mut l = read;
                l.observe(now);
                assert!(l.last_seen >= read.last_seen && (0..=read.remaining_secs).contains(&l.remaining_secs));
                assert_eq!(l.locked_until().is_some(), l.remaining_secs > 0);
                for recovery in [false, true] {
                    if let Err(Refusal::LockedOut { retry_after_secs, .. }) = l.admit(&policy, recovery) {
                        assert!(retry_after_secs > 0);
                    }
                }
                let _ = l.wipe_due(&policy);
                l.begin_attempt(&policy);
                assert!(l.failures >= read.failures);
                rows::write_lockout(tx, &l).expect("write");
                assert_eq!(rows::read_lockout(tx).expect("read"), l);
                l.release_attempt();
                l.succeed();
                assert_eq!(l.locked_until(), None);
            }
        });
    }

    /// Plaintexts from the vault's own encoders, for the seeds.
    pub fn samples(&self) -> Samples {
        let rng = self.rng();
        let totp = TotpRecord { secret: TotpSecret::generate(rng).expect("rng"), last_step: Some(59_999_999) };
        let code = RecoveryCode::generate(rng).expect("rng");
        let stored = StoredCode::new(&code, rng).expect("rng");
        let data_key = SecretBytes::new([0x5a; 32]);
        let bundle =
            KeyBundle::seal(&self.pin_key, &data_key, KdfParams::INSECURE_FOR_TESTS, [3; 16], rng).expect("seal");
        let audit = self.in_rolled_back_tx(|tx| {
            let t = 1_800_000_000;
            let events: [(AuditKind, &[u8]); 4] = [
                (AuditKind::Setup, b""),
                (AuditKind::Unlocked, b"totp"),
                (AuditKind::Import, &[0xab; 32]),
                (AuditKind::Present, b"claims=1,2,5 challenge=123456"),
            ];
            for (i, (kind, detail)) in events.into_iter().enumerate() {
                audit::append(tx, &self.keys, rng, kind, t + i as i64, detail).expect("append");
            }
            let head = rows::require_secret(tx, &self.keys, SecretName::AuditHead).expect("head");
            (self.audit_plaintexts(tx), head.expose_secret().to_vec())
        });
        Samples {
            totp: totp.encode().expose_secret().to_vec(),
            recovery: (stored.to_bytes(), code.expose_secret().to_owned()),
            key_bundle: bundle.to_bytes(),
            audit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each entry point reaches its decoder with a valid plaintext, and survives garbage.
    #[test]
    fn every_entry_point_reaches_its_decoder() {
        let r = Records::new();
        let s = r.samples();

        let mut summary = vec![9; 32];
        summary.extend_from_slice(b"summary bytes");
        let got = r.summary(&summary).expect("a summary with its row's id opens");
        assert_eq!(got.summary.expose_secret(), b"summary bytes");
        assert!(r.summary(b"short").is_none());
        assert_eq!(r.bundle(b"bundle").expose_secret(), b"bundle");

        assert!(TotpRecord::decode(&SecretVec::new(s.totp.clone())).is_ok());
        r.totp_record(&s.totp, 1_800_000_000);
        r.totp_record(&s.totp[1..], -5);

        assert!(StoredCode::from_bytes(&s.recovery.0).is_some());
        r.recovery_code(&s.recovery.0, &s.recovery.1);
        r.recovery_code(&s.recovery.0, "AAAA-AAAA-AAAA-AAAA");
        r.recovery_code(b"damaged", &s.recovery.1);

        let b = KeyBundle::from_bytes(&SecretVec::new(s.key_bundle.clone())).expect("parses");
        assert!(b.open(&r.pin_key).is_some());
        r.key_bundle(&s.key_bundle);
        r.key_bundle(&s.key_bundle[..20]);

        let entries: Vec<&[u8]> = s.audit.0.iter().map(Vec::as_slice).collect();
        r.in_rolled_back_tx(|tx| {
            for (i, plain) in entries.iter().enumerate() {
                let seq = i as u64 + 1;
                let sealed = r.seal(audit::place(&seq.to_be_bytes()), plain);
                tx.execute("INSERT INTO audit (seq, sealed) VALUES (?1, ?2)", params![seq as i64, sealed]).unwrap();
            }
            rows::put_secret(tx, &r.keys, r.rng(), SecretName::AuditHead, &s.audit.1).unwrap();
            let log = audit::read(tx, &r.keys).unwrap();
            assert_eq!((log.status, log.entries.len()), (ChainStatus::Intact, 4));
        });
        r.audit_log(&entries, Some(&s.audit.1));
        r.audit_log(&entries[1..], None);
        r.audit_log(&[b"x"], Some(b"y"));

        r.lockout_row(3, 60, 1_800_000_000, 1_800_000_010);
        r.lockout_row(-1, i64::MIN, i64::MAX, i64::MIN);
        r.lockout_row(i64::MAX, i64::MAX, i64::MIN, i64::MAX);

        for raw in [&b""[..], &[1; 41], &s.key_bundle, &s.totp] {
            r.open_raw(raw);
        }
    }
}
