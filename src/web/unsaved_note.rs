//! The note of a change not yet written when the page went away (`storage::unsaved`),
//! kept in `localStorage`, which is written at once, even while the page is unloading.
//! "Delete all data on this computer" clears it with the rest of web storage.

use crate::storage::unsaved::Unsaved;

const PREFIX: &str = "planner-unsaved:";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Notes the change. Where web storage is unavailable or full, nothing is noted: the
/// write already under way is then the only copy, as before.
pub fn note(id: &str, unsaved: &Unsaved) {
    if let (Some(storage), Ok(text)) = (storage(), unsaved.encode()) {
        let _ = storage.set_item(&format!("{PREFIX}{id}"), &text);
    }
}

/// The note for workspace `id`, as stored.
pub fn get(id: &str) -> Option<String> {
    storage()?.get_item(&format!("{PREFIX}{id}")).ok().flatten()
}

/// Forgets the note for workspace `id`: everything in it is saved.
pub fn forget(id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{PREFIX}{id}"));
    }
}
