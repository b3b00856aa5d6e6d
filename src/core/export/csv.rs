//! A pupil table as CSV: the [`table`](super::table) columns, one row per pupil in the order
//! shown (then the file's unmapped columns), UTF-8 with a byte-order mark (so Excel reads accents and "£" correctly), CRLF line
//! ends, and every cell through [`neutralise`](super::neutralise).

use super::table::PupilTable;
use super::{neutralise, ExportError, ExportInput};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The pupils at `rows` (indices into `input.pupils`, in the order shown) as CSV bytes.
pub fn pupil_csv(input: &ExportInput<'_>, rows: &[usize]) -> Result<Vec<u8>, ExportError> {
    let table = PupilTable::new(input, rows);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let write_error = |e: csv::Error| ExportError::Workbook(e.to_string());
    writer
        .write_record(table.headings().iter().map(|h| neutralise(h).into_owned()))
        .map_err(write_error)?;
    for row in table.rows() {
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
