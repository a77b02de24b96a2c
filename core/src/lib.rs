//! Qujat core: everything that matters for an offline digital-diploma wallet.
#![forbid(unsafe_code)]
pub mod auth;
pub mod keys;
pub mod platform;
pub mod secret;
pub mod vault;
