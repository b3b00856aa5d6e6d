//! The review step of an import: how the file was read, a choice per column, and the
//! term and academic year the pupils are filed under.

use super::*;
use crate::core::tracking::drops_table::filing_sentence;
use crate::core::tracking::timeline::Period;
use crate::ui::components::period_fields::PeriodFields;

/// The kind of file with its article: "an Excel workbook", "a text file".
pub(super) fn kind_label(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Xlsx => "an Excel workbook",
        FileKind::Xlsb => "an Excel binary workbook",
        FileKind::Xls => "an Excel 97–2003 workbook",
        FileKind::Ods => "an OpenDocument spreadsheet",
        FileKind::Text => "a text file",
    }
}

/// The review screen: what was understood, with a dropdown per column.
#[component]
pub(super) fn Review(
    /// The term and academic year the pupils will be filed under.
    filing: RwSignal<Period>,
    /// What the worker read.
    preview: Arc<Preview>,
    /// Confirm the import.
    on_confirm: Callback<()>,
    /// Cancel, changing nothing.
    on_cancel: Callback<()>,
    /// Choose another sheet.
    on_sheet: Callback<usize>,
    /// A column's field changed.
    on_field: Callback<(usize, Field)>,
) -> impl IntoView {
    let sheet_name = preview
        .sheets
        .get(preview.plan.sheet)
        .map(|sheet| sheet.name.clone())
        .unwrap_or_default();
    let intro = format!(
        "We read {} as {}. The pupil list is on sheet “{}”, with its headings on row {}. Check how each column will be read, change any that are wrong, then confirm.",
        preview.file_name,
        kind_label(preview.kind),
        sheet_name,
        preview.plan.header_row + 1
    );
    let sheet_picker = (preview.sheets.len() > 1).then(|| {
        let current = preview.plan.sheet;
        view! {
            <div class="field">
                <label for="import-sheet">"Sheet"</label>
                <select
                    id="import-sheet"
                    on:change=move |event| {
                        if let Ok(sheet) = event_target_value(&event).parse::<usize>() {
                            on_sheet.run(sheet);
                        }
                    }
                >
                    {preview
                        .sheets
                        .iter()
                        .enumerate()
                        .map(|(index, sheet)| {
                            view! {
                                <option value=index.to_string() selected=index == current>
                                    {format!("{} ({} rows)", sheet.name, sheet.rows)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    });
    let notices = preview.notices.clone();
    let remembered = preview.remembered;
    let rows = preview
        .columns
        .iter()
        .enumerate()
        .map(|(index, column)| {
            let mut options = vec![Field::Ignore];
            options.extend(Field::all_simple());
            if column.field.is_attainment() {
                options.push(column.field.clone());
            }
            let current = column.field.clone();
            let select_label = format!("Column {} ({}): read as", column.letter, column.heading);
            let choices = options.clone();
            view! {
                <tr>
                    <td>{column.letter.clone()}</td>
                    <td>{column.heading.clone()}</td>
                    <td>
                        <select
                            aria-label=select_label
                            on:change=move |event| {
                                if let Some(field) = event_target_value(&event)
                                    .parse::<usize>()
                                    .ok()
                                    .and_then(|choice| choices.get(choice).cloned())
                                {
                                    on_field.run((index, field));
                                }
                            }
                        >
                            {options
                                .iter()
                                .enumerate()
                                .map(|(choice, field)| {
                                    let label = if *field == Field::Ignore {
                                        "Not used (kept as extra information)".to_string()
                                    } else {
                                        field.label()
                                    };
                                    view! {
                                        <option value=choice.to_string() selected=*field == current>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </td>
                    <td class="samples">{column.samples.join(" · ")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="review" aria-labelledby="review-heading">
            <h2 id="review-heading">"Check the columns"</h2>
            <p>{intro}</p>
            {remembered
                .then(|| {
                    view! {
                        <p class="hint">
                            "These columns use the mapping you confirmed last time for a file with the same headings."
                        </p>
                    }
                })}
            {sheet_picker}
            {(!notices.is_empty())
                .then(|| {
                    view! {
                        <ul class="notices">
                            {notices.into_iter().map(|notice| view! { <li>{notice}</li> }).collect_view()}
                        </ul>
                    }
                })}
            <div class="table-scroll" tabindex="0" role="region" aria-label="Columns found in the file">
                <table class="review-table">
                    <caption class="visually-hidden">"Columns found in the file"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Column"</th>
                            <th scope="col">"Heading"</th>
                            <th scope="col">"Read as"</th>
                            <th scope="col">"Examples, as they will be read"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <Filing filing=filing />
            <div class="button-row">
                <button type="button" class="button" on:click=move |_| on_confirm.run(())>
                    "Confirm import"
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| on_cancel.run(())
                >
                    "Cancel"
                </button>
            </div>
        </section>
    }
}

/// The term and academic year the pupils are filed under (pre-filled from today's date;
/// any may be chosen), and whether the file adds a drop or replaces one.
#[component]
fn Filing(filing: RwSignal<Period>) -> impl IntoView {
    let state = use_app_state();
    let sentence = move || {
        let period = filing.get();
        state.work.drops().with(|drops| {
            let held: Vec<&DataDrop> = drops.iter().map(|held| held.drop.as_ref()).collect();
            // The made-up school's drops are replaced whatever the term.
            if state.work.synthetic().get() {
                return format!(
                    "These pupils will replace the made-up school, filed under {period}."
                );
            }
            filing_sentence(&held, period)
        })
    };
    view! {
        <fieldset class="filing">
            <legend>"Which term is this file for?"</legend>
            <div class="field-row">
                <PeriodFields period=filing id="import" />
            </div>
            <p class="filing-sentence" role="status">
                {sentence}
            </p>
        </fieldset>
    }
}
