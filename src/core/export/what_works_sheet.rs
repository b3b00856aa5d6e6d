//! The workbook's "What works" sheet (SPEC §8.2, §9): the What works table of every
//! academic year — a row per intervention and measure with measured pupils, as
//! [`what_works`] gives it — with the intervention's wave and need area. Figures are
//! numbers (money in the currency format, the average gain to four decimal places shown to
//! one, the share improved as a percentage); a figure that does not exist holds the plain
//! reason instead ("no gain", "nobody improved"), and a row with too few pupils measured
//! says "Too few to judge" in words.

use super::table::money;
use super::workbook::{column_widths, heading_row, new_sheet, text, value, Formats, Orientation};
use super::{ExportError, ExportInput};
use crate::core::provision::impact::{too_few_rule, Figure, ImpactFigures, TOO_FEW_TEXT};
use crate::core::provision::{what_works, ImpactFilter, SchoolPupil};
use crate::core::value::Money;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// The sheet's name.
pub const WHAT_WORKS: &str = "What works";

/// The sheet's column headings, in order.
pub const WHAT_WORKS_HEADINGS: [&str; 16] = [
    "Intervention",
    "Wave",
    "Need area",
    "Measure",
    "Unit",
    "Better when",
    "Pupils",
    "Pupils measured",
    "Average gain",
    "Improved",
    "Improved (share)",
    "Cost per pupil",
    "Cost per unit of gain",
    "Cost per pupil improved",
    "Total cost",
    "Enough measured to judge",
];

/// Writes a money figure, or the reason it does not exist.
fn money_or_reason(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    figures: &ImpactFigures,
    amount: Option<Money>,
    figure: Figure,
    formats: &Formats,
) -> Result<(), ExportError> {
    match (amount, figures.why_none(figure)) {
        (Some(amount), _) => value(sheet, row, col, &money(amount), &formats.money),
        (None, reason) => text(sheet, row, col, reason.unwrap_or(""), &Format::new()),
    }
}

/// Writes the What works sheet: every year, every intervention and measure with a pupil
/// measured, in the bank's order.
pub(super) fn what_works_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    school: &[SchoolPupil],
    formats: &Formats,
) -> Result<(), ExportError> {
    let rows = what_works(input.book, school, ImpactFilter::default());
    let sheet = new_sheet(workbook, input, WHAT_WORKS, Orientation::Landscape)?;
    heading_row(sheet, 0, &WHAT_WORKS_HEADINGS, formats)?;
    column_widths(
        sheet,
        &[28, 8, 20, 24, 10, 10, 8, 10, 10, 10, 10, 12, 12, 12, 12, 16],
    )?;
    sheet.set_freeze_panes(1, 1)?;
    let gain = Format::new().set_num_format("+0.0;-0.0;0.0");
    let share = Format::new().set_num_format("0%");
    let plain = Format::new();
    let mut at = 1u32;
    for row in &rows {
        let f = &row.figures;
        text(sheet, at, 0, &row.name, &plain)?;
        text(sheet, at, 1, &row.wave.to_string(), &plain)?;
        text(sheet, at, 2, row.need_area.label(), &plain)?;
        text(sheet, at, 3, &row.measure.name, &plain)?;
        text(sheet, at, 4, row.measure.unit.trim(), &plain)?;
        let better = if row.measure.higher_is_better {
            "Higher"
        } else {
            "Lower"
        };
        text(sheet, at, 5, better, &plain)?;
        sheet.write_number(at, 6, f.pupils as f64)?;
        sheet.write_number(at, 7, f.measured as f64)?;
        match f.average_gain {
            Some(average) => {
                sheet.write_number_with_format(at, 8, average.as_f64(), &gain)?;
            }
            None => text(sheet, at, 8, "nobody measured", &plain)?,
        }
        sheet.write_number(at, 9, f.improved as f64)?;
        if f.measured > 0 {
            let part = f.improved as f64 / f.measured as f64;
            sheet.write_number_with_format(at, 10, part, &share)?;
        } else {
            text(sheet, at, 10, "nobody measured", &plain)?;
        }
        money_or_reason(
            sheet,
            at,
            11,
            f,
            f.cost_per_pupil,
            Figure::CostPerPupil,
            formats,
        )?;
        money_or_reason(
            sheet,
            at,
            12,
            f,
            f.cost_per_unit_of_gain,
            Figure::CostPerUnitOfGain,
            formats,
        )?;
        money_or_reason(
            sheet,
            at,
            13,
            f,
            f.cost_per_pupil_improved,
            Figure::CostPerPupilImproved,
            formats,
        )?;
        value(sheet, at, 14, &money(f.cost), &formats.money)?;
        let judge = if f.too_few_to_judge() {
            TOO_FEW_TEXT
        } else {
            "Yes"
        };
        text(sheet, at, 15, judge, &plain)?;
        at += 1;
    }
    let last = at.saturating_sub(1);
    sheet.autofilter(0, 0, last, WHAT_WORKS_HEADINGS.len() as u16 - 1)?;
    if rows.is_empty() {
        text(
            sheet,
            at,
            0,
            "No provision has measured pupils yet: name a measure for a provision and enter each pupil's entry and exit values on the Provision page.",
            &plain,
        )?;
        at += 1;
    }
    at += 1;
    text(
        sheet,
        at,
        0,
        "Gains are only compared within one measure: an intervention measured two ways has a row for each. Costs are for the whole of each provision, in every year.",
        &plain,
    )?;
    text(sheet, at + 1, 0, &too_few_rule(), &plain)?;
    Ok(())
}
