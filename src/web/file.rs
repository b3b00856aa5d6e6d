//! Reading files the user chose. Bytes stay in this browser tab.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Reads a chosen file's bytes into an `ArrayBuffer` (which can then be transferred to
/// the import worker without a copy).
pub async fn read_array_buffer(file: &web_sys::File) -> Result<js_sys::ArrayBuffer, String> {
    JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| {
            "The browser could not read this file. Check it is not open in another program, then choose it again.".to_string()
        })
        .and_then(|value| {
            value
                .dyn_into::<js_sys::ArrayBuffer>()
                .map_err(|_| "The browser could not read this file.".to_string())
        })
}

/// Reads a chosen file as text (UTF-8).
pub async fn read_text(file: &web_sys::File) -> Result<String, String> {
    JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|value| value.as_string())
        .ok_or_else(|| "The browser could not read this file. Choose it again.".to_string())
}

/// Reads a chosen file's bytes.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    read_array_buffer(file)
        .await
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
}
