//! The progress report for parents (SPEC §8.3, issue 15): one printable page about one
//! pupil, as data. Plain English, warm and factual: the pupil's curricular targets with
//! their progress in words, the support running for them now (what, how often, with whom
//! by role, when it ends — never its cost), their attendance at each data drop, and what
//! was agreed at their latest review.
//!
//! It is for the pupil's parents, so it holds nothing about any other pupil (no other
//! name, no group members, no school-wide figures) and nothing of the planner's own
//! judgements (no markers, RAG ratings, indicator scores or risk): only what is read here
//! from this pupil's key. The page (`ui::report`) shows exactly this.

use super::curricular::{CurricularTarget, Horizon};
use super::involvement::{by_horizon, reviewed_with, set_with};
use super::TargetBook;
use crate::core::drop::AcademicYear;
use crate::core::privacy::Shown;
use crate::core::provision::map::ApdrReview;
use crate::core::provision::{Provision, ProvisionBook, StaffRoles};
use crate::core::pupil::Pupil;
use crate::core::tracking::over_time::OverTimeRow;
use crate::core::tracking::timeline::Period;
use crate::core::value::{format_uk_date, Percent};
use chrono::NaiveDate;

/// Everything the report is made from, already chosen by the caller for this one pupil.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The school's name (the workspace's name).
    pub school: &'a str,
    /// The pupil, as in the data drop shown.
    pub pupil: &'a Pupil,
    /// The pupil's key (UPN, or surname|forename|date of birth): everything else is
    /// looked up by it.
    pub key: &'a str,
    /// Today: the report's date, and the day "running now" is judged on.
    pub today: NaiveDate,
    /// The school's targets (only this pupil's curricular targets are read).
    pub targets: &'a TargetBook,
    /// The school's provision (only provision this pupil is in, and their own record).
    pub book: &'a ProvisionBook,
    /// This pupil's rows over time (`tracking::over_time` for this pupil): only the term
    /// and the attendance of each are read.
    pub over_time: &'a [OverTimeRow],
    /// How the pupil may be named on screen (initials in privacy display mode).
    pub shown: Shown,
}

/// One curricular target as the report says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportTarget {
    /// The subject or area.
    pub area: String,
    /// The target in words.
    pub text: String,
    /// When it was set and when it is reviewed, dd/mm/yyyy ("" when not recorded).
    pub set_on: String,
    pub review_on: String,
    /// "Achieved", "Partly achieved", "Not achieved" or "Not yet reviewed".
    pub progress: &'static str,
    /// "Set with: pupil, parents" and the like.
    pub set_with: String,
    /// "Reviewed with: parents" and the like.
    pub reviewed_with: String,
    /// What was agreed at its review ("" when nothing is recorded).
    pub agreed: String,
}

/// The targets of one horizon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HorizonTargets {
    pub horizon: Horizon,
    /// "Short-term targets".
    pub heading: String,
    /// Its targets, by the date they were set.
    pub targets: Vec<ReportTarget>,
}

/// One piece of support running for the pupil now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSupport {
    /// What it is (the intervention's name).
    pub what: String,
    /// "3 sessions a week, 30 minutes each, in a small group of up to 4".
    pub how_often: String,
    /// Who runs it, by role: "Teaching assistant", "Teacher and teaching assistant".
    pub with_whom: String,
    /// The pupil's last day in it, dd/mm/yyyy.
    pub ends: String,
    /// What it is hoped to achieve, as recorded on the pupil's map ("" when none).
    pub hoped_for: String,
}

/// Attendance at one data drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendancePoint {
    pub period: Period,
    /// `None`: not recorded in that drop.
    pub attendance: Option<Percent>,
}

impl AttendancePoint {
    /// "Autumn 2025/26 — 95.2%", or "… — not recorded".
    pub fn text(&self) -> String {
        format!("{} — {}", self.period, self.figure())
    }

    /// "95.2%" or "not recorded".
    pub fn figure(&self) -> String {
        self.attendance
            .map_or_else(|| "not recorded".to_string(), |p| p.one_decimal())
    }
}

/// What was agreed at the pupil's latest review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastReview {
    /// The review's date, dd/mm/yyyy.
    pub date: String,
    /// What was agreed: the next steps.
    pub agreed: String,
    /// What the pupil said.
    pub pupil_views: String,
    /// What the parents or carers said.
    pub parent_views: String,
    /// When the next review is, dd/mm/yyyy ("" when not set).
    pub next_review: String,
}

/// The progress report for one pupil's parents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentReport {
    pub school: String,
    /// The pupil's name as staff use it (preferred forename and surname), or initials in
    /// privacy display mode.
    pub name: String,
    /// "Year 4" ("" when not recorded).
    pub year_group: String,
    /// The report's date, dd/mm/yyyy.
    pub date: String,
    /// Short-, medium- and long-term targets, always all three horizons.
    pub targets: Vec<HorizonTargets>,
    /// Support running now, by when it started.
    pub support: Vec<ReportSupport>,
    /// Attendance at each data drop the pupil is in, oldest first.
    pub attendance: Vec<AttendancePoint>,
    /// The latest review on or before today, if any.
    pub last_review: Option<LastReview>,
}

/// A staff role's name as parents would say it: the planner's own abbreviations
/// written out; any other name the school gave is kept as it is.
pub fn role_words(name: &str) -> String {
    match name.trim().to_ascii_uppercase().as_str() {
        "TA" => "Teaching assistant".to_string(),
        "HLTA" => "Higher-level teaching assistant".to_string(),
        "SENCO" => "SENCO (special educational needs co-ordinator)".to_string(),
        _ => name.trim().to_string(),
    }
}

/// Who runs a provision on `today`, by role, each role once: "Teacher and teaching
/// assistant"; "" when no staff are named.
fn with_whom(provision: &Provision, book: &ProvisionBook, today: NaiveDate) -> String {
    let Some(intervention) = book.bank.get(provision.intervention) else {
        return String::new();
    };
    let roles: &StaffRoles = &book.staff;
    let mut names: Vec<String> = Vec::new();
    for id in provision.staff_on(today, intervention) {
        let name = role_words(roles.name(id));
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let lower_after_first = |i: usize, name: &String| {
        if i == 0 {
            name.clone()
        } else {
            // "Teacher and teaching assistant": later roles in lower case, unless they
            // are an abbreviation such as "SENCO".
            let mut chars = name.chars();
            match (chars.next(), chars.next()) {
                (Some(first), Some(second)) if second.is_lowercase() => {
                    first.to_lowercase().chain(name.chars().skip(1)).collect()
                }
                _ => name.clone(),
            }
        }
    };
    let names: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| lower_after_first(i, n))
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "3 sessions a week, 30 minutes each, one to one" / "…, in a small group of up to 4".
fn how_often(provision: &Provision, book: &ProvisionBook) -> String {
    let Some(intervention) = book.bank.get(provision.intervention) else {
        return String::new();
    };
    let delivery = provision.delivery(intervention);
    let sessions = match delivery.sessions_per_week {
        1 => "1 session a week".to_string(),
        n => format!("{n} sessions a week"),
    };
    let group = match delivery.group_size {
        0 | 1 => "one to one".to_string(),
        n => format!("in a small group of up to {n}"),
    };
    format!(
        "{sessions}, {} minutes each, {group}",
        delivery.minutes_per_session
    )
}

/// "Short-term targets", "Medium-term targets", "Long-term targets".
pub fn heading(horizon: Horizon) -> &'static str {
    match horizon {
        Horizon::Short => "Short-term targets",
        Horizon::Medium => "Medium-term targets",
        Horizon::Long => "Long-term targets",
    }
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(format_uk_date).unwrap_or_default()
}

fn report_target(target: &CurricularTarget) -> ReportTarget {
    ReportTarget {
        area: target.area.trim().to_string(),
        text: target.text.trim().to_string(),
        set_on: date_text(target.set_on),
        review_on: date_text(target.review_on),
        progress: target.progress.label(),
        set_with: set_with(target),
        reviewed_with: reviewed_with(target),
        agreed: target.review_notes.trim().to_string(),
    }
}

/// The pupil's latest review on or before `today`, across every year's record (the
/// later-recorded of two on the same day).
fn latest_review<'a>(
    book: &'a ProvisionBook,
    key: &str,
    today: NaiveDate,
) -> Option<&'a ApdrReview> {
    book.individual
        .iter()
        .filter(|record| record.pupil == key)
        .flat_map(|record| record.reviews.iter())
        .filter(|review| review.date <= today)
        .fold(None, |latest: Option<&ApdrReview>, review| match latest {
            Some(kept) if kept.date > review.date => Some(kept),
            _ => Some(review),
        })
}

impl ParentReport {
    /// The report for the pupil in `input`, as of `input.today`.
    pub fn for_pupil(input: &ReportInput<'_>) -> ParentReport {
        let key = input.key;
        let today = input.today;
        let targets = by_horizon(input.targets.curricular(key))
            .into_iter()
            .map(|(horizon, these)| HorizonTargets {
                horizon,
                heading: heading(horizon).to_string(),
                targets: these.into_iter().map(report_target).collect(),
            })
            .collect();

        let year = AcademicYear::containing(today);
        let record = input.book.individual_record(key, year);
        let mut running: Vec<&Provision> = input
            .book
            .provisions_for(key)
            .filter(|p| p.status.is_current() && p.start <= today && today <= p.end)
            .filter(|p| p.is_member_on(key, today))
            .collect();
        running.sort_by_key(|p| (p.start, p.id));
        let support = running
            .into_iter()
            .map(|provision| ReportSupport {
                what: input
                    .book
                    .bank
                    .get(provision.intervention)
                    .map_or_else(String::new, |i| i.name.clone()),
                how_often: how_often(provision, input.book),
                with_whom: with_whom(provision, input.book, today),
                ends: date_text(provision.member_span(key).map(|(_, last)| last)),
                hoped_for: record
                    .and_then(|r| r.outcome_for(provision.id))
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            })
            .collect();

        let attendance = input
            .over_time
            .iter()
            .map(|row| AttendancePoint {
                period: row.period,
                attendance: row.attendance,
            })
            .collect();

        let last_review = latest_review(input.book, key, today).map(|review| LastReview {
            date: format_uk_date(review.date),
            agreed: review.next_steps.trim().to_string(),
            pupil_views: review.pupil_views.trim().to_string(),
            parent_views: review.parent_views.trim().to_string(),
            next_review: date_text(review.next_review),
        });

        ParentReport {
            school: input.school.trim().to_string(),
            name: input.shown.name(input.pupil),
            year_group: input
                .pupil
                .year_group
                .map(|y| y.label())
                .unwrap_or_default(),
            date: format_uk_date(today),
            targets,
            support,
            attendance,
            last_review,
        }
    }

    /// The attendance chart's text alternative: "Attendance at each data drop: Autumn
    /// 2025/26 95.2%, Spring 2025/26 94.0%."
    pub fn attendance_sentence(&self) -> String {
        if self.attendance.is_empty() {
            return "No attendance is recorded yet.".to_string();
        }
        let points: Vec<String> = self
            .attendance
            .iter()
            .map(|point| format!("{} {}", point.period, point.figure()))
            .collect();
        format!("Attendance at each data drop: {}.", points.join(", "))
    }

    /// Whether any target is recorded.
    pub fn has_targets(&self) -> bool {
        self.targets.iter().any(|h| !h.targets.is_empty())
    }

    /// Every piece of text the report holds, for checking what it says (tests, and
    /// anyone wanting to know exactly what goes home).
    pub fn all_text(&self) -> Vec<String> {
        let mut text = vec![
            self.school.clone(),
            self.name.clone(),
            self.year_group.clone(),
            self.date.clone(),
        ];
        for horizon in &self.targets {
            text.push(horizon.heading.clone());
            for t in &horizon.targets {
                text.extend([
                    t.area.clone(),
                    t.text.clone(),
                    t.set_on.clone(),
                    t.review_on.clone(),
                    t.progress.to_string(),
                    t.set_with.clone(),
                    t.reviewed_with.clone(),
                    t.agreed.clone(),
                ]);
            }
        }
        for s in &self.support {
            text.extend([
                s.what.clone(),
                s.how_often.clone(),
                s.with_whom.clone(),
                s.ends.clone(),
                s.hoped_for.clone(),
            ]);
        }
        text.extend(self.attendance.iter().map(AttendancePoint::text));
        if let Some(review) = &self.last_review {
            text.extend([
                review.date.clone(),
                review.agreed.clone(),
                review.pupil_views.clone(),
                review.parent_views.clone(),
                review.next_review.clone(),
            ]);
        }
        text
    }
}

#[cfg(test)]
#[path = "report_tests.rs"]
mod tests;
