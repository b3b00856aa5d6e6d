//! Downloads: hands the user a file to save, made in the browser from bytes. No network:
//! a Blob, an object URL and a temporary `<a download>` that is clicked and removed.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Why a download could not be started.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The browser could not save the file: {0}")]
pub struct DownloadError(String);

fn js_error(value: wasm_bindgen::JsValue) -> DownloadError {
    DownloadError(value.as_string().unwrap_or_else(|| format!("{value:?}")))
}

/// Offers `bytes` to the user as a file called `file_name` of type `mime`.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), DownloadError> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let document = document();
    let link = document
        .create_element("a")
        .map_err(js_error)?
        .dyn_into::<web_sys::HtmlElement>()
        .map_err(|_| DownloadError("no link element".to_string()))?;
    link.set_attribute("href", &url).map_err(js_error)?;
    link.set_attribute("download", file_name)
        .map_err(js_error)?;
    link.set_attribute("hidden", "").map_err(js_error)?;
    if let Some(body) = document.body() {
        body.append_child(&link).map_err(js_error)?;
    }
    link.click();
    link.remove();
    // Revoke after the click has been handled, so the download has its data.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
