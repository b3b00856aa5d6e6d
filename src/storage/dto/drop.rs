//! A data drop as stored: when it was imported, its academic year and term, the file's
//! name, how the file was read (the import plan) and its pupils.

use super::mapping::ColumnMappingDto;
use super::pupil::PupilDto;
use super::{all_to_core, mirror_enum};
use crate::core::drop::{AcademicYear, DataDrop, Term};
use crate::core::import::build::ImportPlan;
use crate::storage::schema::StorageError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mirror_enum!(
    /// A term, by name.
    TermDto => Term { Autumn, Spring, Summer }
);

/// An academic year, by the calendar year of its 1 September.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcademicYearDto {
    /// 2025 for 2025/26.
    pub start_year: i32,
}

impl From<AcademicYear> for AcademicYearDto {
    fn from(core: AcademicYear) -> Self {
        AcademicYearDto {
            start_year: core.start_year,
        }
    }
}

impl From<AcademicYearDto> for AcademicYear {
    fn from(dto: AcademicYearDto) -> Self {
        AcademicYear {
            start_year: dto.start_year,
        }
    }
}

/// How a file was read: sheet, header row, headings and the field of each column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPlanDto {
    pub sheet: usize,
    pub header_row: usize,
    pub headings: Vec<String>,
    pub mapping: ColumnMappingDto,
}

impl From<&ImportPlan> for ImportPlanDto {
    fn from(core: &ImportPlan) -> Self {
        ImportPlanDto {
            sheet: core.sheet,
            header_row: core.header_row,
            headings: core.headings.clone(),
            mapping: (&core.mapping).into(),
        }
    }
}

impl From<ImportPlanDto> for ImportPlan {
    fn from(dto: ImportPlanDto) -> Self {
        ImportPlan {
            sheet: dto.sheet,
            header_row: dto.header_row,
            headings: dto.headings,
            mapping: dto.mapping.into(),
        }
    }
}

/// One imported spreadsheet and its pupils.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataDropDto {
    pub imported_on: NaiveDate,
    pub academic_year: AcademicYearDto,
    pub term: TermDto,
    pub source_file: String,
    pub plan: ImportPlanDto,
    pub pupils: Vec<PupilDto>,
}

impl From<&DataDrop> for DataDropDto {
    fn from(core: &DataDrop) -> Self {
        DataDropDto {
            imported_on: core.imported_on,
            academic_year: core.academic_year.into(),
            term: core.term.into(),
            source_file: core.source_file.clone(),
            plan: (&core.plan).into(),
            pupils: core.pupils.iter().map(Into::into).collect(),
        }
    }
}

impl TryFrom<DataDropDto> for DataDrop {
    type Error = StorageError;

    fn try_from(dto: DataDropDto) -> Result<DataDrop, StorageError> {
        Ok(DataDrop {
            imported_on: dto.imported_on,
            academic_year: dto.academic_year.into(),
            term: dto.term.into(),
            source_file: dto.source_file,
            plan: dto.plan.into(),
            pupils: all_to_core(dto.pupils)?,
        })
    }
}
