//! The **Schools** page (SPEC §8.5, §11, issue 16), in the navigation only while the drop
//! shown is an LA file (`core::schools::is_la_file`): the table **Schools**, a row per
//! school and one for rows with no school given, sortable by any column, with a bar chart
//! of a chosen column beside it (`table`). A school's name opens All pupils filtered to
//! that school (`#all-pupils/school/<key>`, read by [`school_in_address`]). Under it, each
//! school on its own: a workspace each (`split`) and a file each (`exports`). Every figure,
//! word, sort and bar is `core::schools`'s; this page only shows them.

mod exports;
mod split;
mod table;

use crate::core::schools::{is_la_file, SchoolKey};
use crate::ui::app::Page;
use crate::ui::components::EmptyState;
use crate::ui::state::{use_app_state, AppState};
use exports::SchoolExports;
use leptos::prelude::*;
use split::MakeSchoolWorkspaces;
use table::SchoolsTable;

/// Whether the drop shown is an LA file, as a memo: what shows the Schools page, the
/// grids' School column and the filter bar's School choice.
pub fn la_file(state: AppState) -> Memo<bool> {
    Memo::new(move |_| {
        state
            .data_drop
            .with(|drop| drop.as_deref().is_some_and(is_la_file))
    })
}

/// The address of All pupils showing only `school`'s pupils.
pub fn pupils_of(school: &SchoolKey) -> String {
    format!("#{}/school/{}", Page::AllPupils.slug(), school.to_route())
}

/// The school an address made by [`pupils_of`] names (the hash without `#`); `None` for
/// any other address.
pub fn school_in_address(hash: &str) -> Option<SchoolKey> {
    let rest = hash.strip_prefix(Page::AllPupils.slug())?;
    SchoolKey::from_route(rest.strip_prefix("/school/")?)
}

/// The Schools page.
#[component]
pub fn SchoolsPage() -> impl IntoView {
    let state = use_app_state();
    let la = la_file(state);
    view! {
        <h1>"Schools"</h1>
        {move || {
            if la.get() {
                view! {
                    <p class="lede">
                        "This data drop holds pupils of several schools: one row per school, with its pupils’ overall ratings, markers, attendance and suspensions counted by the same rules as each school’s own figures. Choose a heading to sort; choose a school to see its pupils."
                    </p>
                    <SchoolsTable />
                    <section class="school-files" aria-labelledby="school-files-title">
                        <h2 id="school-files-title">"Each school on its own"</h2>
                        <MakeSchoolWorkspaces />
                        <SchoolExports />
                    </section>
                }
                    .into_any()
            } else {
                view! {
                    <EmptyState
                        message="The Schools page is for a local authority's file of several schools: a spreadsheet with a URN, DfE number or school name column. The data drop shown is one school's."
                        action="Import a pupil spreadsheet"
                        href="#import"
                    />
                }
                    .into_any()
            }
        }}
    }
}
