//! Reading files the user chose. Bytes stay in this browser tab.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The browser would not hand over a chosen file's contents (it was moved, deleted, or is
/// locked by another program).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "The browser could not read this file. Check it is not open in another program, then \
     choose it again."
)]
pub struct CannotRead;

/// Reads a chosen file's bytes into an `ArrayBuffer` (which can then be transferred to
/// the import worker without a copy).
pub async fn read_array_buffer(file: &web_sys::File) -> Result<js_sys::ArrayBuffer, CannotRead> {
    JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| CannotRead)?
        .dyn_into::<js_sys::ArrayBuffer>()
        .map_err(|_| CannotRead)
}

/// Reads a chosen file as text (UTF-8).
pub async fn read_text(file: &web_sys::File) -> Result<String, CannotRead> {
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|value| value.as_string())
        .ok_or(CannotRead)
}

/// Reads a chosen file's bytes.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, CannotRead> {
    read_array_buffer(file)
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
}
