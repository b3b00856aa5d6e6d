//! Coming up (SPEC §8.2): provision ending and APDR reviews due in the next four weeks,
//! and reviews already overdue, soonest first.
//!
//! **The window** is today and the 28 days after it: from `today` to `today + 28` days,
//! both included (day 29 is not).
//!
//! **Provision ending**: planned or running provision whose last day is in the window,
//! with the pupils who have not left it by then.
//!
//! **Reviews**: for each pupil on roll, the latest review recorded (by date, in any year's
//! individual record; of two on one day, the one recorded last) decides. When it names a
//! next review date in the window, a review is due; when that date has passed and no later
//! review is recorded, it is **overdue**. A pupil no longer on roll is left out.
//!
//! **Order**: overdue reviews first, oldest first; then everything else by date; on one
//! day reviews before provision, then by pupil key or provision id.

use crate::core::provision::map::ApdrReview;
use crate::core::provision::provision::ProvisionId;
use crate::core::provision::{ProvisionBook, SchoolPupil};
use chrono::{Days, NaiveDate};
use std::collections::{HashMap, HashSet};

/// How many days after today the list looks ahead: four weeks.
pub const DAYS_AHEAD: u64 = 28;

/// What is coming up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComingUpItem {
    /// A pupil's next APDR review.
    Review {
        /// The pupil key.
        pupil: String,
        /// When the last review took place.
        last_review: NaiveDate,
        /// Whether its date has passed with no later review recorded.
        overdue: bool,
    },
    /// A provision's last day.
    ProvisionEnds {
        /// The provision.
        provision: ProvisionId,
        /// The intervention's name.
        intervention: String,
        /// The pupils still in it (not left by its last day), by pupil key.
        pupils: Vec<String>,
    },
}

/// One line of the list: a date and what happens on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComingUp {
    /// The review's due date, or the provision's last day.
    pub date: NaiveDate,
    /// What it is.
    pub item: ComingUpItem,
}

impl ComingUp {
    /// Whether this is an overdue review.
    pub fn is_overdue(&self) -> bool {
        matches!(self.item, ComingUpItem::Review { overdue: true, .. })
    }

    /// The order of the list (see the module's rules).
    fn sort_key(&self) -> (bool, NaiveDate, u8, String, u32) {
        match &self.item {
            ComingUpItem::Review { pupil, overdue, .. } => {
                (!overdue, self.date, 0, pupil.clone(), 0)
            }
            ComingUpItem::ProvisionEnds { provision, .. } => {
                (true, self.date, 1, String::new(), provision.0)
            }
        }
    }
}

/// Each pupil's latest review, by pupil key: by date, and of two on one day the one
/// recorded last (records in the order kept, reviews in the order recorded).
fn latest_reviews(book: &ProvisionBook) -> HashMap<&str, &ApdrReview> {
    let mut latest: HashMap<&str, &ApdrReview> = HashMap::new();
    for record in &book.individual {
        for review in &record.reviews {
            let entry = latest.entry(record.pupil.as_str()).or_insert(review);
            if review.date >= entry.date {
                *entry = review;
            }
        }
    }
    latest
}

/// Provision ending and reviews due from `today` to 28 days after it, and reviews overdue,
/// for the pupils on roll (`pupils`), in the module's order.
pub fn coming_up(book: &ProvisionBook, pupils: &[SchoolPupil], today: NaiveDate) -> Vec<ComingUp> {
    let last = today
        .checked_add_days(Days::new(DAYS_AHEAD))
        .unwrap_or(NaiveDate::MAX);
    let in_window = |day: NaiveDate| today <= day && day <= last;
    let on_roll: HashSet<&str> = pupils.iter().map(|p| p.key.as_str()).collect();
    let mut list: Vec<ComingUp> = Vec::new();
    for (pupil, review) in latest_reviews(book) {
        let Some(due) = review.next_review else {
            continue;
        };
        if !on_roll.contains(pupil) || !(due < today || in_window(due)) {
            continue;
        }
        list.push(ComingUp {
            date: due,
            item: ComingUpItem::Review {
                pupil: pupil.to_string(),
                last_review: review.date,
                overdue: due < today,
            },
        });
    }
    for provision in &book.provisions {
        if !provision.status.is_current() || !in_window(provision.end) {
            continue;
        }
        list.push(ComingUp {
            date: provision.end,
            item: ComingUpItem::ProvisionEnds {
                provision: provision.id,
                intervention: book
                    .bank
                    .get(provision.intervention)
                    .map_or_else(|| "Unknown intervention".to_string(), |i| i.name.clone()),
                pupils: provision
                    .pupils
                    .iter()
                    .filter(|pupil| !provision.has_left_by(pupil, provision.end))
                    .cloned()
                    .collect(),
            },
        });
    }
    list.sort_by_cached_key(ComingUp::sort_key);
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::AcademicYear;
    use crate::core::provision::bank::InterventionId;
    use crate::core::provision::{Provision, ProvisionStatus};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn on_roll(keys: &[&str]) -> Vec<SchoolPupil> {
        keys.iter()
            .map(|key| SchoolPupil {
                key: (*key).into(),
                ..SchoolPupil::default()
            })
            .collect()
    }

    fn review(book: &mut ProvisionBook, pupil: &str, on: NaiveDate, next: Option<NaiveDate>) {
        book.individual_record_mut(pupil, AcademicYear::containing(on))
            .reviews
            .push(ApdrReview {
                date: on,
                next_review: next,
                ..ApdrReview::default()
            });
    }

    fn ending(
        book: &mut ProvisionBook,
        pupils: &[&str],
        end: NaiveDate,
        status: ProvisionStatus,
    ) -> ProvisionId {
        let fls = book.bank.get(InterventionId(20)).cloned().expect("FLS");
        let mut provision = Provision::new(&fls, date(2025, 9, 1), end);
        provision.add_pupils(pupils.iter().copied());
        provision.status = status;
        book.add_provision(provision)
    }

    /// (date, what) for each line, "overdue:key", "review:key" or "ends:id".
    fn said(list: &[ComingUp]) -> Vec<(NaiveDate, String)> {
        list.iter()
            .map(|line| {
                let what = match &line.item {
                    ComingUpItem::Review {
                        pupil,
                        overdue: true,
                        ..
                    } => format!("overdue:{pupil}"),
                    ComingUpItem::Review { pupil, .. } => format!("review:{pupil}"),
                    ComingUpItem::ProvisionEnds { provision, .. } => {
                        format!("ends:{}", provision.0)
                    }
                };
                (line.date, what)
            })
            .collect()
    }

    #[test]
    fn the_window_is_today_to_28_days_on_with_overdue_reviews_first() {
        let today = date(2026, 3, 10);
        let day_28 = date(2026, 4, 7);
        let day_29 = date(2026, 4, 8);
        let mut book = ProvisionBook::default();
        let last_review = date(2026, 1, 12);
        review(&mut book, "today", last_review, Some(today));
        review(&mut book, "day28", last_review, Some(day_28));
        review(&mut book, "day29", last_review, Some(day_29));
        review(&mut book, "late", last_review, Some(date(2026, 3, 9)));
        review(
            &mut book,
            "later",
            date(2025, 11, 3),
            Some(date(2025, 12, 1)),
        );
        // An overdue date with a later review recorded (in that review, none is due).
        review(&mut book, "done", last_review, Some(date(2026, 2, 1)));
        review(&mut book, "done", date(2026, 2, 3), None);
        // The later review in another year's record decides too.
        review(
            &mut book,
            "moved",
            date(2025, 7, 1),
            Some(date(2025, 9, 30)),
        );
        review(
            &mut book,
            "moved",
            date(2025, 10, 1),
            Some(date(2026, 3, 20)),
        );
        // No longer on roll: left out.
        review(&mut book, "left", last_review, Some(date(2026, 3, 1)));
        let ends_today = ending(&mut book, &["a"], today, ProvisionStatus::Running);
        let ends_28 = ending(&mut book, &["b", "c"], day_28, ProvisionStatus::Planned);
        ending(&mut book, &["d"], day_29, ProvisionStatus::Running);
        ending(
            &mut book,
            &["e"],
            date(2026, 3, 20),
            ProvisionStatus::Finished,
        );
        ending(
            &mut book,
            &["f"],
            date(2026, 3, 20),
            ProvisionStatus::Stopped,
        );
        ending(
            &mut book,
            &["g"],
            date(2026, 3, 9),
            ProvisionStatus::Running,
        );
        let pupils = on_roll(&["today", "day28", "day29", "late", "later", "done", "moved"]);

        let list = coming_up(&book, &pupils, today);
        assert_eq!(
            said(&list),
            [
                (date(2025, 12, 1), "overdue:later".to_string()),
                (date(2026, 3, 9), "overdue:late".to_string()),
                (today, "review:today".to_string()),
                (today, format!("ends:{}", ends_today.0)),
                (date(2026, 3, 20), "review:moved".to_string()),
                (day_28, "review:day28".to_string()),
                (day_28, format!("ends:{}", ends_28.0)),
            ]
        );
        assert!(list[0].is_overdue() && !list[2].is_overdue());
        assert_eq!(
            list[0].item,
            ComingUpItem::Review {
                pupil: "later".into(),
                last_review: date(2025, 11, 3),
                overdue: true,
            }
        );
        assert_eq!(
            list[6].item,
            ComingUpItem::ProvisionEnds {
                provision: ends_28,
                intervention: "FLS".into(),
                pupils: vec!["b".into(), "c".into()],
            }
        );
    }

    #[test]
    fn a_pupil_who_left_the_group_is_not_listed_with_its_end() {
        let today = date(2026, 3, 10);
        let mut book = ProvisionBook::default();
        let id = ending(
            &mut book,
            &["a", "b"],
            date(2026, 3, 27),
            ProvisionStatus::Running,
        );
        if let Some(provision) = book.provision_mut(id) {
            provision.leave("a", date(2026, 2, 13));
        }
        let list = coming_up(&book, &[], today);
        assert_eq!(list.len(), 1);
        assert!(matches!(
            &list[0].item,
            ComingUpItem::ProvisionEnds { pupils, .. } if pupils == &["b".to_string()]
        ));
    }
}
