//! The workbook's "Pupil targets" sheet (SPEC §8.3, §9): one row per curricular target of
//! every pupil — UPN, name, year group, how far ahead, area, the target, the dates it was
//! set and is reviewed (as dates, dd/mm/yyyy), who took part in setting and in reviewing
//! it, its progress and what was agreed at review — in the drop's pupil order, then the
//! targets of pupils not in the drop. Written only when some pupil has a target. Every
//! text cell goes through [`neutralise`](super::neutralise) (via `workbook::text`).

use super::workbook::{
    column_widths, excel_date, heading_row, new_sheet, text, Formats, Orientation,
};
use super::{ExportError, ExportInput};
use crate::core::pupil::Pupil;
use crate::core::targets::involvement::{by_horizon, who_took_part};
use crate::core::value::Upn;
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::collections::HashMap;

/// The sheet's name.
pub const PUPIL_TARGETS: &str = "Pupil targets";

/// The sheet's column headings, in order.
pub const PUPIL_TARGETS_HEADINGS: [&str; 12] = [
    "UPN",
    "Name",
    "Year group",
    "How far ahead",
    "Area",
    "Target",
    "Set on",
    "Review on",
    "Set with",
    "Reviewed with",
    "Progress",
    "Agreed at review",
];

/// Whether the workbook has a Pupil targets sheet: some pupil has a curricular target.
pub fn has_pupil_targets(input: &ExportInput<'_>) -> bool {
    input.targets.pupils.values().any(|list| !list.is_empty())
}

/// The pupil keys with targets, in the drop's order, then those not in the drop (by key),
/// each with its pupil when in the drop.
fn pupils_in_order<'a>(input: &ExportInput<'a>) -> Vec<(&'a str, Option<&'a Pupil>)> {
    let in_drop: HashMap<&str, &Pupil> = input
        .keys
        .iter()
        .map(String::as_str)
        .zip(input.pupils)
        .collect();
    let mut order: Vec<(&str, Option<&Pupil>)> = input
        .keys
        .iter()
        .filter(|key| input.targets.pupils.contains_key(key.as_str()))
        .map(|key| (key.as_str(), in_drop.get(key.as_str()).copied()))
        .collect();
    order.extend(
        input
            .targets
            .pupils
            .keys()
            .filter(|key| !in_drop.contains_key(key.as_str()))
            .map(|key| (key.as_str(), None)),
    );
    order
}

fn date(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    day: Option<NaiveDate>,
    formats: &Formats,
) -> Result<(), ExportError> {
    match day {
        Some(day) => {
            sheet.write_datetime_with_format(row, col, excel_date(day)?, &formats.date)?;
        }
        None => {
            sheet.write_blank(row, col, &formats.date)?;
        }
    }
    Ok(())
}

/// Writes the Pupil targets sheet, when some pupil has a target.
pub(super) fn pupil_targets_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    formats: &Formats,
) -> Result<(), ExportError> {
    if !has_pupil_targets(input) {
        return Ok(());
    }
    let sheet = new_sheet(workbook, input, PUPIL_TARGETS, Orientation::Landscape)?;
    heading_row(sheet, 0, &PUPIL_TARGETS_HEADINGS, formats)?;
    column_widths(sheet, &[16, 24, 11, 13, 16, 44, 11, 11, 15, 15, 16, 40])?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_repeat_rows(0, 0)?;
    let plain = Format::new();
    let mut at = 1u32;
    for (key, pupil) in pupils_in_order(input) {
        // A key that is not a UPN is the pupil's name and date of birth: not a UPN.
        let upn = match pupil {
            Some(pupil) => pupil.upn.as_ref().map(|u| u.as_str().to_string()),
            None => Upn::parse(key).ok().map(|u| u.as_str().to_string()),
        };
        let name = pupil.map(Pupil::display_name).unwrap_or_default();
        let year = pupil
            .and_then(|p| p.year_group)
            .map(|y| y.label())
            .unwrap_or_default();
        for (horizon, targets) in by_horizon(input.targets.curricular(key)) {
            for target in targets {
                text(sheet, at, 0, upn.as_deref().unwrap_or_default(), &plain)?;
                text(sheet, at, 1, &name, &plain)?;
                text(sheet, at, 2, &year, &plain)?;
                text(sheet, at, 3, horizon.label(), &plain)?;
                text(sheet, at, 4, &target.area, &plain)?;
                text(sheet, at, 5, &target.text, &formats.wrap)?;
                date(sheet, at, 6, target.set_on, formats)?;
                date(sheet, at, 7, target.review_on, formats)?;
                let set = who_took_part(target.pupil_set, target.parents_set);
                text(sheet, at, 8, set, &plain)?;
                let reviewed = who_took_part(target.pupil_reviewed, target.parents_reviewed);
                text(sheet, at, 9, reviewed, &plain)?;
                text(sheet, at, 10, target.progress.label(), &plain)?;
                text(sheet, at, 11, &target.review_notes, &formats.wrap)?;
                at += 1;
            }
        }
    }
    sheet.autofilter(0, 0, at - 1, (PUPIL_TARGETS_HEADINGS.len() - 1) as u16)?;
    Ok(())
}

#[cfg(test)]
#[path = "pupil_targets_sheet_tests.rs"]
mod tests;
