//! The sealed TOTP record: the shared secret and the last step accepted (replay protection
//! that survives restarts, and is bound to the secret by the same seal).

use crate::auth::totp::{SECRET_LEN, TotpSecret};
use crate::secret::SecretVec;

use super::error::VaultError;

const VERSION: u8 = 1;
const LEN: usize = 1 + SECRET_LEN + 1 + 8;

/// Decoded TOTP record.
pub(crate) struct TotpRecord {
    pub secret: TotpSecret,
    pub last_step: Option<u64>,
}

impl TotpRecord {
    /// `version ‖ secret (20) ‖ has_last (1) ‖ last_step (8, big-endian)`.
    pub(crate) fn encode(&self) -> SecretVec {
        let mut v = Vec::with_capacity(LEN);
        v.push(VERSION);
        v.extend_from_slice(self.secret.expose_secret());
        v.push(u8::from(self.last_step.is_some()));
        v.extend_from_slice(&self.last_step.unwrap_or(0).to_be_bytes());
        SecretVec::new(v)
    }

    pub(crate) fn decode(bytes: &SecretVec) -> Result<Self, VaultError> {
        let b = bytes.expose_secret();
        let bad = VaultError::Integrity { table: "secrets" };
        if b.len() != LEN || b[0] != VERSION {
            return Err(bad);
        }
        let secret = TotpSecret::from_bytes(&b[1..1 + SECRET_LEN]).ok_or(bad.clone())?;
        let step_bytes: [u8; 8] = b[2 + SECRET_LEN..].try_into().map_err(|_| bad.clone())?;
        let last_step = match b[1 + SECRET_LEN] {
            0 => None,
            1 => Some(u64::from_be_bytes(step_bytes)),
            _ => return Err(bad),
        };
        Ok(Self { secret, last_step })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::SeededRandom;

    #[test]
    fn round_trip() {
        let secret = TotpSecret::generate(&SeededRandom::new(b"t")).unwrap();
        for last_step in [None, Some(0), Some(u64::MAX)] {
            let r = TotpRecord { secret: TotpSecret::from_bytes(secret.expose_secret()).unwrap(), last_step };
            let d = TotpRecord::decode(&r.encode()).unwrap();
            assert_eq!(d.last_step, last_step);
            assert_eq!(d.secret, secret);
        }
        assert!(TotpRecord::decode(&SecretVec::new(vec![1; 5])).is_err());
    }
}
