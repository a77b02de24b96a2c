//! Tools for **tests and issuers, not for the holder or verifier app**: a trust anchor that
//! signs trust lists and an issuer that signs diplomas and status lists, with keys held in
//! memory. The binding tests use them to make every input the apps will meet; an app should
//! never construct them.

use std::sync::Arc;

use qujat_core::credential::{Date, parse_issuer_input};
use qujat_core::issuer::{Issuer, Register};
use qujat_core::keys::{KeyPair, PublicKey};
use qujat_core::platform::OsRandom;
use qujat_core::trust::{IssuerEntry, IssuerKey, TrustList, TrustListPayload};

use crate::error::IssuerError;
use crate::types::LocalizedText;

fn public_key(bytes: &[u8]) -> Result<PublicKey, IssuerError> {
    PublicKey::from_bytes(bytes).map_err(|_| IssuerError::BadPublicKey)
}

fn new_key() -> Result<KeyPair, IssuerError> {
    KeyPair::generate(&OsRandom).map_err(|_| IssuerError::Random)
}

/// An issuer key and the period in which it may sign.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TrustedKey {
    /// The issuer's public key (32 bytes).
    pub public_key: Vec<u8>,
    /// Credentials signed before this are refused (Unix seconds).
    pub not_before: i64,
    /// Credentials signed after this are refused.
    pub not_after: i64,
}

/// An accredited issuer in a trust list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TrustedIssuer {
    /// Issuer id (`kz.enu`).
    pub id: String,
    /// Display names.
    pub name: LocalizedText,
    /// Its keys.
    pub keys: Vec<TrustedKey>,
}

impl TryFrom<TrustedIssuer> for IssuerEntry {
    type Error = IssuerError;
    fn try_from(t: TrustedIssuer) -> Result<Self, IssuerError> {
        let keys = t
            .keys
            .iter()
            .map(|k| {
                Ok(IssuerKey { key: public_key(&k.public_key)?, not_before: k.not_before, not_after: k.not_after })
            })
            .collect::<Result<_, IssuerError>>()?;
        Ok(IssuerEntry { id: t.id, name: t.name, keys })
    }
}

/// A trust anchor with a fresh key in memory (tests and tools only).
#[derive(uniffi::Object)]
pub struct TrustAnchorTool(KeyPair);

#[uniffi::export]
impl TrustAnchorTool {
    /// A new anchor key.
    #[uniffi::constructor]
    pub fn generate() -> Result<Arc<Self>, IssuerError> {
        Ok(Arc::new(Self(new_key()?)))
    }

    /// The anchor's public key (32 bytes): what verifiers and wallets pin.
    pub fn public_key(&self) -> Vec<u8> {
        self.0.public().to_bytes().to_vec()
    }

    /// Sign a trust list.
    pub fn sign_trust_list(
        &self,
        sequence: u64,
        issued_at: i64,
        expires_at: i64,
        issuers: Vec<TrustedIssuer>,
    ) -> Result<Vec<u8>, IssuerError> {
        let issuers = issuers.into_iter().map(IssuerEntry::try_from).collect::<Result<_, _>>()?;
        Ok(TrustList::sign(&self.0, TrustListPayload { sequence, issued_at, expires_at, issuers }))
    }
}

/// An issuer (university) with a fresh key in memory (tests and tools only).
#[derive(uniffi::Object)]
pub struct IssuerTool(Issuer);

#[uniffi::export]
impl IssuerTool {
    /// A new issuer key for the issuer id `issuer_id`.
    #[uniffi::constructor]
    pub fn generate(issuer_id: String) -> Result<Arc<Self>, IssuerError> {
        Ok(Arc::new(Self(Issuer::new(issuer_id, new_key()?))))
    }

    /// The issuer id.
    pub fn id(&self) -> String {
        self.0.id().to_owned()
    }

    /// The issuer's public key (32 bytes), for the trust list.
    pub fn public_key(&self) -> Vec<u8> {
        self.0.public_key().to_bytes().to_vec()
    }

    /// Validate issuer input JSON (the shape of the fixtures in `tests/fixtures/diplomas/`) and sign it
    /// for `holder_public_key` at `issued_at`; returns the credential bundle for the wallet.
    pub fn issue(
        &self,
        diploma_json: String,
        holder_public_key: Vec<u8>,
        status_index: u64,
        issued_at: i64,
    ) -> Result<Vec<u8>, IssuerError> {
        let diploma =
            parse_issuer_input(diploma_json.as_bytes(), Date::from_unix(issued_at).ok_or(IssuerError::BadTime)?)?;
        let bundle = self.0.issue(&diploma, &public_key(&holder_public_key)?, status_index, issued_at, &OsRandom)?;
        Ok(bundle.to_bytes())
    }

    /// Sign a status list of `entries` indexes with `revoked` set, current for `validity_secs`.
    pub fn status_list(
        &self,
        entries: u64,
        revoked: Vec<u64>,
        issued_at: i64,
        validity_secs: i64,
    ) -> Result<Vec<u8>, IssuerError> {
        let register = Register { next_index: entries, revoked: revoked.into_iter().collect(), ..Register::default() };
        Ok(self.0.status_list(&register, issued_at, validity_secs)?)
    }
}
