//! An LA file split by school (issue 16): **Make a workspace for each school** and **Export
//! each school's workbook** both start here, so a school's workspace and its workbook hold
//! exactly the same pupils, the ones the Schools table counts for it.
//!
//! Each part is one school's pupils as a data drop of its own — the LA file's term, year,
//! file name and column mapping, the pupils in file order — with the school's details
//! (name, URN, DfE number as most of its rows write them; the phase its year groups show;
//! the local authority's name). Rows naming no school make a part of their own, "No school
//! given", last: never dropped. Every pupil of the file is in exactly one part.

use super::key::SchoolKey;
use super::table::{by_school, label_of};
use crate::core::drop::DataDrop;
use crate::core::figures::similar::phase_of_years;
use crate::core::school::{DfeNumber, SchoolDetails, Urn};

/// One school's share of an LA file.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolPart {
    /// Which school it is (`NotGiven` for the rows naming none).
    pub key: SchoolKey,
    /// What it is called: the school's name, else "URN 123456", else "DfE 123/4567",
    /// else "No school given" (as the Schools table calls it).
    pub label: String,
    /// The details its workspace starts with. A URN or DfE number that does not read as
    /// one is left out (the school can type it in Settings); the name is always the label.
    pub details: SchoolDetails,
    /// Its pupils as a data drop of their own.
    pub drop: DataDrop,
}

/// `drop` split into one part per school, in the order the file first names each, then
/// "No school given" when some rows name no school. `local_authority` is written into each
/// part's details ("" when not known).
pub fn split(drop: &DataDrop, local_authority: &str) -> Vec<SchoolPart> {
    by_school(&drop.pupils)
        .into_iter()
        .map(|school| {
            let pupils: Vec<_> = school
                .places
                .iter()
                .filter_map(|&at| drop.pupils.get(at).cloned())
                .collect();
            let label = label_of(
                school.name.as_deref(),
                school.urn.as_deref(),
                school.dfe_number.as_deref(),
            );
            let details = SchoolDetails {
                school_name: label.clone(),
                urn: school
                    .urn
                    .as_deref()
                    .and_then(|urn| Urn::parse(urn).ok().flatten()),
                dfe_number: school
                    .dfe_number
                    .as_deref()
                    .and_then(|number| DfeNumber::parse(number).ok().flatten()),
                phase: phase_of_years(pupils.iter().filter_map(|pupil| pupil.year_group)),
                local_authority: local_authority.trim().to_string(),
            };
            SchoolPart {
                key: school.key,
                label,
                details,
                drop: DataDrop {
                    imported_on: drop.imported_on,
                    academic_year: drop.academic_year,
                    term: drop.term,
                    source_file: drop.source_file.clone(),
                    plan: drop.plan.clone(),
                    pupils,
                },
            }
        })
        .collect()
}
