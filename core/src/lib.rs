//! Qujat core: everything that matters for an offline digital-diploma wallet.
#![forbid(unsafe_code)]
pub mod cbor;
pub mod credential;
pub mod issuer;
pub mod keys;
pub mod presentation;
pub mod platform;
pub mod secret;
pub mod status;
pub mod trust;
pub mod verifier;
