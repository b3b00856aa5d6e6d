//! The provision settings as the Costs page edits them (SPEC §7, §8.2): weeks in the
//! school year, the per-pupil threshold, the notional SEN budget and the concurrency limit,
//! each read from the text typed and refused in plain English when it is not a whole number
//! in range or not money. One table ([`SettingField::ALL`]) drives the form.

use crate::core::provision::ProvisionSettings;
use crate::core::value::Money;

/// A setting the Costs page edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SettingField {
    /// Weeks in the school year (1 to 52).
    WeeksInYear,
    /// The most interventions a pupil has at once before a warning (1 or more).
    ConcurrencyLimit,
    /// The per-pupil threshold (money, £0 or more).
    PupilThreshold,
    /// The notional SEN budget (money, £0 or more).
    NotionalSenBudget,
}

/// The most weeks in a school year.
pub const MOST_WEEKS: u32 = 52;

/// The largest concurrency limit the form takes.
pub const MOST_AT_ONCE: u32 = 100;

/// Why a setting was refused: the plain-English sentence to show beside it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SettingProblem {
    /// The setting.
    pub field: SettingField,
    /// What to type instead.
    pub message: String,
}

impl SettingField {
    /// The settings, in the form's order.
    pub const ALL: [SettingField; 4] = [
        SettingField::WeeksInYear,
        SettingField::ConcurrencyLimit,
        SettingField::PupilThreshold,
        SettingField::NotionalSenBudget,
    ];

    /// Its label on the form.
    pub fn label(&self) -> &'static str {
        match self {
            SettingField::WeeksInYear => "Weeks in the school year",
            SettingField::ConcurrencyLimit => "Interventions at once before a warning",
            SettingField::PupilThreshold => "Threshold per pupil (£)",
            SettingField::NotionalSenBudget => "Notional SEN budget (£)",
        }
    }

    /// What it does, under the label.
    pub fn hint(&self) -> &'static str {
        match self {
            SettingField::WeeksInYear => {
                "Used for provision that does not say how many weeks it runs. Usually 38."
            }
            SettingField::ConcurrencyLimit => {
                "A pupil with more interventions than this running at the same time is listed on the Provision page. Usually 3."
            }
            SettingField::PupilThreshold => {
                "A pupil whose provision costs more than this is shown as over the threshold. Usually £6,000."
            }
            SettingField::NotionalSenBudget => {
                "The school's notional SEN budget for the year, from the school's budget statement."
            }
        }
    }

    /// Whether it is an amount of money (else a whole number).
    pub fn is_money(&self) -> bool {
        matches!(
            self,
            SettingField::PupilThreshold | SettingField::NotionalSenBudget
        )
    }
}

impl ProvisionSettings {
    /// A setting as the form shows it: "38", "3", "6000.00".
    pub fn text(&self, field: SettingField) -> String {
        let money = |m: Money| format!("{}.{:02}", m.pence() / 100, m.pence() % 100);
        match field {
            SettingField::WeeksInYear => self.weeks_in_year.to_string(),
            SettingField::ConcurrencyLimit => self.concurrency_limit.to_string(),
            SettingField::PupilThreshold => money(self.pupil_threshold),
            SettingField::NotionalSenBudget => money(self.notional_sen_budget),
        }
    }

    /// Sets `field` from the text typed, or refuses it (and changes nothing): weeks a whole
    /// number from 1 to 52, the limit a whole number of 1 or more, money read by
    /// [`Money::parse`] and not below £0.
    pub fn set(&mut self, field: SettingField, text: &str) -> Result<(), SettingProblem> {
        let refuse = |message: &str| SettingProblem {
            field,
            message: message.to_string(),
        };
        let whole = |least: u32, most: u32| match text.trim().parse::<u32>() {
            Ok(n) if (least..=most).contains(&n) && !text.trim().starts_with('+') => Some(n),
            _ => None,
        };
        let money = || match Money::parse(text) {
            Ok(Some(m)) if m.pence() >= 0 => Some(m),
            _ => None,
        };
        match field {
            SettingField::WeeksInYear => {
                self.weeks_in_year = whole(1, MOST_WEEKS).ok_or_else(|| {
                    refuse("Enter the weeks in the school year as a whole number from 1 to 52.")
                })?;
            }
            SettingField::ConcurrencyLimit => {
                self.concurrency_limit = whole(1, MOST_AT_ONCE).ok_or_else(|| {
                    refuse(
                        "Enter the interventions a pupil can have at once as a whole number, 1 or more, such as 3.",
                    )
                })?;
            }
            SettingField::PupilThreshold => {
                self.pupil_threshold = money().ok_or_else(|| {
                    refuse("Enter the threshold per pupil as an amount of money, such as £6,000.")
                })?;
            }
            SettingField::NotionalSenBudget => {
                self.notional_sen_budget = money().ok_or_else(|| {
                    refuse("Enter the notional SEN budget as an amount of money, such as £120,000.")
                })?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sets `field` to `text` on the default settings: the text shown after, or the
    /// problem's message.
    fn set(field: SettingField, text: &str) -> Result<String, String> {
        let mut settings = ProvisionSettings::default();
        let before = settings.clone();
        match settings.set(field, text) {
            Ok(()) => Ok(settings.text(field)),
            Err(problem) => {
                assert_eq!(settings, before, "a refusal changes nothing");
                assert_eq!(problem.field, field);
                Err(problem.to_string())
            }
        }
    }

    #[test]
    fn the_defaults_read_as_typed() {
        let settings = ProvisionSettings::default();
        let shown: Vec<String> = SettingField::ALL
            .iter()
            .map(|f| settings.text(*f))
            .collect();
        assert_eq!(shown, ["38", "3", "6000.00", "0.00"]);
    }

    #[test]
    fn whole_numbers_in_range_are_taken_and_the_rest_refused_plainly() {
        use SettingField::*;
        assert_eq!(set(ConcurrencyLimit, " 1 "), Ok("1".into()));
        assert_eq!(set(ConcurrencyLimit, "100"), Ok("100".into()));
        let limit = Err(
            "Enter the interventions a pupil can have at once as a whole number, 1 or more, such as 3."
                .to_string(),
        );
        for bad in ["0", "2.5", "three", "", "-1", "+2", "101"] {
            assert_eq!(set(ConcurrencyLimit, bad), limit, "{bad:?}");
        }
        assert_eq!(set(WeeksInYear, "39"), Ok("39".into()));
        let weeks =
            Err("Enter the weeks in the school year as a whole number from 1 to 52.".to_string());
        for bad in ["0", "53", "38.5", ""] {
            assert_eq!(set(WeeksInYear, bad), weeks, "{bad:?}");
        }
    }

    #[test]
    fn money_is_read_exactly_and_refused_when_not_money_or_below_nothing() {
        use SettingField::*;
        assert_eq!(set(PupilThreshold, "£6,500.50"), Ok("6500.50".into()));
        assert_eq!(set(NotionalSenBudget, "120000"), Ok("120000.00".into()));
        assert_eq!(set(NotionalSenBudget, "0"), Ok("0.00".into()));
        assert_eq!(
            set(PupilThreshold, "six thousand"),
            Err("Enter the threshold per pupil as an amount of money, such as £6,000.".into())
        );
        assert_eq!(
            set(NotionalSenBudget, "-£5"),
            Err("Enter the notional SEN budget as an amount of money, such as £120,000.".into())
        );
        assert_eq!(
            set(PupilThreshold, ""),
            Err("Enter the threshold per pupil as an amount of money, such as £6,000.".into())
        );
        assert!(SettingField::PupilThreshold.is_money());
        assert!(!SettingField::ConcurrencyLimit.is_money());
    }
}
