//! Writes a made-up school (`planner::core::synthetic`) as benchmark and demo files.
//!
//! ```text
//! cargo run --release --example generate_school -- --pupils 50000 --phase secondary \
//!     --seed 7 --out target/bench/school_50000 --formats csv,xlsx,ods,xls
//! ```
//!
//! Writes `<out>.csv` (UTF-8 with BOM, CRLF, as Excel saves it) and `<out>.xlsx` (real
//! Excel dates formatted dd/mm/yyyy, numbers as numbers, text as text). For `ods` and
//! `xls` the xlsx is converted with `libreoffice --headless --convert-to`, when
//! LibreOffice is on PATH; otherwise a note says so and those formats are skipped.
//!
//! Options: `--pupils N` (default 210), `--phase primary|secondary|all-through`
//! (default primary), `--seed N` (default 2026), `--as-of dd/mm/yyyy` (default
//! 13/03/2026), `--name TEXT`, `--out PATH` (default `target/bench/school_<N>`),
//! `--formats LIST` (default `csv,xlsx`), `--drops N` (default 1).
//!
//! `--drops N` (2 to 30) writes termly data drops of the same school instead
//! (`planner::core::synthetic::generate_drops`): from the autumn term of the academic
//! year `--as-of` falls in, one drop a term, each file named with its term, e.g.
//!
//! ```text
//! cargo run --release --example generate_school -- --pupils 210 --phase primary \
//!     --seed 7 --drops 3 --out target/x --formats csv
//! ```
//!
//! writes `target/x_autumn_2025-26.csv`, `target/x_spring_2025-26.csv` and
//! `target/x_summer_2025-26.csv`; a fourth drop would be `target/x_autumn_2026-27.csv`.
//! For each drop one line goes to stderr, for scripts and browser tests to read:
//!
//! ```text
//! drop 2 of 3: target/x_spring_2025-26.csv (Spring 2025/26, as of 13/03/2026): 210 pupils, 5 joined, 5 left; without a UPN: Al-Sayed, Mariam, born 19/12/2020 (P316244125552 in the other drops)
//! ```
//!
//! (several files are joined by " and "). In a run of three or more, the middle drop has
//! one pupil with a blank UPN, to be matched on legal surname, forename and date of birth:
//! the first pupil, in that drop's file order, who is in the drops either side of it. With
//! `--drops 1` the single file `<out>.csv` is written exactly as before.
//!
//! `--schools N` (1 to 2,000) writes a made-up local authority's file instead
//! (`planner::core::synthetic::generate_la`): one file of N made-up schools, primary and
//! secondary (and from seven schools one all-through), of varied sizes with some under 30
//! pupils, each row starting with the school's URN, School Name and DfE Number, and a few
//! rows with no school given. `--name` names the local authority; `--pupils` and
//! `--phase` do not apply (each school has its own). For example
//!
//! ```text
//! cargo run --release --example generate_school -- --schools 60 --seed 7 \
//!     --out target/la_60 --formats csv
//! ```
//!
//! writes `target/la_60.csv` and prints one line saying how many schools of each phase,
//! rows, and rows with no school given it holds.

use chrono::Datelike;
use planner::core::synthetic::{
    generate, generate_drops, generate_la, ColumnKind, LaSpec, Phase, SchoolSpec, SyntheticSchool,
};
use planner::core::value::parse_date;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The school as an .xlsx workbook, one sheet "Pupil List" with a bold, frozen header
/// row. Date columns hold real Excel dates formatted dd/mm/yyyy; number columns hold
/// numbers where the cell reads as one (KS2 codes such as `A` stay text); everything else
/// is text. Blank cells are left empty.
pub fn write_xlsx(school: &SyntheticSchool) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Pupil List")?;
    let bold = Format::new().set_bold();
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let kinds = school.column_kinds();
    for (column, heading) in school.headings.iter().enumerate() {
        let column = u16::try_from(column).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string_with_format(0, column, heading, &bold)?;
        let width = heading.chars().count().max(10) as f64 + 2.0;
        sheet.set_column_width(column, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (index, row) in school.rows.iter().enumerate() {
        let excel_row = u32::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (column, text) in row.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let kind = kinds.get(column).copied().unwrap_or(ColumnKind::Text);
            let column = u16::try_from(column).map_err(|_| XlsxError::RowColumnLimitError)?;
            match kind {
                ColumnKind::Date => match parse_date(text) {
                    Ok(Some(date)) => {
                        let excel = ExcelDateTime::from_ymd(
                            date.year() as u16,
                            date.month() as u8,
                            date.day() as u8,
                        )?;
                        sheet.write_datetime_with_format(
                            excel_row,
                            column,
                            &excel,
                            &date_format,
                        )?;
                    }
                    _ => {
                        sheet.write_string(excel_row, column, text)?;
                    }
                },
                ColumnKind::Number => match text.parse::<f64>() {
                    Ok(number) => {
                        sheet.write_number(excel_row, column, number)?;
                    }
                    Err(_) => {
                        sheet.write_string(excel_row, column, text)?;
                    }
                },
                ColumnKind::Text => {
                    sheet.write_string(excel_row, column, text)?;
                }
            }
        }
    }
    workbook.save_to_buffer()
}

/// What the command line asked for.
struct Options {
    spec: SchoolSpec,
    out: Option<PathBuf>,
    formats: Vec<String>,
    /// How many termly drops: 1 writes the single school as of `spec.as_of`.
    drops: usize,
    /// `--schools N`: a local authority's file of N schools instead of one school.
    schools: Option<usize>,
}

/// The most drops one run writes: ten years of terms.
const MOST_DROPS: usize = 30;

/// The most schools one local authority's file holds.
const MOST_SCHOOLS: usize = 2000;

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        spec: SchoolSpec::default(),
        out: None,
        formats: vec!["csv".to_string(), "xlsx".to_string()],
        drops: 1,
        schools: None,
    };
    let mut name_given = false;
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--pupils" => {
                options.spec.pupils = value
                    .replace(',', "")
                    .parse()
                    .map_err(|_| format!("--pupils expects a whole number, not {value:?}"))?;
            }
            "--phase" => {
                options.spec.phase = Phase::parse(value).ok_or_else(|| {
                    format!("--phase expects primary, secondary or all-through, not {value:?}")
                })?;
            }
            "--seed" => {
                options.spec.seed = value
                    .parse()
                    .map_err(|_| format!("--seed expects a whole number, not {value:?}"))?;
            }
            "--as-of" => {
                options.spec.as_of = parse_date(value).ok().flatten().ok_or_else(|| {
                    format!("--as-of expects a date such as 13/03/2026, not {value:?}")
                })?;
            }
            "--name" => {
                options.spec.name = value.clone();
                name_given = true;
            }
            "--out" => options.out = Some(PathBuf::from(value)),
            "--drops" => {
                options.drops = value
                    .parse()
                    .ok()
                    .filter(|drops| (1..=MOST_DROPS).contains(drops))
                    .ok_or_else(|| {
                        format!(
                            "--drops expects a whole number from 1 to {MOST_DROPS}, not {value:?}"
                        )
                    })?;
            }
            "--schools" => {
                options.schools = Some(
                    value
                        .replace(',', "")
                        .parse()
                        .ok()
                        .filter(|schools| (1..=MOST_SCHOOLS).contains(schools))
                        .ok_or_else(|| {
                            format!(
                                "--schools expects a whole number from 1 to {MOST_SCHOOLS}, not {value:?}"
                            )
                        })?,
                );
            }
            "--formats" => {
                options.formats = value
                    .split(',')
                    .map(|format| format.trim().to_ascii_lowercase())
                    .filter(|format| !format.is_empty())
                    .collect();
                if let Some(bad) = options
                    .formats
                    .iter()
                    .find(|format| !["csv", "xlsx", "ods", "xls"].contains(&format.as_str()))
                {
                    return Err(format!(
                        "--formats: unknown format {bad:?} (csv, xlsx, ods, xls)"
                    ));
                }
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.schools.is_some() && options.drops > 1 {
        return Err("--schools and --drops cannot be used together".to_string());
    }
    if options.schools.is_some() && !name_given {
        options.spec.name = "Made-up Borough Council".to_string();
    } else if !name_given {
        options.spec.name = match options.spec.phase {
            Phase::Primary => "Oakfield Primary (made-up)",
            Phase::Secondary => "Oakfield Academy (made-up)",
            Phase::AllThrough => "Oakfield All-Through School (made-up)",
        }
        .to_string();
    }
    Ok(options)
}

/// The path with `extension` added to its file name (`school_210` → `school_210.csv`).
fn with_extension(out: &Path, extension: &str) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(extension);
    out.with_file_name(name)
}

/// The path with `suffix` added to its file name (`x` and `autumn_2025-26` →
/// `x_autumn_2025-26`).
fn with_suffix(out: &Path, suffix: &str) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push("_");
    name.push(suffix);
    out.with_file_name(name)
}

/// `libreoffice` or `soffice`, when one is on PATH.
fn find_libreoffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        ["libreoffice", "soffice"]
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

fn size(path: &Path) -> String {
    match std::fs::metadata(path) {
        Ok(meta) => {
            let bytes = meta.len() as f64;
            if bytes >= 1024.0 * 1024.0 {
                format!("{:.1} MB", bytes / (1024.0 * 1024.0))
            } else {
                format!("{:.1} KB", bytes / 1024.0)
            }
        }
        Err(_) => "size unknown".to_string(),
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    println!("wrote {} ({})", path.display(), size(path));
    Ok(())
}

fn run(options: &Options) -> Result<(), String> {
    let spec = &options.spec;
    let out = options.out.clone().unwrap_or_else(|| {
        PathBuf::from(match options.schools {
            Some(schools) => format!("target/bench/la_{schools}"),
            None => format!("target/bench/school_{}", spec.pupils),
        })
    });
    if let Some(dir) = out.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
    }
    if options.drops > 1 {
        return run_drops(options, &out);
    }
    if let Some(schools) = options.schools {
        let la = generate_la(&LaSpec {
            seed: spec.seed,
            schools,
            as_of: spec.as_of,
            name: spec.name.clone(),
        });
        println!("{}", la.summary());
        write_school(&la.file, &out, &options.formats)?;
        return Ok(());
    }
    let school = generate(spec);
    println!(
        "{}: {} pupils, {:?}, seed {}, as of {}",
        school.name,
        school.rows.len(),
        spec.phase,
        spec.seed,
        spec.as_of.format("%d/%m/%Y")
    );
    write_school(&school, &out, &options.formats)?;
    Ok(())
}

/// `--drops N`: each drop's files, named with its term, and its summary on stderr.
fn run_drops(options: &Options, out: &Path) -> Result<(), String> {
    let spec = &options.spec;
    let drops = generate_drops(spec, options.drops);
    if let (Some(first), Some(last)) = (drops.first(), drops.last()) {
        println!(
            "{}: {} termly drops, {} to {}, about {} pupils, {:?}, seed {}",
            first.school.name,
            drops.len(),
            first.label(),
            last.label(),
            spec.pupils,
            spec.phase,
            spec.seed
        );
    }
    for drop in &drops {
        let files = write_school(
            &drop.school,
            &with_suffix(out, &drop.file_suffix()),
            &options.formats,
        )?;
        let files: Vec<String> = files
            .iter()
            .map(|file| file.display().to_string())
            .collect();
        eprintln!("{}", drop.summary(drops.len(), &files.join(" and ")));
    }
    Ok(())
}

/// Writes `school` as `<out>.<format>` for each of `formats`, and returns the files
/// written.
fn write_school(
    school: &SyntheticSchool,
    out: &Path,
    formats: &[String],
) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    let wants = |format: &str| formats.iter().any(|f| f == format);
    if wants("csv") {
        let path = with_extension(out, "csv");
        write(&path, planner::core::synthetic::to_csv(school).as_bytes())?;
        written.push(path);
    }
    let converted: Vec<&str> = ["ods", "xls"].into_iter().filter(|f| wants(f)).collect();
    if !wants("xlsx") && converted.is_empty() {
        return Ok(written);
    }
    let xlsx_path = with_extension(out, "xlsx");
    let xlsx = write_xlsx(school).map_err(|error| format!("cannot build the xlsx: {error}"))?;
    write(&xlsx_path, &xlsx)?;
    written.push(xlsx_path.clone());
    if converted.is_empty() {
        return Ok(written);
    }
    let Some(libreoffice) = find_libreoffice() else {
        println!(
            "note: LibreOffice is not on PATH, so {} skipped (they are converted from the xlsx)",
            converted.join(" and ")
        );
        return Ok(written);
    };
    let outdir = xlsx_path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    for format in converted {
        let status = Command::new(&libreoffice)
            .args(["--headless", "--convert-to", format, "--outdir"])
            .arg(outdir)
            .arg(&xlsx_path)
            .status()
            .map_err(|error| format!("cannot run {}: {error}", libreoffice.display()))?;
        let target = with_extension(out, format);
        if status.success() && target.is_file() {
            println!("wrote {} ({})", target.display(), size(&target));
            written.push(target);
        } else {
            return Err(format!(
                "LibreOffice could not convert to {format} ({status})"
            ));
        }
    }
    Ok(written)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_options(&args) {
        Ok(options) => options,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!(
                "usage: generate_school [--pupils N] [--phase primary|secondary|all-through] \
                 [--seed N] [--as-of dd/mm/yyyy] [--name TEXT] [--out PATH] \
                 [--formats csv,xlsx,ods,xls] [--drops N] [--schools N]"
            );
            return if message.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
