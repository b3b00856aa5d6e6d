//! Help: plain English for every factor, marker and threshold, and why it matters. The
//! numbers shown are the current scoring profile's, so the help never disagrees with the
//! planner: each column's section is `Column::help_text`, built in core from the profile.
//! `#help-birthday` and the like open this page at that section; a column's
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

/// The planner's columns that have a Help section, with its title, in the page's order.
const COLUMN_SECTIONS: [(Column, &str); 12] = [
    (Column::Name, "Name, UPN, year and class"),
    (Column::Factor(Factor::Birthday), "Birthday (summer-born)"),
    (Column::Factor(Factor::Sen), "SEN"),
    (Column::Factor(Factor::Movement), "Movement"),
    (Column::Factor(Factor::Lac), "LAC (looked after)"),
    (Column::Factor(Factor::Language), "Language"),
    (Column::Factor(Factor::Deprivation), "Deprivation (IDACI)"),
    (Column::Overall, "Overall indicator and RAG"),
    (Column::Attendance, "Attendance"),
    (Column::Exclusions, "Exclusions"),
    (Column::Attainment, "Attainment (low, high, focus)"),
    (Column::Interventions, "Interventions and provision"),
];

/// A column's section: its paragraphs from `Column::help_text`, with the profile's
/// thresholds, under its `help_anchor`.
fn column_section(column: Column, title: &'static str, profile: &Profile) -> impl IntoView {
    let paragraphs = column
        .help_text(profile)
        .into_iter()
        .map(|text| view! { <p>{text}</p> })
        .collect_view();
    section(column.help_anchor(), title, paragraphs.into_any())
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
        {COLUMN_SECTIONS
            .into_iter()
            .map(|(column, title)| column_section(column, title, &p))
            .collect_view()}
        {section("help-cohorts", "Cohorts", view! {
            <p>"On All pupils, filter by any combination (for example summer-born and deprived and attendance at or below 95% in Year 3) and save it as a cohort. The Cohorts page shows factors by year group, compares groups (summer-born, disadvantaged, any saved cohort) and lists who is on the SEN register but not flagged, and who is flagged but not on it. Flagged always means amber or red overall, or on the shortlist."</p>
        }.into_any())}
    }
}
