//! A provision: one intervention from the bank delivered to a group of pupils, by some
//! staff, between two dates (SPEC §3, §7).

use crate::core::provision::bank::{Category, Delivery, Intervention, InterventionId};
use crate::core::provision::measure::MeasureSpec;
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
    /// Planned, running, finished, stopped: the order a provision goes through them.
    pub const ALL: [ProvisionStatus; 4] = [
        ProvisionStatus::Planned,
        ProvisionStatus::Running,
        ProvisionStatus::Finished,
        ProvisionStatus::Stopped,
    ];

    /// "Planned", "Running", "Finished", "Stopped".
    pub fn label(&self) -> &'static str {
        match self {
            ProvisionStatus::Planned => "Planned",
            ProvisionStatus::Running => "Running",
            ProvisionStatus::Finished => "Finished",
            ProvisionStatus::Stopped => "Stopped early",
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

/// When one pupil was in a group, where it differs from the provision's own dates: they
/// joined after it started, or left before it ended. Kept after they leave, so the
/// group's history (and its cost) stays true.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberDates {
    /// The pupil key (UPN).
    pub pupil: String,
    /// Their first day in the group; `None` is the provision's start.
    pub joined: Option<NaiveDate>,
    /// Their last day in the group; `None` is the provision's end.
    pub left: Option<NaiveDate>,
}

/// A change of staff part-way through: from `from` on, each session is delivered by
/// `staff` (one role per member of staff).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StaffChange {
    /// The first day the new staff deliver.
    pub from: NaiveDate,
    /// The staff from that day.
    pub staff: Vec<StaffRoleId>,
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
    /// Free notes (venue, timetable, …).
    pub notes: String,
    /// Pupils who joined late or left early, with their dates; everyone else in
    /// `pupils` is in the group from start to end.
    pub member_dates: Vec<MemberDates>,
    /// Changes of staff part-way through, in date order; before the first, `staff`.
    pub staff_changes: Vec<StaffChange>,
    /// Places planned before the pupils are known ("places for pupils to be identified by
    /// screening"): the cost is shared among them while no pupil is named.
    pub places: Option<u32>,
    /// Why it stopped early, when it did.
    pub stopped_reason: String,
    /// What the group is expected to achieve.
    pub expected_outcome: String,
    /// What it measures, when it names a measure.
    pub measure: Option<MeasureSpec>,
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

    /// Takes a pupil out of the group as if they had never been in it (added by mistake);
    /// their measures are kept. `true` if they were in it. A pupil who leaves part-way
    /// through [`Provision::leave`]s instead.
    pub fn remove_pupil(&mut self, pupil: &str) -> bool {
        let before = self.pupils.len();
        self.pupils.retain(|p| p != pupil);
        self.member_dates.retain(|m| m.pupil != pupil);
        before != self.pupils.len()
    }

    /// A pupil joins the group on `day` (the start, or any day after it); a pupil already
    /// in it who had left comes back, from their first day as before. `true` when they
    /// were not in the group that day.
    pub fn join(&mut self, pupil: &str, day: NaiveDate) -> bool {
        if self.includes(pupil) {
            let Some(dates) = self.member_dates.iter_mut().find(|m| m.pupil == pupil) else {
                return false;
            };
            let was_gone = dates.left.is_some_and(|left| left < day);
            dates.left = None;
            self.tidy_dates();
            return was_gone;
        }
        self.pupils.push(pupil.to_string());
        if day > self.start {
            self.member_dates.push(MemberDates {
                pupil: pupil.to_string(),
                joined: Some(day),
                left: None,
            });
        }
        true
    }

    /// A pupil leaves the group; `last_day` is their last day in it. They stay in the
    /// group's history (and its cost to that day). `false` when they are not in it.
    pub fn leave(&mut self, pupil: &str, last_day: NaiveDate) -> bool {
        if !self.includes(pupil) {
            return false;
        }
        match self.member_dates.iter_mut().find(|m| m.pupil == pupil) {
            Some(dates) => dates.left = Some(last_day),
            None => self.member_dates.push(MemberDates {
                pupil: pupil.to_string(),
                joined: None,
                left: Some(last_day),
            }),
        }
        self.tidy_dates();
        true
    }

    /// Drops dates that say no more than the provision's own.
    fn tidy_dates(&mut self) {
        let (start, end) = (self.start, self.end);
        for dates in &mut self.member_dates {
            dates.joined = dates.joined.filter(|day| *day > start);
            dates.left = dates.left.filter(|day| *day < end);
        }
        self.member_dates
            .retain(|m| m.joined.is_some() || m.left.is_some());
    }

    /// A pupil's first and last day in the group (within the provision's dates), or
    /// `None` when they are not in it. The last day may be before the first when they left
    /// before they started.
    pub fn member_span(&self, pupil: &str) -> Option<(NaiveDate, NaiveDate)> {
        if !self.includes(pupil) {
            return None;
        }
        let dates = self.member_dates.iter().find(|m| m.pupil == pupil);
        let first = dates
            .and_then(|m| m.joined)
            .map_or(self.start, |day| day.max(self.start));
        let last = dates
            .and_then(|m| m.left)
            .map_or(self.end, |day| day.min(self.end));
        Some((first, last))
    }

    /// Whether `pupil` is in the group on `day`.
    pub fn is_member_on(&self, pupil: &str, day: NaiveDate) -> bool {
        self.member_span(pupil)
            .is_some_and(|(first, last)| first <= day && day <= last)
    }

    /// Whether `pupil` has left the group by `day` (their last day was before it).
    pub fn has_left_by(&self, pupil: &str, day: NaiveDate) -> bool {
        self.member_dates
            .iter()
            .any(|m| m.pupil == pupil && m.left.is_some_and(|left| left < day))
    }

    /// The pupils still in the group on `day` or yet to join it: everyone who has not left.
    pub fn current_pupils(&self, day: NaiveDate) -> impl Iterator<Item = &str> {
        self.pupils
            .iter()
            .map(String::as_str)
            .filter(move |pupil| !self.has_left_by(pupil, day))
    }

    /// The staff delivering on `day`: the last change on or before it, else the
    /// provision's staff, else the intervention's default.
    pub fn staff_on(&self, day: NaiveDate, intervention: &Intervention) -> Vec<StaffRoleId> {
        self.staff_changes
            .iter()
            .rev()
            .find(|change| change.from <= day)
            .map(|change| change.staff.clone())
            .unwrap_or_else(|| self.delivery(intervention).staff)
    }

    /// Changes the staff from `from` on. From the start (or before), it replaces the
    /// provision's staff and every change; otherwise later changes give way to this one.
    pub fn change_staff_from(&mut self, from: NaiveDate, staff: Vec<StaffRoleId>) {
        if from <= self.start {
            self.staff = Some(staff);
            self.staff_changes.clear();
            return;
        }
        self.staff_changes.retain(|change| change.from < from);
        self.staff_changes.push(StaffChange { from, staff });
    }

    /// The same provision for the next term, from `start` to `end`: the same intervention,
    /// delivery, staff (as they were at the end), priority, measure and expected outcome,
    /// with the pupils who had not left, planned, with no measures or notes yet.
    pub fn copy_for(
        &self,
        intervention: &Intervention,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Provision {
        let staff = self.staff_on(self.end, intervention);
        Provision {
            id: ProvisionId::default(),
            intervention: self.intervention,
            marker: self.marker,
            pupils: self
                .pupils
                .iter()
                .filter(|pupil| !self.has_left_by(pupil, self.end))
                .cloned()
                .collect(),
            staff: (staff != intervention.delivery.staff).then_some(staff),
            start,
            end,
            overrides: self.overrides.clone(),
            priority: self.priority,
            status: ProvisionStatus::Planned,
            measures: Vec::new(),
            notes: String::new(),
            member_dates: Vec::new(),
            staff_changes: Vec::new(),
            places: self.places,
            stopped_reason: String::new(),
            expected_outcome: self.expected_outcome.clone(),
            measure: self.measure.clone(),
        }
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
    fn pupils_join_and_leave_on_dates_and_stay_in_the_history() {
        let mut provision = Provision {
            start: date(2025, 9, 1),
            end: date(2026, 3, 31),
            ..Provision::default()
        };
        provision.add_pupils(["A", "B"]);
        assert!(provision.join("C", date(2026, 1, 5)));
        assert!(provision.leave("A", date(2025, 12, 19)));
        assert_eq!(provision.pupils, ["A", "B", "C"]);
        assert_eq!(
            provision.member_span("C"),
            Some((date(2026, 1, 5), date(2026, 3, 31)))
        );
        assert_eq!(
            provision.member_span("A"),
            Some((date(2025, 9, 1), date(2025, 12, 19)))
        );
        assert!(provision.is_member_on("A", date(2025, 12, 19)));
        assert!(!provision.is_member_on("A", date(2026, 1, 5)));
        assert!(!provision.is_member_on("C", date(2026, 1, 4)));
        let now: Vec<&str> = provision.current_pupils(date(2026, 1, 1)).collect();
        assert_eq!(now, ["B", "C"]);
        // Joining on the first day needs no dates; leaving on the last day neither.
        assert!(provision.join("D", date(2025, 9, 1)));
        assert!(provision.leave("D", date(2026, 3, 31)));
        assert!(provision.member_dates.iter().all(|m| m.pupil != "D"));
        // A pupil who left can come back.
        assert!(provision.join("A", date(2026, 2, 1)));
        assert_eq!(
            provision.member_span("A"),
            Some((date(2025, 9, 1), date(2026, 3, 31)))
        );
        assert!(provision.remove_pupil("C"));
        assert!(provision.member_dates.iter().all(|m| m.pupil != "C"));
    }

    #[test]
    fn staff_change_from_a_date_and_a_copy_keeps_the_last_staff() {
        let bank = InterventionBank::default();
        let fls = bank.get(InterventionId(20)).expect("FLS");
        let mut provision = Provision::new(fls, date(2025, 9, 1), date(2025, 12, 19));
        provision.add_pupils(["A", "B"]);
        provision.expected_outcome = "Reading age up 6 months".into();
        let default = fls.delivery.staff.clone();
        provision.change_staff_from(date(2025, 11, 3), vec![StaffRoleId::TEACHER]);
        assert_eq!(provision.staff_on(date(2025, 11, 2), fls), default);
        assert_eq!(
            provision.staff_on(date(2025, 11, 3), fls),
            [StaffRoleId::TEACHER]
        );
        provision.change_staff_from(date(2025, 10, 1), vec![StaffRoleId::HLTA]);
        assert_eq!(provision.staff_changes.len(), 1, "a later change gives way");
        assert_eq!(
            provision.staff_on(date(2025, 12, 1), fls),
            [StaffRoleId::HLTA]
        );
        provision.leave("B", date(2025, 11, 30));
        provision.measures.push(PupilMeasures::default());
        let copy = provision.copy_for(fls, date(2026, 1, 5), date(2026, 3, 27));
        assert_eq!(copy.pupils, ["A"]);
        assert_eq!(copy.staff, Some(vec![StaffRoleId::HLTA]));
        assert_eq!(
            (copy.start, copy.end),
            (date(2026, 1, 5), date(2026, 3, 27))
        );
        assert_eq!(copy.status, ProvisionStatus::Planned);
        assert!(copy.measures.is_empty() && copy.staff_changes.is_empty());
        assert_eq!(copy.expected_outcome, "Reading age up 6 months");
        provision.change_staff_from(date(2025, 9, 1), vec![StaffRoleId::TA]);
        assert!(provision.staff_changes.is_empty());
        assert_eq!(provision.staff, Some(vec![StaffRoleId::TA]));
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
