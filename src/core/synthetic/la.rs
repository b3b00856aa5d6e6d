//! A made-up local authority's file (issue 16, LA files): one spreadsheet holding the
//! pupils of many made-up schools, each row saying which school the pupil attends, as an
//! LA's data team would export it for the planner's **Schools** page.
//!
//! Every school is a made-up school of its own ([`generate`](super::generate) with a seed
//! of its own, a phase and a size), so schools differ as real ones do. The file:
//!
//! - starts with the columns **URN** (6 digits, different for every school), **School
//!   Name** (made up, different for every school) and **DfE Number** (the LA's 3-digit code
//!   and the school's 4-digit number, `373/2041`: 2000–3999 for primary schools, 4000–4999
//!   for secondary and all-through ones), then the all-through school's columns, so
//!   primary teacher assessments and secondary grades sit side by side (a secondary
//!   school's "Maths Working At" goes under "Maths TA", as an all-through school writes it);
//! - mixes primary schools with secondary ones (about one in five) and, from seven schools
//!   on, one all-through school; every eighth school (the fourth, the twelfth, …) is a small
//!   primary of 8 to 29 pupils; other primaries have 40 to 360, secondaries 300 to 900 and
//!   all-through schools 500 to 1,000;
//! - lists the schools one after another, each school's pupils in its own file order;
//! - leaves the three school columns blank on a few rows ([`LaFile::without_school`]: 3 and
//!   one more per 25 schools, taken from schools of 30 pupils or more), which the planner
//!   must list as "No school given", never drop;
//! - keeps UPNs unique across the whole file: a school whose made-up UPNs would repeat
//!   another's is made again with its next seed.
//!
//! Deterministic: the same [`LaSpec`] gives the same file, byte for byte.

use super::{generate, headings, Phase, Rng, SchoolSpec, SyntheticSchool, LA_CODES};
use chrono::NaiveDate;
use std::collections::HashSet;

/// The columns that say which school a row belongs to, in file order.
pub const SCHOOL_HEADINGS: [&str; 3] = ["URN", "School Name", "DfE Number"];

/// What local-authority file to make up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaSpec {
    /// The seed: the same spec gives the same file.
    pub seed: u64,
    /// How many schools.
    pub schools: usize,
    /// "Today", for every school.
    pub as_of: NaiveDate,
    /// The local authority's name, for titles.
    pub name: String,
}

/// One school of the file, as made up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaSchool {
    /// Its URN: 6 digits.
    pub urn: String,
    /// Its name.
    pub name: String,
    /// Its DfE number, `373/2041`.
    pub dfe_number: String,
    /// Its phase.
    pub phase: Phase,
    /// The rows that name it (pupils whose school was left blank are not counted).
    pub pupils: usize,
}

/// A made-up local authority's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaFile {
    /// The file itself: headings and rows, the local authority's name as its name.
    pub file: SyntheticSchool,
    /// Every school, in file order.
    pub schools: Vec<LaSchool>,
    /// How many rows give no school.
    pub without_school: usize,
}

impl LaFile {
    /// The line the generator prints: "Made-up Borough: 50 schools (39 primary,
    /// 10 secondary, 1 all-through), 12,345 rows, 5 with no school given".
    pub fn summary(&self) -> String {
        let count = |phase: Phase| self.schools.iter().filter(|s| s.phase == phase).count();
        format!(
            "{}: {} schools ({} primary, {} secondary, {} all-through), {} rows, {} with no school given",
            self.file.name,
            self.schools.len(),
            count(Phase::Primary),
            count(Phase::Secondary),
            count(Phase::AllThrough),
            self.file.rows.len(),
            self.without_school
        )
    }
}

/// The first part of each made-up school name.
const PLACES: [&str; 64] = [
    "Ashbrook",
    "Beechfield",
    "Brackenhurst",
    "Brambleside",
    "Briarwood",
    "Brookvale",
    "Castlemere",
    "Cedarlea",
    "Chapelfield",
    "Cherry Tree",
    "Clayhill",
    "Copperfield",
    "Crossgates",
    "Daleside",
    "Elmhurst",
    "Fairhaven",
    "Fernbank",
    "Foxgrove",
    "Glenmoor",
    "Greenacre",
    "Hawthorn",
    "Hazelmere",
    "Heathfield",
    "Highcroft",
    "Hollybank",
    "Kingsmead",
    "Lark Rise",
    "Lindenfield",
    "Longmeadow",
    "Maplewood",
    "Marshgate",
    "Meadowbank",
    "Millbrook",
    "Moorside",
    "Northgate",
    "Oakhurst",
    "Orchard Vale",
    "Parkside",
    "Pennyfields",
    "Quarry Hill",
    "Ravenscroft",
    "Redbrook",
    "Riverside",
    "Rosedale",
    "Rowan Park",
    "St Aidan's",
    "St Brigid's",
    "St Cuthbert's",
    "St Hilda's",
    "Sandhurst",
    "Silverdale",
    "Southfield",
    "Springwell",
    "Stonebridge",
    "Sunnyside",
    "Thornfield",
    "Upperwood",
    "Valley Road",
    "Westbrook",
    "Whitegates",
    "Willowbank",
    "Windmill Hill",
    "Woodlands",
    "Yewtree",
];

/// How a school of each phase is named after its place.
fn kinds(phase: Phase) -> &'static [&'static str] {
    match phase {
        Phase::Primary => &[
            "Primary School",
            "Primary Academy",
            "Community Primary School",
            "Infant and Junior School",
            "CE Primary School",
        ],
        Phase::Secondary => &["High School", "Academy", "School", "Community College"],
        Phase::AllThrough => &["All-Through School", "Academy (3–16)"],
    }
}

/// Makes up the local authority's file `spec` describes (see the module's notes).
pub fn generate_la(spec: &LaSpec) -> LaFile {
    let mut rng = Rng::new(spec.seed ^ 0x0000_1A0F_11E5);
    let la_code = rng.pick(&LA_CODES);
    let mut file_headings: Vec<String> = SCHOOL_HEADINGS.iter().map(|h| h.to_string()).collect();
    let pupil_headings = headings(Phase::AllThrough);
    file_headings.extend(pupil_headings.iter().cloned());

    let mut names: HashSet<String> = HashSet::new();
    let mut urns: HashSet<u32> = HashSet::new();
    let mut numbers: HashSet<u32> = HashSet::new();
    let mut upns: HashSet<String> = HashSet::new();
    let mut schools: Vec<LaSchool> = Vec::with_capacity(spec.schools);
    // Each school's rows, in the file's columns, and whether a row may lose its school.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut may_blank: Vec<usize> = Vec::new();

    for index in 0..spec.schools {
        let small = index % 8 == 3;
        let phase = match index {
            0 => Phase::Primary,
            1 => Phase::Secondary,
            6 => Phase::AllThrough,
            _ if small => Phase::Primary,
            _ if rng.chance(0.2) => Phase::Secondary,
            _ => Phase::Primary,
        };
        let pupils = match phase {
            _ if small => rng.between(8, 29),
            Phase::Primary => rng.between(40, 360),
            Phase::Secondary => rng.between(300, 900),
            Phase::AllThrough => rng.between(500, 1000),
        } as usize;
        let name = school_name(&mut rng, phase, &mut names);
        let urn = distinct(&mut rng, &mut urns, 100_000, 149_999);
        let (low, high) = match phase {
            Phase::Primary => (2000, 3999),
            Phase::Secondary | Phase::AllThrough => (4000, 4999),
        };
        let number = distinct(&mut rng, &mut numbers, low, high);
        let dfe_number = format!("{la_code:03}/{number:04}");
        let school = pupils_of(&mut rng, spec, phase, pupils, &name, &mut upns);
        let first = rows.len();
        for row in &school.rows {
            let mut cells = vec![urn.to_string(), name.clone(), dfe_number.clone()];
            cells.extend(
                pupil_headings
                    .iter()
                    .map(|heading| cell_for(&school, row, heading, phase)),
            );
            rows.push(cells);
        }
        if pupils >= 30 {
            may_blank.extend(first..rows.len());
        }
        schools.push(LaSchool {
            urn: urn.to_string(),
            name,
            dfe_number,
            phase,
            pupils,
        });
    }

    // A few rows lose their school; the schools they came from count one fewer.
    let wanted = (3 + spec.schools / 25).min(may_blank.len());
    let mut blanked: Vec<usize> = Vec::with_capacity(wanted);
    while blanked.len() < wanted {
        let at = may_blank[rng.below(may_blank.len())];
        if !blanked.contains(&at) {
            blanked.push(at);
        }
    }
    for &at in &blanked {
        let urn = rows[at][0].clone();
        if let Some(school) = schools.iter_mut().find(|s| s.urn == urn) {
            school.pupils -= 1;
        }
        for cell in rows[at].iter_mut().take(SCHOOL_HEADINGS.len()) {
            cell.clear();
        }
    }
    LaFile {
        file: SyntheticSchool {
            name: spec.name.clone(),
            headings: file_headings,
            rows,
        },
        schools,
        without_school: blanked.len(),
    }
}

/// A school of `pupils` pupils whose UPNs no school made before it uses: made with a seed
/// from `rng`, and made again with the next seed while its UPNs would repeat another's.
fn pupils_of(
    rng: &mut Rng,
    spec: &LaSpec,
    phase: Phase,
    pupils: usize,
    name: &str,
    upns: &mut HashSet<String>,
) -> SyntheticSchool {
    let seed = rng.next_u64();
    let mut attempt = 0u64;
    loop {
        let school = generate(&SchoolSpec {
            seed: seed.wrapping_add(attempt),
            pupils,
            phase,
            as_of: spec.as_of,
            name: name.to_string(),
        });
        let at = school.headings.iter().position(|h| h == "UPN").unwrap_or(0);
        let theirs: Vec<&String> = school.rows.iter().filter_map(|row| row.get(at)).collect();
        if attempt >= 16 || theirs.iter().all(|upn| !upns.contains(*upn)) {
            upns.extend(theirs.into_iter().cloned());
            return school;
        }
        attempt += 1;
    }
}

/// The cell of `row` (a row of `school`, in its own columns) for the file's column
/// `heading`: a secondary school's "Maths Working At" goes under "Maths TA".
fn cell_for(school: &SyntheticSchool, row: &[String], heading: &str, phase: Phase) -> String {
    let own = if phase == Phase::Secondary && heading == "Maths TA" {
        "Maths Working At"
    } else {
        heading
    };
    school
        .headings
        .iter()
        .position(|h| h == own)
        .and_then(|at| row.get(at))
        .cloned()
        .unwrap_or_default()
}

/// A number in `low..=high` that `taken` does not hold yet (taken now).
fn distinct(rng: &mut Rng, taken: &mut HashSet<u32>, low: u32, high: u32) -> u32 {
    for _ in 0..64 {
        let number = rng.between(low, high);
        if taken.insert(number) {
            return number;
        }
    }
    // Crowded: the first free number from the bottom.
    let number = (low..=high)
        .chain(high + 1..)
        .find(|n| !taken.contains(n))
        .unwrap_or(high);
    taken.insert(number);
    number
}

/// A school name no school of the file has yet: a place and a kind of school, with a
/// number after it once the pairs run out.
fn school_name(rng: &mut Rng, phase: Phase, taken: &mut HashSet<String>) -> String {
    let kinds = kinds(phase);
    for _ in 0..64 {
        let name = format!("{} {}", rng.pick(&PLACES), rng.pick(kinds));
        if taken.insert(name.clone()) {
            return name;
        }
    }
    let mut n = 2;
    loop {
        let name = format!("{} {} {n}", rng.pick(&PLACES), rng.pick(kinds));
        if taken.insert(name.clone()) {
            return name;
        }
        n += 1;
    }
}
