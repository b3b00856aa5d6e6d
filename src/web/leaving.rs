//! Leaving the page: the tab being hidden (`visibilitychange` to hidden), the page going away
//! (`pagehide`, also on a reload) and the question before it goes (`beforeunload`), which
//! the browser turns into its own "Leave site?" warning when asked to.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Calls `hidden` whenever the page is hidden or goes away, and `leaving` before the page is
/// left or reloaded; when `leaving` returns true, the browser asks the user whether to
/// leave. Lives as long as the page: the listeners are never removed.
pub fn watch(hidden: impl Fn() + 'static, leaving: impl Fn() -> bool + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hidden = std::rc::Rc::new(hidden);

    let on_pagehide = {
        let hidden = hidden.clone();
        Closure::<dyn Fn()>::new(move || hidden())
    };
    let _ =
        window.add_event_listener_with_callback("pagehide", on_pagehide.as_ref().unchecked_ref());
    on_pagehide.forget();

    if let Some(document) = window.document() {
        let seen = document.clone();
        let on_visibility = Closure::<dyn Fn()>::new(move || {
            if seen.hidden() {
                hidden();
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visibility.as_ref().unchecked_ref(),
        );
        on_visibility.forget();
    }

    let on_beforeunload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |event: web_sys::BeforeUnloadEvent| {
            if leaving() {
                // Both, as browsers differ in which one they honour.
                event.prevent_default();
                event.set_return_value("");
            }
        },
    );
    let _ = window
        .add_event_listener_with_callback("beforeunload", on_beforeunload.as_ref().unchecked_ref());
    on_beforeunload.forget();
}
