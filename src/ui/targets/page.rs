//! The Targets page (`#targets`): what it is for, the filters, **Add a target**, the
//! table **Targets** and the **Off trajectory** section.

use crate::core::targets::view::{LevelKind, TargetFilter};
use crate::core::targets::TargetStatus;
use crate::ui::components::EmptyState;
use crate::ui::state::{use_app_state, WorkspaceStoreFields};
use leptos::prelude::*;

use super::form::{FormFor, TargetForm};
use super::list::TargetList;
use super::off_trajectory::OffTrajectorySection;

/// A `<select>` of "All …" and each choice, for a filter.
fn filter_select<T: Copy + PartialEq + Send + Sync + 'static>(
    id: &'static str,
    label: &'static str,
    all: &'static str,
    choices: &'static [T],
    text: fn(T) -> &'static str,
    chosen: Signal<Option<T>>,
    choose: impl Fn(Option<T>) + 'static,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    choose(value.parse::<usize>().ok().and_then(|at| choices.get(at).copied()));
                }
            >
                <option value="all" selected=move || chosen.get().is_none()>{all}</option>
                {choices
                    .iter()
                    .enumerate()
                    .map(|(at, choice)| {
                        let choice = *choice;
                        view! {
                            <option value=at.to_string() selected=move || chosen.get() == Some(choice)>
                                {text(choice)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The Targets page.
#[component]
pub fn TargetsPage() -> impl IntoView {
    let state = use_app_state();
    let filter = RwSignal::new(TargetFilter::default());
    // The form open: a new target, or the target being edited (one at a time).
    let form = RwSignal::new(None::<FormFor>);
    // What the last change did, said once in a status line.
    let said = RwSignal::new(String::new());
    let close = Callback::new(move |done: Option<String>| {
        let was = form.get_untracked();
        form.set(None);
        if let Some(words) = done {
            said.set(words);
        }
        // Back to where the form was opened from, for keyboard users.
        let back = match was {
            Some(FormFor::Edit(id)) => format!("edit-target-{}", id.0),
            _ => "add-target".to_string(),
        };
        request_animation_frame(move || crate::web::location::focus_element(&back));
    });
    let open_new = move |_| {
        form.set(Some(FormFor::New));
        request_animation_frame(|| crate::web::location::focus_element("target-form-heading"));
    };
    let no_drops = move || state.work.drops().with(Vec::is_empty);
    view! {
        <section class="targets-page" aria-labelledby="targets-heading">
            <h1 id="targets-heading" tabindex="-1">"Targets"</h1>
            <p class="lead">
                "Targets for the whole school, a year group, a group or one pupil. A target with a measure is worked out from every data drop held, and the planner suggests whether it is met, on track or at risk; you can choose its status yourself."
            </p>
            {move || no_drops().then(|| view! {
                <EmptyState
                    message="No data drop is held yet. A target can be written now; its measure is worked out once a pupil spreadsheet is imported."
                    action="Import a pupil spreadsheet"
                    href="#import"
                />
            })}
            <div class="field-row target-filters">
                {filter_select(
                    "target-filter-level",
                    "Show level",
                    "All levels",
                    &LevelKind::ALL,
                    LevelKind::label,
                    Signal::derive(move || filter.get().level),
                    move |level| filter.update(|f| f.level = level),
                )}
                {filter_select(
                    "target-filter-status",
                    "Show status",
                    "All statuses",
                    &TargetStatus::ALL,
                    TargetStatus::label,
                    Signal::derive(move || filter.get().status),
                    move |status| filter.update(|f| f.status = status),
                )}
            </div>
            <button
                type="button"
                id="add-target"
                class="button"
                aria-expanded=move || (form.get() == Some(FormFor::New)).to_string()
                on:click=open_new
            >
                "Add a target"
            </button>
            {move || form.get().map(|which| view! { <TargetForm which=which close=close /> })}
            <p role="status" class="notice-line">{move || said.get()}</p>
            <TargetList filter=filter form=form said=said />
            <OffTrajectorySection />
        </section>
    }
}
