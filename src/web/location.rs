//! The page's location hash, used for navigation. Hash routing works from any sub-path of
//! a static host and from a file opened from disk, where path routing cannot.

use leptos::prelude::*;

/// The current hash without its leading `#` (empty when there is none).
pub fn hash() -> String {
    window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// Calls `on_change` with the new hash (without `#`) whenever it changes.
pub fn on_hash_change(on_change: impl Fn(String) + 'static) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| on_change(hash()));
    // The listener lives as long as the app: the app is the whole page.
    std::mem::forget(handle);
}

/// Sets the document's title.
pub fn set_title(title: &str) {
    document().set_title(title);
}

/// Goes to `hash` (without `#`), as following a link to it would.
pub fn set_hash(hash: &str) {
    let _ = window().location().set_hash(hash);
}

/// Scrolls the element with `id` into view and focuses it, if it is on the page.
pub fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        el.scroll_into_view();
        let _ = el.focus();
    }
}
