//! The entry point of import: file bytes in, a [`RawWorkbook`] or a plain-English
//! [`ImportError`] out. Takes bytes, not a path, so it runs the same in the browser
//! (no filesystem, no threads) as in native tests.

use super::error::{describe_size, ImportError};
use super::raw::{FileKind, RawWorkbook};
use super::sniff::sniff;
use super::text::group_thousands;
use super::{text, workbook};

/// The guard rails every import runs inside, so no file can make the page hang, run out
/// of memory or crash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes (100 MiB).
    pub max_file_bytes: u64,
    /// The most rows a sheet may reach (60,000). A sheet with anything further down is
    /// refused as a whole ([`ImportError::TooManyRows`]) the moment that row streams in,
    /// before the rest is read. Measured (tests/bench): importing 60,000 rows of 37 columns
    /// takes the tab to about 1.2 GB at its peak, 50,000 to 1.0 GB, 142,000 to 2.4 GB; a
    /// whole local authority's 200,000 would need about 3.5 GB, more than a school laptop
    /// with 4 GB has.
    pub max_rows: usize,
    /// Columns read from each row; later columns are left out with a notice (1,000).
    pub max_columns: usize,
    /// Cells (and blank row slots) kept across a whole workbook, and the most cells an
    /// .xls or .ods file may lay out when opened (5,000,000): far beyond any school's
    /// pupil list, small enough for a browser tab.
    pub max_cells: usize,
    /// The most any one part of a compressed workbook may unpack to (256 MiB).
    pub max_unpacked_entry_bytes: u64,
    /// The most a whole compressed workbook may unpack to (512 MiB).
    pub max_unpacked_total_bytes: u64,
    /// The highest compression ratio accepted for a part larger than
    /// [`Limits::ratio_check_from_bytes`] (200 to 1); real spreadsheets come nowhere near.
    pub max_compression_ratio: u64,
    /// Parts that unpack to less than this are never refused for their ratio (10 MiB).
    pub ratio_check_from_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        const MIB: u64 = 1024 * 1024;
        Limits {
            max_file_bytes: 100 * MIB,
            max_rows: 60_000,
            max_columns: 1_000,
            max_cells: 5_000_000,
            max_unpacked_entry_bytes: 256 * MIB,
            max_unpacked_total_bytes: 512 * MIB,
            max_compression_ratio: 200,
            ratio_check_from_bytes: 10 * MIB,
        }
    }
}

impl Limits {
    /// What the Import page says beside the file input (and the README repeats): the
    /// kinds of file, the size and row limits, and what to do with a larger file.
    pub fn hint(&self) -> String {
        format!(
            "Excel (.xlsx, .xlsm, .xls, .xlsb), OpenDocument (.ods) or text (.csv, .tsv, \
             .txt). Up to {} and {} rows. A larger file, such as a whole local authority's \
             pupils, is refused: split it by school and import each school in a workspace of \
             its own.",
            describe_size(self.max_file_bytes),
            group_thousands(self.max_rows)
        )
    }
}

/// Reads a pupil spreadsheet from its bytes: checks the size, decides the kind from the
/// bytes (never the name), then decodes text or opens the workbook within `limits`.
///
/// Fails only when the file as a whole is unusable; a file whose sheets are all blank is
/// [`ImportError::NoData`].
pub fn read_file(bytes: &[u8], limits: &Limits) -> Result<RawWorkbook, ImportError> {
    let size = bytes.len() as u64;
    if size == 0 {
        return Err(ImportError::Empty);
    }
    if size > limits.max_file_bytes {
        return Err(ImportError::TooLarge {
            bytes: size,
            limit: limits.max_file_bytes,
        });
    }
    let kind = sniff(bytes).into_result()?;
    let raw = match kind {
        FileKind::Text => text::read_text(bytes, limits)?,
        FileKind::Xlsx | FileKind::Xlsb | FileKind::Xls | FileKind::Ods => {
            workbook::read_workbook(bytes, kind, limits)?
        }
    };
    if raw.sheets.is_empty() {
        return Err(ImportError::NoSheets);
    }
    let has_data = raw
        .sheets
        .iter()
        .any(|sheet| sheet.rows.iter().flatten().any(|cell| !cell.is_blank()));
    if !has_data {
        return Err(ImportError::NoData);
    }
    Ok(raw)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap; the code under test may not
mod tests {
    use super::*;

    #[test]
    fn size_is_checked_before_anything_else() {
        let limits = Limits {
            max_file_bytes: 10,
            ..Limits::default()
        };
        assert_eq!(
            read_file(b"%PDF-1.4 and more", &limits),
            Err(ImportError::TooLarge {
                bytes: 17,
                limit: 10
            })
        );
    }

    #[test]
    fn the_hint_states_the_limits_and_what_to_do_above_them() {
        let hint = Limits::default().hint();
        assert!(hint.contains("Up to 100 MB and 60,000 rows."), "{hint}");
        assert!(hint.contains("split it by school"), "{hint}");
        let small = Limits {
            max_rows: 1_500,
            ..Limits::default()
        };
        assert!(small.hint().contains("and 1,500 rows"), "{}", small.hint());
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        let limits = Limits::default();
        assert_eq!(read_file(b"", &limits), Err(ImportError::Empty));
        assert_eq!(
            read_file(b",,,\r\n , ,\r\n", &limits),
            Err(ImportError::NoData)
        );
        assert_eq!(read_file(b"\n\n", &limits), Err(ImportError::NoData));
    }

    #[test]
    fn a_csv_with_an_xlsx_name_reads_as_csv() {
        // The name never reaches the reader: only the bytes decide.
        let raw = read_file(b"UPN,Surname\nA123,Smith\n", &Limits::default()).unwrap();
        assert_eq!(raw.kind, FileKind::Text);
        assert_eq!(raw.sheets[0].rows.len(), 2);
    }
}
