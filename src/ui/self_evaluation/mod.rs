//! The Self-evaluation page (SPEC §8.4, §11, issue 15): the practical guide's nine
//! features, each under a heading with its exact title, with its chapter's developing
//! practice checklist. Per prompt (`prompt_row`): how effective practice is now, whether it
//! is a development priority, Phase 1–3 dates and notes, saved in the workspace as they
//! change. Above them the summary (`summary`): prompts answered and the development
//! priorities in phase order. **Print** gives the Annex-style grid on A4 landscape
//! (`print`). Every rule — the checklists, the scale, reading the dates, the summaries —
//! is `core::self_evaluation`'s; this page only shows what it decides.

mod print;
mod prompt_row;
mod summary;

use crate::core::self_evaluation::checklist::CHECKLIST_INTRODUCTION;
use crate::core::self_evaluation::{Effectiveness, EvidencePage, Feature};
use crate::ui::app::Page;
use crate::ui::components::{ExportButtons, PrintHeader};
use crate::ui::state::{use_app_state, WorkspaceStoreFields};
use leptos::prelude::*;
use print::PrintGrid;
use prompt_row::PromptRow;
use summary::SelfEvaluationSummary;

/// The id of the hint every date field points at.
pub(crate) const DATE_HINT_ID: &str = "self-evaluation-date-hint";

/// The page an evidence link goes to.
fn evidence_href(page: EvidencePage) -> String {
    let page = match page {
        EvidencePage::Targets => Page::Targets,
        EvidencePage::WhatWorks => Page::WhatWorks,
        EvidencePage::DataDrops => Page::DataDrops,
    };
    format!("#{}", page.slug())
}

/// The id of a feature's heading (also its section's anchor).
pub(crate) fn feature_heading_id(feature: Feature) -> String {
    format!("feature-{}", feature.slug())
}

/// The Self-evaluation page.
#[component]
pub fn SelfEvaluationPage() -> impl IntoView {
    let state = use_app_state();
    let has_pupils = Memo::new(move |_| state.pupil_count() > 0);
    let scale = Effectiveness::ALL
        .into_iter()
        .map(|point| {
            view! {
                <dt>{point.label()}</dt>
                <dd>{point.hint()}</dd>
            }
        })
        .collect_view();
    view! {
        <section class="self-evaluation" aria-labelledby="self-evaluation-heading">
            <PrintHeader title="Self-evaluation" />
            <h1 id="self-evaluation-heading" tabindex="-1">"Self-evaluation"</h1>
            <p class="lede">
                "The nine features of personalised learning from the DCSF guide "
                <cite>"Personalised Learning – A Practical Guide"</cite>
                " (2008), each with its chapter's developing practice checklist. As in the guide's Annex, use it to judge how effective current practice is, identify the school's development priorities, and track progress towards them in three phases."
            </p>
            <div class="no-print">
                <h2 class="se-small-heading" id="self-evaluation-scale-heading">
                    "How effective now: the four points"
                </h2>
                <dl class="se-scale">
                    {scale}
                </dl>
                <p class="hint" id=DATE_HINT_ID>
                    "Type each phase's date as day, month and year, for example 01/09/2026. Everything is saved on this computer as you go."
                </p>
                <div class="button-row se-actions">
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| {
                            let _ = window().print();
                        }
                    >
                        "Print"
                    </button>
                    {move || {
                        if has_pupils.get() {
                            view! { <ExportButtons /> }.into_any()
                        } else {
                            view! {
                                <p class="hint">
                                    "Export to Excel (with a Self-evaluation sheet) is offered once a pupil spreadsheet has been imported."
                                </p>
                            }
                                .into_any()
                        }
                    }}
                </div>
            </div>
            <SelfEvaluationSummary />
            <div class="no-print">
                {Feature::ALL.into_iter().map(|feature| view! { <FeatureSection feature /> }).collect_view()}
            </div>
            <PrintGrid evaluation=Signal::derive(move || state.work.self_evaluation().get()) />
        </section>
    }
}

/// One feature: its heading, how far it has gone, where the planner holds evidence, and
/// its prompts.
#[component]
fn FeatureSection(
    /// The feature.
    feature: Feature,
) -> impl IntoView {
    let state = use_app_state();
    let heading_id = feature_heading_id(feature);
    let labelled_by = heading_id.clone();
    let sentence = Memo::new(move |_| {
        state
            .work
            .self_evaluation()
            .with(|evaluation| evaluation.feature_summary(feature).sentence())
    });
    let evidence = (!feature.evidence().is_empty()).then(|| {
        let links = feature
            .evidence()
            .iter()
            .map(|evidence| {
                view! {
                    <li>
                        <a href=evidence_href(evidence.page)>{evidence.link}</a>
                        ": "
                        {evidence.shows}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="se-evidence">
                <p class="se-evidence__title">"Evidence in the planner"</p>
                <ul>{links}</ul>
            </div>
        }
    });
    let prompts = feature
        .prompt_ids()
        .map(|prompt| view! { <PromptRow prompt /> })
        .collect_view();
    view! {
        <section class="se-feature" aria-labelledby=labelled_by>
            <h2 id=heading_id tabindex="-1">{feature.title()}</h2>
            <p class="se-feature__summary">{sentence}</p>
            {evidence}
            <p class="se-feature__intro">{CHECKLIST_INTRODUCTION}</p>
            <div class="se-prompts">{prompts}</div>
        </section>
    }
}
