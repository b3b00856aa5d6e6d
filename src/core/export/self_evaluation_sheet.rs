//! The workbook's "Self-evaluation" sheet (SPEC §8.4, §9): the practical guide's Annex 1
//! grid for all nine features — a row per prompt of every feature's developing practice
//! checklist, in the guide's order, with how effective practice is now, whether it is a
//! development priority ("Yes" or blank), the Phase 1–3 dates (real dates, dd/mm/yyyy)
//! and notes. Always written, every prompt listed: an unanswered prompt's cells are blank.
//! A4 landscape with the header row frozen and repeated on every printed page; the scale's
//! meaning is written under the grid.

use super::workbook::{
    column_widths, excel_date, heading_row, new_sheet, text, Formats, Orientation,
};
use super::{ExportError, ExportInput};
use crate::core::self_evaluation::{Effectiveness, PromptId, SelfEvaluation};
use rust_xlsxwriter::{Format, FormatAlign, Workbook};

/// The sheet's name.
pub const SELF_EVALUATION: &str = "Self-evaluation";

/// The sheet's column headings, in order.
pub const SELF_EVALUATION_HEADINGS: [&str; 8] = [
    "Feature",
    "Prompt",
    "How effective now",
    "Development priority",
    "Phase 1 date",
    "Phase 2 date",
    "Phase 3 date",
    "Notes",
];

/// Writes the Self-evaluation sheet from `evaluation`.
pub(super) fn self_evaluation_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    evaluation: &SelfEvaluation,
    formats: &Formats,
) -> Result<(), ExportError> {
    let sheet = new_sheet(workbook, input, SELF_EVALUATION, Orientation::Landscape)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    heading_row(sheet, 0, &SELF_EVALUATION_HEADINGS, formats)?;
    column_widths(sheet, &[24, 56, 16, 12, 11, 11, 11, 40])?;
    sheet.set_freeze_panes(1, 0)?;
    let top = Format::new().set_align(FormatAlign::Top);
    let date = formats.date.clone().set_align(FormatAlign::Top);
    let mut row = 1u32;
    for prompt in PromptId::all() {
        let answer = evaluation.answer(prompt);
        text(sheet, row, 0, prompt.feature.title(), &formats.wrap)?;
        text(
            sheet,
            row,
            1,
            prompt.text().unwrap_or_default(),
            &formats.wrap,
        )?;
        let effectiveness = answer
            .and_then(|a| a.effectiveness)
            .map_or("", Effectiveness::label);
        text(sheet, row, 2, effectiveness, &top)?;
        let priority = if answer.is_some_and(|a| a.priority) {
            "Yes"
        } else {
            ""
        };
        text(sheet, row, 3, priority, &top)?;
        let phases = answer.map(|a| a.phases().map(|(_, d)| d));
        for (at, phase) in phases.unwrap_or_default().into_iter().enumerate() {
            let col = 4 + at as u16;
            match phase {
                Some(day) => {
                    sheet.write_datetime_with_format(row, col, excel_date(day)?, &date)?;
                }
                None => {
                    sheet.write_blank(row, col, &date)?;
                }
            }
        }
        let notes = answer.map_or("", |a| a.notes.as_str());
        text(sheet, row, 7, notes, &formats.wrap)?;
        row += 1;
    }
    let last = row - 1;
    sheet.autofilter(0, 0, last, SELF_EVALUATION_HEADINGS.len() as u16 - 1)?;
    row += 1;
    text(sheet, row, 0, "How effective now", &formats.bold)?;
    for point in Effectiveness::ALL {
        row += 1;
        text(sheet, row, 0, point.label(), &Format::new())?;
        text(sheet, row, 1, point.hint(), &Format::new())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::AcademicYear;
    use crate::core::export::read_back::{date_of, sheet_rows, text_of, zip_entry};
    use crate::core::export::workbook::{planner_workbook, sheet_names, PupilSheets};
    use crate::core::profile::Profile;
    use crate::core::provision::ProvisionBook;
    use crate::core::pupil::Pupil;
    use crate::core::scoring::{score_all, ScoringContext};
    use crate::core::self_evaluation::{Feature, PromptAnswer};
    use crate::core::targets::TargetBook;
    use calamine::Data;
    use chrono::NaiveDate;
    use std::collections::BTreeSet;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    /// The workbook of a one-pupil school with `evaluation`, as bytes.
    fn workbook_with(evaluation: &SelfEvaluation) -> (Vec<String>, Vec<u8>) {
        let pupils = vec![Pupil {
            forename: "Ada".into(),
            surname: "Lovelace".into(),
            ..Pupil::default()
        }];
        let profile = Profile::universal();
        let scores = score_all(&pupils, &profile, &ScoringContext::new(day(2026, 3, 13)));
        let keys = vec!["Lovelace|Ada|".to_string()];
        let (book, targets, focus) = (
            ProvisionBook::default(),
            TargetBook::default(),
            BTreeSet::new(),
        );
        let input = ExportInput {
            school: "Oakfield",
            details: &crate::core::school::NO_DETAILS,
            academic_year: AcademicYear { start_year: 2025 },
            today: day(2026, 3, 13),
            pupils: &pupils,
            scores: &scores,
            keys: &keys,
            shortlist: &[],
            focus: &focus,
            profile: &profile,
            book: &book,
            targets: &targets,
            self_evaluation: evaluation,
            over_time: None,
        };
        let names = sheet_names(&input, PupilSheets::WholeSchool);
        (names, planner_workbook(&input).expect("a workbook"))
    }

    #[test]
    fn every_prompt_is_a_row_even_with_nothing_answered() {
        let (names, bytes) = workbook_with(&SelfEvaluation::default());
        assert!(names.iter().any(|n| n == SELF_EVALUATION), "{names:?}");
        let rows = sheet_rows(&bytes, SELF_EVALUATION);
        let headings: Vec<String> = rows[0].iter().map(text_of).collect();
        assert_eq!(headings, SELF_EVALUATION_HEADINGS);
        let listed: Vec<(String, String)> = rows[1..33]
            .iter()
            .map(|row| (text_of(&row[0]), text_of(&row[1])))
            .collect();
        let expected: Vec<(String, String)> = PromptId::all()
            .map(|id| {
                (
                    id.feature.title().to_string(),
                    id.text().unwrap_or_default().to_string(),
                )
            })
            .collect();
        assert_eq!(listed, expected);
        for row in &rows[1..33] {
            assert!(row[2..].iter().all(|cell| *cell == Data::Empty), "{row:?}");
        }
        // Under the grid, the scale's meaning.
        let key: Vec<String> = rows[35..39].iter().map(|row| text_of(&row[0])).collect();
        assert_eq!(
            key,
            ["Not yet in place", "Developing", "Established", "Embedded"]
        );
    }

    #[test]
    fn an_answer_is_its_prompts_row_with_real_dates_and_text_neutralised() {
        let mut evaluation = SelfEvaluation::default();
        let prompt = PromptId::new(Feature::Intervention, 2).expect("a prompt");
        evaluation.set(
            prompt,
            PromptAnswer {
                effectiveness: Some(Effectiveness::Developing),
                priority: true,
                phase1: Some(day(2026, 9, 1)),
                phase2: None,
                phase3: Some(day(2027, 7, 16)),
                notes: "=SUM(A1) then review with governors".into(),
            },
        );
        let other = PromptId::new(Feature::HighQualityTeaching, 0).expect("a prompt");
        evaluation.set(
            other,
            PromptAnswer {
                effectiveness: Some(Effectiveness::Embedded),
                ..PromptAnswer::default()
            },
        );
        let (_, bytes) = workbook_with(&evaluation);
        let rows = sheet_rows(&bytes, SELF_EVALUATION);
        let at = 1 + PromptId::all().position(|id| id == prompt).expect("listed");
        let row = &rows[at];
        assert_eq!(text_of(&row[0]), "Intervention");
        assert_eq!(
            text_of(&row[1]),
            "Evaluating the quality and impact of current intervention programmes?"
        );
        assert_eq!(text_of(&row[2]), "Developing");
        assert_eq!(text_of(&row[3]), "Yes");
        assert_eq!(date_of(&row[4]), Some(day(2026, 9, 1)));
        assert_eq!(row[5], Data::Empty);
        assert_eq!(date_of(&row[6]), Some(day(2027, 7, 16)));
        assert_eq!(text_of(&row[7]), "'=SUM(A1) then review with governors");
        let first = &rows[1];
        assert_eq!(text_of(&first[2]), "Embedded");
        assert_eq!(text_of(&first[3]), "");
    }

    #[test]
    fn the_sheet_prints_a4_landscape_with_its_header_frozen_and_dates_dd_mm_yyyy() {
        let (names, bytes) = workbook_with(&SelfEvaluation::default());
        let number = 1 + names
            .iter()
            .position(|n| n == SELF_EVALUATION)
            .expect("the sheet");
        let xml = zip_entry(&bytes, &format!("xl/worksheets/sheet{number}.xml"));
        assert!(xml.contains("orientation=\"landscape\""), "{xml}");
        assert!(xml.contains("paperSize=\"9\""));
        assert!(xml.contains("ySplit=\"1\"") && xml.contains("state=\"frozen\""));
        assert!(xml.contains("<autoFilter ref=\"A1:H33\""));
        let styles = zip_entry(&bytes, "xl/styles.xml");
        assert!(styles.contains("formatCode=\"dd/mm/yyyy\""));
    }
}
