//! When a backup of each workspace was last downloaded in this browser, for the header's
//! reminder (`storage::reminders`). Kept in `localStorage` beside the workspace rather than
//! in its record, so restoring a backup gives back exactly the records that were backed up;
//! "Delete all data on this computer" clears it with the rest of web storage.

use chrono::NaiveDate;

fn key(workspace_id: &str) -> String {
    format!("planner-last-backup:{workspace_id}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The date of the last backup of `workspace_id`, if one was downloaded here.
pub fn get(workspace_id: &str) -> Option<NaiveDate> {
    let text = storage()?.get_item(&key(workspace_id)).ok().flatten()?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
}

/// Notes that a backup of `workspace_id` was downloaded on `date`. Where web storage is
/// unavailable the reminder simply keeps asking.
pub fn set(workspace_id: &str, date: NaiveDate) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&key(workspace_id), &date.format("%Y-%m-%d").to_string());
    }
}
