//! An LA file's exports one school at a time (issue 16, `core::export::bundle`): a made-up
//! local authority's file (`generate_la`) is read through the real importer; then
//! **Export each school's workbook** gives a zip that opens, with one workbook per school
//! and one for the rows with no school given, every name different, each workbook holding
//! exactly its school's UPNs (worked out from the file's own cells) and its details on the
//! Profile sheet; **Export each school's figures** gives a figures file per school whose
//! whole-school pupils are the school's rows ("<5" for 1–4) and which holds no pupil's
//! UPN, name or date of birth; and the LA's figures count every row of the file.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use planner::core::drop::DataDrop;
use planner::core::export::bundle::{
    la_figures_file, local_authority_name, zip_files, SchoolFileKind, SchoolFiles,
};
use planner::core::figures::document::parse;
use planner::core::figures::{Figure, Measure, RowGroup, SchoolFigures, SetKind};
use planner::core::import::build::{build, plan};
use planner::core::import::mapping::MappingMemory;
use planner::core::import::read::{read_file, Limits};
use planner::core::import::text::group_thousands;
use planner::core::profile::Profile;
use planner::core::school::SchoolDetails;
use planner::core::synthetic::{generate_la, to_csv, LaFile, LaSpec};
use std::collections::{BTreeMap, HashSet};
use std::io::{Cursor, Read};

const LA: &str = "Made-up Borough Council";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 13).expect("a date")
}

/// A file of `schools` made-up schools, and its rows imported as the planner imports them.
fn imported(schools: usize, seed: u64) -> (LaFile, DataDrop) {
    let la = generate_la(&LaSpec {
        seed,
        schools,
        as_of: today(),
        name: LA.to_string(),
    });
    let bytes = to_csv(&la.file).into_bytes();
    let workbook = read_file(&bytes, &Limits::default()).expect("reads");
    let plan = plan(&workbook, &MappingMemory::default()).expect("plans");
    let pupils = build(&workbook, &plan).pupils;
    assert_eq!(pupils.len(), la.file.rows.len());
    (la, DataDrop::new(today(), "la.csv", plan, pupils))
}

/// The file's column `heading`.
fn at(la: &LaFile, heading: &str) -> usize {
    la.file
        .headings
        .iter()
        .position(|h| h == heading)
        .unwrap_or_else(|| panic!("no {heading}"))
}

/// The UPNs of each URN's rows, from the file's own cells ("" for no school given).
fn upns_by_urn(la: &LaFile) -> BTreeMap<String, HashSet<String>> {
    let (urn, upn) = (at(la, "URN"), at(la, "UPN"));
    let mut out: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    for row in &la.file.rows {
        out.entry(row[urn].clone())
            .or_default()
            .insert(row[upn].trim().to_uppercase());
    }
    out
}

/// Every file of a zip, by name, in the zip's order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the zip opens");
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).expect("an entry");
            let mut read = Vec::new();
            entry.read_to_end(&mut read).expect("reads");
            (entry.name().expect("a name").to_string(), read)
        })
        .collect()
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// A workbook's sheet as rows of cell text.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("a valid xlsx");
    let range = workbook.worksheet_range(name).expect("the sheet");
    range
        .rows()
        .map(|row| row.iter().map(text).collect())
        .collect()
}

/// The UPNs of a workbook's All pupils sheet.
fn workbook_upns(bytes: &[u8]) -> Vec<String> {
    let rows = sheet(bytes, "All pupils");
    let upn = rows[0]
        .iter()
        .position(|heading| heading == "UPN")
        .expect("a UPN column");
    rows[1..].iter().map(|row| row[upn].clone()).collect()
}

#[test]
fn each_schools_workbook_holds_exactly_its_pupils_in_one_zip() {
    let (la, drop) = imported(9, 16);
    assert!(la.without_school > 0, "the file has rows with no school");
    let files = SchoolFiles::new(
        SchoolFileKind::Workbook,
        &drop,
        &Profile::universal(),
        LA,
        today(),
    );
    assert_eq!(files.len(), la.schools.len() + 1);
    let zip = zip_files(&files.make_all().expect("workbooks"), today()).expect("a zip");
    assert_eq!(
        files.zip_name(),
        "Made-up Borough Council schools’ workbooks Spring 2025-26.zip"
    );
    let entries = unzip(&zip);
    assert_eq!(
        entries.len(),
        la.schools.len() + 1,
        "one per school and one more"
    );
    let names: HashSet<String> = entries
        .iter()
        .map(|(name, _)| name.to_lowercase())
        .collect();
    assert_eq!(names.len(), entries.len(), "every name different");

    let expected = upns_by_urn(&la);
    let mut seen = HashSet::new();
    for ((name, bytes), school) in entries.iter().zip(&la.schools) {
        assert_eq!(
            name,
            &format!("Planner 2025-26 – {} – 2026-03-13.xlsx", school.name)
        );
        let upns = workbook_upns(bytes);
        let held: HashSet<String> = upns.iter().cloned().collect();
        assert_eq!(upns.len(), school.pupils, "{}", school.name);
        assert_eq!(
            &held, &expected[&school.urn],
            "{}: only its own pupils",
            school.name
        );
        assert!(
            held.is_disjoint(&seen),
            "{}: no other school's pupil",
            school.name
        );
        seen.extend(held);
        // Its details on the Profile sheet: its name, URN, DfE number and the LA.
        let profile = sheet(bytes, "Profile");
        let line = profile
            .iter()
            .flatten()
            .find(|cell| cell.starts_with("School: "))
            .expect("a line naming the school");
        for part in [
            &school.name,
            &school.urn,
            &school.dfe_number,
            &LA.to_string(),
        ] {
            assert!(line.contains(part.as_str()), "{line} names {part}");
        }
    }
    let (name, bytes) = entries.last().expect("the last");
    assert_eq!(name, "Planner 2025-26 – No school given – 2026-03-13.xlsx");
    let held: HashSet<String> = workbook_upns(bytes).into_iter().collect();
    assert_eq!(held, expected[""]);
    assert!(held.is_disjoint(&seen));
    assert_eq!(
        seen.len() + held.len(),
        drop.pupils.len(),
        "every pupil once"
    );

    assert_eq!(
        files.done(&files.zip_name()),
        format!(
            "Downloaded {}: 9 workbooks, one per school, and one for the {} pupils with no school given. They contain pupil data: keep them safe.",
            files.zip_name(),
            la.without_school
        )
    );
    assert_eq!(files.working(), "Making 10 workbooks…");
}

#[test]
fn two_schools_of_the_same_name_get_different_file_names() {
    let (la, mut drop) = imported(4, 3);
    // The second school is given the first one's name in every row.
    let (first, second) = (&la.schools[0], &la.schools[1]);
    for pupil in &mut drop.pupils {
        if pupil.school_id.as_deref() == Some(second.urn.as_str()) {
            pupil.school_name = Some(first.name.clone());
        }
    }
    let files = SchoolFiles::new(
        SchoolFileKind::Workbook,
        &drop,
        &Profile::universal(),
        LA,
        today(),
    );
    let names: Vec<String> = files
        .make_all()
        .expect("workbooks")
        .into_iter()
        .map(|file| file.name)
        .collect();
    assert_eq!(
        names[..2],
        [
            format!(
                "Planner 2025-26 – {} URN {} – 2026-03-13.xlsx",
                first.name, first.urn
            ),
            format!(
                "Planner 2025-26 – {} URN {} – 2026-03-13.xlsx",
                first.name, second.urn
            ),
        ]
    );
    let unique: HashSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len());
}

/// The whole-school row's pupils of a figures file's only set.
fn whole_school_pupils(figures: &SchoolFigures) -> Figure {
    assert_eq!(figures.sets.len(), 1);
    figures.sets[0]
        .row(RowGroup::WholeSchool)
        .expect("a whole-school row")
        .get(Measure::Pupils)
}

/// Checks that `json` holds no UPN, name (over 3 letters) or date of birth of the pupils
/// of `la`'s file whose URN is `urn` (every pupil when `None`), once the words the file is
/// allowed to hold (school and LA names) are taken out.
fn holds_no_pupil(la: &LaFile, urn: Option<&str>, json: &str, allowed: &[&str]) {
    let mut json = json.to_string();
    for words in allowed {
        json = json.replace(words, "");
    }
    let upn = at(la, "UPN");
    let names = [
        at(la, "Legal Surname"),
        at(la, "Legal Forename"),
        at(la, "Preferred Forename"),
    ];
    let born = at(la, "Date of Birth");
    let school = at(la, "URN");
    let rows = la.file.rows.iter();
    for row in rows.filter(|row| urn.is_none_or(|urn| row[school] == urn)) {
        assert!(!json.contains(row[upn].as_str()), "UPN {}", row[upn]);
        for name in names.map(|column| &row[column]) {
            if name.chars().count() > 3 {
                assert!(!json.contains(name.as_str()), "the name {name}");
            }
        }
        let date = NaiveDate::parse_from_str(&row[born], "%d/%m/%Y").expect("dd/mm/yyyy");
        for form in ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"] {
            let written = date.format(form).to_string();
            assert!(!json.contains(&written), "the date of birth {written}");
        }
    }
}

#[test]
fn each_schools_figures_count_its_pupils_and_hold_none_of_them() {
    // 16 schools: every eighth is small (8–29 pupils), so some rows of some schools are
    // hidden, and a school given fewer than five rows shows "<5".
    let (la, mut drop) = imported(16, 21);
    // A school of three: the first school's first three rows become a school of their own.
    let tiny_urn = "999999";
    let mut moved = 0;
    let first_urn = la.schools[0].urn.clone();
    for pupil in &mut drop.pupils {
        if moved < 3 && pupil.school_id.as_deref() == Some(first_urn.as_str()) {
            pupil.school_id = Some(tiny_urn.to_string());
            pupil.school_name = Some("Tiny School".to_string());
            pupil.dfe_number = None;
            moved += 1;
        }
    }
    let files = SchoolFiles::new(
        SchoolFileKind::Figures,
        &drop,
        &Profile::universal(),
        LA,
        today(),
    );
    // A file per school (the tiny one too), none for the rows with no school given.
    assert_eq!(files.len(), la.schools.len() + 1);
    let zip = zip_files(&files.make_all().expect("figures"), today()).expect("a zip");
    let entries = unzip(&zip);
    assert_eq!(entries.len(), la.schools.len() + 1);
    let names: HashSet<&String> = entries.iter().map(|(name, _)| name).collect();
    assert_eq!(names.len(), entries.len());

    let mut rows_of: BTreeMap<String, usize> = BTreeMap::new();
    for pupil in &drop.pupils {
        *rows_of
            .entry(pupil.school_id.clone().unwrap_or_default())
            .or_default() += 1;
    }
    let mut small = 0;
    for (name, bytes) in &entries {
        assert!(name.ends_with(" – Spring 2025-26.json"), "{name}");
        let json = String::from_utf8(bytes.clone()).expect("UTF-8");
        let figures = parse(&json).unwrap_or_else(|why| panic!("{name}: {why}"));
        let set = &figures.sets[0];
        assert_eq!(set.kind, SetKind::School);
        let urn = set.details.urn.clone().expect("the school's URN");
        let school_name = set.details.school_name.clone().expect("the school's name");
        assert!(name.contains(&school_name), "{name} names {school_name}");
        assert_eq!(set.details.local_authority.as_deref(), Some(LA));
        let count = rows_of[&urn];
        let expected = if count >= 5 {
            Figure::Number(count as u64)
        } else {
            small += 1;
            Figure::FewerThanFive
        };
        assert_eq!(whole_school_pupils(&figures), expected, "{school_name}");
        // Its own pupils (the tiny school's are the first school's first rows).
        let own = if urn == tiny_urn { &first_urn } else { &urn };
        holds_no_pupil(&la, Some(own), &json, &[&school_name, LA]);
    }
    assert_eq!(small, 1, "the tiny school's pupils are \"<5\"");
    assert!(
        files.done("x.zip").contains(&format!(
            "The {} pupils with no school given are in no school’s file",
            la.without_school
        )),
        "{}",
        files.done("x.zip")
    );
}

#[test]
fn the_las_figures_count_every_pupil_of_the_file() {
    let (la, drop) = imported(12, 8);
    let mut details = SchoolDetails::default();
    let name = local_authority_name(&details, "LA workspace").to_string();
    assert_eq!(name, "LA workspace");
    details.local_authority = LA.to_string();
    let name = local_authority_name(&details, "LA workspace");
    let (file, done) = la_figures_file(&drop, &Profile::universal(), name);
    assert_eq!(
        file.name,
        "School figures – Made-up Borough Council (all schools) – Spring 2025-26.json"
    );
    let json = String::from_utf8(file.bytes).expect("UTF-8");
    let figures = parse(&json).expect("parses");
    assert_eq!(figures.sets[0].kind, SetKind::LocalAuthority);
    assert_eq!(figures.sets[0].details.local_authority.as_deref(), Some(LA));
    assert_eq!(
        whole_school_pupils(&figures),
        Figure::Number(la.file.rows.len() as u64)
    );
    holds_no_pupil(&la, None, &json, &[LA]);
    let all = format!("all {} pupils", group_thousands(la.file.rows.len()));
    assert!(done.contains(&all), "{done}");
}
