//! Why a whole file could not be imported. Each message is written for a SENCO, in plain
//! UK English, and says what to do next. Problems with single cells or rows are not
//! errors: they are listed as issues alongside the imported pupils.

use thiserror::Error;

use super::text::group_thousands;

/// A file that cannot be imported at all. Nothing in the workspace changes when this is
/// returned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The file has no bytes at all.
    #[error(
        "This file is empty (0 bytes). Export the pupil list from your MIS again and choose \
         the new file."
    )]
    Empty,

    /// The file is bigger than the planner will read.
    #[error(
        "This file is too large to import ({} — the limit is {}). Export only the pupils and \
         columns you need (for example one year group at a time) and import that.",
        describe_size(*bytes),
        describe_size(*limit)
    )]
    TooLarge {
        /// The file's size in bytes.
        bytes: u64,
        /// The largest size accepted, in bytes.
        limit: u64,
    },

    /// A sheet that goes on past the most rows the planner imports at once
    /// ([`Limits::max_rows`](super::read::Limits::max_rows)), such as a whole local
    /// authority's pupils. Found as the rows stream in, so the rest is never read.
    #[error(
        "This file has too many rows to import in one go: {}goes on past row {} (there is \
         something in row {}), and the planner imports at most {} rows at a time — more \
         would need more memory than a browser tab on a school laptop can spare. Split the \
         file by school (or by year group) and import each part in a workspace of its own. \
         If the rows further down are not pupils, delete them, save a copy and import that.",
        sheet_words(sheet.as_deref()),
        group_thousands(*limit),
        group_thousands(*row),
        group_thousands(*limit)
    )]
    TooManyRows {
        /// The sheet's name (none for a text file, which has one unnamed sheet).
        sheet: Option<String>,
        /// The first row number (1-based, as the spreadsheet shows it) found past the limit.
        row: usize,
        /// The most rows a sheet may have.
        limit: usize,
    },

    /// A PDF document, not a spreadsheet.
    #[error(
        "This file is a PDF document, not a spreadsheet. PDFs can't be imported: export the \
         pupil list from your MIS as Excel (.xlsx) or CSV instead and import that."
    )]
    Pdf,

    /// A web page (HTML). Some systems save these with an Excel name.
    #[error(
        "This file is a web page, not a spreadsheet (some systems save web pages with an \
         Excel name). Open it in Excel, choose File › Save As › Excel Workbook (.xlsx) or \
         CSV, and import the saved copy."
    )]
    WebPage,

    /// A Word document (.doc, .docx or rich text).
    #[error(
        "This file is a Word document, not a spreadsheet. Export the pupil list from your \
         MIS as Excel (.xlsx) or CSV and import that."
    )]
    WordDocument,

    /// Another Office file that is not a spreadsheet, such as a PowerPoint presentation.
    #[error(
        "This file is an Office document but not a spreadsheet (it may be a presentation). \
         Export the pupil list from your MIS as Excel (.xlsx) or CSV and import that."
    )]
    OtherOfficeDocument,

    /// A picture (PNG, JPEG or GIF).
    #[error(
        "This file is a picture, not a spreadsheet. Export the pupil list from your MIS as \
         Excel (.xlsx) or CSV and import that."
    )]
    Image,

    /// An "XML Spreadsheet 2003" file, which looks like Excel but cannot be read here.
    #[error(
        "This file is an \"XML Spreadsheet 2003\", an old format the planner can't read. \
         Open it in Excel, choose File › Save As › Excel Workbook (.xlsx), and import the \
         saved copy."
    )]
    XmlSpreadsheet,

    /// Any other file that is not a spreadsheet or text (a program, an archive, …).
    #[error(
        "This file isn't a spreadsheet the planner can read. Export the pupil list from \
         your MIS as Excel (.xlsx, .xls), OpenDocument (.ods) or CSV and import that."
    )]
    NotSpreadsheet,

    /// A workbook that needs a password to open.
    #[error(
        "This workbook is password-protected. Open it in Excel, save an unprotected copy \
         (File › Info › Protect Workbook › remove the password) and import that."
    )]
    PasswordProtected,

    /// A spreadsheet that is truncated or corrupt.
    #[error(
        "This file looks damaged or incomplete ({detail}). It may not have finished \
         downloading or saving: download or export it again and import the new copy."
    )]
    Damaged {
        /// A short plain-English description of what is wrong.
        detail: String,
    },

    /// A compressed workbook that would unpack to far more data than any pupil list
    /// (a "zip bomb"), or that claims one size and unpacks to another.
    #[error(
        "This workbook would take up far too much space once opened, so it has not been \
         read. If it really is your pupil list, open it in Excel, delete unused sheets and \
         columns, save a copy and import that."
    )]
    TooBigWhenUnpacked,

    /// A workbook with no worksheets in it.
    #[error(
        "This workbook has no worksheets in it. Check you exported the right file from your \
         MIS and try again."
    )]
    NoSheets,

    /// Every sheet in the file is blank.
    #[error(
        "This file has no data in it: every sheet is blank. Check you exported the pupil \
         list (not a blank template) and try again."
    )]
    NoData,

    /// No sheet has recognisable pupil columns (found by a later stage of import).
    #[error(
        "We couldn't find pupil columns such as UPN, Surname or Forename in this file. \
         Check it is a pupil list with a heading row, or export it from your MIS again \
         with those columns included."
    )]
    NoPupilColumns,
}

/// How a refusal names the sheet: "the sheet “Pupils” ", or "it " for a text file.
fn sheet_words(sheet: Option<&str>) -> String {
    match sheet {
        Some(name) => format!("the sheet \u{201c}{name}\u{201d} "),
        None => "it ".to_string(),
    }
}

/// A byte count the way people say it: "512 KB", "3.4 MB".
pub(crate) fn describe_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    const MB: f64 = 1024.0 * 1024.0;
    let value = bytes as f64;
    if value >= MB {
        let megabytes = value / MB;
        if megabytes >= 10.0 {
            format!("{megabytes:.0} MB")
        } else {
            format!("{megabytes:.1} MB")
        }
    } else if value >= KB {
        format!("{:.0} KB", value / KB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap; the code under test may not
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(describe_size(512), "512 bytes");
        assert_eq!(describe_size(2048), "2 KB");
        assert_eq!(describe_size(3 * 1024 * 1024 + 400 * 1024), "3.4 MB");
        assert_eq!(describe_size(100 * 1024 * 1024), "100 MB");
    }

    #[test]
    fn too_large_names_both_sizes() {
        let message = ImportError::TooLarge {
            bytes: 150 * 1024 * 1024,
            limit: 100 * 1024 * 1024,
        }
        .to_string();
        assert!(message.contains("150 MB"), "{message}");
        assert!(message.contains("limit is 100 MB"), "{message}");
    }

    #[test]
    fn messages_say_what_to_do_next() {
        let all = [
            ImportError::Empty,
            ImportError::Pdf,
            ImportError::WebPage,
            ImportError::WordDocument,
            ImportError::OtherOfficeDocument,
            ImportError::Image,
            ImportError::XmlSpreadsheet,
            ImportError::NotSpreadsheet,
            ImportError::PasswordProtected,
            ImportError::Damaged {
                detail: "it ends part-way through".into(),
            },
            ImportError::TooBigWhenUnpacked,
            ImportError::TooManyRows {
                sheet: Some("Pupil List".into()),
                row: 60_001,
                limit: 60_000,
            },
            ImportError::NoSheets,
            ImportError::NoData,
            ImportError::NoPupilColumns,
        ];
        for error in all {
            let message = error.to_string();
            assert!(message.ends_with('.'), "{message}");
            assert!(!message.to_lowercase().contains("zip"), "{message}");
            assert!(
                ["import", "try again", "export"]
                    .iter()
                    .any(|next| message.to_lowercase().contains(next)),
                "{message}"
            );
        }
    }
}
