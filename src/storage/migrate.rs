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
}

/// One step: a record of version N as JSON in, version N + 1 out.
type Step = fn(Map<String, Value>) -> Result<Map<String, Value>, Unmigratable>;

/// The steps, in order: `STEPS[0]` turns version 1 into 2, and so on. The current version
/// is `STEPS.len() + 1`.
const WORKSPACE_STEPS: [Step; 3] = [workspace_v1_to_v2, workspace_v2_to_v3, workspace_v3_to_v4];
const DROP_STEPS: [Step; 3] = [drop_unchanged, drop_unchanged, drop_unchanged];

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
            migrate(RecordKind::Workspace, v3).expect("migrates"),
            json!({
                "schema_version": 4,
                "name": "Oak",
                "drops": [ { "id": "drop-17" } ],
                "shown_drop": null
            })
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
