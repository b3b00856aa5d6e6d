//! Two tabs, one workspace: when another tab saved while this one was editing, the two
//! sets of changes are merged instead of one being lost. A three-way merge: `base` is what
//! this tab last read or wrote, `ours` is what it wants to write now, `theirs` is what is
//! stored. A part changed on one side only takes that side's value; a part changed on
//! both sides to different values is a [`Conflict`], and nothing is written.
//!
//! Notes and focus flags merge pupil by pupil, so two tabs writing notes on two pupils (or
//! a flag in one and a note in the other) both keep their edit. The other parts (the
//! profile, cohorts, provision, targets, the self-evaluation, the school details,
//! mappings, name, "Lock after", the pupils) merge whole.
//! Pure: `web::repository` runs it between a refused write and the retry.

use super::schema::StoredWorkspace;
use std::collections::{BTreeMap, BTreeSet};

/// A part of the workspace both tabs changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What both changed, in words ("the note on a pupil", "the scoring profile", …).
    pub parts: Vec<String>,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.parts.join(", "))
    }
}

/// One whole part: the side that changed it wins; both changing it differently conflicts.
fn part<T: PartialEq + Clone>(
    base: &T,
    ours: &T,
    theirs: &T,
    name: &str,
    conflicts: &mut Vec<String>,
) -> T {
    if ours == base || ours == theirs {
        theirs.clone()
    } else if theirs == base {
        ours.clone()
    } else {
        conflicts.push(name.to_string());
        ours.clone()
    }
}

/// Notes, pupil by pupil (a removed note is a note changed to nothing).
fn notes(
    base: &BTreeMap<String, String>,
    ours: &BTreeMap<String, String>,
    theirs: &BTreeMap<String, String>,
    conflicts: &mut Vec<String>,
) -> BTreeMap<String, String> {
    let keys: BTreeSet<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut merged = BTreeMap::new();
    let mut clashes = 0;
    for key in keys {
        let (b, o, t) = (base.get(key), ours.get(key), theirs.get(key));
        let value = if o == b || o == t {
            t
        } else if t == b {
            o
        } else {
            clashes += 1;
            o
        };
        if let Some(value) = value {
            merged.insert(key.clone(), value.clone());
        }
    }
    match clashes {
        0 => {}
        1 => conflicts.push("the note on a pupil".into()),
        n => conflicts.push(format!("the notes on {n} pupils")),
    }
    merged
}

/// Focus flags, pupil by pupil: a flag set or cleared on one side is kept; two sides can't
/// disagree about one pupil's flag without one of them matching the base.
fn focus(
    base: &BTreeSet<String>,
    ours: &BTreeSet<String>,
    theirs: &BTreeSet<String>,
) -> BTreeSet<String> {
    let keys: BTreeSet<&String> = base.iter().chain(ours).chain(theirs).collect();
    keys.into_iter()
        .filter(|key| {
            let (b, o, t) = (
                base.contains(*key),
                ours.contains(*key),
                theirs.contains(*key),
            );
            if o == b {
                t
            } else {
                o
            }
        })
        .cloned()
        .collect()
}

/// Merges this tab's changes (`ours`, made since `base`) into what another tab stored
/// (`theirs`). The result carries `theirs`' revision and id; the caller raises the
/// revision when it writes it.
pub fn merge(
    base: &StoredWorkspace,
    ours: &StoredWorkspace,
    theirs: &StoredWorkspace,
) -> Result<StoredWorkspace, Conflict> {
    let mut conflicts = Vec::new();
    let c = &mut conflicts;
    let merged = StoredWorkspace {
        schema_version: theirs.schema_version,
        id: theirs.id.clone(),
        revision: theirs.revision,
        name: part(
            &base.name,
            &ours.name,
            &theirs.name,
            "the workspace's name",
            c,
        ),
        profile: part(
            &base.profile,
            &ours.profile,
            &theirs.profile,
            "the scoring profile",
            c,
        ),
        mapping_memory: part(
            &base.mapping_memory,
            &ours.mapping_memory,
            &theirs.mapping_memory,
            "the remembered column headings",
            c,
        ),
        cohorts: part(
            &base.cohorts,
            &ours.cohorts,
            &theirs.cohorts,
            "the saved cohorts",
            c,
        ),
        focus: focus(&base.focus, &ours.focus, &theirs.focus),
        notes: notes(&base.notes, &ours.notes, &theirs.notes, c),
        synthetic: part(
            &base.synthetic,
            &ours.synthetic,
            &theirs.synthetic,
            "the pupils",
            c,
        ),
        drops: part(&base.drops, &ours.drops, &theirs.drops, "the data drops", c),
        shown_drop: part(
            &base.shown_drop,
            &ours.shown_drop,
            &theirs.shown_drop,
            "which data drop the planner shows",
            c,
        ),
        lock_after_minutes: part(
            &base.lock_after_minutes,
            &ours.lock_after_minutes,
            &theirs.lock_after_minutes,
            "“Lock after”",
            c,
        ),
        provision: part(
            &base.provision,
            &ours.provision,
            &theirs.provision,
            "the provision",
            c,
        ),
        targets: part(
            &base.targets,
            &ours.targets,
            &theirs.targets,
            "the targets",
            c,
        ),
        self_evaluation: part(
            &base.self_evaluation,
            &ours.self_evaluation,
            &theirs.self_evaluation,
            "the self-evaluation",
            c,
        ),
        details: part(
            &base.details,
            &ours.details,
            &theirs.details,
            "the school details",
            c,
        ),
    };
    conflicts.dedup();
    if conflicts.is_empty() {
        Ok(merged)
    } else {
        Err(Conflict { parts: conflicts })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> StoredWorkspace {
        let mut workspace = StoredWorkspace::new("w1", "Oakfield");
        workspace.revision = 4;
        workspace.notes.insert("A".into(), "Reads well".into());
        workspace.focus.insert("A".into());
        workspace
    }

    #[test]
    fn notes_on_two_pupils_from_two_tabs_are_both_kept() {
        let base = base();
        let mut ours = base.clone();
        ours.notes.insert("B".into(), "Ours".into());
        let mut theirs = base.clone();
        theirs.revision = 5;
        theirs.notes.insert("C".into(), "Theirs".into());
        let merged = merge(&base, &ours, &theirs).expect("no conflict");
        assert_eq!(merged.notes.get("B").map(String::as_str), Some("Ours"));
        assert_eq!(merged.notes.get("C").map(String::as_str), Some("Theirs"));
        assert_eq!(
            merged.notes.get("A").map(String::as_str),
            Some("Reads well")
        );
        assert_eq!(merged.revision, 5);
    }

    #[test]
    fn a_flag_in_one_tab_and_a_note_in_the_other_are_both_kept() {
        let base = base();
        let mut ours = base.clone();
        ours.focus.insert("B".into());
        ours.focus.remove("A");
        let mut theirs = base.clone();
        theirs.notes.insert("A".into(), "Changed there".into());
        let merged = merge(&base, &ours, &theirs).expect("no conflict");
        assert_eq!(merged.focus, BTreeSet::from(["B".to_string()]));
        assert_eq!(
            merged.notes.get("A").map(String::as_str),
            Some("Changed there")
        );
    }

    #[test]
    fn a_note_removed_on_one_side_stays_removed() {
        let base = base();
        let mut ours = base.clone();
        ours.notes.remove("A");
        let mut theirs = base.clone();
        theirs.name = "Oakfield Primary".into();
        let merged = merge(&base, &ours, &theirs).expect("no conflict");
        assert!(!merged.notes.contains_key("A"));
        assert_eq!(merged.name, "Oakfield Primary");
    }

    #[test]
    fn the_same_note_changed_differently_is_a_conflict_that_names_it() {
        let base = base();
        let mut ours = base.clone();
        ours.notes.insert("A".into(), "Ours".into());
        let mut theirs = base.clone();
        theirs.notes.insert("A".into(), "Theirs".into());
        assert_eq!(
            merge(&base, &ours, &theirs),
            Err(Conflict {
                parts: vec!["the note on a pupil".into()]
            })
        );
        // The same change on both sides is no conflict.
        assert!(merge(&base, &ours, &ours).is_ok());
    }

    #[test]
    fn whole_parts_changed_on_both_sides_conflict_and_one_side_wins_otherwise() {
        let base = base();
        let mut ours = base.clone();
        ours.profile.attendance.red_at_or_below = 4_000;
        let mut theirs = base.clone();
        theirs.lock_after_minutes = 60;
        let merged = merge(&base, &ours, &theirs).expect("no conflict");
        assert_eq!(merged.profile, ours.profile);
        assert_eq!(merged.lock_after_minutes, 60);
        theirs.profile.attendance.red_at_or_below = 4_500;
        let conflict = merge(&base, &ours, &theirs).expect_err("both changed the profile");
        assert_eq!(conflict.to_string(), "the scoring profile");
    }

    #[test]
    fn targets_and_the_self_evaluation_merge_whole() {
        use crate::core::self_evaluation::{Feature, PromptAnswer, PromptId};
        use crate::core::targets::{Target, TargetId, TargetLevel};
        let target = |notes: &str| Target {
            notes: notes.into(),
            ..Target::new(TargetId(1), TargetLevel::WholeSchool, "Attendance 96%")
        };
        let prompt = PromptId {
            feature: Feature::Intervention,
            number: 0,
        };
        let base = base();
        let mut ours = base.clone();
        ours.targets.targets.push(target("Ours"));
        let mut theirs = base.clone();
        let answer = PromptAnswer {
            priority: true,
            ..PromptAnswer::default()
        };
        theirs.self_evaluation.answers.insert(prompt, answer);
        let merged = merge(&base, &ours, &theirs).expect("no conflict");
        assert_eq!(merged.targets, ours.targets);
        assert_eq!(merged.self_evaluation, theirs.self_evaluation);

        theirs.targets.targets.push(target("Theirs"));
        ours.self_evaluation
            .answers
            .insert(prompt, PromptAnswer::default());
        let conflict = merge(&base, &ours, &theirs).expect_err("both changed both");
        assert_eq!(conflict.to_string(), "the targets, the self-evaluation");
    }
}
