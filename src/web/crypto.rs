//! WebCrypto: passphrase protection's encryption. A key is derived from the passphrase by
//! PBKDF2-SHA256 (a random 16-byte salt, [`ITERATIONS`] rounds) as a non-extractable
//! AES-256-GCM key, so the key's bytes never reach the wasm heap or storage; every
//! encryption gets its own random 12-byte IV. The envelope's shape and every check on it
//! are in `storage::envelope` (pure); this module only moves bytes through
//! `crypto.subtle` and turns its errors into `EnvelopeError`s.

use crate::storage::envelope::{
    associated_data, Contents, Envelope, EnvelopeError, Sealed, ITERATIONS, IV_BYTES, SALT_BYTES,
};
use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

/// A key derived from a passphrase, with the salt and rounds that made it (written into
/// every envelope it seals). The passphrase itself is not kept.
pub struct Key {
    key: CryptoKey,
    salt: [u8; SALT_BYTES],
    iterations: u32,
}

fn describe(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|error| {
            format!(
                "{}: {}",
                String::from(error.name()),
                String::from(error.message())
            )
        })
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "an unknown error".to_string())
}

fn unavailable(value: JsValue) -> EnvelopeError {
    EnvelopeError::CryptoUnavailable(describe(&value))
}

fn crypto() -> Result<web_sys::Crypto, EnvelopeError> {
    let window = web_sys::window()
        .ok_or_else(|| EnvelopeError::CryptoUnavailable("there is no window".into()))?;
    window.crypto().map_err(unavailable)
}

fn subtle() -> Result<SubtleCrypto, EnvelopeError> {
    let crypto = crypto()?;
    // `crypto.subtle` is missing outside secure contexts (a plain http:// address).
    let subtle =
        js_sys::Reflect::get(&crypto, &JsValue::from_str("subtle")).map_err(unavailable)?;
    subtle.dyn_into::<SubtleCrypto>().map_err(|_| {
        EnvelopeError::CryptoUnavailable(
            "the page is not a secure one, so the browser offers no WebCrypto".into(),
        )
    })
}

fn random<const N: usize>() -> Result<[u8; N], EnvelopeError> {
    let mut bytes = [0u8; N];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(unavailable)?;
    Ok(bytes)
}

async fn resolve(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

impl Key {
    /// A new key for `passphrase`, with a fresh random salt and [`ITERATIONS`] rounds.
    pub async fn new(passphrase: &str) -> Result<Key, EnvelopeError> {
        Key::derive(passphrase, random::<SALT_BYTES>()?, ITERATIONS).await
    }

    /// The key `passphrase` gives with this salt and number of rounds (to open an
    /// envelope: pass the envelope's salt and rounds).
    pub async fn derive(
        passphrase: &str,
        salt: [u8; SALT_BYTES],
        iterations: u32,
    ) -> Result<Key, EnvelopeError> {
        let subtle = subtle()?;
        let raw = Uint8Array::from(passphrase.as_bytes());
        let base_usages = Array::of1(&JsValue::from_str("deriveKey"));
        let base = resolve(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &base_usages))
            .await
            .map_err(unavailable)?
            .dyn_into::<CryptoKey>()
            .map_err(unavailable)?;
        let params = Pbkdf2Params::new_with_str(
            "PBKDF2",
            "SHA-256",
            iterations,
            &Uint8Array::from(&salt[..]),
        );
        let aes = AesDerivedKeyParams::new("AES-GCM", 256);
        let usages = Array::of2(&JsValue::from_str("encrypt"), &JsValue::from_str("decrypt"));
        let key =
            resolve(subtle.derive_key_with_object_and_object(&params, &base, &aes, false, &usages))
                .await
                .map_err(unavailable)?
                .dyn_into::<CryptoKey>()
                .map_err(unavailable)?;
        Ok(Key {
            key,
            salt,
            iterations,
        })
    }

    /// The key for `passphrase` that opens `sealed` (same salt and rounds).
    pub async fn for_sealed(passphrase: &str, sealed: &Sealed) -> Result<Key, EnvelopeError> {
        Key::derive(passphrase, sealed.salt, sealed.iterations).await
    }

    /// True when this key was derived with the salt and rounds `sealed` names. A key that
    /// does not match cannot open it, whatever the passphrase.
    pub fn matches(&self, sealed: &Sealed) -> bool {
        self.salt == sealed.salt && self.iterations == sealed.iterations
    }

    /// Encrypts `plaintext`, which holds `contents` stored under `record_key` (empty for a
    /// backup), with a fresh random IV.
    pub async fn seal(
        &self,
        contents: Contents,
        record_key: &str,
        plaintext: &[u8],
    ) -> Result<Envelope, EnvelopeError> {
        let iv = random::<IV_BYTES>()?;
        let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&iv[..]));
        params.set_additional_data(&Uint8Array::from(
            &associated_data(contents, record_key)[..],
        ));
        let data = Uint8Array::from(plaintext);
        let ciphertext =
            resolve(subtle()?.encrypt_with_object_and_js_u8_array(&params, &self.key, &data))
                .await
                .map_err(unavailable)?;
        let ciphertext = Uint8Array::new(&ciphertext).to_vec();
        Ok(Envelope::new(
            contents,
            self.iterations,
            &self.salt,
            &iv,
            &ciphertext,
        ))
    }

    /// Decrypts `sealed`, stored under `record_key`. A wrong key (a wrong passphrase) or a
    /// changed ciphertext is [`EnvelopeError::WrongPassphrase`]: AES-GCM cannot tell them
    /// apart.
    pub async fn open(&self, sealed: &Sealed, record_key: &str) -> Result<Vec<u8>, EnvelopeError> {
        if !self.matches(sealed) {
            return Err(EnvelopeError::WrongPassphrase);
        }
        let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&sealed.iv[..]));
        params.set_additional_data(&Uint8Array::from(
            &associated_data(sealed.contents, record_key)[..],
        ));
        let data = Uint8Array::from(&sealed.ciphertext[..]);
        let promise = subtle()?
            .decrypt_with_object_and_js_u8_array(&params, &self.key, &data)
            .map_err(unavailable)?;
        match JsFuture::from(promise).await {
            Ok(plaintext) => Ok(Uint8Array::new(&plaintext).to_vec()),
            Err(error) => {
                let name = error
                    .dyn_ref::<js_sys::Error>()
                    .map(|error| String::from(error.name()))
                    .unwrap_or_default();
                if name == "OperationError" {
                    Err(EnvelopeError::WrongPassphrase)
                } else {
                    Err(unavailable(error))
                }
            }
        }
    }

    /// [`Key::open`], for text: the plaintext must be UTF-8.
    pub async fn open_text(
        &self,
        sealed: &Sealed,
        record_key: &str,
    ) -> Result<String, EnvelopeError> {
        String::from_utf8(self.open(sealed, record_key).await?)
            .map_err(|_| EnvelopeError::Damaged("what it holds is not text".into()))
    }
}
