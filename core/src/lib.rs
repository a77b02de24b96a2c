//! Qujat core: everything that matters for an offline digital-diploma wallet.
//!
//! Layers, bottom up: [`platform`] (clock, randomness), [`secret`], [`keys`] and [`key_file`];
//! [`cbor`] and [`cose`] (the signed envelope of every structure); [`credential`] (claims,
//! disclosure tree); [`issuer`], [`trust`] and [`status`];
//! [`presentation`] (build and encode) and [`verifier`]; [`qr`] for output and scanning;
//! [`vault`] (sealed SQLite store) and [`auth`] (PIN, Argon2id, TOTP, lockout) under the
//! holder's [`wallet`], which [`backup`] carries to a new phone in an age file. [`countdown`] is plain arithmetic the apps' screens share.
#![forbid(unsafe_code)]
#[cfg(feature = "store")]
pub mod auth;
#[cfg(feature = "store")]
pub mod backup;
pub mod cbor;
pub mod cose;
pub mod countdown;
pub mod credential;
pub mod issuer;
pub mod key_file;
pub mod keys;
pub mod platform;
pub mod presentation;
pub mod qr;
#[cfg(feature = "store")]
pub mod screen_limits;
pub mod secret;
#[cfg(feature = "store")]
mod sqlite_schema;
pub mod status;
pub mod trust;
#[cfg(feature = "store")]
pub mod vault;
pub mod verifier;
#[cfg(feature = "store")]
pub mod wallet;
