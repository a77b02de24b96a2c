//! What the platform provides: the time and a source of randomness.
//!
//! Both are traits so that tests (and the demo's "simulated clock") are deterministic.
//! The platform key store lives with the vault (`vault::keystore`).

use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use sha2::{Digest, Sha256};

/// Seconds since the Unix epoch (UTC). Signed so that a clock set before 1970 is representable.
pub type UnixTime = i64;

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current time in whole seconds since the Unix epoch.
    fn now(&self) -> UnixTime;
}

/// The operating system's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> UnixTime {
        match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            // A clock before 1970 is wrong, but report it rather than panic.
            Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
        }
    }
}

/// A clock that only moves when told to: for tests and the demo's simulated expiry.
#[derive(Debug)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    /// A clock standing at `now`.
    pub fn new(now: UnixTime) -> Self {
        Self(AtomicI64::new(now))
    }
    /// Set the time (forwards or backwards).
    pub fn set(&self, now: UnixTime) {
        self.0.store(now, Ordering::SeqCst);
    }
    /// Move the time forwards by `secs` (backwards when negative).
    pub fn advance(&self, secs: i64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> UnixTime {
        self.0.load(Ordering::SeqCst)
    }
}

impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now(&self) -> UnixTime {
        (**self).now()
    }
}

/// Failure of the randomness source. Fatal for the operation that asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the system's random number generator failed")]
pub struct RandomError;

/// A cryptographically secure source of random bytes.
pub trait SecureRandom: Send + Sync {
    /// Fill `buf` with random bytes.
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomError>;
}

/// The operating system's CSPRNG (`getrandom`).
#[cfg(feature = "store")]
#[derive(Debug, Default, Clone, Copy)]
pub struct OsRandom;

#[cfg(feature = "store")]
impl SecureRandom for OsRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomError> {
        getrandom::fill(buf).map_err(|_| RandomError)
    }
}

impl<R: SecureRandom + ?Sized> SecureRandom for std::sync::Arc<R> {
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomError> {
        (**self).fill(buf)
    }
}

/// A deterministic generator (SHA-256 in counter mode over a seed).
///
/// **Not for production**: it exists so tests and published test vectors are reproducible.
#[derive(Debug)]
pub struct SeededRandom {
    seed: [u8; 32],
    counter: Mutex<u64>,
}

impl SeededRandom {
    /// A generator whose whole output is fixed by `seed`.
    pub fn new(seed: &[u8]) -> Self {
        Self { seed: Sha256::digest(seed).into(), counter: Mutex::new(0) }
    }
}

impl SecureRandom for SeededRandom {
    fn fill(&self, buf: &mut [u8]) -> Result<(), RandomError> {
        let mut counter = self.counter.lock().map_err(|_| RandomError)?;
        for chunk in buf.chunks_mut(32) {
            let mut h = Sha256::new();
            h.update(self.seed);
            h.update(counter.to_be_bytes());
            *counter += 1;
            let block = h.finalize();
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
        Ok(())
    }
}

/// Draw `N` random bytes.
pub fn random_array<const N: usize>(rng: &dyn SecureRandom) -> Result<[u8; N], RandomError> {
    let mut out = [0u8; N];
    rng.fill(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_random_is_reproducible_and_seed_dependent() {
        let a: [u8; 40] = random_array(&SeededRandom::new(b"a")).unwrap();
        let a2: [u8; 40] = random_array(&SeededRandom::new(b"a")).unwrap();
        let b: [u8; 40] = random_array(&SeededRandom::new(b"b")).unwrap();
        assert_eq!(a, a2);
        assert_ne!(a, b);
        let r = SeededRandom::new(b"a");
        let first: [u8; 16] = random_array(&r).unwrap();
        let second: [u8; 16] = random_array(&r).unwrap();
        assert_ne!(first, second);
    }

    #[test]
    fn manual_clock_moves_both_ways() {
        let c = ManualClock::new(100);
        c.advance(20);
        assert_eq!(c.now(), 120);
        c.set(5);
        assert_eq!(c.now(), 5);
    }
}
