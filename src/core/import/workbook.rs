//! Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) read with calamine, inside guard rails:
//!
//! - a compressed workbook's parts are checked before calamine sees them: declared and
//!   real unpacked sizes, compression ratio (zip bombs), shared-string counts, and for
//!   .ods the number of cells its repeat counts would expand to;
//! - an .xls file's declared sheet dimensions are checked and neutralised, and its real
//!   cell area measured, before calamine allocates from them;
//! - .xlsx and .xlsb sheets are streamed cell by cell, never allocated from the sheet's
//!   declared dimension; a sheet going on past [`Limits::max_rows`] is refused the moment
//!   that row streams in (the rest is never read), and cells beyond the other limits are
//!   left out with a notice;
//! - formulas are never evaluated: the cached value is used.
//!
//! calamine reads XML with quick-xml, which does not expand external entities; nothing
//! here parses XML beyond looking for a few attribute values.

use std::borrow::Cow;
use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Ods, Reader, SheetType, Xls, Xlsb, Xlsx};
use chrono::{NaiveDate, NaiveDateTime};

use super::error::ImportError;
use super::raw::{Cell, FileKind, RawSheet, RawWorkbook};
use super::read::Limits;
use super::text::{count_of, group_thousands, text_cell, trim_trailing_empty, were};

/// Days between the 1904 and 1900 date systems.
const DAYS_1904_TO_1900: f64 = 1462.0;

/// Reads a workbook of `kind` (anything but [`FileKind::Text`]) into a [`RawWorkbook`].
pub fn read_workbook(
    bytes: &[u8],
    kind: FileKind,
    limits: &Limits,
) -> Result<RawWorkbook, ImportError> {
    match kind {
        FileKind::Xlsx => {
            check_zip(bytes, kind, limits)?;
            read_xlsx(bytes, limits)
        }
        FileKind::Xlsb => {
            check_zip(bytes, kind, limits)?;
            read_xlsb(bytes, limits)
        }
        FileKind::Ods => {
            check_zip(bytes, kind, limits)?;
            let workbook: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(ods_error)?;
            read_ranges(workbook, kind, false, limits, ods_error)
        }
        FileKind::Xls => {
            let bytes = check_xls(bytes, limits)?;
            let workbook: Xls<_> = Xls::new(Cursor::new(&*bytes)).map_err(xls_error)?;
            let is_1904 = workbook.has_1904_epoch();
            read_ranges(workbook, kind, is_1904, limits, xls_error)
        }
        FileKind::Text => super::text::read_text(bytes, limits),
    }
}

fn damaged(detail: &str) -> ImportError {
    ImportError::Damaged {
        detail: detail.to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// Zip guard rails
// ---------------------------------------------------------------------------------------

/// Checks a zip-based workbook before it is opened: every part's declared and real
/// unpacked size, the compression ratio of large parts, and the cell counts a part claims.
/// Reading the parts here also finds damage (a bad checksum, a cut-off part) early.
pub fn check_zip(bytes: &[u8], kind: FileKind, limits: &Limits) -> Result<(), ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| damaged("it seems to stop part-way through"))?;

    // Declared sizes first: cheap, and refuses most bombs without unpacking anything.
    let mut declared_total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|_| damaged("part of it could not be found"))?;
        if entry.encrypted() {
            return Err(ImportError::PasswordProtected);
        }
        let size = entry.size();
        declared_total = declared_total.saturating_add(size);
        if size > limits.max_unpacked_entry_bytes
            || declared_total > limits.max_unpacked_total_bytes
            || ratio_is_absurd(size, entry.compressed_size(), limits)
        {
            return Err(ImportError::TooBigWhenUnpacked);
        }
    }

    // Then the real sizes, streamed through a small buffer: a part may claim one size
    // and unpack to another.
    let mut buffer = vec![0u8; 64 * 1024];
    let mut real_total: u64 = 0;
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|_| damaged("part of it is stored in a way the planner can't read"))?;
        if entry.is_dir() {
            continue;
        }
        let compressed = entry.compressed_size();
        let name = entry
            .name()
            .map(|name| name.to_ascii_lowercase())
            .unwrap_or_default();
        let mut scan = PartScan::for_part(&name, kind, limits.max_cells as u64);
        let mut real: u64 = 0;
        loop {
            let read = entry
                .read(&mut buffer)
                .map_err(|_| damaged("part of it is cut off or corrupt"))?;
            if read == 0 {
                break;
            }
            real += read as u64;
            real_total += read as u64;
            if real > limits.max_unpacked_entry_bytes
                || real_total > limits.max_unpacked_total_bytes
                || ratio_is_absurd(real, compressed, limits)
            {
                return Err(ImportError::TooBigWhenUnpacked);
            }
            scan.feed(&buffer[..read]);
            if scan.too_big(real) {
                return Err(ImportError::TooBigWhenUnpacked);
            }
        }
    }
    Ok(())
}

/// True when a part of `size` bytes packed into `compressed` bytes is large and packed
/// far tighter than any real spreadsheet part.
fn ratio_is_absurd(size: u64, compressed: u64, limits: &Limits) -> bool {
    size >= limits.ratio_check_from_bytes && size / compressed.max(1) > limits.max_compression_ratio
}

/// What [`check_zip`] looks for inside a part as it streams past.
enum PartScan {
    /// Nothing to look for.
    Nothing,
    /// An .xlsx shared-strings part: the `uniqueCount` it declares, which calamine
    /// reserves space for up front.
    SharedStrings { head: Vec<u8>, max_cells: u64 },
    /// An .ods `content.xml`: how many cells its repeat counts expand to.
    OdsContent(OdsCellCount, u64),
}

impl PartScan {
    const HEAD_BYTES: usize = 4096;

    fn for_part(name: &str, kind: FileKind, max_cells: u64) -> Self {
        match kind {
            FileKind::Xlsx if name.ends_with("sharedstrings.xml") => PartScan::SharedStrings {
                head: Vec::new(),
                max_cells,
            },
            FileKind::Ods if name == "content.xml" => {
                PartScan::OdsContent(OdsCellCount::default(), max_cells)
            }
            _ => PartScan::Nothing,
        }
    }

    fn feed(&mut self, chunk: &[u8]) {
        match self {
            PartScan::Nothing => {}
            PartScan::SharedStrings { head, .. } => {
                let wanted = Self::HEAD_BYTES.saturating_sub(head.len());
                head.extend_from_slice(&chunk[..chunk.len().min(wanted)]);
            }
            PartScan::OdsContent(count, _) => count.feed(chunk),
        }
    }

    /// True when the part claims more than a workbook may hold, given that `real` bytes
    /// of it have been read so far.
    fn too_big(&self, real: u64) -> bool {
        match self {
            PartScan::Nothing => false,
            PartScan::SharedStrings { head, max_cells } => {
                let Some(count) = attribute_number(head, b"uniqueCount=\"") else {
                    return false;
                };
                // Each string takes at least a few bytes of XML; allow generously.
                count > *max_cells && count > real.saturating_mul(4).max(1 << 20)
            }
            PartScan::OdsContent(count, max_cells) => count.cells() > *max_cells,
        }
    }
}

/// The number in `name"123"` (with `name` ending in `="`) found in `text`; `u64::MAX`
/// when the digits don't fit.
fn attribute_number(text: &[u8], name: &[u8]) -> Option<u64> {
    let start = text.windows(name.len()).position(|window| window == name)? + name.len();
    let digits: Vec<u8> = text[start..]
        .iter()
        .take_while(|byte| byte.is_ascii_digit())
        .copied()
        .collect();
    if digits.is_empty() || start + digits.len() >= text.len() {
        return None;
    }
    Some(
        std::str::from_utf8(&digits)
            .ok()
            .and_then(|digits| digits.parse().ok())
            .unwrap_or(u64::MAX),
    )
}

/// Counts, as an .ods `content.xml` streams past, how many cells calamine would lay out:
/// for each table, the rows up to the last with a value times the widest row's width up
/// to its last value, with every `number-rows-repeated` and `number-columns-repeated`
/// expanded. A tag scanner, not an XML parser: it only needs tag names and two attributes.
#[derive(Debug, Default)]
struct OdsCellCount {
    in_tag: bool,
    tag: Vec<u8>,
    finished_tables: u64,
    rows: u64,
    rows_through_last_value: u64,
    widest: u64,
    row_repeat: u64,
    row_cells: u64,
    row_through_last_value: u64,
}

impl OdsCellCount {
    const TAG_BYTES: usize = 2048;

    fn feed(&mut self, chunk: &[u8]) {
        for &byte in chunk {
            if self.in_tag {
                if byte == b'>' {
                    self.in_tag = false;
                    let tag = std::mem::take(&mut self.tag);
                    self.tag_ended(&tag);
                    self.tag = tag;
                } else if self.tag.len() < Self::TAG_BYTES {
                    self.tag.push(byte);
                }
            } else if byte == b'<' {
                self.in_tag = true;
                self.tag.clear();
            }
        }
    }

    /// Cells laid out so far, including the table being read.
    fn cells(&self) -> u64 {
        self.finished_tables
            .saturating_add(self.rows_through_last_value.saturating_mul(self.widest))
    }

    fn tag_ended(&mut self, tag: &[u8]) {
        let name_end = tag
            .iter()
            .position(|byte| {
                byte.is_ascii_whitespace() || *byte == b'/' && tag.first() != Some(&b'/')
            })
            .unwrap_or(tag.len());
        let name = &tag[..name_end];
        let self_closing = tag.last() == Some(&b'/');
        let repeat = |attribute: &[u8]| attribute_number(tag, attribute).unwrap_or(1).max(1);
        match name {
            b"table:table" => {
                self.rows = 0;
                self.rows_through_last_value = 0;
                self.widest = 0;
            }
            b"/table:table" => {
                self.finished_tables = self.cells();
                self.rows = 0;
                self.rows_through_last_value = 0;
                self.widest = 0;
            }
            b"table:table-row" => {
                self.row_repeat = repeat(b"table:number-rows-repeated=\"");
                self.row_cells = 0;
                self.row_through_last_value = 0;
                if self_closing {
                    self.end_row();
                }
            }
            b"/table:table-row" => self.end_row(),
            b"table:table-cell" | b"table:covered-table-cell" => {
                self.row_cells = self
                    .row_cells
                    .saturating_add(repeat(b"table:number-columns-repeated=\""));
                if tag
                    .windows(18)
                    .any(|window| window == b"office:value-type=")
                {
                    self.row_through_last_value = self.row_cells;
                }
            }
            b"text:p" if !self_closing => self.row_through_last_value = self.row_cells,
            _ => {}
        }
    }

    fn end_row(&mut self) {
        self.rows = self.rows.saturating_add(self.row_repeat.max(1));
        if self.row_through_last_value > 0 {
            self.rows_through_last_value = self.rows;
            self.widest = self.widest.max(self.row_through_last_value);
        }
        self.row_cells = 0;
        self.row_through_last_value = 0;
        self.row_repeat = 1;
    }
}

// ---------------------------------------------------------------------------------------
// .xls guard rails
// ---------------------------------------------------------------------------------------

/// Checks an .xls file before calamine opens it. calamine reserves memory for each
/// sheet's declared dimension and lays each sheet out as a full rectangle of cells, so a
/// file that declares (or spreads its cells over) an enormous area could exhaust memory.
/// Declared dimensions that are impossible or far too large are blanked in a copy of the
/// bytes (calamine then works from the real cells); a real cell area that is too large is
/// refused. A file whose structure can't be followed here is passed on unchanged for
/// calamine to judge.
fn check_xls<'b>(bytes: &'b [u8], limits: &Limits) -> Result<Cow<'b, [u8]>, ImportError> {
    let Some(cfb) = Cfb::parse(bytes) else {
        return Ok(Cow::Borrowed(bytes));
    };
    let Some(stream) = cfb.workbook_stream() else {
        return Ok(Cow::Borrowed(bytes));
    };
    let data = stream.read(bytes);
    let scan = scan_biff(&data, limits.max_cells as u64);
    if scan.dense_cells > limits.max_cells as u64 {
        return Err(ImportError::TooBigWhenUnpacked);
    }
    if scan.bad_dimensions.is_empty() {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut patched = bytes.to_vec();
    for (start, len) in scan.bad_dimensions {
        for offset in start..start + len {
            if let Some(file_offset) = stream.file_offset(offset) {
                if let Some(byte) = patched.get_mut(file_offset) {
                    *byte = 0;
                }
            }
        }
    }
    Ok(Cow::Owned(patched))
}

/// What [`scan_biff`] found in a workbook stream.
#[derive(Debug, Default, PartialEq)]
struct BiffScan {
    /// Cells calamine would lay out: each sheet's real cell area, summed.
    dense_cells: u64,
    /// Stream offset and length of each DIMENSIONS record body to blank.
    bad_dimensions: Vec<(usize, usize)>,
}

/// Walks the BIFF records of an .xls workbook stream, the way calamine does.
fn scan_biff(stream: &[u8], max_cells: u64) -> BiffScan {
    let mut scan = BiffScan::default();
    let mut depth = 0usize;
    let mut bounds: Option<(u32, u32, u32, u32)> = None; // row min, row max, col min, col max
    let mut position = 0usize;
    let u16_at = |data: &[u8], at: usize| -> Option<u32> {
        Some(u32::from(u16::from_le_bytes([
            *data.get(at)?,
            *data.get(at + 1)?,
        ])))
    };
    while position + 4 <= stream.len() {
        let record_type = u16_at(stream, position).unwrap_or(0);
        let len = u16_at(stream, position + 2).unwrap_or(0) as usize;
        let body_start = position + 4;
        let Some(body) = stream.get(body_start..body_start + len) else {
            break;
        };
        position = body_start + len;
        let mut add_cell = |row: u32, col: u32| {
            bounds = Some(match bounds {
                None => (row, row, col, col),
                Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
            });
        };
        match record_type {
            0x0809 => {
                depth += 1;
                if depth == 1 {
                    bounds = None;
                }
            }
            0x000A => {
                if depth == 1 {
                    if let Some((r0, r1, c0, c1)) = bounds.take() {
                        let area = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
                        scan.dense_cells = scan.dense_cells.saturating_add(area);
                    }
                }
                depth = depth.saturating_sub(1);
            }
            0x0200 if dimensions_are_dangerous(body, max_cells) => {
                scan.bad_dimensions.push((body_start, len));
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if depth == 1 => {
                if let (Some(row), Some(col)) = (u16_at(body, 0), u16_at(body, 2)) {
                    add_cell(row, col);
                }
            }
            0x00BD if depth == 1 && len >= 6 => {
                if let (Some(row), Some(first), Some(last)) =
                    (u16_at(body, 0), u16_at(body, 2), u16_at(body, len - 2))
                {
                    add_cell(row, first);
                    add_cell(row, last.max(first));
                }
            }
            _ => {}
        }
    }
    scan
}

/// True when a DIMENSIONS record would make calamine reserve an enormous or impossible
/// area (mirroring calamine's own reading of the record).
fn dimensions_are_dangerous(body: &[u8], max_cells: u64) -> bool {
    let u16_at = |at: usize| u64::from(u16::from_le_bytes([body[at], body[at + 1]]));
    let u32_at = |at: usize| {
        u64::from(u32::from_le_bytes([
            body[at],
            body[at + 1],
            body[at + 2],
            body[at + 3],
        ]))
    };
    let (first_row, row_end, mut first_col, col_end) = match body.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return false, // calamine refuses these itself
    };
    if first_col > 0xFF || col_end < first_col {
        first_col = 0;
    }
    if row_end == 0 || col_end == 0 {
        return false;
    }
    if row_end - 1 < first_row || col_end - 1 < first_col {
        return true;
    }
    let area = (row_end - first_row).saturating_mul(col_end - first_col);
    area > max_cells
}

/// Just enough of an OLE compound file reader to find the workbook stream.
struct Cfb {
    sector_shift: u32,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    directory: Vec<DirectoryEntry>,
    mini_stream_cutoff: u64,
    mini_stream_sectors: Vec<u32>,
}

#[derive(Debug, Clone)]
struct DirectoryEntry {
    name: String,
    entry_type: u8,
    start: u32,
    size: u64,
}

/// Where a stream's bytes lie in the file: its sectors (or mini sectors) in order.
struct StreamLocation {
    /// File offset of each unit of the stream.
    unit_offsets: Vec<usize>,
    unit_size: usize,
    size: usize,
}

impl StreamLocation {
    fn file_offset(&self, stream_offset: usize) -> Option<usize> {
        let unit = self.unit_offsets.get(stream_offset / self.unit_size)?;
        Some(unit + stream_offset % self.unit_size)
    }

    fn read(&self, bytes: &[u8]) -> Vec<u8> {
        let mut data = Vec::with_capacity(self.size.min(bytes.len()));
        for &offset in &self.unit_offsets {
            let wanted = (self.size - data.len()).min(self.unit_size);
            match bytes.get(offset..offset + wanted) {
                Some(unit) => data.extend_from_slice(unit),
                None => break,
            }
            if data.len() >= self.size {
                break;
            }
        }
        data
    }
}

impl Cfb {
    const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;

    fn parse(bytes: &[u8]) -> Option<Cfb> {
        let u16_at = |at: usize| -> Option<u16> {
            Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
        };
        let u32_at = |at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
        };
        let sector_shift = u32::from(u16_at(0x1E)?);
        if sector_shift != 9 && sector_shift != 12 {
            return None;
        }
        let sector_size = 1usize << sector_shift;
        let sector_count = bytes.len() / sector_size;
        let sector = |id: u32| -> Option<&[u8]> {
            let start = (id as usize).checked_add(1)?.checked_mul(sector_size)?;
            bytes.get(start..start + sector_size)
        };
        let entries = |data: &[u8]| -> Vec<u32> {
            data.chunks_exact(4)
                .map(|word| u32::from_le_bytes([word[0], word[1], word[2], word[3]]))
                .collect()
        };

        // The FAT's own sectors: 109 in the header, the rest in a DIFAT chain.
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|index| u32_at(0x4C + index * 4))
            .filter(|&id| id != Self::FREE)
            .collect();
        let mut difat = u32_at(0x44)?;
        let mut difat_left = u32_at(0x48)?.min(sector_count as u32);
        while difat_left > 0 && difat != Self::END_OF_CHAIN && difat != Self::FREE {
            let words = entries(sector(difat)?);
            let (next, ids) = words.split_last()?;
            fat_sectors.extend(ids.iter().filter(|&&id| id != Self::FREE));
            difat = *next;
            difat_left -= 1;
        }
        let mut fat = Vec::new();
        for id in fat_sectors.into_iter().take(sector_count) {
            fat.extend(entries(sector(id)?));
        }

        let mut cfb = Cfb {
            sector_shift,
            fat,
            mini_fat: Vec::new(),
            directory: Vec::new(),
            mini_stream_cutoff: u64::from(u32_at(0x38)?),
            mini_stream_sectors: Vec::new(),
        };
        for id in cfb.chain(u32_at(0x30)?)? {
            for entry in sector(id)?.chunks_exact(128) {
                let name_len = usize::from(u16::from_le_bytes([entry[0x40], entry[0x41]]));
                let units: Vec<u16> = entry[..name_len.clamp(2, 64) - 2]
                    .chunks_exact(2)
                    .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                    .collect();
                cfb.directory.push(DirectoryEntry {
                    name: String::from_utf16_lossy(&units),
                    entry_type: entry[0x42],
                    start: u32::from_le_bytes([entry[0x74], entry[0x75], entry[0x76], entry[0x77]]),
                    size: u64::from(u32::from_le_bytes([
                        entry[0x78],
                        entry[0x79],
                        entry[0x7A],
                        entry[0x7B],
                    ])),
                });
            }
        }
        let root = cfb.directory.first()?.clone();
        cfb.mini_stream_sectors = cfb.chain(root.start).unwrap_or_default();
        let first_mini_fat = u32_at(0x3C)?;
        if first_mini_fat != Self::END_OF_CHAIN {
            for id in cfb.chain(first_mini_fat).unwrap_or_default() {
                cfb.mini_fat.extend(entries(sector(id)?));
            }
        }
        Some(cfb)
    }

    /// The sectors of the chain starting at `start`, or `None` for a broken or looping
    /// chain.
    fn chain(&self, start: u32) -> Option<Vec<u32>> {
        Self::follow(&self.fat, start)
    }

    fn follow(table: &[u32], start: u32) -> Option<Vec<u32>> {
        let mut chain = Vec::new();
        let mut id = start;
        while id != Self::END_OF_CHAIN {
            if chain.len() > table.len() {
                return None; // a loop
            }
            chain.push(id);
            id = *table.get(id as usize)?;
        }
        Some(chain)
    }

    /// Where the `Workbook` (or older `Book`) stream is.
    fn workbook_stream(&self) -> Option<StreamLocation> {
        let entry = self.directory.iter().find(|entry| {
            entry.entry_type == 2
                && (entry.name.eq_ignore_ascii_case("Workbook")
                    || entry.name.eq_ignore_ascii_case("Book"))
        })?;
        let size = usize::try_from(entry.size).ok()?;
        let sector_size = 1usize << self.sector_shift;
        if entry.size >= self.mini_stream_cutoff {
            let unit_offsets = self
                .chain(entry.start)?
                .into_iter()
                .map(|id| (id as usize + 1) * sector_size)
                .collect();
            Some(StreamLocation {
                unit_offsets,
                unit_size: sector_size,
                size,
            })
        } else {
            const MINI: usize = 64;
            let mut unit_offsets = Vec::new();
            for id in Self::follow(&self.mini_fat, entry.start)? {
                let in_mini_stream = id as usize * MINI;
                let sector = self.mini_stream_sectors.get(in_mini_stream / sector_size)?;
                unit_offsets
                    .push((*sector as usize + 1) * sector_size + in_mini_stream % sector_size);
            }
            Some(StreamLocation {
                unit_offsets,
                unit_size: MINI,
                size,
            })
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading sheets
// ---------------------------------------------------------------------------------------

/// Builds one sheet's rows from cells in any order, within the limits, counting what is
/// left out.
struct SheetBuilder<'a> {
    limits: &'a Limits,
    name: String,
    rows: Vec<Vec<Cell>>,
    beyond_last_column: usize,
}

/// How many more cells (and row slots) the workbook may keep, and how many were refused.
struct CellBudget {
    remaining: usize,
    left_out: usize,
}

impl<'a> SheetBuilder<'a> {
    fn new(limits: &'a Limits, name: &str) -> Self {
        SheetBuilder {
            limits,
            name: name.to_string(),
            rows: Vec::new(),
            beyond_last_column: 0,
        }
    }

    /// Keeps one cell (0-based `row` and `column`). A non-blank cell past the last row a
    /// sheet may reach refuses the whole file: the caller stops reading at once.
    fn put(
        &mut self,
        row: u32,
        column: u32,
        cell: Cell,
        budget: &mut CellBudget,
    ) -> Result<(), ImportError> {
        if cell.is_blank() {
            return Ok(());
        }
        let (row, column) = (row as usize, column as usize);
        if row >= self.limits.max_rows {
            return Err(ImportError::TooManyRows {
                sheet: Some(self.name.clone()),
                row: row + 1,
                limit: self.limits.max_rows,
            });
        }
        if column >= self.limits.max_columns {
            self.beyond_last_column += 1;
            return Ok(());
        }
        let new_rows = (row + 1).saturating_sub(self.rows.len());
        let new_cells = self
            .rows
            .get(row)
            .map_or(column + 1, |cells| (column + 1).saturating_sub(cells.len()));
        if new_rows + new_cells > budget.remaining {
            budget.left_out += 1;
            return Ok(());
        }
        budget.remaining -= new_rows + new_cells;
        if new_rows > 0 {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = cell;
        Ok(())
    }

    fn finish(mut self, notices: &mut Vec<String>) -> RawSheet {
        let name = self.name;
        for row in &mut self.rows {
            trim_trailing_empty(row);
        }
        if self.beyond_last_column > 0 {
            notices.push(format!(
                "On sheet \u{201c}{name}\u{201d}, {} to the right of column {} {} left out: \
                 only the first {} columns of a sheet are read.",
                count_of(self.beyond_last_column, "cell", "cells"),
                group_thousands(self.limits.max_columns),
                were(self.beyond_last_column),
                group_thousands(self.limits.max_columns)
            ));
        }
        RawSheet {
            name,
            rows: self.rows,
        }
    }
}

fn budget_notice(budget: &CellBudget, limits: &Limits, notices: &mut Vec<String>) {
    if budget.left_out > 0 {
        notices.push(format!(
            "This workbook holds more than {} cells, so the last {} {} left out. Delete \
             unused sheets, rows and columns, save a copy and import that to read them all.",
            group_thousands(limits.max_cells),
            count_of(budget.left_out, "cell", "cells"),
            were(budget.left_out)
        ));
    }
}

/// Names of the worksheets to read, in workbook order (chart and dialog sheets have no
/// cells and are skipped).
fn worksheet_names<RS: std::io::Read + std::io::Seek, R: Reader<RS>>(workbook: &R) -> Vec<String> {
    workbook
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == SheetType::WorkSheet)
        .map(|sheet| sheet.name.clone())
        .collect()
}

fn sheet_damaged(name: &str) -> ImportError {
    ImportError::Damaged {
        detail: format!("the sheet \u{201c}{name}\u{201d} could not be read"),
    }
}

fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<RawWorkbook, ImportError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let is_1904 = workbook.has_1904_epoch();
    let mut budget = CellBudget {
        remaining: limits.max_cells,
        left_out: 0,
    };
    let mut raw = RawWorkbook::new(FileKind::Xlsx, Vec::new());
    for name in worksheet_names(&workbook) {
        let mut builder = SheetBuilder::new(limits, &name);
        let mut reader = match workbook.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            Err(calamine::XlsxError::Password) => return Err(ImportError::PasswordProtected),
            Err(_) => return Err(sheet_damaged(&name)),
        };
        while let Some(cell) = reader.next_cell().map_err(|_| sheet_damaged(&name))? {
            let (row, column) = cell.get_position();
            builder.put(
                row,
                column,
                from_data_ref(cell.get_value(), is_1904),
                &mut budget,
            )?;
        }
        raw.sheets.push(builder.finish(&mut raw.notices));
    }
    budget_notice(&budget, limits, &mut raw.notices);
    Ok(raw)
}

fn read_xlsb(bytes: &[u8], limits: &Limits) -> Result<RawWorkbook, ImportError> {
    let mut workbook: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(xlsb_error)?;
    let is_1904 = workbook.has_1904_epoch();
    let mut budget = CellBudget {
        remaining: limits.max_cells,
        left_out: 0,
    };
    let mut raw = RawWorkbook::new(FileKind::Xlsb, Vec::new());
    for name in worksheet_names(&workbook) {
        let mut builder = SheetBuilder::new(limits, &name);
        let mut reader = workbook
            .worksheet_cells_reader(&name)
            .map_err(|_| sheet_damaged(&name))?;
        while let Some(cell) = reader.next_cell().map_err(|_| sheet_damaged(&name))? {
            let (row, column) = cell.get_position();
            builder.put(
                row,
                column,
                from_data_ref(cell.get_value(), is_1904),
                &mut budget,
            )?;
        }
        raw.sheets.push(builder.finish(&mut raw.notices));
    }
    budget_notice(&budget, limits, &mut raw.notices);
    Ok(raw)
}

/// Reads .xls and .ods, which calamine lays out as whole ranges when the file is opened
/// (after the checks above have bounded their size).
fn read_ranges<RS, R>(
    mut workbook: R,
    kind: FileKind,
    is_1904: bool,
    limits: &Limits,
    to_error: fn(R::Error) -> ImportError,
) -> Result<RawWorkbook, ImportError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
{
    let mut budget = CellBudget {
        remaining: limits.max_cells,
        left_out: 0,
    };
    let mut raw = RawWorkbook::new(kind, Vec::new());
    for name in worksheet_names(&workbook) {
        let range = workbook.worksheet_range(&name).map_err(to_error)?;
        let mut builder = SheetBuilder::new(limits, &name);
        let (start_row, start_column) = range.start().unwrap_or((0, 0));
        for (row, column, value) in range.used_cells() {
            builder.put(
                start_row.saturating_add(row as u32),
                start_column.saturating_add(column as u32),
                from_data(value, is_1904),
                &mut budget,
            )?;
        }
        raw.sheets.push(builder.finish(&mut raw.notices));
    }
    budget_notice(&budget, limits, &mut raw.notices);
    Ok(raw)
}

// ---------------------------------------------------------------------------------------
// Cells and errors
// ---------------------------------------------------------------------------------------

/// A calamine value as a [`Cell`]. Dates become 1900-system serials; ISO dates (as .ods
/// stores them) too; durations become numbers of days.
pub fn from_data(value: &Data, is_1904: bool) -> Cell {
    match value {
        Data::Empty => Cell::Empty,
        Data::String(text) => text_cell(text),
        Data::Float(number) => number_cell(*number),
        Data::Int(number) => Cell::Number(*number as f64),
        Data::Bool(value) => Cell::Bool(*value),
        Data::DateTime(date) => date_cell(date, is_1904),
        Data::DateTimeIso(text) => iso_date_cell(text),
        Data::DurationIso(text) => text_cell(text),
        Data::Error(error) => Cell::Error(error.to_string()),
    }
}

/// A borrowed calamine value (from the streaming readers) as a [`Cell`].
pub fn from_data_ref(value: &DataRef<'_>, is_1904: bool) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::String(text) => text_cell(text),
        DataRef::SharedString(text) => text_cell(text),
        DataRef::Float(number) => number_cell(*number),
        DataRef::Int(number) => Cell::Number(*number as f64),
        DataRef::Bool(value) => Cell::Bool(*value),
        DataRef::DateTime(date) => date_cell(date, is_1904),
        DataRef::DateTimeIso(text) => iso_date_cell(text),
        DataRef::DurationIso(text) => text_cell(text),
        DataRef::Error(error) => Cell::Error(error.to_string()),
    }
}

fn number_cell(number: f64) -> Cell {
    if number.is_finite() {
        Cell::Number(number)
    } else {
        Cell::Error("#NUM!".to_string())
    }
}

fn date_cell(date: &calamine::ExcelDateTime, is_1904: bool) -> Cell {
    let serial = date.as_f64();
    if !serial.is_finite() {
        return Cell::Error("#NUM!".to_string());
    }
    if date.is_duration() {
        return Cell::Number(serial);
    }
    Cell::Date(if is_1904 {
        serial + DAYS_1904_TO_1900
    } else {
        serial
    })
}

/// An ISO date or date-time (`2014-04-21`, `2014-04-21T00:00:00`) as an Excel serial;
/// anything else stays text.
fn iso_date_cell(text: &str) -> Cell {
    let trimmed = text.trim();
    let Some(epoch) = NaiveDate::from_ymd_opt(1899, 12, 30) else {
        return text_cell(text);
    };
    if let Ok(date) = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d") {
        return Cell::Date((date - epoch).num_days() as f64);
    }
    if let Ok(date_time) = NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%dT%H:%M:%S%.f") {
        let days = (date_time.date() - epoch).num_days() as f64;
        let seconds = f64::from(chrono::Timelike::num_seconds_from_midnight(
            &date_time.time(),
        ));
        return Cell::Date(days + seconds / 86_400.0);
    }
    text_cell(text)
}

fn xlsx_error(error: calamine::XlsxError) -> ImportError {
    match error {
        calamine::XlsxError::Password => ImportError::PasswordProtected,
        _ => damaged("its contents could not be read"),
    }
}

fn xlsb_error(error: calamine::XlsbError) -> ImportError {
    match error {
        calamine::XlsbError::Password => ImportError::PasswordProtected,
        _ => damaged("its contents could not be read"),
    }
}

fn xls_error(error: calamine::XlsError) -> ImportError {
    match error {
        calamine::XlsError::Password => ImportError::PasswordProtected,
        _ => damaged("its contents could not be read"),
    }
}

fn ods_error(error: calamine::OdsError) -> ImportError {
    match error {
        calamine::OdsError::Password => ImportError::PasswordProtected,
        calamine::OdsError::CellLimitExceeded { .. } => ImportError::TooBigWhenUnpacked,
        _ => damaged("its contents could not be read"),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap; the code under test may not
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, contents) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(contents).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    /// Rewrites the uncompressed size that the central directory declares for every
    /// entry, as a zip bomb (or a damaged file) might.
    fn declare_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
        let mut at = 0;
        while let Some(found) = zip[at..].windows(4).position(|w| w == b"PK\x01\x02") {
            let header = at + found;
            zip[header + 24..header + 28].copy_from_slice(&size.to_le_bytes());
            at = header + 4;
        }
        zip
    }

    fn minimal_xlsx(sheet_data: &str, shared_strings: Option<&str>) -> Vec<u8> {
        let sheet = format!(
            "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/\
             spreadsheetml/2006/main\"><sheetData>{sheet_data}</sheetData></worksheet>"
        );
        let mut entries: Vec<(&str, Vec<u8>)> = vec![
            (
                "[Content_Types].xml",
                br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_vec(),
            ),
            (
                "_rels/.rels",
                br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec(),
            ),
            (
                "xl/workbook.xml",
                br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Pupils" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec(),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_vec(),
            ),
            ("xl/worksheets/sheet1.xml", sheet.into_bytes()),
        ];
        if let Some(strings) = shared_strings {
            entries.push(("xl/sharedStrings.xml", strings.as_bytes().to_vec()));
        }
        let borrowed: Vec<(&str, &[u8])> = entries
            .iter()
            .map(|(name, bytes)| (*name, bytes.as_slice()))
            .collect();
        zip_with(&borrowed, zip::CompressionMethod::Deflated)
    }

    fn read(bytes: &[u8], kind: FileKind) -> Result<RawWorkbook, ImportError> {
        read_workbook(bytes, kind, &Limits::default())
    }

    #[test]
    fn a_part_declaring_a_huge_size_is_refused_without_unpacking() {
        let zip = zip_with(
            &[("xl/workbook.xml", b"<x/>")],
            zip::CompressionMethod::Stored,
        );
        let bomb = declare_size(zip, 0xF000_0000);
        assert_eq!(
            check_zip(&bomb, FileKind::Xlsx, &Limits::default()),
            Err(ImportError::TooBigWhenUnpacked)
        );
    }

    #[test]
    fn parts_whose_sizes_add_up_to_too_much_are_refused() {
        let zip = zip_with(
            &[("a.xml", b"<x/>"), ("b.xml", b"<x/>"), ("c.xml", b"<x/>")],
            zip::CompressionMethod::Stored,
        );
        let bomb = declare_size(zip, 200 * 1024 * 1024);
        assert_eq!(
            check_zip(&bomb, FileKind::Xlsx, &Limits::default()),
            Err(ImportError::TooBigWhenUnpacked)
        );
    }

    #[test]
    fn an_absurdly_compressed_part_is_refused_as_a_zip_bomb() {
        // 12 MiB of zeros packs into a few KB: no real spreadsheet part does that.
        let zeros = vec![0u8; 12 * 1024 * 1024];
        let bomb = zip_with(
            &[("xl/worksheets/sheet1.xml", &zeros)],
            zip::CompressionMethod::Deflated,
        );
        assert!(bomb.len() < 100_000);
        assert_eq!(
            check_zip(&bomb, FileKind::Xlsx, &Limits::default()),
            Err(ImportError::TooBigWhenUnpacked)
        );
        // The same part claiming to be tiny never unpacks past its claim: the zip
        // reader stops there, so the lie shows up as damage.
        let liar = declare_size(bomb, 100);
        assert!(matches!(
            check_zip(&liar, FileKind::Xlsx, &Limits::default()),
            Err(ImportError::Damaged { .. })
        ));
    }

    #[test]
    fn a_corrupt_part_is_damaged() {
        let mut zip = zip_with(
            &[("xl/workbook.xml", &[b'x'; 200])],
            zip::CompressionMethod::Stored,
        );
        // Flip a byte of the stored contents: the checksum no longer matches.
        let at = zip.windows(5).position(|w| w == b"xxxxx").unwrap();
        zip[at] = b'y';
        assert!(matches!(
            check_zip(&zip, FileKind::Xlsx, &Limits::default()),
            Err(ImportError::Damaged { .. })
        ));
    }

    #[test]
    fn an_absurd_shared_string_count_is_refused_before_calamine_reserves_it() {
        let strings = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="999999999999"><si><t>UPN</t></si></sst>"#;
        let xlsx = minimal_xlsx(
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
            Some(strings),
        );
        assert_eq!(
            read(&xlsx, FileKind::Xlsx),
            Err(ImportError::TooBigWhenUnpacked)
        );
    }

    #[test]
    fn xlsx_cells_are_streamed_and_a_cell_far_below_refuses_the_file_naming_its_row() {
        let head = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>UPN</t></is></c><c r="C1" t="b"><v>1</v></c></row><row r="3"><c r="B3"><v>93.5</v></c><c r="D3" t="e"><v>#N/A</v></c></row>"#;
        let raw = read(&minimal_xlsx(head, None), FileKind::Xlsx).unwrap();
        assert_eq!(raw.sheets[0].name, "Pupils");
        assert_eq!(
            raw.sheets[0].rows,
            vec![
                vec![Cell::Text("UPN".into()), Cell::Empty, Cell::Bool(true)],
                vec![],
                vec![
                    Cell::Empty,
                    Cell::Number(93.5),
                    Cell::Empty,
                    Cell::Error("#N/A".into())
                ],
            ]
        );
        assert!(raw.notices.is_empty(), "{:?}", raw.notices);

        let far = format!(r#"{head}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
        let error = read(&minimal_xlsx(&far, None), FileKind::Xlsx).unwrap_err();
        assert_eq!(
            error,
            ImportError::TooManyRows {
                sheet: Some("Pupils".into()),
                row: 1_048_576,
                limit: 60_000
            }
        );
        let message = error.to_string();
        assert!(
            message.contains("\u{201c}Pupils\u{201d} goes on past row 60,000"),
            "{message}"
        );
        assert!(message.contains("something in row 1,048,576"), "{message}");
        assert!(message.contains("Split the file by school"), "{message}");
    }

    /// An .xlsx of `rows` rows: a heading, then one pupil a row.
    fn rows_xlsx(rows: u32) -> Vec<u8> {
        let mut data = String::from(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>UPN</t></is></c><c r="B1" t="inlineStr"><is><t>Surname</t></is></c></row>"#,
        );
        for row in 2..=rows {
            data.push_str(&format!(
                r#"<row r="{row}"><c r="A{row}"><v>{row}</v></c><c r="B{row}" t="inlineStr"><is><t>Pupil {row}</t></is></c></row>"#
            ));
        }
        minimal_xlsx(&data, None)
    }

    #[test]
    fn a_sheet_exactly_at_the_row_limit_is_read_and_one_row_more_is_refused() {
        let limits = Limits {
            max_rows: 50,
            ..Limits::default()
        };
        let raw = read_workbook(&rows_xlsx(50), FileKind::Xlsx, &limits).unwrap();
        assert_eq!(raw.sheets[0].rows.len(), 50);
        assert!(raw.notices.is_empty(), "{:?}", raw.notices);
        assert_eq!(
            read_workbook(&rows_xlsx(51), FileKind::Xlsx, &limits),
            Err(ImportError::TooManyRows {
                sheet: Some("Pupils".into()),
                row: 51,
                limit: 50
            })
        );
        // Blank cells further down (formatting, spaces) are not rows of data.
        let blank_below = minimal_xlsx(
            r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="90"><c r="A90" t="inlineStr"><is><t> </t></is></c></row>"#,
            None,
        );
        assert!(read_workbook(&blank_below, FileKind::Xlsx, &limits).is_ok());
    }

    #[test]
    fn the_row_limit_stops_reading_at_the_first_row_past_it() {
        let limits = Limits {
            max_rows: 2,
            ..Limits::default()
        };
        let mut budget = CellBudget {
            remaining: 100,
            left_out: 0,
        };
        let mut builder = SheetBuilder::new(&limits, "Pupils");
        assert_eq!(builder.put(1, 0, Cell::Number(1.0), &mut budget), Ok(()));
        assert_eq!(builder.put(2, 0, Cell::Empty, &mut budget), Ok(()));
        assert_eq!(
            builder.put(2, 3, Cell::Number(2.0), &mut budget),
            Err(ImportError::TooManyRows {
                sheet: Some("Pupils".into()),
                row: 3,
                limit: 2
            })
        );
    }

    #[test]
    fn the_cell_budget_stops_a_workbook_growing_without_end() {
        let limits = Limits::default();
        let mut budget = CellBudget {
            remaining: 10,
            left_out: 0,
        };
        let mut builder = SheetBuilder::new(&limits, "Sheet1");
        for (row, column, value) in [
            (0, 0, 1.0),  // 1 row + 1 cell
            (0, 5, 2.0),  // 5 more cells
            (50, 0, 3.0), // 50 rows: over budget
            (1, 0, 4.0),  // 1 row + 1 cell
        ] {
            builder
                .put(row, column, Cell::Number(value), &mut budget)
                .unwrap();
        }
        assert_eq!(budget.remaining, 1);
        assert_eq!(budget.left_out, 1);
        let mut notices = Vec::new();
        budget_notice(&budget, &limits, &mut notices);
        assert!(
            notices[0].contains("the last 1 cell was left out"),
            "{notices:?}"
        );
        let sheet = builder.finish(&mut notices);
        assert_eq!(sheet.rows.len(), 2);
    }

    #[test]
    fn ods_repeat_counts_are_counted_before_calamine_expands_them() {
        let row = r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#;
        let content = format!(
            r#"<?xml version="1.0"?><office:document-content><office:body><office:spreadsheet><table:table table:name="Sheet1">{row}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        let ods = zip_with(
            &[
                (
                    "mimetype",
                    b"application/vnd.oasis.opendocument.spreadsheet",
                ),
                ("content.xml", content.as_bytes()),
            ],
            zip::CompressionMethod::Deflated,
        );
        assert_eq!(
            read(&ods, FileKind::Ods),
            Err(ImportError::TooBigWhenUnpacked)
        );
    }

    #[test]
    fn ods_counting_ignores_empty_repeats_at_the_edges() {
        let mut count = OdsCellCount::default();
        count.feed(br#"<table:table table:name="Pupils"><table:table-row><table:table-cell office:value-type="string"><text:p>UPN</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16382"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>"#);
        assert_eq!(count.cells(), 2);
        // Split anywhere, the count is the same.
        let mut split = OdsCellCount::default();
        let text = br#"<table:table><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="4" office:value-type="float"/></table:table-row></table:table>"#;
        for chunk in text.chunks(7) {
            split.feed(chunk);
        }
        assert_eq!(split.cells(), 12);
    }

    #[test]
    fn xls_dimensions_that_are_impossible_or_huge_are_flagged() {
        let biff8 = |first_row: u32, row_end: u32, first_col: u16, col_end: u16| {
            let mut body = Vec::new();
            body.extend_from_slice(&first_row.to_le_bytes());
            body.extend_from_slice(&row_end.to_le_bytes());
            body.extend_from_slice(&first_col.to_le_bytes());
            body.extend_from_slice(&col_end.to_le_bytes());
            body.extend_from_slice(&[0, 0]);
            body
        };
        assert!(!dimensions_are_dangerous(&biff8(0, 211, 0, 20), 5_000_000));
        assert!(!dimensions_are_dangerous(&biff8(0, 0, 0, 0), 5_000_000));
        assert!(dimensions_are_dangerous(
            &biff8(0, 65_536, 0, 256),
            5_000_000
        ));
        assert!(dimensions_are_dangerous(
            &biff8(0, u32::MAX, 0, 200),
            5_000_000
        ));
        assert!(dimensions_are_dangerous(&biff8(500, 10, 0, 5), 5_000_000));
    }

    #[test]
    fn xls_real_cell_area_is_measured_per_sheet() {
        let record = |record_type: u16, body: &[u8]| {
            let mut bytes = record_type.to_le_bytes().to_vec();
            bytes.extend_from_slice(&(body.len() as u16).to_le_bytes());
            bytes.extend_from_slice(body);
            bytes
        };
        let number = |row: u16, col: u16| {
            let mut body = row.to_le_bytes().to_vec();
            body.extend_from_slice(&col.to_le_bytes());
            body.extend_from_slice(&[0; 10]);
            record(0x0203, &body)
        };
        let dims = record(0x0200, &[0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0]);
        let stream: Vec<u8> = [
            record(0x0809, &[0; 16]), // globals
            record(0x000A, &[]),
            record(0x0809, &[0; 16]), // sheet
            dims,
            number(0, 0),
            number(65_535, 255),
            record(0x000A, &[]),
        ]
        .concat();
        let scan = scan_biff(&stream, 5_000_000);
        assert_eq!(scan.dense_cells, 65_536 * 256);
        assert_eq!(scan.bad_dimensions.len(), 1);
    }

    #[test]
    fn the_primary_xls_fixture_passes_its_checks_unchanged() {
        let bytes = include_bytes!("../../../tests/fixtures/primary_210.xls");
        assert!(matches!(
            check_xls(bytes, &Limits::default()),
            Ok(Cow::Borrowed(_))
        ));
        let cfb = Cfb::parse(bytes).unwrap();
        let stream = cfb.workbook_stream().unwrap();
        let scan = scan_biff(&stream.read(bytes), 5_000_000);
        assert!(
            scan.dense_cells > 211 * 10 && scan.dense_cells < 211 * 100,
            "{scan:?}"
        );
    }

    #[test]
    fn values_map_to_cells() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let date = ExcelDateTime::new(41_750.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            from_data(&Data::DateTime(date), false),
            Cell::Date(41_750.0)
        );
        let date_1904 = ExcelDateTime::new(40_288.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(
            from_data(&Data::DateTime(date_1904), true),
            Cell::Date(41_750.0)
        );
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(
            from_data(&Data::DateTime(duration), false),
            Cell::Number(1.5)
        );
        // 21 April 2014, as .ods stores it.
        assert_eq!(
            from_data(&Data::DateTimeIso("2014-04-21".into()), false),
            Cell::Date(41_750.0)
        );
        assert_eq!(
            from_data(&Data::DateTimeIso("2014-04-21T12:00:00".into()), false),
            Cell::Date(41_750.5)
        );
        assert_eq!(
            from_data(&Data::DurationIso("PT1H".into()), false),
            Cell::Text("PT1H".into())
        );
        assert_eq!(from_data(&Data::Int(7), false), Cell::Number(7.0));
        assert_eq!(
            from_data(&Data::Float(f64::NAN), false),
            Cell::Error("#NUM!".into())
        );
        assert_eq!(from_data(&Data::String("  ".into()), false), Cell::Empty);
        assert_eq!(
            from_data(&Data::String("O'Connor\0".into()), false),
            Cell::Text("O'Connor".into())
        );
        assert_eq!(from_data(&Data::Bool(false), false), Cell::Bool(false));
        assert_eq!(
            from_data(&Data::Error(calamine::CellErrorType::Div0), false),
            Cell::Error("#DIV/0!".into())
        );
    }
}
