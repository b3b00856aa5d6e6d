//! Forgetting: the browser stores besides IndexedDB that "Delete all data on this
//! computer" empties — the service worker's caches, the service worker itself, and web
//! storage. (IndexedDB itself is `web::idb::delete_everything`.)

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Every cache the planner's service worker made starts with this (`public/sw.js`).
pub const CACHE_PREFIX: &str = "planner:";

fn property(target: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
}

/// What the browser said when it refused to forget something, in its own words (shown in
/// brackets after the planner's sentence).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(String);

fn describe(value: JsValue) -> Refused {
    Refused(
        value
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.message()))
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "no reason given".to_string()),
    )
}

/// Deletes every Cache Storage cache whose name starts with [`CACHE_PREFIX`]; returns how
/// many. Where the browser has no Cache Storage (such as from file://) there is nothing.
pub async fn delete_planner_caches() -> Result<usize, Refused> {
    let Some(window) = web_sys::window() else {
        return Ok(0);
    };
    if property(&window, "caches").is_none() {
        return Ok(0);
    }
    let Ok(caches) = window.caches() else {
        return Ok(0);
    };
    let names = JsFuture::from(caches.keys()).await.map_err(describe)?;
    let mut deleted = 0;
    for name in js_sys::Array::from(&names).iter() {
        let Some(name) = name.as_string() else {
            continue;
        };
        if name.starts_with(CACHE_PREFIX) {
            JsFuture::from(caches.delete(&name))
                .await
                .map_err(describe)?;
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// Unregisters every service worker of this origin (all are the planner's: copies under
/// other sub-paths share the origin's IndexedDB, which is deleted too); returns how many.
pub async fn unregister_service_workers() -> Result<usize, Refused> {
    let Some(window) = web_sys::window() else {
        return Ok(0);
    };
    let navigator: JsValue = window.navigator().into();
    let Some(container) = property(&navigator, "serviceWorker") else {
        return Ok(0);
    };
    let container: web_sys::ServiceWorkerContainer = container.unchecked_into();
    let registrations = JsFuture::from(container.get_registrations())
        .await
        .map_err(describe)?;
    let mut removed = 0;
    for registration in js_sys::Array::from(&registrations).iter() {
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        let promise = registration.unregister().map_err(describe)?;
        // Chromium sometimes settles `unregister()` only once no page uses the worker any
        // more, which for this page is after the reload that follows. The request is made
        // (and the worker's caches are already gone), so wait a moment, then carry on.
        JsFuture::from(settled_within(promise, UNREGISTER_WAIT_MS))
            .await
            .map_err(describe)?;
        removed += 1;
    }
    Ok(removed)
}

/// How long to wait for a service worker's `unregister()` to settle.
const UNREGISTER_WAIT_MS: i32 = 2_000;

/// A promise that settles as `promise` does, or resolves after `ms` milliseconds,
/// whichever comes first.
fn settled_within(promise: js_sys::Promise, ms: i32) -> js_sys::Promise {
    let timer = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        } else {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    js_sys::Promise::race(&js_sys::Array::of2(&promise, &timer))
}

/// Empties localStorage and sessionStorage (where the browser allows them).
pub fn clear_web_storage() {
    let Some(window) = web_sys::window() else {
        return;
    };
    for storage in [window.local_storage(), window.session_storage()] {
        if let Ok(Some(storage)) = storage {
            let _ = storage.clear();
        }
    }
}
