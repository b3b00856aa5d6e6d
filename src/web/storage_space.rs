//! The browser's storage manager (`navigator.storage`): how much space the planner uses
//! and may use, and asking for its data to be kept when the computer runs short of space.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Bytes used and allowed, as the browser estimates them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// Bytes the planner's origin uses now.
    pub usage: f64,
    /// Bytes it may use.
    pub quota: f64,
}

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    if storage.is_undefined() || storage.is_null() {
        return None;
    }
    storage.dyn_into().ok()
}

/// How much space is used and allowed; `None` where the browser does not say.
pub async fn estimate() -> Option<Estimate> {
    let promise = manager()?.estimate().ok()?;
    let value: web_sys::StorageEstimate = JsFuture::from(promise).await.ok()?.unchecked_into();
    Some(Estimate {
        usage: value.get_usage()?,
        quota: value.get_quota()?,
    })
}

/// Whether the browser has agreed to keep the planner's data (`None`: it does not say).
pub async fn persisted() -> Option<bool> {
    let promise = manager()?.persisted().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Asks the browser to keep the planner's data even when space runs short. `Some(true)`
/// when it agrees, `Some(false)` when it declines, `None` where it cannot be asked.
pub async fn persist() -> Option<bool> {
    let promise = manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}
