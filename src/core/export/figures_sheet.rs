//! **Export school figures (Excel)** (SPEC §8.5, issue 16): the school figures file as a
//! workbook of one sheet, **School figures**, for whoever opens it in a spreadsheet
//! program — the same rows as the JSON file ([`crate::core::figures::document`]), in its
//! order: for each school (or local authority) the whole school, each year group, then
//! each standard group, one column per [`Measure`].
//!
//! A hidden count from 1 to 4 is the text "<5", a figure withheld so a hidden one cannot
//! be worked out is "suppressed" (both said in the notes above the table); every other
//! figure is a number (mean attendance as a percentage with two decimals, 94.12), and
//! mean attendance with nobody's recorded is blank. Like every export, text goes through
//! [`neutralise`](super::neutralise) and the workbook holds no formula; the creation date
//! is the export date passed in, so the same figures give the same bytes. Nothing in it
//! is a pupil: it is built only from [`SchoolFigures`].

use super::workbook::{column_widths, excel_date, heading_row, text, Formats};
use super::{file_name_part, ExportError};
use crate::core::figures::compare::describe_file;
use crate::core::figures::{Figure, Measure, SchoolFigures};
use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook};

/// The sheet's name.
pub const SCHOOL_FIGURES: &str = "School figures";

/// The row of the table's headings (the title and notes are above it).
pub const HEADING_ROW: u32 = 6;

/// What the marks in the table mean, written above it.
pub const NOTES: [&str; 3] = [
    "<5: a count from 1 to 4, hidden so that no small group of pupils can be picked out.",
    "suppressed: a figure withheld so that a hidden count cannot be worked out from a total and the other figures, or one worked out from fewer than five pupils.",
    "These figures hold no pupil: no name, UPN or date of birth, and no row for any pupil.",
];

/// A measure's column heading: its label, with the unit for mean attendance.
pub fn heading(measure: Measure) -> String {
    if measure.is_count() {
        measure.label().to_string()
    } else {
        format!("{} (%)", measure.label())
    }
}

/// What a figure reads as in a cell that is not a number: "<5", "suppressed", or blank.
pub fn figure_text(figure: Figure) -> &'static str {
    match figure {
        Figure::FewerThanFive => crate::core::figures::document::FEWER_THAN_FIVE,
        Figure::Withheld => crate::core::figures::document::WITHHELD,
        Figure::Number(_) | Figure::Blank => "",
    }
}

/// The file name for school figures: "School figures – Oakfield – Spring 2025-26.json"
/// (or `.xlsx`). Characters file systems refuse become spaces; a blank school is left out.
pub fn figures_file_name(school: &str, figures: &SchoolFigures, extension: &str) -> String {
    let school = file_name_part(school);
    let year = figures.academic_year;
    let period = format!(
        "{} {}-{:02}",
        figures.term,
        year.start_year,
        (year.start_year + 1).rem_euclid(100)
    );
    if school.is_empty() {
        format!("School figures – {period}.{extension}")
    } else {
        format!("School figures – {school} – {period}.{extension}")
    }
}

/// The figures as an .xlsx workbook of one sheet, made on `today`.
pub fn figures_workbook(figures: &SchoolFigures, today: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let formats = Formats::new();
    let whose = describe_file(figures);
    let period = figures.period();
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("School figures – {whose} – {period}"))
            .set_comment("School figures: no pupil data")
            .set_creation_datetime(&excel_date(today)?),
    );
    let sheet = workbook.add_worksheet();
    sheet.set_name(SCHOOL_FIGURES)?;
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_header(format!(
        "&L{}&CSchool figures {period}&R{}",
        whose.replace('&', "&&"),
        today.format("%d/%m/%Y")
    ));
    sheet.set_footer("&LSchool figures – no pupil data&RPage &P of &N");

    text(
        sheet,
        0,
        0,
        &format!("School figures: {whose} – {period}"),
        &formats.title,
    )?;
    let made_by = figures
        .planner_version
        .as_ref()
        .map(|version| format!(", made by Personalisation Planner {version}"))
        .unwrap_or_default();
    text(
        sheet,
        1,
        0,
        &format!(
            "Worked out with the scoring profile {}{made_by}.",
            figures.profile.describe()
        ),
        &Format::new(),
    )?;
    for (at, note) in NOTES.iter().enumerate() {
        text(sheet, 2 + at as u32, 0, note, &Format::new())?;
    }

    let mut headings = vec!["School or local authority".to_string(), "Group".to_string()];
    headings.extend(Measure::ALL.iter().map(|&measure| heading(measure)));
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    heading_row(sheet, HEADING_ROW, &headings, &formats)?;
    let mut widths = vec![30u16, 24];
    widths.extend(std::iter::repeat_n(11, Measure::ALL.len()));
    column_widths(sheet, &widths)?;

    let count = Format::new().set_num_format("#,##0");
    let percent = Format::new().set_num_format("0.00");
    let hidden = Format::new().set_align(FormatAlign::Right);
    let mut row = HEADING_ROW + 1;
    for set in &figures.sets {
        let name = set.describe();
        for figures_row in &set.rows {
            text(sheet, row, 0, &name, &Format::new())?;
            text(sheet, row, 1, &figures_row.group.label(), &Format::new())?;
            for (at, &measure) in Measure::ALL.iter().enumerate() {
                let col = 2 + at as u16;
                match figures_row.get(measure) {
                    Figure::Number(number) if measure.is_count() => {
                        sheet.write_number_with_format(row, col, number as f64, &count)?;
                    }
                    Figure::Number(hundredths) => {
                        sheet.write_number_with_format(
                            row,
                            col,
                            hundredths as f64 / 100.0,
                            &percent,
                        )?;
                    }
                    figure => text(sheet, row, col, figure_text(figure), &hidden)?,
                }
            }
            row += 1;
        }
    }
    let last_col = 1 + Measure::ALL.len() as u16;
    sheet.set_freeze_panes(HEADING_ROW + 1, 2)?;
    sheet.autofilter(
        HEADING_ROW,
        0,
        row.saturating_sub(1).max(HEADING_ROW),
        last_col,
    )?;
    sheet.set_repeat_rows(HEADING_ROW, HEADING_ROW)?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::export::read_back::{sheet_rows, text_of, zip_entry};
    use crate::core::figures::document::{measure_key, parse};
    use calamine::Data;
    use serde_json::{json, Map, Value};

    /// A row of a figures file with every measure 0 but those given.
    fn row(group: Value, figures: &[(Measure, Value)]) -> Value {
        let mut all = Map::new();
        for measure in Measure::ALL {
            let given = figures.iter().find(|(m, _)| *m == measure);
            all.insert(
                measure_key(measure).to_string(),
                given.map_or(json!(0), |(_, value)| value.clone()),
            );
        }
        let mut row = group.as_object().expect("a group").clone();
        row.insert("figures".into(), Value::Object(all));
        Value::Object(row)
    }

    /// A figures file as another school would send it (written by hand from the format).
    fn figures(school: &str) -> SchoolFigures {
        let text = json!({
            "format": "personalisation-planner-school-figures",
            "format_version": 1,
            "planner_version": "0.1.0",
            "profile_name": "Universal profile",
            "profile_version": "1.0",
            "term": "Spring",
            "academic_year": "2025/26",
            "sets": [{
                "kind": "school",
                "school_name": school,
                "urn": "123456",
                "rows": [
                    row(json!({"group": "whole_school"}), &[
                        (Measure::Pupils, json!(212)),
                        (Measure::Red, json!("<5")),
                        (Measure::Amber, json!("suppressed")),
                        (Measure::Green, json!(190)),
                        (Measure::AttendanceRecorded, json!(210)),
                        (Measure::MeanAttendance, json!(9412)),
                    ]),
                    row(json!({"group": "year_group", "year_group": "R"}), &[
                        (Measure::Pupils, json!(30)),
                        (Measure::MeanAttendance, Value::Null),
                    ]),
                    row(json!({"group": "disadvantaged"}), &[(Measure::Pupils, json!(61))]),
                ]
            }]
        });
        parse(&text.to_string()).expect("a figures file")
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn the_sheet_holds_the_files_rows_with_hidden_figures_in_words() {
        let bytes =
            figures_workbook(&figures("=Oakfield Primary"), day(2026, 3, 13)).expect("a workbook");
        let rows = sheet_rows(&bytes, SCHOOL_FIGURES);
        let cells = |row: usize| rows[row].iter().map(text_of).collect::<Vec<_>>();
        assert_eq!(
            text_of(&rows[0][0]),
            "School figures: =Oakfield Primary – Spring 2025/26"
        );
        assert_eq!(
            text_of(&rows[1][0]),
            "Worked out with the scoring profile “Universal profile” version 1.0, made by Personalisation Planner 0.1.0."
        );
        assert_eq!(text_of(&rows[2][0]), NOTES[0]);
        let headings = cells(HEADING_ROW as usize);
        assert_eq!(headings[..2], ["School or local authority", "Group"]);
        assert_eq!(headings.len(), 2 + Measure::ALL.len());
        assert_eq!(headings[2], "Pupils");
        let attendance_col = 2 + Measure::MeanAttendance.index();
        assert_eq!(headings[attendance_col], "Mean attendance (%)");

        let whole = &rows[HEADING_ROW as usize + 1];
        // The school's name starts with "=", so its cell is neutralised.
        assert_eq!(text_of(&whole[0]), "'=Oakfield Primary");
        assert_eq!(text_of(&whole[1]), "Whole school");
        assert_eq!(whole[2], Data::Float(212.0));
        assert_eq!(text_of(&whole[2 + Measure::Red.index()]), "<5");
        assert_eq!(text_of(&whole[2 + Measure::Amber.index()]), "suppressed");
        assert_eq!(whole[2 + Measure::Green.index()], Data::Float(190.0));
        assert_eq!(whole[attendance_col], Data::Float(94.12));
        let reception = &rows[HEADING_ROW as usize + 2];
        assert_eq!(text_of(&reception[1]), "Reception");
        assert_eq!(reception[attendance_col], Data::Empty);
        assert_eq!(text_of(&rows[HEADING_ROW as usize + 3][1]), "Disadvantaged");
        assert_eq!(rows.len(), HEADING_ROW as usize + 4);

        // The heading row is frozen and filtered; the page is A4 landscape.
        let sheet = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("<pane xSplit=\"2\" ySplit=\"7\""), "{sheet}");
        assert!(sheet.contains("<autoFilter ref=\"A7:S10\""), "{sheet}");
        assert!(sheet.contains("orientation=\"landscape\""), "{sheet}");
        // No formula anywhere.
        assert!(!sheet.contains("<f>"));
        // The same figures on the same day give the same bytes.
        assert_eq!(
            figures_workbook(&figures("=Oakfield Primary"), day(2026, 3, 13)).expect("again"),
            bytes
        );
    }

    #[test]
    fn the_file_name_says_school_figures_the_school_and_the_term() {
        let oakfield = figures("Oakfield");
        assert_eq!(
            figures_file_name("Oakfield", &oakfield, "json"),
            "School figures – Oakfield – Spring 2025-26.json"
        );
        assert_eq!(
            figures_file_name("St. Mary's C/E: \"Upper\"", &oakfield, "xlsx"),
            "School figures – St. Mary's C E Upper – Spring 2025-26.xlsx"
        );
        assert_eq!(
            figures_file_name("  ", &oakfield, "json"),
            "School figures – Spring 2025-26.json"
        );
    }
}
