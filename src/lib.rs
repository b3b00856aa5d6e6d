//! Personalisation Planner.
//!
//! Layers, with arrows pointing down only: `ui → web → storage → core`.
//! `core` and `storage` are pure Rust and build natively; `web` and `ui` exist only on
//! wasm32, because their dependencies (leptos, web-sys) are wasm32-only in `Cargo.toml`.

pub mod core;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
