//! The parents' report: what it says for one pupil, and that it says nothing of anyone
//! else.

use super::*;
use crate::core::drop::Term;
use crate::core::profile::Profile;
use crate::core::provision::map::ApdrReview;
use crate::core::provision::provision::DeliveryOverrides;
use crate::core::provision::{Intervention, ProvisionStatus, StaffRoleId, Wave};
use crate::core::scoring::score_all;
use crate::core::targets::curricular::{CurricularProgress, CurricularTarget, Horizon};
use crate::core::targets::test_support::{context, period, upn};
use crate::core::tracking::over_time::over_time;
use crate::core::tracking::timeline::Timeline;
use crate::core::tracking::trends::ScoredDrop;
use crate::core::value::YearGroup;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

const TODAY: (i32, u32, u32) = (2026, 3, 13);

fn today() -> NaiveDate {
    date(TODAY.0, TODAY.1, TODAY.2)
}

fn pupil(serial: u32, forename: &str, surname: &str, attendance: u32) -> Pupil {
    Pupil {
        upn: Some(upn(serial)),
        forename: forename.to_string(),
        surname: surname.to_string(),
        year_group: YearGroup::year(4),
        attendance: Some(Percent::from_hundredths(attendance)),
        ..Pupil::default()
    }
}

fn key(p: &Pupil) -> String {
    p.upn.as_ref().expect("a UPN").as_str().to_string()
}

fn target(id: u32, horizon: Horizon, area: &str, text: &str) -> CurricularTarget {
    CurricularTarget {
        id,
        horizon,
        area: area.to_string(),
        text: text.to_string(),
        set_on: Some(date(2025, 9, 20)),
        review_on: Some(date(2026, 4, 1)),
        pupil_set: true,
        parents_set: true,
        pupil_reviewed: false,
        parents_reviewed: false,
        progress: CurricularProgress::NotYetReviewed,
        review_notes: String::new(),
    }
}

/// A wave-2 item of the default bank.
fn targeted(book: &ProvisionBook) -> Intervention {
    book.bank
        .items
        .iter()
        .find(|item| item.wave != Wave::One && !item.archived)
        .expect("a targeted item")
        .clone()
}

/// A provision of `intervention` for `pupils`, run by a teacher and a TA, 3 × 30 minutes
/// a week in groups of up to 4.
fn provision(
    intervention: &Intervention,
    pupils: &[&str],
    start: NaiveDate,
    end: NaiveDate,
    status: ProvisionStatus,
) -> Provision {
    let mut provision = Provision::new(intervention, start, end);
    provision.add_pupils(pupils.iter().copied());
    provision.staff = Some(vec![StaffRoleId::TEACHER, StaffRoleId::TA]);
    provision.overrides = DeliveryOverrides {
        group_size: Some(4),
        sessions_per_week: Some(3),
        minutes_per_session: Some(30),
        ..DeliveryOverrides::default()
    };
    provision.status = status;
    provision
}

fn review(on: NaiveDate, next_steps: &str, pupil: &str, parents: &str) -> ApdrReview {
    ApdrReview {
        date: on,
        summary: format!("Found on {on}"),
        next_steps: next_steps.to_string(),
        next_review: Some(date(2026, 5, 20)),
        pupil_views: pupil.to_string(),
        parent_views: parents.to_string(),
    }
}

/// Two pupils in the same two drops, with targets, a shared group and reviews each.
struct School {
    autumn: Vec<Pupil>,
    spring: Vec<Pupil>,
    targets: TargetBook,
    book: ProvisionBook,
}

fn school() -> School {
    let ada = pupil(1, "Ada", "Lovelace", 9_520);
    let bea = pupil(2, "Beatrix", "Potter", 8_100);
    let (ada_key, bea_key) = (key(&ada), key(&bea));
    let mut spring_ada = ada.clone();
    spring_ada.attendance = Some(Percent::from_hundredths(9_405));
    let mut spring_bea = bea.clone();
    spring_bea.attendance = Some(Percent::from_hundredths(7_990));

    let mut targets = TargetBook::default();
    targets.pupils.insert(
        ada_key.clone(),
        vec![
            target(
                1,
                Horizon::Short,
                "Reading",
                "Read a page aloud to an adult",
            ),
            target(2, Horizon::Long, "Maths", "Know the times tables to 12"),
        ],
    );
    targets.pupils.insert(
        bea_key.clone(),
        vec![target(1, Horizon::Short, "Writing", "Beatrix's own target")],
    );

    let mut book = ProvisionBook::default();
    let item = targeted(&book);
    // A group both are in, running now.
    let shared = provision(
        &item,
        &[&ada_key, &bea_key],
        date(2026, 1, 5),
        date(2026, 7, 17),
        ProvisionStatus::Running,
    );
    let shared_id = book.add_provision(shared);
    book.individual_record_mut(&ada_key, AcademicYear { start_year: 2025 })
        .set_outcome(shared_id, "Reads with expression");
    book.individual_record_mut(&bea_key, AcademicYear { start_year: 2025 })
        .set_outcome(shared_id, "Beatrix's hoped-for outcome");
    book.individual_record_mut(&ada_key, AcademicYear { start_year: 2025 })
        .reviews
        .push(review(
            date(2026, 2, 10),
            "Practise reading at home three times a week",
            "Ada: I like the new books",
            "Ada's mum: reading is calmer at home",
        ));
    book.individual_record_mut(&bea_key, AcademicYear { start_year: 2025 })
        .reviews
        .push(review(
            date(2026, 3, 1),
            "Beatrix's next steps",
            "Beatrix's own words",
            "Beatrix's parents' words",
        ));
    School {
        autumn: vec![ada.clone(), bea.clone()],
        spring: vec![spring_bea, spring_ada],
        targets,
        book,
    }
}

/// The report for the pupil at `place` in the spring drop, over both drops.
fn report_for(school: &School, place: usize) -> ParentReport {
    let timeline = Timeline::follow(&[
        (period(2025, Term::Autumn), &school.autumn),
        (period(2025, Term::Spring), &school.spring),
    ]);
    let profile = Profile::universal();
    let autumn_scores = score_all(&school.autumn, &profile, &context());
    let spring_scores = score_all(&school.spring, &profile, &context());
    let drops = [
        ScoredDrop {
            pupils: &school.autumn,
            scores: &autumn_scores,
        },
        ScoredDrop {
            pupils: &school.spring,
            scores: &spring_scores,
        },
    ];
    let person = timeline.person_at(1, place).expect("followed");
    let rows = over_time(&timeline, person, &drops);
    let pupil = &school.spring[place];
    let key = key(pupil);
    ParentReport::for_pupil(&ReportInput {
        school: "Oakfield Primary",
        pupil,
        key: &key,
        today: today(),
        targets: &school.targets,
        book: &school.book,
        over_time: &rows,
        shown: Shown::Full,
    })
}

#[test]
fn the_report_holds_nothing_from_another_pupil() {
    let school = school();
    // Ada is second in the spring drop; Beatrix shares her group.
    let report = report_for(&school, 1);
    let text = report.all_text().join("\n");
    assert!(text.contains("Ada Lovelace"), "{text}");
    for other in [
        "Beatrix",
        "Potter",
        upn(2).as_str(),
        "81.0%",
        "79.9%",
        "Writing",
    ] {
        assert!(!text.contains(other), "{other} in:\n{text}");
    }
    // No costs, and none of the planner's judgements.
    for judgement in [
        "£",
        "Red",
        "Amber",
        "Green",
        "RAG",
        "indicator",
        "shortlist",
    ] {
        assert!(!text.contains(judgement), "{judgement} in:\n{text}");
    }
    // The group is described by its size limit, never by who else is in it.
    assert_eq!(report.support.len(), 1);
    assert!(!report.support[0].how_often.contains('2'));
}

#[test]
fn the_report_gives_the_pupil_their_own_name_year_school_and_date() {
    let report = report_for(&school(), 1);
    assert_eq!(report.school, "Oakfield Primary");
    assert_eq!(report.name, "Ada Lovelace");
    assert_eq!(report.year_group, "Year 4");
    assert_eq!(report.date, "13/03/2026");
}

#[test]
fn targets_come_short_medium_long_with_progress_and_involvement_in_words() {
    let mut school = school();
    let ada = key(&school.spring[1]);
    let long = &mut school.targets.pupils.get_mut(&ada).expect("targets")[1];
    long.progress = CurricularProgress::PartlyAchieved;
    long.parents_reviewed = true;
    long.review_notes = "Keep practising the 7s and 8s".to_string();
    let report = report_for(&school, 1);
    let headings: Vec<(&str, usize)> = report
        .targets
        .iter()
        .map(|h| (h.heading.as_str(), h.targets.len()))
        .collect();
    assert_eq!(
        headings,
        [
            ("Short-term targets", 1),
            ("Medium-term targets", 0),
            ("Long-term targets", 1)
        ]
    );
    let short = &report.targets[0].targets[0];
    assert_eq!(
        (
            short.area.as_str(),
            short.text.as_str(),
            short.progress,
            short.set_with.as_str(),
            short.reviewed_with.as_str(),
            short.set_on.as_str(),
            short.review_on.as_str(),
        ),
        (
            "Reading",
            "Read a page aloud to an adult",
            "Not yet reviewed",
            "Set with: pupil, parents",
            "Not reviewed yet",
            "20/09/2025",
            "01/04/2026",
        )
    );
    let long = &report.targets[2].targets[0];
    assert_eq!(long.progress, "Partly achieved");
    assert_eq!(long.reviewed_with, "Reviewed with: parents");
    assert_eq!(long.agreed, "Keep practising the 7s and 8s");
    assert!(report.has_targets());
}

#[test]
fn support_is_only_what_runs_for_the_pupil_today_said_without_costs() {
    let mut school = school();
    let ada = key(&school.spring[1]);
    let item = targeted(&school.book);
    let mut one_to_one = provision(
        &item,
        &[&ada],
        date(2025, 11, 3),
        date(2026, 3, 27),
        ProvisionStatus::Planned,
    );
    one_to_one.overrides.group_size = Some(1);
    one_to_one.overrides.sessions_per_week = Some(1);
    one_to_one.staff = Some(vec![StaffRoleId::HLTA]);
    school.book.add_provision(one_to_one);
    for (start, end, status) in [
        // Finished, stopped, not started yet, and over already.
        (
            date(2025, 9, 8),
            date(2026, 7, 17),
            ProvisionStatus::Finished,
        ),
        (
            date(2025, 9, 8),
            date(2026, 7, 17),
            ProvisionStatus::Stopped,
        ),
        (
            date(2026, 4, 20),
            date(2026, 7, 17),
            ProvisionStatus::Planned,
        ),
        (
            date(2025, 9, 8),
            date(2026, 3, 12),
            ProvisionStatus::Running,
        ),
    ] {
        school
            .book
            .add_provision(provision(&item, &[&ada], start, end, status));
    }
    // A group Ada left last week.
    let mut left = provision(
        &item,
        &[&ada],
        date(2025, 9, 8),
        date(2026, 7, 17),
        ProvisionStatus::Running,
    );
    left.leave(&ada, date(2026, 3, 6));
    school.book.add_provision(left);

    let report = report_for(&school, 1);
    let support: Vec<(&str, &str, &str, &str)> = report
        .support
        .iter()
        .map(|s| {
            (
                s.how_often.as_str(),
                s.with_whom.as_str(),
                s.ends.as_str(),
                s.hoped_for.as_str(),
            )
        })
        .collect();
    assert_eq!(
        support,
        [
            (
                "1 session a week, 30 minutes each, one to one",
                "Higher-level teaching assistant",
                "27/03/2026",
                ""
            ),
            (
                "3 sessions a week, 30 minutes each, in a small group of up to 4",
                "Teacher and teaching assistant",
                "17/07/2026",
                "Reads with expression"
            ),
        ]
    );
    assert!(report.support.iter().all(|s| s.what == item.name));
}

#[test]
fn attendance_is_a_line_per_drop_the_pupil_is_in_with_a_text_alternative() {
    let report = report_for(&school(), 1);
    let lines: Vec<String> = report
        .attendance
        .iter()
        .map(AttendancePoint::text)
        .collect();
    assert_eq!(lines, ["Autumn 2025/26 — 95.2%", "Spring 2025/26 — 94.1%"]);
    assert_eq!(
        report.attendance_sentence(),
        "Attendance at each data drop: Autumn 2025/26 95.2%, Spring 2025/26 94.1%."
    );
}

#[test]
fn attendance_not_recorded_says_so() {
    let point = AttendancePoint {
        period: period(2025, Term::Summer),
        attendance: None,
    };
    assert_eq!(point.text(), "Summer 2025/26 — not recorded");
}

#[test]
fn the_last_review_is_the_latest_on_or_before_today_in_any_year() {
    let mut school = school();
    let ada = key(&school.spring[1]);
    // Last year's review, and one dated after today (typed ahead), are not the latest.
    school
        .book
        .individual_record_mut(&ada, AcademicYear { start_year: 2024 })
        .reviews
        .push(review(date(2025, 6, 30), "Last year's steps", "", ""));
    school
        .book
        .individual_record_mut(&ada, AcademicYear { start_year: 2025 })
        .reviews
        .push(review(date(2026, 4, 30), "Not happened yet", "", ""));
    let report = report_for(&school, 1);
    let last = report.last_review.expect("a review");
    assert_eq!(
        (
            last.date.as_str(),
            last.agreed.as_str(),
            last.pupil_views.as_str(),
            last.parent_views.as_str(),
            last.next_review.as_str()
        ),
        (
            "10/02/2026",
            "Practise reading at home three times a week",
            "Ada: I like the new books",
            "Ada's mum: reading is calmer at home",
            "20/05/2026"
        )
    );
}

#[test]
fn a_pupil_with_nothing_recorded_gets_an_empty_report_not_someone_elses() {
    let school = school();
    let newcomer = pupil(3, "Cyril", "Newman", 10_000);
    let key = key(&newcomer);
    let report = ParentReport::for_pupil(&ReportInput {
        school: "Oakfield Primary",
        pupil: &newcomer,
        key: &key,
        today: today(),
        targets: &school.targets,
        book: &school.book,
        over_time: &[],
        shown: Shown::Full,
    });
    assert!(!report.has_targets());
    assert!(report.support.is_empty());
    assert!(report.last_review.is_none());
    assert_eq!(
        report.attendance_sentence(),
        "No attendance is recorded yet."
    );
}

#[test]
fn privacy_display_mode_names_the_pupil_by_initials() {
    let school = school();
    let ada = &school.spring[1];
    let key = key(ada);
    let report = ParentReport::for_pupil(&ReportInput {
        school: "Oakfield Primary",
        pupil: ada,
        key: &key,
        today: today(),
        targets: &school.targets,
        book: &school.book,
        over_time: &[],
        shown: Shown::Private,
    });
    assert_eq!(report.name, "A.L.");
}

#[test]
fn staff_roles_are_written_out_for_parents() {
    assert_eq!(role_words("TA"), "Teaching assistant");
    assert_eq!(role_words("hlta"), "Higher-level teaching assistant");
    assert_eq!(role_words(" Learning mentor "), "Learning mentor");
}
