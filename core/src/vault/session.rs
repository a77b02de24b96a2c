//! An unlocked session: the handle through which sealed records are read and written.
//!
//! A [`Session`] holds the keys derived from the data key, never the data key itself, and only
//! while it is unlocked. Every use checks the idle timeout against the vault's injected clock;
//! an expired, explicitly locked or dropped session zeroizes its keys (operations already
//! running finish with their own reference, which is zeroized when they return). A clock that
//! moves backwards also locks the session: the idle time cannot be trusted then.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use crate::platform::UnixTime;

use super::error::VaultError;
use super::rows::UID_LEN;
use super::seal::SealKeys;

/// The default idle timeout: five minutes.
pub const DEFAULT_IDLE_TIMEOUT_SECS: u32 = 300;

struct Active {
    keys: Arc<SealKeys>,
    last_used: UnixTime,
}

/// An unlocked vault session. `Send + Sync`: threads may share it through an `Arc`.
pub struct Session {
    vault_uid: [u8; UID_LEN],
    idle_timeout_secs: i64,
    active: Mutex<Option<Active>>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.is_locked() { "locked" } else { "unlocked" };
        write!(f, "Session({state})")
    }
}

impl Session {
    pub(crate) fn new(vault_uid: [u8; UID_LEN], keys: SealKeys, now: UnixTime, idle_timeout_secs: u32) -> Self {
        Self {
            vault_uid,
            idle_timeout_secs: i64::from(idle_timeout_secs.max(1)),
            active: Mutex::new(Some(Active { keys: Arc::new(keys), last_used: now })),
        }
    }

    /// Lock now: the keys are dropped (and zeroized).
    pub fn lock(&self) {
        let taken = self.active.lock().unwrap_or_else(PoisonError::into_inner).take();
        drop(taken);
    }

    /// True once the session has been locked (explicitly, or when a use found it idle).
    /// An idle session that nobody has touched reports `false` until its next use.
    pub fn is_locked(&self) -> bool {
        self.active.lock().unwrap_or_else(PoisonError::into_inner).is_none()
    }

    /// Whether the session is open at `now`, without counting as a use: false once locked, and
    /// once idle for the timeout (or the clock went back), in which case it locks now, dropping
    /// its keys as the next use would have. So a screen that only asks (on resume, on a timer)
    /// sees the idle timeout when it falls due, not at the next operation.
    pub fn is_open_at(&self, now: UnixTime) -> bool {
        let mut guard = self.active.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(active) = guard.as_ref() else {
            return false;
        };
        if now < active.last_used || now.saturating_sub(active.last_used) >= self.idle_timeout_secs {
            *guard = None;
            return false;
        }
        true
    }

    pub(crate) fn vault_uid(&self) -> &[u8; UID_LEN] {
        &self.vault_uid
    }

    /// The keys for one operation at time `now`, or [`VaultError::Locked`].
    pub(crate) fn use_keys(&self, now: UnixTime) -> Result<Arc<SealKeys>, VaultError> {
        let mut guard = self.active.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(active) = guard.as_mut() else {
            return Err(VaultError::Locked);
        };
        let idle = now.saturating_sub(active.last_used);
        if now < active.last_used || idle >= self.idle_timeout_secs {
            *guard = None;
            return Err(VaultError::Locked);
        }
        active.last_used = now;
        Ok(Arc::clone(&active.keys))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::SecretBytes;

    fn session(now: UnixTime) -> Session {
        Session::new([0; UID_LEN], SealKeys::derive(&SecretBytes::new([1; 32])), now, 60)
    }

    #[test]
    fn idle_timeout_is_measured_from_last_use() {
        let s = session(1000);
        assert!(s.use_keys(1059).is_ok());
        assert!(s.use_keys(1118).is_ok()); // 59 s after the last use
        assert_eq!(s.use_keys(1178).err(), Some(VaultError::Locked)); // 60 s idle
        assert!(s.is_locked());
        assert_eq!(s.use_keys(1179).err(), Some(VaultError::Locked)); // stays locked
    }

    #[test]
    fn asking_sees_the_idle_timeout_without_refreshing_it() {
        let s = session(1000);
        assert!(s.is_open_at(1059));
        // Asking is not a use: 60 s after the last use the session is idle, however often it
        // was asked in between, and asking locks it.
        assert!(!s.is_open_at(1060));
        assert!(s.is_locked());
        assert_eq!(s.use_keys(1060).err(), Some(VaultError::Locked));
        let s = session(1000);
        assert!(!s.is_open_at(999), "a clock gone back locks");
        assert!(s.is_locked());
    }

    #[test]
    fn explicit_lock_and_clock_going_back() {
        let s = session(1000);
        s.lock();
        assert_eq!(s.use_keys(1000).err(), Some(VaultError::Locked));
        let s = session(1000);
        assert_eq!(s.use_keys(999).err(), Some(VaultError::Locked));
    }

    #[test]
    fn send_sync_and_quiet_debug() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Session>();
        assert_eq!(format!("{:?}", session(0)), "Session(unlocked)");
    }
}
