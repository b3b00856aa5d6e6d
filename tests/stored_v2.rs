//! Version-2 records, frozen under `tests/fixtures/stored/v2/` (what each file is and how it
//! was made: its README). Each is decoded and migrated to the current version, key values
//! are checked, and writing the decoded record out again must give exactly the stored
//! JSON as migrated: so the stored format cannot change by accident (a field renamed in
//! the core, a value written another way) without a migration saying so.

use chrono::NaiveDate;
use planner::core::cohort::{Cohort, CohortId, Condition, Marker as CohortMarker};
use planner::core::drop::DataDrop;
use planner::core::import::build::ImportPlan;
use planner::core::import::mapping::{ColumnMapping, Field};
use planner::core::profile::default_flight_path;
use planner::core::provision::map::{ApdrReview, AssessedNeed};
use planner::core::provision::provision::{DeliveryOverrides, PupilMeasures};
use planner::core::provision::{
    Category, HourlyRate, InterventionId, Marker, Measure, NeedArea, Priority, Provision,
    ProvisionStatus, StaffRoleId, Wave,
};
use planner::core::pupil::{Pupil, SubjectAttainment};
use planner::core::scoring::{AttainmentLevel, Factor, MarkerLevel, Rag};
use planner::core::value::{
    EalProficiency, Gender, IdaciBand, IdaciDecile, IdaciScore, Money, Percent, PrimaryNeed,
    SenStatus, Upn, YearGroup,
};
use planner::storage::backup::{make_backup, read_backup};
use planner::storage::migrate::{migrate, RecordKind};
use planner::storage::schema::{
    decode_drop, decode_workspace, encode_drop, encode_workspace, StoredDrop, StoredWorkspace,
    SCHEMA_VERSION,
};
use serde_json::Value;

const V1: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored/v1/");
const V2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored/v2/");

fn read(dir: &str, name: &str) -> String {
    std::fs::read_to_string(format!("{dir}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The v1 workspace with every field the school can set filled in as well: a cohort with
/// every kind of condition, a staff role costed from a salary, an archived bank item with
/// every detail, a provision with overrides, measures and notes, an assessed need with an
/// area, a locally changed profile, another lock time.
///
/// Read today, the v1 workspace's bank ends with the two items stored format 5 adds (Peer
/// support and Maths challenge); version 2 had neither, so they are taken off first and
/// put back last, after the school's own items, with fresh ids, as the v4 → v5 migration
/// appends them to this record.
fn rich_workspace() -> StoredWorkspace {
    let mut w = decode_workspace(&read(V1, "workspace.json")).expect("the v1 workspace reads");
    let format_5_items = w.provision.bank.items.split_off(33);
    w.revision = 27;
    w.synthetic = true;
    w.lock_after_minutes = 30;
    w.profile.changed_locally = true;
    w.cohorts.push(Cohort {
        id: CohortId::next(&w.cohorts),
        name: "Every condition".into(),
        conditions: vec![
            Condition::Factor {
                factor: Factor::Deprivation,
                coloured: true,
            },
            Condition::Marker {
                marker: CohortMarker::Exclusions,
                levels: vec![MarkerLevel::Amber, MarkerLevel::Red, MarkerLevel::Unknown],
            },
            Condition::YearGroupIn(vec![
                YearGroup::N1,
                YearGroup::N2,
                YearGroup::Reception,
                YearGroup::Year(13),
            ]),
            Condition::ClassIn(vec!["7A".into(), " 10B ".into()]),
            Condition::SenStatusIn(vec![SenStatus::EhcPlan, SenStatus::SchoolActionPlus]),
            Condition::PrimaryNeedIn(vec![PrimaryNeed::SpLD, PrimaryNeed::SEMH]),
            Condition::AttendanceAtMost(Percent::from_hundredths(9050)),
            Condition::AttendanceAtLeast(Percent::from_hundredths(1)),
            Condition::Attainment(AttainmentLevel::NoTarget),
            Condition::RagIn(vec![Rag::Amber, Rag::Red]),
            Condition::SummerBorn(false),
            Condition::Disadvantaged(true),
            Condition::Eal(false),
            Condition::LookedAfter(true),
            Condition::Focus(true),
        ],
        members: None,
    });
    w.mapping_memory.remember(
        &["Name".to_string(), "Maths KS2".to_string()],
        &ColumnMapping {
            columns: vec![Field::FullName, Field::AttainmentPrior("Maths".into())],
        },
    );

    let book = &mut w.provision;
    let mentor = book.staff.add(
        "Senior mentor",
        HourlyRate::Salary {
            annual_salary: Money::from_pence(3_200_000),
            on_costs: Percent::from_hundredths(2875),
            paid_hours_per_year: 1265,
        },
    );
    let item_id = book
        .bank
        .add("Lego therapy", Category::Ebsd)
        .expect("a new name");
    let item = book.bank.get_mut(item_id).expect("added");
    item.wave = Wave::Three;
    item.need_area = NeedArea::SensoryPhysical;
    item.delivery.staff = vec![StaffRoleId::TA, mentor];
    item.delivery.group_size = 3;
    item.delivery.sessions_per_week = 2;
    item.delivery.minutes_per_session = 45;
    item.delivery.weeks = Some(12);
    item.resource_cost = Money::from_pence(12_999);
    item.description = "Building together; “turn-taking” & <sharing>".into();
    item.trained_staff_required = true;
    item.archived = true;
    let item = item.clone();
    let mut provision = Provision::new(&item, date(2027, 1, 4), date(2027, 3, 26));
    provision.add_pupils(["Q330315814513", "T373320416767"]);
    provision.marker = Marker::Other;
    provision.overrides = DeliveryOverrides {
        group_size: Some(2),
        sessions_per_week: Some(3),
        minutes_per_session: Some(20),
        weeks: Some(11),
        resource_cost: Some(Money::from_pence(-250)),
    };
    provision.priority = Priority::Should;
    provision.status = ProvisionStatus::Stopped;
    provision.measures = vec![
        PupilMeasures {
            pupil: "Q330315814513".into(),
            entry: Some(Measure {
                name: "Boxall profile".into(),
                value: "Stage 3".into(),
                date: Some(date(2027, 1, 4)),
            }),
            exit: Some(Measure {
                name: "Boxall profile".into(),
                value: "Stage 4".into(),
                date: None,
            }),
        },
        PupilMeasures {
            pupil: "T373320416767".into(),
            entry: None,
            exit: None,
        },
    ];
    provision.notes = "Library, Tuesday and Thursday\nafter lunch".into();
    book.add_provision(provision);
    book.settings.concurrency_limit = 4;
    book.individual[0].assessed_needs.push(AssessedNeed {
        need: "Fine motor skills".into(),
        area: Some(NeedArea::SensoryPhysical),
        access_impact: String::new(),
    });
    book.individual[0].reviews.push(ApdrReview {
        date: date(2027, 1, 15),
        summary: "On track.".into(),
        next_steps: String::new(),
        next_review: None,
        ..ApdrReview::default()
    });
    for mut item in format_5_items {
        item.id = InterventionId(
            w.provision
                .bank
                .items
                .iter()
                .map(|i| i.id.0)
                .max()
                .unwrap_or(0)
                + 1,
        );
        w.provision.bank.items.push(item);
    }
    w
}

/// A drop of two pupils: one with every field set (every kind of value, an attainment
/// row with and without each result, unmapped columns), one with nothing but a name.
fn rich_drop() -> StoredDrop {
    let upn = Upn::parse("W373210125361").expect("a real UPN");
    let full = Pupil {
        upn: Some(upn),
        surname: "Ní Bhriain-O'Neill".into(),
        forename: "Zoë".into(),
        preferred_name: Some("Zo".into()),
        gender: Some(Gender::Other),
        date_of_birth: Some(date(2013, 8, 31)),
        year_group: Some(YearGroup::Year(8)),
        class: Some("8Q".into()),
        sen_status: Some(SenStatus::SenSupport),
        primary_need: Some(PrimaryNeed::MSI),
        looked_after: Some(true),
        eal: Some(true),
        eal_proficiency: Some(EalProficiency::B),
        first_language: Some("Polish".into()),
        arrival_date: Some(date(2024, 4, 2)),
        new_arrival: Some(false),
        entry_date: Some(date(2024, 4, 15)),
        school_moves: Some(2),
        fsm: Some(false),
        pupil_premium: Some(true),
        idaci_score: Some(IdaciScore::try_from(412).expect("in range")),
        idaci_band: Some(IdaciBand::C),
        idaci_decile: Some(IdaciDecile::try_from(3).expect("in range")),
        attendance: Some(Percent::from_hundredths(8750)),
        sessions_possible: Some(320),
        sessions_attended: Some(280),
        suspensions: Some(1),
        suspension_sessions: Some(4),
        permanent_exclusion: Some(false),
        attainment: vec![
            SubjectAttainment {
                subject: "Maths".into(),
                current: Some("4".into()),
                target: Some("6".into()),
                prior: Some("104".into()),
            },
            SubjectAttainment {
                subject: "English".into(),
                current: None,
                target: None,
                prior: None,
            },
        ],
        school_id: Some("URN 123456".into()),
        // Fields added since version 2 wrote this pupil: unknown, so not written.
        school_name: None,
        dfe_number: None,
        extra: vec![
            ("House".into(), "Kestrel".into()),
            ("Notes".into(), "=1+1".into()),
        ],
    };
    let bare = Pupil {
        surname: "Smith".into(),
        forename: "Al".into(),
        ..Pupil::default()
    };
    // Every field version 2 knew: the school's name and DfE number came later.
    let mut columns: Vec<Field> = Field::all_simple()
        .into_iter()
        .filter(|field| !matches!(field, Field::SchoolName | Field::DfeNumber))
        .collect();
    columns.extend([
        Field::AttainmentCurrent("Maths".into()),
        Field::AttainmentTarget("Maths".into()),
        Field::AttainmentPrior("Maths".into()),
        Field::Ignore,
    ]);
    let plan = ImportPlan {
        sheet: 1,
        header_row: 2,
        headings: columns.iter().map(|field| format!("{field:?}")).collect(),
        mapping: ColumnMapping { columns },
    };
    StoredDrop {
        schema_version: SCHEMA_VERSION,
        id: "drop-rich".into(),
        drop: DataDrop::new(date(2027, 2, 1), "rich.xlsx", plan, vec![full, bare]),
    }
}

/// The stored JSON of a fixture, migrated to the current version: what writing the decoded
/// record out again must give.
fn migrated(kind: RecordKind, text: &str) -> Value {
    let value: Value = serde_json::from_str(text).expect("json");
    migrate(kind, value).expect("migrates")
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("json")
}

#[test]
fn the_v2_workspace_reads_and_writes_back_exactly() {
    let raw = read(V2, "workspace.json");
    assert!(raw.contains("\"schema_version\":2"), "a version-2 record");
    let w = decode_workspace(&raw).expect("the v2 workspace reads");
    assert_eq!(w.schema_version, SCHEMA_VERSION);
    assert_eq!(
        (w.id.as_str(), w.name.as_str(), w.revision),
        ("workspace-1796107702974", "Oakfield Academy", 26)
    );
    // Version 3 gave the cohorts ids, in order.
    let cohorts: Vec<(CohortId, &str)> =
        w.cohorts.iter().map(|c| (c.id, c.name.as_str())).collect();
    assert_eq!(
        cohorts,
        [
            (CohortId(1), "Year 9, attendance ≤ 80%"),
            (CohortId(2), "Summer-born Year 7")
        ]
    );
    assert_eq!(
        json(&raw)["cohorts"][0].get("id"),
        None,
        "stored without ids"
    );
    assert_eq!(w.notes.len(), 2);
    assert_eq!(w.focus.len(), 2);
    assert_eq!(w.provision.provisions.len(), 3);
    assert_eq!(w.provision.individual.len(), 1);
    assert_eq!(w.profile.attainment.flight_path, default_flight_path());
    // The same record as the v1 one it was made from.
    assert_eq!(
        w,
        decode_workspace(&read(V1, "workspace.json")).expect("reads")
    );
    assert_eq!(
        json(&encode_workspace(&w).expect("encodes")),
        migrated(RecordKind::Workspace, &raw)
    );
}

#[test]
fn the_v2_drop_reads_and_writes_back_exactly() {
    let raw = read(V2, "drop-secondary_1200.json");
    let stored = decode_drop(&raw).expect("the v2 drop reads");
    assert_eq!(stored.schema_version, SCHEMA_VERSION);
    assert_eq!(stored.id, "drop-1796107704469");
    assert_eq!(stored.drop.source_file, "secondary_1200.xlsx");
    assert_eq!(stored.drop.pupils.len(), 1200);
    assert_eq!(
        stored,
        decode_drop(&read(V1, "drop-secondary_1200.json")).expect("reads")
    );
    assert_eq!(
        json(&encode_drop(&stored).expect("encodes")),
        migrated(RecordKind::Drop, &raw)
    );
}

#[test]
fn the_v2_backup_reads_and_is_made_again_the_same() {
    let raw = read(V2, "backup.json");
    let backup = read_backup(raw.as_bytes()).expect("the v2 backup reads");
    assert_eq!(backup.created, "2026-12-01");
    assert_eq!(
        backup.workspace,
        decode_workspace(&read(V2, "workspace.json")).expect("reads")
    );
    assert_eq!(backup.drops.len(), 1);
    assert_eq!(
        backup.drops[0],
        decode_drop(&read(V2, "drop-secondary_1200.json")).expect("reads")
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

#[test]
fn a_rich_workspace_is_written_as_version_2_wrote_it() {
    let raw = read(V2, "rich-workspace.json");
    let rich = rich_workspace();
    assert_eq!(rich.cohorts[2].id, CohortId(3));
    // Version 5 appended its two bank items after Lego therapy (34), so with fresh ids.
    let last: Vec<(u32, &str)> = rich.provision.bank.items[33..]
        .iter()
        .map(|item| (item.id.0, item.name.as_str()))
        .collect();
    assert_eq!(
        last,
        [
            (34, "Lego therapy"),
            (35, "Peer support"),
            (36, "Maths challenge")
        ]
    );
    assert_eq!(
        json(&encode_workspace(&rich).expect("encodes")),
        migrated(RecordKind::Workspace, &raw)
    );
    assert_eq!(decode_workspace(&raw).expect("reads"), rich);
}

#[test]
fn a_rich_drop_is_written_as_version_2_wrote_it() {
    let raw = read(V2, "rich-drop.json");
    let rich = rich_drop();
    assert_eq!(
        json(&encode_drop(&rich).expect("encodes")),
        migrated(RecordKind::Drop, &raw)
    );
    assert_eq!(decode_drop(&raw).expect("reads"), rich);
}
