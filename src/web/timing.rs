//! User Timing marks for the benchmark (`scripts/bench.sh`): `measure` runs a closure and
//! records how long it took as a `performance.measure` entry named `name`, which the
//! benchmark reads with `performance.getEntriesByName` (in the page, or in the import
//! worker, whose timeline is its own). It changes nothing else; where there is no
//! `performance` it just runs the closure.

use wasm_bindgen::JsCast;

/// Runs `f`, recording its duration as the User Timing measure `name`.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    // `performance` of the window or of the worker, whichever this is.
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .filter(|value| value.is_object())
        .map(|value| value.unchecked_into::<web_sys::Performance>());
    let Some(performance) = performance else {
        return f();
    };
    let start = format!("{name}:start");
    let _ = performance.mark(&start);
    let value = f();
    let _ = performance.measure_with_start_mark(name, &start);
    performance.clear_marks_with_mark_name(&start);
    value
}
