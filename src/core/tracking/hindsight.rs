//! How well the indicator predicted (SPEC §8.1): of the pupils flagged at one drop, how
//! many were persistently absent, suspended or low-attaining at a later one, against the
//! pupils not flagged. It lets a school, or an LA, judge its profile on its own pupils.
//!
//! Only pupils in both drops count (`matching`), and only where the later drop says
//! whether the outcome happened (attendance, exclusions or attainment recorded).

use super::matching::Matching;
use crate::core::cohort::Share;
use crate::core::import::text::group_thousands;
use crate::core::scoring::{AttainmentLevel, MarkerLevel, PupilScore};

/// What a later drop showed about a pupil.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Attendance marker amber or red: at or below the persistent absence line.
    PersistentlyAbsent,
    /// One or more suspensions, or permanently excluded.
    Suspended,
    /// Overall attainment low.
    LowAttaining,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [
        Outcome::PersistentlyAbsent,
        Outcome::Suspended,
        Outcome::LowAttaining,
    ];

    /// Whether `score` shows the outcome; `None` when the drop does not say.
    pub fn shown_by(self, score: &PupilScore) -> Option<bool> {
        let marker = |level: MarkerLevel| match level {
            MarkerLevel::Unknown => None,
            level => Some(level.is_coloured()),
        };
        match self {
            Outcome::PersistentlyAbsent => marker(score.attendance),
            Outcome::Suspended => marker(score.exclusions),
            Outcome::LowAttaining => match score.attainment.overall {
                AttainmentLevel::Unknown | AttainmentLevel::NoTarget => None,
                level => Some(level == AttainmentLevel::Low),
            },
        }
    }

    /// The outcome after "were": "persistently absent".
    pub fn words(self) -> &'static str {
        match self {
            Outcome::PersistentlyAbsent => "persistently absent",
            Outcome::Suspended => "suspended",
            Outcome::LowAttaining => "low-attaining",
        }
    }
}

/// The flagged and the not flagged, each as how many had the outcome out of how many whose
/// outcome is known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hindsight {
    pub flagged: Share,
    pub not_flagged: Share,
}

impl Hindsight {
    /// Of the pupils flagged, the share who had the outcome (precision).
    pub fn precision(&self) -> Share {
        self.flagged
    }

    /// Of the pupils who had the outcome, the share who were flagged (recall).
    pub fn recall(&self) -> Share {
        Share {
            count: self.flagged.count,
            of: self.flagged.count + self.not_flagged.count,
        }
    }

    /// In plain words: "Of 40 pupils flagged red in Autumn 2025/26, 22 were persistently
    /// absent by Summer 2025/26; of 1,100 not flagged, 60 were."
    pub fn sentence(
        &self,
        flagged_as: &str,
        outcome: Outcome,
        earlier: &str,
        later: &str,
    ) -> String {
        let pupils = |count: usize| {
            if count == 1 {
                "1 pupil".to_string()
            } else {
                format!("{} pupils", group_thousands(count))
            }
        };
        let were = |count: usize| if count == 1 { "was" } else { "were" };
        format!(
            "Of {} flagged {flagged_as} in {earlier}, {} {} {} by {later}; of {} not flagged, {} {}.",
            pupils(self.flagged.of),
            group_thousands(self.flagged.count),
            were(self.flagged.count),
            outcome.words(),
            group_thousands(self.not_flagged.of),
            group_thousands(self.not_flagged.count),
            were(self.not_flagged.count),
        )
    }
}

/// Looks back: `flagged[i]` says whether the earlier drop's pupil `i` was flagged (by the
/// overall indicator, or one factor); `later_scores` are the later drop's pupils scored.
pub fn hindsight(
    matching: &Matching,
    flagged: &[bool],
    later_scores: &[PupilScore],
    outcome: Outcome,
) -> Hindsight {
    let mut result = Hindsight::default();
    for pair in &matching.matched {
        let (Some(&was_flagged), Some(score)) =
            (flagged.get(pair.earlier), later_scores.get(pair.later))
        else {
            continue;
        };
        let Some(happened) = outcome.shown_by(score) else {
            continue;
        };
        let side = if was_flagged {
            &mut result.flagged
        } else {
            &mut result.not_flagged
        };
        side.of += 1;
        side.count += usize::from(happened);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::Points;
    use crate::core::scoring::{AttainmentSummary, Rag};
    use crate::core::tracking::matching::{Matched, MatchedBy};

    /// A score that records nothing: every marker and attainment unknown.
    fn blank() -> PupilScore {
        PupilScore {
            factors: Vec::new(),
            overall: Points::ZERO,
            rag: Rag::Green,
            attendance: MarkerLevel::Unknown,
            exclusions: MarkerLevel::Unknown,
            attainment: AttainmentSummary {
                subjects: Vec::new(),
                overall: AttainmentLevel::Unknown,
            },
        }
    }

    fn score(attendance: MarkerLevel) -> PupilScore {
        PupilScore {
            attendance,
            ..blank()
        }
    }

    /// Pupil `i` of the earlier drop is pupil `i` of the later one.
    fn same_pupils(count: usize) -> Matching {
        Matching {
            matched: (0..count)
                .map(|i| Matched {
                    earlier: i,
                    later: i,
                    by: MatchedBy::Upn,
                })
                .collect(),
            ..Matching::default()
        }
    }

    #[test]
    fn the_flagged_and_the_rest_are_counted_against_what_happened_later() {
        // Four flagged: three later persistently absent. Six not flagged: one absent, one
        // with no attendance recorded later (left out).
        let flagged = [
            true, true, true, true, false, false, false, false, false, false,
        ];
        let later: Vec<PupilScore> = [
            MarkerLevel::Red,
            MarkerLevel::Amber,
            MarkerLevel::Red,
            MarkerLevel::None,
            MarkerLevel::Amber,
            MarkerLevel::None,
            MarkerLevel::None,
            MarkerLevel::None,
            MarkerLevel::None,
            MarkerLevel::Unknown,
        ]
        .into_iter()
        .map(score)
        .collect();
        let result = hindsight(
            &same_pupils(10),
            &flagged,
            &later,
            Outcome::PersistentlyAbsent,
        );
        assert_eq!(result.flagged, Share { count: 3, of: 4 });
        assert_eq!(result.not_flagged, Share { count: 1, of: 5 });
        assert_eq!(result.precision().to_string(), "75.0%");
        assert_eq!(result.recall(), Share { count: 3, of: 4 });
        assert_eq!(
            result.sentence(
                "red or amber",
                Outcome::PersistentlyAbsent,
                "Autumn 2025/26",
                "Summer 2025/26"
            ),
            "Of 4 pupils flagged red or amber in Autumn 2025/26, 3 were persistently absent by \
             Summer 2025/26; of 5 not flagged, 1 was."
        );
    }

    #[test]
    fn only_pupils_in_both_drops_count() {
        // The earlier drop's pupil 1 left; the later drop's pupil 0 joined.
        let matching = Matching {
            matched: vec![Matched {
                earlier: 0,
                later: 1,
                by: MatchedBy::NameAndBirthday,
            }],
            joined: vec![0],
            left: vec![1],
            ambiguous: Vec::new(),
        };
        let later = [score(MarkerLevel::Red), score(MarkerLevel::None)];
        let result = hindsight(
            &matching,
            &[true, true],
            &later,
            Outcome::PersistentlyAbsent,
        );
        assert_eq!(result.flagged, Share { count: 0, of: 1 });
        assert_eq!(result.not_flagged, Share::default());
        assert_eq!(result.recall().to_string(), "–");
    }

    #[test]
    fn the_sentence_groups_thousands() {
        let result = Hindsight {
            flagged: Share { count: 22, of: 40 },
            not_flagged: Share {
                count: 60,
                of: 1_100,
            },
        };
        assert_eq!(
            result.sentence("red", Outcome::PersistentlyAbsent, "autumn", "summer"),
            "Of 40 pupils flagged red in autumn, 22 were persistently absent by summer; of \
             1,100 not flagged, 60 were."
        );
    }

    #[test]
    fn an_outcome_the_later_drop_does_not_record_is_unknown() {
        let unknown = blank();
        for outcome in Outcome::ALL {
            assert_eq!(outcome.shown_by(&unknown), None, "{outcome:?}");
        }
        let suspended = PupilScore {
            exclusions: MarkerLevel::Amber,
            ..blank()
        };
        assert_eq!(Outcome::Suspended.shown_by(&suspended), Some(true));
        let low = PupilScore {
            attainment: AttainmentSummary {
                subjects: Vec::new(),
                overall: AttainmentLevel::Low,
            },
            ..blank()
        };
        assert_eq!(Outcome::LowAttaining.shown_by(&low), Some(true));
        assert_eq!(Outcome::PersistentlyAbsent.shown_by(&low), None);
    }
}
