//! A pupil table as CSV: the [`table`](super::table) columns, one row per pupil in the order
//! shown (then the file's unmapped columns), UTF-8 with a byte-order mark (so Excel reads accents and "£" correctly), CRLF line
//! ends, and every cell through [`neutralise`](super::neutralise).

use super::table::{extra_cells, extra_headings, pupil_row, COLUMNS};
use super::{neutralise, ExportError, ExportInput};
use crate::core::planner_table::interventions_by_pupil;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The pupils at `rows` (indices into `input.pupils`, in the order shown) as CSV bytes.
pub fn pupil_csv(input: &ExportInput<'_>, rows: &[usize]) -> Result<Vec<u8>, ExportError> {
    let interventions = interventions_by_pupil(input.book);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let write_error = |e: csv::Error| ExportError::Workbook(e.to_string());
    let extras = extra_headings(input.pupils);
    let headings = COLUMNS
        .iter()
        .map(|c| c.heading)
        .chain(extras.iter().map(String::as_str));
    writer
        .write_record(headings.map(|h| neutralise(h).into_owned()))
        .map_err(write_error)?;
    for &index in rows {
        let (Some(pupil), Some(score), Some(key)) = (
            input.pupils.get(index),
            input.scores.get(index),
            input.keys.get(index),
        ) else {
            continue;
        };
        let text = interventions.get(key).map_or("", String::as_str);
        let mut row = pupil_row(pupil, score, input.focus.contains(key), text);
        row.extend(extra_cells(pupil, &extras));
        writer
            .write_record(
                row.iter()
                    .map(|cell| neutralise(&cell.value.text()).into_owned()),
            )
            .map_err(write_error)?;
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::Workbook(e.to_string()))
}
