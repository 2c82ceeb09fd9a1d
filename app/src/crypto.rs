//! Encryption at rest for the few values that must not lie readable in the database (single
//! sign-on client secrets now, contact persons later).
//!
//! XChaCha20-Poly1305 with a random 24-byte nonce per value. A [`KeyRing`] holds named keys;
//! the first seals, all open, so keys can be rotated: add a new key in front, run
//! `autoport reencrypt`, then drop the old one. A sealed value reads
//! `v1.<key id>.<base64url(nonce || ciphertext)>`, and its *context* (table, column, row) is
//! bound in as associated data, so a value copied to another row or column does not open.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};

const VERSION: &str = "v1";
const NONCE_LEN: usize = 24;
const KEY_ID_MAX: usize = 32;
/// The key used in demo and development mode only: public, so it protects nothing.
const DEVELOPMENT_KEY: [u8; 32] = *b"autoport-development-key-NOTSAFE";
pub const DEVELOPMENT_KEY_ID: &str = "dev";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CryptoError {
    #[error("no data key is configured (set AUTOPORT_DATA_KEYS)")]
    NoKey,
    #[error("the value was sealed with key {0:?}, which is not configured")]
    UnknownKey(String),
    #[error("the value is not in the sealed format")]
    Malformed,
    #[error("the value does not open with its key and context (tampered, moved or wrong key)")]
    Rejected,
    #[error("AUTOPORT_DATA_KEYS is not valid: {0}")]
    BadKeySpec(String),
}

/// The keys this process knows; the first one seals.
#[derive(Clone, Default)]
pub struct KeyRing {
    keys: Vec<(String, XChaCha20Poly1305)>,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("KeyRing").field("key_ids", &ids).finish()
    }
}

/// `bytes` random bytes from the operating system as base64url without padding: for secrets a
/// person or program is handed once (initial passwords, tokens).
pub fn random_secret(bytes: usize) -> Result<String, crate::common::error::AppError> {
    use chacha20poly1305::aead::rand_core::RngCore;
    let mut buffer = vec![0u8; bytes];
    OsRng.try_fill_bytes(&mut buffer).map_err(|error| {
        tracing::error!(%error, "the operating system's random source failed");
        crate::common::error::AppError::Internal
    })?;
    Ok(URL_SAFE_NO_PAD.encode(buffer))
}

/// The context of a value in a table: binds it to its table, column and row.
pub fn context(table: &str, column: &str, row: i64) -> String {
    format!("{table}.{column}#{row}")
}

fn valid_key_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= KEY_ID_MAX && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl KeyRing {
    /// Parses `AUTOPORT_DATA_KEYS`: comma-separated `keyid:base64(32 bytes)`, current key first.
    /// Key ids are letters, digits, `_` and `-`, at most 32 characters, each used once.
    pub fn parse(spec: &str) -> Result<KeyRing, CryptoError> {
        let mut ring = KeyRing::default();
        for (n, entry) in spec.split(',').map(str::trim).filter(|e| !e.is_empty()).enumerate() {
            let (id, material) = entry
                .split_once(':')
                .ok_or_else(|| CryptoError::BadKeySpec(format!("entry {} is not keyid:base64", n + 1)))?;
            let id = id.trim();
            if !valid_key_id(id) {
                return Err(CryptoError::BadKeySpec(format!(
                    "entry {}: key id must be 1-32 of A-Z a-z 0-9 _ -",
                    n + 1
                )));
            }
            if ring.keys.iter().any(|(known, _)| known == id) {
                return Err(CryptoError::BadKeySpec(format!("key id {id:?} appears twice")));
            }
            let bytes = STANDARD
                .decode(material.trim())
                .or_else(|_| URL_SAFE_NO_PAD.decode(material.trim()))
                .map_err(|_| CryptoError::BadKeySpec(format!("key {id:?} is not base64")))?;
            if bytes.len() != 32 {
                return Err(CryptoError::BadKeySpec(format!("key {id:?} must be 32 bytes, is {}", bytes.len())));
            }
            ring.keys.push((id.to_owned(), XChaCha20Poly1305::new(Key::from_slice(&bytes))));
        }
        Ok(ring)
    }

    /// The fixed development key, for demo mode only. The caller logs that it is in use.
    pub fn development() -> KeyRing {
        KeyRing {
            keys: vec![(DEVELOPMENT_KEY_ID.to_owned(), XChaCha20Poly1305::new(Key::from_slice(&DEVELOPMENT_KEY)))],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The id of the key that seals, if any.
    pub fn current_key_id(&self) -> Option<&str> {
        self.keys.first().map(|(id, _)| id.as_str())
    }

    /// Seals `plaintext` for `context` with the current key.
    pub fn seal(&self, context: &str, plaintext: &str) -> Result<String, CryptoError> {
        let (id, cipher) = self.keys.first().ok_or(CryptoError::NoKey)?;
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = cipher
            .encrypt(&nonce, Payload { msg: plaintext.as_bytes(), aad: aad(id, context).as_bytes() })
            .map_err(|_| CryptoError::Rejected)?;
        let mut body = nonce.to_vec();
        body.extend_from_slice(&sealed);
        Ok(format!("{VERSION}.{id}.{}", URL_SAFE_NO_PAD.encode(body)))
    }

    /// Opens a value sealed for `context` by any key of the ring.
    pub fn open(&self, context: &str, sealed: &str) -> Result<String, CryptoError> {
        let (id, body) = split(sealed)?;
        let cipher = self
            .keys
            .iter()
            .find(|(known, _)| known == id)
            .map(|(_, c)| c)
            .ok_or_else(|| CryptoError::UnknownKey(id.to_owned()))?;
        let bytes = URL_SAFE_NO_PAD.decode(body).map_err(|_| CryptoError::Malformed)?;
        if bytes.len() < NONCE_LEN {
            return Err(CryptoError::Malformed);
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let plain = cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad: aad(id, context).as_bytes() })
            .map_err(|_| CryptoError::Rejected)?;
        String::from_utf8(plain).map_err(|_| CryptoError::Malformed)
    }

    /// Whether `sealed` is already sealed with the current key (rotation skips it then).
    pub fn is_current(&self, sealed: &str) -> bool {
        matches!((split(sealed), self.current_key_id()), (Ok((id, _)), Some(current)) if id == current)
    }
}

/// The key id is bound too, so a value cannot be relabelled to another key.
fn aad(key_id: &str, context: &str) -> String {
    format!("autoport/{VERSION}/{key_id}/{context}")
}

fn split(sealed: &str) -> Result<(&str, &str), CryptoError> {
    let mut parts = sealed.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(VERSION), Some(id), Some(body)) if valid_key_id(id) => Ok((id, body)),
        _ => Err(CryptoError::Malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const K1: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    const K2: &str = "HxwdHhsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=";

    fn ring(spec: &str) -> KeyRing {
        KeyRing::parse(spec).expect("valid key spec")
    }

    #[test]
    fn round_trip_with_fresh_nonces() {
        let keys = ring(&format!("k1:{K1}"));
        let ctx = context("oidc_providers", "client_secret", 7);
        let a = keys.seal(&ctx, "s3cret").expect("seal");
        let b = keys.seal(&ctx, "s3cret").expect("seal");
        assert_ne!(a, b, "each sealing uses a new nonce");
        assert!(a.starts_with("v1.k1."), "{a}");
        assert!(!a.contains("s3cret"));
        assert_eq!(keys.open(&ctx, &a).expect("open"), "s3cret");
    }

    #[test]
    fn unknown_key_id_is_refused() {
        let sealed = ring(&format!("k1:{K1}")).seal("c", "x").expect("seal");
        assert_eq!(ring(&format!("k2:{K2}")).open("c", &sealed), Err(CryptoError::UnknownKey("k1".into())));
        // Same id, other key material: does not open.
        assert_eq!(ring(&format!("k1:{K2}")).open("c", &sealed), Err(CryptoError::Rejected));
    }

    #[test]
    fn tampering_is_detected() {
        let keys = ring(&format!("k1:{K1}"));
        let sealed = keys.seal("c", "hello").expect("seal");
        let (head, body) = sealed.rsplit_once('.').expect("three parts");
        let mut bytes = URL_SAFE_NO_PAD.decode(body).expect("base64");
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = format!("{head}.{}", URL_SAFE_NO_PAD.encode(bytes));
        assert_eq!(keys.open("c", &tampered), Err(CryptoError::Rejected));
        assert_eq!(keys.open("c", "v1.k1.!!"), Err(CryptoError::Malformed));
        assert_eq!(keys.open("c", "plain text"), Err(CryptoError::Malformed));
        assert_eq!(keys.open("c", "v1.k1.AAAA"), Err(CryptoError::Malformed));
    }

    #[test]
    fn a_value_moved_to_another_place_does_not_open() {
        let keys = ring(&format!("k1:{K1}"));
        let sealed = keys.seal(&context("t", "c", 1), "x").expect("seal");
        assert_eq!(keys.open(&context("t", "c", 2), &sealed), Err(CryptoError::Rejected));
        assert_eq!(keys.open(&context("t", "other", 1), &sealed), Err(CryptoError::Rejected));
    }

    #[test]
    fn rotation_keeps_old_values_readable_and_seals_with_the_new_key() {
        let old = ring(&format!("k1:{K1}"));
        let sealed = old.seal("c", "x").expect("seal");
        let rotated = ring(&format!("k2:{K2}, k1:{K1}"));
        assert_eq!(rotated.current_key_id(), Some("k2"));
        assert!(!rotated.is_current(&sealed));
        assert_eq!(rotated.open("c", &sealed).expect("old key still opens"), "x");
        let resealed = rotated.seal("c", "x").expect("seal");
        assert!(rotated.is_current(&resealed));
        assert!(resealed.starts_with("v1.k2."));
    }

    #[test]
    fn key_specs_are_checked() {
        assert!(KeyRing::parse("").expect("empty is allowed").is_empty());
        assert!(KeyRing::parse("k1").is_err());
        assert!(KeyRing::parse("k1:short").is_err());
        assert!(KeyRing::parse("bad id:AAAA").is_err());
        assert!(KeyRing::parse(&format!("k1:{K1},k1:{K2}")).is_err());
        assert_eq!(KeyRing::default().seal("c", "x"), Err(CryptoError::NoKey));
        let shown = format!("{:?}", ring(&format!("k1:{K1}")));
        assert!(shown.contains("k1") && !shown.contains(K1), "{shown}");
    }

    #[test]
    fn development_key_works() {
        let dev = KeyRing::development();
        let sealed = dev.seal("c", "x").expect("seal");
        assert_eq!(dev.open("c", &sealed).expect("open"), "x");
    }

    #[test]
    fn random_secrets_are_long_url_safe_and_differ() {
        let a = random_secret(18).expect("random");
        assert_eq!(a.len(), 24);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{a}");
        assert_ne!(a, random_secret(18).expect("random"));
    }
}
