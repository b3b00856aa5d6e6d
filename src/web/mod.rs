//! The browser edge: one module per browser API. Each turns `JsValue` into typed values or
//! errors here, so nothing above sees JavaScript types and nothing below (the core) sees
//! the browser at all.

pub mod activity;
pub mod channel;
pub mod clock;
pub mod crypto;
pub mod download;
pub mod erase;
pub mod file;
mod idb;
pub mod last_backup;
pub mod leaving;
pub mod location;
pub mod repository;
pub mod saved_marker;
pub mod storage_space;
pub mod timing;
pub mod unsaved_note;
pub mod worker;
