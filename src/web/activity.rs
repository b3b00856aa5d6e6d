//! Keyboard and pointer activity, for "Lock after": how long since the user last pressed a
//! key, moved or pressed the pointer, scrolled or touched the screen in this tab.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const EVENTS: [&str; 6] = [
    "keydown",
    "pointerdown",
    "pointermove",
    "wheel",
    "touchstart",
    "focusin",
];

/// Calls `check(idle_millis)` every `every_millis`, with the time since the last activity
/// (on the page's own clock, `Date.now`). Lives as long as the page: the listeners are
/// never removed.
pub fn watch_idle(every_millis: i32, check: impl Fn(f64) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let last = Rc::new(Cell::new(js_sys::Date::now()));
    let seen = last.clone();
    let on_activity = Closure::<dyn Fn()>::new(move || seen.set(js_sys::Date::now()));
    for event in EVENTS {
        // Capturing, so a handler that stops propagation still counts as activity.
        let _ = window.add_event_listener_with_callback_and_bool(
            event,
            on_activity.as_ref().unchecked_ref(),
            true,
        );
    }
    on_activity.forget();
    let tick = Closure::<dyn Fn()>::new(move || check(js_sys::Date::now() - last.get()));
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        every_millis,
    );
    tick.forget();
}

/// Resolves after `millis` (a `setTimeout`), so a waiting task lets others run.
pub async fn pause(millis: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
