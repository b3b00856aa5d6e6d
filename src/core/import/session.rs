//! One import, as a conversation: open a file, review the plan (choose another sheet,
//! change a column's field), then build. The browser runs this inside a Web Worker (see
//! `web::worker`), so the requests and replies are plain serialisable data. Pure: it holds
//! the workbook between requests and nothing else.

use crate::core::import::build::{
    build, column_letter, plan, plan_for_sheet, sample_values, ImportPlan, ImportReport,
};
use crate::core::import::mapping::{Field, MappingMemory};
use crate::core::import::raw::{FileKind, RawWorkbook};
use crate::core::import::read::{read_file, Limits};

/// How many parsed sample values the review screen shows per column.
pub const SAMPLES_PER_COLUMN: usize = 3;

/// What the page asks of the import worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Read a file and plan its import.
    Open {
        /// The file's name, as chosen (used for messages and the data drop, never to
        /// decide the file type).
        file_name: String,
        /// The file's bytes.
        bytes: Vec<u8>,
        /// Mappings the user confirmed for earlier files.
        memory: MappingMemory,
    },
    /// Plan another sheet of the open file.
    ChooseSheet {
        /// The sheet's index.
        sheet: usize,
        /// Mappings the user confirmed for earlier files.
        memory: MappingMemory,
    },
    /// Re-describe the open file under an edited plan (a column's field changed).
    Review {
        /// The edited plan.
        plan: ImportPlan,
    },
    /// Import the open file under this plan.
    Build {
        /// The confirmed plan.
        plan: ImportPlan,
    },
}

/// What the import worker answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The worker has started and takes requests.
    Ready,
    /// Work under way: a stage to show and how far along it is (0–100).
    Progress {
        /// What is happening, e.g. "Reading the file".
        stage: String,
        /// Percentage done.
        percent: u8,
    },
    /// The file was read: here is the plan to review.
    Review(Box<Preview>),
    /// The import is done.
    Built(Box<ImportReport>),
    /// The request could not be done; the message says why and what to do.
    Failed {
        /// Plain English for the user.
        message: String,
    },
    /// The worker stopped unexpectedly (sent by the page side, never by the worker).
    Crashed,
}

/// What the review screen shows before the user confirms.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The file's name.
    pub file_name: String,
    /// What the bytes turned out to be.
    pub kind: FileKind,
    /// Every sheet, so the user can pick another.
    pub sheets: Vec<SheetSummary>,
    /// The plan: sheet, header row, headings and mapping.
    pub plan: ImportPlan,
    /// One entry per column of the header row.
    pub columns: Vec<ColumnPreview>,
    /// Notes from reading the file (anything left out), in plain English.
    pub notices: Vec<String>,
    /// True when the mapping came from one the user confirmed before.
    pub remembered: bool,
}

/// A sheet's name and size, for the sheet picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetSummary {
    /// The sheet's name.
    pub name: String,
    /// Rows holding anything.
    pub rows: usize,
}

/// One column on the review screen.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnPreview {
    /// Its letter, as Excel shows it.
    pub letter: String,
    /// Its heading.
    pub heading: String,
    /// The field it maps to.
    pub field: Field,
    /// A few values as they will be read.
    pub samples: Vec<String>,
}

/// The worker's state: the file that is open, if any, and the limits files are read
/// within ([`Limits::default`] unless made [`ImportSession::with_limits`]).
#[derive(Debug, Default)]
pub struct ImportSession {
    workbook: Option<RawWorkbook>,
    file_name: String,
    limits: Limits,
}

impl ImportSession {
    /// A session reading files within `limits` (tests use small ones).
    pub fn with_limits(limits: Limits) -> Self {
        ImportSession {
            limits,
            ..ImportSession::default()
        }
    }

    /// Answers one request. `progress` receives `Reply::Progress` updates during long work.
    pub fn handle(&mut self, request: Request, progress: &mut dyn FnMut(Reply)) -> Reply {
        match request {
            Request::Open {
                file_name,
                bytes,
                memory,
            } => {
                progress(Reply::Progress {
                    stage: "Reading the file".into(),
                    percent: 5,
                });
                self.workbook = None;
                let mut workbook = match read_file(&bytes, &self.limits) {
                    Ok(workbook) => workbook,
                    Err(error) => {
                        return Reply::Failed {
                            message: error.to_string(),
                        }
                    }
                };
                drop(bytes);
                if workbook.kind == FileKind::Text {
                    if let Some(sheet) = workbook.sheets.first_mut() {
                        sheet.name = file_name.clone();
                    }
                }
                progress(Reply::Progress {
                    stage: "Finding the pupil columns".into(),
                    percent: 60,
                });
                let result = plan(&workbook, &memory);
                self.file_name = file_name;
                self.workbook = Some(workbook);
                match result {
                    Ok(plan) => self.review(plan, &memory),
                    Err(error) => {
                        self.workbook = None;
                        Reply::Failed {
                            message: error.to_string(),
                        }
                    }
                }
            }
            Request::ChooseSheet { sheet, memory } => {
                let Some(workbook) = &self.workbook else {
                    return no_file();
                };
                match plan_for_sheet(workbook, sheet, &memory) {
                    Ok(plan) => self.review(plan, &memory),
                    Err(error) => Reply::Failed {
                        message: error.to_string(),
                    },
                }
            }
            Request::Review { plan } => self.review(plan, &MappingMemory::default()),
            Request::Build { plan } => {
                let Some(workbook) = &self.workbook else {
                    return no_file();
                };
                if !plan.mapping.has_pupil_columns() {
                    return Reply::Failed {
                        message: "Choose at least one column for the UPN or the pupils' names, then confirm again.".into(),
                    };
                }
                progress(Reply::Progress {
                    stage: "Importing the pupils".into(),
                    percent: 75,
                });
                Reply::Built(Box::new(build(workbook, &plan)))
            }
        }
    }

    fn review(&self, plan: ImportPlan, memory: &MappingMemory) -> Reply {
        let Some(workbook) = &self.workbook else {
            return no_file();
        };
        let remembered = memory.recall(&plan.headings).is_some();
        let columns = plan
            .headings
            .iter()
            .enumerate()
            .map(|(index, heading)| ColumnPreview {
                letter: column_letter(index),
                heading: heading.clone(),
                field: plan.mapping.field(index).clone(),
                samples: sample_values(workbook, &plan, index, SAMPLES_PER_COLUMN),
            })
            .collect();
        Reply::Review(Box::new(Preview {
            file_name: self.file_name.clone(),
            kind: workbook.kind,
            sheets: workbook
                .sheets
                .iter()
                .map(|sheet| SheetSummary {
                    name: sheet.name.clone(),
                    rows: sheet
                        .rows
                        .iter()
                        .filter(|row| row.iter().any(|cell| !cell.is_blank()))
                        .count(),
                })
                .collect(),
            plan,
            columns,
            notices: workbook.notices.clone(),
            remembered,
        }))
    }
}

fn no_file() -> Reply {
    Reply::Failed {
        message: "No file is open. Choose your pupil spreadsheet again.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap_or_default()
    }

    fn open(session: &mut ImportSession, name: &str) -> Reply {
        let request = Request::Open {
            file_name: name.into(),
            bytes: fixture(name),
            memory: MappingMemory::default(),
        };
        session.handle(request, &mut |_| {})
    }

    #[test]
    fn open_review_then_build_imports_every_pupil() {
        let mut session = ImportSession::default();
        let Reply::Review(preview) = open(&mut session, "primary_210.csv") else {
            panic!("expected a review")
        };
        assert_eq!(preview.sheets[0].name, "primary_210.csv");
        assert_eq!(preview.columns[0].field, Field::Upn);
        assert_eq!(preview.columns[0].samples.len(), SAMPLES_PER_COLUMN);
        let Reply::Built(report) = session.handle(
            Request::Build {
                plan: preview.plan.clone(),
            },
            &mut |_| {},
        ) else {
            panic!("expected a report")
        };
        assert_eq!(report.imported(), 210);
    }

    #[test]
    fn a_file_past_the_row_limit_is_refused_and_the_file_open_before_is_let_go() {
        // primary_210.csv is a heading and 210 pupils: 211 rows.
        let mut session = ImportSession::with_limits(Limits {
            max_rows: 211,
            ..Limits::default()
        });
        let Reply::Review(preview) = open(&mut session, "primary_210.csv") else {
            panic!("exactly at the limit: expected a review")
        };
        let Reply::Failed { message } = open(&mut session, "secondary_1200.xlsx") else {
            panic!("past the limit: expected a failure")
        };
        assert!(message.contains("goes on past row 211"), "{message}");
        assert!(message.contains("Split the file by school"), "{message}");
        // Nothing of either file is kept: building now has no file to build from.
        let Reply::Failed { message } = session.handle(
            Request::Build {
                plan: preview.plan.clone(),
            },
            &mut |_| {},
        ) else {
            panic!("expected no file open")
        };
        assert_eq!(Some(message), no_file_message());
    }

    fn no_file_message() -> Option<String> {
        match no_file() {
            Reply::Failed { message } => Some(message),
            _ => None,
        }
    }

    #[test]
    fn a_hostile_file_fails_with_its_message_and_leaves_no_file_open() {
        let mut session = ImportSession::default();
        let Reply::Failed { message } = open(&mut session, "hostile_pdf_renamed.xlsx") else {
            panic!("expected a failure")
        };
        assert!(message.contains("PDF"), "{message}");
        let plan = ImportPlan {
            sheet: 0,
            header_row: 0,
            headings: vec![],
            mapping: Default::default(),
        };
        assert!(matches!(
            session.handle(Request::Build { plan }, &mut |_| {}),
            Reply::Failed { .. }
        ));
    }

    #[test]
    fn editing_a_column_changes_its_samples_and_progress_is_reported() {
        let mut session = ImportSession::default();
        let mut stages = Vec::new();
        let request = Request::Open {
            file_name: "p.xlsx".into(),
            bytes: fixture("primary_210.xlsx"),
            memory: MappingMemory::default(),
        };
        let Reply::Review(preview) = session.handle(request, &mut |reply| stages.push(reply))
        else {
            panic!()
        };
        assert!(
            stages
                .iter()
                .all(|reply| matches!(reply, Reply::Progress { .. }))
                && !stages.is_empty()
        );
        let mut plan = preview.plan.clone();
        plan.mapping.columns[0] = Field::Ignore;
        let Reply::Review(edited) = session.handle(Request::Review { plan }, &mut |_| {}) else {
            panic!()
        };
        assert_eq!(edited.columns[0].field, Field::Ignore);
        assert!(!edited.remembered);
    }
}
