//! Entry point. In a page it mounts the app; in the import worker (the same wasm, started
//! by `public/import-worker.js`) it serves import requests instead.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    if planner::web::worker::in_worker() {
        planner::web::worker::serve();
    } else {
        planner::ui::mount();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The planner runs in a browser: use the README's run command.");
}
