//! Version-1 records written by the released build (commit ce47962), frozen under
//! `tests/fixtures/stored/v1/` (how they were made: its README; what was typed: ENTERED.md).
//! Each is decoded and migrated to the current version, and every value the school entered
//! is checked, so no change to the stored format can lose any of it unnoticed.

use chrono::NaiveDate;
use planner::core::cohort::{Cohort, CohortId, Condition};
use planner::core::drop::{AcademicYear, Term};
use planner::core::import::build::{build, plan};
use planner::core::import::mapping::MappingMemory;
use planner::core::import::read::{read_file, Limits};
use planner::core::profile::{default_flight_path, Points};
use planner::core::provision::map::{ApdrReview, AssessedNeed, ExpectedOutcome};
use planner::core::provision::{
    Category, HourlyRate, InterventionId, Marker, NeedArea, NeedAuditEntry, Priority,
    ProvisionStatus, StaffRoleId, Wave,
};
use planner::core::value::{Money, Percent, YearGroup};
use planner::storage::backup::read_backup;
use planner::storage::envelope::{Contents, Envelope};
use planner::storage::schema::{decode_drop, decode_workspace, DropEntry, SCHEMA_VERSION};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stored/v1/");

fn text(name: &str) -> String {
    std::fs::read_to_string(format!("{DIR}{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

const OSCAR: &str = "Q330315814513";
const COHORT_9: [&str; 15] = [
    "T373320416767",
    "Y373366616312",
    "V373372316530",
    "R373269516870",
    "Q373205816132",
    "F373386416057",
    "H373258516582",
    "U373332416021",
    "W373351216705",
    "Y373253516746",
    "D925223116056",
    "J373290916191",
    "R373308516060",
    "H373371416848",
    "R373319616123",
];
const SHORTLIST: [&str; 24] = [
    "Q330315814513",
    "U373380616482",
    "X373358815987",
    "X373210614089",
    "Q373301218417",
    "B373353117090",
    "F373335815974",
    "T202230018723",
    "J373314914826",
    "J373217615381",
    "E373298717417",
    "F373377116798",
    "M373324417632",
    "M373324117241",
    "D373278315882",
    "H373237014579",
    "M373346014689",
    "F886276618116",
    "E373212715213",
    "F373359915963",
    "T373351614697",
    "T330399417266",
    "D373285717066",
    "A925261614302",
];

#[test]
fn the_workspace_record_keeps_everything_the_school_entered() {
    let raw = text("workspace.json");
    assert!(raw.contains("\"schema_version\":1"), "a version-1 record");
    let w = decode_workspace(&raw).expect("the v1 workspace reads");
    assert_eq!(
        w.schema_version, SCHEMA_VERSION,
        "migrated to the current version"
    );
    assert_eq!(
        (w.id.as_str(), w.name.as_str(), w.revision),
        ("workspace-1796107702974", "Oakfield Academy", 26)
    );
    assert_eq!(w.drops, [DropEntry::new("drop-1796107704469")]);
    assert_eq!(w.shown_drop, None, "the latest drop is shown");
    assert!(!w.synthetic);
    assert_eq!(w.lock_after_minutes, 15);

    // The profile: three edits, the rest universal; migrated to profile format 2.
    let p = &w.profile;
    assert_eq!(
        (p.name.as_str(), p.version.as_str()),
        ("Universal profile", "1.0")
    );
    assert_eq!(p.schema_version, planner::core::profile::SCHEMA_VERSION);
    assert_eq!(p.rag.amber_from, Points::from_thousandths(2500));
    assert_eq!(p.rag.red_from, Points::whole(4));
    assert_eq!(p.attendance.amber_at_or_below, 9250);
    assert_eq!(p.attendance.red_at_or_below, 5000);
    assert_eq!(p.birthday.months, [5, 6, 7, 8]);
    assert_eq!(p.birthday.points, Points::whole(1));
    assert_eq!(p.shortlist.percent, 200);
    assert_eq!(p.attainment.flight_path, default_flight_path());
    let mut universal = planner::core::profile::Profile::universal();
    universal.rag.amber_from = Points::from_thousandths(2500);
    universal.attendance.amber_at_or_below = 9250;
    universal.birthday.months = vec![5, 6, 7, 8];
    assert_eq!(*p, universal, "nothing else in the profile changed");

    // Cohorts, in order, given ids 1 and 2 by the version 3 migration.
    assert_eq!(
        w.cohorts,
        [
            Cohort {
                id: CohortId(1),
                name: "Year 9, attendance ≤ 80%".into(),
                conditions: vec![
                    Condition::YearGroupIn(vec![YearGroup::Year(9)]),
                    Condition::AttendanceAtMost(Percent::from_hundredths(8000)),
                ],
                members: None,
            },
            Cohort {
                id: CohortId(2),
                name: "Summer-born Year 7".into(),
                conditions: vec![
                    Condition::YearGroupIn(vec![YearGroup::Year(7)]),
                    Condition::SummerBorn(true),
                ],
                members: None,
            },
        ]
    );

    // Notes, exactly as typed (em dash, curly quotes, a newline); focus flags.
    assert_eq!(w.notes.len(), 2);
    assert_eq!(
        w.notes[OSCAR],
        "Check in with Mum after half term — prefers the quiet room.\nReading age 9y 2m (tested 14/11)."
    );
    assert_eq!(
        w.notes["D202369118819"],
        "New to the school in Year 7; Mandarin at home. Buddy: Ella “Ellie” Ward."
    );
    assert_eq!(
        w.focus.iter().map(String::as_str).collect::<Vec<_>>(),
        [OSCAR, "T373320416767"]
    );

    // The mapping the school confirmed: one, for the file's 32 headings.
    let MappingMemory { confirmed } = &w.mapping_memory;
    assert_eq!(confirmed.len(), 1);
    let (signature, mapping) = confirmed.iter().next().expect("one");
    assert!(signature.starts_with("upn|legalsurname|") && signature.ends_with("|mathstarget"));
    assert_eq!(mapping.columns.len(), 32);

    // The bank: 32 Tameside items and the school's own (33), then the two items stored
    // format 5 adds (the migration's change: 33 → 35 items), given fresh ids as the
    // school's item holds 33.
    let book = &w.provision;
    assert_eq!(book.bank.items.len(), 35);
    let added: Vec<(u32, &str, Category)> = book.bank.items[33..]
        .iter()
        .map(|item| (item.id.0, item.name.as_str(), item.category))
        .collect();
    assert_eq!(
        added,
        [
            (34, "Peer support", Category::Ebsd),
            (35, "Maths challenge", Category::Curriculum)
        ]
    );
    let buddies = book.bank.get(InterventionId(33)).expect("Reading buddies");
    assert_eq!(
        (
            buddies.name.as_str(),
            buddies.category,
            buddies.wave,
            buddies.need_area
        ),
        (
            "Reading buddies",
            Category::Curriculum,
            Wave::Two,
            NeedArea::Other
        )
    );
    assert_eq!(
        (
            buddies.delivery.group_size,
            buddies.delivery.sessions_per_week,
            buddies.delivery.minutes_per_session,
            buddies.delivery.weeks
        ),
        (1, 1, 30, None)
    );
    assert!(
        buddies.delivery.staff.is_empty() && !buddies.archived && !buddies.trained_staff_required
    );
    assert_eq!(
        book.bank.items[11].name, "In-class support",
        "the school's names are kept"
    );

    // Staff: the TA at £19.50, the rest as they were.
    let rates: Vec<(u32, &str, HourlyRate)> = book
        .staff
        .roles
        .iter()
        .map(|r| (r.id.0, r.name.as_str(), r.rate))
        .collect();
    assert_eq!(
        rates,
        [
            (1, "Teacher", HourlyRate::Fixed(Money::from_pence(4500))),
            (2, "HLTA", HourlyRate::Fixed(Money::from_pence(2200))),
            (3, "TA", HourlyRate::Fixed(Money::from_pence(1950))),
            (
                4,
                "Learning mentor",
                HourlyRate::Fixed(Money::from_pence(2000))
            ),
        ]
    );
    let s = &book.settings;
    assert_eq!(s.notional_sen_budget, Money::from_pence(12_500_000));
    assert_eq!(
        (s.weeks_in_year, s.pupil_threshold, s.concurrency_limit),
        (38, Money::from_pence(600_000), 3)
    );

    // The three provisions, every field.
    assert_eq!(book.provisions.len(), 3);
    let expect = [
        (
            1,
            33,
            Marker::Attainment,
            COHORT_9.to_vec(),
            3,
            (2, 40, 10),
            Priority::Must,
            ProvisionStatus::Running,
        ),
        (
            2,
            1,
            Marker::Attendance,
            vec![OSCAR],
            1,
            (4, 10, 8),
            Priority::Must,
            ProvisionStatus::Running,
        ),
        (
            3,
            8,
            Marker::Exclusions,
            SHORTLIST.to_vec(),
            2,
            (2, 45, 12),
            Priority::Could,
            ProvisionStatus::Planned,
        ),
    ];
    for (
        provision,
        (id, item, marker, pupils, staff, (sessions, minutes, weeks), priority, status),
    ) in book.provisions.iter().zip(expect)
    {
        assert_eq!(provision.id.0, id);
        assert_eq!(provision.intervention, InterventionId(item));
        assert_eq!(provision.marker, marker);
        assert_eq!(provision.pupils, pupils, "provision {id}");
        assert_eq!(provision.staff, Some(vec![StaffRoleId(staff)]));
        assert_eq!(
            (provision.start, provision.end),
            (date(2026, 9, 1), date(2027, 8, 31))
        );
        let o = &provision.overrides;
        assert_eq!(
            (
                o.group_size,
                o.sessions_per_week,
                o.minutes_per_session,
                o.weeks,
                o.resource_cost
            ),
            (None, Some(sessions), Some(minutes), Some(weeks), None)
        );
        assert_eq!((provision.priority, provision.status), (priority, status));
        assert!(provision.measures.is_empty() && provision.notes.is_empty());
    }

    // The need audit and the individual provision map.
    assert_eq!(
        book.need_audit,
        [
            NeedAuditEntry {
                pupil: OSCAR.into(),
                area: NeedArea::Literacy,
                priority: Priority::Must,
                note: "Small-group reading comprehension".into(),
                academic_year: None,
            },
            NeedAuditEntry {
                pupil: OSCAR.into(),
                area: NeedArea::Semh,
                priority: Priority::Should,
                note: String::new(),
                academic_year: None,
            },
        ]
    );
    assert_eq!(book.individual.len(), 1);
    let map = &book.individual[0];
    assert_eq!(
        (map.pupil.as_str(), map.academic_year),
        (OSCAR, AcademicYear { start_year: 2026 })
    );
    assert_eq!(
        map.assessed_needs,
        [
            AssessedNeed {
                need: "Reading comprehension".into(),
                area: None,
                access_impact: "struggles to read source texts in history and English lessons"
                    .into(),
            },
            AssessedNeed {
                need: "Multi-sensory impairment".into(),
                area: None,
                access_impact: "needs seating near the front and enlarged print".into(),
            },
        ]
    );
    assert_eq!(
        map.quality_first,
        [
            "Pre-teach key vocabulary",
            "Enlarged, high-contrast handouts"
        ]
    );
    assert_eq!(
        map.expected_outcomes,
        [ExpectedOutcome {
            provision: planner::core::provision::ProvisionId(2),
            outcome: "Attends every day for eight weeks".into(),
        }]
    );
    assert_eq!(
        map.pupil_views,
        "I like the morning check-in with Mr Patel."
    );
    assert_eq!(
        map.parent_views,
        "Mum says he's happier coming to school since October."
    );
    assert_eq!(
        map.reviews,
        [ApdrReview {
            date: date(2026, 11, 20),
            summary: "Attendance up from 88% to 95% since the daily report began.".into(),
            next_steps: "Reduce to three check-ins a week; review again in January.".into(),
            next_review: Some(date(2027, 1, 15)),
            ..ApdrReview::default()
        }]
    );
}

#[test]
fn the_drop_record_holds_every_pupil_exactly_as_imported() {
    let stored = decode_drop(&text("drop-secondary_1200.json")).expect("the v1 drop reads");
    assert_eq!(stored.schema_version, SCHEMA_VERSION);
    assert_eq!(stored.id, "drop-1796107704469");
    let drop = &stored.drop;
    assert_eq!(drop.imported_on, date(2026, 12, 1));
    assert_eq!(drop.academic_year, AcademicYear { start_year: 2026 });
    assert_eq!(drop.term, Term::Autumn);
    assert_eq!(drop.source_file, "secondary_1200.xlsx");
    // Every field of every pupil is what importing the same file gives today.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/secondary_1200.xlsx"
    ))
    .expect("fixture");
    let raw = read_file(&bytes, &Limits::default()).expect("reads");
    let plan = plan(&raw, &MappingMemory::default()).expect("plans");
    let pupils = build(&raw, &plan).pupils;
    assert_eq!(drop.pupils.len(), 1200);
    for (stored, fresh) in drop.pupils.iter().zip(&pupils) {
        assert_eq!(stored, fresh, "{:?}", fresh.upn);
    }
    assert_eq!(drop.plan, plan);
}

#[test]
fn the_backup_file_reads_and_holds_the_same_records() {
    let backup = read_backup(text("backup.json").as_bytes()).expect("the v1 backup reads");
    assert_eq!(
        backup.workspace,
        decode_workspace(&text("workspace.json")).expect("reads")
    );
    assert_eq!(backup.drops.len(), 1);
    assert_eq!(
        backup.drops[0],
        decode_drop(&text("drop-secondary_1200.json")).expect("reads")
    );
    assert_eq!(backup.created, "2026-12-01");
}

#[test]
fn the_protected_records_are_envelopes_bound_to_their_keys() {
    for (file, contents) in [
        ("protected-workspace.json", Contents::Workspace),
        ("protected-drop.json", Contents::DataDrop),
        ("protected-backup.json", Contents::Backup),
    ] {
        let envelope =
            Envelope::parse(&text(file), contents).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(envelope.iterations, 600_000, "{file}");
    }
    // Settings are never encrypted: they name the open workspace.
    let settings: serde_json::Value =
        serde_json::from_str(&text("protected-settings.json")).expect("json");
    assert_eq!(settings["current_workspace"], "workspace-1796107712530");
}
