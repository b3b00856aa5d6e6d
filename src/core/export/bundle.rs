//! An LA file's exports one school at a time (SPEC §8.5, issue 16): **Export each school's
//! workbook** (a planner workbook per school), **Export each school's figures** (a figures
//! file per school) — each set in one zip — and **Export the LA's figures** (one figures
//! file for every pupil of the file).
//!
//! The schools are `core::schools::split`'s parts, so a school's workbook and figures hold
//! exactly the pupils the Schools table counts for it. Each school's pupils are scored with
//! the LA workspace's profile as of the drop's date ([`ScoringContext::for_drop`]), and its
//! shortlist is its own (the profile's share of *its* pupils). A school's workbook is what
//! the school's own planner would export after importing its pupils: the LA workspace's
//! cohorts, provision, targets, focus flags and self-evaluation are the LA's, not the
//! school's, so none of them is copied (the provision sheets start from the planner's
//! default bank and staff roles, as a new workspace does).
//!
//! [`SchoolFiles`] makes one school's file at a time ([`SchoolFiles::make`]), so the page
//! can let the browser paint between schools; [`zip_files`] puts them in one zip. Every
//! file name is worked out here, unique inside the zip (ignoring case, as Windows and
//! macOS do) even when two schools share a name.

use super::figures_sheet::figures_file_name;
use super::workbook::planner_workbook;
use super::{file_name, file_name_part, ExportError, ExportInput};
use crate::core::drop::{AcademicYear, DataDrop, Term};
use crate::core::figures::aggregate::CountedSet;
use crate::core::figures::document::to_json;
use crate::core::figures::{ProfileStamp, SchoolFigures};
use crate::core::import::text::group_thousands;
use crate::core::profile::Profile;
use crate::core::provision::ProvisionBook;
use crate::core::pupil::PupilKey;
use crate::core::school::SchoolDetails;
use crate::core::schools::{split, SchoolKey, SchoolPart};
use crate::core::scoring::{score_all, shortlist, PupilScore, ScoringContext};
use crate::core::self_evaluation::SelfEvaluation;
use crate::core::targets::TargetBook;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeSet, HashSet};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The MIME type of a zip file.
pub const ZIP_MIME: &str = "application/zip";

/// The most characters of a school's name a file name keeps (file systems refuse names
/// over 255 bytes).
const NAME_CHARS: usize = 80;

/// What each school's file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchoolFileKind {
    /// The planner workbook (.xlsx): the school's pupils, markers, shortlist and profile.
    /// Rows with no school given get one of their own.
    Workbook,
    /// The school figures file (.json): counts only, small counts hidden. Rows with no
    /// school given belong to no school, so they get none (the LA's figures count them).
    Figures,
}

impl SchoolFileKind {
    /// "workbooks" / "figures", as the zip's name and the sentences say it.
    fn plural(self) -> &'static str {
        match self {
            SchoolFileKind::Workbook => "workbooks",
            SchoolFileKind::Figures => "figures",
        }
    }
}

/// One file of a zip: its name inside the zip and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    /// The file's name, unique inside its zip.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The local authority's name for its files: the **Local authority** of the workspace's
/// School details, else the workspace's name.
pub fn local_authority_name<'a>(details: &'a SchoolDetails, workspace_name: &'a str) -> &'a str {
    let given = details.local_authority.trim();
    if given.is_empty() {
        workspace_name.trim()
    } else {
        given
    }
}

/// "Spring 2025-26": a term and academic year as a file name writes them.
fn period(term: Term, year: AcademicYear) -> String {
    format!(
        "{term} {}-{:02}",
        year.start_year,
        (year.start_year + 1).rem_euclid(100)
    )
}

/// `text` made safe for a file name and at most [`NAME_CHARS`] characters long.
fn short_part(text: &str) -> String {
    let safe = file_name_part(text);
    match safe.char_indices().nth(NAME_CHARS) {
        Some((at, _)) => safe[..at].trim_end().to_string(),
        None => safe,
    }
}

/// An LA file's schools, each to be made into one file of `kind`, with every file's name
/// already chosen.
#[derive(Debug, Clone)]
pub struct SchoolFiles {
    kind: SchoolFileKind,
    parts: Vec<SchoolPart>,
    names: Vec<String>,
    profile: Profile,
    local_authority: String,
    today: NaiveDate,
    term: Term,
    academic_year: AcademicYear,
    /// Pupils with no school given (in a workbook of their own, or in no figures file).
    not_given: usize,
}

impl SchoolFiles {
    /// `drop`'s schools (`split`), to be made into one file each of `kind`, scored with
    /// `profile`, named for `local_authority` (see [`local_authority_name`]) and made on
    /// `today`.
    pub fn new(
        kind: SchoolFileKind,
        drop: &DataDrop,
        profile: &Profile,
        local_authority: &str,
        today: NaiveDate,
    ) -> SchoolFiles {
        let all = split(drop, local_authority);
        let not_given = all
            .iter()
            .filter(|part| part.key == SchoolKey::NotGiven)
            .map(|part| part.drop.pupils.len())
            .sum();
        let parts: Vec<SchoolPart> = match kind {
            SchoolFileKind::Workbook => all,
            SchoolFileKind::Figures => all
                .into_iter()
                .filter(|part| part.key != SchoolKey::NotGiven)
                .collect(),
        };
        let names = unique_names(&parts, |school| match kind {
            SchoolFileKind::Workbook => {
                file_name("Planner", drop.academic_year, school, today, "xlsx")
            }
            SchoolFileKind::Figures => {
                let period = period(drop.term, drop.academic_year);
                format!("School figures – {school} – {period}.json")
            }
        });
        SchoolFiles {
            kind,
            parts,
            names,
            profile: profile.clone(),
            local_authority: local_authority.trim().to_string(),
            today,
            term: drop.term,
            academic_year: drop.academic_year,
            not_given,
        }
    }

    /// How many files: one per school (and, for workbooks, one for the rows with no school
    /// given, when there are some).
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether there is no file to make.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The schools, in the file's order ("No school given" last).
    pub fn parts(&self) -> &[SchoolPart] {
        &self.parts
    }

    /// The `at`th school's file (`None` past the end).
    pub fn make(&self, at: usize) -> Option<Result<BundleFile, ExportError>> {
        let part = self.parts.get(at)?;
        let name = self.names.get(at)?.clone();
        Some(match self.kind {
            SchoolFileKind::Workbook => school_workbook(part, &self.profile, self.today)
                .map(|bytes| BundleFile { name, bytes }),
            SchoolFileKind::Figures => Ok(BundleFile {
                name,
                bytes: to_json(&school_figures(part, &self.profile)).into_bytes(),
            }),
        })
    }

    /// Every school's file, in order.
    pub fn make_all(&self) -> Result<Vec<BundleFile>, ExportError> {
        (0..self.len()).filter_map(|at| self.make(at)).collect()
    }

    /// The zip's name: "Tameside schools’ workbooks Spring 2025-26.zip" ("Schools’ …"
    /// when the local authority has no name).
    pub fn zip_name(&self) -> String {
        let whose = short_part(&self.local_authority);
        let what = self.kind.plural();
        let period = period(self.term, self.academic_year);
        if whose.is_empty() {
            format!("Schools’ {what} {period}.zip")
        } else {
            format!("{whose} schools’ {what} {period}.zip")
        }
    }

    /// What the page says while the files are made: "Making 55 workbooks…".
    pub fn working(&self) -> String {
        let count = self.len();
        match (self.kind, count) {
            (SchoolFileKind::Workbook, 1) => "Making 1 workbook…".to_string(),
            (SchoolFileKind::Workbook, _) => format!("Making {count} workbooks…"),
            (SchoolFileKind::Figures, 1) => "Making 1 figures file…".to_string(),
            (SchoolFileKind::Figures, _) => format!("Making {count} figures files…"),
        }
    }

    /// What the page says once the zip named `zip_name` is downloaded.
    pub fn done(&self, zip_name: &str) -> String {
        let schools = self
            .parts
            .iter()
            .filter(|part| part.key != SchoolKey::NotGiven)
            .count();
        let not_given = pupils(self.not_given);
        match self.kind {
            SchoolFileKind::Workbook => {
                let each = if schools == 1 {
                    "1 workbook for its one school".to_string()
                } else {
                    format!("{} workbooks, one per school", group_thousands(schools))
                };
                let rest = if self.not_given > 0 {
                    format!(", and one for the {not_given} with no school given")
                } else {
                    String::new()
                };
                format!(
                    "Downloaded {zip_name}: {each}{rest}. They contain pupil data: keep them safe."
                )
            }
            SchoolFileKind::Figures => {
                let each = if schools == 1 {
                    "1 figures file for its one school".to_string()
                } else {
                    format!("{} figures files, one per school", group_thousands(schools))
                };
                let rest = if self.not_given > 0 {
                    format!(
                        " The {not_given} with no school given are in no school’s file; the local authority’s figures count them."
                    )
                } else {
                    String::new()
                };
                format!("Downloaded {zip_name}: {each}. They hold counts only, no pupil.{rest}")
            }
        }
    }
}

/// "1 pupil", "1,234 pupils".
fn pupils(count: usize) -> String {
    if count == 1 {
        "1 pupil".to_string()
    } else {
        format!("{} pupils", group_thousands(count))
    }
}

/// Each part's file name from `name_for(school words)`, unique ignoring case: a name two
/// schools share is told apart by the URN (else the DfE number), then by " (2)", " (3)" …
fn unique_names(parts: &[SchoolPart], name_for: impl Fn(&str) -> String) -> Vec<String> {
    let plain: Vec<String> = parts
        .iter()
        .map(|part| name_for(&short_part(&part.label)))
        .collect();
    let shared = |name: &String| {
        plain
            .iter()
            .filter(|other| other.to_lowercase() == name.to_lowercase())
            .count()
            > 1
    };
    let told_apart: Vec<String> = parts
        .iter()
        .zip(&plain)
        .map(|(part, name)| {
            if !shared(name) {
                return name.clone();
            }
            let number = match (&part.details.urn, &part.details.dfe_number) {
                (Some(urn), _) => format!(" URN {urn}"),
                (None, Some(number)) => format!(" DfE {number}"),
                (None, None) => String::new(),
            };
            name_for(&short_part(&format!("{}{number}", part.label)))
        })
        .collect();
    let mut taken: HashSet<String> = HashSet::new();
    told_apart
        .into_iter()
        .map(|name| {
            let (stem, extension) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
            let mut candidate = name.clone();
            let mut count = 1;
            while !taken.insert(candidate.to_lowercase()) {
                count += 1;
                candidate = format!("{stem} ({count}).{extension}");
            }
            candidate
        })
        .collect()
}

/// One school's pupils scored with `profile` as of the drop's date, and its own shortlist.
fn scored(part: &SchoolPart, profile: &Profile) -> (Vec<PupilScore>, Vec<usize>) {
    let scores = score_all(
        &part.drop.pupils,
        profile,
        &ScoringContext::for_drop(&part.drop),
    );
    let on_shortlist = shortlist(&part.drop.pupils, &scores, profile);
    (scores, on_shortlist)
}

/// One school's planner workbook: its pupils scored with `profile`, its own shortlist, its
/// details on the Profile sheet, made on `today`; the provision sheets from the default
/// bank and staff roles, no cohorts, targets, focus flags or self-evaluation.
pub fn school_workbook(
    part: &SchoolPart,
    profile: &Profile,
    today: NaiveDate,
) -> Result<Vec<u8>, ExportError> {
    let (scores, on_shortlist) = scored(part, profile);
    let keys: Vec<String> = part
        .drop
        .pupils
        .iter()
        .map(|pupil| PupilKey::of(pupil).into_string())
        .collect();
    let book = ProvisionBook::default();
    let targets = TargetBook::default();
    let self_evaluation = SelfEvaluation::default();
    let focus = BTreeSet::new();
    planner_workbook(&ExportInput {
        school: &part.label,
        details: &part.details,
        academic_year: part.drop.academic_year,
        today,
        pupils: &part.drop.pupils,
        scores: &scores,
        keys: &keys,
        shortlist: &on_shortlist,
        focus: &focus,
        profile,
        book: &book,
        targets: &targets,
        self_evaluation: &self_evaluation,
        over_time: None,
    })
}

/// One school's figures (kind School, its name, URN and local authority), suppressed as
/// **Export school figures** suppresses a school's own.
pub fn school_figures(part: &SchoolPart, profile: &Profile) -> SchoolFigures {
    let (scores, _) = scored(part, profile);
    SchoolFigures::of_drop(
        &part.drop,
        &scores,
        profile,
        part.details.for_figures(&part.label),
    )
}

/// The local authority's figures: every pupil of `drop`, all schools and the rows with no
/// school given together, as one set of kind LocalAuthority named `local_authority`.
pub fn la_figures(drop: &DataDrop, profile: &Profile, local_authority: &str) -> SchoolFigures {
    let scores = score_all(&drop.pupils, profile, &ScoringContext::for_drop(drop));
    let name = local_authority.trim();
    let details = crate::core::figures::SchoolDetails {
        school_name: None,
        urn: None,
        local_authority: (!name.is_empty()).then(|| name.to_string()),
    };
    let set = CountedSet::local_authority(details, &drop.pupils, &scores);
    SchoolFigures::new(
        ProfileStamp::of(profile),
        drop.term,
        drop.academic_year,
        &[set],
    )
}

/// The local authority's figures file: "School figures – Tameside (all schools) – Spring
/// 2025-26.json", its JSON, and the sentence the page says once it is downloaded.
pub fn la_figures_file(
    drop: &DataDrop,
    profile: &Profile,
    local_authority: &str,
) -> (BundleFile, String) {
    let figures = la_figures(drop, profile, local_authority);
    let whose = short_part(local_authority);
    let whose = if whose.is_empty() {
        "Local authority (all schools)".to_string()
    } else {
        format!("{whose} (all schools)")
    };
    let name = figures_file_name(&whose, &figures, "json");
    let done = format!(
        "Downloaded {name}: the local authority’s figures, counting all {} of this file together. It holds counts only, no pupil.",
        pupils(drop.pupils.len())
    );
    (
        BundleFile {
            name,
            bytes: to_json(&figures).into_bytes(),
        },
        done,
    )
}

/// `files` in one zip, each dated `today`: workbooks stored as they are (an .xlsx is
/// already compressed), anything else deflated.
pub fn zip_files(files: &[BundleFile], today: NaiveDate) -> Result<Vec<u8>, ExportError> {
    let failed = |why: &dyn std::fmt::Display| ExportError::Zip(why.to_string());
    let dated = DateTime::from_date_and_time(
        u16::try_from(today.year()).unwrap_or(1980),
        u8::try_from(today.month()).unwrap_or(1),
        u8::try_from(today.day()).unwrap_or(1),
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for file in files {
        let method = if file.name.ends_with(".xlsx") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(dated)
            .unix_permissions(0o644);
        zip.start_file(file.name.as_str(), options)
            .map_err(|why| failed(&why))?;
        zip.write_all(&file.bytes).map_err(|why| failed(&why))?;
    }
    Ok(zip.finish().map_err(|why| failed(&why))?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::school::{DfeNumber, Urn};

    fn part(label: &str, urn: Option<&str>, dfe: Option<&str>) -> SchoolPart {
        SchoolPart {
            key: SchoolKey::NotGiven,
            label: label.to_string(),
            details: SchoolDetails {
                school_name: label.to_string(),
                urn: urn.and_then(|urn| Urn::parse(urn).ok().flatten()),
                dfe_number: dfe.and_then(|number| DfeNumber::parse(number).ok().flatten()),
                ..SchoolDetails::default()
            },
            drop: DataDrop::new(
                NaiveDate::from_ymd_opt(2026, 3, 13).expect("date"),
                "la.csv",
                crate::core::import::build::ImportPlan {
                    sheet: 0,
                    header_row: 0,
                    headings: Vec::new(),
                    mapping: crate::core::import::mapping::ColumnMapping::default(),
                },
                Vec::new(),
            ),
        }
    }

    fn names(parts: &[SchoolPart]) -> Vec<String> {
        unique_names(parts, |school| format!("Planner – {school}.xlsx"))
    }

    #[test]
    fn names_two_schools_share_are_told_apart_by_urn_then_dfe_number_then_a_count() {
        let parts = [
            part("St Mary's", Some("100001"), None),
            part("ST MARY'S", Some("100002"), None),
            part("St Mary's", None, Some("373/2041")),
            part("St Mary's", None, None),
            part("St Mary's", None, None),
            part("Oakfield: C/E", None, None),
        ];
        assert_eq!(
            names(&parts),
            [
                "Planner – St Mary's URN 100001.xlsx",
                "Planner – ST MARY'S URN 100002.xlsx",
                "Planner – St Mary's DfE 373 2041.xlsx",
                "Planner – St Mary's.xlsx",
                "Planner – St Mary's (2).xlsx",
                "Planner – Oakfield C E.xlsx",
            ]
        );
    }

    #[test]
    fn a_long_name_is_cut_to_eighty_characters() {
        let long = "A".repeat(300);
        let name = &names(&[part(&long, None, None)])[0];
        assert_eq!(name, &format!("Planner – {}.xlsx", "A".repeat(80)));
    }

    #[test]
    fn the_local_authority_is_named_by_the_details_else_the_workspace() {
        let mut details = SchoolDetails::default();
        assert_eq!(
            local_authority_name(&details, " Tameside LA "),
            "Tameside LA"
        );
        details.local_authority = "Tameside".to_string();
        assert_eq!(local_authority_name(&details, "Workspace"), "Tameside");
    }

    #[test]
    fn the_zip_holds_each_file_by_name_and_the_same_input_gives_the_same_bytes() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 13).expect("date");
        let files = [
            BundleFile {
                name: "Planner – Oakfield – 2026-03-13.xlsx".to_string(),
                bytes: b"not really a workbook".to_vec(),
            },
            BundleFile {
                name: "School figures – Oakfield – Spring 2025-26.json".to_string(),
                bytes: b"{}".repeat(100),
            },
        ];
        let bytes = zip_files(&files, today).expect("a zip");
        assert_eq!(bytes, zip_files(&files, today).expect("a zip"));
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("opens");
        assert_eq!(archive.len(), 2);
        for file in &files {
            let mut entry = archive.by_name(&file.name).expect("by name");
            let mut read = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut read).expect("reads");
            assert_eq!(read, file.bytes);
            let stored = entry.compression() == CompressionMethod::Stored;
            assert_eq!(stored, file.name.ends_with(".xlsx"), "{}", file.name);
        }
    }
}
