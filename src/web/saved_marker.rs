//! The notes of each workspace's last save (`storage::marker`), kept in `localStorage`
//! beside IndexedDB so that saved work gone missing from IndexedDB is noticed at start-up.
//! "Delete all data on this computer" clears them with the rest of web storage.

use crate::storage::marker::SavedMarker;

const PREFIX: &str = "planner-saved:";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Notes a save. Where web storage is unavailable nothing is noted (and nothing is missed).
pub fn note(marker: &SavedMarker) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&format!("{PREFIX}{}", marker.id), &marker.encode());
    }
}

/// Forgets the note of workspace `id` (deleted, or replaced by a restored backup).
pub fn forget(id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{PREFIX}{id}"));
    }
}

/// Every readable note.
pub fn all() -> Vec<SavedMarker> {
    let Some(storage) = storage() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(PREFIX))
        .filter_map(|key| storage.get_item(&key).ok().flatten())
        .filter_map(|text| SavedMarker::decode(&text))
        .collect()
}
