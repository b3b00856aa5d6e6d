//! The last step of an import: what happened to every row.

use super::*;

/// What happened to every row.
#[component]
pub(super) fn Summary(
    /// The finished import.
    report: Arc<ImportReport>,
    /// The file's name.
    file_name: String,
    /// How many pupils were imported.
    imported: usize,
) -> impl IntoView {
    let issues = report.issues.len();
    let shown: Vec<_> = report.issues.iter().take(ISSUES_SHOWN).cloned().collect();
    let more = issues.saturating_sub(ISSUES_SHOWN);
    let skipped = report.skipped.clone();
    view! {
        <section class="import-summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{format!("Import summary for {file_name}")}</h2>
            <dl class="summary-list">
                <dt>"Rows read"</dt>
                <dd>{report.rows_read}</dd>
                <dt>"Pupils imported"</dt>
                <dd>{imported}</dd>
                <dt>"Rows skipped"</dt>
                <dd>{report.skipped.len()}</dd>
                <dt>"Blank rows passed over"</dt>
                <dd>{report.blank_rows}</dd>
                <dt>"Problems found"</dt>
                <dd>{issues}</dd>
            </dl>
            <p>
                <a href="#shortlist">"See the shortlist"</a>
                " or "
                <a href="#all-pupils">"see all pupils"</a>
                "."
            </p>
            {(!skipped.is_empty())
                .then(|| {
                    view! {
                        <h3>"Rows skipped"</h3>
                        <table class="report-table">
                            <caption class="visually-hidden">"Rows that were not imported, and why"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Row"</th>
                                    <th scope="col">"Why it was skipped"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {skipped
                                    .into_iter()
                                    .map(|row| {
                                        view! {
                                            <tr>
                                                <td class="tabular">{row.row}</td>
                                                <td>{row.reason}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                })}
            {(issues > 0)
                .then(|| {
                    view! {
                        <h3>"Problems found"</h3>
                        <p>
                            "Each cell below could not be read, so it was left empty; the rest of its row was imported. Correct them in your MIS and import the file again next time."
                        </p>
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Problems found in the file">
                            <table class="report-table">
                                <caption class="visually-hidden">"Problems found in the file"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Sheet"</th>
                                        <th scope="col">"Row"</th>
                                        <th scope="col">"Column"</th>
                                        <th scope="col">"Value"</th>
                                        <th scope="col">"Problem"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {shown
                                        .into_iter()
                                        .map(|issue| {
                                            let column = match (&issue.column, &issue.heading) {
                                                (Some(letter), Some(heading)) => format!("{letter} ({heading})"),
                                                (Some(letter), None) => letter.clone(),
                                                _ => String::new(),
                                            };
                                            view! {
                                                <tr>
                                                    <td>{issue.sheet}</td>
                                                    <td class="tabular">{issue.row}</td>
                                                    <td>{column}</td>
                                                    <td>{issue.value}</td>
                                                    <td>{issue.problem}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {(more > 0).then(|| view! { <p>{format!("…and {more} more problems.")}</p> })}
                    }
                })}
        </section>
    }
}
