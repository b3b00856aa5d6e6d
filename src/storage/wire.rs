//! The import worker's messages (`web::worker`) as JSON: the page's requests and the
//! worker's replies from [`crate::core::import::session`], and the confirmed mappings the
//! page hands over with a file. Both sides are the same build, so this format is not
//! versioned; it has types of its own (reusing the stored shapes of a pupil, a plan and a
//! mapping from [`crate::storage::dto`]) so the core's types need no serde.
//!
//! A file's bytes never travel as JSON: `Request::Open` is sent without them, and they
//! arrive beside it as a transferred `ArrayBuffer`.

use crate::core::import::build::{ImportIssue, ImportReport, SkippedRow};
use crate::core::import::mapping::MappingMemory;
use crate::core::import::raw::FileKind;
use crate::core::import::session::{ColumnPreview, Preview, Reply, Request, SheetSummary};
use crate::storage::dto::drop::ImportPlanDto;
use crate::storage::dto::mapping::{FieldDto, MappingMemoryDto};
use crate::storage::dto::pupil::PupilDto;
use crate::storage::dto::{all_to_core, mirror_enum};
use crate::storage::schema::StorageError;
use serde::{Deserialize, Serialize};

mirror_enum!(
    /// What kind of file the bytes were.
    FileKindDto => FileKind { Xlsx, Xlsb, Xls, Ods, Text }
);

#[derive(Serialize, Deserialize)]
enum RequestDto {
    Open {
        file_name: String,
        memory: MappingMemoryDto,
    },
    ChooseSheet {
        sheet: usize,
        memory: MappingMemoryDto,
    },
    Review {
        plan: ImportPlanDto,
    },
    Build {
        plan: ImportPlanDto,
    },
}

#[derive(Serialize, Deserialize)]
enum ReplyDto {
    Ready,
    Progress { stage: String, percent: u8 },
    Review(Box<PreviewDto>),
    Built(Box<ImportReportDto>),
    Failed { message: String },
    Crashed,
}

#[derive(Serialize, Deserialize)]
struct PreviewDto {
    file_name: String,
    kind: FileKindDto,
    sheets: Vec<SheetSummaryDto>,
    plan: ImportPlanDto,
    columns: Vec<ColumnPreviewDto>,
    notices: Vec<String>,
    remembered: bool,
}

#[derive(Serialize, Deserialize)]
struct SheetSummaryDto {
    name: String,
    rows: usize,
}

#[derive(Serialize, Deserialize)]
struct ColumnPreviewDto {
    letter: String,
    heading: String,
    field: FieldDto,
    samples: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct ImportReportDto {
    pupils: Vec<PupilDto>,
    issues: Vec<ImportIssueDto>,
    rows_read: usize,
    skipped: Vec<SkippedRowDto>,
    blank_rows: usize,
}

#[derive(Serialize, Deserialize)]
struct ImportIssueDto {
    sheet: String,
    row: usize,
    column: Option<String>,
    heading: Option<String>,
    value: String,
    problem: String,
}

#[derive(Serialize, Deserialize)]
struct SkippedRowDto {
    row: usize,
    reason: String,
}

impl From<&Request> for RequestDto {
    fn from(core: &Request) -> Self {
        match core {
            Request::Open {
                file_name, memory, ..
            } => RequestDto::Open {
                file_name: file_name.clone(),
                memory: memory.into(),
            },
            Request::ChooseSheet { sheet, memory } => RequestDto::ChooseSheet {
                sheet: *sheet,
                memory: memory.into(),
            },
            Request::Review { plan } => RequestDto::Review { plan: plan.into() },
            Request::Build { plan } => RequestDto::Build { plan: plan.into() },
        }
    }
}

impl From<RequestDto> for Request {
    fn from(dto: RequestDto) -> Self {
        match dto {
            RequestDto::Open { file_name, memory } => Request::Open {
                file_name,
                bytes: Vec::new(),
                memory: memory.into(),
            },
            RequestDto::ChooseSheet { sheet, memory } => Request::ChooseSheet {
                sheet,
                memory: memory.into(),
            },
            RequestDto::Review { plan } => Request::Review { plan: plan.into() },
            RequestDto::Build { plan } => Request::Build { plan: plan.into() },
        }
    }
}

impl From<&Preview> for PreviewDto {
    fn from(core: &Preview) -> Self {
        PreviewDto {
            file_name: core.file_name.clone(),
            kind: core.kind.into(),
            sheets: core
                .sheets
                .iter()
                .map(|sheet| SheetSummaryDto {
                    name: sheet.name.clone(),
                    rows: sheet.rows,
                })
                .collect(),
            plan: (&core.plan).into(),
            columns: core
                .columns
                .iter()
                .map(|column| ColumnPreviewDto {
                    letter: column.letter.clone(),
                    heading: column.heading.clone(),
                    field: (&column.field).into(),
                    samples: column.samples.clone(),
                })
                .collect(),
            notices: core.notices.clone(),
            remembered: core.remembered,
        }
    }
}

impl From<PreviewDto> for Preview {
    fn from(dto: PreviewDto) -> Self {
        Preview {
            file_name: dto.file_name,
            kind: dto.kind.into(),
            sheets: dto
                .sheets
                .into_iter()
                .map(|sheet| SheetSummary {
                    name: sheet.name,
                    rows: sheet.rows,
                })
                .collect(),
            plan: dto.plan.into(),
            columns: dto
                .columns
                .into_iter()
                .map(|column| ColumnPreview {
                    letter: column.letter,
                    heading: column.heading,
                    field: column.field.into(),
                    samples: column.samples,
                })
                .collect(),
            notices: dto.notices,
            remembered: dto.remembered,
        }
    }
}

impl From<&ImportReport> for ImportReportDto {
    fn from(core: &ImportReport) -> Self {
        ImportReportDto {
            pupils: core.pupils.iter().map(Into::into).collect(),
            issues: core
                .issues
                .iter()
                .map(|issue| ImportIssueDto {
                    sheet: issue.sheet.clone(),
                    row: issue.row,
                    column: issue.column.clone(),
                    heading: issue.heading.clone(),
                    value: issue.value.clone(),
                    problem: issue.problem.clone(),
                })
                .collect(),
            rows_read: core.rows_read,
            skipped: core
                .skipped
                .iter()
                .map(|skipped| SkippedRowDto {
                    row: skipped.row,
                    reason: skipped.reason.clone(),
                })
                .collect(),
            blank_rows: core.blank_rows,
        }
    }
}

impl TryFrom<ImportReportDto> for ImportReport {
    type Error = StorageError;

    fn try_from(dto: ImportReportDto) -> Result<ImportReport, StorageError> {
        Ok(ImportReport {
            pupils: all_to_core(dto.pupils)?,
            issues: dto
                .issues
                .into_iter()
                .map(|issue| ImportIssue {
                    sheet: issue.sheet,
                    row: issue.row,
                    column: issue.column,
                    heading: issue.heading,
                    value: issue.value,
                    problem: issue.problem,
                })
                .collect(),
            rows_read: dto.rows_read,
            skipped: dto
                .skipped
                .into_iter()
                .map(|skipped| SkippedRow {
                    row: skipped.row,
                    reason: skipped.reason,
                })
                .collect(),
            blank_rows: dto.blank_rows,
        })
    }
}

impl From<&Reply> for ReplyDto {
    fn from(core: &Reply) -> Self {
        match core {
            Reply::Ready => ReplyDto::Ready,
            Reply::Progress { stage, percent } => ReplyDto::Progress {
                stage: stage.clone(),
                percent: *percent,
            },
            Reply::Review(preview) => ReplyDto::Review(Box::new(preview.as_ref().into())),
            Reply::Built(report) => ReplyDto::Built(Box::new(report.as_ref().into())),
            Reply::Failed { message } => ReplyDto::Failed {
                message: message.clone(),
            },
            Reply::Crashed => ReplyDto::Crashed,
        }
    }
}

impl TryFrom<ReplyDto> for Reply {
    type Error = StorageError;

    fn try_from(dto: ReplyDto) -> Result<Reply, StorageError> {
        Ok(match dto {
            ReplyDto::Ready => Reply::Ready,
            ReplyDto::Progress { stage, percent } => Reply::Progress { stage, percent },
            ReplyDto::Review(preview) => Reply::Review(Box::new((*preview).into())),
            ReplyDto::Built(report) => Reply::Built(Box::new((*report).try_into()?)),
            ReplyDto::Failed { message } => Reply::Failed { message },
            ReplyDto::Crashed => Reply::Crashed,
        })
    }
}

/// Why a message between the page and the import worker could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    /// The text is not the JSON of a message (or a message could not be written as JSON).
    #[error("the message is not in the expected form ({0})")]
    NotAMessage(#[from] serde_json::Error),
    /// A value in a reply failed its check (a pupil's UPN, say).
    #[error("{}", checked_value(.0))]
    BadValue(StorageError),
}

/// What was wrong with a value, without the stored-data advice of a [`StorageError`].
fn checked_value(error: &StorageError) -> String {
    match error {
        StorageError::Damaged(detail) => detail.clone(),
        other => other.to_string(),
    }
}

/// A request as JSON text (without a file's bytes).
pub fn encode_request(request: &Request) -> Result<String, WireError> {
    Ok(serde_json::to_string(&RequestDto::from(request))?)
}

/// A request read from JSON text; an `Open` request arrives with no bytes.
pub fn decode_request(text: &str) -> Result<Request, WireError> {
    let dto: RequestDto = serde_json::from_str(text)?;
    Ok(dto.into())
}

/// A reply as JSON text.
pub fn encode_reply(reply: &Reply) -> Result<String, WireError> {
    Ok(serde_json::to_string(&ReplyDto::from(reply))?)
}

/// A reply read from JSON text, with every pupil's values checked again.
pub fn decode_reply(text: &str) -> Result<Reply, WireError> {
    let dto: ReplyDto = serde_json::from_str(text)?;
    Reply::try_from(dto).map_err(WireError::BadValue)
}

/// The confirmed mappings as JSON text, handed to the worker with a file.
pub fn encode_memory(memory: &MappingMemory) -> Result<String, WireError> {
    Ok(serde_json::to_string(&MappingMemoryDto::from(memory))?)
}

/// The confirmed mappings read from JSON text.
pub fn decode_memory(text: &str) -> Result<MappingMemory, WireError> {
    let dto: MappingMemoryDto = serde_json::from_str(text)?;
    Ok(dto.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::session::ImportSession;

    const PRIMARY_210: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/primary_210.csv"
    ));

    /// Sends `request` through the wire to a session and its replies back, as the worker
    /// and the page do.
    fn over_the_wire(session: &mut ImportSession, request: Request) -> Vec<Reply> {
        let bytes = match &request {
            Request::Open { bytes, .. } => bytes.clone(),
            _ => Vec::new(),
        };
        let mut received =
            decode_request(&encode_request(&request).expect("encodes")).expect("decodes");
        if let Request::Open { bytes: arrived, .. } = &mut received {
            assert!(arrived.is_empty(), "bytes never travel as JSON");
            *arrived = bytes;
        }
        assert_eq!(
            encode_request(&received).expect("encodes"),
            encode_request(&request).expect("encodes"),
            "the request arrives as sent"
        );
        let mut replies = Vec::new();
        let reply = session.handle(received, &mut |progress| replies.push(progress));
        replies.push(reply);
        replies
            .iter()
            .map(|reply| {
                let back = decode_reply(&encode_reply(reply).expect("encodes")).expect("decodes");
                assert_eq!(&back, reply, "the reply arrives as sent");
                back
            })
            .collect()
    }

    #[test]
    fn an_import_survives_the_trip_to_the_worker_and_back() {
        let mut memory = MappingMemory::default();
        memory.remember(
            &["UPN".to_string()],
            &crate::core::import::mapping::ColumnMapping {
                columns: vec![crate::core::import::mapping::Field::Upn],
            },
        );
        assert_eq!(
            decode_memory(&encode_memory(&memory).expect("encodes")).expect("decodes"),
            memory.clone()
        );
        let mut session = ImportSession::default();
        let replies = over_the_wire(
            &mut session,
            Request::Open {
                file_name: "primary_210.csv".into(),
                bytes: PRIMARY_210.to_vec(),
                memory,
            },
        );
        let Some(Reply::Review(preview)) = replies.last() else {
            panic!("a preview: {replies:?}");
        };
        assert_eq!(preview.kind, FileKind::Text);
        assert!(!preview.columns.is_empty());
        let replies = over_the_wire(
            &mut session,
            Request::Build {
                plan: preview.plan.clone(),
            },
        );
        let Some(Reply::Built(report)) = replies.last() else {
            panic!("a report: {replies:?}");
        };
        assert_eq!(report.pupils.len(), 210);
        for reply in [
            Reply::Ready,
            Reply::Crashed,
            Reply::Failed {
                message: "No".into(),
            },
        ] {
            assert_eq!(
                decode_reply(&encode_reply(&reply).expect("encodes")).expect("decodes"),
                reply
            );
        }
    }

    #[test]
    fn a_reply_with_a_bad_value_is_refused_in_plain_english() {
        let text = r#"{"Built":{"pupils":[{"upn":"A373210125361","surname":"S","forename":"F",
            "attainment":[],"extra":[]}],"issues":[],"rows_read":1,"skipped":[],"blank_rows":0}}"#;
        let error = decode_reply(text).expect_err("a bad UPN").to_string();
        assert!(
            error.starts_with("a pupil's UPN “A373210125361” is not valid"),
            "{error}"
        );
        assert!(matches!(decode_reply("{"), Err(WireError::NotAMessage(_))));
    }
}
