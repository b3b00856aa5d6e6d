//! Persistence schema: the versioned, serialisable shapes stored in IndexedDB ([`dto`]),
//! with conversions to and from core types. Pure: the browser calls live in `web::idb`.
//! Only types here are written to storage; [`wire`] is the import worker's messages.

pub mod backup;
pub mod backup_summary;
pub mod dto;
pub mod envelope;
pub mod error;
pub mod marker;
pub mod merge;
pub mod migrate;
pub mod reminders;
pub mod schema;
pub mod school_workspaces;
pub mod space;
pub mod unsaved;
pub mod wire;
pub mod workspaces;

pub use error::StorageError;
pub use schema::SCHEMA_VERSION;
