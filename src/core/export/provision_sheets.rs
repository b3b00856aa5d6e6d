//! The provision sheets of the workbook (SPEC §7, §9): a whole-school map for every
//! academic year with provision, every provision on one sheet, the need audit, and the
//! individual provision maps of every year (the pupils' provision history).

use super::table::{money, Value};
use super::workbook::{
    column_widths, heading_row, new_sheet, new_sheet_for, text, value, year_label, Formats,
    Orientation,
};
use super::{ExportError, ExportInput};
use crate::core::drop::AcademicYear;
use crate::core::provision::costs::cost_line;
use crate::core::provision::gaps::audit_table;
use crate::core::provision::map::{individual_map, whole_school_map};
use crate::core::provision::{Period, Priority, SchoolPupil};
use rust_xlsxwriter::{Format, Workbook};
use std::collections::{BTreeSet, HashMap};

/// At most this many academic years get a provision map sheet (the most recent), so a
/// provision typed with a far-off end date cannot make hundreds of sheets.
const MOST_YEARS: usize = 12;

/// "Provision map 2025-26" (sheet names cannot hold "/").
pub fn provision_map_sheet_name(year: AcademicYear) -> String {
    format!(
        "Provision map {}-{:02}",
        year.start_year,
        (year.start_year + 1).rem_euclid(100)
    )
}

/// The academic years the workbook covers, oldest first: `current` and every year with a
/// day of any provision's delivery (the most recent [`MOST_YEARS`]).
pub fn provision_years(
    book: &crate::core::provision::ProvisionBook,
    current: AcademicYear,
) -> Vec<AcademicYear> {
    let containing = AcademicYear::containing;
    let mut years: BTreeSet<AcademicYear> = BTreeSet::from([current]);
    for provision in &book.provisions {
        if provision.end < provision.start {
            continue;
        }
        let (first, last) = (containing(provision.start), containing(provision.end));
        let from = first.start_year.max(last.start_year - MOST_YEARS as i32);
        for start_year in from..=last.start_year {
            years.insert(AcademicYear { start_year });
        }
    }
    let years: Vec<AcademicYear> = years.into_iter().collect();
    let skip = years.len().saturating_sub(MOST_YEARS);
    years[skip..].to_vec()
}

/// Every provision, whatever its year: what, for whom, by whom, when, its status and its
/// cost (whole, and in each academic year of `years`).
pub(super) fn provision_list_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    years: &[AcademicYear],
    names: &HashMap<&str, String>,
    formats: &Formats,
) -> Result<(), ExportError> {
    let sheet = new_sheet(workbook, input, "Provision", Orientation::Landscape)?;
    let mut headings: Vec<String> = [
        "Intervention",
        "Wave",
        "Need area",
        "Marker",
        "Pupils",
        "Names",
        "Groups",
        "Staff",
        "Sessions a week",
        "Minutes a session",
        "Start",
        "End",
        "Priority",
        "Status",
        "Whole cost",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    headings.extend(years.iter().map(|year| format!("Cost {year}")));
    let refs: Vec<&str> = headings.iter().map(String::as_str).collect();
    heading_row(sheet, 0, &refs, formats)?;
    column_widths(
        sheet,
        &[26, 8, 20, 11, 7, 36, 7, 18, 8, 8, 11, 11, 8, 9, 11],
    )?;
    let book = input.book;
    let mut row = 1u32;
    for provision in &book.provisions {
        let item = book.bank.get(provision.intervention);
        let delivery = item.map(|i| provision.delivery(i));
        let line = cost_line(book, provision, None);
        let staff: Vec<&str> = delivery
            .as_ref()
            .map(|d| d.staff.iter().map(|id| book.staff.name(*id)).collect())
            .unwrap_or_default();
        let pupil_names: Vec<String> = provision
            .pupils
            .iter()
            .map(|key| {
                names
                    .get(key.as_str())
                    .cloned()
                    .unwrap_or_else(|| key.clone())
            })
            .collect();
        let plain = Format::new();
        text(
            sheet,
            row,
            0,
            item.map_or("Unknown intervention", |i| i.name.as_str()),
            &plain,
        )?;
        text(sheet, row, 1, &line.wave.to_string(), &plain)?;
        text(sheet, row, 2, line.need_area.label(), &plain)?;
        text(sheet, row, 3, provision.marker.label(), &plain)?;
        sheet.write_number(row, 4, provision.pupils.len() as f64)?;
        text(sheet, row, 5, &pupil_names.join(", "), &formats.wrap)?;
        sheet.write_number(row, 6, f64::from(line.groups))?;
        text(sheet, row, 7, &staff.join(", "), &plain)?;
        if let Some(delivery) = &delivery {
            sheet.write_number(row, 8, f64::from(delivery.sessions_per_week))?;
            sheet.write_number(row, 9, f64::from(delivery.minutes_per_session))?;
        }
        value(sheet, row, 10, &Value::Date(provision.start), &formats.date)?;
        value(sheet, row, 11, &Value::Date(provision.end), &formats.date)?;
        text(sheet, row, 12, provision.priority.label(), &plain)?;
        text(sheet, row, 13, provision.status.label(), &plain)?;
        value(sheet, row, 14, &money(line.cost), &formats.money)?;
        for (at, year) in years.iter().enumerate() {
            let share = cost_line(book, provision, Some(Period::academic(*year))).cost;
            value(sheet, row, (15 + at) as u16, &money(share), &formats.money)?;
        }
        row += 1;
    }
    if book.provisions.is_empty() {
        text(sheet, row, 0, "No provision recorded yet.", &Format::new())?;
    } else {
        sheet.set_freeze_panes(1, 1)?;
        sheet.autofilter(0, 0, row - 1, (headings.len() - 1) as u16)?;
    }
    Ok(())
}

/// The need audit (Ealing step 1): must/should/could by year group, then every audited
/// need with its pupil, area, priority and note.
pub(super) fn need_audit_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    school: &[SchoolPupil],
    names: &HashMap<&str, String>,
    formats: &Formats,
) -> Result<(), ExportError> {
    let sheet = new_sheet(workbook, input, "Need audit", Orientation::Landscape)?;
    text(
        sheet,
        0,
        0,
        "Need audit for the coming year",
        &formats.title,
    )?;
    let table = audit_table(input.book, school);
    let mut headings = vec!["Priority".to_string()];
    headings.extend(table.columns.iter().map(|c| year_label(*c)));
    headings.push("Total".to_string());
    let refs: Vec<&str> = headings.iter().map(String::as_str).collect();
    heading_row(sheet, 2, &refs, formats)?;
    sheet.set_column_width(0, 24)?;
    let mut row = 3u32;
    for priority in Priority::ALL {
        text(sheet, row, 0, priority.label(), &formats.bold)?;
        let mut total = 0usize;
        for (col, year) in table.columns.iter().enumerate() {
            let count = table.count(priority, *year);
            total += count;
            sheet.write_number(row, (col + 1) as u16, count as f64)?;
        }
        sheet.write_number(row, (table.columns.len() + 1) as u16, total as f64)?;
        row += 1;
    }
    row += 1;
    heading_row(
        sheet,
        row,
        &[
            "Pupil",
            "UPN",
            "Year",
            "Area of need",
            "Priority",
            "Provision they might need",
        ],
        formats,
    )?;
    row += 1;
    let year_of: HashMap<&str, String> = school
        .iter()
        .map(|p| (p.key.as_str(), year_label(p.year_group)))
        .collect();
    let mut entries: Vec<_> = input.book.need_audit.iter().collect();
    entries.sort_by(|a, b| (a.priority, &a.pupil, a.area).cmp(&(b.priority, &b.pupil, b.area)));
    for entry in entries {
        let key = entry.pupil.as_str();
        text(
            sheet,
            row,
            0,
            names.get(key).map_or(key, String::as_str),
            &Format::new(),
        )?;
        text(sheet, row, 1, key, &Format::new())?;
        text(
            sheet,
            row,
            2,
            year_of.get(key).map_or("Year not known", String::as_str),
            &Format::new(),
        )?;
        text(sheet, row, 3, entry.area.label(), &Format::new())?;
        text(sheet, row, 4, entry.priority.label(), &Format::new())?;
        text(sheet, row, 5, &entry.note, &formats.wrap)?;
        row += 1;
    }
    if input.book.need_audit.is_empty() {
        text(sheet, row, 0, "No needs audited yet.", &Format::new())?;
    }
    for (col, width) in [(1, 16), (2, 14), (3, 22), (4, 9), (5, 40)] {
        sheet.set_column_width(col, width)?;
    }
    Ok(())
}

/// The whole-school map for one academic year, on a sheet "Provision map 2025-26".
pub(super) fn provision_map_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    year: AcademicYear,
    school: &[SchoolPupil],
    names: &HashMap<&str, String>,
    formats: &Formats,
) -> Result<(), ExportError> {
    let period = Period::academic(year);
    let map = whole_school_map(input.book, school, Some(period), |key| {
        names.get(key).cloned().unwrap_or_else(|| key.to_string())
    });
    let sheet = new_sheet_for(
        workbook,
        input,
        &provision_map_sheet_name(year),
        "Whole-school provision map",
        year,
        Orientation::Landscape,
    )?;
    text(
        sheet,
        0,
        0,
        &format!("Whole-school provision map {year}"),
        &formats.title,
    )?;
    let mut headings = vec!["Area and wave".to_string()];
    headings.extend(map.columns.iter().map(|c| year_label(*c)));
    headings.push("No pupils yet".to_string());
    headings.push("Total".to_string());
    let refs: Vec<&str> = headings.iter().map(String::as_str).collect();
    heading_row(sheet, 2, &refs, formats)?;
    sheet.set_repeat_rows(2, 2)?;
    sheet.set_column_width(0, 20)?;
    for col in 1..headings.len() - 1 {
        sheet.set_column_width(col as u16, 30)?;
    }
    sheet.set_column_width((headings.len() - 1) as u16, 12)?;
    let entry_text = |entries: &[crate::core::provision::map::MapEntry]| {
        entries
            .iter()
            .map(|e| {
                let pupils = if e.pupils.is_empty() {
                    String::new()
                } else {
                    format!(": {}", e.pupils.join(", "))
                };
                format!(
                    "{} ({}, {}, {}){pupils}",
                    e.intervention,
                    e.priority.label(),
                    e.status.label(),
                    e.cost
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut row = 3u32;
    for map_row in map.rows.iter().filter(|r| !r.is_empty()) {
        text(sheet, row, 0, &map_row.label(), &formats.bold)?;
        for (col, cell) in map_row.cells.iter().enumerate() {
            text(
                sheet,
                row,
                (col + 1) as u16,
                &entry_text(cell),
                &formats.wrap,
            )?;
        }
        let last = map.columns.len() + 1;
        text(
            sheet,
            row,
            last as u16,
            &entry_text(&map_row.unassigned),
            &formats.wrap,
        )?;
        value(
            sheet,
            row,
            (last + 1) as u16,
            &money(map_row.total),
            &formats.money,
        )?;
        row += 1;
    }
    text(sheet, row, 0, "Total", &formats.bold)?;
    for (col, total) in map.column_totals.iter().enumerate() {
        value(
            sheet,
            row,
            (col + 1) as u16,
            &money(*total),
            &formats.money_bold,
        )?;
    }
    value(
        sheet,
        row,
        (map.columns.len() + 2) as u16,
        &money(map.total),
        &formats.money_bold,
    )?;
    Ok(())
}

/// A block per pupil per academic year with provision or a record that year, every year
/// in `years`, oldest first: the pupils' provision history.
pub(super) fn individual_maps_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    years: &[AcademicYear],
    names: &HashMap<&str, String>,
    formats: &Formats,
) -> Result<(), ExportError> {
    let sheet = new_sheet(
        workbook,
        input,
        "Individual provision maps",
        Orientation::Portrait,
    )?;
    column_widths(sheet, &[28, 10, 18, 12, 12, 12, 10, 10, 10, 8, 30, 12])?;
    text(sheet, 0, 0, "Individual provision maps", &formats.title)?;
    let mut row = 2u32;
    let mut any = false;
    for (year, key) in years
        .iter()
        .flat_map(|year| input.keys.iter().map(move |key| (*year, key)))
    {
        let period = Period::academic(year);
        let has_provision = input
            .book
            .provisions_for(key)
            .any(|p| p.overlaps(period.first, period.last));
        let has_record = input.book.individual_record(key, year).is_some();
        if !has_provision && !has_record {
            continue;
        }
        any = true;
        let map = individual_map(input.book, key, year);
        let name = names.get(key.as_str()).cloned().unwrap_or_default();
        text(
            sheet,
            row,
            0,
            &format!("{name} ({key}) – {year}"),
            &formats.title,
        )?;
        row += 1;
        if !map.assessed_needs.is_empty() {
            heading_row(
                sheet,
                row,
                &["Assessed need", "Area", "Access to learning"],
                formats,
            )?;
            row += 1;
            for need in &map.assessed_needs {
                text(sheet, row, 0, &need.need, &formats.wrap)?;
                text(
                    sheet,
                    row,
                    1,
                    need.area.map_or("", |a| a.label()),
                    &formats.wrap,
                )?;
                text(sheet, row, 2, &need.access_impact, &formats.wrap)?;
                row += 1;
            }
        }
        if !map.quality_first.is_empty() {
            text(sheet, row, 0, "Quality-first strategies", &formats.bold)?;
            text(sheet, row, 1, &map.quality_first.join("; "), &formats.wrap)?;
            row += 1;
        }
        heading_row(
            sheet,
            row,
            &[
                "Targeted provision",
                "Wave",
                "Need area",
                "Marker",
                "Start",
                "End",
                "Status",
                "Sessions a week",
                "Minutes a session",
                "Group size",
                "Expected outcome",
                "Cost this year",
            ],
            formats,
        )?;
        row += 1;
        for line in &map.targeted {
            text(sheet, row, 0, &line.intervention, &formats.wrap)?;
            text(sheet, row, 1, &line.wave.to_string(), &Format::new())?;
            text(sheet, row, 2, line.need_area.label(), &Format::new())?;
            text(sheet, row, 3, line.marker.label(), &Format::new())?;
            value(sheet, row, 4, &Value::Date(line.start), &formats.date)?;
            value(sheet, row, 5, &Value::Date(line.end), &formats.date)?;
            text(sheet, row, 6, line.status.label(), &Format::new())?;
            for (col, n) in [
                (7, line.sessions_per_week),
                (8, line.minutes_per_session),
                (9, line.group_size),
            ] {
                sheet.write_number(row, col, f64::from(n))?;
            }
            text(sheet, row, 10, &line.expected_outcome, &formats.wrap)?;
            value(sheet, row, 11, &money(line.cost), &formats.money)?;
            row += 1;
        }
        text(sheet, row, 10, "Total this year", &formats.bold)?;
        value(sheet, row, 11, &money(map.total), &formats.money_bold)?;
        row += 1;
        text(sheet, row, 10, "Threshold", &Format::new())?;
        value(sheet, row, 11, &money(map.threshold), &formats.money)?;
        row += 1;
        if !map.reviews.is_empty() {
            heading_row(
                sheet,
                row,
                &["Review (APDR)", "Date", "Next steps", "Next review"],
                formats,
            )?;
            row += 1;
            for review in &map.reviews {
                text(sheet, row, 0, &review.summary, &formats.wrap)?;
                value(sheet, row, 1, &Value::Date(review.date), &formats.date)?;
                text(sheet, row, 2, &review.next_steps, &formats.wrap)?;
                if let Some(next) = review.next_review {
                    value(sheet, row, 3, &Value::Date(next), &formats.date)?;
                }
                row += 1;
            }
        }
        for (label, views) in [
            ("Pupil's views", &map.pupil_views),
            ("Parents' views", &map.parent_views),
        ] {
            if !views.is_empty() {
                text(sheet, row, 0, label, &formats.bold)?;
                text(sheet, row, 1, views, &formats.wrap)?;
                row += 1;
            }
        }
        row += 1;
    }
    if !any {
        text(
            sheet,
            row,
            0,
            "No pupil has provision recorded.",
            &Format::new(),
        )?;
    }
    Ok(())
}
