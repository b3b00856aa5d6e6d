//! Versioned migrations of stored records (issue 11): a record of version N is brought to
//! the current version by a chain of pure functions, vN → vN+1, on its JSON, before its
//! shape is read. Every change to a stored shape (`storage::dto`) adds one function here
//! and one set of frozen records under `tests/fixtures/stored/`.
//!
//! The chain so far:
//! - 1 → 2: the workspace's scoring profile becomes profile format 2, with the attainment
//!   flight path written out (`tests/fixtures/stored/v1/`, from the released build).
//! - 2 → 3: every saved cohort gets an id, 1, 2, 3… in list order, so pages choose a
//!   cohort by id rather than by its place in the list (`tests/fixtures/stored/v2/`).
//! - 3 → 4: a workspace keeps every data drop (issue 13): its one `current_drop` becomes
//!   the list `drops` (that drop, or none), and `shown_drop` (none: the latest) is written
//!   out (`tests/fixtures/stored/v3/`).
//! - 4 → 5: the provision book keeps what issue 14 added to the core (`tests/fixtures/stored/v4/`):
//!   each provision's `member_dates`, `staff_changes`, `places`, `stopped_reason`,
//!   `expected_outcome` and `measure`, each review's `pupil_views` and `parent_views`,
//!   each need-audit entry's `academic_year` (null: made before audits named their year)
//!   and the book's `expected_pupils` are written out empty; and the bank gains "Peer
//!   support" (EBSD) and "Maths challenge" (Curriculum), unless it has an item of that
//!   name in that list already, with ids 33 and 34 where those are free.
//! - 5 → 6: the workspace keeps targets and the self-evaluation (issue 15,
//!   `tests/fixtures/stored/v5/`): `targets` is written out as the empty book and
//!   `self_evaluation` as no prompt answered; and the school's `details` (issue 16) as
//!   none given.
//!
//! A data drop's version moves with the workspace's (its steps change nothing so far), so
//! a drop and its workspace are always read by the same build.
//!
//! Then [`unrepresented`] checks nothing was lost on the way in: every field of the
//! (migrated) record must come back when its stored shape is written out again. A field
//! the planner does not know (a renamed field, or one from a build that was never
//! released) is reported rather than silently dropped, and the record is kept as it is.

use serde_json::{Map, Value};

/// Which kind of record a migration applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// A workspace record (the school's own settings and work).
    Workspace,
    /// A data drop (imported pupils).
    Drop,
}

/// Why a record could not be migrated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationError {
    /// The version the failing step started from.
    pub from: u32,
    /// What was wrong.
    pub why: Unmigratable,
}

/// What in a record stopped a step, each said in plain English (after "could not be read
/// because").
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unmigratable {
    #[error("it is not a record")]
    NotARecord,
    #[error("it has no scoring profile")]
    NoProfile,
    #[error("its scoring profile has no attainment settings")]
    NoAttainment,
    #[error("its saved cohorts are not a list")]
    CohortsNotAList,
    #[error("one of its saved cohorts is not a cohort")]
    CohortNotACohort,
    #[error("the name of its data drop is not text")]
    DropNotNamed,
    #[error("its provision is not laid out as the planner writes it")]
    ProvisionNotABook,
    #[error("its intervention bank is not a list of interventions")]
    BankNotAList,
}

/// One step: a record of version N as JSON in, version N + 1 out.
type Step = fn(Map<String, Value>) -> Result<Map<String, Value>, Unmigratable>;

/// The steps, in order: `STEPS[0]` turns version 1 into 2, and so on. The current version
/// is `STEPS.len() + 1`.
const WORKSPACE_STEPS: [Step; 5] = [
    workspace_v1_to_v2,
    workspace_v2_to_v3,
    workspace_v3_to_v4,
    workspace_v4_to_v5,
    workspace_v5_to_v6,
];
const DROP_STEPS: [Step; 5] = [
    drop_unchanged,
    drop_unchanged,
    drop_unchanged,
    drop_unchanged,
    drop_unchanged,
];

/// The version every record is migrated to, and written as.
pub const CURRENT_VERSION: u32 = WORKSPACE_STEPS.len() as u32 + 1;

/// Brings `record` (an object with `schema_version` between 1 and [`CURRENT_VERSION`]) to
/// the current version. The caller has already refused newer and version-0 records.
pub fn migrate(kind: RecordKind, record: Value) -> Result<Value, MigrationError> {
    let Value::Object(mut object) = record else {
        return Err(MigrationError {
            from: 0,
            why: Unmigratable::NotARecord,
        });
    };
    let steps: &[Step] = match kind {
        RecordKind::Workspace => &WORKSPACE_STEPS,
        RecordKind::Drop => &DROP_STEPS,
    };
    let mut version = object
        .get("schema_version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .unwrap_or(0);
    while (1..CURRENT_VERSION).contains(&version) {
        let step = steps[(version - 1) as usize];
        object = step(object).map_err(|why| MigrationError { from: version, why })?;
        version += 1;
        object.insert("schema_version".into(), Value::from(version));
    }
    Ok(Value::Object(object))
}

/// Version 2 embeds scoring profile format 2: the attainment flight path (the lag behind
/// the end-of-Key-Stage-4 target per year group) written out with its defaults, and the
/// profile marked as format 2. Everything else is unchanged.
fn workspace_v1_to_v2(mut record: Map<String, Value>) -> Result<Map<String, Value>, Unmigratable> {
    let Some(Value::Object(profile)) = record.get_mut("profile") else {
        return Err(Unmigratable::NoProfile);
    };
    profile.insert("schema_version".into(), Value::from(2));
    let Some(Value::Object(attainment)) = profile.get_mut("attainment") else {
        return Err(Unmigratable::NoAttainment);
    };
    if !attainment.contains_key("flight_path") {
        let steps: Vec<Value> = [(7, 2.0), (8, 1.5), (9, 1.0), (10, 0.5), (11, 0.0)]
            .into_iter()
            .map(|(year, lag)| serde_json::json!({ "year": year, "grades_below_target": lag }))
            .collect();
        attainment.insert("flight_path".into(), Value::Array(steps));
    }
    Ok(record)
}

/// Version 3 gives every saved cohort an `id`. Cohorts without one get 1, 2, 3… in list
/// order, skipping any id another cohort already holds; a record without cohorts is
/// unchanged.
fn workspace_v2_to_v3(mut record: Map<String, Value>) -> Result<Map<String, Value>, Unmigratable> {
    let Some(cohorts) = record.get_mut("cohorts") else {
        return Ok(record);
    };
    let Value::Array(cohorts) = cohorts else {
        return Err(Unmigratable::CohortsNotAList);
    };
    let taken: Vec<u64> = cohorts
        .iter()
        .filter_map(|cohort| cohort.get("id").and_then(Value::as_u64))
        .collect();
    let mut next: u64 = 1;
    for cohort in cohorts.iter_mut() {
        let Value::Object(cohort) = cohort else {
            return Err(Unmigratable::CohortNotACohort);
        };
        if cohort.contains_key("id") {
            continue;
        }
        while taken.contains(&next) {
            next += 1;
        }
        cohort.insert("id".into(), Value::from(next));
        next += 1;
    }
    Ok(record)
}

/// Version 4 keeps every data drop: the one `current_drop` (an id, or null) becomes the
/// list `drops` holding that drop (or nothing), and `shown_drop` is written out as null
/// (the planner shows the latest drop).
fn workspace_v3_to_v4(mut record: Map<String, Value>) -> Result<Map<String, Value>, Unmigratable> {
    let drops = match record.remove("current_drop") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(id)) => vec![serde_json::json!({ "id": id })],
        Some(_) => return Err(Unmigratable::DropNotNamed),
    };
    record.insert("drops".into(), Value::Array(drops));
    record.insert("shown_drop".into(), Value::Null);
    Ok(record)
}

/// Version 5 stores what the core's provision gained (issue 14), and adds two items to the
/// bank. Where there is a provision book (a record without one reads as the default book,
/// which has everything already):
/// - every provision gets `member_dates` and `staff_changes` (`[]`), `places` and
///   `measure` (null), `stopped_reason` and `expected_outcome` (`""`); every review of an
///   individual record gets `pupil_views` and `parent_views` (`""`); every need-audit
///   entry gets `academic_year`: null, as it was made before audits named their year; the
///   book gets `expected_pupils` (`[]`). Written out, so the record reads back exactly as
///   version 5 writes it. A field already there is kept as it is.
/// - a bank that lists its items gets "Peer support" (EBSD) and "Maths challenge"
///   (Curriculum), appended with the bank's defaults for them, unless it already has an
///   item of that name (ignoring case and spaces around it) in that list, archived or not.
///   Each takes its default id (33, 34) when no item has it and no provision refers to it,
///   else one more than the largest id in the bank (or referred to).
fn workspace_v4_to_v5(mut record: Map<String, Value>) -> Result<Map<String, Value>, Unmigratable> {
    let Some(book) = record.get_mut("provision") else {
        return Ok(record);
    };
    let Value::Object(book) = book else {
        return Err(Unmigratable::ProvisionNotABook);
    };
    let mut referred: Vec<u64> = Vec::new();
    for provision in objects_in(book, "provisions")? {
        referred.extend(provision.get("intervention").and_then(Value::as_u64));
        for (field, empty) in [
            ("member_dates", Value::Array(Vec::new())),
            ("staff_changes", Value::Array(Vec::new())),
            ("places", Value::Null),
            ("stopped_reason", Value::from("")),
            ("expected_outcome", Value::from("")),
            ("measure", Value::Null),
        ] {
            provision.entry(field).or_insert(empty);
        }
    }
    for entry in objects_in(book, "need_audit")? {
        entry.entry("academic_year").or_insert(Value::Null);
    }
    for individual in objects_in(book, "individual")? {
        for review in objects_in(individual, "reviews")? {
            review.entry("pupil_views").or_insert(Value::from(""));
            review.entry("parent_views").or_insert(Value::from(""));
        }
    }
    book.entry("expected_pupils")
        .or_insert(Value::Array(Vec::new()));
    add_format_5_bank_items(book, &referred)?;
    Ok(record)
}

/// The objects listed under `key` in `parent`, to fill in; none when there is no list.
fn objects_in<'a>(
    parent: &'a mut Map<String, Value>,
    key: &str,
) -> Result<Vec<&'a mut Map<String, Value>>, Unmigratable> {
    match parent.get_mut(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter_mut()
            .map(|item| match item {
                Value::Object(object) => Ok(object),
                _ => Err(Unmigratable::ProvisionNotABook),
            })
            .collect(),
        Some(_) => Err(Unmigratable::ProvisionNotABook),
    }
}

/// The two items version 5 adds to the bank, as version 5 writes them (the Tameside
/// defaults for ids 33 and 34 in `core::provision::bank`), with their default ids. Frozen
/// here: a later change to the bank's defaults must not change what this step did.
fn format_5_bank_items() -> [Value; 2] {
    [
        serde_json::json!({
            "id": 33,
            "name": "Peer support",
            "category": "Ebsd",
            "wave": "Two",
            "need_area": "Semh",
            "delivery": {
                "staff": [3],
                "group_size": 6,
                "sessions_per_week": 1,
                "minutes_per_session": 30,
                "weeks": 10
            },
            "resource_cost": 0,
            "description": "Trained older pupils support younger ones, supervised by an adult.",
            "trained_staff_required": true,
            "archived": false
        }),
        serde_json::json!({
            "id": 34,
            "name": "Maths challenge",
            "category": "Curriculum",
            "wave": "Two",
            "need_area": "Other",
            "delivery": {
                "staff": [1],
                "group_size": 6,
                "sessions_per_week": 1,
                "minutes_per_session": 45,
                "weeks": 10
            },
            "resource_cost": 0,
            "description": "Small-group problem solving to stretch and catch up in maths.",
            "trained_staff_required": false,
            "archived": false
        }),
    ]
}

/// Appends [`format_5_bank_items`] to `book`'s bank (see [`workspace_v4_to_v5`]). A book
/// without a bank, or a bank without items, reads as the default bank, which has them.
fn add_format_5_bank_items(
    book: &mut Map<String, Value>,
    referred: &[u64],
) -> Result<(), Unmigratable> {
    let Some(bank) = book.get_mut("bank") else {
        return Ok(());
    };
    let Value::Object(bank) = bank else {
        return Err(Unmigratable::BankNotAList);
    };
    let Some(items) = bank.get_mut("items") else {
        return Ok(());
    };
    let Value::Array(items) = items else {
        return Err(Unmigratable::BankNotAList);
    };
    if items.iter().any(|item| !item.is_object()) {
        return Err(Unmigratable::BankNotAList);
    }
    // As the stored shape reads a missing category: the "Other" list.
    let list_of = |item: &Value| -> String {
        item.get("category")
            .and_then(Value::as_str)
            .unwrap_or("Other")
            .to_string()
    };
    let name_of = |item: &Value| -> String {
        item.get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_lowercase()
    };
    for mut new in format_5_bank_items() {
        let already = items
            .iter()
            .any(|item| list_of(item) == list_of(&new) && name_of(item) == name_of(&new));
        if already {
            continue;
        }
        let taken: Vec<u64> = items
            .iter()
            .filter_map(|item| item.get("id").and_then(Value::as_u64))
            .chain(referred.iter().copied())
            .collect();
        let default_id = new["id"].as_u64().unwrap_or(0);
        if taken.contains(&default_id) {
            let fresh = taken.iter().max().map_or(1, |max| max + 1);
            new["id"] = Value::from(fresh);
        }
        items.push(new);
    }
    Ok(())
}

/// Version 6 stores the school's targets and self-evaluation (issue 15) and its details
/// (issue 16): `targets` is written out as the empty book (no targets, no pupil's
/// curricular targets), `self_evaluation` as no prompt answered and `details` as none
/// given, as version 6 writes them, so the record reads back exactly. A field already
/// there is kept as it is. Nothing else changes.
fn workspace_v5_to_v6(mut record: Map<String, Value>) -> Result<Map<String, Value>, Unmigratable> {
    record
        .entry("targets")
        .or_insert_with(|| serde_json::json!({ "targets": [], "pupils": {} }));
    record
        .entry("self_evaluation")
        .or_insert_with(|| serde_json::json!({ "answers": [] }));
    record.entry("details").or_insert_with(|| {
        serde_json::json!({
            "school_name": "", "urn": null, "dfe_number": null, "phase": null,
            "local_authority": ""
        })
    });
    Ok(record)
}

/// A drop's step when only the workspace's shape changed: the number moves with the
/// workspace's, so a drop and its workspace are always read by the same build.
fn drop_unchanged(record: Map<String, Value>) -> Result<Map<String, Value>, Unmigratable> {
    Ok(record)
}

/// The paths of fields in `stored` that are missing from `written` (the record written out
/// again from what was read), such as `profile.attainment.flightpath` or
/// `provision.provisions[2].notez`: what reading would lose. Arrays must keep their
/// length; values themselves may be written differently (`1.50` as `1.5`).
pub fn unrepresented(stored: &Value, written: &Value) -> Vec<String> {
    let mut lost = Vec::new();
    walk(stored, written, String::new(), &mut lost);
    lost
}

fn holds_nothing(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(fields) => fields.is_empty(),
        _ => false,
    }
}

fn walk(stored: &Value, written: &Value, path: String, lost: &mut Vec<String>) {
    match (stored, written) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match b.get(key) {
                    Some(other) => walk(value, other, here, lost),
                    // A field that holds nothing (null, [] or {}) loses nothing.
                    None if holds_nothing(value) => {}
                    None => lost.push(here),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                lost.push(format!("{path} ({} items read as {})", a.len(), b.len()));
                return;
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                walk(x, y, format!("{path}[{i}]"), lost);
            }
        }
        (Value::Object(a), _) if !a.is_empty() => lost.push(path),
        (Value::Array(a), _) if !a.is_empty() => lost.push(path),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// `value`'s fields, to hand to one step.
    fn object(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(fields) => fields,
            _ => panic!("not an object: {value}"),
        }
    }

    #[test]
    fn a_version_1_workspace_gets_the_flight_path_and_profile_format_2() {
        let v1 = json!({
            "schema_version": 1,
            "name": "Oak",
            "profile": { "schema_version": 1, "attainment": { "scaled_min": 80 } }
        });
        let current = migrate(RecordKind::Workspace, v1).expect("migrates");
        assert_eq!(current["schema_version"], CURRENT_VERSION);
        assert_eq!(current["name"], "Oak");
        assert_eq!(current["profile"]["schema_version"], 2);
        assert_eq!(current["profile"]["attainment"]["scaled_min"], 80);
        assert_eq!(
            current["profile"]["attainment"]["flight_path"][1],
            json!({"year": 8, "grades_below_target": 1.5})
        );
        // A current record is left as it is.
        assert_eq!(migrate(RecordKind::Workspace, current.clone()), Ok(current));
    }

    #[test]
    fn a_version_2_workspace_gives_its_cohorts_ids_in_order() {
        let v2 = json!({
            "schema_version": 2,
            "name": "Oak",
            "cohorts": [
                { "name": "Year 9", "conditions": [] },
                { "name": "Year 7", "conditions": [ { "focus": true } ] },
                { "name": "Year 8", "conditions": [] }
            ]
        });
        let v3 = migrate(RecordKind::Workspace, v2).expect("migrates");
        assert_eq!(v3["schema_version"], CURRENT_VERSION);
        assert_eq!(
            v3["cohorts"],
            json!([
                { "id": 1, "name": "Year 9", "conditions": [] },
                { "id": 2, "name": "Year 7", "conditions": [ { "focus": true } ] },
                { "id": 3, "name": "Year 8", "conditions": [] }
            ])
        );
        // An id already there is kept, and never given to another cohort.
        let mixed = json!({
            "schema_version": 2,
            "cohorts": [ { "name": "A" }, { "id": 1, "name": "B" }, { "name": "C" } ]
        });
        let v3 = migrate(RecordKind::Workspace, mixed).expect("migrates");
        let ids: Vec<&Value> = (0..3).map(|i| &v3["cohorts"][i]["id"]).collect();
        assert_eq!(ids, [&json!(2), &json!(1), &json!(3)]);
        // No cohorts: nothing to do.
        let none = json!({ "schema_version": 2, "name": "Oak" });
        assert_eq!(
            migrate(RecordKind::Workspace, none).expect("migrates")["cohorts"],
            Value::Null
        );
    }

    #[test]
    fn a_version_3_workspace_lists_its_one_drop() {
        let v3 = json!({ "schema_version": 3, "name": "Oak", "current_drop": "drop-17" });
        assert_eq!(
            workspace_v3_to_v4(object(v3)).map(Value::Object),
            Ok(json!({
                "schema_version": 3,
                "name": "Oak",
                "drops": [ { "id": "drop-17" } ],
                "shown_drop": null
            }))
        );
        // No pupils yet: no drops.
        for empty in [
            json!({ "schema_version": 3, "current_drop": null }),
            json!({ "schema_version": 3 }),
        ] {
            let v4 = migrate(RecordKind::Workspace, empty).expect("migrates");
            assert_eq!(v4["drops"], json!([]));
            assert_eq!(v4.get("current_drop"), None);
        }
        let odd = json!({ "schema_version": 3, "current_drop": 17 });
        assert_eq!(
            migrate(RecordKind::Workspace, odd),
            Err(MigrationError {
                from: 3,
                why: Unmigratable::DropNotNamed
            })
        );
    }

    /// A version-4 workspace whose bank holds `items` (id, name, category).
    fn v4_with_bank(items: &[(u64, &str, &str)]) -> Value {
        let items: Vec<Value> = items
            .iter()
            .map(|(id, name, category)| json!({ "id": id, "name": name, "category": category }))
            .collect();
        json!({ "schema_version": 4, "provision": { "bank": { "items": items } } })
    }

    /// (id, name, category) of each item of a migrated record's bank.
    fn bank_of(record: &Value) -> Vec<(u64, String, String)> {
        record["provision"]["bank"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|item| {
                (
                    item["id"].as_u64().expect("an id"),
                    item["name"].as_str().expect("a name").to_string(),
                    item["category"].as_str().expect("a list").to_string(),
                )
            })
            .collect()
    }

    fn names(bank: &[(u64, String, String)]) -> Vec<(u64, &str)> {
        bank.iter()
            .map(|(id, name, _)| (*id, name.as_str()))
            .collect()
    }

    #[test]
    fn a_version_4_workspace_writes_out_the_new_provision_fields_empty() {
        let v4 = json!({
            "schema_version": 4,
            "name": "Oak",
            "provision": {
                "bank": { "items": [] },
                "provisions": [
                    { "id": 1, "pupils": ["ann"], "notes": "Library" },
                    { "id": 2, "places": 4, "stopped_reason": "kept as it is" }
                ],
                "need_audit": [ { "pupil": "ann", "area": "Semh" } ],
                "individual": [
                    { "pupil": "ann", "reviews": [ { "summary": "Fine" } ] },
                    { "pupil": "bob" }
                ]
            }
        });
        let v5 = migrate(RecordKind::Workspace, v4).expect("migrates");
        assert_eq!(v5["schema_version"], CURRENT_VERSION);
        let book = &v5["provision"];
        assert_eq!(
            book["provisions"][0],
            json!({
                "id": 1, "pupils": ["ann"], "notes": "Library",
                "member_dates": [], "staff_changes": [], "places": null,
                "stopped_reason": "", "expected_outcome": "", "measure": null
            })
        );
        // A field already there is kept.
        assert_eq!(book["provisions"][1]["places"], 4);
        assert_eq!(book["provisions"][1]["stopped_reason"], "kept as it is");
        // An audit from before years were named: no year.
        assert_eq!(
            book["need_audit"][0],
            json!({ "pupil": "ann", "area": "Semh", "academic_year": null })
        );
        assert_eq!(
            book["individual"][0]["reviews"][0],
            json!({ "summary": "Fine", "pupil_views": "", "parent_views": "" })
        );
        assert_eq!(book["individual"][1], json!({ "pupil": "bob" }));
        assert_eq!(book["expected_pupils"], json!([]));
        // No provision book: read as the default book, which has everything.
        let bare = json!({ "schema_version": 4, "name": "Oak" });
        assert_eq!(
            workspace_v4_to_v5(object(bare.clone())).map(Value::Object),
            Ok(bare)
        );
    }

    #[test]
    fn version_5_adds_peer_support_and_maths_challenge_with_free_ids() {
        let tameside: Vec<(u64, &str, &str)> = (1..=32).map(|id| (id, "Item", "Other")).collect();
        let v5 = migrate(RecordKind::Workspace, v4_with_bank(&tameside)).expect("migrates");
        let bank = bank_of(&v5);
        assert_eq!(bank.len(), 34);
        assert_eq!(
            bank[32..],
            [
                (33, "Peer support".to_string(), "Ebsd".to_string()),
                (34, "Maths challenge".to_string(), "Curriculum".to_string())
            ]
        );
        // Every field as version 5 writes an item.
        assert_eq!(
            v5["provision"]["bank"]["items"][32],
            format_5_bank_items()[0]
        );

        // Ids taken by the school's own items: one more than the largest.
        let mut own = tameside.clone();
        own.push((33, "Reading buddies", "Curriculum"));
        let v5 = migrate(RecordKind::Workspace, v4_with_bank(&own)).expect("migrates");
        assert_eq!(
            names(&bank_of(&v5)[32..]),
            [
                (33, "Reading buddies"),
                (34, "Peer support"),
                (35, "Maths challenge")
            ]
        );
        let gap = [(1, "A", "Other"), (34, "B", "Other"), (40, "C", "Other")];
        let v5 = migrate(RecordKind::Workspace, v4_with_bank(&gap)).expect("migrates");
        assert_eq!(
            names(&bank_of(&v5)[3..]),
            [(33, "Peer support"), (41, "Maths challenge")]
        );
        // An id a provision refers to is taken too, even with no item holding it.
        let mut v4 = v4_with_bank(&[(1, "A", "Other")]);
        v4["provision"]["provisions"] = json!([ { "id": 1, "intervention": 33 } ]);
        let v5 = migrate(RecordKind::Workspace, v4).expect("migrates");
        assert_eq!(
            names(&bank_of(&v5)[1..]),
            [(34, "Peer support"), (35, "Maths challenge")]
        );
    }

    #[test]
    fn an_item_of_the_same_name_in_the_same_list_is_not_added_again() {
        let v4 = v4_with_bank(&[
            (7, "  peer SUPPORT ", "Ebsd"),
            (9, "Maths challenge", "Other"),
        ]);
        let v5 = migrate(RecordKind::Workspace, v4).expect("migrates");
        // Peer support is there (any case, archived or not); Maths challenge only in
        // another list, so the Curriculum one is added.
        assert_eq!(
            names(&bank_of(&v5)),
            [
                (7, "  peer SUPPORT "),
                (9, "Maths challenge"),
                (34, "Maths challenge")
            ]
        );
        let mut both = v4_with_bank(&[
            (1, "Peer Support", "Ebsd"),
            (2, "MATHS CHALLENGE", "Curriculum"),
        ]);
        both["provision"]["bank"]["items"][0]["archived"] = json!(true);
        let v5 = migrate(RecordKind::Workspace, both.clone()).expect("migrates");
        assert_eq!(bank_of(&v5).len(), 2);
        // A bank without items reads as the default bank, which has both.
        let default = json!({ "schema_version": 4, "provision": { "bank": {} } });
        let v5 = migrate(RecordKind::Workspace, default).expect("migrates");
        assert_eq!(v5["provision"]["bank"], json!({}));
    }

    #[test]
    fn the_items_version_5_adds_are_the_banks_defaults_for_them() {
        use crate::core::provision::bank::tameside_items;
        use crate::storage::dto::bank::InterventionDto;
        let defaults: Vec<Value> = tameside_items()[32..]
            .iter()
            .map(|item| serde_json::to_value(InterventionDto::from(item)).expect("json"))
            .collect();
        assert_eq!(defaults, format_5_bank_items());
    }

    #[test]
    fn a_provision_book_not_in_the_planners_shape_cannot_be_migrated() {
        let not = |why| MigrationError { from: 4, why };
        for (provision, why) in [
            (json!("book"), Unmigratable::ProvisionNotABook),
            (json!({ "provisions": {} }), Unmigratable::ProvisionNotABook),
            (
                json!({ "provisions": [1] }),
                Unmigratable::ProvisionNotABook,
            ),
            (
                json!({ "individual": [ { "reviews": "none" } ] }),
                Unmigratable::ProvisionNotABook,
            ),
            (json!({ "bank": [] }), Unmigratable::BankNotAList),
            (
                json!({ "bank": { "items": {} } }),
                Unmigratable::BankNotAList,
            ),
            (
                json!({ "bank": { "items": ["Peer support"] } }),
                Unmigratable::BankNotAList,
            ),
        ] {
            let v4 = json!({ "schema_version": 4, "provision": provision });
            assert_eq!(
                migrate(RecordKind::Workspace, v4),
                Err(not(why)),
                "{provision}"
            );
        }
    }

    #[test]
    fn a_version_5_workspace_writes_out_empty_targets_self_evaluation_and_details() {
        let v5 = json!({ "schema_version": 5, "name": "Oak", "notes": { "ann": "Reads" } });
        assert_eq!(
            migrate(RecordKind::Workspace, v5).expect("migrates"),
            json!({
                "schema_version": 6,
                "name": "Oak",
                "notes": { "ann": "Reads" },
                "targets": { "targets": [], "pupils": {} },
                "self_evaluation": { "answers": [] },
                "details": { "school_name": "", "urn": null, "dfe_number": null,
                             "phase": null, "local_authority": "" }
            })
        );
        // What the step writes is what version 6 writes for an empty book and evaluation.
        use crate::core::self_evaluation::SelfEvaluation;
        use crate::core::targets::TargetBook;
        use crate::storage::dto::self_evaluation::SelfEvaluationDto;
        use crate::storage::dto::targets::TargetBookDto;
        let Ok(Value::Object(v6)) = migrate(RecordKind::Workspace, json!({ "schema_version": 5 }))
        else {
            panic!("migrates to an object")
        };
        assert_eq!(
            v6["targets"],
            serde_json::to_value(TargetBookDto::from(&TargetBook::default())).expect("json")
        );
        assert_eq!(
            v6["self_evaluation"],
            serde_json::to_value(SelfEvaluationDto::from(&SelfEvaluation::default()))
                .expect("json")
        );
        assert_eq!(
            v6["details"],
            serde_json::to_value(crate::storage::dto::school::SchoolDetailsDto::default())
                .expect("json")
        );
        // A field already there is kept as it is.
        let kept = json!({ "schema_version": 5, "targets": { "targets": [ { "id": 1 } ] } });
        let v6 = migrate(RecordKind::Workspace, kept).expect("migrates");
        assert_eq!(v6["targets"], json!({ "targets": [ { "id": 1 } ] }));
        assert_eq!(v6["self_evaluation"], json!({ "answers": [] }));
    }

    #[test]
    fn cohorts_that_are_not_a_list_cannot_be_migrated() {
        for cohorts in [json!("Year 9"), json!(["Year 9"])] {
            let v2 = json!({ "schema_version": 2, "cohorts": cohorts });
            let error = migrate(RecordKind::Workspace, v2).expect_err("not cohorts");
            assert_eq!(error.from, 2);
        }
    }

    #[test]
    fn a_record_that_cannot_be_migrated_says_why_and_from_which_version() {
        let broken = json!({ "schema_version": 1, "name": "Oak" });
        assert_eq!(
            migrate(RecordKind::Workspace, broken),
            Err(MigrationError {
                from: 1,
                why: Unmigratable::NoProfile
            })
        );
        let drop = json!({ "schema_version": 1, "id": "d" });
        assert_eq!(
            migrate(RecordKind::Drop, drop.clone()).expect("migrates"),
            json!({ "schema_version": CURRENT_VERSION, "id": "d" })
        );
    }

    #[test]
    fn fields_that_would_be_lost_are_named() {
        let stored = json!({ "a": 1, "b": { "c": [ { "d": 1, "e": 2 } ] }, "n": null, "keep": [] });
        let written = json!({ "a": 1.0, "b": { "c": [ { "d": 1 } ] } });
        assert_eq!(unrepresented(&stored, &written), ["b.c[0].e"]);
        let shorter = json!({ "a": 1, "b": { "c": [] } });
        assert_eq!(
            unrepresented(&stored, &shorter),
            ["b.c (1 items read as 0)"]
        );
        assert!(unrepresented(&stored, &stored).is_empty());
    }
}
