//! Version-3 records, frozen under `tests/fixtures/stored/v3/` (what each file is and how it
//! was made: its README). Version 4 keeps every data drop: the one `current_drop` of a
//! version-3 workspace becomes its list of drops. Each record is decoded and migrated,
//! key values are checked, and writing the decoded record out again must give exactly the
//! stored JSON as migrated.

use planner::storage::backup::{make_backup, read_backup};
use planner::storage::migrate::{migrate, RecordKind};
use planner::storage::schema::{
    decode_drop, decode_workspace, encode_drop, encode_workspace, DropEntry, SCHEMA_VERSION,
};
use serde_json::Value;

const V2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored/v2/");
const V3: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored/v3/");

fn read(dir: &str, name: &str) -> String {
    std::fs::read_to_string(format!("{dir}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("json")
}

fn migrated(kind: RecordKind, text: &str) -> Value {
    migrate(kind, json(text)).expect("migrates")
}

#[test]
fn a_v3_workspace_lists_its_one_drop_and_writes_back_exactly() {
    for name in ["workspace.json", "rich-workspace.json"] {
        let raw = read(V3, name);
        assert!(
            raw.contains("\"schema_version\":3"),
            "{name}: a version-3 record"
        );
        assert_eq!(json(&raw)["current_drop"], "drop-1796107704469", "{name}");
        let w = decode_workspace(&raw).expect("the v3 workspace reads");
        assert_eq!(w.schema_version, SCHEMA_VERSION);
        assert_eq!(w.drops, [DropEntry::new("drop-1796107704469")], "{name}");
        assert_eq!(w.shown_drop, None, "{name}: the latest drop is shown");
        // Nothing else changed: the same workspace the version-2 record holds.
        assert_eq!(
            w,
            decode_workspace(&read(V2, name)).expect("reads"),
            "{name}"
        );
        let written = json(&encode_workspace(&w).expect("encodes"));
        assert_eq!(written, migrated(RecordKind::Workspace, &raw), "{name}");
        assert_eq!(written.get("current_drop"), None, "{name}");
    }
}

#[test]
fn a_v3_drop_reads_and_writes_back_exactly() {
    for name in ["drop-secondary_1200.json", "rich-drop.json"] {
        let raw = read(V3, name);
        let d = decode_drop(&raw).expect("the v3 drop reads");
        assert_eq!(d.schema_version, SCHEMA_VERSION);
        assert_eq!(d, decode_drop(&read(V2, name)).expect("reads"), "{name}");
        assert_eq!(
            json(&encode_drop(&d).expect("encodes")),
            migrated(RecordKind::Drop, &raw),
            "{name}"
        );
    }
    let big = decode_drop(&read(V3, "drop-secondary_1200.json")).expect("reads");
    assert_eq!(big.drop.pupils.len(), 1200);
}

#[test]
fn a_v3_backup_keeps_its_drop() {
    let raw = read(V3, "backup.json");
    let backup = read_backup(raw.as_bytes()).expect("the v3 backup reads");
    assert_eq!(backup.schema_version, 3);
    assert_eq!(backup.drops.len(), 1);
    assert_eq!(
        backup.workspace.drops,
        [DropEntry::new(backup.drops[0].id.clone())]
    );
    assert_eq!(
        backup.workspace.shown_among(&backup.drops).as_deref(),
        Some(backup.drops[0].id.as_str())
    );
    // Made again, it is the current version's backup of the same records.
    let again = make_backup(&backup.workspace, &backup.drops, &backup.created).expect("makes");
    let reread = read_backup(again.as_bytes()).expect("reads");
    assert_eq!(reread.workspace, backup.workspace);
    assert_eq!(reread.drops, backup.drops);
}
