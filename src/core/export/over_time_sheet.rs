//! The workbook's "Over time" sheet (SPEC §8.1, §9): a row per pupil followed through the
//! data drops held, with their attendance and overall indicator at each drop, so a school
//! can chart any pupil in Excel. Written only when two or more drops are held.

use super::workbook::{column_widths, heading_row, new_sheet, text, Formats, Orientation};
use super::{ExportError, ExportInput};
use crate::core::scoring::pupil_attendance;
use crate::core::tracking::timeline::Timeline;
use crate::core::tracking::trends::ScoredDrop;
use rust_xlsxwriter::{Format, Workbook};

/// Every drop held, followed through time, for the Over time sheet (two or more drops)
/// and the Targets sheet's figures at each drop (one or more, with the saved cohorts a
/// target may be for).
#[derive(Debug, Clone, Copy)]
pub struct OverTimeInput<'a> {
    /// Who is who across the drops.
    pub timeline: &'a Timeline,
    /// The drops, scored with the current profile, in the timeline's order.
    pub drops: &'a [ScoredDrop<'a>],
    /// The saved cohorts, for a target set for one.
    pub cohorts: &'a [crate::core::cohort::Cohort],
}

/// The sheet's name.
pub const OVER_TIME: &str = "Over time";

/// Whether the export has an Over time sheet: two or more drops held.
pub fn has_over_time(input: &ExportInput<'_>) -> bool {
    input
        .over_time
        .is_some_and(|over_time| over_time.drops.len() >= 2)
}

/// The headings: the pupil, then attendance and the overall indicator per drop.
pub fn over_time_headings(over_time: &OverTimeInput<'_>) -> Vec<String> {
    let mut headings = vec![
        "UPN".to_string(),
        "Legal Surname".to_string(),
        "Legal Forename".to_string(),
    ];
    for period in &over_time.timeline.periods {
        headings.push(format!("Attendance % {period}"));
        headings.push(format!("Overall indicator {period}"));
    }
    headings
}

/// Writes the Over time sheet: every person, newest details first (name and UPN as in the
/// latest drop they are in), blank where they were not in a drop or the value is unknown.
pub(super) fn over_time_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    formats: &Formats,
) -> Result<(), ExportError> {
    let Some(over_time) = input.over_time.filter(|_| has_over_time(input)) else {
        return Ok(());
    };
    let sheet = new_sheet(workbook, input, OVER_TIME, Orientation::Landscape)?;
    let headings = over_time_headings(&over_time);
    let heading_refs: Vec<&str> = headings.iter().map(String::as_str).collect();
    heading_row(sheet, 0, &heading_refs, formats)?;
    let mut widths = vec![16, 18, 18];
    widths.extend(std::iter::repeat_n(13, headings.len() - 3));
    column_widths(sheet, &widths)?;
    sheet.set_freeze_panes(1, 3)?;
    let percent = Format::new().set_num_format("0.0");
    let points = Format::new().set_num_format("0.0##");
    let mut row = 1u32;
    for person in &over_time.timeline.people {
        let Some((at, place)) = person
            .places
            .iter()
            .enumerate()
            .rev()
            .find_map(|(at, place)| place.map(|place| (at, place)))
        else {
            continue;
        };
        let Some(latest) = over_time.drops.get(at).and_then(|d| d.pupils.get(place)) else {
            continue;
        };
        let upn = latest
            .upn
            .as_ref()
            .map(|upn| upn.to_string())
            .unwrap_or_default();
        text(sheet, row, 0, &upn, &Format::new())?;
        text(sheet, row, 1, &latest.surname, &Format::new())?;
        text(sheet, row, 2, &latest.forename, &Format::new())?;
        for (at, drop) in over_time.drops.iter().enumerate() {
            let col = 3 + 2 * at as u16;
            let Some(place) = person.places.get(at).copied().flatten() else {
                continue;
            };
            if let Some(attendance) = drop.pupils.get(place).and_then(pupil_attendance) {
                let value = f64::from(attendance.hundredths()) / 100.0;
                sheet.write_number_with_format(row, col, value, &percent)?;
            }
            if let Some(score) = drop.scores.get(place) {
                sheet.write_number_with_format(row, col + 1, score.overall.as_f64(), &points)?;
            }
        }
        row += 1;
    }
    sheet.autofilter(0, 0, row.saturating_sub(1), headings.len() as u16 - 1)?;
    Ok(())
}
