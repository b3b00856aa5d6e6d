//! An answer as the page's form holds it: the phase dates as typed (dd/mm/yyyy, or any
//! form [`parse_date`] reads). [`AnswerDraft::validate`] gives the [`PromptAnswer`] or
//! every [`AnswerProblem`], each naming its field: a date that cannot be read, or a phase
//! dated before an earlier one.

use super::{Effectiveness, PromptAnswer};
use crate::core::value::{format_uk_date, parse_date};
use chrono::NaiveDate;
use std::fmt;

/// One of a prompt's three phases of development.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    One,
    Two,
    Three,
}

impl Phase {
    /// The three phases in order.
    pub const ALL: [Phase; 3] = [Phase::One, Phase::Two, Phase::Three];

    /// Its name on the form and in the workbook: "Phase 2".
    pub fn label(self) -> &'static str {
        match self {
            Phase::One => "Phase 1",
            Phase::Two => "Phase 2",
            Phase::Three => "Phase 3",
        }
    }

    /// A stable name for element ids: "phase2".
    pub fn slug(self) -> &'static str {
        match self {
            Phase::One => "phase1",
            Phase::Two => "phase2",
            Phase::Three => "phase3",
        }
    }
}

/// An answer as the form holds it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerDraft {
    /// How effective practice is now (`None`: not yet judged).
    pub effectiveness: Option<Effectiveness>,
    /// Whether it is a development priority.
    pub priority: bool,
    /// The Phase 1 date as typed.
    pub phase1: String,
    /// The Phase 2 date as typed.
    pub phase2: String,
    /// The Phase 3 date as typed.
    pub phase3: String,
    /// Notes, as typed.
    pub notes: String,
}

/// What is wrong with an answer as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerProblem {
    /// A phase's date could not be read.
    NotADate {
        /// The phase.
        phase: Phase,
        /// What was typed (trimmed).
        typed: String,
    },
    /// A phase is dated before an earlier phase.
    BeforeEarlierPhase {
        /// The phase.
        phase: Phase,
        /// Its date.
        date: NaiveDate,
        /// The nearest earlier phase with a date.
        earlier: Phase,
        /// That phase's date.
        earlier_date: NaiveDate,
    },
}

impl AnswerProblem {
    /// The field the problem is about.
    pub fn field(&self) -> Phase {
        match self {
            AnswerProblem::NotADate { phase, .. }
            | AnswerProblem::BeforeEarlierPhase { phase, .. } => *phase,
        }
    }
}

impl fmt::Display for AnswerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerProblem::NotADate { phase, typed } => write!(
                f,
                "{} date: \u{201c}{typed}\u{201d} is not a date. Enter a date such as 13/03/2026, or leave it blank.",
                phase.label()
            ),
            AnswerProblem::BeforeEarlierPhase {
                phase,
                date,
                earlier,
                earlier_date,
            } => write!(
                f,
                "{} date ({}) is before the {} date ({}): enter a date on or after {}.",
                phase.label(),
                format_uk_date(*date),
                earlier.label(),
                format_uk_date(*earlier_date),
                format_uk_date(*earlier_date)
            ),
        }
    }
}

impl AnswerDraft {
    /// The form filled from an answer (dates written dd/mm/yyyy), to change it.
    pub fn from_answer(answer: &PromptAnswer) -> AnswerDraft {
        let typed = |date: Option<NaiveDate>| date.map(format_uk_date).unwrap_or_default();
        AnswerDraft {
            effectiveness: answer.effectiveness,
            priority: answer.priority,
            phase1: typed(answer.phase1),
            phase2: typed(answer.phase2),
            phase3: typed(answer.phase3),
            notes: answer.notes.clone(),
        }
    }

    /// The text typed for `phase`.
    pub fn phase(&self, phase: Phase) -> &str {
        match phase {
            Phase::One => &self.phase1,
            Phase::Two => &self.phase2,
            Phase::Three => &self.phase3,
        }
    }

    /// The same form with `text` typed for `phase`.
    pub fn with_phase(mut self, phase: Phase, text: impl Into<String>) -> AnswerDraft {
        let text = text.into();
        match phase {
            Phase::One => self.phase1 = text,
            Phase::Two => self.phase2 = text,
            Phase::Three => self.phase3 = text,
        }
        self
    }

    /// The answer, with notes trimmed, or every problem in the form's order. A blank date
    /// is no date. Each phase must be on or after the nearest earlier phase with a date
    /// (so Phase 3 is checked against Phase 1 when Phase 2 is blank); a date that cannot
    /// be read is reported alone, not compared.
    pub fn validate(&self) -> Result<PromptAnswer, Vec<AnswerProblem>> {
        let mut problems = Vec::new();
        let mut dates = [None; 3];
        let mut latest: Option<(Phase, NaiveDate)> = None;
        for (at, phase) in Phase::ALL.into_iter().enumerate() {
            let typed = self.phase(phase).trim();
            match parse_date(typed) {
                Ok(None) => {}
                Ok(Some(date)) => {
                    if let Some((earlier, earlier_date)) = latest.filter(|(_, d)| date < *d) {
                        problems.push(AnswerProblem::BeforeEarlierPhase {
                            phase,
                            date,
                            earlier,
                            earlier_date,
                        });
                    }
                    dates[at] = Some(date);
                    latest = Some((phase, date));
                }
                Err(_) => problems.push(AnswerProblem::NotADate {
                    phase,
                    typed: typed.to_string(),
                }),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let [phase1, phase2, phase3] = dates;
        Ok(PromptAnswer {
            effectiveness: self.effectiveness,
            priority: self.priority,
            phase1,
            phase2,
            phase3,
            notes: self.notes.trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32, m: u32, y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn draft(phases: [&str; 3]) -> AnswerDraft {
        AnswerDraft {
            phase1: phases[0].into(),
            phase2: phases[1].into(),
            phase3: phases[2].into(),
            ..AnswerDraft::default()
        }
    }

    /// The phase dates a draft gives, or its problems' messages.
    fn check(phases: [&str; 3], expected: Result<[Option<NaiveDate>; 3], Vec<&str>>) {
        let got = draft(phases)
            .validate()
            .map(|a| [a.phase1, a.phase2, a.phase3])
            .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>());
        let expected = expected.map_err(|m| m.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(got, expected, "{phases:?}");
    }

    #[test]
    fn dates_are_read_in_uk_forms_and_blank_is_no_date() {
        check(
            ["01/09/2026", " 5/1/27 ", "31 March 2027"],
            Ok([
                Some(date(1, 9, 2026)),
                Some(date(5, 1, 2027)),
                Some(date(31, 3, 2027)),
            ]),
        );
        check(["", "  ", ""], Ok([None, None, None]));
    }

    #[test]
    fn a_date_that_cannot_be_read_is_refused_naming_its_field() {
        check(
            ["31/02/2026", "", "next term"],
            Err(vec![
                "Phase 1 date: \u{201c}31/02/2026\u{201d} is not a date. Enter a date such as 13/03/2026, or leave it blank.",
                "Phase 3 date: \u{201c}next term\u{201d} is not a date. Enter a date such as 13/03/2026, or leave it blank.",
            ]),
        );
        let problems = draft(["", "soon", ""]).validate().expect_err("refused");
        assert_eq!(
            problems
                .iter()
                .map(AnswerProblem::field)
                .collect::<Vec<_>>(),
            [Phase::Two]
        );
    }

    #[test]
    fn phase_2_may_not_come_before_phase_1_nor_phase_3_before_phase_2() {
        check(
            ["01/09/2026", "01/07/2026", ""],
            Err(vec![
                "Phase 2 date (01/07/2026) is before the Phase 1 date (01/09/2026): enter a date on or after 01/09/2026.",
            ]),
        );
        check(
            ["01/09/2026", "01/01/2027", "31/12/2026"],
            Err(vec![
                "Phase 3 date (31/12/2026) is before the Phase 2 date (01/01/2027): enter a date on or after 01/01/2027.",
            ]),
        );
        let problems = draft(["01/09/2026", "01/01/2027", "31/12/2026"])
            .validate()
            .expect_err("refused");
        assert_eq!(problems[0].field(), Phase::Three);
    }

    #[test]
    fn phases_on_the_same_day_are_allowed() {
        let same = Some(date(1, 9, 2026));
        check(
            ["01/09/2026", "1/9/2026", "2026-09-01"],
            Ok([same, same, same]),
        );
    }

    #[test]
    fn phase_3_is_checked_against_phase_1_when_phase_2_is_blank() {
        check(
            ["01/09/2026", "", "01/08/2026"],
            Err(vec![
                "Phase 3 date (01/08/2026) is before the Phase 1 date (01/09/2026): enter a date on or after 01/09/2026.",
            ]),
        );
        check(
            ["", "01/09/2026", "01/10/2026"],
            Ok([None, Some(date(1, 9, 2026)), Some(date(1, 10, 2026))]),
        );
    }

    #[test]
    fn an_unreadable_date_is_not_compared() {
        check(
            ["01/09/2026", "32/09/2026", "01/10/2026"],
            Err(vec![
                "Phase 2 date: \u{201c}32/09/2026\u{201d} is not a date. Enter a date such as 13/03/2026, or leave it blank.",
            ]),
        );
    }

    #[test]
    fn notes_are_trimmed_and_the_rest_kept() {
        let answer = AnswerDraft {
            effectiveness: Some(Effectiveness::Established),
            priority: true,
            notes: "  Whole-staff INSET in September.\n ".into(),
            ..AnswerDraft::default()
        }
        .validate()
        .expect("valid");
        assert_eq!(
            answer,
            PromptAnswer {
                effectiveness: Some(Effectiveness::Established),
                priority: true,
                notes: "Whole-staff INSET in September.".into(),
                ..PromptAnswer::default()
            }
        );
    }

    #[test]
    fn a_draft_from_an_answer_gives_the_answer_back() {
        let answer = PromptAnswer {
            effectiveness: Some(Effectiveness::Embedded),
            priority: true,
            phase1: Some(date(1, 9, 2026)),
            phase2: None,
            phase3: Some(date(20, 7, 2027)),
            notes: "Review with governors".into(),
        };
        let draft = AnswerDraft::from_answer(&answer);
        assert_eq!(draft.phase1, "01/09/2026");
        assert_eq!(draft.phase(Phase::Two), "");
        assert_eq!(draft.validate(), Ok(answer.clone()));
        let moved = draft
            .with_phase(Phase::Two, "01/01/2027")
            .validate()
            .expect("valid");
        assert_eq!(moved.phase2, Some(date(1, 1, 2027)));
        assert_eq!(moved.phase(Phase::Three), answer.phase3);
    }
}
