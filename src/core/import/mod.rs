//! Import: bytes of any school's pupil spreadsheet in, pupils and their problems out
//! (SPEC §4). Parsing never fails on a bad cell: it returns the value **and** the issues.
//! It fails as a whole only when the file itself is unusable ([`error::ImportError`]).
//!
//! The pipeline: [`read::read_file`] (sniff the bytes, decode text or open the workbook
//! with guard rails) → [`raw::RawWorkbook`] → [`header`] (choose the sheet, find the
//! header row) → [`mapping`] (headings to fields) → [`build`] (rows to pupils, with
//! every problem listed).

pub mod build;
pub mod error;
pub mod header;
pub mod mapping;
pub mod raw;
pub mod read;
pub mod session;
pub mod sniff;
pub mod text;
pub mod workbook;
