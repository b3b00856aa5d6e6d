//! A provision: one intervention from the bank delivered to a group of pupils, by some
//! staff, between two dates (SPEC §3, §7).

use crate::core::provision::bank::{Category, Delivery, Intervention, InterventionId};
use crate::core::provision::staff::StaffRoleId;
use crate::core::value::Money;
use chrono::NaiveDate;
use std::fmt;

/// The id of a provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ProvisionId(pub u32);

/// The planner marker a provision addresses: it is shown next to that marker, as in the
/// Tameside planner's provision-mapping columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Marker {
    /// The attendance marker.
    Attendance,
    /// The exclusions marker.
    Exclusions,
    /// The attainment marker.
    Attainment,
    /// Any other need.
    #[default]
    Other,
}

impl Marker {
    /// The four markers in the planner's column order.
    pub const ALL: [Marker; 4] = [
        Marker::Attendance,
        Marker::Exclusions,
        Marker::Attainment,
        Marker::Other,
    ];

    /// The marker an intervention from this list usually addresses: attendance →
    /// attendance, EBSD → exclusions, curriculum → attainment, other → other.
    pub fn for_category(category: Category) -> Marker {
        match category {
            Category::Attendance => Marker::Attendance,
            Category::Ebsd => Marker::Exclusions,
            Category::Curriculum => Marker::Attainment,
            Category::Other => Marker::Other,
        }
    }

    /// "Attendance", "Exclusions", "Attainment", "Other".
    pub fn label(&self) -> &'static str {
        match self {
            Marker::Attendance => "Attendance",
            Marker::Exclusions => "Exclusions",
            Marker::Attainment => "Attainment",
            Marker::Other => "Other",
        }
    }
}

/// Must, should or could (Ealing): how strong a call on provision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Priority {
    /// Statutory or essential (e.g. set out in an EHC plan).
    Must,
    /// The next highest call, because of the severity of need.
    #[default]
    Should,
    /// Would be made if the school can.
    Could,
}

impl Priority {
    /// Must, should, could.
    pub const ALL: [Priority; 3] = [Priority::Must, Priority::Should, Priority::Could];

    /// "Must", "Should", "Could".
    pub fn label(&self) -> &'static str {
        match self {
            Priority::Must => "Must",
            Priority::Should => "Should",
            Priority::Could => "Could",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where a provision is up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ProvisionStatus {
    /// Planned, not started.
    #[default]
    Planned,
    /// Running now.
    Running,
    /// Ran its course.
    Finished,
    /// Stopped early. Its cost still counts (the school paid for what ran — set its end
    /// date to when it stopped); it never counts towards concurrency or current provision.
    Stopped,
}

impl ProvisionStatus {
    /// "Planned", "Running", "Finished", "Stopped".
    pub fn label(&self) -> &'static str {
        match self {
            ProvisionStatus::Planned => "Planned",
            ProvisionStatus::Running => "Running",
            ProvisionStatus::Finished => "Finished",
            ProvisionStatus::Stopped => "Stopped",
        }
    }

    /// Planned or running: what the gap analysis calls current provision.
    pub fn is_current(&self) -> bool {
        matches!(self, ProvisionStatus::Planned | ProvisionStatus::Running)
    }
}

/// A provision's changes to its intervention's default delivery; `None` keeps the default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeliveryOverrides {
    /// Pupils in a group.
    pub group_size: Option<u32>,
    /// Sessions a week.
    pub sessions_per_week: Option<u32>,
    /// Minutes a session.
    pub minutes_per_session: Option<u32>,
    /// Weeks it runs (for the whole year, give the weeks in the school year).
    pub weeks: Option<u32>,
    /// Resources for the year.
    pub resource_cost: Option<Money>,
}

/// One entry or exit measure: what was measured, the result as written, and when.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Measure {
    /// What was measured: "Reading age", "Attendance %", "Boxall profile".
    pub name: String,
    /// The result, as the school writes it ("7y 2m", "87.5", "Stage 3").
    pub value: String,
    /// When it was taken.
    pub date: Option<NaiveDate>,
}

/// One pupil's entry and exit measures in a provision.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PupilMeasures {
    /// The pupil key (UPN).
    pub pupil: String,
    /// The measure when they started.
    pub entry: Option<Measure>,
    /// The measure when they finished.
    pub exit: Option<Measure>,
}

/// An intervention delivered to a group of pupils.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provision {
    /// Its id.
    pub id: ProvisionId,
    /// The bank item delivered.
    pub intervention: InterventionId,
    /// The marker it addresses.
    pub marker: Marker,
    /// The pupils in the group, by pupil key (UPN), each once.
    pub pupils: Vec<String>,
    /// The staff delivering each session; `None` uses the intervention's default staff.
    pub staff: Option<Vec<StaffRoleId>>,
    /// First day of delivery.
    pub start: NaiveDate,
    /// Last day of delivery (inclusive).
    pub end: NaiveDate,
    /// Changes to the intervention's default delivery.
    pub overrides: DeliveryOverrides,
    /// Must, should or could.
    pub priority: Priority,
    /// Planned, running, finished or stopped.
    pub status: ProvisionStatus,
    /// Entry and exit measures, one entry per pupil measured.
    pub measures: Vec<PupilMeasures>,
    /// Free notes (expected outcomes for the group, venue, …).
    pub notes: String,
}

impl Provision {
    /// A planned provision of `intervention` from `start` to `end` with no pupils yet,
    /// next to the marker its list usually addresses.
    pub fn new(intervention: &Intervention, start: NaiveDate, end: NaiveDate) -> Provision {
        Provision {
            intervention: intervention.id,
            marker: Marker::for_category(intervention.category),
            start,
            end,
            ..Provision::default()
        }
    }

    /// Whether `pupil` is in the group.
    pub fn includes(&self, pupil: &str) -> bool {
        self.pupils.iter().any(|p| p == pupil)
    }

    /// Adds pupils to the group, skipping any already in it; returns how many were added.
    pub fn add_pupils<'a>(&mut self, pupils: impl IntoIterator<Item = &'a str>) -> usize {
        let mut added = 0;
        for pupil in pupils {
            if !self.includes(pupil) {
                self.pupils.push(pupil.to_string());
                added += 1;
            }
        }
        added
    }

    /// Takes a pupil out of the group (their measures are kept); `true` if they were in it.
    pub fn remove_pupil(&mut self, pupil: &str) -> bool {
        let before = self.pupils.len();
        self.pupils.retain(|p| p != pupil);
        before != self.pupils.len()
    }

    /// The delivery actually used: the intervention's default with this provision's
    /// staff and overrides applied.
    pub fn delivery(&self, intervention: &Intervention) -> Delivery {
        let default = &intervention.delivery;
        Delivery {
            staff: self.staff.clone().unwrap_or_else(|| default.staff.clone()),
            group_size: self.overrides.group_size.unwrap_or(default.group_size),
            sessions_per_week: self
                .overrides
                .sessions_per_week
                .unwrap_or(default.sessions_per_week),
            minutes_per_session: self
                .overrides
                .minutes_per_session
                .unwrap_or(default.minutes_per_session),
            weeks: self.overrides.weeks.or(default.weeks),
        }
    }

    /// The resource cost used: the override, else the intervention's.
    pub fn resource_cost(&self, intervention: &Intervention) -> Money {
        self.overrides
            .resource_cost
            .unwrap_or(intervention.resource_cost)
    }

    /// Calendar days from start to end, both included; 0 when the end is before the start.
    pub fn delivery_days(&self) -> i64 {
        ((self.end - self.start).num_days() + 1).max(0)
    }

    /// Calendar days of delivery between `first` and `last` (both included).
    pub fn days_within(&self, first: NaiveDate, last: NaiveDate) -> i64 {
        let from = self.start.max(first);
        let to = self.end.min(last);
        ((to - from).num_days() + 1).max(0)
    }

    /// Whether any day of delivery falls between `first` and `last` (both included).
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.days_within(first, last) > 0
    }

    /// The pupil's measures, if any were recorded.
    pub fn measures_for(&self, pupil: &str) -> Option<&PupilMeasures> {
        self.measures.iter().find(|m| m.pupil == pupil)
    }

    /// Records a pupil's entry measure, replacing any earlier one.
    pub fn set_entry(&mut self, pupil: &str, measure: Measure) {
        self.measures_entry(pupil).entry = Some(measure);
    }

    /// Records a pupil's exit measure, replacing any earlier one.
    pub fn set_exit(&mut self, pupil: &str, measure: Measure) {
        self.measures_entry(pupil).exit = Some(measure);
    }

    fn measures_entry(&mut self, pupil: &str) -> &mut PupilMeasures {
        let at = match self.measures.iter().position(|m| m.pupil == pupil) {
            Some(at) => at,
            None => {
                self.measures.push(PupilMeasures {
                    pupil: pupil.to_string(),
                    ..PupilMeasures::default()
                });
                self.measures.len() - 1
            }
        };
        &mut self.measures[at]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::provision::bank::InterventionBank;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn overrides_replace_only_what_they_name() {
        let bank = InterventionBank::default();
        let fls = bank.get(InterventionId(20)).expect("FLS");
        let mut provision = Provision::new(fls, date(2025, 9, 1), date(2025, 12, 19));
        assert_eq!(provision.marker, Marker::Attainment);
        provision.overrides.minutes_per_session = Some(45);
        provision.staff = Some(vec![StaffRoleId::HLTA, StaffRoleId::TA]);
        let delivery = provision.delivery(fls);
        assert_eq!(delivery.minutes_per_session, 45);
        assert_eq!(delivery.sessions_per_week, 3);
        assert_eq!(delivery.group_size, 6);
        assert_eq!(delivery.weeks, Some(12));
        assert_eq!(delivery.staff, [StaffRoleId::HLTA, StaffRoleId::TA]);
        assert_eq!(provision.resource_cost(fls), Money::ZERO);
    }

    #[test]
    fn pupils_are_added_once_and_measures_are_kept_per_pupil() {
        let mut provision = Provision::default();
        assert_eq!(provision.add_pupils(["A1", "B2", "A1"]), 2);
        assert_eq!(provision.add_pupils(["B2", "C3"]), 1);
        assert_eq!(provision.pupils, ["A1", "B2", "C3"]);
        let measure = |value: &str| Measure {
            name: "Reading age".into(),
            value: value.into(),
            date: Some(date(2025, 9, 8)),
        };
        provision.set_entry("B2", measure("6y 11m"));
        provision.set_exit("B2", measure("7y 8m"));
        provision.set_entry("B2", measure("7y 0m"));
        let b2 = provision.measures_for("B2").expect("measured");
        assert_eq!(b2.entry.as_ref().map(|m| m.value.as_str()), Some("7y 0m"));
        assert_eq!(b2.exit.as_ref().map(|m| m.value.as_str()), Some("7y 8m"));
        assert_eq!(provision.measures.len(), 1);
        assert!(provision.remove_pupil("B2"));
        assert!(!provision.includes("B2"));
        assert!(provision.measures_for("B2").is_some());
    }

    #[test]
    fn delivery_days_count_both_ends_and_clip_to_a_window() {
        let provision = Provision {
            start: date(2025, 3, 1),
            end: date(2025, 5, 31),
            ..Provision::default()
        };
        assert_eq!(provision.delivery_days(), 92);
        assert_eq!(
            provision.days_within(date(2025, 4, 1), date(2026, 3, 31)),
            61
        );
        assert_eq!(
            provision.days_within(date(2025, 6, 1), date(2025, 6, 30)),
            0
        );
        assert!(provision.overlaps(date(2025, 5, 31), date(2025, 6, 30)));
        let backwards = Provision {
            start: date(2025, 5, 1),
            end: date(2025, 4, 1),
            ..Provision::default()
        };
        assert_eq!(backwards.delivery_days(), 0);
    }
}
