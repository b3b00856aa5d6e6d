//! The words that explain each column: the one-line hint on its heading and the Help
//! page's section. Every threshold, point and month in them comes from the scoring
//! profile, never from the text, so a school that changes a setting sees the help change
//! with the scoring.

use super::{points_phrase, Column};
use crate::core::profile::{Points, Profile};
use crate::core::scoring::{classify, expected_grade_now, AttainmentLevel, Factor};
use crate::core::value::{Percent, YearGroup};

/// "a", "b or c", "a, b or c".
fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// "a grade" or "2 grades", for the attainment rule's gaps.
fn grades_phrase(count: u32) -> String {
    if count == 1 {
        "a grade".to_string()
    } else {
        format!("{count} grades")
    }
}

/// "Amber with a suspension this year" or "Amber with 2 or more suspensions this year".
fn amber_suspensions(count: u32) -> String {
    if count == 1 {
        "a suspension".to_string()
    } else {
        format!("{count} or more suspensions")
    }
}

/// The flight path in words: "the target less 2 grades in Year 7, 1.5 in Year 8, …".
fn flight_path_words(profile: &Profile) -> String {
    let mut steps = profile.attainment.flight_path.clone();
    steps.sort_by_key(|step| step.year);
    let words: Vec<String> = steps
        .iter()
        .enumerate()
        .map(|(at, step)| {
            let lag = step.grades_below_target.exact();
            let unit = match (at, step.grades_below_target == Points::whole(1)) {
                (0, true) => " grade",
                (0, false) => " grades",
                _ => "",
            };
            format!("{lag}{unit} in Year {}", step.year)
        })
        .collect();
    match words.as_slice() {
        [] => "the target itself in every year group".to_string(),
        [only] => format!("the target less {only}"),
        [rest @ .., last] => format!("the target less {} and {last}", rest.join(", ")),
    }
}

/// The worked example, read by the scorer itself: "So a Year 8 pupil with a target of 6 is
/// expected to be working at 4.5 now: 3 is low, 4 or 5 expected, 6 high."
fn flight_path_example(profile: &Profile) -> String {
    let year = YearGroup::year(8);
    let expected = expected_grade_now("6", year, profile).unwrap_or_else(|| "6".to_string());
    let graded: Vec<(u32, AttainmentLevel)> = (1..=9)
        .map(|grade| {
            (
                grade,
                classify(&grade.to_string(), Some("6"), year, profile),
            )
        })
        .collect();
    let of = |level: AttainmentLevel| -> Vec<u32> {
        graded
            .iter()
            .filter(|(_, l)| *l == level)
            .map(|(grade, _)| *grade)
            .collect()
    };
    let mut parts = Vec::new();
    if let Some(low) = of(AttainmentLevel::Low).last() {
        parts.push(format!("{low} is low"));
    }
    let expected_grades: Vec<String> = of(AttainmentLevel::Expected)
        .iter()
        .map(u32::to_string)
        .collect();
    if !expected_grades.is_empty() {
        parts.push(format!("{} expected", join_or(&expected_grades)));
    }
    if let Some(high) = of(AttainmentLevel::High).first() {
        parts.push(format!("{high} high"));
    }
    format!(
        "So a Year 8 pupil with a target of 6 is expected to be working at {expected} now: {}.",
        parts.join(", ")
    )
}

impl Column {
    /// A one-line hint shown with the heading; the Help page says more. Thresholds and
    /// points are `profile`'s.
    pub fn hint(self, profile: &Profile) -> String {
        match self {
            Column::Name => "The pupil's name; initials in privacy display mode.".to_string(),
            Column::Upn => "Unique Pupil Number, the 13-character key for each pupil; its last 4 characters in privacy display mode.".to_string(),
            Column::Year => "Year group.".to_string(),
            Column::Class => {
                "Registration group or class; hidden in privacy display mode.".to_string()
            }
            Column::School => {
                "The pupil's school, in a file covering several schools (a local authority's)."
                    .to_string()
            }
            Column::Factor(Factor::Birthday) => format!(
                "Summer-born ({}): the youngest in their year group.",
                // "April to August" reads better in a heading's hint than a dash.
                profile.birthday_months_label().replace('–', " to ")
            ),
            Column::Factor(Factor::Sen) => format!(
                "Special educational needs: SEN support {}, EHC plan {}.",
                profile.sen.sen_support.exact(),
                profile.sen.ehc_plan.exact()
            ),
            Column::Factor(Factor::Movement) => match profile.movement.moves_from {
                1 => "One or more changes of school.".to_string(),
                moves => format!("{moves} or more changes of school."),
            },
            Column::Factor(Factor::Lac) => format!(
                "Looked after by the local authority: {}.",
                points_phrase(profile.looked_after.points)
            ),
            Column::Factor(Factor::Language) => {
                "English as an additional language and new to English or newly arrived."
                    .to_string()
            }
            Column::Factor(Factor::Deprivation) | Column::Deprivation => format!(
                "IDACI: deprivation of the home area; {} × the score, at most {}.",
                profile.deprivation.score_multiplier.exact(),
                points_phrase(profile.deprivation.cap)
            ),
            Column::Overall => format!(
                "The sum of the factors' points: green below {}, amber from {}, red from {}.",
                profile.rag.amber_from.exact(),
                profile.rag.amber_from.exact(),
                profile.rag.red_from.exact()
            ),
            Column::Attendance => format!(
                "Amber at or below {}, red at or below {}.",
                Percent::from_hundredths(profile.attendance.amber_at_or_below),
                Percent::from_hundredths(profile.attendance.red_at_or_below)
            ),
            Column::Exclusions => {
                let rule = &profile.exclusions;
                let red = if rule.permanent_is_red {
                    format!("{} or a permanent exclusion", rule.red_suspensions)
                } else {
                    format!("{} suspensions", rule.red_suspensions)
                };
                format!(
                    "Amber with {} this year; red with {red}.",
                    amber_suspensions(rule.amber_suspensions)
                )
            }
            Column::Attainment => {
                "Low, expected or high across the subjects; ★ marks focus.".to_string()
            }
            Column::Interventions => {
                "Current provision, each next to the marker it addresses.".to_string()
            }
        }
    }

    /// The Help page's section for this column, a paragraph an item, with `profile`'s
    /// thresholds and points. Name, UPN, year and class share one section.
    pub fn help_text(self, profile: &Profile) -> Vec<String> {
        let p = profile;
        let paragraph = match self {
            Column::Name | Column::Upn | Column::Year | Column::Class | Column::School => "The UPN (Unique Pupil Number) is the 13-character number that follows a pupil between schools; the planner uses it to match termly spreadsheets. Privacy display mode (on the planner pages and in Settings) is for projecting in staff meetings: it shows initials instead of names and only the last 4 characters of each UPN, the year group instead of the date of birth, and no class and no SEN, looked-after, free school meals or pupil premium details in words (the markers still show), so no child can be picked out. Exports still hold the full data.".to_string(),
            Column::Factor(Factor::Birthday) => format!(
                "Born in {}: {}. Summer-born pupils are the youngest in their year group, up to a year younger than classmates, and on average do less well, especially in the early years.",
                p.birthday_months_label(),
                points_phrase(p.birthday.points)
            ),
            Column::Factor(Factor::Sen) => format!(
                "Special educational needs from the Code of Practice: SEN support (K) {} points, an EHC plan (E) {} points. Older codes count too: School Action (A) {}, School Action Plus (P) {}, a statement (S) {}. No SEN (N) scores {}.",
                p.sen.sen_support.exact(),
                p.sen.ehc_plan.exact(),
                p.sen.school_action.exact(),
                p.sen.school_action_plus.exact(),
                p.sen.statement.exact(),
                p.sen.no_sen.exact()
            ),
            Column::Factor(Factor::Movement) => {
                let moves = match p.movement.moves_from {
                    1 => "At least one change".to_string(),
                    moves => format!("At least {moves} changes"),
                };
                format!(
                    "{moves} of school or setting: {}. Each move breaks friendships, routines and learning. When the spreadsheet has no school-moves column, joining the school outside the usual entry months counts as a move.",
                    points_phrase(p.movement.points)
                )
            }
            Column::Factor(Factor::Lac) => format!(
                "A child looked after by the local authority (also called CLA): {}. Looked-after children are among the most likely to under-achieve and often have several other factors too.",
                points_phrase(p.looked_after.points)
            ),
            Column::Factor(Factor::Language) => format!(
                "English as an additional language and new to English (proficiency {}), or arrived in England in the last {} years, or marked as a new arrival: {}. Being bilingual is not a risk in itself; being new to English is.",
                p.language
                    .proficiency
                    .iter()
                    .map(char::to_string)
                    .collect::<Vec<_>>()
                    .join(" or "),
                p.language.arrived_within_years,
                points_phrase(p.language.points)
            ),
            Column::Factor(Factor::Deprivation) | Column::Deprivation => {
                let rule = &p.deprivation;
                let decile_1 = rule.decile.first().copied().unwrap_or(Points::ZERO);
                format!(
                    "The Income Deprivation Affecting Children Index (IDACI) scores the pupil's home area from 0 to 1: the share of children there living in income-deprived families. Points are {} × the score, at most {}; with only a band, A gives {} down to G {}; with only a decile, decile 1 (most deprived) gives {}. The marker is coloured from {}.",
                    rule.score_multiplier.exact(),
                    rule.cap.exact(),
                    rule.band.A.exact(),
                    rule.band.G.exact(),
                    decile_1.exact(),
                    points_phrase(rule.coloured_from)
                )
            }
            Column::Overall => format!(
                "The sum of the six factors' points, shown to one decimal place. Green below {}, amber from {}, red from {}. The RAG colour always comes with a word and a symbol (○ green, ◐ amber, ● red).",
                p.rag.amber_from.exact(),
                p.rag.amber_from.exact(),
                p.rag.red_from.exact()
            ),
            Column::Attendance => format!(
                "Amber at or below {} (persistent absence: missing about a day a fortnight or more), red at or below {} (severe absence). Pupils who miss school miss learning, and absence often signals something else going on.",
                Percent::from_hundredths(p.attendance.amber_at_or_below),
                Percent::from_hundredths(p.attendance.red_at_or_below)
            ),
            Column::Exclusions => {
                let permanent = if p.exclusions.permanent_is_red {
                    ", or any permanent exclusion"
                } else {
                    ""
                };
                format!(
                    "Amber with {} or more suspensions (fixed-period exclusions) this year; red with {} or more{permanent}. Exclusion removes a pupil from learning and is often a sign of unmet need.",
                    p.exclusions.amber_suspensions,
                    p.exclusions.red_suspensions
                )
            }
            Column::Attainment => {
                let rule = &p.attainment;
                let below = grades_phrase(rule.grades_below_target_for_low);
                let above = grades_phrase(rule.grades_above_target_for_high);
                let mut below = below.chars();
                let below: String = below
                    .next()
                    .map(|first| first.to_uppercase().chain(below).collect())
                    .unwrap_or_default();
                return vec![
                    format!(
                        "Each subject is read as low, expected or high: KS2 scaled scores below {} are low and {} or more high; teacher assessments such as WTS or PK codes are low, EXS expected, GDS high; GCSE-style grades 1–9 are compared with the grade expected now on the way to the pupil's end-of-Key-Stage-4 target (a flight path): {}. {below} or more below that is low, {above} or more above is high. {} Without a target, Year 10 and 11 grades of {} and under are low and {} and over high; earlier grades show “No target” and are not counted as low. Prior attainment, such as a KS2 scaled score in secondary school, counts only while there are no current results to judge. A pupil is low when any subject is low and high when every subject is high. The lags are part of the scoring profile, so an LA or school can change them.",
                        rule.scaled_low_below,
                        rule.scaled_high_from,
                        flight_path_words(p),
                        flight_path_example(p),
                        rule.grade_low_at_or_below,
                        rule.grade_high_from
                    ),
                    "Focus (★) is a flag staff set by hand on a pupil's profile, for any pupil you want to keep an eye on.".to_string(),
                ];
            }
            Column::Interventions => "The Interventions column shows the provision each pupil is in (planned or running) next to the marker it addresses, such as “Attendance: Daily report”, as in the Tameside planner. Add provision on the Provision page. Most pupils (about 68 in 100) have their needs met by quality-first teaching; provision mapping records the additional and different support for the rest, and whether it works.".to_string(),
        };
        vec![paragraph]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::FlightPathStep;

    /// The universal profile's words, exactly as the planner has always shown them.
    #[test]
    fn default_hints_read_as_before() {
        let p = Profile::universal();
        let check = |column: Column, expected: &str| assert_eq!(column.hint(&p), expected);
        check(
            Column::Factor(Factor::Birthday),
            "Summer-born (April to August): the youngest in their year group.",
        );
        check(
            Column::Factor(Factor::Sen),
            "Special educational needs: SEN support 2, EHC plan 3.",
        );
        check(
            Column::Factor(Factor::Movement),
            "One or more changes of school.",
        );
        check(
            Column::Factor(Factor::Lac),
            "Looked after by the local authority: 3 points.",
        );
        check(
            Column::Deprivation,
            "IDACI: deprivation of the home area; 4 × the score, at most 2 points.",
        );
        check(
            Column::Overall,
            "The sum of the factors' points: green below 2, amber from 2, red from 4.",
        );
        check(
            Column::Attendance,
            "Amber at or below 90%, red at or below 50%.",
        );
        check(
            Column::Exclusions,
            "Amber with a suspension this year; red with 3 or a permanent exclusion.",
        );
    }

    /// Change a setting and the hint on the heading changes with it.
    #[test]
    fn hints_follow_the_profile() {
        let mut p = Profile::universal();
        p.birthday.months = vec![6, 7, 8];
        p.sen.sen_support = Points::from_thousandths(1500);
        p.movement.moves_from = 2;
        p.looked_after.points = Points::whole(1);
        p.deprivation.score_multiplier = Points::whole(5);
        p.deprivation.cap = Points::from_thousandths(2500);
        p.rag.amber_from = Points::from_thousandths(2500);
        p.rag.red_from = Points::whole(5);
        p.attendance.amber_at_or_below = 9250;
        p.attendance.red_at_or_below = 6000;
        p.exclusions.amber_suspensions = 2;
        p.exclusions.red_suspensions = 4;
        p.exclusions.permanent_is_red = false;
        let hints: Vec<String> = [
            Column::Factor(Factor::Birthday),
            Column::Factor(Factor::Sen),
            Column::Factor(Factor::Movement),
            Column::Factor(Factor::Lac),
            Column::Deprivation,
            Column::Overall,
            Column::Attendance,
            Column::Exclusions,
        ]
        .into_iter()
        .map(|c| c.hint(&p))
        .collect();
        assert_eq!(
            hints,
            [
                "Summer-born (June to August): the youngest in their year group.",
                "Special educational needs: SEN support 1.5, EHC plan 3.",
                "2 or more changes of school.",
                "Looked after by the local authority: 1 point.",
                "IDACI: deprivation of the home area; 5 × the score, at most 2.5 points.",
                "The sum of the factors' points: green below 2.5, amber from 2.5, red from 5.",
                "Amber at or below 92.5%, red at or below 60%.",
                "Amber with 2 or more suspensions this year; red with 4 suspensions.",
            ]
        );
    }

    fn help(column: Column, p: &Profile) -> String {
        column.help_text(p).join("\n")
    }

    /// The Help page's attainment section reads the scaled-score, grade and flight-path
    /// settings, and its worked example is the scorer's own reading.
    #[test]
    fn attainment_help_follows_the_profile() {
        let p = Profile::universal();
        let text = help(Column::Attainment, &p);
        for part in [
            "KS2 scaled scores below 100 are low and 110 or more high;",
            "(a flight path): the target less 2 grades in Year 7, 1.5 in Year 8, 1 in Year 9, 0.5 in Year 10 and 0 in Year 11. A grade or more below that is low, a grade or more above is high.",
            "So a Year 8 pupil with a target of 6 is expected to be working at 4.5 now: 3 is low, 4 or 5 expected, 6 high.",
            "Year 10 and 11 grades of 3 and under are low and 7 and over high;",
            "\nFocus (★) is a flag",
        ] {
            assert!(text.contains(part), "{part:?} in {text:?}");
        }
        let mut changed = Profile::universal();
        changed.attainment.scaled_low_below = 95;
        changed.attainment.scaled_high_from = 112;
        changed.attainment.grade_low_at_or_below = 2;
        changed.attainment.grade_high_from = 8;
        changed.attainment.grades_below_target_for_low = 2;
        changed.attainment.flight_path = vec![
            FlightPathStep {
                year: 9,
                grades_below_target: Points::whole(1),
            },
            FlightPathStep {
                year: 8,
                grades_below_target: Points::whole(1),
            },
        ];
        let text = help(Column::Attainment, &changed);
        for part in [
            "KS2 scaled scores below 95 are low and 112 or more high;",
            "(a flight path): the target less 1 grade in Year 8 and 1 in Year 9. 2 grades or more below that is low, a grade or more above is high.",
            "working at 5 now: 3 is low, 4 or 5 expected, 6 high.",
            "Year 10 and 11 grades of 2 and under are low and 8 and over high;",
        ] {
            assert!(text.contains(part), "{part:?} in {text:?}");
        }
    }

    /// Each section with a threshold or points shows the profile's, so Help and scoring
    /// never disagree.
    #[test]
    fn help_sections_follow_the_profile() {
        let p = Profile::universal();
        assert!(help(Column::Factor(Factor::Birthday), &p)
            .starts_with("Born in April–August: 1 point. "));
        assert!(help(Column::Factor(Factor::Movement), &p)
            .starts_with("At least one change of school or setting: 1 point."));
        assert!(help(Column::Deprivation, &p).contains("Points are 4 × the score, at most 2; with only a band, A gives 2 down to G 0; with only a decile, decile 1 (most deprived) gives 2. The marker is coloured from 1 point."));
        assert!(
            help(Column::Attendance, &p).starts_with("Amber at or below 90% (persistent absence")
        );
        assert!(help(Column::Exclusions, &p).starts_with("Amber with 1 or more suspensions (fixed-period exclusions) this year; red with 3 or more, or any permanent exclusion."));
        assert!(help(Column::Overall, &p).contains("Green below 2, amber from 2, red from 4."));

        let mut changed = Profile::universal();
        changed.birthday.months = vec![5, 6, 7, 8];
        changed.birthday.points = Points::whole(2);
        changed.movement.moves_from = 2;
        changed.deprivation.band.A = Points::from_thousandths(2500);
        changed.deprivation.decile[0] = Points::whole(3);
        changed.deprivation.coloured_from = Points::from_thousandths(1500);
        changed.attendance.amber_at_or_below = 9500;
        changed.exclusions.amber_suspensions = 2;
        changed.exclusions.permanent_is_red = false;
        changed.rag.red_from = Points::whole(5);
        assert!(help(Column::Factor(Factor::Birthday), &changed)
            .starts_with("Born in May–August: 2 points. "));
        assert!(help(Column::Factor(Factor::Movement), &changed)
            .starts_with("At least 2 changes of school or setting: 1 point."));
        assert!(help(Column::Deprivation, &changed).contains("A gives 2.5 down to G 0; with only a decile, decile 1 (most deprived) gives 3. The marker is coloured from 1.5 points."));
        assert!(help(Column::Attendance, &changed)
            .starts_with("Amber at or below 95% (persistent absence"));
        assert!(help(Column::Exclusions, &changed).starts_with("Amber with 2 or more suspensions (fixed-period exclusions) this year; red with 3 or more. "));
        assert!(
            help(Column::Overall, &changed).contains("Green below 2, amber from 2, red from 5.")
        );
    }

    /// The Name, UPN, Year and Class columns share a section, as they share an anchor.
    #[test]
    fn detail_columns_share_one_section() {
        let p = Profile::universal();
        let name = Column::Name.help_text(&p);
        for column in [Column::Upn, Column::Year, Column::Class] {
            assert_eq!(column.help_text(&p), name);
            assert_eq!(column.help_anchor(), Column::Name.help_anchor());
        }
    }
}
