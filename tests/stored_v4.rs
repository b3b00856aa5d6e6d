//! Version-4 records, frozen under `tests/fixtures/stored/v4/` (what each file is and how it
//! was made: its README). Version 5 stores everything the core's provision gained (member
//! dates, staff changes, places, why it stopped, its expected outcome and measure, views at
//! a review, the need audit's year, expected pupils) and adds "Peer support" and "Maths
//! challenge" to the bank. Each record is decoded and migrated, key values are checked,
//! and writing the decoded record out again must give exactly the stored JSON as migrated.
//! Last, a workspace with every field format 5 added set goes through a record and a
//! backup and comes back equal.

use chrono::NaiveDate;
use planner::core::drop::AcademicYear;
use planner::core::provision::bank::tameside_items;
use planner::core::provision::map::{ApdrReview, IndividualRecord};
use planner::core::provision::{
    Category, ExpectedPupils, Intervention, MeasureSource, MeasureSpec, MeasureValue, MemberDates,
    NeedArea, NeedAuditEntry, Priority, ProvisionStatus, StaffChange, StaffRoleId,
};
use planner::core::value::YearGroup;
use planner::storage::backup::{make_backup, read_backup};
use planner::storage::merge::merge;
use planner::storage::migrate::{migrate, RecordKind};
use planner::storage::schema::{
    decode_drop, decode_workspace, encode_drop, encode_workspace, DropEntry, StoredWorkspace,
    SCHEMA_VERSION,
};
use serde_json::{json, Value};

const V3: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored/v3/");
const V4: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored/v4/");

fn read(dir: &str, name: &str) -> String {
    std::fs::read_to_string(format!("{dir}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("json")
}

fn migrated(kind: RecordKind, text: &str) -> Value {
    migrate(kind, json(text)).expect("migrates")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The bank's defaults for Peer support (33) and Maths challenge (34), with the ids given.
fn format_5_items(ids: [u32; 2]) -> Vec<Intervention> {
    let defaults = tameside_items();
    [(33, ids[0]), (34, ids[1])]
        .into_iter()
        .map(|(default, id)| {
            let mut item = defaults
                .iter()
                .find(|item| item.id.0 == default)
                .cloned()
                .expect("in the defaults");
            item.id.0 = id;
            item
        })
        .collect()
}

/// `record` with what the v4 → v5 step writes taken out again: the two bank items
/// appended (the last two) and every field it writes out empty; and what later steps
/// write (version 6: targets, the self-evaluation and the school details, empty).
fn without_format_5(mut record: Value) -> Value {
    record["schema_version"] = json!(4);
    let later = record.as_object_mut().expect("a record");
    assert_eq!(
        later.remove("targets"),
        Some(json!({"targets": [], "pupils": {}}))
    );
    assert_eq!(
        later.remove("self_evaluation"),
        Some(json!({"answers": []}))
    );
    assert_eq!(
        later.remove("details"),
        Some(
            json!({"school_name": "", "urn": null, "dfe_number": null, "phase": null,
                    "local_authority": ""})
        )
    );
    let book = record["provision"].as_object_mut().expect("a book");
    assert_eq!(book.remove("expected_pupils"), Some(json!([])));
    let items = book["bank"]["items"].as_array_mut().expect("items");
    items.truncate(items.len() - 2);
    for provision in book["provisions"].as_array_mut().expect("provisions") {
        let provision = provision.as_object_mut().expect("a provision");
        for (field, empty) in [
            ("member_dates", json!([])),
            ("staff_changes", json!([])),
            ("places", Value::Null),
            ("stopped_reason", json!("")),
            ("expected_outcome", json!("")),
            ("measure", Value::Null),
        ] {
            assert_eq!(provision.remove(field), Some(empty), "{field}");
        }
    }
    for entry in book["need_audit"].as_array_mut().expect("audit") {
        let entry = entry.as_object_mut().expect("an entry");
        assert_eq!(entry.remove("academic_year"), Some(Value::Null));
    }
    for individual in book["individual"].as_array_mut().expect("individual") {
        for review in individual["reviews"].as_array_mut().expect("reviews") {
            let review = review.as_object_mut().expect("a review");
            assert_eq!(review.remove("pupil_views"), Some(json!("")));
            assert_eq!(review.remove("parent_views"), Some(json!("")));
        }
    }
    record
}

#[test]
fn a_v4_workspace_gains_the_two_bank_items_and_writes_back_exactly() {
    // Reading buddies holds 33 in one; Reading buddies 33 and Lego therapy 34 in the other.
    for (name, items, ids) in [
        ("workspace.json", 33, [34, 35]),
        ("rich-workspace.json", 34, [35, 36]),
    ] {
        let raw = read(V4, name);
        assert!(
            raw.contains("\"schema_version\":4"),
            "{name}: a version-4 record"
        );
        let stored = json(&raw);
        let stored_items = stored["provision"]["bank"]["items"]
            .as_array()
            .expect("items");
        assert_eq!(stored_items.len(), items, "{name}");
        assert!(
            stored_items
                .iter()
                .all(|item| item["name"] != "Peer support" && item["name"] != "Maths challenge"),
            "{name}: neither item stored"
        );

        let w = decode_workspace(&raw).expect("the v4 workspace reads");
        assert_eq!(w.schema_version, SCHEMA_VERSION);
        assert_eq!(w.drops, [DropEntry::new("drop-1796107704469")], "{name}");
        let book = &w.provision;
        assert_eq!(book.bank.items.len(), items + 2, "{name}");
        assert_eq!(book.bank.items[items..], format_5_items(ids), "{name}");
        let added: Vec<(u32, &str, Category)> = book.bank.items[items..]
            .iter()
            .map(|item| (item.id.0, item.name.as_str(), item.category))
            .collect();
        assert_eq!(
            added,
            [
                (ids[0], "Peer support", Category::Ebsd),
                (ids[1], "Maths challenge", Category::Curriculum)
            ],
            "{name}"
        );
        // Every new field reads empty: nothing was made up.
        assert!(book.provisions.iter().all(|p| p.member_dates.is_empty()
            && p.staff_changes.is_empty()
            && p.places.is_none()
            && p.stopped_reason.is_empty()
            && p.expected_outcome.is_empty()
            && p.measure.is_none()));
        assert_eq!(book.need_audit.len(), 2, "{name}");
        assert!(book.need_audit.iter().all(|e| e.academic_year.is_none()));
        assert!(book.individual[0]
            .reviews
            .iter()
            .all(|r| r.pupil_views.is_empty() && r.parent_views.is_empty()));
        assert!(book.expected_pupils.is_empty());

        // Nothing else changed: the same workspace the version-3 record holds (read
        // through the same step), and the step wrote nothing but the bank's two items and
        // the new fields, empty.
        assert_eq!(
            w,
            decode_workspace(&read(V3, name)).expect("reads"),
            "{name}"
        );
        let current = migrated(RecordKind::Workspace, &raw);
        assert_eq!(without_format_5(current.clone()), stored, "{name}");

        // Written out again: exactly the record as migrated.
        let written = json(&encode_workspace(&w).expect("encodes"));
        assert_eq!(written, current, "{name}");
        assert_eq!(written["schema_version"], SCHEMA_VERSION);
        // Read again, nothing more is added.
        let again = decode_workspace(&written.to_string()).expect("reads");
        assert_eq!(again.provision.bank.items.len(), items + 2);
    }
}

#[test]
fn the_rich_v4_workspace_keeps_its_pupils_measures_and_reviews() {
    let w = decode_workspace(&read(V4, "rich-workspace.json")).expect("reads");
    let lego = w
        .provision
        .provisions
        .iter()
        .find(|p| p.intervention.0 == 34)
        .expect("the Lego therapy provision");
    assert_eq!(lego.pupils, ["Q330315814513", "T373320416767"]);
    assert_eq!(lego.status, ProvisionStatus::Stopped);
    assert_eq!(lego.measures.len(), 2);
    assert_eq!(
        lego.measures[0].entry.as_ref().map(|m| m.value.as_str()),
        Some("Stage 3")
    );
    let record = &w.provision.individual[0];
    assert_eq!(record.reviews.len(), 2);
    assert_eq!(record.reviews[1].summary, "On track.");
    assert_eq!(
        record.pupil_views,
        "I like the morning check-in with Mr Patel."
    );
}

#[test]
fn a_v4_drop_reads_and_writes_back_exactly() {
    for name in ["drop-secondary_1200.json", "rich-drop.json"] {
        let raw = read(V4, name);
        assert!(raw.contains("\"schema_version\":4"), "{name}");
        let d = decode_drop(&raw).expect("the v4 drop reads");
        assert_eq!(d.schema_version, SCHEMA_VERSION);
        assert_eq!(d, decode_drop(&read(V3, name)).expect("reads"), "{name}");
        let current = migrated(RecordKind::Drop, &raw);
        // A drop's step changes nothing but its number.
        let mut unchanged = json(&raw);
        unchanged["schema_version"] = json!(SCHEMA_VERSION);
        assert_eq!(current, unchanged, "{name}");
        assert_eq!(json(&encode_drop(&d).expect("encodes")), current, "{name}");
    }
    let big = decode_drop(&read(V4, "drop-secondary_1200.json")).expect("reads");
    assert_eq!(big.drop.pupils.len(), 1200);
}

#[test]
fn a_v4_backup_reads_and_is_made_again_the_same() {
    let raw = read(V4, "backup.json");
    let backup = read_backup(raw.as_bytes()).expect("the v4 backup reads");
    assert_eq!(backup.schema_version, 4);
    assert_eq!(backup.created, "2026-12-01");
    assert_eq!(
        backup.workspace,
        decode_workspace(&read(V4, "workspace.json")).expect("reads")
    );
    assert_eq!(
        backup.workspace.provision.bank.items[33..],
        format_5_items([34, 35])
    );
    assert_eq!(backup.drops.len(), 1);
    assert_eq!(
        backup.drops[0],
        decode_drop(&read(V4, "drop-secondary_1200.json")).expect("reads")
    );
    // Made again from what was read, the file holds the same records, migrated.
    let again =
        json(&make_backup(&backup.workspace, &backup.drops, &backup.created).expect("makes"));
    let mut expected = json(&raw);
    expected["schema_version"] = Value::from(SCHEMA_VERSION);
    expected["workspace"] = migrated(RecordKind::Workspace, &expected["workspace"].to_string());
    expected["drops"][0] = migrated(RecordKind::Drop, &expected["drops"][0].to_string());
    expected["checksum"] = again["checksum"].clone();
    assert_eq!(again, expected);
}

/// The rich workspace with every field stored format 5 added set: a provision with
/// member dates, staff changes, places, a stopped reason, an expected outcome and a
/// typed measure; two more with a measure from attendance and from a subject; reviews
/// with views; audit entries with a year; expected pupils, named and counted.
fn every_format_5_field() -> StoredWorkspace {
    let mut w = decode_workspace(&read(V4, "rich-workspace.json")).expect("reads");
    let book = &mut w.provision;
    let first = book.provisions[0].clone();
    let lego = book
        .provisions
        .iter_mut()
        .find(|p| p.intervention.0 == 34)
        .expect("the Lego therapy provision");
    lego.member_dates = vec![
        MemberDates {
            pupil: "Q330315814513".into(),
            joined: Some(date(2027, 1, 18)),
            left: None,
        },
        MemberDates {
            pupil: "T373320416767".into(),
            joined: Some(date(2027, 1, 11)),
            left: Some(date(2027, 2, 12)),
        },
        MemberDates {
            pupil: "X373210614089".into(),
            joined: None,
            left: Some(date(2027, 3, 5)),
        },
    ];
    lego.staff_changes = vec![
        StaffChange {
            from: date(2027, 2, 1),
            staff: vec![StaffRoleId::TA, StaffRoleId(5)],
        },
        StaffChange {
            from: date(2027, 3, 1),
            staff: Vec::new(),
        },
    ];
    lego.places = Some(6);
    lego.stopped_reason = "The room was needed for exams — “stopped” early".into();
    lego.expected_outcome = "Takes turns without an adult's prompt\nin 4 of 5 sessions".into();
    lego.measure = Some(MeasureSpec {
        name: "Incidents a week".into(),
        unit: "incidents".into(),
        higher_is_better: false,
        lowest: Some(
            MeasureValue::parse("-0.25")
                .expect("a number")
                .expect("one"),
        ),
        highest: Some(
            MeasureValue::parse("1000.1234")
                .expect("a number")
                .expect("one"),
        ),
        source: MeasureSource::Typed,
    });
    let mut attendance = first.clone();
    attendance.measure = Some(MeasureSpec {
        lowest: Some(MeasureValue::ZERO),
        highest: None,
        ..MeasureSpec::presets()
            .into_iter()
            .find(|spec| spec.source == MeasureSource::Attendance)
            .expect("the attendance preset")
    });
    attendance.places = Some(0);
    attendance.member_dates = vec![MemberDates::default()];
    book.add_provision(attendance);
    let mut subject = first;
    subject.measure = Some(MeasureSpec::subject("Maths"));
    subject.staff_changes = vec![StaffChange::default()];
    book.add_provision(subject);
    assert_eq!(book.provisions.len(), 6);

    for review in &mut book.individual[0].reviews {
        review.pupil_views = "I like Lego club. It's “fun” & quiet".into();
        review.parent_views = "Dad: calmer at home\nsince January.".into();
    }
    book.individual.push(IndividualRecord {
        reviews: vec![ApdrReview {
            date: date(2027, 9, 20),
            pupil_views: "Only the pupil spoke.".into(),
            ..ApdrReview::default()
        }],
        ..IndividualRecord::new("T373320416767", AcademicYear { start_year: 2027 })
    });
    book.need_audit[0].academic_year = Some(AcademicYear { start_year: 2027 });
    book.need_audit.push(NeedAuditEntry {
        pupil: "T373320416767".into(),
        area: NeedArea::Mathematics,
        priority: Priority::Could,
        note: "Maths challenge".into(),
        academic_year: Some(AcademicYear { start_year: 2026 }),
    });
    book.expected_pupils = vec![
        ExpectedPupils {
            academic_year: AcademicYear { start_year: 2027 },
            description: "New Year 7 intake".into(),
            count: 12,
            year_group: Some(YearGroup::Year(7)),
            needs: vec![
                (NeedArea::Literacy, Priority::Must),
                (NeedArea::Semh, Priority::Could),
            ],
            note: "From the primary transition meetings".into(),
        },
        ExpectedPupils {
            academic_year: AcademicYear { start_year: 2027 },
            description: "Amélie O'Brien (transfer)".into(),
            count: 1,
            year_group: Some(YearGroup::Reception),
            needs: vec![(NeedArea::Eal, Priority::Should)],
            note: String::new(),
        },
        ExpectedPupils {
            academic_year: AcademicYear { start_year: 2028 },
            description: String::new(),
            count: 0,
            year_group: None,
            needs: Vec::new(),
            note: String::new(),
        },
    ];
    w
}

#[test]
fn every_field_format_5_added_round_trips_through_a_record_and_a_backup() {
    let w = every_format_5_field();
    let text = encode_workspace(&w).expect("encodes");
    assert_eq!(decode_workspace(&text).expect("reads"), w);

    // How the new fields are written: measure values as exact decimal text, the source
    // by name, a year group as a pupil's is stored.
    let written = json(&text);
    let provisions = &written["provision"]["provisions"];
    let lego = &provisions[3];
    assert_eq!(lego["intervention"], 34);
    assert_eq!(lego["places"], 6);
    assert_eq!(
        lego["member_dates"][1],
        json!({"pupil": "T373320416767", "joined": "2027-01-11", "left": "2027-02-12"})
    );
    assert_eq!(
        lego["staff_changes"][0],
        json!({"from": "2027-02-01", "staff": [3, 5]})
    );
    assert_eq!(
        lego["measure"],
        json!({
            "name": "Incidents a week", "unit": "incidents", "higher_is_better": false,
            "lowest": "-0.25", "highest": "1000.1234", "source": "Typed"
        })
    );
    assert_eq!(provisions[4]["measure"]["source"], "Attendance");
    assert_eq!(provisions[4]["measure"]["lowest"], "0");
    assert_eq!(provisions[4]["measure"]["highest"], Value::Null);
    assert_eq!(
        provisions[5]["measure"]["source"],
        json!({"Subject": "Maths"})
    );
    let book = &written["provision"];
    assert_eq!(
        book["need_audit"][0]["academic_year"],
        json!({"start_year": 2027})
    );
    assert_eq!(
        book["expected_pupils"][0]["needs"][1],
        json!({"area": "Semh", "priority": "Could"})
    );
    assert_eq!(book["expected_pupils"][1]["year_group"], "R");

    // Through a backup file too (with a drop of its own: a backup holds the drops it lists).
    let drops = vec![decode_drop(&read(V4, "rich-drop.json")).expect("reads")];
    let w = StoredWorkspace {
        drops: vec![DropEntry::new(drops[0].id.clone())],
        ..w
    };
    let file = make_backup(&w, &drops, "2027-03-01").expect("makes");
    let back = read_backup(file.as_bytes()).expect("reads");
    assert_eq!(back.schema_version, SCHEMA_VERSION);
    assert_eq!(back.workspace, w);
    assert_eq!(back.drops, drops);
}

#[test]
fn two_tabs_changing_the_new_provision_fields_merge_as_the_provision() {
    // The provision book merges whole, so a change to any field format 5 added counts as
    // a change to the provision.
    let base = decode_workspace(&read(V4, "rich-workspace.json")).expect("reads");
    let mut ours = base.clone();
    ours.provision.provisions[0].stopped_reason = "Moved school".into();
    let mut theirs = base.clone();
    theirs.notes.insert("T373320416767".into(), "Theirs".into());
    let merged = merge(&base, &ours, &theirs).expect("no conflict");
    assert_eq!(merged.provision, ours.provision);
    assert_eq!(merged.notes, theirs.notes);

    let rich = every_format_5_field();
    let mut theirs = base.clone();
    theirs.provision.expected_pupils = rich.provision.expected_pupils.clone();
    let merged = merge(&base, &base, &theirs).expect("no conflict");
    assert_eq!(merged.provision.expected_pupils.len(), 3);
    let conflict = merge(&base, &ours, &theirs).expect_err("both changed the provision");
    assert_eq!(conflict.to_string(), "the provision");
}
