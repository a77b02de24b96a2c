//! The lockout policy: how long to wait after each failed unlock, and what happens at the end.
//!
//! | failures so far | wait before the next attempt |
//! | --- | --- |
//! | 1–4 | none |
//! | 5 | 1 minute |
//! | 6 | 5 minutes |
//! | 7, 8 | 15 minutes |
//! | 9 | 1 hour |
//! | 10 | [`AtMaxFailures`]: the data key is destroyed (default), or only a recovery code opens the vault (then 1 hour between attempts) |
//!
//! The vault counts an attempt as failed *before* it runs the KDF and commits that, so killing
//! the app mid-check cannot undo it; a success resets the count.
//!
//! ## Time that only moves forward
//! The wait is kept as *remaining seconds* plus the highest clock reading seen so far. Only
//! movement *beyond* that reading counts as waiting: setting the clock back pauses a wait,
//! and setting it back, trying, then restoring it gains nothing either (the reference never
//! moves backwards). Setting the clock *forward* does skip a wait: no wall clock can defend
//! against that, and `docs/SECURITY.md` says so. The price of a monotone reference: if the
//! clock once ran far ahead (a glitch) and was corrected, a wait that is pending then stays
//! paused until real time catches up; with no failures pending it has no effect.

use crate::platform::UnixTime;

/// What happens when the failure count reaches [`LockoutPolicy::max_failures`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtMaxFailures {
    /// Destroy the wrapped data key (vault and key store): everything sealed is gone for good.
    WipeDataKey,
    /// Keep the data but accept only PIN + recovery code from then on (with the last delay
    /// between attempts).
    RequireRecoveryCode,
}

/// The explicit lockout policy. [`Default`] is the table in the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// `delays_secs[n - 1]` is the wait after the n-th consecutive failure; failures beyond the
    /// list use its last entry.
    pub delays_secs: Vec<u32>,
    /// The failure count at which [`Self::at_max`] applies.
    pub max_failures: u32,
    /// The terminal action.
    pub at_max: AtMaxFailures,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        Self {
            delays_secs: vec![0, 0, 0, 0, 60, 300, 900, 900, 3600],
            max_failures: 10,
            at_max: AtMaxFailures::WipeDataKey,
        }
    }
}

impl LockoutPolicy {
    /// The default delays, but "locked until a recovery code" instead of a wipe at the end.
    pub fn recovery_instead_of_wipe() -> Self {
        Self { at_max: AtMaxFailures::RequireRecoveryCode, ..Self::default() }
    }

    /// Seconds to wait after `failures` consecutive failures.
    pub fn delay_after(&self, failures: u32) -> u32 {
        let Some(idx) = failures.checked_sub(1) else {
            return 0;
        };
        let idx = usize::try_from(idx).unwrap_or(usize::MAX);
        self.delays_secs.get(idx).or(self.delays_secs.last()).copied().unwrap_or(0)
    }

    /// Attempts left before the terminal action.
    pub fn attempts_left(&self, failures: u32) -> u32 {
        self.max_failures.saturating_sub(failures)
    }
}

/// Why an attempt may not even start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Wait until `until` (by the clock as last seen).
    LockedOut {
        /// When the next attempt is allowed.
        until: UnixTime,
        /// Seconds from now.
        retry_after_secs: u64,
    },
    /// Only a recovery code is accepted now.
    RecoveryRequired,
    /// The terminal "wipe" action is due (it is applied by the vault).
    WipeDue,
}

/// The persisted counter. Stored in clear (it is not personal data) and committed before the KDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LockoutState {
    /// Consecutive failed (or interrupted) attempts.
    pub failures: u32,
    /// Seconds of waiting left as of `last_seen`.
    pub remaining_secs: i64,
    /// The highest clock reading seen.
    pub last_seen: UnixTime,
}

impl LockoutState {
    /// Let time pass: only movement beyond the highest reading seen counts.
    pub fn observe(&mut self, now: UnixTime) {
        if now > self.last_seen {
            let elapsed = now.saturating_sub(self.last_seen);
            self.remaining_secs = self.remaining_secs.saturating_sub(elapsed).max(0);
            self.last_seen = now;
        }
    }

    /// When the wait in force ends, by the highest clock reading seen (`None`: no wait).
    pub fn locked_until(&self) -> Option<UnixTime> {
        (self.remaining_secs > 0).then(|| self.last_seen.saturating_add(self.remaining_secs))
    }

    /// May an attempt start now (call [`Self::observe`] first)? `recovery` tells whether the
    /// second factor is a recovery code.
    pub fn admit(&self, policy: &LockoutPolicy, recovery: bool) -> Result<(), Refusal> {
        if self.failures >= policy.max_failures {
            match policy.at_max {
                AtMaxFailures::WipeDataKey => return Err(Refusal::WipeDue),
                AtMaxFailures::RequireRecoveryCode if !recovery => {
                    return Err(Refusal::RecoveryRequired);
                }
                AtMaxFailures::RequireRecoveryCode => {}
            }
        }
        if self.remaining_secs > 0 {
            return Err(Refusal::LockedOut {
                until: self.last_seen.saturating_add(self.remaining_secs),
                retry_after_secs: self.remaining_secs.unsigned_abs(),
            });
        }
        Ok(())
    }

    /// Count the attempt as failed, with its delay, before any secret is checked.
    pub fn begin_attempt(&mut self, policy: &LockoutPolicy) {
        self.failures = self.failures.saturating_add(1);
        self.remaining_secs = i64::from(policy.delay_after(self.failures));
    }

    /// An attempt counted by [`Self::begin_attempt`] turned out to be no failure (the PIN was
    /// right but a fault stopped the unlock): take it back. It had been admitted, so no wait
    /// was in force before it.
    pub fn release_attempt(&mut self) {
        self.failures = self.failures.saturating_sub(1);
        self.remaining_secs = 0;
    }

    /// The attempt succeeded: forget the failures.
    pub fn succeed(&mut self) {
        self.failures = 0;
        self.remaining_secs = 0;
    }

    /// Has the terminal action become due?
    pub fn wipe_due(&self, policy: &LockoutPolicy) -> bool {
        policy.at_max == AtMaxFailures::WipeDataKey && self.failures >= policy.max_failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fail `n` times starting at `t`, waiting exactly as long as required in between.
    fn fail_n(policy: &LockoutPolicy, s: &mut LockoutState, mut t: i64, n: u32) -> i64 {
        for _ in 0..n {
            s.observe(t);
            if let Err(Refusal::LockedOut { retry_after_secs, .. }) = s.admit(policy, false) {
                t += i64::try_from(retry_after_secs).unwrap();
                s.observe(t);
            }
            assert_eq!(s.admit(policy, false), Ok(()));
            s.begin_attempt(policy);
        }
        t
    }

    #[test]
    fn default_table_is_the_documented_one() {
        let p = LockoutPolicy::default();
        let expected = [(1, 0), (4, 0), (5, 60), (6, 300), (7, 900), (8, 900), (9, 3600), (12, 3600)];
        for (failures, secs) in expected {
            assert_eq!(p.delay_after(failures), secs, "after {failures}");
        }
        assert_eq!(p.delay_after(0), 0);
        assert_eq!(p.max_failures, 10);
        assert_eq!(p.at_max, AtMaxFailures::WipeDataKey);
        assert_eq!(p.attempts_left(3), 7);
        assert_eq!(p.attempts_left(11), 0);
    }

    #[test]
    fn delays_are_enforced_to_the_second() {
        let p = LockoutPolicy::default();
        let mut s = LockoutState::default();
        let t = fail_n(&p, &mut s, 1000, 5);
        s.observe(t + 59);
        assert_eq!(s.admit(&p, false), Err(Refusal::LockedOut { until: t + 60, retry_after_secs: 1 }));
        s.observe(t + 60);
        assert_eq!(s.admit(&p, false), Ok(()));
        s.begin_attempt(&p); // 6th
        s.observe(t + 60 + 299);
        assert!(matches!(s.admit(&p, false), Err(Refusal::LockedOut { retry_after_secs: 1, .. })));
    }

    #[test]
    fn clock_set_back_never_shortens_a_wait() {
        let p = LockoutPolicy::default();
        let mut s = LockoutState::default();
        let t = fail_n(&p, &mut s, 50_000, 5); // 60 s to wait
        s.observe(t + 10);
        s.observe(t - 86_400); // a day back: the wait pauses
        assert!(matches!(s.admit(&p, false), Err(Refusal::LockedOut { retry_after_secs: 50, .. })));
        s.observe(t - 86_400 + 3_600);
        assert!(matches!(s.admit(&p, false), Err(Refusal::LockedOut { retry_after_secs: 50, .. })));
        // Back, then restored to real time: only real forward movement counted.
        s.observe(t + 59);
        assert!(matches!(s.admit(&p, false), Err(Refusal::LockedOut { retry_after_secs: 1, .. })));
        s.observe(t + 60);
        assert_eq!(s.admit(&p, false), Ok(()));
        assert_eq!(s.locked_until(), None);
    }

    #[test]
    fn a_clock_that_ran_ahead_pauses_only_a_pending_wait() {
        let p = LockoutPolicy::default();
        let mut s = LockoutState::default();
        s.observe(1_800_000_000);
        s.observe(1_800_100_000); // clock glitch 100 000 s ahead, no failures pending
        s.observe(1_800_000_100); // corrected
        assert_eq!(s.admit(&p, false), Ok(()));
        let t = fail_n(&p, &mut s, 1_800_000_100, 5);
        assert_eq!(s.locked_until(), Some(1_800_100_060));
        s.observe(t + 60);
        assert!(s.admit(&p, false).is_err(), "documented trade-off: paused until real time catches up");
    }

    #[test]
    fn tenth_failure_applies_the_policy() {
        let wipe = LockoutPolicy::default();
        let mut s = LockoutState::default();
        let t = fail_n(&wipe, &mut s, 0, 9);
        assert!(!s.wipe_due(&wipe));
        let t = fail_n(&wipe, &mut s, t, 1);
        assert!(s.wipe_due(&wipe));
        s.observe(t + 100_000);
        assert_eq!(s.admit(&wipe, false), Err(Refusal::WipeDue));

        let rec = LockoutPolicy::recovery_instead_of_wipe();
        let mut s = LockoutState::default();
        let t = fail_n(&rec, &mut s, 0, 10);
        assert!(!s.wipe_due(&rec));
        s.observe(t + 100_000);
        assert_eq!(s.admit(&rec, false), Err(Refusal::RecoveryRequired));
        assert_eq!(s.admit(&rec, true), Ok(()));
        s.begin_attempt(&rec); // 11th, with the last delay
        s.observe(t + 100_000 + 10);
        assert!(matches!(s.admit(&rec, true), Err(Refusal::LockedOut { .. })));
        s.succeed();
        assert_eq!(s.admit(&rec, false), Ok(()));
    }

    #[test]
    fn a_released_attempt_restores_the_state_before_it() {
        let policy = LockoutPolicy::default();
        let mut s = LockoutState::default();
        let t = fail_n(&policy, &mut s, 0, 4);
        s.observe(t);
        assert_eq!(s.admit(&policy, false), Ok(()));
        let before = s;
        s.begin_attempt(&policy); // the fifth would impose a minute
        assert!(s.remaining_secs > 0);
        s.release_attempt();
        assert_eq!(s, before);
        assert_eq!(s.admit(&policy, false), Ok(()));
    }

    #[test]
    fn a_custom_policy_is_honoured() {
        let p = LockoutPolicy { delays_secs: vec![0, 7], max_failures: 3, at_max: AtMaxFailures::WipeDataKey };
        let mut s = LockoutState::default();
        s.observe(0);
        s.begin_attempt(&p);
        assert_eq!(s.admit(&p, false), Ok(()));
        s.begin_attempt(&p);
        assert!(matches!(s.admit(&p, false), Err(Refusal::LockedOut { retry_after_secs: 7, .. })));
        s.observe(7);
        s.begin_attempt(&p);
        assert!(s.wipe_due(&p));
    }
}
