//! Tests only: an exported workbook read back as a spreadsheet program would — a sheet's
//! cells through calamine, text and dates as the tests compare them, and a part of the
//! zip (a sheet's or the styles' XML) for what calamine does not say (print set-up, frozen
//! panes, number formats). For the sheets' own tests; `tests/export.rs` has its own copy
//! as an integration test outside the crate.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::{Cursor, Read};

/// Every row of the sheet `name`, from A1.
pub(crate) fn sheet_rows(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx");
    let range = workbook.worksheet_range(name).expect("the sheet");
    range.rows().map(<[Data]>::to_vec).collect()
}

/// A cell as text: text as written, an empty cell as "", anything else as calamine shows it.
pub(crate) fn text_of(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The date a date cell holds (`None` for any other cell).
pub(crate) fn date_of(cell: &Data) -> Option<NaiveDate> {
    match cell {
        // Days since Excel's epoch (calamine's chrono feature is off).
        Data::DateTime(serial) => NaiveDate::from_ymd_opt(1899, 12, 30)
            .map(|epoch| epoch + chrono::Duration::days(serial.as_f64() as i64)),
        _ => None,
    }
}

/// The text of one part of the workbook's zip: "xl/styles.xml".
pub(crate) fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut entry = archive.by_name(name).expect("entry");
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("utf-8");
    text
}
