//! Delimited text (.csv, .tsv, .txt): decode the bytes, sniff the delimiter and read the
//! rows. Every cell is [`Cell::Text`] as written (less control characters) or
//! [`Cell::Empty`]; value parsing happens later.

use std::borrow::Cow;

use super::error::ImportError;
use super::raw::{Cell, FileKind, RawSheet, RawWorkbook};
use super::read::Limits;

/// The sheet name given to a text file's single sheet. The caller may replace it with
/// the file's name, which the reader never sees.
pub const TEXT_SHEET_NAME: &str = "Sheet1";

/// How many logical lines [`sniff_delimiter`] looks at.
const SNIFF_LINES: usize = 20;
/// How many characters [`sniff_delimiter`] looks at, at most.
const SNIFF_CHARS: usize = 64 * 1024;

/// The character encoding a text file turned out to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 with a byte-order mark (as Excel's "CSV UTF-8" writes it).
    Utf8Bom,
    /// UTF-8 without a byte-order mark (plain ASCII counts as this).
    Utf8,
    /// UTF-16, little-endian, with a byte-order mark ("Unicode text" from Excel).
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16Be,
    /// Windows-1252, as Excel writes "CSV (Comma delimited)" on a UK PC.
    Windows1252,
}

/// Decodes text bytes: a byte-order mark decides UTF-8 or UTF-16; otherwise strict UTF-8,
/// and Windows-1252 when the bytes are not valid UTF-8. Never fails: Windows-1252 gives
/// every byte a character, and malformed UTF-16 becomes U+FFFD.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let (text, _) = encoding_rs::UTF_8.decode_without_bom_handling(rest);
        return (text, TextEncoding::Utf8Bom);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return (text, TextEncoding::Utf16Le);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return (text, TextEncoding::Utf16Be);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), TextEncoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, TextEncoding::Windows1252)
        }
    }
}

/// Picks the delimiter among comma, semicolon and tab: for each, count it outside quotes
/// on each of the first 20 lines, and prefer the one that gives the same number of columns
/// (more than one) on the most lines, then the most columns. Comma when none fits.
pub fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b'\t', b';'];
    let lines = count_outside_quotes(text, &CANDIDATES);
    let mut best = (b',', 0usize, 0usize); // (delimiter, consistent lines, count)
    for (index, &delimiter) in CANDIDATES.iter().enumerate() {
        let counts: Vec<usize> = lines.iter().map(|line| line[index]).collect();
        let Some((mode, consistent)) = mode_of(&counts) else {
            continue;
        };
        if mode == 0 {
            continue;
        }
        if (consistent, mode) > (best.1, best.2) {
            best = (delimiter, consistent, mode);
        }
    }
    best.0
}

/// For each of the first lines that are not blank (a quoted newline does not end a line),
/// how many times each candidate appears outside quotes.
fn count_outside_quotes(text: &str, candidates: &[u8; 3]) -> Vec<[usize; 3]> {
    let mut lines = Vec::new();
    let mut current = [0usize; 3];
    let mut line_has_text = false;
    let mut in_quotes = false;
    for character in text.chars().take(SNIFF_CHARS) {
        match character {
            '"' => in_quotes = !in_quotes,
            '\n' | '\r' if !in_quotes => {
                if line_has_text {
                    lines.push(current);
                    if lines.len() == SNIFF_LINES {
                        return lines;
                    }
                }
                current = [0; 3];
                line_has_text = false;
                continue;
            }
            _ => {
                if let Some(index) = candidates.iter().position(|&c| char::from(c) == character) {
                    if !in_quotes {
                        current[index] += 1;
                    }
                }
            }
        }
        if !character.is_whitespace() {
            line_has_text = true;
        }
    }
    if line_has_text {
        lines.push(current);
    }
    lines
}

/// The most common value and how many times it occurs (the larger value on a tie).
fn mode_of(values: &[usize]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for &value in values {
        let occurrences = values.iter().filter(|&&other| other == value).count();
        let better = match best {
            None => true,
            Some((best_value, best_occurrences)) => {
                (occurrences, value) > (best_occurrences, best_value)
            }
        };
        if better {
            best = Some((value, occurrences));
        }
    }
    best
}

/// Reads delimited text into a one-sheet [`RawWorkbook`], within `limits`.
pub fn read_text(bytes: &[u8], limits: &Limits) -> Result<RawWorkbook, ImportError> {
    let (text, _encoding) = decode(bytes);
    let (delimiter, body) = match explicit_separator(&text) {
        Some((delimiter, body)) => (delimiter, body),
        None => (sniff_delimiter(&text), &*text),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());

    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut rows_cut_short = 0usize;
    let mut record = csv::ByteRecord::new();
    let mut records = 0usize;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => {
                return Err(ImportError::Damaged {
                    detail: format!("line {} could not be read", rows.len() + 1),
                })
            }
        }
        records += 1;
        if rows.len() >= limits.max_rows {
            // Lines of nothing but separators (",,,"), as Excel saves below a list, are
            // not rows of data; anything else past the limit refuses the file at once.
            if record
                .iter()
                .any(|field| !field.iter().all(u8::is_ascii_whitespace))
            {
                return Err(ImportError::TooManyRows {
                    sheet: None,
                    row: records,
                    limit: limits.max_rows,
                });
            }
            continue;
        }
        if record.len() > limits.max_columns
            && record
                .iter()
                .skip(limits.max_columns)
                .any(|field| !field.is_empty())
        {
            rows_cut_short += 1;
        }
        let mut row: Vec<Cell> = record
            .iter()
            .take(limits.max_columns)
            .map(|field| text_cell(&String::from_utf8_lossy(field)))
            .collect();
        trim_trailing_empty(&mut row);
        rows.push(row);
    }

    let decimal_comma = delimiter == b';'
        && rows
            .iter()
            .flatten()
            .any(|cell| matches!(cell, Cell::Text(text) if is_decimal_comma_number(text)));
    let mut raw = RawWorkbook::new(
        FileKind::Text,
        vec![RawSheet {
            name: TEXT_SHEET_NAME.to_string(),
            rows,
        }],
    );
    raw.decimal_comma = decimal_comma;
    if rows_cut_short > 0 {
        raw.notices.push(format!(
            "Only the first {} were read: {} had more, which {} left out.",
            count_of(limits.max_columns, "column", "columns"),
            count_of(rows_cut_short, "row", "rows"),
            were(rows_cut_short)
        ));
    }
    Ok(raw)
}

/// Excel's `sep=;` first line, which names the delimiter: the delimiter and the text
/// after that line.
fn explicit_separator(text: &str) -> Option<(u8, &str)> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first_line = text[..first_line_end].trim_end_matches('\r');
    let rest = first_line.strip_prefix("sep=")?;
    let mut characters = rest.chars();
    let delimiter = characters.next()?;
    if characters.next().is_some() || !delimiter.is_ascii() || delimiter == '"' {
        return None;
    }
    let body = text.get(first_line_end + 1..).unwrap_or("");
    Some((delimiter as u8, body))
}

/// One CSV field as a cell: control characters other than tab and newline removed
/// (a NUL in a name, a carriage return from a Windows line ending inside quotes), and
/// blank text as [`Cell::Empty`]. Otherwise the text is kept exactly as written.
pub fn text_cell(field: &str) -> Cell {
    let cleaned = strip_control_characters(field);
    if cleaned.trim().is_empty() {
        Cell::Empty
    } else {
        Cell::Text(cleaned.into_owned())
    }
}

/// Removes C0 control characters except tab and newline, and DEL.
pub fn strip_control_characters(text: &str) -> Cow<'_, str> {
    let unwanted = |character: char| {
        (character.is_ascii_control() && character != '\t' && character != '\n')
            || character == '\u{7F}'
    };
    if text.chars().any(unwanted) {
        Cow::Owned(
            text.chars()
                .filter(|&character| !unwanted(character))
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// Drops empty cells from the end of a row, so each row is as wide as its last value.
pub fn trim_trailing_empty(row: &mut Vec<Cell>) {
    while row.last().is_some_and(|cell| *cell == Cell::Empty) {
        row.pop();
    }
}

/// True for text like `93,5`, `-0,25` or `93,5%`: a number written with a decimal comma.
fn is_decimal_comma_number(text: &str) -> bool {
    let text = text.trim();
    let text = text.strip_suffix('%').unwrap_or(text).trim_end();
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    match text.split_once(',') {
        Some((whole, fraction)) => {
            !whole.is_empty()
                && !fraction.is_empty()
                && whole.bytes().all(|byte| byte.is_ascii_digit())
                && fraction.bytes().all(|byte| byte.is_ascii_digit())
        }
        None => false,
    }
}

/// "1 row" or "2,000 rows".
pub(super) fn count_of(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", group_thousands(count))
    }
}

/// "was" for one, "were" for any other number.
pub(super) fn were(count: usize) -> &'static str {
    if count == 1 {
        "was"
    } else {
        "were"
    }
}

/// 200000 as "200,000".
pub fn group_thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap; the code under test may not
mod tests {
    use super::*;

    fn text(value: &str) -> Cell {
        Cell::Text(value.to_string())
    }

    fn read(bytes: &[u8]) -> RawWorkbook {
        read_text(bytes, &Limits::default()).unwrap()
    }

    fn check_delimiter(input: &str, expected: u8) {
        assert_eq!(
            char::from(sniff_delimiter(input)),
            char::from(expected),
            "{input:?}"
        );
    }

    #[test]
    fn delimiters_are_sniffed() {
        check_delimiter("UPN,Surname,Forename\nA1,Smith,Jo\nA2,Jones,Al\n", b',');
        check_delimiter("UPN;Surname;Forename\nA1;Smith;Jo\nA2;Jones;Al\n", b';');
        check_delimiter("UPN\tSurname\tForename\nA1\tSmith\tJo\n", b'\t');
        // A decimal comma in a semicolon file does not make it comma-delimited.
        check_delimiter("Name;Att;Score\nSmith;93,5;1\nJones;88,25;2\n", b';');
        // Commas inside quotes don't count.
        check_delimiter(
            "Name;Notes;Year\n\"Smith, Jo\";\"nuts, eggs, milk\";7\nJones;\"a, b\";8\n",
            b';',
        );
        // Semicolons in a free-text column of a comma file don't win.
        check_delimiter(
            "UPN,Surname,Notes\nA1,Smith,see SENCO; call home\nA2,Jones,\nA3,Khan,ok\n",
            b',',
        );
        // A title row above the header doesn't throw the count.
        check_delimiter(
            "Pupil list\nUPN\tName\tYear\nA1\tSmith\t7\nA2\tJones\t8\n",
            b'\t',
        );
        // Quoted newlines don't split a line.
        check_delimiter("a,b,c\n\"one\ntwo; three\",x,y\n1,2,3\n", b',');
        // One column only: comma.
        check_delimiter("Surname\nSmith\nJones\n", b',');
    }

    #[test]
    fn encodings_are_decoded() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFZo\xC3\xAB"),
            ("Zoë".into(), TextEncoding::Utf8Bom)
        );
        assert_eq!(decode("Zoë".as_bytes()), ("Zoë".into(), TextEncoding::Utf8));
        assert_eq!(
            decode(b"\xA312 Ren\xE9e"),
            ("£12 Renée".into(), TextEncoding::Windows1252)
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë,£5".encode_utf16().flat_map(|unit| unit.to_le_bytes()))
            .collect();
        assert_eq!(decode(&le), ("Zoë,£5".into(), TextEncoding::Utf16Le));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Zoë".encode_utf16().flat_map(|unit| unit.to_be_bytes()))
            .collect();
        assert_eq!(decode(&be), ("Zoë".into(), TextEncoding::Utf16Be));
    }

    #[test]
    fn utf16_tab_delimited_text_reads_as_excel_unicode_text() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "UPN\tSurname\r\nA1\tZoë\r\n"
                    .encode_utf16()
                    .flat_map(|unit| unit.to_le_bytes()),
            )
            .collect();
        let raw = read(&bytes);
        assert_eq!(
            raw.sheets[0].rows,
            vec![
                vec![text("UPN"), text("Surname")],
                vec![text("A1"), text("Zoë")]
            ]
        );
    }

    #[test]
    fn quotes_newlines_and_blanks_are_kept_as_written() {
        let raw = read(b"Name,Notes,,\r\n\"Smith, Jo\",\"line one\r\nline two\",, \r\n\r\n ,,\r\n");
        let rows = &raw.sheets[0].rows;
        assert_eq!(rows[0], vec![text("Name"), text("Notes")]);
        assert_eq!(rows[1], vec![text("Smith, Jo"), text("line one\nline two")]);
        // The blank line and the row of blanks are kept (as empty rows) so row numbers
        // still match the file.
        assert_eq!(rows.len(), 3);
        assert!(rows[2].is_empty());
        assert_eq!(raw.kind, FileKind::Text);
        assert!(!raw.decimal_comma);
    }

    #[test]
    fn control_characters_are_removed() {
        assert_eq!(text_cell("Null\0Byte"), text("NullByte"));
        assert_eq!(text_cell("a\tb\nc\x07\x1B\x7F"), text("a\tb\nc"));
        assert_eq!(text_cell("\0 \0"), Cell::Empty);
        assert_eq!(
            text_cell("\u{202E}evil\u{202C}"),
            text("\u{202E}evil\u{202C}")
        );
    }

    #[test]
    fn decimal_comma_is_recorded_for_semicolon_files() {
        let raw = read(b"Name;Attendance\nSmith;93,5\nJones;88\n");
        assert!(raw.decimal_comma);
        assert_eq!(raw.sheets[0].rows[1], vec![text("Smith"), text("93,5")]);
        assert!(!read(b"Name;Attendance\nSmith;93.5\n").decimal_comma);
        assert!(!read(b"Name,Attendance\nSmith,\"93,5\"\n").decimal_comma);
    }

    #[test]
    fn excel_sep_line_names_the_delimiter() {
        let raw = read(b"sep=;\r\nName;Notes\r\nSmith, Jo;x\r\n");
        assert_eq!(
            raw.sheets[0].rows,
            vec![
                vec![text("Name"), text("Notes")],
                vec![text("Smith, Jo"), text("x")]
            ]
        );
    }

    #[test]
    fn columns_beyond_the_limit_are_left_out_with_a_notice() {
        let limits = Limits {
            max_columns: 2,
            ..Limits::default()
        };
        let raw = read_text(b"a,b,c\nd,e\n", &limits).unwrap();
        assert_eq!(
            raw.sheets[0].rows,
            vec![vec![text("a"), text("b")], vec![text("d"), text("e")]]
        );
        assert_eq!(raw.notices.len(), 1, "{:?}", raw.notices);
        assert!(
            raw.notices[0].contains("1 row had more"),
            "{:?}",
            raw.notices
        );
    }

    #[test]
    fn a_file_exactly_at_the_row_limit_is_read_and_one_row_more_is_refused() {
        let limits = Limits {
            max_rows: 3,
            ..Limits::default()
        };
        // Exactly 3 rows, then lines of separators only (as Excel saves them): read.
        let raw = read_text(b"UPN,Surname\n1,A\n2,B\n,,\n , \n", &limits).unwrap();
        assert_eq!(raw.sheets[0].rows.len(), 3);
        assert!(raw.notices.is_empty(), "{:?}", raw.notices);
        let error = read_text(b"UPN,Surname\n1,A\n2,B\n,,\n3,C\n4,D\n", &limits).unwrap_err();
        assert_eq!(
            error,
            ImportError::TooManyRows {
                sheet: None,
                row: 5,
                limit: 3
            }
        );
        let message = error.to_string();
        assert!(
            message.contains(": it goes on past row 3 (there is something in row 5)"),
            "{message}"
        );
        assert!(message.contains("at most 3 rows at a time"), "{message}");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(7), "7");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(200_000), "200,000");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }
}
