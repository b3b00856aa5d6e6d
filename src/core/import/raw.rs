//! The raw grid read from a file, before any header detection or mapping. Both the text
//! (CSV) and workbook readers produce it; everything after works on it alone.

/// One cell as the file held it. Formulas are never evaluated: a workbook's cached value
/// is used.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    /// Nothing, or only whitespace.
    #[default]
    Empty,
    /// Text as written (CSV cells are always text).
    Text(String),
    /// A number stored as a number.
    Number(f64),
    /// A date or date-time stored as a date: the Excel serial (1900 system; ODS dates
    /// are converted to the same scale).
    Date(f64),
    /// A boolean stored as a boolean.
    Bool(bool),
    /// An error value such as `#N/A` or `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// True for an empty cell or text that is only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, the way a person would read it in the spreadsheet: numbers
    /// without a needless ".0", dates as their serial (the value parsers understand
    /// serials), booleans as TRUE/FALSE.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(number) | Cell::Date(number) => format_number(*number),
            Cell::Bool(true) => "TRUE".to_string(),
            Cell::Bool(false) => "FALSE".to_string(),
            Cell::Error(error) => error.clone(),
        }
    }
}

/// Formats a float the way a spreadsheet shows a general number: integers without a
/// decimal point, other values with the shortest text that round-trips.
pub fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{}", number as i64)
    } else {
        format!("{number}")
    }
}

/// One sheet: its name and its rows (row 0 is the spreadsheet's row 1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawSheet {
    /// The sheet's name; for a text file, the file name.
    pub name: String,
    /// The rows, each as wide as its last non-empty cell.
    pub rows: Vec<Vec<Cell>>,
}

/// What kind of file the bytes turned out to be (never taken from the file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Office Open XML workbook (.xlsx, .xlsm).
    Xlsx,
    /// Excel binary workbook (.xlsb).
    Xlsb,
    /// Excel 97–2003 workbook (.xls).
    Xls,
    /// OpenDocument spreadsheet (.ods).
    Ods,
    /// Delimited text (.csv, .tsv, .txt).
    Text,
}

/// Every sheet read from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct RawWorkbook {
    /// What the bytes were.
    pub kind: FileKind,
    /// The sheets in file order.
    pub sheets: Vec<RawSheet>,
    /// True when numbers in this file may use a comma as the decimal separator
    /// (`93,5`), as semicolon-delimited text written on a European PC does. Cell text is
    /// left as written; value parsing reads `93,5` as 93.5 when this is set.
    pub decimal_comma: bool,
    /// Plain-English notes about anything the reader left out (cells beyond the row or
    /// column limits, for example), so nothing is dropped silently. Shown to the user.
    pub notices: Vec<String>,
}

impl RawWorkbook {
    /// A workbook of `kind` holding `sheets`, with no decimal comma and no notices.
    pub fn new(kind: FileKind, sheets: Vec<RawSheet>) -> Self {
        RawWorkbook {
            kind,
            sheets,
            decimal_comma: false,
            notices: Vec::new(),
        }
    }
}
