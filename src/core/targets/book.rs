//! Adding, editing and deleting targets and pupils' curricular targets in the
//! [`TargetBook`] (SPEC §8.3). Targets are named by id, never by their place in a list, so
//! an edit or delete made in another tab meanwhile is noticed ([`BookProblem::NotFound`])
//! rather than landing on the wrong target.
//!
//! Deleting a target that was broken down by year group **detaches** its parts: each
//! year group's target stays, as a target of its own (`part_of` cleared), since staff may
//! be working to it; [`TargetBook::delete`] says which were detached so the screen can
//! say so.

use super::curricular::CurricularTarget;
use super::{Target, TargetBook, TargetId, TargetLevel};
use std::fmt;

/// Why a change to the targets did nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookProblem {
    /// No target (or curricular target) has this id: deleted meanwhile, perhaps in another
    /// tab.
    NotFound,
}

impl fmt::Display for BookProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BookProblem::NotFound => {
                f.write_str("That target is no longer saved: it may have been deleted")
            }
        }
    }
}

impl Target {
    /// A target with an id, who it is for and its description, and nothing else yet: no
    /// measure, figures, dates, owner, status (so the suggestion) or notes.
    pub fn new(id: TargetId, level: TargetLevel, description: impl Into<String>) -> Target {
        Target {
            id,
            level,
            description: description.into(),
            measure: None,
            baseline: None,
            baseline_from: None,
            target_value: None,
            by: None,
            owner: String::new(),
            review_on: None,
            status: None,
            notes: String::new(),
            part_of: None,
        }
    }
}

impl TargetBook {
    /// The target with this id.
    pub fn target(&self, id: TargetId) -> Option<&Target> {
        self.targets.iter().find(|t| t.id == id)
    }

    /// Adds a target (from [`super::draft::TargetDraft::validate`]). An id already in use
    /// (the draft was checked against an older list) is replaced by the next free one;
    /// the id the target was saved under is returned.
    pub fn add(&mut self, mut target: Target) -> TargetId {
        if self.target(target.id).is_some() {
            target.id = TargetId::next(&self.targets);
        }
        let id = target.id;
        self.targets.push(target);
        id
    }

    /// Replaces the target with `target.id`, keeping its place in the list.
    pub fn edit(&mut self, target: Target) -> Result<(), BookProblem> {
        let held = self
            .targets
            .iter_mut()
            .find(|t| t.id == target.id)
            .ok_or(BookProblem::NotFound)?;
        *held = target;
        Ok(())
    }

    /// Deletes a target and returns it with the ids of its parts, which stay as targets of
    /// their own (detached).
    pub fn delete(&mut self, id: TargetId) -> Result<(Target, Vec<TargetId>), BookProblem> {
        let at = self
            .targets
            .iter()
            .position(|t| t.id == id)
            .ok_or(BookProblem::NotFound)?;
        let removed = self.targets.remove(at);
        let mut detached = Vec::new();
        for part in self.targets.iter_mut().filter(|t| t.part_of == Some(id)) {
            part.part_of = None;
            detached.push(part.id);
        }
        Ok((removed, detached))
    }

    /// The targets broken down from `id`, in the list's order.
    pub fn parts_of(&self, id: TargetId) -> impl Iterator<Item = &Target> {
        self.targets.iter().filter(move |t| t.part_of == Some(id))
    }

    /// A pupil's curricular targets, by pupil key (none when they have none).
    pub fn curricular(&self, pupil: &str) -> &[CurricularTarget] {
        self.pupils.get(pupil).map_or(&[], Vec::as_slice)
    }

    /// Adds a curricular target (from [`super::curricular::CurricularDraft::validate`]) for
    /// the pupil, with the next id among theirs (one more than the largest), and returns it.
    pub fn add_curricular(&mut self, pupil: &str, mut target: CurricularTarget) -> u32 {
        let list = self.pupils.entry(pupil.to_string()).or_default();
        target.id = list.iter().map(|t| t.id).max().unwrap_or(0) + 1;
        let id = target.id;
        list.push(target);
        id
    }

    /// Replaces the pupil's curricular target with `target.id`, keeping its place.
    pub fn edit_curricular(
        &mut self,
        pupil: &str,
        target: CurricularTarget,
    ) -> Result<(), BookProblem> {
        let held = self
            .pupils
            .get_mut(pupil)
            .and_then(|list| list.iter_mut().find(|t| t.id == target.id))
            .ok_or(BookProblem::NotFound)?;
        *held = target;
        Ok(())
    }

    /// Deletes one of the pupil's curricular targets and returns it; a pupil left with
    /// none is dropped from the book.
    pub fn delete_curricular(
        &mut self,
        pupil: &str,
        id: u32,
    ) -> Result<CurricularTarget, BookProblem> {
        let list = self.pupils.get_mut(pupil).ok_or(BookProblem::NotFound)?;
        let at = list
            .iter()
            .position(|t| t.id == id)
            .ok_or(BookProblem::NotFound)?;
        let removed = list.remove(at);
        if list.is_empty() {
            self.pupils.remove(pupil);
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::targets::curricular::{CurricularProgress, Horizon};

    fn target(id: u32, part_of: Option<u32>) -> Target {
        Target {
            part_of: part_of.map(TargetId),
            ..Target::new(
                TargetId(id),
                TargetLevel::WholeSchool,
                format!("Target {id}"),
            )
        }
    }

    #[test]
    fn deleting_a_target_detaches_its_parts() {
        let mut book = TargetBook::default();
        for t in [
            target(1, None),
            target(2, Some(1)),
            target(3, Some(1)),
            target(4, None),
        ] {
            book.add(t);
        }
        assert_eq!(book.parts_of(TargetId(1)).count(), 2);
        let (removed, detached) = book.delete(TargetId(1)).expect("held");
        assert_eq!(removed.id, TargetId(1));
        assert_eq!(detached, [TargetId(2), TargetId(3)]);
        assert!(book.targets.iter().all(|t| t.part_of.is_none()));
        assert_eq!(book.delete(TargetId(1)), Err(BookProblem::NotFound));
        // A new target never takes an id in use.
        assert_eq!(book.add(target(2, None)), TargetId(5));
        let mut edited = target(4, None);
        edited.description = "Edited".into();
        book.edit(edited).expect("held");
        assert_eq!(
            book.target(TargetId(4)).map(|t| t.description.as_str()),
            Some("Edited")
        );
        assert_eq!(book.edit(target(9, None)), Err(BookProblem::NotFound));
    }

    #[test]
    fn curricular_targets_are_kept_per_pupil_with_their_own_ids() {
        let mut book = TargetBook::default();
        let reading = CurricularTarget {
            id: 0,
            horizon: Horizon::Short,
            area: "Reading".into(),
            text: "Read 20 common exception words".into(),
            set_on: None,
            review_on: None,
            pupil_set: true,
            parents_set: false,
            pupil_reviewed: false,
            parents_reviewed: false,
            progress: CurricularProgress::NotYetReviewed,
            review_notes: String::new(),
        };
        assert_eq!(book.add_curricular("K1", reading.clone()), 1);
        assert_eq!(book.add_curricular("K1", reading.clone()), 2);
        assert_eq!(book.add_curricular("K2", reading.clone()), 1);
        let mut achieved = book.curricular("K1")[1].clone();
        achieved.progress = CurricularProgress::Achieved;
        book.edit_curricular("K1", achieved).expect("held");
        assert_eq!(
            book.curricular("K1")[1].progress,
            CurricularProgress::Achieved
        );
        book.delete_curricular("K2", 1).expect("held");
        assert!(book.curricular("K2").is_empty() && !book.pupils.contains_key("K2"));
        assert_eq!(book.delete_curricular("K2", 1), Err(BookProblem::NotFound));
    }
}
