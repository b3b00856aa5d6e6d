//! Charts drawn in Rust as inline SVG: a heat map, horizontal bar charts (of shares, and of
//! values either side of zero) and a line chart. Each chart
//! has a title and a text description for assistive technology, carries its numbers as
//! text, and is shown beside a table of the same numbers. Colours come from CSS classes
//! (the Content-Security-Policy forbids inline styles), always with the number as well.

use leptos::prelude::*;

/// One heat-map cell: its share in tenths of a percent (`None` when out of none) and the
/// text it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatCell {
    /// Tenths of a percent, 0–1000.
    pub tenths: Option<u32>,
    /// The text shown in the cell, e.g. "12.5%".
    pub text: String,
}

/// Which of five shades a share falls in (0 lightest).
fn shade(tenths: Option<u32>) -> &'static str {
    match tenths {
        None => "heat-none",
        Some(0..=49) => "heat-0",
        Some(50..=149) => "heat-1",
        Some(150..=299) => "heat-2",
        Some(300..=499) => "heat-3",
        Some(_) => "heat-4",
    }
}

/// A heat map: rows × columns of shares, each cell shaded and labelled with its number.
#[component]
pub fn HeatMap(
    /// The chart's title, also its accessible name.
    title: String,
    /// A sentence describing what the chart shows.
    description: String,
    /// Row labels (e.g. factors).
    rows: Vec<String>,
    /// Column labels (e.g. year groups).
    columns: Vec<String>,
    /// `cells[row][column]`.
    cells: Vec<Vec<HeatCell>>,
) -> impl IntoView {
    let label_width = 110;
    let cell_w = 64;
    let cell_h = 32;
    let head_h = 28;
    let width = label_width + cell_w * columns.len().max(1);
    let height = head_h + cell_h * rows.len().max(1);
    let id = format!(
        "chart-{}",
        title
            .to_lowercase()
            .replace(|c: char| !c.is_alphanumeric(), "-")
    );
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let heads = columns
        .iter()
        .enumerate()
        .map(|(c, label)| {
            let x = label_width + c * cell_w + cell_w / 2;
            view! { <text x=x y=18 class="chart-label" text-anchor="middle">{label.clone()}</text> }
        })
        .collect_view();
    let body = rows
        .iter()
        .enumerate()
        .map(|(r, label)| {
            let y = head_h + r * cell_h;
            let row_cells = cells
                .get(r)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(c, cell)| {
                    let x = label_width + c * cell_w;
                    let class = format!("heat-cell {}", shade(cell.tenths));
                    view! {
                        <rect x=x + 1 y=y + 1 width=cell_w - 2 height=cell_h - 2 class=class></rect>
                        <text
                            x=x + cell_w / 2
                            y=y + cell_h / 2 + 5
                            class=format!("heat-text {}", shade(cell.tenths))
                            text-anchor="middle"
                        >
                            {cell.text}
                        </text>
                    }
                })
                .collect_view();
            view! {
                <text x=4 y=y + cell_h / 2 + 5 class="chart-label">{label.clone()}</text>
                {row_cells}
            }
        })
        .collect_view();
    let caption = title.clone();
    view! {
        <figure class="chart-figure">
        <figcaption class="chart-caption" aria-hidden="true">{caption}</figcaption>
        <svg
            class="chart heat-map"
            role="img"
            aria-labelledby=labelled_by
            viewBox=format!("0 0 {width} {height}")
            width=width
            height=height
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {heads}
            {body}
        </svg>
        </figure>
    }
}

/// One bar: its label, its value in tenths of a percent, and the text shown at its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// What the bar counts.
    pub label: String,
    /// Tenths of a percent, 0–1000.
    pub tenths: u32,
    /// The text shown beside the bar, e.g. "12.5% (26)".
    pub text: String,
}

/// A horizontal bar chart of shares (0–100%).
#[component]
pub fn BarChart(
    /// The chart's title, also its accessible name.
    title: String,
    /// A sentence describing what the chart shows.
    description: String,
    /// The bars, top to bottom.
    bars: Vec<Bar>,
    /// Room for the bars' labels in pixels (130 when not given), for longer labels such
    /// as school names.
    #[prop(optional)]
    label_width: Option<usize>,
) -> impl IntoView {
    let label_width = label_width.unwrap_or(130);
    let bar_max = 300;
    let bar_h = 26;
    let width = label_width + bar_max + 110;
    let height = bar_h * bars.len().max(1) + 8;
    let id = format!(
        "chart-{}",
        title
            .to_lowercase()
            .replace(|c: char| !c.is_alphanumeric(), "-")
    );
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let body = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = 4 + i * bar_h;
            let length = (bar.tenths.min(1000) as usize * bar_max) / 1000;
            view! {
                <text x=4 y=y + bar_h / 2 + 5 class="chart-label">{bar.label}</text>
                <rect x=label_width y=y + 3 width=length.max(1) height=bar_h - 6 class="bar"></rect>
                <text x=label_width + length + 6 y=y + bar_h / 2 + 5 class="chart-label">
                    {bar.text}
                </text>
            }
        })
        .collect_view();
    let caption = title.clone();
    view! {
        <figure class="chart-figure">
        <figcaption class="chart-caption" aria-hidden="true">{caption}</figcaption>
        <svg
            class="chart bar-chart"
            role="img"
            aria-labelledby=labelled_by
            viewBox=format!("0 0 {width} {height}")
            width=width
            height=height
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {body}
        </svg>
        </figure>
    }
}

/// One point of a line chart: its label on the x axis and its value (`None`: not known at
/// that point, so the line breaks there).
#[derive(Debug, Clone, PartialEq)]
pub struct LinePoint {
    /// "Spring 2025/26".
    pub label: String,
    pub value: Option<f64>,
}

/// A small line chart of one or more series over the same points (drops), drawn beside
/// the table that gives its numbers. `low`..`high` is the value axis.
#[component]
pub fn LineChart(
    /// The chart's title, also its accessible name.
    title: String,
    /// A sentence describing what the chart shows.
    description: String,
    /// Each series: its name and its points (all series have the same labels).
    series: Vec<(String, Vec<LinePoint>)>,
    /// The value axis's bottom and top.
    low: f64,
    high: f64,
) -> impl IntoView {
    let points = series.first().map_or(0, |(_, points)| points.len());
    let step = 120.0;
    let (left, top, plot_w, plot_h) = (56.0, 8.0, (points.max(2) as f64 - 1.0) * step, 90.0);
    let width = left + plot_w + 130.0;
    let height = top + plot_h + 30.0;
    let span = (high - low).max(f64::EPSILON);
    let x = move |i: usize| left + i as f64 * step;
    let y = move |value: f64| top + plot_h - ((value.clamp(low, high) - low) / span) * plot_h;
    let id = format!(
        "line-{}",
        title
            .to_lowercase()
            .replace(|c: char| !c.is_alphanumeric(), "-")
    );
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let labels = series
        .first()
        .map(|(_, points)| {
            points
                .iter()
                .enumerate()
                .map(|(i, point)| {
                    view! {
                        <text x=x(i) y=top + plot_h + 22.0 class="chart-label chart-label--small" text-anchor="middle">
                            {point.label.clone()}
                        </text>
                    }
                })
                .collect_view()
        });
    let lines = series
        .into_iter()
        .enumerate()
        .map(|(k, (name, points))| {
            let mut path = String::new();
            let mut pen_down = false;
            for (i, point) in points.iter().enumerate() {
                match point.value {
                    Some(value) => {
                        let command = if pen_down { 'L' } else { 'M' };
                        path.push_str(&format!("{command}{:.1} {:.1} ", x(i), y(value)));
                        pen_down = true;
                    }
                    None => pen_down = false,
                }
            }
            let dots = points
                .iter()
                .enumerate()
                .filter_map(|(i, point)| point.value.map(|value| (i, value)))
                .map(|(i, value)| {
                    view! { <circle cx=x(i) cy=y(value) r="3.5" class=format!("series-{k}") /> }
                })
                .collect_view();
            let last = points
                .iter()
                .enumerate()
                .rev()
                .find_map(|(i, point)| point.value.map(|value| (i, value)));
            let tag = last.map(|(i, value)| {
                view! {
                    <text x=x(i) + 8.0 y=y(value) + 4.0 class="chart-label chart-label--small">
                        {name.clone()}
                    </text>
                }
            });
            view! {
                <path d=path class=format!("line series-{k}") fill="none"></path>
                {dots}
                {tag}
            }
        })
        .collect_view();
    view! {
        <svg
            class="chart line-chart"
            role="img"
            aria-labelledby=labelled_by
            viewBox=format!("0 0 {width:.0} {height:.0}")
            width=format!("{width:.0}")
            height=format!("{height:.0}")
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            <line x1=left y1=top + plot_h x2=left + plot_w y2=top + plot_h class="axis"></line>
            {labels}
            {lines}
        </svg>
    }
}

/// One bar of a [`SignedBarChart`]: its label, its value (for drawing only; the exact
/// figure is in `text` and in the table beside the chart), and the text shown at its end.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedBar {
    /// What the bar is for, e.g. an intervention's name.
    pub label: String,
    /// The value drawn: above zero to the right of the zero line, below it to the left.
    pub value: f64,
    /// The text shown beside the bar, e.g. "+5.3 months".
    pub text: String,
}

/// A horizontal bar chart of values that may be below zero (gains), drawn either side of a
/// zero line and scaled to the largest size; every bar carries its figure as text, and a
/// bar below zero is also drawn as a dashed outline, so colour is never the only signal.
#[component]
pub fn SignedBarChart(
    /// The chart's title, also its accessible name.
    title: String,
    /// A sentence describing what the chart shows.
    description: String,
    /// The bars, top to bottom.
    bars: Vec<SignedBar>,
) -> impl IntoView {
    let label_width = 200.0;
    let text_room = 150.0;
    let bar_h = 26.0;
    let any_below = bars.iter().any(|bar| bar.value < 0.0);
    // Bars run up to `reach` from the zero line, which sits after the labels, or in the
    // middle (with room for a bar and its text on the left) when some bar is below zero.
    let reach = if any_below { 110.0 } else { 220.0 };
    let zero = if any_below {
        label_width + text_room + reach
    } else {
        label_width
    };
    let width = zero + reach + text_room;
    let height = bar_h * bars.len().max(1) as f64 + 8.0;
    let largest = bars
        .iter()
        .map(|bar| bar.value.abs())
        .fold(0.0_f64, f64::max)
        .max(f64::EPSILON);
    let scale = reach / largest;
    let id = format!(
        "signed-{}",
        title
            .to_lowercase()
            .replace(|c: char| !c.is_alphanumeric(), "-")
    );
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let body = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = 4.0 + i as f64 * bar_h;
            let length = (bar.value.abs() * scale).max(1.0);
            let below = bar.value < 0.0;
            let (x, text_x, anchor) = if below {
                (zero - length, zero - length - 6.0, "end")
            } else {
                (zero, zero + length + 6.0, "start")
            };
            let class = if below { "bar bar--below" } else { "bar" };
            let label: String = if bar.label.chars().count() > 28 {
                format!("{}…", bar.label.chars().take(27).collect::<String>())
            } else {
                bar.label
            };
            view! {
                <text x=4 y=y + bar_h / 2.0 + 5.0 class="chart-label">{label}</text>
                <rect x=x y=y + 3.0 width=length height=bar_h - 6.0 class=class></rect>
                <text x=text_x y=y + bar_h / 2.0 + 5.0 class="chart-label" text-anchor=anchor>
                    {bar.text}
                </text>
            }
        })
        .collect_view();
    let caption = title.clone();
    view! {
        <figure class="chart-figure">
        <figcaption class="chart-caption" aria-hidden="true">{caption}</figcaption>
        <svg
            class="chart bar-chart"
            role="img"
            aria-labelledby=labelled_by
            viewBox=format!("0 0 {width:.0} {height:.0}")
            width=format!("{width:.0}")
            height=format!("{height:.0}")
        >
            <title id=title_id>{title}</title>
            <desc id=desc_id>{description}</desc>
            {body}
            <line x1=zero y1=2 x2=zero y2=height - 2.0 class="axis zero-line"></line>
        </svg>
        </figure>
    }
}

/// One bar of a [`StackedBarChart`]: its label, its parts (in the order of the chart's
/// keys) and the words written beside it, which give every part's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StackedBar {
    /// What the bar is for, e.g. a year group.
    pub label: String,
    /// Each part's count, in the order of the chart's keys.
    pub parts: Vec<u32>,
    /// The text beside the bar, e.g. "3 must, 1 should, 0 could".
    pub text: String,
}

/// How a [`StackedBarChart`] scales its bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StackScale {
    /// Bars as long as their totals, the largest full width: counts compared across bars.
    #[default]
    Counts,
    /// Every bar full width, its parts as shares of its own total: shares compared.
    Shares,
}

/// A horizontal stacked bar chart: one bar per row split into parts, a legend naming each
/// part, the numbers written beside every bar, and optionally a line across the bars at a
/// share (with `StackScale::Shares`) marking a reference such as a rule of thumb. Parts
/// differ by fill and outline classes from `keys`; the words carry every number.
#[component]
pub fn StackedBarChart(
    /// The chart's title, also its accessible name.
    title: String,
    /// A sentence describing what the chart shows.
    description: String,
    /// Each part's name and its CSS class, in the order of every bar's parts.
    keys: Vec<(String, &'static str)>,
    /// The bars, top to bottom.
    bars: Vec<StackedBar>,
    /// Counts (the default) or shares.
    #[prop(optional)]
    scale: StackScale,
    /// A line across every bar at this many in 100, with its words under the bars.
    #[prop(optional)]
    reference: Option<(u32, String)>,
) -> impl IntoView {
    let label_width = 120usize;
    let bar_max = 240usize;
    let bar_h = 26usize;
    let legend_h = 26usize;
    // Room for the words beside the bars: about 7 pixels a character at 13px.
    let text_width = bars
        .iter()
        .map(|bar| bar.text.chars().count() * 7 + 16)
        .max()
        .unwrap_or(0)
        .max(120);
    let reference_h = if reference.is_some() { 22 } else { 0 };
    let width = label_width + bar_max + text_width;
    let height = legend_h + bar_h * bars.len().max(1) + reference_h + 8;
    let most = bars
        .iter()
        .map(|bar| bar.parts.iter().sum::<u32>())
        .max()
        .unwrap_or(0)
        .max(1) as usize;
    let id = format!(
        "stacked-{}",
        title
            .to_lowercase()
            .replace(|c: char| !c.is_alphanumeric(), "-")
    );
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let mut legend_x = label_width;
    let legend = keys
        .iter()
        .map(|(name, class)| {
            let x = legend_x;
            legend_x += 30 + name.chars().count() * 7;
            view! {
                <rect x=x y=6 width=14 height=14 class=*class></rect>
                <text x=x + 20 y=18 class="chart-label">{name.clone()}</text>
            }
        })
        .collect_view();
    let classes: Vec<&'static str> = keys.iter().map(|(_, class)| *class).collect();
    let rows = bars.len();
    let body = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = legend_h + i * bar_h;
            let total: usize = bar.parts.iter().map(|part| *part as usize).sum();
            let full = match scale {
                StackScale::Counts => total * bar_max / most,
                StackScale::Shares if total > 0 => bar_max,
                StackScale::Shares => 0,
            };
            // Each part ends where the running total so far ends, so the parts fill the
            // bar exactly, with no gap from rounding.
            let mut so_far = 0usize;
            let segments = bar
                .parts
                .iter()
                .enumerate()
                .filter(|(_, part)| **part > 0)
                .map(|(k, part)| {
                    let start = so_far * full / total.max(1);
                    so_far += *part as usize;
                    let end = so_far * full / total.max(1);
                    let class = classes.get(k).copied().unwrap_or("bar");
                    view! {
                        <rect
                            x=label_width + start
                            y=y + 3
                            width=(end - start).max(2)
                            height=bar_h - 6
                            class=class
                        ></rect>
                    }
                })
                .collect_view();
            view! {
                <text x=4 y=y + bar_h / 2 + 5 class="chart-label">{bar.label}</text>
                {segments}
                <text x=label_width + bar_max + 8 y=y + bar_h / 2 + 5 class="chart-label">
                    {bar.text}
                </text>
            }
        })
        .collect_view();
    let marker = reference.map(|(in_100, words)| {
        let x = label_width + (in_100.min(100) as usize) * bar_max / 100;
        let bottom = legend_h + bar_h * rows.max(1);
        view! {
            <line x1=x y1=legend_h x2=x y2=bottom class="chart-reference"></line>
            <text x=x y=bottom + 16 class="chart-label chart-label--small" text-anchor="middle">
                {words}
            </text>
        }
    });
    let caption = title.clone();
    view! {
        <figure class="chart-figure">
            <figcaption class="chart-caption" aria-hidden="true">{caption}</figcaption>
            <svg
                class="chart bar-chart stacked-bar-chart"
                role="img"
                aria-labelledby=labelled_by
                viewBox=format!("0 0 {width} {height}")
                width=width
                height=height
            >
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description}</desc>
                {legend}
                {body}
                {marker}
            </svg>
        </figure>
    }
}
