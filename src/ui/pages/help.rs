//! Help: plain English for every factor, marker and threshold, and why it matters. The
//! numbers shown are the current scoring profile's, so the help never disagrees with the
//! planner. `#help-birthday` and the like open this page at that section; a column's
//! section id is its `Column::help_anchor`, so the planner's column headings and Help agree.

use crate::core::planner_table::Column;
use crate::core::profile::Profile;
use crate::core::scoring::Factor;
use crate::core::value::Percent;
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use crate::web::location;
use leptos::prelude::*;

fn section(id: &'static str, title: &'static str, body: AnyView) -> impl IntoView {
    view! {
        <section class="help-section" aria-labelledby=id>
            <h2 id=id tabindex="-1">{title}</h2>
            {body}
        </section>
    }
}

fn percent(hundredths: u32) -> String {
    Percent::from_hundredths(hundredths).to_string()
}

/// The Help page.
#[component]
pub fn HelpPage() -> impl IntoView {
    let state = use_app_state();
    // Opened as `#help-…`: go to that section once it is on the page.
    let target = location::hash();
    if target.starts_with("help-") {
        request_animation_frame(move || location::focus_element(&target));
    }
    let p: Profile = state.work.profile().get_untracked();
    let months = p.birthday_months_label();
    view! {
        <h1>"Help"</h1>
        <p class="lede">
            "The planner looks at every pupil in the same way, using data your school already holds, to show who may be vulnerable to under-achievement before they fall behind, and why."
        </p>
        <p>
            "To begin, " <a href="#import">"Import a pupil spreadsheet"</a>
            ". Nothing you load leaves this computer."
        </p>
        {section("help-how", "How the planner works", view! {
            <p>"Each pupil is checked against six resilience factors. Each factor adds points; the total is the pupil's overall indicator. It is not one thing or another that matters but how the factors add up and interact: a pupil can be amber overall with no single marker coloured, and that is often the pupil worth asking about."</p>
            <p>"The thresholds are universal: the same for every pupil, and the same in every school that uses the same scoring profile. That is what lets schools, and the same school year on year, compare like with like. A local authority can publish one profile for all its schools (Settings: Export profile, Import scoring profile)."</p>
            <p>"When a value is missing from the spreadsheet, the planner shows it as unknown (“?” or “Not known”) and it scores 0. Unknown is never treated as “no”: check the pupils with question marks, because the missing data may hide a need."</p>
        }.into_any())}
        {section("help-shortlist", "The shortlist", view! {
            <p>{format!("The shortlist is the {} of pupils with the highest overall indicator (rounded up, and always at least one pupil). When pupils tie at the cut-off, the one with lower attendance comes first; then surname, forename and UPN.", percent(p.shortlist.percent))}</p>
            <p>"Most schools look at the shortlist first and check that they know every pupil on it. These are the pupils who may most benefit from support for their resilience, attendance, achievement and attainment. Then look across each row for attendance, exclusions and attainment markers that sit alongside the factors."</p>
        }.into_any())}
        {section(Column::Name.help_anchor(), "Name, UPN, year and class", view! {
            <p>"The UPN (Unique Pupil Number) is the 13-character number that follows a pupil between schools; the planner uses it to match termly spreadsheets. Privacy display mode (on the planner pages and in Settings) is for projecting in staff meetings: it shows initials instead of names and only the last 4 characters of each UPN, the year group instead of the date of birth, and no class and no SEN, looked-after, free school meals or pupil premium details in words (the markers still show), so no child can be picked out. Exports still hold the full data."</p>
        }.into_any())}
        {section(Column::Factor(Factor::Birthday).help_anchor(), "Birthday (summer-born)", view! {
            <p>{format!("Born in {months}: {} point. Summer-born pupils are the youngest in their year group, up to a year younger than classmates, and on average do less well, especially in the early years.", p.birthday.points.exact())}</p>
        }.into_any())}
        {section(Column::Factor(Factor::Sen).help_anchor(), "SEN", view! {
            <p>{format!("Special educational needs from the Code of Practice: SEN support (K) {} points, an EHC plan (E) {} points. Older codes count too: School Action (A) {}, School Action Plus (P) {}, a statement (S) {}. No SEN (N) scores 0.", p.sen.sen_support.exact(), p.sen.ehc_plan.exact(), p.sen.school_action.exact(), p.sen.school_action_plus.exact(), p.sen.statement.exact())}</p>
        }.into_any())}
        {section(Column::Factor(Factor::Movement).help_anchor(), "Movement", view! {
            <p>{format!("At least one change of school or setting: {} point. Each move breaks friendships, routines and learning. When the spreadsheet has no school-moves column, joining the school outside the usual entry months counts as a move.", p.movement.points.exact())}</p>
        }.into_any())}
        {section(Column::Factor(Factor::Lac).help_anchor(), "LAC (looked after)", view! {
            <p>{format!("A child looked after by the local authority (also called CLA): {} points. Looked-after children are among the most likely to under-achieve and often have several other factors too.", p.looked_after.points.exact())}</p>
        }.into_any())}
        {section(Column::Factor(Factor::Language).help_anchor(), "Language", view! {
            <p>{format!("English as an additional language and new to English (proficiency {}), or arrived in England in the last {} years, or marked as a new arrival: {} point. Being bilingual is not a risk in itself; being new to English is.", p.language.proficiency.iter().map(char::to_string).collect::<Vec<_>>().join(" or "), p.language.arrived_within_years, p.language.points.exact())}</p>
        }.into_any())}
        {section(Column::Factor(Factor::Deprivation).help_anchor(), "Deprivation (IDACI)", view! {
            <p>{format!("The Income Deprivation Affecting Children Index (IDACI) scores the pupil's home area from 0 to 1: the share of children there living in income-deprived families. Points are {} × the score, at most {}; with only a band, A gives 2 down to G 0; with only a decile, decile 1 (most deprived) gives 2. The marker is coloured from {} point.", p.deprivation.score_multiplier.exact(), p.deprivation.cap.exact(), p.deprivation.coloured_from.exact())}</p>
        }.into_any())}
        {section(Column::Overall.help_anchor(), "Overall indicator and RAG", view! {
            <p>{format!("The sum of the six factors' points, shown to one decimal place. Green below {}, amber from {}, red from {}. The RAG colour always comes with a word and a symbol (○ green, ◐ amber, ● red).", p.rag.amber_from.exact(), p.rag.amber_from.exact(), p.rag.red_from.exact())}</p>
        }.into_any())}
        {section(Column::Attendance.help_anchor(), "Attendance", view! {
            <p>{format!("Amber at or below {} (persistent absence: missing about a day a fortnight or more), red at or below {} (severe absence). Pupils who miss school miss learning, and absence often signals something else going on.", percent(p.attendance.amber_at_or_below), percent(p.attendance.red_at_or_below))}</p>
        }.into_any())}
        {section(Column::Exclusions.help_anchor(), "Exclusions", view! {
            <p>{format!("Amber with {} or more suspensions (fixed-period exclusions) this year; red with {} or more, or any permanent exclusion. Exclusion removes a pupil from learning and is often a sign of unmet need.", p.exclusions.amber_suspensions, p.exclusions.red_suspensions)}</p>
        }.into_any())}
        {section(Column::Attainment.help_anchor(), "Attainment (low, high, focus)", view! {
            <p>"Each subject is read as low, expected or high: KS2 scaled scores below 100 are low and 110 or more high; teacher assessments such as WTS or PK codes are low, EXS expected, GDS high; GCSE-style grades 1–9 are compared with the grade expected now on the way to the pupil's end-of-Key-Stage-4 target (a flight path): the target less 2 grades in Year 7, 1.5 in Year 8, 1 in Year 9, 0.5 in Year 10 and 0 in Year 11. A grade or more below that is low, a grade or more above is high. So a Year 8 pupil with a target of 6 is expected to be working at 4.5 now: 3 is low, 4 or 5 expected, 6 high. Without a target, Year 10 and 11 grades of 3 and under are low and 7 and over high; earlier grades show “No target” and are not counted as low. Prior attainment, such as a KS2 scaled score in secondary school, counts only while there are no current results to judge. A pupil is low when any subject is low and high when every subject is high. The lags are part of the scoring profile, so an LA or school can change them."</p>
            <p>"Focus (★) is a flag staff set by hand on a pupil's profile, for any pupil you want to keep an eye on."</p>
        }.into_any())}
        {section(Column::Interventions.help_anchor(), "Interventions and provision", view! {
            <p>"The Interventions column shows the provision each pupil is in (planned or running) next to the marker it addresses, such as “Attendance: Daily report”, as in the Tameside planner. Add provision on the Provision page. Most pupils (about 68 in 100) have their needs met by quality-first teaching; provision mapping records the additional and different support for the rest, and whether it works."</p>
        }.into_any())}
        {section("help-cohorts", "Cohorts", view! {
            <p>"On All pupils, filter by any combination (for example summer-born and deprived and attendance at or below 95% in Year 3) and save it as a cohort. The Cohorts page shows factors by year group, compares groups (summer-born, disadvantaged, any saved cohort) and lists who is on the SEN register but not flagged, and who is flagged but not on it. Flagged always means amber or red overall, or on the shortlist."</p>
        }.into_any())}
    }
}
