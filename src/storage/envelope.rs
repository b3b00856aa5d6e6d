//! Passphrase protection's stored shape: an *envelope* around encrypted text, and the
//! rules for passphrases. Pure: the encryption itself (WebCrypto AES-GCM, a key from
//! PBKDF2-SHA256) happens in `web::crypto`, which hands this module bytes and takes bytes
//! back.
//!
//! An envelope is compact JSON (a backup's is pretty-printed):
//!
//! ```text
//! { "format": "personalisation-planner-encrypted", "version": 1, "contents": "workspace",
//!   "cipher": "AES-256-GCM", "kdf": "PBKDF2-SHA256", "iterations": 600000,
//!   "salt": "<16 bytes, base64>", "iv": "<12 bytes, base64>",
//!   "ciphertext": "<base64: the encrypted text and its 16-byte tag>" }
//! ```
//!
//! The key is derived once per passphrase (and salt); every encryption has its own random
//! IV. The AES-GCM *additional data* ([`associated_data`]) binds the ciphertext to what
//! it holds and its IndexedDB key, so one record cannot be passed off as another.
//! Everything read from an envelope is checked before any of it reaches the browser's
//! crypto: a damaged envelope gets a plain message, never a panic.

use serde::{Deserialize, Serialize};

/// The value of every envelope's `format` field.
pub const ENVELOPE_FORMAT: &str = "personalisation-planner-encrypted";
/// The envelope's own version. Bump it when its shape changes.
pub const ENVELOPE_VERSION: u32 = 1;
/// The cipher every envelope names.
pub const CIPHER: &str = "AES-256-GCM";
/// The key derivation every envelope names.
pub const KDF: &str = "PBKDF2-SHA256";
/// PBKDF2 iterations for new keys (OWASP's figure for PBKDF2-HMAC-SHA256).
pub const ITERATIONS: u32 = 600_000;
/// Fewer iterations than this are refused: an envelope that asks for them was not made
/// by the planner.
pub const MIN_ITERATIONS: u32 = 600_000;
/// More iterations than this are refused, so a hostile file cannot hang the browser.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// Bytes of random salt per key.
pub const SALT_BYTES: usize = 16;
/// Bytes of random IV per encryption.
pub const IV_BYTES: usize = 12;
/// Bytes of AES-GCM authentication tag at the end of every ciphertext.
pub const TAG_BYTES: usize = 16;
/// The shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The words shown wherever a passphrase is set: there is no way back without it.
pub const NO_WAY_IN: &str = "There is no way in without the passphrase. If you forget it, the data cannot be recovered — keep a backup.";

/// What an envelope holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Contents {
    /// A `StoredWorkspace` record.
    Workspace,
    /// A `StoredDrop` record (the pupils).
    DataDrop,
    /// A whole backup file.
    Backup,
}

impl Contents {
    fn word(self) -> &'static str {
        match self {
            Contents::Workspace => "workspace",
            Contents::DataDrop => "data-drop",
            Contents::Backup => "backup",
        }
    }

    /// The contents in words, for messages.
    pub fn in_words(self) -> &'static str {
        match self {
            Contents::Workspace => "a workspace",
            Contents::DataDrop => "a pupils' data drop",
            Contents::Backup => "a planner backup",
        }
    }
}

/// An encrypted record or backup, as stored. Build one with [`Envelope::new`] and read one
/// with [`Envelope::parse`], which checks every field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Always [`ENVELOPE_FORMAT`].
    pub format: String,
    /// Always [`ENVELOPE_VERSION`] when written.
    pub version: u32,
    /// What the ciphertext holds.
    pub contents: Contents,
    /// Always [`CIPHER`].
    pub cipher: String,
    /// Always [`KDF`].
    pub kdf: String,
    /// PBKDF2 iterations used to derive the key.
    pub iterations: u32,
    /// The PBKDF2 salt, base64.
    pub salt: String,
    /// The AES-GCM IV, base64.
    pub iv: String,
    /// The ciphertext with its tag, base64.
    pub ciphertext: String,
}

/// An envelope's fields, checked and decoded: ready for the browser's crypto.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// What the ciphertext holds.
    pub contents: Contents,
    /// PBKDF2 iterations.
    pub iterations: u32,
    /// The PBKDF2 salt.
    pub salt: [u8; SALT_BYTES],
    /// The AES-GCM IV.
    pub iv: [u8; IV_BYTES],
    /// The ciphertext with its tag.
    pub ciphertext: Vec<u8>,
}

/// Why an envelope or a passphrase was refused. Every message says what to do next.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    /// Decryption failed: the passphrase is wrong (or, rarely, the data was changed).
    #[error("That passphrase is not right. Try again — there is no way in without it.")]
    WrongPassphrase,
    /// Written by a newer planner.
    #[error("This was protected by a newer version of the planner (format {found}; this version reads up to {supported}). Reload the page to get the newest version.")]
    NewerVersion {
        /// The envelope's version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The envelope is not what the planner writes.
    #[error("The protected data could not be read ({0}). Restore it from a backup.")]
    Damaged(String),
    /// The browser could not run the encryption (no WebCrypto, or it refused).
    #[error("This browser could not use passphrase protection ({0}). Open the planner in an up-to-date browser, from its usual address.")]
    CryptoUnavailable(String),
    /// The envelope holds something other than what was asked for.
    #[error("This holds {found}, not {expected}, so it cannot be used here.")]
    WrongContents {
        /// What was expected, in words.
        expected: &'static str,
        /// What it holds, in words.
        found: &'static str,
    },
}

/// Why a new passphrase was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassphraseError {
    /// Nothing was typed.
    #[error("Enter a passphrase.")]
    Missing,
    /// Too short to be safe.
    #[error("The passphrase must be at least {MIN_PASSPHRASE_CHARS} characters long. A few ordinary words in a row are easy to remember and hard to guess.")]
    TooShort,
    /// The two copies differ.
    #[error("The two passphrases are not the same. Type the new passphrase twice, exactly the same both times.")]
    NotTheSame,
}

/// Checks a new passphrase, typed twice. Spaces count: they are part of the passphrase.
pub fn check_new_passphrase(first: &str, second: &str) -> Result<(), PassphraseError> {
    if first.is_empty() {
        return Err(PassphraseError::Missing);
    }
    if first.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(PassphraseError::TooShort);
    }
    if first != second {
        return Err(PassphraseError::NotTheSame);
    }
    Ok(())
}

/// The AES-GCM additional data for an envelope holding `contents` stored under `key` (the
/// IndexedDB key; empty for a backup): decrypting it as anything else fails.
pub fn associated_data(contents: Contents, key: &str) -> Vec<u8> {
    format!(
        "{ENVELOPE_FORMAT}/{ENVELOPE_VERSION}/{}/{key}",
        contents.word()
    )
    .into_bytes()
}

/// Just the marker, read first so a record that is not an envelope is told apart cheaply.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<String>,
}

/// How far into the text the marker must start: the planner writes `format` first, so a
/// large plain record (a data drop) is told apart without reading all of it.
const MARKER_WITHIN: usize = 256;

/// True when `text` is an envelope (encrypted), false for anything else, such as a plain
/// record or backup. Only the marker is looked at: it must appear near the start (as the
/// planner writes it) and be the `format` field.
pub fn is_envelope(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(MARKER_WITHIN)];
    let marker = ENVELOPE_FORMAT.as_bytes();
    head.windows(marker.len()).any(|window| window == marker)
        && serde_json::from_str::<Probe>(text.trim_start_matches('\u{feff}'))
            .ok()
            .and_then(|probe| probe.format)
            .is_some_and(|format| format == ENVELOPE_FORMAT)
}

impl Envelope {
    /// An envelope for freshly encrypted bytes.
    pub fn new(
        contents: Contents,
        iterations: u32,
        salt: &[u8; SALT_BYTES],
        iv: &[u8; IV_BYTES],
        ciphertext: &[u8],
    ) -> Envelope {
        Envelope {
            format: ENVELOPE_FORMAT.to_string(),
            version: ENVELOPE_VERSION,
            contents,
            cipher: CIPHER.to_string(),
            kdf: KDF.to_string(),
            iterations,
            salt: base64_encode(salt),
            iv: base64_encode(iv),
            ciphertext: base64_encode(ciphertext),
        }
    }

    /// Compact JSON, as stored in IndexedDB.
    pub fn to_json(&self) -> String {
        // Only strings, an enum and integers: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Pretty JSON, as written to a backup file.
    pub fn to_pretty_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads and checks an envelope that must hold `expected`: the marker, the version,
    /// the cipher and key derivation, the iteration count, and the sizes of salt, IV and
    /// ciphertext.
    pub fn parse(text: &str, expected: Contents) -> Result<Sealed, EnvelopeError> {
        let damaged = |detail: &str| EnvelopeError::Damaged(detail.to_string());
        let text = text.trim_start_matches('\u{feff}');
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|_| damaged("it is not JSON, or it is cut short"))?;
        if value.get("format").and_then(serde_json::Value::as_str) != Some(ENVELOPE_FORMAT) {
            return Err(damaged("it is not protected data from the planner"));
        }
        let version = value
            .get("version")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| damaged("it has no format version"))?;
        if version > u64::from(ENVELOPE_VERSION) {
            return Err(EnvelopeError::NewerVersion {
                found: u32::try_from(version).unwrap_or(u32::MAX),
                supported: ENVELOPE_VERSION,
            });
        }
        let envelope: Envelope =
            serde_json::from_value(value).map_err(|error| damaged(&error.to_string()))?;
        if envelope.version == 0 {
            return Err(damaged("its format version is 0"));
        }
        if envelope.contents != expected {
            return Err(EnvelopeError::WrongContents {
                expected: expected.in_words(),
                found: envelope.contents.in_words(),
            });
        }
        if envelope.cipher != CIPHER || envelope.kdf != KDF {
            return Err(damaged(&format!(
                "it uses {} with {}, but the planner uses {CIPHER} with {KDF}",
                envelope.cipher, envelope.kdf
            )));
        }
        if envelope.iterations < MIN_ITERATIONS || envelope.iterations > MAX_ITERATIONS {
            return Err(damaged(&format!(
                "its key needs {} rounds, outside the {MIN_ITERATIONS} to {MAX_ITERATIONS} the planner uses",
                envelope.iterations
            )));
        }
        let salt = fixed::<SALT_BYTES>(&envelope.salt, "salt")?;
        let iv = fixed::<IV_BYTES>(&envelope.iv, "IV")?;
        let ciphertext = base64_decode(&envelope.ciphertext)
            .ok_or_else(|| damaged("its ciphertext is not base64"))?;
        if ciphertext.len() < TAG_BYTES {
            return Err(damaged("its ciphertext is too short"));
        }
        Ok(Sealed {
            contents: envelope.contents,
            iterations: envelope.iterations,
            salt,
            iv,
            ciphertext,
        })
    }
}

/// Decodes base64 that must be exactly `N` bytes long.
fn fixed<const N: usize>(text: &str, what: &str) -> Result<[u8; N], EnvelopeError> {
    base64_decode(text)
        .and_then(|bytes| <[u8; N]>::try_from(bytes).ok())
        .ok_or_else(|| EnvelopeError::Damaged(format!("its {what} is not {N} bytes of base64")))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648, with `=` padding).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (index, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if index <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn sextet(byte: u8) -> Option<u32> {
    let value = match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// Decodes standard, padded base64; `None` for anything else (wrong length, wrong
/// characters, padding in the middle, non-zero spare bits).
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let last = bytes.len() / 4;
    for (number, quad) in bytes.chunks(4).enumerate() {
        let padding = quad.iter().rev().take_while(|&&byte| byte == b'=').count();
        if padding > 2 || (padding > 0 && number + 1 != last) {
            return None;
        }
        let mut n = 0u32;
        for &byte in &quad[..4 - padding] {
            n = (n << 6) | sextet(byte)?;
        }
        n <<= 6 * padding as u32;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = 3 - padding;
        if decoded[keep..].iter().any(|&byte| byte != 0) {
            return None;
        }
        out.extend_from_slice(&decoded[..keep]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Envelope {
        Envelope::new(
            Contents::Workspace,
            ITERATIONS,
            &[7; SALT_BYTES],
            &[9; IV_BYTES],
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17],
        )
    }

    /// The sample envelope's JSON with one field changed.
    fn edited(field: &str, value: serde_json::Value) -> String {
        let mut json: serde_json::Value = serde_json::from_str(&sample().to_json()).expect("json");
        json[field] = value;
        json.to_string()
    }

    fn check_damaged(text: &str, words: &str) {
        let error = Envelope::parse(text, Contents::Workspace).expect_err(text);
        assert!(
            matches!(error, EnvelopeError::Damaged(_)),
            "{text}: {error:?}"
        );
        let message = error.to_string();
        assert!(
            message.contains(words),
            "“{message}” should contain “{words}”"
        );
        assert!(message.contains("Restore it from a backup"), "{message}");
    }

    #[test]
    fn base64_matches_rfc_4648() {
        // The test vectors of RFC 4648 §10.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(plain.as_bytes()), encoded);
            assert_eq!(base64_decode(encoded), Some(plain.as_bytes().to_vec()));
        }
        let every_byte: Vec<u8> = (0..=255).collect();
        assert_eq!(
            base64_decode(&base64_encode(&every_byte)),
            Some(every_byte.clone())
        );
        assert!(base64_encode(&every_byte).contains("+/"));
    }

    #[test]
    fn bad_base64_is_refused() {
        for text in [
            "Zg=", "Zg", "Z===", "Zg==Zg==", "Zm9v!", "Zh==", "Zm9=", "=AAA",
        ] {
            assert_eq!(base64_decode(text), None, "{text}");
        }
    }

    #[test]
    fn an_envelope_round_trips() {
        let sealed = Envelope::parse(&sample().to_json(), Contents::Workspace).expect("reads");
        assert_eq!(sealed.contents, Contents::Workspace);
        assert_eq!(sealed.iterations, 600_000);
        assert_eq!(sealed.salt, [7; SALT_BYTES]);
        assert_eq!(sealed.iv, [9; IV_BYTES]);
        assert_eq!(sealed.ciphertext, (1..=17).collect::<Vec<u8>>());
        // Pretty-printed (as in a backup file) reads the same.
        assert_eq!(
            Envelope::parse(&sample().to_pretty_json(), Contents::Workspace),
            Ok(sealed)
        );
    }

    #[test]
    fn the_json_has_the_documented_fields() {
        let json: serde_json::Value = serde_json::from_str(&sample().to_json()).expect("json");
        assert_eq!(json["format"], "personalisation-planner-encrypted");
        assert_eq!(json["version"], 1);
        assert_eq!(json["contents"], "workspace");
        assert_eq!(json["cipher"], "AES-256-GCM");
        assert_eq!(json["kdf"], "PBKDF2-SHA256");
        assert_eq!(json["iterations"], 600_000);
        assert_eq!(json["salt"], "BwcHBwcHBwcHBwcHBwcHBw==");
        assert_eq!(json["iv"], "CQkJCQkJCQkJCQkJ");
        let drop = Envelope::new(Contents::DataDrop, ITERATIONS, &[0; 16], &[0; 12], &[0; 16]);
        assert!(drop.to_json().contains(r#""contents":"data-drop""#));
    }

    #[test]
    fn envelopes_are_told_apart_from_plain_records() {
        assert!(is_envelope(&sample().to_json()));
        assert!(is_envelope(&format!(
            "\u{feff}{}",
            sample().to_pretty_json()
        )));
        assert!(!is_envelope(r#"{"schema_version": 1, "id": "w"}"#));
        assert!(!is_envelope(
            r#"{"format": "personalisation-planner-backup", "schema_version": 1}"#
        ));
        assert!(!is_envelope(""));
        assert!(!is_envelope("[1, 2]"));
        assert!(!is_envelope("UPN,Surname"));
        // The marker as someone's text inside a plain record is not enough.
        assert!(!is_envelope(
            r#"{"schema_version": 1, "name": "personalisation-planner-encrypted"}"#
        ));
    }

    #[test]
    fn damaged_envelopes_get_plain_messages() {
        check_damaged("", "cut short");
        check_damaged("{", "cut short");
        check_damaged(r#"{"schema_version": 1}"#, "not protected data");
        check_damaged(&edited("version", 0.into()), "version is 0");
        check_damaged(&edited("salt", "AAAA".into()), "salt is not 16 bytes");
        check_damaged(&edited("salt", "not base64!".into()), "salt");
        check_damaged(&edited("iv", "AAAA".into()), "IV is not 12 bytes");
        check_damaged(&edited("ciphertext", "AAAA".into()), "too short");
        check_damaged(&edited("ciphertext", "%%%%".into()), "not base64");
        check_damaged(&edited("iterations", 1000.into()), "1000 rounds");
        check_damaged(&edited("iterations", 2_000_000_000.into()), "rounds");
        check_damaged(&edited("cipher", "AES-128-CBC".into()), "AES-128-CBC");
        check_damaged(&edited("kdf", "MD5".into()), "MD5");
        check_damaged(
            &edited("contents", "spreadsheet".into()),
            "could not be read",
        );
    }

    #[test]
    fn a_newer_envelope_is_refused_before_its_shape_is_read() {
        let text = r#"{"format": "personalisation-planner-encrypted", "version": 2, "new": true}"#;
        let error = Envelope::parse(text, Contents::Backup).expect_err("newer");
        assert_eq!(
            error,
            EnvelopeError::NewerVersion {
                found: 2,
                supported: 1
            }
        );
        assert!(error.to_string().contains("newer version of the planner"));
    }

    #[test]
    fn an_envelope_holding_something_else_is_refused() {
        let error = Envelope::parse(&sample().to_json(), Contents::Backup).expect_err("wrong");
        assert_eq!(
            error.to_string(),
            "This holds a workspace, not a planner backup, so it cannot be used here."
        );
    }

    #[test]
    fn additional_data_names_the_contents_and_the_key() {
        assert_eq!(
            associated_data(Contents::DataDrop, "drop-1"),
            b"personalisation-planner-encrypted/1/data-drop/drop-1".to_vec()
        );
        assert_ne!(
            associated_data(Contents::Workspace, "a"),
            associated_data(Contents::DataDrop, "a")
        );
        assert_eq!(
            associated_data(Contents::Backup, ""),
            b"personalisation-planner-encrypted/1/backup/".to_vec()
        );
    }

    #[test]
    fn new_passphrases_are_checked() {
        assert_eq!(check_new_passphrase("", ""), Err(PassphraseError::Missing));
        assert_eq!(
            check_new_passphrase("short", "short"),
            Err(PassphraseError::TooShort)
        );
        // Characters, not bytes: seven accented letters are still too short.
        assert_eq!(
            check_new_passphrase("ééééééé", "ééééééé"),
            Err(PassphraseError::TooShort)
        );
        assert_eq!(
            check_new_passphrase("long enough", "long enougH"),
            Err(PassphraseError::NotTheSame)
        );
        assert_eq!(check_new_passphrase("long enough", "long enough"), Ok(()));
        assert_eq!(check_new_passphrase("12345678", "12345678"), Ok(()));
        assert!(PassphraseError::TooShort
            .to_string()
            .contains("at least 8 characters"));
    }

    #[test]
    fn the_wrong_passphrase_message_is_the_one_on_the_unlock_screen() {
        assert_eq!(
            EnvelopeError::WrongPassphrase.to_string(),
            "That passphrase is not right. Try again — there is no way in without it."
        );
    }
}
