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

fn describe(value: JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// Deletes every Cache Storage cache whose name starts with [`CACHE_PREFIX`]; returns how
/// many. Where the browser has no Cache Storage (such as from file://) there is nothing.
pub async fn delete_planner_caches() -> Result<usize, String> {
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
pub async fn unregister_service_workers() -> Result<usize, String> {
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
        JsFuture::from(promise).await.map_err(describe)?;
        removed += 1;
    }
    Ok(removed)
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
