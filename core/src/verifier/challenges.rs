//! Challenges the verifier has issued and consumed (bounded, expiring).

use std::collections::HashMap;

use crate::platform::UnixTime;
use crate::presentation::{Challenge, MAX_TTL_SECS};

/// Most challenges remembered; the oldest are forgotten first.
const CAPACITY: usize = 4096;

/// Consumed challenges, with the time each was consumed.
#[derive(Debug, Default)]
pub(crate) struct ChallengeBook {
    consumed: HashMap<Challenge, UnixTime>,
}

impl ChallengeBook {
    /// True if `c` was already consumed within a presentation lifetime (plus skew).
    pub(crate) fn is_consumed(&self, c: Challenge, now: UnixTime, skew: i64) -> bool {
        self.consumed.get(&c).is_some_and(|&t| now - t <= i64::from(MAX_TTL_SECS) + skew)
    }

    /// Mark `c` consumed.
    pub(crate) fn consume(&mut self, c: Challenge, now: UnixTime, skew: i64) {
        let horizon = i64::from(MAX_TTL_SECS) + skew;
        self.consumed.retain(|_, t| now - *t <= horizon);
        if self.consumed.len() >= CAPACITY
            && let Some(oldest) = self.consumed.iter().min_by_key(|(_, t)| **t).map(|(c, _)| *c)
        {
            self.consumed.remove(&oldest);
        }
        self.consumed.insert(c, now);
    }
}
