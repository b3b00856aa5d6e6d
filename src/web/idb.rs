//! IndexedDB, the raw layer under `web::repository` (and private to `web`: nothing else
//! opens the database). Records are JSON text (shaped by `storage::schema`); this module
//! only moves text in and out, and turns the browser's errors into a typed
//! [`StorageError`] by the DOMException's name (never by reading its debug text).

use crate::storage::schema::StorageError;
use idb::{DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::JsValue;

const DB_NAME: &str = "personalisation-planner";
const DB_VERSION: u32 = 1;

/// Workspace records (small: settings, notes, flags), keyed by workspace id.
pub const WORKSPACES: &str = "workspaces";
/// Data drops (large: the pupils), keyed by drop id, written once per import.
pub const DROPS: &str = "drops";
/// App-wide settings, such as which workspace is open, keyed by name.
pub const SETTINGS: &str = "settings";

const STORES: [&str; 3] = [WORKSPACES, DROPS, SETTINGS];

/// An open database.
pub struct Db {
    database: idb::Database,
}

/// The DOMException's name behind an error from the `idb` crate, when it carries one
/// ("QuotaExceededError", "VersionError", "AbortError", …).
fn dom_name(error: &idb::Error) -> Option<String> {
    use idb::Error as E;
    let value: &JsValue = match error {
        E::DomException(exception) => return Some(exception.name()),
        E::AddFailed(v)
        | E::UpdateFailed(v)
        | E::DeleteFailed(v)
        | E::GetFailed(v)
        | E::GetAllFailed(v)
        | E::GetAllKeysFailed(v)
        | E::IndexedDbOpenFailed(v)
        | E::IndexedDbDeleteFailed(v)
        | E::IndexedDbNotFound(v)
        | E::TransactionOpenFailed(v)
        | E::TransactionCommitError(v)
        | E::TransactionAbortError(v)
        | E::ObjectStoreCreateFailed(v) => v,
        _ => return None,
    };
    js_sys::Reflect::get(value, &JsValue::from_str("name"))
        .ok()
        .and_then(|name| name.as_string())
}

/// What went wrong, typed: a full disk, a blocked or missing database, or the browser's
/// own reason.
fn plain(error: idb::Error) -> StorageError {
    match dom_name(&error).as_deref() {
        Some("QuotaExceededError") => StorageError::QuotaExceeded,
        Some("VersionError") => StorageError::NewerVersion {
            found: DB_VERSION + 1,
            supported: DB_VERSION,
        },
        Some("SecurityError") | Some("InvalidAccessError") => StorageError::Unavailable,
        // Chromium's "Internal error … backing store": most often a full disk.
        Some("UnknownError") | Some("DataError") => StorageError::DiskFailed,
        Some(name) => StorageError::Refused(name.to_string()),
        None => StorageError::Refused(error.to_string()),
    }
}

/// Opens (creating or upgrading) the planner's database.
pub async fn open() -> Result<Db, StorageError> {
    let factory = Factory::new().map_err(|_| StorageError::Unavailable)?;
    let mut request = factory.open(DB_NAME, Some(DB_VERSION)).map_err(plain)?;
    request.on_upgrade_needed(|event| {
        let Ok(database) = event.database() else {
            return;
        };
        let existing = database.store_names();
        for store in STORES {
            if !existing.iter().any(|name| name == store) {
                let _ = database.create_object_store(store, ObjectStoreParams::new());
            }
        }
    });
    let mut database = request.await.map_err(plain)?;
    // Another tab deleting the database (or a newer planner upgrading it) asks every open
    // connection to step aside: close at once, so it is never blocked by this tab.
    database.on_version_change(|event| {
        if let Some(target) = event.target() {
            if let Ok(database) = idb::Database::try_from(target) {
                database.close();
            }
        }
    });
    Ok(Db { database })
}

/// Deletes the planner's whole database. Close this tab's connections first ([`Db::close`]);
/// other tabs' connections close themselves (see [`open`]). If something still holds the
/// database open, `on_blocked` is called once and the deletion waits until it lets go.
pub async fn delete_everything(on_blocked: impl FnOnce() + 'static) -> Result<(), StorageError> {
    let factory = Factory::new().map_err(plain)?;
    let mut request = factory.delete(DB_NAME).map_err(plain)?;
    request.on_blocked(move |_| on_blocked());
    request.await.map_err(plain)
}

impl Drop for Db {
    fn drop(&mut self) {
        self.database.close();
    }
}

impl Db {
    /// Closes the connection once its running transactions have finished. Further use
    /// fails with a plain message; dropping the `Db` closes it too.
    pub fn close(&self) {
        self.database.close();
    }

    /// Reads one record's text.
    pub async fn get(&self, store: &str, key: &str) -> Result<Option<String>, StorageError> {
        let transaction = self
            .database
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(plain)?;
        let object_store = transaction.object_store(store).map_err(plain)?;
        let value = object_store
            .get(JsValue::from_str(key))
            .map_err(plain)?
            .await
            .map_err(plain)?;
        Ok(value.and_then(|value| value.as_string()))
    }

    /// Reads every record in `store` as (key, text), in key order.
    pub async fn get_all(&self, store: &str) -> Result<Vec<(String, String)>, StorageError> {
        let transaction = self
            .database
            .transaction(&[store], TransactionMode::ReadOnly)
            .map_err(plain)?;
        let object_store = transaction.object_store(store).map_err(plain)?;
        let keys = object_store
            .get_all_keys(None, None)
            .map_err(plain)?
            .await
            .map_err(plain)?;
        let values = object_store
            .get_all(None, None)
            .map_err(plain)?
            .await
            .map_err(plain)?;
        Ok(keys
            .into_iter()
            .zip(values)
            .filter_map(|(key, value)| Some((key.as_string()?, value.as_string()?)))
            .collect())
    }

    /// Compare-and-swap: in one readwrite transaction, reads `expected`'s record and, only
    /// if its text is exactly `expected.2` (`None`: no record), deletes `deletes` and
    /// writes `writes`. Returns whether it wrote; when the record had changed nothing is
    /// written. No other transaction can write the record between the read and the writes.
    pub async fn swap(
        &self,
        expected: (&str, &str, Option<&str>),
        writes: &[(&str, &str, &str)],
        deletes: &[(&str, &str)],
    ) -> Result<bool, StorageError> {
        self.change(Some(expected), writes, deletes).await
    }

    /// Writes `writes` (store, key, text) and deletes `deletes` (store, key) in one
    /// transaction (the deletes first, so a key in both ends up written): all of it
    /// happens, or none of it. Resolves only once committed.
    pub async fn put_and_delete(
        &self,
        writes: &[(&str, &str, &str)],
        deletes: &[(&str, &str)],
    ) -> Result<(), StorageError> {
        self.change(None, writes, deletes).await.map(|_| ())
    }

    /// One readwrite transaction: the check of [`Db::swap`] when there is an `expected`
    /// record, then the deletes and the writes. Returns whether it wrote.
    async fn change(
        &self,
        expected: Option<(&str, &str, Option<&str>)>,
        writes: &[(&str, &str, &str)],
        deletes: &[(&str, &str)],
    ) -> Result<bool, StorageError> {
        let mut stores: Vec<&str> = writes
            .iter()
            .map(|(store, _, _)| *store)
            .chain(deletes.iter().map(|(store, _)| *store))
            .chain(expected.map(|(store, _, _)| store))
            .collect();
        stores.sort_unstable();
        stores.dedup();
        let transaction = self
            .database
            .transaction(&stores, TransactionMode::ReadWrite)
            .map_err(plain)?;
        if let Some((store, key, text)) = expected {
            let stored = transaction
                .object_store(store)
                .map_err(plain)?
                .get(JsValue::from_str(key))
                .map_err(plain)?
                .await
                .map_err(plain)?
                .and_then(|value| value.as_string());
            if stored.as_deref() != text {
                // Nothing was written: end the transaction without waiting for it.
                let _ = transaction.abort();
                return Ok(false);
            }
        }
        for (store, key) in deletes {
            let object_store = transaction.object_store(store).map_err(plain)?;
            object_store.delete(JsValue::from_str(key)).map_err(plain)?;
        }
        for (store, key, value) in writes {
            let object_store = transaction.object_store(store).map_err(plain)?;
            object_store
                .put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))
                .map_err(plain)?;
        }
        let transaction = transaction.commit().map_err(plain)?;
        ended(transaction.into()).await.map(|()| true)
    }
}

/// Waits for a readwrite transaction to end, committed or not. Its end is heard by the
/// resolve and reject functions of a JS promise rather than by Rust closures: a failed
/// write (a full disk) fires "error" and then "abort", and a Rust closure let go at the
/// first would be called after it was dropped, an uncaught error on the page.
async fn ended(transaction: web_sys::IdbTransaction) -> Result<(), StorageError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onabort(Some(&reject));
    });
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(_) => Err(match transaction.error() {
            Some(exception) => plain(idb::Error::DomException(exception)),
            None => StorageError::Refused("the change was not committed".into()),
        }),
    }
}
