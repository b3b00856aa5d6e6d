//! The user interface: the app shell, one module per page, and shared components.

pub mod app;
pub mod benchmarks;
pub mod components;
pub mod pages;
pub mod persistence;
pub mod provision;
pub mod report;
pub mod schools;
pub mod self_evaluation;
pub mod state;
pub mod targets;
pub mod typed_text;

/// Mounts the app into the page's body.
pub fn mount() {
    leptos::mount::mount_to_body(app::App);
}
