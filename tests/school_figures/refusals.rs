//! What a figures file is refused for: not JSON, not figures, a newer format, any pupil
//! field anywhere, and damage.

use super::{figures_of, oakfield};
use planner::core::figures::document::{parse, to_json, FiguresError};
use planner::core::profile::Profile;
use planner::core::synthetic::made_up_school;
use serde_json::Value;

/// An edit made to an exported file before it is loaded.
type Edit = Box<dyn Fn(&mut Value)>;

// ---------------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------------

fn exported() -> Value {
    let school = made_up_school();
    let (_, figures) = figures_of(&school, oakfield());
    serde_json::from_str(&to_json(&figures)).expect("JSON")
}

#[test]
fn text_that_is_not_json_or_not_figures_is_refused_plainly() {
    let not_json = parse("UPN,Legal Surname\nA123,Smith\n");
    assert_eq!(not_json, Err(FiguresError::NotJson));
    assert!(not_json
        .expect_err("refused")
        .to_string()
        .contains("Choose the .json file made by Export school figures"));
    assert_eq!(parse("{}"), Err(FiguresError::NotFigures));
    assert_eq!(parse("[1, 2, 3]"), Err(FiguresError::NotFigures));
    let profile = serde_json::to_string(&Profile::universal()).expect("a profile writes");
    assert_eq!(parse(&profile), Err(FiguresError::NotFigures));
    let mut other = exported();
    other["format"] = Value::from("personalisation-planner-backup");
    assert_eq!(parse(&other.to_string()), Err(FiguresError::NotFigures));
}

#[test]
fn figures_from_a_newer_planner_are_refused_with_what_to_do() {
    let mut newer = exported();
    newer["format_version"] = Value::from(2);
    let refused = parse(&newer.to_string());
    assert_eq!(
        refused,
        Err(FiguresError::NewerVersion {
            found: 2,
            supported: 1
        })
    );
    assert!(refused
        .expect_err("refused")
        .to_string()
        .contains("Update the planner, or ask whoever sent them"));
}

#[test]
fn any_pupil_field_anywhere_is_refused() {
    const MESSAGE: &str =
        "This file holds pupil details, so the planner will not load it as school figures";
    let refused = |edit: &dyn Fn(&mut Value)| {
        let mut file = exported();
        edit(&mut file);
        parse(&file.to_string())
    };
    let cases: Vec<(&str, Edit)> = vec![
        (
            "pupils",
            Box::new(|file: &mut Value| {
                file["sets"][0]["pupils"] = serde_json::json!([{ "surname": "Smith" }]);
            }),
        ),
        (
            "UPN",
            Box::new(|file: &mut Value| {
                file["sets"][0]["rows"][1]["UPN"] = Value::from("A123456789012");
            }),
        ),
        (
            "Date of Birth",
            Box::new(|file: &mut Value| {
                file["sets"][0]["rows"][0]["figures"]["Date of Birth"] = Value::from("01/02/2017");
            }),
        ),
        (
            "dob",
            Box::new(|file: &mut Value| file["dob"] = Value::from("2017-02-01")),
        ),
        (
            "Legal Forename",
            Box::new(|file: &mut Value| {
                file["notes"] = serde_json::json!([{ "Legal Forename": "Amelia" }]);
            }),
        ),
        (
            "name",
            Box::new(|file: &mut Value| file["sets"][0]["name"] = Value::from("Amelia Smith")),
        ),
    ];
    for (field, edit) in cases {
        let result = refused(edit.as_ref());
        assert_eq!(
            result,
            Err(FiguresError::PupilDetails {
                field: field.to_string()
            }),
            "{field}"
        );
        assert!(result
            .expect_err("refused")
            .to_string()
            .starts_with(MESSAGE));
    }
    // A pupil field is refused even in a file from a newer planner.
    let mut newer = exported();
    newer["format_version"] = Value::from(9);
    newer["sets"][0]["rows"][0]["forename"] = Value::from("Amelia");
    assert!(matches!(
        parse(&newer.to_string()),
        Err(FiguresError::PupilDetails { .. })
    ));
    // "pupils" as a count is a figure, not a list of pupils.
    assert!(parse(&exported().to_string()).is_ok());
}

#[test]
fn a_figures_file_that_is_damaged_says_what_is_wrong() {
    let mut file = exported();
    file["sets"][0]["rows"][0]["figures"]["red"] = Value::from("lots");
    let Err(FiguresError::Damaged { problem }) = parse(&file.to_string()) else {
        panic!("a damaged figure is refused");
    };
    assert!(
        problem.contains("Whole school") && problem.contains("red"),
        "{problem}"
    );
    let mut file = exported();
    file["academic_year"] = Value::from("2025/27");
    assert!(matches!(
        parse(&file.to_string()),
        Err(FiguresError::Damaged { .. })
    ));
}
