//! The issuer: signs diplomas for a holder's key, keeps the register of status indexes,
//! and signs status lists.

use std::collections::{BTreeMap, BTreeSet};

use crate::credential::signed::{CredentialPayload, MAX_STATUS_INDEX};
use crate::credential::tree::{self, NODE_LEN};
use crate::credential::{BundleError, Credential, CredentialBundle, Diploma};
use crate::keys::{KeyPair, PublicKey};
use crate::platform::{RandomError, SecureRandom, UnixTime};
use crate::secret::SecretBytes;
use crate::status::{StatusList, StatusListPayload};

/// Why issuing failed.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    /// The diploma names another issuer than this one.
    #[error("the diploma names issuer `{diploma}`, but this issuer is `{issuer}`")]
    WrongIssuer {
        /// This issuer's id.
        issuer: String,
        /// The id in the diploma.
        diploma: String,
    },
    /// Every status index is used.
    #[error("the status list is full")]
    StatusListFull,
    /// Randomness failed.
    #[error(transparent)]
    Random(#[from] RandomError),
    /// Internal consistency check failed.
    #[error(transparent)]
    Bundle(#[from] BundleError),
    /// Re-issue: the old credential was not signed by this issuer's key.
    #[error("the credential to re-issue was not signed by this issuer's key")]
    NotOurCredential,
    /// Re-issue: the old credential's status index was never handed out by this register.
    #[error("status index {index} was never issued by this register")]
    NotIssued {
        /// The old credential's status index.
        index: u64,
    },
    /// Re-issue: the old credential was already re-issued (to status index `to`); re-issue
    /// that one instead, so that only one copy is ever valid.
    #[error("status index {index} was already re-issued as status index {to}")]
    AlreadyReissued {
        /// The old credential's status index.
        index: u64,
        /// The index it was re-issued as.
        to: u64,
    },
}

/// An issuer: its id in the trust list and its signing key.
#[derive(Debug)]
pub struct Issuer {
    id: String,
    key: KeyPair,
}

impl Issuer {
    /// An issuer with a key.
    pub fn new(id: impl Into<String>, key: KeyPair) -> Self {
        Self { id: id.into(), key }
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The public key to publish in the trust list.
    pub fn public_key(&self) -> PublicKey {
        self.key.public()
    }

    /// Sign `diploma` for `holder`, with bit `status_index` in the status list.
    pub fn issue(
        &self,
        diploma: &Diploma,
        holder: &PublicKey,
        status_index: u64,
        now: UnixTime,
        rng: &dyn SecureRandom,
    ) -> Result<CredentialBundle, IssueError> {
        if diploma.issuer != self.id {
            return Err(IssueError::WrongIssuer { issuer: self.id.clone(), diploma: diploma.issuer.clone() });
        }
        self.sign_leaves(CredentialBundle::leaves_of(diploma), holder, status_index, now, rng)
    }

    /// Re-issue `old` (a credential this issuer signed, for a holder who lost the phone that
    /// held it) to `holder`: the same diploma (the same claim values) under a new status index,
    /// with a new disclosure seed. In `register`, `old`'s index is revoked and linked to the new
    /// one ([`Register::reissued`]); the register is changed only if the new bundle is made.
    /// Sign a new status list afterwards so that verifiers learn of the revocation.
    pub fn reissue(
        &self,
        old: &CredentialBundle,
        holder: &PublicKey,
        register: &mut Register,
        now: UnixTime,
        rng: &dyn SecureRandom,
    ) -> Result<CredentialBundle, IssueError> {
        let payload = old.credential().payload();
        if payload.issuer != self.id {
            return Err(IssueError::WrongIssuer { issuer: self.id.clone(), diploma: payload.issuer.clone() });
        }
        old.credential().verify_issuer(&self.public_key()).map_err(|_| IssueError::NotOurCredential)?;
        let mut next = register.clone();
        let index = next.reissue(payload.status_index)?;
        let bundle = self.sign_leaves(old.leaves().clone(), holder, index, now, rng)?;
        *register = next;
        Ok(bundle)
    }

    fn sign_leaves(
        &self,
        leaves: [ciborium::Value; crate::credential::claims::SLOTS],
        holder: &PublicKey,
        status_index: u64,
        now: UnixTime,
        rng: &dyn SecureRandom,
    ) -> Result<CredentialBundle, IssueError> {
        if status_index > MAX_STATUS_INDEX {
            return Err(IssueError::StatusListFull);
        }
        let seed = SecretBytes::<NODE_LEN>::random(rng)?;
        let payload = CredentialPayload {
            issuer: self.id.clone(),
            holder: *holder,
            root: tree::root(&seed, &leaves),
            status_index,
            issued_on: now.div_euclid(86_400),
        };
        let credential = Credential::sign(&self.key, payload);
        Ok(CredentialBundle::new(credential, seed, leaves)?)
    }

    /// Sign a status list from a register.
    pub fn status_list(&self, register: &Register, now: UnixTime, validity_secs: i64) -> Result<Vec<u8>, IssueError> {
        let revoked: Vec<u64> = register.revoked.iter().copied().collect();
        let payload = StatusListPayload::new(
            self.id.clone(),
            now,
            now.saturating_add(validity_secs),
            register.next_index,
            &revoked,
        )
        .ok_or(IssueError::StatusListFull)?;
        Ok(StatusList::sign(&self.key, &payload))
    }
}

/// The issuer's register: the next free status index, the revoked indexes and which revoked
/// index was re-issued as which.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Register {
    /// Next status index to hand out.
    pub next_index: u64,
    /// Revoked indexes.
    pub revoked: BTreeSet<u64>,
    /// Re-issued credentials: old status index → the index of its replacement (absent from
    /// the file while empty, so older registers read and write unchanged).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reissued: BTreeMap<u64, u64>,
}

impl Register {
    /// Reserve the next status index.
    pub fn allocate(&mut self) -> Result<u64, IssueError> {
        if self.next_index > MAX_STATUS_INDEX {
            return Err(IssueError::StatusListFull);
        }
        let i = self.next_index;
        self.next_index += 1;
        Ok(i)
    }

    /// Revoke `old` (an issued index not re-issued before), reserve the index of its
    /// replacement and record the link; returns the new index.
    pub fn reissue(&mut self, old: u64) -> Result<u64, IssueError> {
        if old >= self.next_index {
            return Err(IssueError::NotIssued { index: old });
        }
        if let Some(&to) = self.reissued.get(&old) {
            return Err(IssueError::AlreadyReissued { index: old, to });
        }
        let new = self.allocate()?;
        self.revoked.insert(old);
        self.reissued.insert(old, new);
        Ok(new)
    }

    /// Revoke an issued index; `false` if it was never issued.
    pub fn revoke(&mut self, index: u64) -> bool {
        if index >= self.next_index {
            return false;
        }
        self.revoked.insert(index);
        true
    }
}
