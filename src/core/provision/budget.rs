//! A draft ("potential") provision map costed against the budget before it is committed
//! (Ealing step 4). Provision with status **Planned** is the draft; running, finished and
//! stopped-early provision is committed (stopped provision was paid for while it ran). The
//! two parts are the same cost lines as every other total ([`cost_line`]), so committed
//! plus planned is the Costs page's total to the penny.

use crate::core::provision::costs::{cost_line, provisions_in, Period};
use crate::core::provision::{round_half_up, ProvisionBook, ProvisionStatus};
use crate::core::value::Money;

/// Committed and planned provision against the notional SEN budget, for one period (or
/// each provision's whole cost).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DraftBudget {
    /// Running, finished and stopped-early provision.
    pub committed: Money,
    /// Planned provision: the draft.
    pub planned: Money,
    /// The notional SEN budget (£0: not entered).
    pub budget: Money,
}

impl DraftBudget {
    /// Committed and planned together: the cost if all planned provision goes ahead.
    pub fn if_all_go_ahead(&self) -> Money {
        self.committed + self.planned
    }

    /// [`DraftBudget::if_all_go_ahead`] as hundredths of a percent of the budget, rounded
    /// half up; `None` with no budget entered.
    pub fn used_hundredths(&self) -> Option<i64> {
        (self.budget.pence() > 0).then(|| {
            round_half_up(
                i128::from(self.if_all_go_ahead().pence()) * 10_000,
                i128::from(self.budget.pence()),
            )
        })
    }

    /// "If all planned provision goes ahead: £4,500.00 of £10,000.00 budget (45.00%)",
    /// with ", over budget by £…" past the budget, or "(no notional SEN budget entered)".
    pub fn sentence(&self) -> String {
        let total = self.if_all_go_ahead();
        let lead = "If all planned provision goes ahead:";
        match self.used_hundredths() {
            None => format!("{lead} {total} (no notional SEN budget entered)"),
            Some(h) => {
                let over = if total > self.budget {
                    format!(", over budget by {}", total - self.budget)
                } else {
                    String::new()
                };
                format!(
                    "{lead} {total} of {} budget ({}.{:02}%){over}",
                    self.budget,
                    h / 100,
                    h % 100
                )
            }
        }
    }
}

/// Adds up committed and planned provision within `period` (each provision's share of it,
/// or its whole cost with `None`), against the settings' notional SEN budget.
pub fn draft_budget(book: &ProvisionBook, period: Option<Period>) -> DraftBudget {
    let mut draft = DraftBudget {
        budget: book.settings.notional_sen_budget,
        ..DraftBudget::default()
    };
    for provision in provisions_in(book, period) {
        let cost = cost_line(book, provision, period).cost;
        match provision.status {
            ProvisionStatus::Planned => draft.planned += cost,
            ProvisionStatus::Running | ProvisionStatus::Finished | ProvisionStatus::Stopped => {
                draft.committed += cost
            }
        }
    }
    draft
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::AcademicYear;
    use crate::core::provision::costs::totals;
    use crate::core::provision::{InterventionId, Provision};
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    /// Maths challenge (a teacher at £45, 45 minutes, weekly, 10 weeks: £337.50 a group)
    /// for one pupil with `status`, in the autumn of 2025.
    fn maths(book: &mut ProvisionBook, pupil: &str, status: ProvisionStatus) {
        let item = book.bank.get(InterventionId(34)).expect("there").clone();
        let mut provision = Provision::new(&item, day(2025, 9, 1), day(2025, 12, 19));
        provision.add_pupils([pupil]);
        provision.status = status;
        book.add_provision(provision);
    }

    #[test]
    fn planned_provision_is_the_draft_and_the_rest_is_committed() {
        let mut book = ProvisionBook::default();
        maths(&mut book, "A", ProvisionStatus::Running);
        maths(&mut book, "B", ProvisionStatus::Finished);
        maths(&mut book, "C", ProvisionStatus::Stopped);
        maths(&mut book, "D", ProvisionStatus::Planned);
        maths(&mut book, "E", ProvisionStatus::Planned);
        let draft = draft_budget(&book, None);
        assert_eq!(draft.committed.pence(), 3 * 33_750);
        assert_eq!(draft.planned.pence(), 2 * 33_750);
        assert_eq!(draft.if_all_go_ahead().pence(), 168_750);
        assert_eq!(
            draft.sentence(),
            "If all planned provision goes ahead: £1,687.50 (no notional SEN budget entered)"
        );
        // The same cost lines as the totals: committed + planned is the total.
        let period = Some(Period::academic(AcademicYear { start_year: 2025 }));
        let in_year = draft_budget(&book, period);
        assert_eq!(in_year.if_all_go_ahead(), totals(&book, &[], period).total);
        // Nothing runs in 2026/27.
        let next = draft_budget(
            &book,
            Some(Period::academic(AcademicYear { start_year: 2026 })),
        );
        assert_eq!(next.if_all_go_ahead(), Money::ZERO);
    }

    #[test]
    fn the_sentence_gives_the_share_of_the_budget_and_says_when_it_is_over() {
        let mut book = ProvisionBook::default();
        maths(&mut book, "A", ProvisionStatus::Running);
        maths(&mut book, "B", ProvisionStatus::Planned);
        book.settings.notional_sen_budget = Money::from_pence(100_000);
        let draft = draft_budget(&book, None);
        assert_eq!(draft.used_hundredths(), Some(6_750));
        assert_eq!(
            draft.sentence(),
            "If all planned provision goes ahead: £675.00 of £1,000.00 budget (67.50%)"
        );
        book.settings.notional_sen_budget = Money::from_pence(60_000);
        assert_eq!(
            draft_budget(&book, None).sentence(),
            "If all planned provision goes ahead: £675.00 of £600.00 budget (112.50%), over budget by £75.00"
        );
        // 675 ÷ 2,100.03 = 32.1424…% → 32.14%.
        book.settings.notional_sen_budget = Money::from_pence(210_003);
        assert_eq!(draft_budget(&book, None).used_hundredths(), Some(3_214));
    }
}
