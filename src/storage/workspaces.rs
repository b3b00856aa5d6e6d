//! Several workspaces in one browser (for example one per school, or a practice one):
//! the rules for their names and how they are listed. Pure: the browser side is
//! `ui::components::workspaces`.

use super::schema::StoredWorkspace;

/// The longest workspace name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// One workspace as Settings lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceSummary {
    /// Its IndexedDB key.
    pub id: String,
    /// Its name, as the user gave it.
    pub name: String,
    /// Whether it holds imported (or made-up) pupils.
    pub has_pupils: bool,
    /// Whether it is protected with a passphrase (so its name and pupils are unknown
    /// until it is unlocked).
    pub protected: bool,
}

impl WorkspaceSummary {
    /// The summary of a stored workspace.
    pub fn of(workspace: &StoredWorkspace) -> WorkspaceSummary {
        WorkspaceSummary {
            id: workspace.id.clone(),
            name: workspace.name.clone(),
            has_pupils: !workspace.drops.is_empty(),
            protected: false,
        }
    }
}

/// Sorts workspaces by name (ignoring case), then by id so the order never changes.
pub fn sort_summaries(summaries: &mut [WorkspaceSummary]) {
    summaries.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Checks a name typed for a workspace: trimmed, inner runs of spaces made one, not
/// empty, not too long, and not the name of another workspace (ignoring case), so the
/// list never shows two the same. `others` are the names of the other workspaces.
pub fn clean_name<'a>(
    typed: &str,
    others: impl IntoIterator<Item = &'a str>,
) -> Result<String, NameProblem> {
    let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameProblem::TooLong);
    }
    let lower = name.to_lowercase();
    if others
        .into_iter()
        .any(|other| other.trim().to_lowercase() == lower)
    {
        return Err(NameProblem::Taken(name));
    }
    Ok(name)
}

/// Why a typed workspace name cannot be used, said with what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameProblem {
    #[error("Type a name for the workspace, such as the school's name.")]
    Empty,
    #[error("That name is too long: use {MAX_NAME_CHARS} characters or fewer.")]
    TooLong,
    /// Another workspace has this name (ignoring case).
    #[error("There is already a workspace called “{0}”. Choose a different name.")]
    Taken(String),
}

/// `wanted`, or "wanted 2", "wanted 3", … : the first not already a workspace's name
/// (ignoring case), for a workspace the planner names itself (the made-up school).
pub fn unused_name<'a>(wanted: &str, others: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let taken = |name: &str| {
        others
            .clone()
            .into_iter()
            .any(|other| other.trim().to_lowercase() == name.to_lowercase())
    };
    let mut name = wanted.to_string();
    let mut number = 1;
    while taken(&name) {
        number += 1;
        name = format!("{wanted} {number}");
    }
    name
}

/// An id for a new workspace, unique in practice: the time in milliseconds, with a
/// suffix if that id is taken.
pub fn new_id<'a>(now_millis: u64, taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let base = format!("workspace-{now_millis}");
    let mut id = base.clone();
    let mut suffix = 1;
    while taken.clone().into_iter().any(|other| other == id) {
        suffix += 1;
        id = format!("{base}-{suffix}");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_checked() {
        assert_eq!(
            clean_name("  Oak   Primary ", ["Elm Primary"]),
            Ok("Oak Primary".to_string())
        );
        assert_eq!(clean_name("   ", []), Err(NameProblem::Empty));
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(clean_name(&long, []), Err(NameProblem::TooLong));
        assert!(NameProblem::TooLong.to_string().contains("too long"));
        assert!(clean_name(&"é".repeat(MAX_NAME_CHARS), []).is_ok());
        let taken = clean_name("oak primary", ["Oak Primary "]);
        assert_eq!(taken, Err(NameProblem::Taken("oak primary".into())));
        assert!(taken.is_err_and(|why| why
            .to_string()
            .contains("already a workspace called “oak primary”")));
    }

    #[test]
    fn summaries_sort_by_name_ignoring_case_then_id() {
        let summary = |id: &str, name: &str| WorkspaceSummary {
            id: id.into(),
            name: name.into(),
            has_pupils: false,
            protected: false,
        };
        let mut list = vec![
            summary("3", "elm"),
            summary("2", "Ash"),
            summary("1", "Elm"),
        ];
        sort_summaries(&mut list);
        let ids: Vec<&str> = list.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["2", "1", "3"]);
    }

    #[test]
    fn a_name_the_planner_chooses_is_never_taken() {
        assert_eq!(unused_name("Made-up school", ["Oak"]), "Made-up school");
        assert_eq!(
            unused_name("Made-up school", ["made-up SCHOOL", "Made-up school 2"]),
            "Made-up school 3"
        );
    }

    #[test]
    fn new_ids_never_repeat_one_taken() {
        assert_eq!(new_id(5, ["workspace-4"]), "workspace-5");
        assert_eq!(new_id(5, ["workspace-5", "workspace-5-2"]), "workspace-5-3");
    }

    #[test]
    fn a_summary_says_whether_there_are_pupils() {
        let mut workspace = StoredWorkspace::new("w", "Oak");
        assert!(!WorkspaceSummary::of(&workspace).has_pupils);
        workspace.drops = vec![crate::storage::schema::DropEntry::new("drop-1")];
        assert!(WorkspaceSummary::of(&workspace).has_pupils);
    }
}
