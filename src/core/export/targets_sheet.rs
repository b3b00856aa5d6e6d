//! The workbook's "Targets" sheet (SPEC §8.3, §9): one row per target, in the order the
//! Targets page lists them (each target followed by its year groups' parts) — who it is
//! for, its level, description, measure, baseline and the drop it was taken from, then a
//! column per data drop held with the target's figure there (a number: a percentage to
//! one decimal place shown, a count whole, a grade to two; or, where there is none, the
//! sentence saying why), then the target value, by date and review date (as dates,
//! dd/mm/yyyy), owner, status (staff's, or the planner's "(suggested)") and notes.
//! The rows and words are `targets::view`'s, so the sheet says what the page says, except
//! that a pupil is named in full (exports always hold the full data). Written only when
//! the school has a target. Every text cell goes through [`neutralise`](super::neutralise)
//! (via `workbook::text`).

use super::table::Value;
use super::workbook::{column_widths, heading_row, new_sheet, text, value, Formats, Orientation};
use super::{ExportError, ExportInput};
use crate::core::provision::measure::MeasureValue;
use crate::core::pupil::PupilKey;
use crate::core::targets::measure::Measuring;
use crate::core::targets::view::{target_rows, SeriesPoint};
use crate::core::targets::{Target, TargetMeasure};
use crate::core::tracking::timeline::Period;
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::collections::HashMap;

/// The sheet's name.
pub const TARGETS: &str = "Targets";

/// Whether the workbook has a Targets sheet: the school has set a target.
pub fn has_targets(input: &ExportInput<'_>) -> bool {
    !input.targets.targets.is_empty()
}

/// The drops the figures are worked out over, in the timeline's order.
fn periods(input: &ExportInput<'_>) -> Vec<Period> {
    input
        .over_time
        .map(|over_time| over_time.timeline.periods.clone())
        .unwrap_or_default()
}

/// The sheet's headings: who and what, then a column per drop, then the rest.
pub fn targets_headings(input: &ExportInput<'_>) -> Vec<String> {
    let mut headings: Vec<String> = [
        "Who",
        "Level",
        "Description",
        "Measure",
        "Baseline",
        "Baseline from",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    headings.extend(periods(input).iter().map(Period::to_string));
    headings.extend(
        [
            "Target value",
            "By",
            "Owner",
            "Review date",
            "Status",
            "Part of",
            "Notes",
        ]
        .into_iter()
        .map(String::from),
    );
    headings
}

/// The number format a measure's figures are shown in: a percentage to one decimal place,
/// a count whole, a grade to two decimal places (as the page writes them).
fn figure_format(measure: Option<&TargetMeasure>) -> Format {
    let pattern = match measure {
        Some(TargetMeasure::PupilsSuspended) => "0",
        Some(TargetMeasure::MeanGrade { .. }) => "0.00",
        Some(_) => "0.0",
        None => "General",
    };
    Format::new().set_num_format(pattern)
}

/// A date cell's value, blank when there is no date.
fn day(date: Option<NaiveDate>) -> Value {
    date.map_or(Value::Blank, Value::Date)
}

fn figure(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<MeasureValue>,
    format: &Format,
) -> Result<(), ExportError> {
    match value {
        Some(value) => {
            sheet.write_number_with_format(row, col, value.as_f64(), format)?;
        }
        None => {
            sheet.write_blank(row, col, &Format::new())?;
        }
    }
    Ok(())
}

/// Writes the Targets sheet, when the school has a target.
pub(super) fn targets_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    formats: &Formats,
) -> Result<(), ExportError> {
    if !has_targets(input) {
        return Ok(());
    }
    // Every pupil's name in full, from the latest drop they are in.
    let mut names: HashMap<String, String> = HashMap::new();
    for (key, pupil) in input.keys.iter().zip(input.pupils) {
        names.insert(key.clone(), pupil.display_name());
    }
    if let Some(over_time) = input.over_time {
        for drop in over_time.drops.iter().rev() {
            for pupil in drop.pupils {
                names
                    .entry(PupilKey::of(pupil).into_string())
                    .or_insert_with(|| pupil.display_name());
            }
        }
    }
    let name = |key: &str| names.get(key).cloned().unwrap_or_else(|| key.to_string());
    let rows = match input.over_time {
        Some(over_time) => {
            let measuring = Measuring {
                timeline: over_time.timeline,
                drops: over_time.drops,
                profile: input.profile,
                cohorts: over_time.cohorts,
            };
            target_rows(input.targets, Some(&measuring), input.today, &name)
        }
        None => target_rows(input.targets, None, input.today, &name),
    };
    let drops = periods(input);
    let headings = targets_headings(input);
    let heading_refs: Vec<&str> = headings.iter().map(String::as_str).collect();
    let sheet = new_sheet(workbook, input, TARGETS, Orientation::Landscape)?;
    heading_row(sheet, 0, &heading_refs, formats)?;
    let mut widths = vec![22, 12, 36, 24, 10, 16];
    widths.extend(std::iter::repeat_n(16, drops.len()));
    widths.extend([10, 12, 18, 12, 22, 30, 36]);
    column_widths(sheet, &widths)?;
    sheet.set_freeze_panes(1, 3)?;
    let plain = Format::new();
    let descriptions: HashMap<_, _> = input
        .targets
        .targets
        .iter()
        .map(|t| (t.id, t.description.as_str()))
        .collect();
    let mut at = 1u32;
    for row in &rows {
        let Some(target): Option<&Target> = input.targets.target(row.id) else {
            continue;
        };
        let measure = target.measure.as_ref();
        let number = figure_format(measure);
        text(sheet, at, 0, &row.who, &plain)?;
        text(sheet, at, 1, row.level.label(), &plain)?;
        text(sheet, at, 2, &row.description, &formats.wrap)?;
        text(sheet, at, 3, row.measure.as_deref().unwrap_or(""), &plain)?;
        figure(sheet, at, 4, target.baseline, &number)?;
        let from = target
            .baseline_from
            .map(|p| p.to_string())
            .unwrap_or_default();
        text(sheet, at, 5, &from, &plain)?;
        let mut col = 6u16;
        for period in &drops {
            let point: Option<&SeriesPoint> = row.series.iter().find(|p| p.period == *period);
            match point {
                Some(SeriesPoint {
                    value: Some(value), ..
                }) => figure(sheet, at, col, Some(*value), &number)?,
                Some(point) => text(sheet, at, col, &point.text, &plain)?,
                None => sheet.write_blank(at, col, &plain).map(|_| ())?,
            }
            col += 1;
        }
        figure(sheet, at, col, target.target_value, &number)?;
        value(sheet, at, col + 1, &day(target.by), &formats.date)?;
        text(sheet, at, col + 2, &target.owner, &plain)?;
        value(sheet, at, col + 3, &day(target.review_on), &formats.date)?;
        text(sheet, at, col + 4, &row.status_text, &plain)?;
        let part_of = target
            .part_of
            .and_then(|id| descriptions.get(&id).copied())
            .unwrap_or("");
        text(sheet, at, col + 5, part_of, &plain)?;
        text(sheet, at, col + 6, &target.notes, &formats.wrap)?;
        at += 1;
    }
    sheet.autofilter(0, 0, at.saturating_sub(1), headings.len() as u16 - 1)?;
    Ok(())
}

#[cfg(test)]
#[path = "targets_sheet_tests.rs"]
mod tests;
