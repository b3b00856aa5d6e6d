//! Version-5 records, frozen under `tests/fixtures/stored/v5/` (what each file is and how it
//! was made: its README). Version 6 stores the school's targets and self-evaluation
//! (issue 15) and its details (issue 16). Each record is decoded and migrated: it gains an
//! empty target book, an empty self-evaluation and no school details, nothing else
//! changes, and writing the decoded record out again gives exactly the stored JSON as
//! migrated. Then a workspace with every target field, a curricular target with every
//! field, self-evaluation answers with every field set and every school detail set goes
//! through a record and a backup and comes back equal, and a field the stored shapes do
//! not know is reported, never dropped.

use chrono::NaiveDate;
use planner::core::cohort::CohortId;
use planner::core::drop::{AcademicYear, Term};
use planner::core::provision::MeasureValue;
use planner::core::school::{DfeNumber, SchoolDetails, SchoolPhase, Urn};
use planner::core::self_evaluation::{
    Effectiveness, Feature, PromptAnswer, PromptId, SelfEvaluation,
};
use planner::core::targets::curricular::{CurricularProgress, CurricularTarget, Horizon};
use planner::core::targets::{
    MarkerKind, Target, TargetBook, TargetGroup, TargetId, TargetLevel, TargetMeasure, TargetStatus,
};
use planner::core::tracking::timeline::Period;
use planner::core::tracking::trends::StandardGroup;
use planner::core::value::YearGroup;
use planner::storage::backup::{make_backup, read_backup};
use planner::storage::merge::merge;
use planner::storage::migrate::{migrate, RecordKind};
use planner::storage::schema::{
    decode_drop, decode_workspace, encode_drop, encode_workspace, DropEntry, StorageError,
    StoredWorkspace, SCHEMA_VERSION,
};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const V4: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored/v4/");
const V5: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored/v5/");

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

fn value(text: &str) -> MeasureValue {
    MeasureValue::parse(text)
        .expect("a number")
        .expect("not blank")
}

/// `record` with what the v5 → v6 step writes taken out again: the target book, the
/// self-evaluation and the school details, all empty.
fn without_format_6(mut record: Value) -> Value {
    record["schema_version"] = json!(5);
    let fields = record.as_object_mut().expect("a record");
    assert_eq!(
        fields.remove("targets"),
        Some(json!({"targets": [], "pupils": {}}))
    );
    assert_eq!(
        fields.remove("self_evaluation"),
        Some(json!({"answers": []}))
    );
    assert_eq!(
        fields.remove("details"),
        Some(
            json!({"school_name": "", "urn": null, "dfe_number": null, "phase": null,
                    "local_authority": ""})
        )
    );
    record
}

const WORKSPACES: [&str; 3] = [
    "workspace.json",
    "rich-workspace.json",
    "every-field-workspace.json",
];

#[test]
fn a_v5_workspace_gains_empty_targets_self_evaluation_and_details_and_writes_back_exactly() {
    for name in WORKSPACES {
        let raw = read(V5, name);
        assert!(
            raw.contains("\"schema_version\":5"),
            "{name}: a version-5 record"
        );
        let stored = json(&raw);
        assert!(stored.get("targets").is_none(), "{name}: no targets stored");
        assert!(stored.get("self_evaluation").is_none(), "{name}");
        assert!(stored.get("details").is_none(), "{name}");

        let w = decode_workspace(&raw).expect("the v5 workspace reads");
        assert_eq!(w.schema_version, SCHEMA_VERSION);
        assert_eq!(w.targets, TargetBook::default(), "{name}");
        assert_eq!(w.self_evaluation, SelfEvaluation::default(), "{name}");
        assert_eq!(w.details, SchoolDetails::default(), "{name}");
        assert_eq!(w.drops, [DropEntry::new("drop-1796107704469")], "{name}");

        // Nothing else changed: the step wrote the three parts, empty, and nothing more.
        let current = migrated(RecordKind::Workspace, &raw);
        assert_eq!(current["schema_version"], SCHEMA_VERSION);
        assert_eq!(without_format_6(current.clone()), stored, "{name}");

        // Written out again: exactly the record as migrated.
        let written = json(&encode_workspace(&w).expect("encodes"));
        assert_eq!(written, current, "{name}");
        // Read again, it is the same workspace.
        assert_eq!(
            decode_workspace(&written.to_string()).expect("reads"),
            w,
            "{name}"
        );
    }
    // The v4 records read through every step are the same workspaces.
    for name in ["workspace.json", "rich-workspace.json"] {
        assert_eq!(
            decode_workspace(&read(V5, name)).expect("reads"),
            decode_workspace(&read(V4, name)).expect("reads"),
            "{name}"
        );
    }
}

#[test]
fn the_every_field_v5_workspace_keeps_what_format_5_added() {
    let w = decode_workspace(&read(V5, "every-field-workspace.json")).expect("reads");
    let book = &w.provision;
    assert_eq!(book.provisions.len(), 6);
    let lego = &book.provisions[3];
    assert_eq!(lego.intervention.0, 34);
    assert_eq!(lego.places, Some(6));
    assert_eq!(lego.member_dates.len(), 3);
    assert_eq!(lego.staff_changes[0].from, date(2027, 2, 1));
    let measure = lego.measure.as_ref().expect("a measure");
    assert_eq!(measure.lowest, Some(value("-0.25")));
    assert_eq!(measure.highest, Some(value("1000.1234")));
    assert_eq!(
        book.individual[0].reviews[0].parent_views,
        "Dad: calmer at home\nsince January."
    );
    assert_eq!(book.expected_pupils.len(), 3);
    assert_eq!(
        book.need_audit[0].academic_year,
        Some(AcademicYear { start_year: 2027 })
    );
}

#[test]
fn a_v5_drop_reads_and_writes_back_exactly() {
    for name in ["drop-secondary_1200.json", "rich-drop.json"] {
        let raw = read(V5, name);
        assert!(raw.contains("\"schema_version\":5"), "{name}");
        let d = decode_drop(&raw).expect("the v5 drop reads");
        assert_eq!(d.schema_version, SCHEMA_VERSION);
        assert_eq!(d, decode_drop(&read(V4, name)).expect("reads"), "{name}");
        let current = migrated(RecordKind::Drop, &raw);
        // A drop's step changes nothing but its number.
        let mut unchanged = json(&raw);
        unchanged["schema_version"] = json!(SCHEMA_VERSION);
        assert_eq!(current, unchanged, "{name}");
        assert_eq!(json(&encode_drop(&d).expect("encodes")), current, "{name}");
    }
    let big = decode_drop(&read(V5, "drop-secondary_1200.json")).expect("reads");
    assert_eq!(big.drop.pupils.len(), 1200);
}

#[test]
fn a_v5_backup_reads_and_is_made_again_the_same() {
    let raw = read(V5, "backup.json");
    let backup = read_backup(raw.as_bytes()).expect("the v5 backup reads");
    assert_eq!(backup.schema_version, 5);
    assert_eq!(backup.created, "2026-12-01");
    assert_eq!(
        backup.workspace,
        decode_workspace(&read(V5, "workspace.json")).expect("reads")
    );
    assert_eq!(backup.workspace.targets, TargetBook::default());
    assert_eq!(backup.drops.len(), 1);
    assert_eq!(
        backup.drops[0],
        decode_drop(&read(V5, "drop-secondary_1200.json")).expect("reads")
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

/// A target with every field set (`part_of` as given), for `level` and `measure`.
fn target(id: u32, level: TargetLevel, measure: TargetMeasure, status: TargetStatus) -> Target {
    Target {
        id: TargetId(id),
        level,
        description: format!("Target {id}: “better” & sooner\nfor everyone"),
        measure: Some(measure),
        baseline: Some(value("93.5")),
        baseline_from: Some(Period {
            academic_year: AcademicYear { start_year: 2026 },
            term: Term::Autumn,
        }),
        target_value: Some(value("96.1234")),
        by: Some(date(2027, 7, 16)),
        owner: "Mrs O'Neill (SENCO)".into(),
        review_on: Some(date(2027, 2, 12)),
        status: Some(status),
        notes: "Agreed with governors; see the SIP.".into(),
        part_of: Some(TargetId(1)),
    }
}

/// The every-field v5 workspace with targets at every level, for every measure and
/// status, a curricular target of every horizon and progress with every field set, a
/// self-evaluation answer for every feature and effectiveness with every field set, and
/// every school detail given.
fn every_format_6_field() -> StoredWorkspace {
    let mut w = decode_workspace(&read(V5, "every-field-workspace.json")).expect("reads");
    let y7 = YearGroup::Year(7);
    let mut first = target(
        1,
        TargetLevel::WholeSchool,
        TargetMeasure::Attendance,
        TargetStatus::OnTrack,
    );
    first.part_of = None;
    let mut targets = vec![
        first,
        target(
            2,
            TargetLevel::YearGroup(YearGroup::Reception),
            TargetMeasure::PersistentAbsence,
            TargetStatus::NotStarted,
        ),
        target(
            3,
            TargetLevel::Group {
                group: TargetGroup::Standard(StandardGroup::Disadvantaged),
                year: Some(y7),
            },
            TargetMeasure::PupilsSuspended,
            TargetStatus::AtRisk,
        ),
        target(
            4,
            TargetLevel::Group {
                group: TargetGroup::Cohort(CohortId(2)),
                year: None,
            },
            TargetMeasure::LowAttainers {
                subject: "Maths".into(),
            },
            TargetStatus::Met,
        ),
        target(
            5,
            TargetLevel::Pupil("Q330315814513".into()),
            TargetMeasure::MeanGrade {
                subject: "English".into(),
            },
            TargetStatus::Missed,
        ),
    ];
    let groups = StandardGroup::ALL;
    let markers = [
        MarkerKind::OverallAmberOrRed,
        MarkerKind::OverallRed,
        MarkerKind::AttendanceAmberOrRed,
        MarkerKind::ExclusionsAmberOrRed,
        MarkerKind::Shortlist,
    ];
    for (at, group) in groups.into_iter().enumerate() {
        let marker = markers[at % markers.len()];
        let id = 6 + at as u32;
        targets.push(target(
            id,
            TargetLevel::Group {
                group: TargetGroup::Standard(group),
                year: None,
            },
            TargetMeasure::WithMarker(marker),
            TargetStatus::ALL[at % TargetStatus::ALL.len()],
        ));
    }
    // And one with nothing but its id, level and description: no measure, no status chosen.
    targets.push(Target::new(
        TargetId(20),
        TargetLevel::WholeSchool,
        "Every pupil has a say in their targets",
    ));

    let curricular = |id: u32, horizon: Horizon, progress: CurricularProgress| CurricularTarget {
        id,
        horizon,
        area: "Social communication".into(),
        text: format!("Takes turns in a group of 4 — “without prompts” (target {id})"),
        set_on: Some(date(2026, 9, 14)),
        review_on: Some(date(2026, 12, 11)),
        pupil_set: true,
        parents_set: true,
        pupil_reviewed: true,
        parents_reviewed: true,
        progress,
        review_notes: "Mum & Dad came; agreed to keep going.\nNext: Lego club.".into(),
    };
    let mut pupils = BTreeMap::new();
    pupils.insert(
        "Q330315814513".to_string(),
        vec![
            curricular(1, Horizon::Short, CurricularProgress::Achieved),
            curricular(2, Horizon::Medium, CurricularProgress::PartlyAchieved),
            curricular(3, Horizon::Long, CurricularProgress::NotAchieved),
        ],
    );
    pupils.insert(
        "Smith|Amélie|2014-05-02".to_string(),
        vec![CurricularTarget {
            set_on: None,
            review_on: None,
            pupil_set: false,
            parents_set: false,
            pupil_reviewed: false,
            parents_reviewed: false,
            review_notes: String::new(),
            ..curricular(1, Horizon::Short, CurricularProgress::NotYetReviewed)
        }],
    );
    w.targets = TargetBook { targets, pupils };

    let effectiveness = Effectiveness::ALL;
    for (at, feature) in Feature::ALL.into_iter().enumerate() {
        let prompt = PromptId {
            feature,
            number: at as u8 * 2,
        };
        let answer = PromptAnswer {
            effectiveness: Some(effectiveness[at % effectiveness.len()]),
            priority: at % 2 == 0,
            phase1: Some(date(2026, 9, 1)),
            phase2: Some(date(2027, 1, 4)),
            phase3: Some(date(2027, 4, 19)),
            notes: format!("Feature {at}: “start small” & share\nwith staff"),
        };
        w.self_evaluation.answers.insert(prompt, answer);
    }
    // A prompt answered with nothing but a note.
    w.self_evaluation.answers.insert(
        PromptId {
            feature: Feature::WiderNeeds,
            number: 255,
        },
        PromptAnswer {
            notes: "Ask the family liaison officer".into(),
            ..PromptAnswer::default()
        },
    );
    w.details = SchoolDetails {
        school_name: "St Mary's C of E — “Upper” School".into(),
        urn: Urn::parse("100042").expect("a URN"),
        dfe_number: DfeNumber::parse("0012001").expect("a DfE number"),
        phase: Some(SchoolPhase::AlternativeProvision),
        local_authority: "Tameside".into(),
    };
    w
}

#[test]
fn every_field_format_6_added_round_trips_through_a_record_and_a_backup() {
    let w = every_format_6_field();
    assert_eq!(w.targets.targets.len(), 14);
    assert_eq!(w.self_evaluation.answers.len(), 10);
    let text = encode_workspace(&w).expect("encodes");
    assert_eq!(decode_workspace(&text).expect("reads"), w);

    // How the new parts are written: words in snake case, values as exact decimal text,
    // dates as ISO dates, the term as a relabelled drop's, ids as numbers.
    let written = json(&text);
    let targets = &written["targets"]["targets"];
    assert_eq!(targets[0]["level"], "whole_school");
    assert_eq!(targets[0]["measure"], "attendance");
    assert_eq!(targets[0]["baseline"], "93.5");
    assert_eq!(targets[0]["target_value"], "96.1234");
    assert_eq!(
        targets[0]["baseline_from"],
        json!({"academic_year": {"start_year": 2026}, "term": "Autumn"})
    );
    assert_eq!(targets[0]["by"], "2027-07-16");
    assert_eq!(targets[0]["status"], "on_track");
    assert_eq!(targets[0]["part_of"], Value::Null);
    assert_eq!(targets[1]["level"], json!({"year_group": "R"}));
    assert_eq!(targets[1]["part_of"], 1);
    assert_eq!(
        targets[2]["level"],
        json!({"group": {"group": {"standard": "disadvantaged"}, "year": "Y7"}})
    );
    assert_eq!(
        targets[3]["level"],
        json!({"group": {"group": {"cohort": 2}, "year": null}})
    );
    assert_eq!(
        targets[3]["measure"],
        json!({"low_attainers": {"subject": "Maths"}})
    );
    assert_eq!(targets[4]["level"], json!({"pupil": "Q330315814513"}));
    assert_eq!(targets[4]["status"], "missed");
    assert_eq!(
        targets[8]["measure"],
        json!({"with_marker": "exclusions_amber_or_red"})
    );
    assert_eq!(targets[13]["status"], Value::Null);
    let curricular = &written["targets"]["pupils"]["Q330315814513"];
    assert_eq!(curricular[1]["horizon"], "medium");
    assert_eq!(curricular[1]["progress"], "partly_achieved");
    assert_eq!(curricular[1]["set_on"], "2026-09-14");
    assert_eq!(curricular[1]["parents_reviewed"], true);
    let answers = &written["self_evaluation"]["answers"];
    assert_eq!(
        answers[1],
        json!({
            "feature": "target_setting", "number": 2, "effectiveness": "developing",
            "priority": false, "phase1": "2026-09-01", "phase2": "2027-01-04",
            "phase3": "2027-04-19",
            "notes": "Feature 1: “start small” & share\nwith staff"
        })
    );
    assert_eq!(answers[9]["feature"], "wider_needs");
    assert_eq!(answers[9]["number"], 255);
    assert_eq!(
        written["details"],
        json!({
            "school_name": "St Mary's C of E — “Upper” School", "urn": "100042",
            "dfe_number": "001/2001", "phase": "alternative_provision",
            "local_authority": "Tameside"
        })
    );
    // Every phase is written as its own word and read back as itself.
    for phase in SchoolPhase::ALL {
        let mut other = w.clone();
        other.details.phase = Some(phase);
        let text = encode_workspace(&other).expect("encodes");
        assert_eq!(
            decode_workspace(&text).expect("reads").details,
            other.details
        );
    }

    // Through a backup file too (with a drop of its own: a backup holds the drops it lists).
    let drops = vec![decode_drop(&read(V5, "rich-drop.json")).expect("reads")];
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
fn an_unknown_field_in_the_targets_self_evaluation_or_details_is_reported_not_dropped() {
    let w = every_format_6_field();
    let mut record = json(&encode_workspace(&w).expect("encodes"));
    // A misspelt field, or one from a build that was never released, at every depth.
    record["targets"]["targets"][0]["baseline_term"] = json!("Autumn");
    record["targets"]["pupils"]["Q330315814513"][2]["carers_set"] = json!(true);
    record["targets"]["archived"] = json!([]);
    record["targets"]["archive"] = json!([{"id": 1}]);
    record["self_evaluation"]["answers"][0]["phase4"] = json!("2027-07-01");
    record["self_evaluation"]["reviewed_on"] = json!("2027-07-01");
    record["details"]["ofsted_rating"] = json!("Good");
    let error = decode_workspace(&record.to_string()).expect_err("unknown fields");
    let StorageError::UnknownFields(mut lost) = error else {
        panic!("reported as unknown fields: {error:?}")
    };
    lost.sort();
    // `archived` holds nothing, so nothing is lost by not reading it.
    assert_eq!(
        lost,
        [
            "details.ofsted_rating",
            "self_evaluation.answers[0].phase4",
            "self_evaluation.reviewed_on",
            "targets.archive",
            "targets.pupils.Q330315814513[2].carers_set",
            "targets.targets[0].baseline_term",
        ]
    );
}

#[test]
fn a_damaged_value_in_the_targets_self_evaluation_or_details_is_named() {
    let w = every_format_6_field();
    let record = json(&encode_workspace(&w).expect("encodes"));
    for (damage, named) in [
        (json!({"/targets/targets/0/target_value": "96 %"}), "96 %"),
        (
            json!({"/targets/targets/1/level": {"year_group": "Y15"}}),
            "Y15",
        ),
        (
            json!({"/self_evaluation/answers/1/feature": "high_quality_teaching",
                   "/self_evaluation/answers/1/number": 0}),
            "high_quality_teaching 0",
        ),
        (json!({"/details/urn": "10042"}), "10042"),
        (json!({"/details/dfe_number": "1/2001"}), "1/2001"),
    ] {
        let mut damaged = record.clone();
        for (pointer, value) in damage.as_object().expect("pointers") {
            *damaged.pointer_mut(pointer).expect("there") = value.clone();
        }
        let error = decode_workspace(&damaged.to_string()).expect_err("damaged");
        assert!(
            matches!(&error, StorageError::Damaged(detail) if detail.contains(named)),
            "{named}: {error:?}"
        );
    }
}

#[test]
fn two_tabs_changing_targets_the_self_evaluation_or_details_merge_each_whole() {
    let base = decode_workspace(&read(V5, "rich-workspace.json")).expect("reads");
    let rich = every_format_6_field();
    let mut ours = base.clone();
    ours.targets = rich.targets.clone();
    let mut theirs = base.clone();
    theirs.self_evaluation = rich.self_evaluation.clone();
    let merged = merge(&base, &ours, &theirs).expect("no conflict");
    assert_eq!(merged.targets, rich.targets);
    assert_eq!(merged.self_evaluation, rich.self_evaluation);

    // The school details merge whole too: one tab's details, the other's self-evaluation.
    let mut described = base.clone();
    described.details = rich.details.clone();
    let merged = merge(&base, &described, &theirs).expect("no conflict");
    assert_eq!(merged.details, rich.details);
    assert_eq!(merged.self_evaluation, rich.self_evaluation);
    let mut other = base.clone();
    other.details.local_authority = "Oldham".into();
    let conflict = merge(&base, &described, &other).expect_err("both changed the details");
    assert_eq!(conflict.to_string(), "the school details");

    theirs.targets.targets = rich.targets.targets[..1].to_vec();
    let conflict = merge(&base, &ours, &theirs).expect_err("both changed the targets");
    assert_eq!(conflict.to_string(), "the targets");
}
