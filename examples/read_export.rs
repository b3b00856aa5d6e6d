//! Reads an exported planner workbook back and prints it as JSON, for the browser test
//! (tests/e2e/export.spec.ts) and for anyone checking an export by hand:
//!
//! ```text
//! cargo run --quiet --example read_export -- "Planner 2025-26 – Oakfield – 2026-03-13.xlsx"
//! ```
//!
//! Output: `{"sheets": [{"name", "rows", "fills"}]}` where `rows` are the cell values
//! (text as strings, numbers as numbers, dates as "dd/mm/yyyy", empty cells as null) read
//! with calamine, and `fills` maps each cell that has a solid fill ("L5") to its RGB
//! colour ("FFC7CE"), worked out from the zip's XML: the cell's style index (`s`) → that
//! `<xf>`'s `fillId` in `xl/styles.xml` → the fill's `fgColor`.

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};
use serde_json::{json, Map, Value};
use std::io::{Cursor, Read};
use std::process::ExitCode;

fn cell(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Null,
        Data::String(s) => json!(s),
        Data::Float(f) => json!(f),
        Data::Int(i) => json!(i),
        Data::Bool(b) => json!(b),
        Data::DateTime(dt) => {
            let days = dt.as_f64().floor() as i64;
            NaiveDate::from_ymd_opt(1899, 12, 30)
                .and_then(|epoch| epoch.checked_add_signed(Duration::days(days)))
                .map_or(Value::Null, |d| json!(d.format("%d/%m/%Y").to_string()))
        }
        other => json!(other.to_string()),
    }
}

fn entry(bytes: &[u8], name: &str) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut file = archive.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(|e| e.to_string())?;
    Ok(text)
}

/// The value of `attribute="…"` in one tag's text.
fn attribute<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {attribute}=\""))? + attribute.len() + 3;
    tag[start..].split('"').next()
}

/// The text between `<open` and `</close>`, split into its `<item` elements.
fn items<'a>(xml: &'a str, section: &str, item: &str) -> Vec<&'a str> {
    xml.split(&format!("<{section}"))
        .nth(1)
        .and_then(|s| s.split(&format!("</{section}>")).next())
        .map(|s| s.split(&format!("<{item}")).skip(1).collect())
        .unwrap_or_default()
}

/// Style index → solid fill RGB (without alpha), for the styles that have one.
fn style_fills(styles: &str) -> Vec<Option<String>> {
    let fills: Vec<Option<String>> = items(styles, "fills", "fill>")
        .into_iter()
        .map(|fill| {
            fill.split("<fgColor")
                .nth(1)
                .and_then(|c| attribute(c, "rgb"))
                // ARGB: drop the alpha byte.
                .map(|rgb| {
                    rgb.get(rgb.len().saturating_sub(6)..)
                        .unwrap_or(rgb)
                        .to_string()
                })
        })
        .collect();
    items(styles, "cellXfs", "xf ")
        .into_iter()
        .map(|xf| {
            attribute(&format!(" {xf}"), "fillId")
                .and_then(|id| id.parse::<usize>().ok())
                .and_then(|id| fills.get(id).cloned().flatten())
        })
        .collect()
}

fn run(path: &str) -> Result<Value, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes.clone())).map_err(|e| format!("{path}: {e}"))?;
    let fills = style_fills(&entry(&bytes, "xl/styles.xml")?);
    let mut sheets = Vec::new();
    // rust_xlsxwriter names the parts sheet1.xml, sheet2.xml, … in sheet order.
    for (at, name) in workbook.sheet_names().to_vec().into_iter().enumerate() {
        let range = workbook.worksheet_range(&name).map_err(|e| e.to_string())?;
        let rows: Vec<Value> = range
            .rows()
            .map(|row| Value::Array(row.iter().map(cell).collect()))
            .collect();
        let xml = entry(&bytes, &format!("xl/worksheets/sheet{}.xml", at + 1))?;
        let mut filled = Map::new();
        for tag in xml.split("<c ").skip(1) {
            let tag = format!(" {}", tag.split('>').next().unwrap_or_default());
            let (Some(reference), Some(style)) = (attribute(&tag, "r"), attribute(&tag, "s"))
            else {
                continue;
            };
            if let Some(Some(rgb)) = style.parse::<usize>().ok().and_then(|s| fills.get(s)) {
                filled.insert(reference.to_string(), json!(rgb));
            }
        }
        sheets.push(json!({ "name": name, "rows": rows, "fills": filled }));
    }
    Ok(json!({ "sheets": sheets }))
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_export <workbook.xlsx>");
        return ExitCode::FAILURE;
    };
    match run(&path) {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("read_export: {error}");
            ExitCode::FAILURE
        }
    }
}
