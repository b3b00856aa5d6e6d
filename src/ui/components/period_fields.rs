//! The two selects that file a data drop under a term: **Term** and **Academic year**
//! (the years `core::tracking::drops_table::academic_years_offered` gives, from today),
//! on the Import review and in the Data drops relabel form.

use crate::core::drop::{AcademicYear, Term};
use crate::core::tracking::drops_table::academic_years_offered;
use crate::core::tracking::timeline::Period;
use crate::web::clock;
use leptos::prelude::*;

/// Term and Academic year, bound to `period`; `id` prefixes the selects' ids.
#[component]
pub fn PeriodFields(period: RwSignal<Period>, id: &'static str) -> impl IntoView {
    let years = academic_years_offered(clock::today());
    let term_id = format!("{id}-term");
    let year_id = format!("{id}-year");
    view! {
        <div class="field">
            <label for=term_id.clone()>"Term"</label>
            <select
                id=term_id
                on:change=move |event| {
                    let term = match event_target_value(&event).as_str() {
                        "Autumn" => Term::Autumn,
                        "Spring" => Term::Spring,
                        _ => Term::Summer,
                    };
                    period.update(|period| period.term = term);
                }
            >
                {[Term::Autumn, Term::Spring, Term::Summer]
                    .into_iter()
                    .map(|term| {
                        view! {
                            <option value=term.label() selected=move || period.get().term == term>
                                {term.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=year_id.clone()>"Academic year"</label>
            <select
                id=year_id
                on:change=move |event| {
                    if let Ok(start_year) = event_target_value(&event).parse::<i32>() {
                        period.update(|period| period.academic_year = AcademicYear { start_year });
                    }
                }
            >
                {years
                    .into_iter()
                    .map(|year| {
                        view! {
                            <option
                                value=year.start_year.to_string()
                                selected=move || period.get().academic_year == year
                            >
                                {year.to_string()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
