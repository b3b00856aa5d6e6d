//! The workspaces **Make a workspace for each school** stores (issue 16): one per part of
//! an LA file split by `core::schools::split`, each holding only that school's pupils as
//! its one data drop, the LA workspace's scoring profile and the school's details. Pure:
//! the records are written together by `web::repository::Repository::add_workspaces`.
//!
//! Names never take one already used: each is the school's label, tidied as a typed name
//! would be, with " 2", " 3", … when a workspace (or another school made here) has it, so
//! doing it again later adds workspaces beside the first ones and overwrites nothing.

use super::schema::{DropEntry, StoredDrop, StoredWorkspace, SCHEMA_VERSION};
use super::workspaces::{new_id, unused_name, MAX_NAME_CHARS};
use crate::core::profile::Profile;
use crate::core::schools::{SchoolKey, SchoolPart};

/// One school's new workspace and its pupils, ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolWorkspace {
    /// The workspace record (revision 1, listing `drop`).
    pub workspace: StoredWorkspace,
    /// Its one data drop: the school's pupils.
    pub drop: StoredDrop,
}

/// A part's label as a workspace name: spaces tidied as a typed name's are, cut to
/// [`MAX_NAME_CHARS`], never blank.
fn tidy(label: &str) -> String {
    let name = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let name: String = name.chars().take(MAX_NAME_CHARS).collect();
    let name = name.trim_end().to_string();
    if name.is_empty() {
        "School".to_string()
    } else {
        name
    }
}

/// How the parts of an LA file become workspaces.
#[derive(Debug, Clone, Copy)]
pub struct MadeFrom<'a> {
    /// The LA workspace's scoring profile, copied into each.
    pub profile: &'a Profile,
    /// Its "Lock after" time, copied into each (they share its passphrase, if any).
    pub lock_after_minutes: u32,
    /// The time now in milliseconds, for ids.
    pub now_millis: u64,
}

/// A workspace for each part, in the parts' order: named by the part's label, made
/// unique against `names` (every stored workspace's name) and each other, with an id
/// unique against `ids` (every stored workspace's id) and each other. Each holds the
/// part's details and its pupils as one drop, `drop-<now>-school-<n>`.
pub fn school_workspaces<'a>(
    parts: Vec<SchoolPart>,
    from: MadeFrom<'_>,
    names: impl IntoIterator<Item = &'a str>,
    ids: impl IntoIterator<Item = &'a str>,
) -> Vec<SchoolWorkspace> {
    let mut names: Vec<String> = names.into_iter().map(str::to_string).collect();
    let mut ids: Vec<String> = ids.into_iter().map(str::to_string).collect();
    parts
        .into_iter()
        .enumerate()
        .map(|(at, part)| {
            let name = unused_name(&tidy(&part.label), names.iter().map(String::as_str));
            let id = new_id(from.now_millis, ids.iter().map(String::as_str));
            names.push(name.clone());
            ids.push(id.clone());
            let drop_id = format!("drop-{}-school-{}", from.now_millis, at + 1);
            let mut workspace = StoredWorkspace::new(id, name);
            workspace.revision = 1;
            workspace.profile = from.profile.clone();
            workspace.lock_after_minutes = from.lock_after_minutes;
            workspace.details = part.details;
            workspace.drops = vec![DropEntry::new(drop_id.clone())];
            SchoolWorkspace {
                workspace,
                drop: StoredDrop {
                    schema_version: SCHEMA_VERSION,
                    id: drop_id,
                    drop: part.drop,
                },
            }
        })
        .collect()
}

/// What making them will do, counted before asking: how many workspaces, and how many of
/// them are for a school (the rest, at most one, holds the pupils with no school given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitCount {
    /// Workspaces for named schools.
    pub schools: usize,
    /// Pupils whose rows name no school (0: no workspace for them).
    pub not_given: usize,
}

impl SplitCount {
    /// The count of `parts`.
    pub fn of(parts: &[SchoolPart]) -> SplitCount {
        let (not_given, schools): (Vec<&SchoolPart>, Vec<&SchoolPart>) = parts
            .iter()
            .partition(|part| part.key == SchoolKey::NotGiven);
        SplitCount {
            schools: schools.len(),
            not_given: not_given.iter().map(|part| part.drop.pupils.len()).sum(),
        }
    }

    /// How many workspaces will be made.
    pub fn workspaces(self) -> usize {
        self.schools + usize::from(self.not_given > 0)
    }

    /// The confirmation's question: "Make 55 workspaces?".
    pub fn question(self) -> String {
        match self.workspaces() {
            1 => "Make 1 workspace?".to_string(),
            n => format!("Make {n} workspaces?"),
        }
    }

    /// What the confirmation says they are: one per school, and one for the pupils with
    /// no school given when there are some.
    pub fn what(self) -> String {
        let schools = match self.schools {
            1 => "one for the 1 school in this file".to_string(),
            n => format!("one for each of the {n} schools in this file"),
        };
        match self.not_given {
            0 => format!("That is {schools}."),
            1 => format!(
                "That is {schools}, and one called “No school given” for the 1 pupil whose row names no school."
            ),
            n => format!(
                "That is {schools}, and one called “No school given” for the {n} pupils whose rows name no school."
            ),
        }
    }

    /// What is said once they are made.
    pub fn done(self) -> String {
        match self.workspaces() {
            1 => "Made 1 workspace. Open it from Settings › Workspaces, or below.".to_string(),
            n => format!(
                "Made {n} workspaces, one per school. Open one from Settings › Workspaces, or below."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::DataDrop;
    use crate::core::import::build::ImportPlan;
    use crate::core::pupil::Pupil;
    use crate::core::school::SchoolDetails;
    use chrono::NaiveDate;

    fn part(key: SchoolKey, label: &str, pupils: usize) -> SchoolPart {
        let plan = ImportPlan {
            sheet: 0,
            header_row: 0,
            headings: vec![],
            mapping: Default::default(),
        };
        let on = NaiveDate::from_ymd_opt(2026, 3, 13).expect("a real date");
        let drop = DataDrop::new(on, "la.csv", plan, vec![Pupil::default(); pupils]);
        SchoolPart {
            key,
            label: label.to_string(),
            details: SchoolDetails {
                school_name: label.to_string(),
                ..SchoolDetails::default()
            },
            drop,
        }
    }

    fn named(name: &str, pupils: usize) -> SchoolPart {
        part(SchoolKey::Name(name.to_lowercase()), name, pupils)
    }

    fn from(profile: &Profile) -> MadeFrom<'_> {
        MadeFrom {
            profile,
            lock_after_minutes: 15,
            now_millis: 7,
        }
    }

    #[test]
    fn each_part_becomes_a_workspace_with_only_its_pupils_and_details() {
        let mut profile = Profile::universal();
        profile.name = "Oakshire LA".into();
        let parts = vec![
            named("Oak Primary", 3),
            named("Elm Academy", 2),
            part(SchoolKey::NotGiven, "No school given", 1),
        ];
        let made = school_workspaces(parts, from(&profile), [], []);
        let names: Vec<&str> = made.iter().map(|m| m.workspace.name.as_str()).collect();
        assert_eq!(names, ["Oak Primary", "Elm Academy", "No school given"]);
        let pupils: Vec<usize> = made.iter().map(|m| m.drop.drop.pupils.len()).collect();
        assert_eq!(pupils, [3, 2, 1]);
        for made in &made {
            let workspace = &made.workspace;
            assert_eq!(workspace.revision, 1);
            assert_eq!(workspace.profile, profile);
            assert_eq!(workspace.lock_after_minutes, 15);
            assert_eq!(workspace.details.school_name, workspace.name);
            assert_eq!(workspace.drops, vec![DropEntry::new(made.drop.id.clone())]);
            assert_eq!(made.drop.schema_version, SCHEMA_VERSION);
            assert!(!workspace.synthetic);
        }
        let ids: Vec<&str> = made.iter().map(|m| m.workspace.id.as_str()).collect();
        assert_eq!(ids, ["workspace-7", "workspace-7-2", "workspace-7-3"]);
        let drops: Vec<&str> = made.iter().map(|m| m.drop.id.as_str()).collect();
        assert_eq!(
            drops,
            ["drop-7-school-1", "drop-7-school-2", "drop-7-school-3"]
        );
    }

    #[test]
    fn names_and_ids_taken_already_are_never_reused() {
        let profile = Profile::universal();
        let parts = vec![named("Oak Primary", 1), named("oak   primary", 1)];
        let made = school_workspaces(
            parts,
            from(&profile),
            ["Oak Primary", "LA file"],
            ["workspace-7"],
        );
        let names: Vec<&str> = made.iter().map(|m| m.workspace.name.as_str()).collect();
        assert_eq!(names, ["Oak Primary 2", "oak primary 3"]);
        let ids: Vec<&str> = made.iter().map(|m| m.workspace.id.as_str()).collect();
        assert_eq!(ids, ["workspace-7-2", "workspace-7-3"]);
    }

    #[test]
    fn a_long_or_blank_label_still_makes_a_name() {
        let profile = Profile::universal();
        let long = "A".repeat(MAX_NAME_CHARS + 20);
        let made = school_workspaces(
            vec![named(&long, 1), named("   ", 1)],
            from(&profile),
            [],
            [],
        );
        assert_eq!(made[0].workspace.name.chars().count(), MAX_NAME_CHARS);
        assert_eq!(made[1].workspace.name, "School");
    }

    #[test]
    fn the_question_counts_the_workspaces_and_says_when_one_is_for_no_school() {
        let parts = vec![
            named("Oak Primary", 3),
            named("Elm Academy", 2),
            part(SchoolKey::NotGiven, "No school given", 4),
        ];
        let count = SplitCount::of(&parts);
        assert_eq!(
            count,
            SplitCount {
                schools: 2,
                not_given: 4
            }
        );
        assert_eq!(count.workspaces(), 3);
        assert_eq!(count.question(), "Make 3 workspaces?");
        assert_eq!(
            count.what(),
            "That is one for each of the 2 schools in this file, and one called “No school given” for the 4 pupils whose rows name no school."
        );
        assert!(count
            .done()
            .starts_with("Made 3 workspaces, one per school."));

        let one = SplitCount::of(&parts[..1]);
        assert_eq!(one.question(), "Make 1 workspace?");
        assert_eq!(one.what(), "That is one for the 1 school in this file.");
    }
}
