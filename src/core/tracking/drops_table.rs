//! The Data drops table (SPEC §3, §8.1): one row per drop, newest first, with who joined
//! and left against the drop before it; and the check before an import that the file is
//! the same school's ("Is this the right school?").

use super::matching::Matching;
use super::timeline::{placement, Period, Placement, Timeline};
use crate::core::drop::{AcademicYear, DataDrop};
use crate::core::import::text::group_thousands;
use chrono::NaiveDate;

/// One row of the Data drops table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropRow {
    pub period: Period,
    pub imported_on: NaiveDate,
    pub file_name: String,
    pub pupils: usize,
    /// Against the drop before it; `None` for the first drop held.
    pub joined: Option<usize>,
    pub left: Option<usize>,
    /// Matched on name and date of birth because a UPN was missing.
    pub matched_without_upn: usize,
    /// Pupils who could not be told apart, listed for the school to check.
    pub ambiguous: usize,
}

/// The rows, newest first. `drops` are in the timeline's order (oldest first).
pub fn drop_rows(timeline: &Timeline, drops: &[&DataDrop]) -> Vec<DropRow> {
    let mut rows: Vec<DropRow> = timeline
        .periods
        .iter()
        .zip(drops)
        .enumerate()
        .map(|(at, (&period, drop))| {
            let change = at
                .checked_sub(1)
                .and_then(|before| timeline.changes.get(before));
            DropRow {
                period,
                imported_on: drop.imported_on,
                file_name: drop.source_file.clone(),
                pupils: drop.pupils.len(),
                joined: change.map(|change| change.joined.len()),
                left: change.map(|change| change.left.len()),
                matched_without_upn: change.map_or(0, Matching::matched_without_upn),
                ambiguous: change.map_or(0, |change| {
                    change.ambiguous.iter().map(|doubt| doubt.later.len()).sum()
                }),
            }
        })
        .collect();
    rows.reverse();
    rows
}

/// What importing a file for `period` will do, said before **Confirm import**: add a new
/// drop, or replace the one held for that term (named by its file, date and pupils), and
/// that the school's own records stay. `held` is every drop held, in any order.
pub fn filing_sentence(held: &[&DataDrop], period: Period) -> String {
    let periods: Vec<Period> = held.iter().map(|drop| Period::of(drop)).collect();
    match placement(&periods, period) {
        Placement::Adds if held.is_empty() => {
            format!("These pupils will be the workspace's first data drop, {period}.")
        }
        Placement::Adds => format!(
            "This file adds a new data drop, {period}. The {} already held {} kept.",
            match held.len() {
                1 => "drop".to_string(),
                n => format!("{n} drops"),
            },
            if held.len() == 1 { "is" } else { "are" }
        ),
        Placement::Replaces(at) => {
            let old = held[at];
            format!(
                "This file replaces the {period} data drop ({}, imported on {}, {} pupils). \
                 Notes, focus flags, provision and targets stay with each pupil.",
                old.source_file,
                old.imported_on.format("%d/%m/%Y"),
                group_thousands(old.pupils.len())
            )
        }
    }
}

/// What an import says once its pupils are kept, when a drop came before it: how they were
/// followed from that drop, and that pupils who could not be told apart are listed, never
/// guessed. `earlier` names the drop before ("Autumn 2025/26").
pub fn followed_sentence(matching: &Matching, earlier: Period) -> String {
    let by_name = matching.matched_without_upn();
    let by_upn = matching.matched.len() - by_name;
    let mut sentence = format!(
        "Followed from {earlier}: {} by UPN, {} by name and date of birth; {} joined, {} left.",
        group_thousands(by_upn),
        group_thousands(by_name),
        group_thousands(matching.joined.len()),
        group_thousands(matching.left.len()),
    );
    let doubtful: usize = matching
        .ambiguous
        .iter()
        .map(|doubt| doubt.later.len())
        .sum();
    if doubtful > 0 {
        sentence.push_str(&format!(
            " {} could not be told apart from another pupil and {} not followed: they are listed on the Data drops page, so check their UPNs.",
            if doubtful == 1 { "1 pupil".to_string() } else { format!("{} pupils", group_thousands(doubtful)) },
            if doubtful == 1 { "was" } else { "were" },
        ));
    }
    sentence
}

/// The academic years the import offers, newest first: next year, this year and the five
/// before it (schools import last year's files too).
pub fn academic_years_offered(today: NaiveDate) -> Vec<AcademicYear> {
    let now = AcademicYear::containing(today).start_year;
    (now - 5..=now + 1)
        .rev()
        .map(|start_year| AcademicYear { start_year })
        .collect()
}

/// Under half of a new file's pupils found among the pupils held: probably another
/// school's file, or the wrong export.
const LOW_OVERLAP_PERCENT: usize = 50;

/// Before an import is confirmed: a warning when few of the file's pupils are already
/// known, in plain words, or `None`. `held` is how many pupils the drop it is matched
/// against holds; a first import (nothing held) never warns.
pub fn overlap_warning(matching: &Matching, held: usize, in_file: usize) -> Option<String> {
    if held == 0 || in_file == 0 {
        return None;
    }
    let percent = matching.percent_matched(in_file);
    (percent < LOW_OVERLAP_PERCENT).then(|| {
        format!(
            "Is this the right school? Only {} of the {} pupils in this file ({percent}%) are \
             pupils the planner already holds. Check you chose this school's file before you \
             confirm.",
            group_thousands(matching.matched.len()),
            group_thousands(in_file),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::{AcademicYear, Term};
    use crate::core::import::build::ImportPlan;
    use crate::core::import::mapping::ColumnMapping;
    use crate::core::pupil::Pupil;
    use crate::core::tracking::matching::match_pupils;
    use crate::core::tracking::test_support::upn;

    fn drop(month: u32, file: &str, serials: &[u32]) -> DataDrop {
        let plan = ImportPlan {
            sheet: 0,
            header_row: 0,
            headings: Vec::new(),
            mapping: ColumnMapping::default(),
        };
        let pupils = serials
            .iter()
            .map(|&serial| Pupil {
                upn: Some(upn(serial)),
                ..Pupil::default()
            })
            .collect();
        let year = if month >= 9 { 2025 } else { 2026 };
        DataDrop::new(
            NaiveDate::from_ymd_opt(year, month, 10).expect("a date"),
            file,
            plan,
            pupils,
        )
    }

    #[test]
    fn rows_are_newest_first_with_joiners_and_leavers_against_the_drop_before() {
        let autumn = drop(10, "autumn.xlsx", &[1, 2, 3]);
        let spring = drop(2, "spring.xlsx", &[2, 3, 4, 5]);
        let timeline = Timeline::follow(&[
            (Period::of(&spring), &spring.pupils),
            (Period::of(&autumn), &autumn.pupils),
        ]);
        let rows = drop_rows(&timeline, &[&autumn, &spring]);
        let summary: Vec<(String, usize, Option<usize>, Option<usize>)> = rows
            .iter()
            .map(|row| (row.period.to_string(), row.pupils, row.joined, row.left))
            .collect();
        assert_eq!(
            summary,
            [
                ("Spring 2025/26".to_string(), 4, Some(2), Some(1)),
                ("Autumn 2025/26".to_string(), 3, None, None),
            ]
        );
        assert_eq!(rows[0].file_name, "spring.xlsx");
        assert_eq!(
            rows[1].imported_on,
            NaiveDate::from_ymd_opt(2025, 10, 10).expect("a date")
        );
        assert_eq!(
            rows[0].period,
            Period {
                academic_year: AcademicYear { start_year: 2025 },
                term: Term::Spring
            }
        );
    }

    #[test]
    fn a_file_with_few_known_pupils_asks_whether_it_is_the_right_school() {
        let held = drop(10, "ours.xlsx", &(1..=10).collect::<Vec<_>>());
        let theirs = drop(2, "theirs.xlsx", &[1, 2, 3, 4, 50, 51, 52, 53, 54, 55]);
        let matching = match_pupils(&held.pupils, &theirs.pupils);
        assert_eq!(
            overlap_warning(&matching, held.pupils.len(), theirs.pupils.len()).as_deref(),
            Some(
                "Is this the right school? Only 4 of the 10 pupils in this file (40%) are \
                 pupils the planner already holds. Check you chose this school's file before \
                 you confirm."
            )
        );
        // Half known is enough; and a first import never warns.
        let ours = drop(2, "ours-spring.xlsx", &[1, 2, 3, 4, 5, 50, 51, 52, 53, 54]);
        let matching = match_pupils(&held.pupils, &ours.pupils);
        assert_eq!(overlap_warning(&matching, 10, 10), None);
        assert_eq!(overlap_warning(&Matching::default(), 0, 10), None);
    }

    #[test]
    fn the_import_says_whether_it_adds_or_replaces_a_drop() {
        use crate::core::drop::Term;
        use crate::core::import::build::ImportPlan;
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a real date");
        let plan = ImportPlan {
            sheet: 0,
            header_row: 0,
            headings: vec![],
            mapping: Default::default(),
        };
        let autumn = DataDrop::new(
            day(2025, 10, 6),
            "autumn.csv",
            plan.clone(),
            vec![Default::default(); 1_210],
        );
        let spring = DataDrop::new(
            day(2026, 2, 2),
            "spring.csv",
            plan,
            vec![Default::default(); 3],
        );
        let period = |start_year, term| Period {
            academic_year: AcademicYear { start_year },
            term,
        };
        assert_eq!(
            filing_sentence(&[], period(2025, Term::Autumn)),
            "These pupils will be the workspace's first data drop, Autumn 2025/26."
        );
        assert_eq!(
            filing_sentence(&[&autumn], period(2025, Term::Spring)),
            "This file adds a new data drop, Spring 2025/26. The drop already held is kept."
        );
        assert_eq!(
            filing_sentence(&[&spring, &autumn], period(2024, Term::Summer)),
            "This file adds a new data drop, Summer 2024/25. The 2 drops already held are kept."
        );
        assert_eq!(
            filing_sentence(&[&spring, &autumn], period(2025, Term::Autumn)),
            "This file replaces the Autumn 2025/26 data drop (autumn.csv, imported on 06/10/2025, \
             1,210 pupils). Notes, focus flags, provision and targets stay with each pupil."
        );
        let years: Vec<String> = academic_years_offered(day(2026, 12, 2))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            years,
            ["2027/28", "2026/27", "2025/26", "2024/25", "2023/24", "2022/23", "2021/22"]
        );
    }

    #[test]
    fn an_import_says_how_its_pupils_were_followed() {
        use crate::core::drop::Term;
        use crate::core::pupil::Pupil;
        use crate::core::tracking::matching::match_pupils;
        use crate::core::tracking::test_support::upn;
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let pupil = |serial: u32, name: &str| Pupil {
            upn: Some(upn(serial)),
            surname: name.into(),
            forename: "Sam".into(),
            date_of_birth: day(2014, 1, 1),
            ..Pupil::default()
        };
        let earlier = vec![
            pupil(1, "Ames"),
            pupil(2, "Bell"),
            pupil(3, "Cole"),
            pupil(4, "Cole"),
        ];
        let mut no_upn = pupil(2, "Bell");
        no_upn.upn = None;
        let mut twin = pupil(3, "Cole");
        twin.upn = None;
        let later = vec![pupil(1, "Ames"), no_upn, twin, pupil(9, "Dunn")];
        let matching = match_pupils(&earlier, &later);
        let autumn = Period {
            academic_year: AcademicYear { start_year: 2025 },
            term: Term::Autumn,
        };
        assert_eq!(
            followed_sentence(&matching, autumn),
            "Followed from Autumn 2025/26: 1 by UPN, 1 by name and date of birth; 1 joined, 0 left. \
             1 pupil could not be told apart from another pupil and was not followed: they are \
             listed on the Data drops page, so check their UPNs."
        );
    }
}
