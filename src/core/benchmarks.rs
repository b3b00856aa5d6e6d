//! The **Benchmarks** page as data (SPEC §8.5, issue 16): loading school figures files
//! (all or nothing, each refusal naming its file), the loaded files as listed, and the
//! table **Comparison with other schools** in words — this school, the local authority and
//! similar schools indicator by indicator, with each row's bars and which schools were
//! picked as similar and why the others were left out. The rules themselves are
//! `core::figures` (`document::parse`, `compare::Benchmarking`, `similar::SchoolShape`);
//! this module only says what they decided, so the page shows it and decides nothing.
//!
//! This school's side is its own figures counted exactly from the drop shown
//! ([`ThisSchool`]): they never leave the browser, so nothing of them needs hiding. A
//! hidden figure of another school ("<5" or withheld) reads "<5 (suppressed)" and is never
//! compared: it is left out of the similar schools' median and gets no bar.

use crate::core::drop::{AcademicYear, DataDrop, Term};
use crate::core::figures::aggregate::CountedSet;
use crate::core::figures::compare::{
    describe_file, Benchmark, Benchmarking, Indicator, Reading, SchoolShape, Warning,
};
use crate::core::figures::document::{parse, FiguresError};
use crate::core::figures::{FigureSet, ProfileStamp, RowGroup, SchoolFigures, SetKind};
use crate::core::profile::Profile;
use crate::core::school::SchoolDetails;
use crate::core::scoring::PupilScore;
use crate::core::value::Percent;
use std::fmt;

/// A figures file loaded as a benchmark: its name as chosen and what it holds. Kept in
/// memory for the session only, never saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    /// The file's name ("Oakfield.json").
    pub name: String,
    /// Its figures.
    pub figures: SchoolFigures,
}

/// Why a chosen file was not loaded. Each message names the file and says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    /// Not a figures file, from a newer planner, holding pupil fields, or damaged.
    Refused {
        /// The file's name.
        file: String,
        /// What `document::parse` said.
        why: FiguresError,
    },
    /// The browser could not read it as text.
    CouldNotRead {
        /// The file's name.
        file: String,
    },
    /// The same figures are loaded already (or chosen twice).
    AlreadyLoaded {
        /// The file's name.
        file: String,
    },
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadProblem::Refused { file, why } => write!(f, "“{file}” was not loaded. {why}"),
            LoadProblem::CouldNotRead { file } => write!(
                f,
                "“{file}” could not be read. Choose the .json file made by Export school figures \
                 again, or ask for a fresh copy."
            ),
            LoadProblem::AlreadyLoaded { file } => write!(
                f,
                "“{file}” holds the same figures as a file already loaded, so it was not \
                 loaded twice. Remove the other first to load it again."
            ),
        }
    }
}

/// Said after the problems when chosen files are refused.
pub const NOTHING_CHANGED: &str = "Nothing was loaded: the files loaded before are unchanged.";

/// Loads the `chosen` files (name, and the text read, `None` when it could not be read)
/// after those `loaded`: every one is read by [`parse`], and only when all are figures
/// files not loaded already is the longer list given back. Otherwise every problem, in the
/// order chosen, and nothing changes.
pub fn load(
    loaded: &[LoadedFile],
    chosen: &[(String, Option<String>)],
) -> Result<Vec<LoadedFile>, Vec<LoadProblem>> {
    let mut all = loaded.to_vec();
    let mut problems = Vec::new();
    for (name, text) in chosen {
        let file = name.clone();
        let Some(text) = text else {
            problems.push(LoadProblem::CouldNotRead { file });
            continue;
        };
        match parse(text) {
            Err(why) => problems.push(LoadProblem::Refused { file, why }),
            Ok(figures) if all.iter().any(|other| other.figures == figures) => {
                problems.push(LoadProblem::AlreadyLoaded { file })
            }
            Ok(figures) => all.push(LoadedFile {
                name: file,
                figures,
            }),
        }
    }
    if problems.is_empty() {
        Ok(all)
    } else {
        Err(problems)
    }
}

/// This school's side of a comparison: its own figures, exact, from the drop shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThisSchool {
    /// Its rows, counted exactly.
    pub set: FigureSet,
    /// The profile they were worked out with.
    pub profile: ProfileStamp,
    /// The drop's term.
    pub term: Term,
    /// The drop's academic year.
    pub academic_year: AcademicYear,
}

impl ThisSchool {
    /// This school's figures from its scored drop (`scores` parallel to the drop's pupils),
    /// named by its details (or the workspace's name).
    pub fn of_drop(
        drop: &DataDrop,
        scores: &[PupilScore],
        profile: &Profile,
        details: &SchoolDetails,
        workspace_name: &str,
    ) -> ThisSchool {
        let counted = CountedSet::school(details.for_figures(workspace_name), &drop.pupils, scores);
        ThisSchool {
            set: FigureSet::exact(&counted),
            profile: ProfileStamp::of(profile),
            term: drop.term,
            academic_year: drop.academic_year,
        }
    }

    /// The groups that can be compared, in the figures' order: the whole school, each
    /// year group, then each standard group.
    pub fn groups(&self) -> Vec<RowGroup> {
        self.set.rows.iter().map(|row| row.group).collect()
    }

    /// The comparison of `group` with the `loaded` files.
    pub fn compare(&self, loaded: &[LoadedFile], group: RowGroup) -> Comparison {
        let files: Vec<SchoolFigures> = loaded.iter().map(|file| file.figures.clone()).collect();
        let benchmark = Benchmarking {
            this: &self.set,
            profile: &self.profile,
            term: self.term,
            academic_year: self.academic_year,
            loaded: &files,
        }
        .compare(group);
        Comparison::new(&benchmark, loaded)
    }
}

/// A loaded file as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    /// The file's name.
    pub name: String,
    /// Whose figures it holds: "Oakfield Primary", "Tameside (local authority)".
    pub holds: String,
    /// "Spring 2025/26".
    pub period: String,
    /// "“Universal profile” version 1.0".
    pub profile: String,
    /// "Compared with a warning: …", one per warning about this file.
    pub warnings: Vec<String>,
}

/// One figure of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The reading.
    pub reading: Reading,
    /// As shown: "12.5%", "<5 (suppressed)", "Not available".
    pub text: String,
    /// Said under it: "median of 3 schools; 1 suppressed, left out".
    pub note: Option<String>,
}

/// One bar of a row's chart: only a figure that is shown has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartBar {
    /// "This school", "Local authority", "Similar schools".
    pub label: &'static str,
    /// The figure drawn, `None` when there is nothing to draw (hidden or not available).
    pub value: Option<Percent>,
    /// The text beside the bar: the figure, or why there is no bar.
    pub text: String,
}

/// One indicator: its figures and its chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRow {
    /// What is compared.
    pub indicator: Indicator,
    /// "% red", "Mean attendance".
    pub label: String,
    /// One cell per column of [`Comparison::columns`].
    pub cells: Vec<Cell>,
    /// One bar per column, the longest drawn full width.
    pub bars: Vec<ChartBar>,
    /// The largest figure drawn (at least one hundredth), for scaling the bars.
    pub scale: Percent,
    /// The chart's text alternative: "% red: this school 12.5%, local authority 10%, …".
    pub summary: String,
}

/// Which schools were picked as similar, and why the others were not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimilarSchools {
    /// "2 of the 5 schools loaded are similar to this one."
    pub sentence: String,
    /// "Similar means: primary, 159 to 265 pupils and 20.5% to 40.5% disadvantaged (this
    /// school: 212 pupils, 30.5% disadvantaged)." `None` when this school cannot be judged.
    pub rule: Option<String>,
    /// The similar schools' names.
    pub picked: Vec<String>,
    /// Every other school loaded, with why it was left out.
    pub left_out: Vec<(String, String)>,
}

/// The comparison as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The figures' column headings after the indicator: this school, the local
    /// authority (only when one is loaded) and similar schools.
    pub columns: Vec<String>,
    /// One row per indicator.
    pub rows: Vec<IndicatorRow>,
    /// The loaded files as listed, in the order loaded.
    pub files: Vec<FileRow>,
    /// Similar schools picked and left out.
    pub similar: SimilarSchools,
    /// Warnings not about one file (several local authorities, this school not judged).
    pub warnings: Vec<String>,
}

/// "<5 (suppressed)": what a hidden figure reads as, never compared.
pub const SUPPRESSED: &str = "<5 (suppressed)";

/// A reading as shown.
pub fn reading_text(reading: Reading) -> String {
    match reading {
        Reading::Value(value) => value.to_string(),
        Reading::Suppressed => SUPPRESSED.to_string(),
        Reading::NotAvailable => "Not available".to_string(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Comparison {
    fn new(benchmark: &Benchmark, loaded: &[LoadedFile]) -> Comparison {
        let with_authority = benchmark.local_authority.is_some();
        let mut columns = vec!["This school".to_string()];
        if let Some(authority) = &benchmark.local_authority {
            columns.push(format!("Local authority ({authority})"));
        }
        columns.push("Similar schools (median)".to_string());
        let rows = benchmark
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![(
                    "This school",
                    Cell {
                        reading: row.this_school,
                        text: reading_text(row.this_school),
                        note: None,
                    },
                )];
                if with_authority {
                    cells.push((
                        "Local authority",
                        Cell {
                            reading: row.local_authority,
                            text: reading_text(row.local_authority),
                            note: None,
                        },
                    ));
                }
                let mut notes = Vec::new();
                if row.similar_shown > 0 {
                    notes.push(format!(
                        "median of {}",
                        plural(row.similar_shown, "school", "schools")
                    ));
                }
                if row.similar_suppressed > 0 {
                    notes.push(format!(
                        "{} suppressed, left out",
                        plural(
                            row.similar_suppressed,
                            "school's figure",
                            "schools' figures"
                        )
                    ));
                }
                cells.push((
                    "Similar schools",
                    Cell {
                        reading: row.similar_median,
                        text: reading_text(row.similar_median),
                        note: (!notes.is_empty()).then(|| notes.join("; ")),
                    },
                ));
                let label = row.indicator.label();
                let summary = format!(
                    "{label}: {}",
                    cells
                        .iter()
                        .map(|(name, cell)| format!("{} {}", name.to_lowercase(), cell.text))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                let bars: Vec<ChartBar> = cells
                    .iter()
                    .map(|(name, cell)| ChartBar {
                        label: name,
                        value: match cell.reading {
                            Reading::Value(value) => Some(value),
                            _ => None,
                        },
                        text: cell.text.clone(),
                    })
                    .collect();
                let scale = bars
                    .iter()
                    .filter_map(|bar| bar.value)
                    .max()
                    .unwrap_or(Percent::from_hundredths(1))
                    .max(Percent::from_hundredths(1));
                IndicatorRow {
                    indicator: row.indicator,
                    label,
                    cells: cells.into_iter().map(|(_, cell)| cell).collect(),
                    bars,
                    scale,
                    summary,
                }
            })
            .collect();
        let files = loaded
            .iter()
            .enumerate()
            .map(|(at, file)| FileRow {
                name: file.name.clone(),
                holds: describe_file(&file.figures),
                period: file.figures.period(),
                profile: file.figures.profile.describe(),
                warnings: benchmark
                    .warnings
                    .iter()
                    .filter(|warning| warning_file(warning) == Some(at))
                    .map(|warning| format!("Compared with a warning: {warning}"))
                    .collect(),
            })
            .collect();
        let warnings = benchmark
            .warnings
            .iter()
            .filter(|warning| warning_file(warning).is_none())
            .map(ToString::to_string)
            .collect();
        Comparison {
            columns,
            rows,
            files,
            similar: similar_schools(benchmark, loaded),
            warnings,
        }
    }
}

/// The loaded file a warning is about, if it is about one.
fn warning_file(warning: &Warning) -> Option<usize> {
    match warning {
        Warning::ProfileDiffers { file, .. } | Warning::PeriodDiffers { file, .. } => Some(*file),
        Warning::SeveralLocalAuthorities { .. } | Warning::ThisSchoolNotJudged => None,
    }
}

/// Pupils from ¾ to 1¼ of `pupils`, boundaries included, as whole pupils.
fn size_range(pupils: u64) -> (u64, u64) {
    ((3 * pupils).div_ceil(4), 5 * pupils / 4)
}

/// The share disadvantaged 10 points either side of `share`, within 0% to 100%.
fn share_range(share: Percent) -> (Percent, Percent) {
    let h = share.hundredths();
    (
        Percent::from_hundredths(h.saturating_sub(1000)),
        Percent::from_hundredths((h + 1000).min(10_000)),
    )
}

/// Why `other` is not similar to `this`, each way it differs, in words; empty when it is
/// similar by every measure.
pub fn differences(this: &SchoolShape, other: &SchoolShape) -> Vec<String> {
    let mut why = Vec::new();
    if other.phase != this.phase {
        why.push(format!(
            "{}, not {}",
            other.phase.label().to_lowercase(),
            this.phase.label().to_lowercase()
        ));
    }
    let (lowest, highest) = size_range(this.pupils);
    let (this_pupils, that_pupils) = (u128::from(this.pupils), u128::from(other.pupils));
    if 4 * that_pupils < 3 * this_pupils {
        why.push(format!("{} pupils, fewer than {lowest}", other.pupils));
    } else if 4 * that_pupils > 5 * this_pupils {
        why.push(format!("{} pupils, more than {highest}", other.pupils));
    }
    // |d₂/p₂ − d₁/p₁| > 10/100, exactly.
    let gap = (u128::from(other.disadvantaged) * this_pupils)
        .abs_diff(u128::from(this.disadvantaged) * that_pupils);
    if 100 * gap > 10 * this_pupils * that_pupils {
        let (low, high) = share_range(this.disadvantaged_share());
        why.push(format!(
            "{} disadvantaged, outside {low} to {high}",
            other.disadvantaged_share()
        ));
    }
    why
}

fn similar_schools(benchmark: &Benchmark, loaded: &[LoadedFile]) -> SimilarSchools {
    let schools: Vec<(usize, &FigureSet)> = loaded
        .iter()
        .enumerate()
        .flat_map(|(file, loaded)| loaded.figures.sets.iter().map(move |set| (file, set)))
        .filter(|(_, set)| set.kind == SetKind::School)
        .collect();
    let mut picked = Vec::new();
    let mut left_out = Vec::new();
    for (file, set) in &schools {
        let name = set.describe();
        let shape = SchoolShape::of(set);
        let is_picked = benchmark.similar.iter().any(|school| {
            school.file == *file
                && school.name == name
                && school.urn == set.details.urn
                && Some(school.shape) == shape
        });
        if is_picked {
            picked.push(name);
            continue;
        }
        let why = match (benchmark.this_school, shape) {
            (None, _) => {
                "this school's own phase, pupils or disadvantaged pupils are not known".to_string()
            }
            (_, None) => "its phase, pupils or disadvantaged pupils are not shown (suppressed or \
                          missing), so it cannot be judged"
                .to_string(),
            (Some(this), Some(other)) => {
                let differences = differences(&this, &other);
                if differences.is_empty() {
                    "these are this school's own figures".to_string()
                } else {
                    differences.join("; ")
                }
            }
        };
        left_out.push((name, why));
    }
    let sentence = match (schools.len(), picked.len()) {
        (0, _) => "No other school's figures are loaded yet, so there are no similar schools to \
                   compare with."
            .to_string(),
        (1, 1) => "The 1 school loaded is similar to this one.".to_string(),
        (1, 0) => "The 1 school loaded is not similar to this one.".to_string(),
        (all, 0) => format!("None of the {all} schools loaded is similar to this one."),
        (all, some) => format!(
            "{some} of the {all} schools loaded {} similar to this one.",
            if some == 1 { "is" } else { "are" }
        ),
    };
    let rule = benchmark.this_school.map(|this| {
        let (lowest, highest) = size_range(this.pupils);
        let share = this.disadvantaged_share();
        let (low, high) = share_range(share);
        format!(
            "Similar means the same phase ({}), {lowest} to {highest} pupils and {low} to {high} \
             disadvantaged (this school: {} pupils, {share} disadvantaged).",
            this.phase.label().to_lowercase(),
            this.pupils
        )
    });
    SimilarSchools {
        sentence,
        rule,
        picked,
        left_out,
    }
}

#[cfg(test)]
#[path = "benchmarks_tests.rs"]
mod tests;
