//! The issuer: signs diplomas for a holder's key, keeps the register of status indexes,
//! and signs status lists.

use std::collections::BTreeSet;

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
        if status_index > MAX_STATUS_INDEX {
            return Err(IssueError::StatusListFull);
        }
        let seed = SecretBytes::<NODE_LEN>::random(rng)?;
        let leaves = CredentialBundle::leaves_of(diploma);
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

/// The issuer's register: the next free status index and the revoked indexes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Register {
    /// Next status index to hand out.
    pub next_index: u64,
    /// Revoked indexes.
    pub revoked: BTreeSet<u64>,
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

    /// Revoke an issued index; `false` if it was never issued.
    pub fn revoke(&mut self, index: u64) -> bool {
        if index >= self.next_index {
            return false;
        }
        self.revoked.insert(index);
        true
    }
}
