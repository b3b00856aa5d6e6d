//! The need audit for a named academic year (Ealing step 1), as the school edits it.
//!
//! **Years.** Each audit entry names the academic year it is for; entries made before
//! audits named their year (`academic_year: None`) form an audit of their own, shown as
//! "Before audits named a year". An audit counts only its own entries, so last year's
//! audit stays readable as it was. The audit a SENCO works on by default is the year after
//! the one the planner is working in ([`default_audit_year`]).
//!
//! **Next year's year groups** ([`next_year`](super::next_year), re-exported here). For
//! an audit of a later year than the pupil data's, every
//! pupil is moved up a year for each year between (Nursery 1 → Nursery 2 → Reception →
//! Year 1 → …), and pupils who pass the top year group of the school's phase have left
//! ([`Phase`]: Year 6 in a primary; Year 11 in a secondary; Year 13 in a secondary with a
//! sixth form). A pupil whose year group is not known stays "not known". For the data's
//! own year, an earlier one or the audit with no year, pupils are as they are in the data.
//!
//! **Expected pupils** ([`ExpectedPupils`]) are pupils not yet on roll (the new intake,
//! transfers), by name or as a number, with their year group and needs; each of their
//! needs counts once per pupil in the audit table, and all of them are unmet in the gap
//! analysis (they have no provision yet).

use crate::core::drop::AcademicYear;
use crate::core::provision::bank::NeedArea;
use crate::core::provision::costs::Period;
use crate::core::provision::gaps::{
    analyse, needs_of, table_of, AuditTable, ExpectedPupils, GapAnalysis, NeedAuditEntry,
};
use crate::core::provision::provision::Priority;
use crate::core::provision::{ProvisionBook, SchoolPupil};
use crate::core::value::YearGroup;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub use crate::core::provision::next_year::{
    moved_up, next_year_group, pupils_in_year, year_groups_note, Phase,
};

/// The audit a SENCO works on by default: the year after the working year.
pub fn default_audit_year(working: AcademicYear) -> AcademicYear {
    AcademicYear {
        start_year: working.start_year + 1,
    }
}

/// The audits worth offering, in order: the working year, the year after, and every year
/// with an entry or expected pupils; then `None` ("Before audits named a year") when any
/// entry has no year.
pub fn audit_years(book: &ProvisionBook, working: AcademicYear) -> Vec<Option<AcademicYear>> {
    let mut years: BTreeSet<AcademicYear> = [working, default_audit_year(working)].into();
    years.extend(book.need_audit.iter().filter_map(|e| e.academic_year));
    years.extend(book.expected_pupils.iter().map(|e| e.academic_year));
    let mut choices: Vec<Option<AcademicYear>> = years.into_iter().map(Some).collect();
    if book.need_audit.iter().any(|e| e.academic_year.is_none()) {
        choices.push(None);
    }
    choices
}

/// "2026/27", or "Before audits named a year".
pub fn audit_year_label(year: Option<AcademicYear>) -> String {
    year.map_or_else(
        || "Before audits named a year".to_string(),
        |y| y.to_string(),
    )
}

/// One audit's needs (pupil, area) at the strongest priority entered.
pub fn audited_needs_in(
    book: &ProvisionBook,
    year: Option<AcademicYear>,
) -> BTreeMap<(String, NeedArea), Priority> {
    needs_of(book.need_audit.iter().filter(|e| e.academic_year == year))
}

/// The pupils expected in `year` (none for the audit with no year), in the order added.
pub fn expected_in(book: &ProvisionBook, year: Option<AcademicYear>) -> Vec<&ExpectedPupils> {
    book.expected_pupils
        .iter()
        .filter(|e| Some(e.academic_year) == year)
        .collect()
}

/// The must/should/could table of one audit, its pupils on roll and expected, per year
/// group of `pupils` (pass [`pupils_in_year`] for next year's year groups).
pub fn audit_table_for(
    book: &ProvisionBook,
    pupils: &[SchoolPupil],
    year: Option<AcademicYear>,
) -> AuditTable {
    table_of(
        audited_needs_in(book, year),
        pupils,
        &expected_in(book, year),
    )
}

/// One audit compared with current provision in `period` (see `gaps`), with its expected
/// pupils' needs listed as unmet.
pub fn gap_analysis_for(
    book: &ProvisionBook,
    pupils: &[SchoolPupil],
    period: Option<Period>,
    year: Option<AcademicYear>,
) -> GapAnalysis {
    analyse(
        book,
        audited_needs_in(book, year),
        &expected_in(book, year),
        pupils,
        period,
    )
}

impl ProvisionBook {
    /// Records that `pupil` needs support in `area` in the audit for `year` at `priority`,
    /// replacing whatever that audit held for that pupil and area (so the priority entered
    /// last is the one kept). A blank note keeps the note already recorded, if any.
    pub fn set_audited_need(
        &mut self,
        pupil: &str,
        year: Option<AcademicYear>,
        area: NeedArea,
        priority: Priority,
        note: &str,
    ) {
        let same =
            |e: &NeedAuditEntry| e.pupil == pupil && e.area == area && e.academic_year == year;
        let note = note.trim();
        let kept = self
            .need_audit
            .iter()
            .rev()
            .find(|e| same(e) && !e.note.trim().is_empty())
            .map(|e| e.note.clone());
        self.need_audit.retain(|e| !same(e));
        self.need_audit.push(NeedAuditEntry {
            pupil: pupil.to_string(),
            area,
            priority,
            note: if note.is_empty() {
                kept.unwrap_or_default()
            } else {
                note.to_string()
            },
            academic_year: year,
        });
    }

    /// Removes `pupil`'s need in `area` from the audit for `year`; `true` when there was
    /// one.
    pub fn remove_audited_need(
        &mut self,
        pupil: &str,
        year: Option<AcademicYear>,
        area: NeedArea,
    ) -> bool {
        let before = self.need_audit.len();
        self.need_audit
            .retain(|e| !(e.pupil == pupil && e.area == area && e.academic_year == year));
        self.need_audit.len() != before
    }

    /// One pupil's needs in the audit for `year`, one per area at the strongest priority
    /// entered, in area order, each with the last note recorded for it.
    pub fn audited_needs_for(
        &self,
        pupil: &str,
        year: Option<AcademicYear>,
    ) -> Vec<(NeedArea, Priority, String)> {
        audited_needs_in(self, year)
            .into_iter()
            .filter(|((key, _), _)| key == pupil)
            .map(|((_, area), priority)| {
                let note = self
                    .need_audit
                    .iter()
                    .rev()
                    .find(|e| {
                        e.pupil == pupil
                            && e.area == area
                            && e.academic_year == year
                            && !e.note.trim().is_empty()
                    })
                    .map(|e| e.note.clone())
                    .unwrap_or_default();
                (area, priority, note)
            })
            .collect()
    }

    /// Adds expected pupils to the audit for `year` from the form, or gives every problem.
    pub fn add_expected_pupils(
        &mut self,
        year: AcademicYear,
        draft: &ExpectedDraft,
    ) -> Result<(), Vec<ExpectedProblem>> {
        let expected = draft.validate(year)?;
        self.expected_pupils.push(expected);
        Ok(())
    }

    /// Removes the expected pupils entry that reads `shown`; `false` when it is no longer
    /// there. (Entries have no id: the first one equal to what was shown goes.)
    pub fn remove_expected_pupils(&mut self, shown: &ExpectedPupils) -> bool {
        match self.expected_pupils.iter().position(|e| e == shown) {
            Some(at) => {
                self.expected_pupils.remove(at);
                true
            }
            None => false,
        }
    }
}

/// The **Add expected pupils** form as data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpectedDraft {
    /// A name, or a description such as "New Reception intake".
    pub description: String,
    /// How many pupils, as typed; blank is 1.
    pub count: String,
    /// The year group they will join, if known.
    pub year_group: Option<YearGroup>,
    /// Their needs: an area and its priority each.
    pub needs: Vec<(NeedArea, Priority)>,
    /// Anything else.
    pub note: String,
}

/// The form field a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectedField {
    /// Name or description.
    Description,
    /// How many pupils.
    Count,
    /// The needs.
    Needs,
}

/// What is wrong with expected pupils as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpectedProblem {
    /// No name or description.
    NoDescription,
    /// The number of pupils is not a whole number from 1 to 999.
    Count(String),
    /// No need chosen: the audit counts needs.
    NoNeeds,
}

impl ExpectedProblem {
    /// The field it is about.
    pub fn field(&self) -> ExpectedField {
        match self {
            ExpectedProblem::NoDescription => ExpectedField::Description,
            ExpectedProblem::Count(_) => ExpectedField::Count,
            ExpectedProblem::NoNeeds => ExpectedField::Needs,
        }
    }
}

impl fmt::Display for ExpectedProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpectedProblem::NoDescription => {
                f.write_str("Enter a name, or a description such as New Reception intake.")
            }
            ExpectedProblem::Count(typed) => write!(
                f,
                "Enter how many pupils as a whole number from 1 to 999 (you entered “{typed}”)."
            ),
            ExpectedProblem::NoNeeds => {
                f.write_str("Choose must, should or could for at least one area of need.")
            }
        }
    }
}

/// The most pupils one entry can stand for.
const MOST_EXPECTED: u32 = 999;

impl ExpectedDraft {
    /// The expected pupils for `year`, or every problem in the form's order.
    pub fn validate(&self, year: AcademicYear) -> Result<ExpectedPupils, Vec<ExpectedProblem>> {
        let mut problems = Vec::new();
        let description = self.description.trim();
        if description.is_empty() {
            problems.push(ExpectedProblem::NoDescription);
        }
        let typed = self.count.trim();
        let count = if typed.is_empty() {
            Some(1)
        } else {
            typed
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MOST_EXPECTED).contains(n))
        };
        if count.is_none() {
            problems.push(ExpectedProblem::Count(typed.to_string()));
        }
        if self.needs.is_empty() {
            problems.push(ExpectedProblem::NoNeeds);
        }
        match count {
            Some(count) if problems.is_empty() => Ok(ExpectedPupils {
                academic_year: year,
                description: description.to_string(),
                count,
                year_group: self.year_group,
                needs: self.needs.clone(),
                note: self.note.trim().to_string(),
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::provision::gaps::{audit_table, gap_analysis, UnmetNeed};

    fn year(start_year: i32) -> AcademicYear {
        AcademicYear { start_year }
    }

    fn pupil(key: &str, year_group: Option<YearGroup>) -> SchoolPupil {
        SchoolPupil {
            key: key.into(),
            year_group,
            class: Some("Robins".into()),
        }
    }

    #[test]
    fn setting_a_need_replaces_the_pupils_entry_for_that_area_and_keeps_its_note() {
        let mut book = ProvisionBook::default();
        let next = Some(year(2026));
        book.set_audited_need(
            "A1",
            next,
            NeedArea::Literacy,
            Priority::Could,
            "Phonics group",
        );
        book.set_audited_need("A1", next, NeedArea::Semh, Priority::Should, "");
        book.set_audited_need("B2", next, NeedArea::Literacy, Priority::Should, "");
        book.set_audited_need("A1", next, NeedArea::Literacy, Priority::Must, " ");
        // Another year's audit keeps its own entry.
        book.set_audited_need(
            "A1",
            Some(year(2025)),
            NeedArea::Literacy,
            Priority::Could,
            "",
        );
        assert_eq!(book.need_audit.len(), 4);
        assert_eq!(
            book.audited_needs_for("A1", next),
            vec![
                (
                    NeedArea::Literacy,
                    Priority::Must,
                    "Phonics group".to_string()
                ),
                (NeedArea::Semh, Priority::Should, String::new()),
            ]
        );
        assert!(book.remove_audited_need("A1", next, NeedArea::Literacy));
        assert!(!book.remove_audited_need("A1", next, NeedArea::Literacy));
        assert_eq!(
            book.audited_needs_for("A1", next),
            vec![(NeedArea::Semh, Priority::Should, String::new())]
        );
        assert_eq!(
            book.audited_needs_for("A1", Some(year(2025))),
            vec![(NeedArea::Literacy, Priority::Could, String::new())]
        );
        assert_eq!(book.audited_needs_for("B2", next).len(), 1);
        assert!(book.audited_needs_for("B2", None).is_empty());
    }

    #[test]
    fn a_need_set_on_a_profile_is_counted_and_unmet_until_provided() {
        let mut book = ProvisionBook::default();
        book.set_audited_need("A1", None, NeedArea::Literacy, Priority::Must, "");
        let pupils = vec![pupil("A1", Some(YearGroup::Reception))];
        let table = audit_table(&book, &pupils);
        assert_eq!(table.count(Priority::Must, Some(YearGroup::Reception)), 1);
        assert_eq!(table.count(Priority::Should, Some(YearGroup::Reception)), 0);
        let gaps = gap_analysis(&book, &pupils, None);
        assert_eq!(
            gaps.unmet,
            vec![UnmetNeed {
                pupil: "A1".into(),
                area: NeedArea::Literacy,
                priority: Priority::Must,
            }]
        );
    }

    #[test]
    fn audits_keep_their_years_and_expected_pupils_count_in_theirs() {
        use YearGroup::*;
        let mut book = ProvisionBook::default();
        let (this, next) = (year(2025), year(2026));
        book.set_audited_need("a", Some(next), NeedArea::Literacy, Priority::Must, "");
        book.set_audited_need("b", Some(next), NeedArea::Semh, Priority::Should, "");
        book.set_audited_need("a", Some(this), NeedArea::Mathematics, Priority::Could, "");
        book.set_audited_need("c", None, NeedArea::Literacy, Priority::Must, "");
        let intake = ExpectedDraft {
            description: " New Reception intake ".into(),
            count: "3".into(),
            year_group: Some(Reception),
            needs: vec![
                (NeedArea::Language, Priority::Must),
                (NeedArea::Literacy, Priority::Could),
            ],
            note: String::new(),
        };
        book.add_expected_pupils(next, &intake).expect("valid");
        let transfer = ExpectedDraft {
            description: "Sam Transfer".into(),
            count: String::new(),
            year_group: None,
            needs: vec![
                (NeedArea::Semh, Priority::Must),
                (NeedArea::Semh, Priority::Could),
            ],
            note: "From Oak Lane".into(),
        };
        book.add_expected_pupils(next, &transfer).expect("valid");
        assert_eq!(
            book.expected_pupils[1].count, 1,
            "a named pupil is one pupil"
        );
        assert_eq!(
            audit_years(&book, this),
            [Some(this), Some(next), None],
            "this year, next year, then the audit without a year"
        );
        assert_eq!(audit_year_label(None), "Before audits named a year");
        assert_eq!(default_audit_year(this), next);

        // a is Year 5 now, b Year 6 (leaves, so out of next year's columns), c Year 2.
        let now = [
            pupil("a", Some(Year(5))),
            pupil("b", Some(Year(6))),
            pupil("c", Some(Year(2))),
        ];
        let next_year = pupils_in_year(&now, this, next);
        let table = audit_table_for(&book, &next_year, Some(next));
        assert_eq!(
            table.columns,
            [Some(Reception), Some(Year(3)), Some(Year(6)), None]
        );
        assert_eq!(table.count(Priority::Must, Some(Reception)), 3);
        assert_eq!(table.count(Priority::Could, Some(Reception)), 3);
        assert_eq!(table.count(Priority::Must, Some(Year(6))), 1);
        // b has left: their need is under "not known", with Sam's SEMH must (counted once).
        assert_eq!(table.count(Priority::Should, None), 1);
        assert_eq!(table.count(Priority::Must, None), 1);
        assert_eq!(table.count(Priority::Could, None), 0);
        // Last year's audit and the one without a year hold only their own entries.
        let old = audit_table_for(&book, &now, Some(this));
        assert_eq!(old.count(Priority::Could, Some(Year(5))), 1);
        assert_eq!(old.count(Priority::Must, Some(Year(5))), 0);
        let unnamed = audit_table_for(&book, &now, None);
        assert_eq!(unnamed.count(Priority::Must, Some(Year(2))), 1);
        assert_eq!(
            unnamed
                .rows
                .iter()
                .map(|(_, c)| c.iter().map(|c| c.count()).sum::<usize>())
                .sum::<usize>(),
            1
        );

        let gaps = gap_analysis_for(&book, &now, None, Some(next));
        assert_eq!(gaps.unmet.len(), 2);
        let expected: Vec<(&str, u32, NeedArea, Priority)> = gaps
            .expected_unmet
            .iter()
            .map(|n| (n.description.as_str(), n.count, n.area, n.priority))
            .collect();
        assert_eq!(
            expected,
            [
                (
                    "New Reception intake",
                    3,
                    NeedArea::Language,
                    Priority::Must
                ),
                ("Sam Transfer", 1, NeedArea::Semh, Priority::Must),
                (
                    "New Reception intake",
                    3,
                    NeedArea::Literacy,
                    Priority::Could
                ),
            ]
        );

        let shown = book.expected_pupils[0].clone();
        assert!(book.remove_expected_pupils(&shown));
        assert!(!book.remove_expected_pupils(&shown));
        assert_eq!(book.expected_pupils.len(), 1);
    }

    #[test]
    fn expected_pupils_need_a_description_a_whole_number_and_a_need() {
        let blank = ExpectedDraft {
            count: "two".into(),
            ..ExpectedDraft::default()
        };
        let problems = blank.validate(year(2026)).expect_err("three problems");
        assert_eq!(
            problems,
            [
                ExpectedProblem::NoDescription,
                ExpectedProblem::Count("two".into()),
                ExpectedProblem::NoNeeds
            ]
        );
        assert_eq!(
            problems[1].to_string(),
            "Enter how many pupils as a whole number from 1 to 999 (you entered “two”)."
        );
        assert_eq!(problems[2].field(), ExpectedField::Needs);
        let zero = ExpectedDraft {
            description: "Transfers".into(),
            count: "0".into(),
            needs: vec![(NeedArea::Eal, Priority::Should)],
            ..ExpectedDraft::default()
        };
        assert_eq!(
            zero.validate(year(2026)),
            Err(vec![ExpectedProblem::Count("0".into())])
        );
    }
}
