//! The planner grid: one row per pupil with the Tameside columns, virtualised so 50,000
//! rows stay smooth. Only the rows in view (plus a small buffer) are in the page, inside a
//! fixed-height scroll container whose body is as tall as every row; `aria-rowcount` always
//! counts every pupil plus the header row, and each rendered row carries its
//! `aria-rowindex`, so assistive technology knows where it is.
//!
//! Keyboard (WAI-ARIA grid pattern): one cell is in the tab order; the arrow keys move
//! between rows and cells, Home/End to the first/last cell of the row, Ctrl+Home/Ctrl+End
//! to the first/last row, PageUp/PageDown by a screenful, Enter opens the pupil's
//! profile and Space ticks or unticks the row. Each heading is a button that sorts by its
//! column.
//!
//! The first column ticks pupils: a checkbox per row named for its pupil as the row shows
//! them ("Select Harry Wood", initials in privacy display mode), and in the heading one
//! that selects every pupil the filter and search show ("Select all 1200 shown"), not only
//! the rows rendered. What is ticked is `AppState::selected`, one set of pupil keys shared
//! by both grids, so 50,000 rows need no signal each.
//!
//! Every marker cell explains itself (`planner_table::cell_hint`): as its `title` on hover,
//! and, when it has keyboard focus, in a tooltip drawn beside it that the cell names with
//! `aria-describedby`. The row fits a 1366-pixel screen; on a narrower one Name and UPN
//! stay in place (`position: sticky`) while the rest scrolls sideways.

use crate::core::planner_table::{
    cell, cell_hint, interventions_by_pupil, Cell, Column, RowContext, Sort,
};
use crate::core::privacy::{Shown, ShownUpn, HIDDEN, WHAT_IT_HIDES};
use crate::core::provision::ProvisionBook;
use crate::core::pupil::PupilKey;
use crate::core::scoring::Factor;
use crate::ui::components::UpnText;
use crate::ui::state::WorkspaceStoreFields;
use crate::ui::state::{pupil_key, use_app_state, AppState};
use crate::web::location;
use leptos::html::Div;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Height of one body row in CSS pixels (matches `.grid-row` in `style/table.css`): room
/// for two lines of Interventions.
const ROW_HEIGHT: i32 = 40;
/// Height of the sticky header row (matches `.grid-head .grid-row`).
const HEAD_HEIGHT: i32 = 52;
/// Rows rendered above and below the visible ones.
const BUFFER: usize = 8;
/// Viewport height assumed before the container has been measured.
const DEFAULT_VIEWPORT: i32 = 600;

/// What one rendered row shows, computed when the row is created: each column's
/// `planner_table::cell` and `cell_hint`, in the grid's column order.
#[derive(Clone)]
struct RowData {
    /// The pupil's key, for the selection.
    key: String,
    /// The name as the row shows it (initials in privacy display mode).
    name: String,
    /// The profile's address: `#pupil/<key>`.
    href: String,
    cells: Vec<Cell>,
    hints: Vec<Option<String>>,
}

/// Pupil key → the provision they are in, each next to the marker it addresses
/// ("Attendance: Daily report; Attainment: Lexia reading programme"). Built once per change
/// of the provision book, so each rendered row is a hash lookup even with 50,000 pupils.
pub type InterventionText = Arc<HashMap<String, String>>;

/// Builds [`InterventionText`] from the book (see `planner_table::interventions_by_pupil`).
fn intervention_text(book: &ProvisionBook) -> InterventionText {
    Arc::new(interventions_by_pupil(book))
}

fn row_data(
    index: usize,
    shown: Shown,
    focus: bool,
    interventions: &HashMap<String, String>,
    columns: &[Column],
) -> Option<RowData> {
    let state = use_app_state();
    let scored = state.scored.get_untracked();
    let score = scored.scores.get(index)?;
    state.work.profile().with_untracked(|profile| {
        state.data_drop.with_untracked(|drop| {
            let pupil = drop.as_ref()?.pupils.get(index)?;
            let row = RowContext {
                shown,
                focus,
                interventions: interventions
                    .get(&pupil_key(pupil))
                    .map_or("", String::as_str),
            };
            let cells: Vec<Cell> = columns
                .iter()
                .map(|&column| cell(column, pupil, score, &row))
                .collect();
            let name = columns
                .iter()
                .zip(&cells)
                .find(|(column, _)| **column == Column::Name)
                .map(|(_, cell)| cell.text.clone())
                .unwrap_or_default();
            Some(RowData {
                key: pupil_key(pupil),
                name,
                href: format!("#pupil/{}", PupilKey::of(pupil).to_route()),
                cells,
                hints: columns
                    .iter()
                    .map(|&column| cell_hint(column, pupil, score, &row, profile))
                    .collect(),
            })
        })
    })
}

/// The id of a grid's "Select all N shown" checkbox, from the grid's label: where the
/// selection bar sends focus once the selection is cleared.
pub fn select_all_id(label: &str) -> String {
    format!("grid-{}-select-all", label.to_lowercase().replace(' ', "-"))
}

/// The pupil keys of `rows` (indices into the drop's pupils).
fn keys_of_rows(state: &AppState, rows: &[usize]) -> Vec<String> {
    state.data_drop.with_untracked(|drop| {
        drop.as_ref().map_or_else(Vec::new, |drop| {
            rows.iter()
                .filter_map(|&i| drop.pupils.get(i).map(pupil_key))
                .collect()
        })
    })
}

/// Ticks (`on`) or unticks one pupil.
fn set_selected(state: &AppState, key: &str, on: bool) {
    state.selected.update(|selected| {
        if on {
            selected.insert(key.to_string());
        } else {
            selected.remove(key);
        }
    });
}

/// The CSS class of a column's cells: its width and alignment.
fn column_class(column: Column) -> &'static str {
    match column {
        Column::Name => "col-name",
        Column::Upn => "col-upn",
        Column::Year => "col-year",
        Column::Class => "col-class",
        Column::School => "col-school",
        Column::Factor(Factor::Deprivation) | Column::Deprivation => "col-deprivation num",
        Column::Factor(_) => "col-factor num",
        Column::Overall => "col-overall num",
        Column::Attendance => "col-attendance num",
        Column::Exclusions => "col-exclusions",
        Column::Attainment => "col-attainment",
        Column::Interventions => "col-interventions",
    }
}

/// The explanation drawn beside the focused cell: which cell, its text, and where it sits
/// inside the grid's wrapper (CSS pixels; `left` or `right`, whichever keeps it on screen).
#[derive(Clone, PartialEq)]
struct Tip {
    cell: String,
    text: String,
    top: i32,
    left: Option<i32>,
    right: Option<i32>,
}

/// A marker's text in one inline box, each " · " part kept whole: a cell too narrow for one
/// line breaks between the parts ("● 0.412 ·" above "1.6 pts"), never inside a number.
fn marker_text(text: String) -> AnyView {
    let parts: Vec<&str> = text.split(" · ").collect();
    if parts.len() < 2 {
        return view! { <span class="cell-text">{text}</span> }.into_any();
    }
    let last = parts.len() - 1;
    let parts = parts
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            if i < last {
                view! { <span class="keep">{format!("{part} ·")}</span> " " }.into_any()
            } else {
                view! { <span class="keep">{part.to_string()}</span> }.into_any()
            }
        })
        .collect_view();
    view! { <span class="cell-text">{parts}</span> }.into_any()
}

/// A virtualised, sortable, keyboard-navigable grid of pupils.
#[component]
pub fn PupilGrid(
    /// The grid's accessible name: "All pupils" or "Shortlist".
    label: &'static str,
    /// The pupils to show (indices into the drop's pupils), filtered and sorted.
    #[prop(into)]
    rows: Signal<Arc<Vec<usize>>>,
    /// The current sort; activating a heading changes it. `None` keeps `rows`' order.
    sort: RwSignal<Option<Sort>>,
    /// The drop is an LA file: a School column after Class (`Column::for_drop`).
    #[prop(optional)]
    la_file: bool,
) -> impl IntoView {
    let state = use_app_state();
    let grid_id = format!("grid-{}", label.to_lowercase().replace(' ', "-"));
    let tip_id = format!("{grid_id}-tip");
    let container = NodeRef::<Div>::new();
    let wrapper = NodeRef::<Div>::new();
    let tip = RwSignal::new(None::<Tip>);
    // The cell the tooltip belongs to, so each cell re-renders its aria-describedby only
    // when that changes.
    let tip_cell = Memo::new(move |_| tip.with(|t| t.as_ref().map(|t| t.cell.clone())));
    let scroll_top = RwSignal::new(0i32);
    let viewport = RwSignal::new(DEFAULT_VIEWPORT);
    // The cell in the tab order: (row position, column); column 0 is the tick box.
    let active = RwSignal::new((0usize, 0usize));
    let grid_columns: Arc<Vec<Column>> = Arc::new(Column::for_drop(la_file));
    let columns = grid_columns.len() + 1;
    let interventions = Memo::new(move |_| state.work.provision().with(intervention_text));

    let range = Memo::new(move |_| {
        let count = rows.with(|rows| rows.len());
        let first = (scroll_top.get().max(0) / ROW_HEIGHT) as usize;
        let visible = (viewport.get().max(ROW_HEIGHT) / ROW_HEIGHT) as usize + 1;
        let start = first.saturating_sub(BUFFER).min(count);
        let end = (first + visible + BUFFER).min(count);
        (start, end)
    });

    // Draws the tooltip for the cell `id` beside it, below the cell and lined up with its
    // nearer edge; hides it when the cell is not in view inside the grid. Called from event
    // handlers, which can still fire while the grid is being taken down (a focused cell
    // removed by leaving the page blurs): hence `try_` throughout, never a panic.
    let place_tip = move |id: String, text: String| {
        let (Some(wrap), Some(grid), Some(cell)) = (
            wrapper.try_get_untracked().flatten(),
            container.try_get_untracked().flatten(),
            document().get_element_by_id(&id),
        ) else {
            tip.try_set(None);
            return;
        };
        let w = wrap.get_bounding_client_rect();
        let g = grid.get_bounding_client_rect();
        let c = cell.get_bounding_client_rect();
        let in_view = c.bottom() > g.top() + f64::from(HEAD_HEIGHT)
            && c.top() < g.bottom()
            && c.right() > g.left()
            && c.left() < g.right();
        if !in_view {
            tip.try_set(None);
            return;
        }
        let (left, right) = if c.left() - w.left() > w.width() / 2.0 {
            (None, Some((w.right() - c.right()).round() as i32))
        } else {
            (Some((c.left() - w.left()).round() as i32), None)
        };
        tip.try_set(Some(Tip {
            cell: id,
            text,
            top: (c.bottom() - w.top()).round() as i32 + 2,
            left,
            right,
        }));
    };

    let on_scroll = move |_| {
        if let Some(el) = container.get_untracked() {
            scroll_top.set(el.scroll_top());
            viewport.set(el.client_height() - HEAD_HEIGHT);
        }
        if let Some(Tip { cell, text, .. }) = tip.try_get_untracked().flatten() {
            place_tip(cell, text);
        }
    };

    let cell_id = {
        let grid_id = grid_id.clone();
        move |pos: usize, col: usize| format!("{grid_id}-r{pos}-c{col}")
    };

    // Moves the active cell, scrolls it into view and focuses it once rendered.
    let move_to = {
        let cell_id = cell_id.clone();
        move |pos: usize, col: usize| {
            let count = rows.with_untracked(|rows| rows.len());
            if count == 0 {
                return;
            }
            let pos = pos.min(count - 1);
            let col = col.min(columns - 1);
            active.set((pos, col));
            if let Some(el) = container.get_untracked() {
                let height = el.client_height();
                let top = el.scroll_top();
                let row_top = pos as i32 * ROW_HEIGHT;
                let row_bottom = row_top + ROW_HEIGHT + HEAD_HEIGHT;
                let next = if row_top < top {
                    row_top
                } else if row_bottom > top + height {
                    row_bottom - height
                } else {
                    top
                };
                if next != top {
                    el.set_scroll_top(next);
                }
                scroll_top.set(next);
                viewport.set(height - HEAD_HEIGHT);
            }
            let id = cell_id(pos, col);
            request_animation_frame(move || {
                if let Some(cell) = document()
                    .get_element_by_id(&id)
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = cell.focus();
                }
            });
        }
    };

    let on_keydown = {
        let move_to = move_to.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            // Only keys pressed on a body cell (or the tick box in one, whose Space the
            // browser handles); the heading's buttons and tick box keep their own keys.
            let target = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let on_cell = target
                .as_ref()
                .is_some_and(|el| el.get_attribute("role").as_deref() == Some("gridcell"));
            let in_cell = target
                .as_ref()
                .and_then(|el| el.closest("[role=\"gridcell\"]").ok().flatten())
                .is_some();
            if !in_cell || (!on_cell && ev.key() == " ") {
                return;
            }
            let (pos, col) = active.get_untracked();
            let count = rows.with_untracked(|rows| rows.len());
            if count == 0 {
                return;
            }
            let page = ((viewport.get_untracked() / ROW_HEIGHT).max(2) - 1) as usize;
            let last = count - 1;
            let target = match ev.key().as_str() {
                "ArrowDown" => Some((pos + 1, col)),
                "ArrowUp" => Some((pos.saturating_sub(1), col)),
                "ArrowRight" => Some((pos, col + 1)),
                "ArrowLeft" => Some((pos, col.saturating_sub(1))),
                "Home" if ev.ctrl_key() => Some((0, col)),
                "End" if ev.ctrl_key() => Some((last, col)),
                "Home" => Some((pos, 0)),
                "End" => Some((pos, columns - 1)),
                "PageDown" => Some(((pos + page).min(last), col)),
                "PageUp" => Some((pos.saturating_sub(page), col)),
                " " => {
                    ev.prevent_default();
                    let key = rows
                        .with_untracked(|rows| rows.get(pos).copied())
                        .and_then(|index| keys_of_rows(&state, &[index]).pop());
                    if let Some(key) = key {
                        let on = !state.selected.with_untracked(|s| s.contains(&key));
                        set_selected(&state, &key, on);
                    }
                    None
                }
                "Enter" => {
                    ev.prevent_default();
                    if let Some(index) = rows.with_untracked(|rows| rows.get(pos).copied()) {
                        let key = state.data_drop.with_untracked(|drop| {
                            drop.as_ref()
                                .and_then(|d| d.pupils.get(index))
                                .map(|pupil| PupilKey::of(pupil).to_route())
                        });
                        if let Some(key) = key {
                            location::set_hash(&format!("pupil/{key}"));
                        }
                    }
                    None
                }
                _ => None,
            };
            if let Some((pos, col)) = target {
                ev.prevent_default();
                move_to(pos, col);
            }
        }
    };

    // Keep the active cell inside the rows when a filter shrinks them; a tooltip for a
    // row that has moved or gone would be wrong, so it goes too.
    Effect::new(move |_| {
        let count = rows.with(|rows| rows.len());
        let (pos, col) = active.get_untracked();
        if count > 0 && pos >= count {
            active.set((count - 1, col));
        }
        tip.set(None);
    });

    // How many of the pupils shown are ticked: none without a look when nothing is.
    let shown_selected = Memo::new(move |_| {
        state.selected.with(|selected| {
            if selected.is_empty() {
                return 0;
            }
            rows.with(|rows| {
                state.data_drop.with_untracked(|drop| {
                    drop.as_ref().map_or(0, |drop| {
                        rows.iter()
                            .filter(|&&i| {
                                drop.pupils
                                    .get(i)
                                    .is_some_and(|p| selected.contains(&pupil_key(p)))
                            })
                            .count()
                    })
                })
            })
        })
    });
    let shown_count = move || rows.with(|rows| rows.len());
    let all_ticked = move || shown_count() > 0 && shown_selected.get() == shown_count();
    let some_ticked = move || shown_selected.get() > 0 && !all_ticked();
    let select_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let keys = rows.with_untracked(|rows| keys_of_rows(&state, rows));
        state.selected.update(|selected| {
            if on {
                selected.extend(keys);
            } else {
                for key in &keys {
                    selected.remove(key);
                }
            }
        });
    };
    let select_header = view! {
        <div role="columnheader" class="grid-cell grid-head-cell col-select" aria-colindex="1">
            <input
                type="checkbox"
                class="grid-select"
                id=select_all_id(label)
                aria-label=move || format!("Select all {} shown", shown_count())
                title=move || format!("Select all {} pupils shown", shown_count())
                prop:checked=all_ticked
                prop:indeterminate=some_ticked
                on:change=select_all
            />
        </div>
    };
    let header = grid_columns
        .iter()
        .copied()
        .enumerate()
        .map(|(col, column)| {
            let aria_sort = move || {
                sort.get()
                    .filter(|s| s.column == column)
                    .map(|s| s.direction.aria())
                    .unwrap_or(if column.sortable() { "none" } else { "" })
            };
            let arrow = move || match sort.get().filter(|s| s.column == column) {
                Some(s) if s.direction.aria() == "ascending" => "▲",
                Some(_) => "▼",
                None => "",
            };
            let class = format!("grid-cell grid-head-cell {}", column_class(column));
            let content = if column.sortable() {
                view! {
                    <button
                        type="button"
                        class="grid-sort"
                        title=move || state.work.profile().with(|p| column.hint(p))
                        on:click=move |_| sort.update(|s| *s = Some(Sort::toggled(*s, column)))
                    >
                        {column.label()}
                        <span class="grid-sort__arrow" aria-hidden="true">{arrow}</span>
                    </button>
                }
                .into_any()
            } else {
                view! { <span title=move || state.work.profile().with(|p| column.hint(p))>{column.label()}</span> }.into_any()
            };
            view! {
                <div
                    role="columnheader"
                    class=class
                    aria-colindex=col + 2
                    aria-sort=move || {
                        let value = aria_sort();
                        (!value.is_empty()).then_some(value)
                    }
                >
                    {content}
                </div>
            }
        })
        .collect_view();

    let visible_rows = move || {
        let (start, end) = range.get();
        let shown = state.shown();
        let generation = state.scored.with(|s| Arc::as_ptr(&s.scores) as usize);
        let focus_keys = state.work.focus().get();
        let provision_ptr = interventions.with(|i| Arc::as_ptr(i) as usize);
        let drop_ptr = state
            .data_drop
            .with(|d| d.as_ref().map_or(0, |d| Arc::as_ptr(d) as usize));
        rows.with(|rows| {
            state.data_drop.with_untracked(|drop| {
                (start..end)
                    .filter_map(|pos| {
                        let index = *rows.get(pos)?;
                        let pupil = drop.as_ref()?.pupils.get(index)?;
                        let focus = focus_keys.contains(&pupil_key(pupil));
                        Some((
                            pos,
                            index,
                            shown,
                            focus,
                            generation ^ drop_ptr ^ provision_ptr,
                        ))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };

    let render_row = {
        let cell_id = cell_id.clone();
        let tip_id = tip_id.clone();
        let move_to = move_to.clone();
        let grid_columns = grid_columns.clone();
        move |(pos, index, shown, focus, _): (usize, usize, Shown, bool, usize)| {
            let data = interventions
                .with_untracked(|text| row_data(index, shown, focus, text, &grid_columns));
            let Some(data) = data else {
                return view! { <div role="row" class="grid-row" aria-rowindex=pos + 2></div> }
                    .into_any();
            };
            let hints = data.hints;
            let cell_id = cell_id.clone();
            let tip_id = tip_id.clone();
            // `col` counts the tick box as 0; `hints` start at the first data column.
            let cell = move |col: usize, class: String, content: AnyView| {
                let id = cell_id(pos, col);
                let hint = col
                    .checked_sub(1)
                    .and_then(|at| hints.get(at).cloned().flatten());
                let described_by = {
                    let (id, tip_id) = (id.clone(), tip_id.clone());
                    move || (tip_cell.get().as_deref() == Some(id.as_str())).then(|| tip_id.clone())
                };
                let on_focus = {
                    let (id, hint) = (id.clone(), hint.clone());
                    move |_| {
                        active.try_set((pos, col));
                        if let Some(text) = hint.clone() {
                            place_tip(id.clone(), text);
                        }
                    }
                };
                let on_blur = {
                    let id = id.clone();
                    move |_| {
                        if tip.try_with_untracked(|t| t.as_ref().is_some_and(|t| t.cell == id))
                            == Some(true)
                        {
                            tip.try_set(None);
                        }
                    }
                };
                // The active cell is the grid's one tab stop; when it has scrolled out of
                // the rendered rows, the first rendered row's first cell stands in.
                let tabindex = move || {
                    let (row, column) = active.get();
                    let (start, end) = range.get();
                    let stand_in = !(start..end).contains(&row) && pos == start && col == 0;
                    if (row, column) == (pos, col) || stand_in {
                        0
                    } else {
                        -1
                    }
                };
                view! {
                    <div
                        role="gridcell"
                        id=id
                        class=class
                        aria-colindex=col + 1
                        tabindex=tabindex
                        title=hint
                        aria-describedby=described_by
                        on:focus=on_focus
                        on:blur=on_blur
                    >
                        {content}
                    </div>
                }
            };
            let href = data.href;
            let key = data.key;
            let ticked = {
                let key = key.clone();
                move || state.selected.with(|s| s.contains(&key))
            };
            // The tick box is not a tab stop of its own: a click ticks it and leaves focus
            // on its cell, where Space ticks and unticks it as on any cell of the row.
            let tick = {
                let (key, move_to) = (key.clone(), move_to.clone());
                let ticked = ticked.clone();
                view! {
                    <input
                        type="checkbox"
                        class="grid-select"
                        tabindex="-1"
                        aria-label=format!("Select {}", data.name)
                        prop:checked=ticked
                        on:change=move |ev| set_selected(&state, &key, event_target_checked(&ev))
                        on:click=move |_| move_to(pos, 0)
                    />
                }
                .into_any()
            };
            let select_cell = cell(0, "grid-cell col-select".to_string(), tick);
            let cells = grid_columns
                .iter()
                .copied()
                .zip(data.cells)
                .enumerate()
                .map(|(col, (column, data))| {
                    let col = col + 1;
                    let base = format!("grid-cell {}", column_class(column));
                    match column {
                        Column::Name => {
                            let (name, title) = (data.text.clone(), data.text);
                            cell(
                                col,
                                base,
                                view! {
                                    <a href=href.clone() tabindex="-1" title=title>
                                        {name}
                                    </a>
                                }
                                .into_any(),
                            )
                        }
                        Column::Upn => {
                            let upn = ShownUpn {
                                text: data.text,
                                spoken: data.spoken,
                            };
                            cell(col, base, view! { <UpnText upn=upn /> }.into_any())
                        }
                        Column::Year => cell(col, base, data.text.into_any()),
                        // The narrow Class column says "hidden" with a dash and its title.
                        Column::Class if data.text == HIDDEN => cell(
                            col,
                            base,
                            view! {
                                <span title="Hidden in privacy display mode">
                                    <span aria-hidden="true">"–"</span>
                                    <span class="visually-hidden">"Class hidden"</span>
                                </span>
                            }
                            .into_any(),
                        ),
                        Column::Class => cell(col, base, data.text.into_any()),
                        Column::Interventions => cell(
                            col,
                            base,
                            view! { <span class="clamp-2">{data.text}</span> }.into_any(),
                        ),
                        // A long school name keeps to two lines; its title holds it whole.
                        Column::School => {
                            let class = format!("{base} tone-{}", data.tone.class());
                            let (text, title) = (data.text.clone(), data.text);
                            cell(
                                col,
                                class,
                                view! { <span class="clamp-2" title=title>{text}</span> }
                                    .into_any(),
                            )
                        }
                        _ => {
                            let class = format!("{base} tone-{}", data.tone.class());
                            cell(col, class, marker_text(data.text))
                        }
                    }
                })
                .collect_view();
            let row_ticked = ticked.clone();
            view! {
                <div
                    role="row"
                    class=move || if ticked() { "grid-row grid-row--selected" } else { "grid-row" }
                    aria-rowindex=pos + 2
                    aria-selected=move || if row_ticked() { "true" } else { "false" }
                >
                    {select_cell}
                    {cells}
                </div>
            }
            .into_any()
        }
    };

    let tip_style = move |pick: fn(&Tip) -> Option<i32>| {
        move || {
            tip.with(|t| {
                t.as_ref()
                    .and_then(pick)
                    .map_or("auto".to_string(), |px| format!("{px}px"))
            })
        }
    };

    view! {
        <div class="pupil-grid-wrap" node_ref=wrapper>
        <div
            class=if la_file { "pupil-grid pupil-grid--schools" } else { "pupil-grid" }
            role="grid"
            id=grid_id.clone()
            aria-label=label
            aria-rowcount=move || rows.with(|rows| rows.len()) + 1
            aria-colcount=columns
            node_ref=container
            on:scroll=on_scroll
            on:keydown=on_keydown
        >
            <div role="rowgroup" class="grid-head">
                <div role="row" class="grid-row grid-row--head" aria-rowindex="1">
                    {select_header}
                    {header}
                </div>
            </div>
            <div
                role="rowgroup"
                class="grid-body"
                style:height=move || format!("{}px", rows.with(|rows| rows.len()) as i32 * ROW_HEIGHT)
            >
                <div
                    role="presentation"
                    class="grid-window"
                    style:transform=move || format!("translateY({}px)", range.get().0 as i32 * ROW_HEIGHT)
                >
                    <For
                        each=visible_rows
                        key=|row| *row
                        children=render_row
                    />
                </div>
            </div>
        </div>
        <div
            id=tip_id
            role="tooltip"
            class="grid-tip"
            hidden=move || tip.with(|t| t.is_none())
            style:top=tip_style(|t| Some(t.top))
            style:left=tip_style(|t| t.left)
            style:right=tip_style(|t| t.right)
        >
            {move || tip.with(|t| t.as_ref().map(|t| t.text.clone()).unwrap_or_default())}
        </div>
        </div>
    }
}

/// A small toggle for privacy display mode (initials, masked UPNs, no date of birth or
/// class: `core::privacy`), for the planner pages; Settings has the same switch as a
/// checkbox.
#[component]
pub fn PrivacyToggle() -> impl IntoView {
    let state = use_app_state();
    view! {
        <button
            type="button"
            class="button button--secondary privacy-toggle"
            title=WHAT_IT_HIDES
            aria-pressed=move || if state.session.privacy_mode.get() { "true" } else { "false" }
            on:click=move |_| state.session.privacy_mode.update(|on| *on = !*on)
        >
            "Privacy display mode"
        </button>
    }
}
