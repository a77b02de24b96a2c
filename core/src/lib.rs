//! Qujat core: everything that matters for an offline digital-diploma wallet.
#![forbid(unsafe_code)]
pub mod platform;
pub mod keys;
pub mod secret;
