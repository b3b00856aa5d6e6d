//! The planner as an Excel workbook (SPEC §9), built with `rust_xlsxwriter` into bytes:
//!
//! - **Shortlist** and **All pupils**: the [`table`](super::table) columns, marker cells
//!   filled red, amber, green or grey with their text still in them, a frozen header row,
//!   an autofilter, set column widths, the file's unmapped columns last, dates as dates (dd/mm/yyyy), numbers as numbers.
//!   Or, for a list shown on screen, one sheet named after the list with exactly its rows.
//! - With the whole planner: **Over time** (two or more drops held), **Pupil targets**
//!   (when a pupil has a curricular target) and **Targets** (when the school has a target,
//!   with its figure at every drop): see [`over_time_sheet`](super::over_time_sheet),
//!   [`pupil_targets_sheet`](super::pupil_targets_sheet) and
//!   [`targets_sheet`](super::targets_sheet).
//! - **Provision** (every provision of every year), a **Provision map 2025-26** per
//!   academic year with provision, the **Need audit** and the **Individual provision
//!   maps** of every year: see [`provision_sheets`](super::provision_sheets).
//! - **Intervention bank**, **Costs** (the year's totals), **What works** (every year's
//!   gain and cost per intervention and measure: see
//!   [`what_works_sheet`](super::what_works_sheet)), **Self-evaluation** (always: the
//!   practical guide's Annex grid, see [`self_evaluation_sheet`](super::self_evaluation_sheet))
//!   and **Profile** (every weight and threshold of the scoring profile used).
//!
//! Every text cell goes through [`neutralise`](super::neutralise). The document's creation
//! date is set to the export date passed in, so the same input gives the same bytes.

use super::provision_sheets::{
    individual_maps_sheet, need_audit_sheet, provision_list_sheet, provision_map_sheet,
    provision_map_sheet_name, provision_years,
};
use super::table::{money, NumberFormat, PupilTable, Value, COLUMNS};
use super::{neutralise, ExportError, ExportInput};
use crate::core::drop::AcademicYear;
use crate::core::planner_table::Tone;
use crate::core::provision::costs::{totals, BudgetStanding};
use crate::core::provision::{Period, SchoolPupil};
use crate::core::value::Money;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};
use std::collections::HashMap;

/// The pupil sheets a workbook holds.
#[derive(Debug, Clone, Copy)]
pub enum PupilSheets<'a> {
    /// The whole school: the Shortlist and All pupils sheets.
    WholeSchool,
    /// One list as shown on screen (filtered and sorted): one sheet named after it.
    Shown {
        /// The list's name ("All pupils – filtered", "Shortlist").
        title: &'a str,
        /// Its rows (indices into the pupils), in the order shown.
        rows: &'a [usize],
    },
}

/// The sheets after the pupil sheets, in order; the provision maps (one per academic year,
/// see [`provision_years`]) come between "Provision" and "Need audit".
const OTHER_SHEETS: [&str; 8] = [
    "Provision",
    "Need audit",
    "Individual provision maps",
    "Intervention bank",
    "Costs",
    super::what_works_sheet::WHAT_WORKS,
    super::self_evaluation_sheet::SELF_EVALUATION,
    "Profile",
];

/// A sheet name Excel accepts: without `[ ] : * ? / \`, at most 31 characters, not blank.
pub fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    let cleaned = cleaned.trim_matches('\'');
    let short: String = cleaned.chars().take(31).collect();
    if short.trim().is_empty() {
        "Pupils".to_string()
    } else {
        short.trim_end().to_string()
    }
}

/// The names of a workbook's sheets, in order.
pub fn sheet_names(input: &ExportInput<'_>, pupils: PupilSheets<'_>) -> Vec<String> {
    let mut names: Vec<String> = match pupils {
        PupilSheets::WholeSchool => {
            let mut names = vec!["Shortlist".to_string(), "All pupils".to_string()];
            if super::over_time_sheet::has_over_time(input) {
                names.push(super::over_time_sheet::OVER_TIME.to_string());
            }
            if super::pupil_targets_sheet::has_pupil_targets(input) {
                names.push(super::pupil_targets_sheet::PUPIL_TARGETS.to_string());
            }
            if super::targets_sheet::has_targets(input) {
                names.push(super::targets_sheet::TARGETS.to_string());
            }
            names
        }
        PupilSheets::Shown { title, .. } => vec![sheet_name(title)],
    };
    names.push(OTHER_SHEETS[0].into());
    names.extend(
        provision_years(input.book, input.academic_year)
            .into_iter()
            .map(provision_map_sheet_name),
    );
    names.extend(OTHER_SHEETS[1..].iter().map(|s| s.to_string()));
    names
}

/// The fill colour of a tone (the planner's red, amber, green and grey, pale enough for
/// black text), or `None` for no fill.
pub fn tone_fill(tone: Tone) -> Option<u32> {
    match tone {
        Tone::Plain => None,
        Tone::Red => Some(0xFFC7CE),
        Tone::Amber => Some(0xFFEB9C),
        Tone::Green => Some(0xC6EFCE),
        Tone::Unknown => Some(0xE7E6E6),
    }
}

/// The formats used, made once.
pub(super) struct Formats {
    pub(super) heading: Format,
    pub(super) title: Format,
    pub(super) bold: Format,
    pub(super) wrap: Format,
    pub(super) date: Format,
    pub(super) money: Format,
    pub(super) money_bold: Format,
}

impl Formats {
    pub(super) fn new() -> Formats {
        Formats {
            heading: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xDDE4EE))
                .set_border_bottom(FormatBorder::Thin),
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            money: Format::new().set_num_format(NumberFormat::Money.excel()),
            money_bold: Format::new()
                .set_bold()
                .set_num_format(NumberFormat::Money.excel()),
        }
    }

    /// The format of a table cell: its number or date format and its tone's fill.
    fn cell(&self, value: &Value, tone: Tone) -> Format {
        let mut format = match value {
            Value::Number { format, .. } => Format::new().set_num_format(format.excel()),
            Value::Date(_) => self.date.clone(),
            _ => Format::new(),
        };
        if let Some(fill) = tone_fill(tone) {
            format = format.set_background_color(Color::RGB(fill));
        }
        format
    }
}

pub(super) fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, ExportError> {
    let year = u16::try_from(date.year())
        .map_err(|_| ExportError::Workbook(format!("a date out of range: {date}")))?;
    Ok(ExcelDateTime::from_ymd(
        year,
        date.month() as u8,
        date.day() as u8,
    )?)
}

/// Writes text through [`neutralise`].
pub(super) fn text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &str,
    format: &Format,
) -> Result<(), ExportError> {
    if value.is_empty() {
        sheet.write_blank(row, col, format)?;
    } else {
        sheet.write_string_with_format(row, col, neutralise(value), format)?;
    }
    Ok(())
}

/// Writes one typed value.
pub(super) fn value(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: &Value,
    format: &Format,
) -> Result<(), ExportError> {
    match value {
        Value::Blank => {
            sheet.write_blank(row, col, format)?;
        }
        Value::Text(t) => text(sheet, row, col, t, format)?,
        Value::Number { value, .. } => {
            sheet.write_number_with_format(row, col, *value, format)?;
        }
        Value::Date(date) => {
            sheet.write_datetime_with_format(row, col, excel_date(*date)?, format)?;
        }
    }
    Ok(())
}

pub(super) fn heading_row(
    sheet: &mut Worksheet,
    row: u32,
    headings: &[&str],
    formats: &Formats,
) -> Result<(), ExportError> {
    for (col, heading) in headings.iter().enumerate() {
        text(sheet, row, col as u16, heading, &formats.heading)?;
    }
    Ok(())
}

/// Print set-up shared by every sheet: A4, the school, `title` and `year` in the header,
/// the confidentiality note and page number in the footer.
fn print_setup(sheet: &mut Worksheet, input: &ExportInput<'_>, title: &str, year: AcademicYear) {
    // `&` starts a header code; doubling it prints one.
    let school = input.school.replace('&', "&&");
    sheet.set_paper_size(9);
    sheet.set_header(format!(
        "&L{school}&C{title} {year}&R{}",
        input.today.format("%d/%m/%Y")
    ));
    sheet.set_footer("&LConfidential – contains pupil data&RPage &P of &N");
}

/// Which way a sheet prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Orientation {
    /// Portrait, said outright.
    Portrait,
    /// Landscape, for wide tables.
    Landscape,
    /// The program's default (portrait), not written into the sheet.
    Unset,
}

/// A new sheet named and headed `name` for the export's academic year, in `orientation`.
pub(super) fn new_sheet<'w>(
    workbook: &'w mut Workbook,
    input: &ExportInput<'_>,
    name: &str,
    orientation: Orientation,
) -> Result<&'w mut Worksheet, ExportError> {
    new_sheet_for(
        workbook,
        input,
        name,
        name,
        input.academic_year,
        orientation,
    )
}

/// A new sheet named `name`, printed as every sheet is ([`print_setup`], headed
/// `title` and `year`) in `orientation`.
pub(super) fn new_sheet_for<'w>(
    workbook: &'w mut Workbook,
    input: &ExportInput<'_>,
    name: &str,
    title: &str,
    year: AcademicYear,
    orientation: Orientation,
) -> Result<&'w mut Worksheet, ExportError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    print_setup(sheet, input, title, year);
    match orientation {
        Orientation::Portrait => {
            sheet.set_portrait();
        }
        Orientation::Landscape => {
            sheet.set_landscape();
        }
        Orientation::Unset => {}
    }
    Ok(sheet)
}

/// Sets the widths, in characters, of the first columns, one a width.
pub(super) fn column_widths(sheet: &mut Worksheet, widths: &[u16]) -> Result<(), ExportError> {
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    Ok(())
}

fn pupil_sheet(
    workbook: &mut Workbook,
    name: &str,
    input: &ExportInput<'_>,
    rows: &[usize],
    formats: &Formats,
) -> Result<(), ExportError> {
    let table = PupilTable::new(input, rows);
    let sheet = new_sheet(workbook, input, name, Orientation::Landscape)?;
    sheet.set_repeat_rows(0, 0)?;
    let headings = table.headings();
    heading_row(sheet, 0, &headings, formats)?;
    for col in 0..headings.len() {
        let width = COLUMNS.get(col).map_or(14.0, |c| c.width);
        sheet.set_column_width(col as u16, width)?;
    }
    // Formats by (number format, tone), made once each rather than per cell.
    let mut cache: HashMap<(Option<&'static str>, bool, Tone), Format> = HashMap::new();
    let mut row_at = 1u32;
    for cells in table.rows() {
        for (col, cell) in cells.iter().enumerate() {
            let number = match &cell.value {
                Value::Number { format, .. } => Some(format.excel()),
                _ => None,
            };
            let is_date = matches!(cell.value, Value::Date(_));
            let format = cache
                .entry((number, is_date, cell.tone))
                .or_insert_with(|| formats.cell(&cell.value, cell.tone));
            value(sheet, row_at, col as u16, &cell.value, format)?;
        }
        row_at += 1;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row_at.saturating_sub(1), (headings.len() - 1) as u16)?;
    Ok(())
}

pub(super) fn year_label(year: Option<crate::core::value::YearGroup>) -> String {
    year.map_or_else(|| "Year not known".to_string(), |y| y.label())
}

fn bank_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    formats: &Formats,
) -> Result<(), ExportError> {
    let sheet = new_sheet(workbook, input, "Intervention bank", Orientation::Landscape)?;
    let headings = [
        "Category",
        "Intervention",
        "Wave",
        "Need area",
        "Staff",
        "Group size",
        "Sessions a week",
        "Minutes a session",
        "Weeks",
        "Resource cost",
        "Trained staff required",
        "Archived",
        "Description",
    ];
    heading_row(sheet, 0, &headings, formats)?;
    column_widths(sheet, &[12, 28, 8, 22, 24, 8, 9, 9, 8, 11, 9, 9, 40])?;
    let book = input.book;
    let mut row = 1u32;
    for item in &book.bank.items {
        let staff = item
            .delivery
            .staff
            .iter()
            .map(|id| book.staff.name(*id).to_string())
            .collect::<Vec<_>>()
            .join(", ");
        text(sheet, row, 0, item.category.label(), &Format::new())?;
        text(sheet, row, 1, &item.name, &Format::new())?;
        text(sheet, row, 2, &item.wave.to_string(), &Format::new())?;
        text(sheet, row, 3, item.need_area.label(), &Format::new())?;
        text(sheet, row, 4, &staff, &Format::new())?;
        sheet.write_number(row, 5, f64::from(item.delivery.group_size))?;
        sheet.write_number(row, 6, f64::from(item.delivery.sessions_per_week))?;
        sheet.write_number(row, 7, f64::from(item.delivery.minutes_per_session))?;
        let weeks = item.delivery.weeks.unwrap_or(book.settings.weeks_in_year);
        sheet.write_number(row, 8, f64::from(weeks))?;
        value(sheet, row, 9, &money(item.resource_cost), &formats.money)?;
        let yes = |b: bool| if b { "Yes" } else { "No" };
        text(
            sheet,
            row,
            10,
            yes(item.trained_staff_required),
            &Format::new(),
        )?;
        text(sheet, row, 11, yes(item.archived), &Format::new())?;
        text(sheet, row, 12, &item.description, &formats.wrap)?;
        row += 1;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row.saturating_sub(1), (headings.len() - 1) as u16)?;
    Ok(())
}

fn costs_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    school: &[SchoolPupil],
    names: &HashMap<&str, String>,
    formats: &Formats,
) -> Result<(), ExportError> {
    let period = Period::academic(input.academic_year);
    let totals = totals(input.book, school, Some(period));
    let sheet = new_sheet(workbook, input, "Costs", Orientation::Portrait)?;
    column_widths(sheet, &[34, 16, 14])?;
    text(
        sheet,
        0,
        0,
        &format!("Costs {} (academic year)", input.academic_year),
        &formats.title,
    )?;
    let mut row = 2u32;
    // A figure, or words where there is no figure ("No budget entered").
    let mut pair = |sheet: &mut Worksheet, label: &str, amount: Result<Money, &str>| {
        let result = text(sheet, row, 0, label, &Format::new()).and_then(|()| match amount {
            Ok(amount) => value(sheet, row, 1, &money(amount), &formats.money),
            Err(words) => text(sheet, row, 1, words, &Format::new()),
        });
        row += 1;
        result
    };
    pair(sheet, "Total", Ok(totals.total))?;
    match totals.budget_standing() {
        BudgetStanding::NotEntered => {
            pair(sheet, "Notional SEN budget", Err("No budget entered"))?;
        }
        BudgetStanding::Within(left) => {
            pair(sheet, "Notional SEN budget", Ok(totals.budget))?;
            pair(sheet, "Budget remaining", Ok(left))?;
        }
        BudgetStanding::Over(by) => {
            pair(sheet, "Notional SEN budget", Ok(totals.budget))?;
            pair(sheet, "Over budget by", Ok(by))?;
        }
    }
    pair(sheet, "Per-pupil threshold", Ok(totals.threshold))?;
    pair(sheet, "Provision with no pupils yet", Ok(totals.unassigned))?;
    row += 1;

    let book = input.book;
    let section = |sheet: &mut Worksheet,
                   row: &mut u32,
                   heading: [&str; 2],
                   lines: Vec<(String, crate::core::value::Money)>|
     -> Result<(), ExportError> {
        heading_row(sheet, *row, &heading, formats)?;
        *row += 1;
        for (label, amount) in lines {
            text(sheet, *row, 0, &label, &Format::new())?;
            value(sheet, *row, 1, &money(amount), &formats.money)?;
            *row += 1;
        }
        *row += 1;
        Ok(())
    };
    section(
        sheet,
        &mut row,
        ["By intervention", "Cost"],
        totals
            .by_intervention
            .iter()
            .map(|(id, amount)| {
                let name = book
                    .bank
                    .get(*id)
                    .map_or_else(|| "Unknown intervention".to_string(), |i| i.name.clone());
                (name, *amount)
            })
            .collect(),
    )?;
    section(
        sheet,
        &mut row,
        ["By wave", "Cost"],
        totals
            .by_wave
            .iter()
            .map(|(wave, amount)| (wave.to_string(), *amount))
            .collect(),
    )?;
    section(
        sheet,
        &mut row,
        ["By need area", "Cost"],
        totals
            .by_need_area
            .iter()
            .map(|(area, amount)| (area.label().to_string(), *amount))
            .collect(),
    )?;
    section(
        sheet,
        &mut row,
        ["By year group", "Cost"],
        totals
            .by_year_group
            .iter()
            .map(|(year, amount)| (year_label(*year), *amount))
            .collect(),
    )?;
    heading_row(sheet, row, &["By pupil", "Cost", "Over threshold"], formats)?;
    row += 1;
    for (key, amount) in &totals.by_pupil {
        let name = names.get(key.as_str()).cloned().unwrap_or_default();
        text(sheet, row, 0, &format!("{name} ({key})"), &Format::new())?;
        value(sheet, row, 1, &money(*amount), &formats.money)?;
        let over = if *amount > totals.threshold {
            "Yes"
        } else {
            "No"
        };
        text(sheet, row, 2, over, &Format::new())?;
        row += 1;
    }
    Ok(())
}

/// The profile flattened into (setting, value) rows: "rag › amber_from" → 2000.
fn flatten(prefix: &str, json: &serde_json::Value, out: &mut Vec<(String, serde_json::Value)>) {
    match json {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix} › {key}")
                };
                flatten(&path, inner, out);
            }
        }
        serde_json::Value::Array(items) if items.iter().any(|i| i.is_object()) => {
            for (at, inner) in items.iter().enumerate() {
                flatten(&format!("{prefix} › {}", at + 1), inner, out);
            }
        }
        other => out.push((prefix.to_string(), other.clone())),
    }
}

fn profile_sheet(
    workbook: &mut Workbook,
    input: &ExportInput<'_>,
    formats: &Formats,
) -> Result<(), ExportError> {
    let sheet = new_sheet_for(
        workbook,
        input,
        "Profile",
        "Scoring profile",
        input.academic_year,
        Orientation::Unset,
    )?;
    column_widths(sheet, &[48, 30])?;
    text(
        sheet,
        0,
        0,
        &format!(
            "Scoring profile: {} (version {})",
            input.profile.name, input.profile.version
        ),
        &formats.title,
    )?;
    text(
        sheet,
        1,
        0,
        "Points are in thousandths and percentages in hundredths, as the profile file stores them.",
        &Format::new(),
    )?;
    // The school it was exported for, with the details given in Settings.
    let details = input.details.line();
    let school = if details.is_empty() {
        format!("School: {}", input.school)
    } else {
        format!("School: {} · {details}", input.school)
    };
    text(sheet, 2, 0, &school, &Format::new())?;
    heading_row(sheet, 3, &["Setting", "Value"], formats)?;
    let json =
        serde_json::to_value(input.profile).map_err(|e| ExportError::Workbook(e.to_string()))?;
    let mut rows = Vec::new();
    flatten("", &json, &mut rows);
    for (at, (setting, setting_value)) in rows.iter().enumerate() {
        let row = 4 + at as u32;
        text(sheet, row, 0, setting, &Format::new())?;
        match setting_value {
            serde_json::Value::Number(n) => {
                if let Some(n) = n.as_f64() {
                    sheet.write_number(row, 1, n)?;
                }
            }
            serde_json::Value::String(s) => text(sheet, row, 1, s, &Format::new())?,
            serde_json::Value::Bool(b) => {
                text(sheet, row, 1, if *b { "Yes" } else { "No" }, &Format::new())?
            }
            serde_json::Value::Null => {}
            other => text(sheet, row, 1, &other.to_string(), &Format::new())?,
        }
    }
    sheet.set_freeze_panes(4, 0)?;
    Ok(())
}

/// The whole workbook as .xlsx bytes, with the whole school's Shortlist and All pupils.
pub fn planner_workbook(input: &ExportInput<'_>) -> Result<Vec<u8>, ExportError> {
    workbook(input, PupilSheets::WholeSchool)
}

/// The workbook with one pupil sheet: the list shown on screen (`rows`, in order), named
/// `title`; the provision, need audit, bank, costs and profile sheets as in the whole
/// workbook.
pub fn list_workbook(
    input: &ExportInput<'_>,
    title: &str,
    rows: &[usize],
) -> Result<Vec<u8>, ExportError> {
    workbook(input, PupilSheets::Shown { title, rows })
}

fn workbook(input: &ExportInput<'_>, pupils: PupilSheets<'_>) -> Result<Vec<u8>, ExportError> {
    if input.pupils.is_empty() {
        return Err(ExportError::NoPupils);
    }
    let formats = Formats::new();
    let school: Vec<SchoolPupil> = input
        .pupils
        .iter()
        .zip(input.keys)
        .map(|(pupil, key)| SchoolPupil::from_pupil(key.clone(), pupil))
        .collect();
    let names: HashMap<&str, String> = input
        .keys
        .iter()
        .zip(input.pupils)
        .map(|(key, pupil)| (key.as_str(), pupil.display_name()))
        .collect();

    let mut workbook = Workbook::new();
    let created = excel_date(input.today)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "Personalisation Planner {} – {}",
                input.academic_year, input.school
            ))
            .set_company(input.school)
            .set_comment("Confidential – contains pupil data")
            .set_creation_datetime(&created),
    );
    match pupils {
        PupilSheets::WholeSchool => {
            pupil_sheet(&mut workbook, "Shortlist", input, input.shortlist, &formats)?;
            let everyone: Vec<usize> = (0..input.pupils.len()).collect();
            pupil_sheet(&mut workbook, "All pupils", input, &everyone, &formats)?;
            super::over_time_sheet::over_time_sheet(&mut workbook, input, &formats)?;
            super::pupil_targets_sheet::pupil_targets_sheet(&mut workbook, input, &formats)?;
            super::targets_sheet::targets_sheet(&mut workbook, input, &formats)?;
        }
        PupilSheets::Shown { title, rows } => {
            pupil_sheet(&mut workbook, &sheet_name(title), input, rows, &formats)?;
        }
    }
    let years = provision_years(input.book, input.academic_year);
    provision_list_sheet(&mut workbook, input, &years, &names, &formats)?;
    for year in &years {
        provision_map_sheet(&mut workbook, input, *year, &school, &names, &formats)?;
    }
    need_audit_sheet(&mut workbook, input, &school, &names, &formats)?;
    individual_maps_sheet(&mut workbook, input, &years, &names, &formats)?;
    bank_sheet(&mut workbook, input, &formats)?;
    costs_sheet(&mut workbook, input, &school, &names, &formats)?;
    super::what_works_sheet::what_works_sheet(&mut workbook, input, &school, &formats)?;
    super::self_evaluation_sheet::self_evaluation_sheet(
        &mut workbook,
        input,
        input.self_evaluation,
        &formats,
    )?;
    profile_sheet(&mut workbook, input, &formats)?;
    Ok(workbook.save_to_buffer()?)
}
