//! What kind of file some bytes are, decided from the bytes alone: never from the file
//! name, so a CSV saved with an `.xlsx` name still imports as CSV and a PDF renamed
//! `.xlsx` is refused as a PDF.

use std::io::Cursor;

use super::error::ImportError;
use super::raw::FileKind;

/// The verdict on a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// Something the planner can read, and which reader to use.
    Readable(FileKind),
    /// A file that cannot be imported, and why.
    Refused(ImportError),
}

impl Sniffed {
    /// The readable kind, or the reason the file cannot be imported.
    pub fn into_result(self) -> Result<FileKind, ImportError> {
        match self {
            Sniffed::Readable(kind) => Ok(kind),
            Sniffed::Refused(error) => Err(error),
        }
    }
}

/// The first bytes of a ZIP archive (local file header, or an empty archive).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY_MAGIC: &[u8] = b"PK\x05\x06";
/// The first bytes of an OLE compound file (.xls, .doc, encrypted Office files).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// How much of a text file to examine when deciding that it is text.
const TEXT_SAMPLE: usize = 64 * 1024;

/// Decides what `bytes` are. Cheap: reads at most a zip's directory, an OLE file's
/// directory entries and the first 64 KB of anything else.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    use Sniffed::{Readable, Refused};
    if bytes.is_empty() {
        return Refused(ImportError::Empty);
    }
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY_MAGIC) {
        return sniff_zip(bytes);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return sniff_ole(bytes);
    }
    if bytes.starts_with(b"%PDF") {
        return Refused(ImportError::Pdf);
    }
    if is_image(bytes) {
        return Refused(ImportError::Image);
    }
    let start = skip_bom_and_space(bytes);
    if starts_with_ignore_case(&start, b"<!doctype html")
        || starts_with_ignore_case(&start, b"<html")
    {
        return Refused(ImportError::WebPage);
    }
    if starts_with_ignore_case(&start, b"<?xml") {
        let head = String::from_utf8_lossy(&start);
        return if head.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || head.contains("<?mso-application progid=\"Excel.Sheet\"?>")
        {
            Refused(ImportError::XmlSpreadsheet)
        } else if head.contains("<html") || head.contains("<HTML") {
            Refused(ImportError::WebPage)
        } else {
            Refused(ImportError::NotSpreadsheet)
        };
    }
    if start.starts_with(b"{\\rtf") {
        return Refused(ImportError::WordDocument);
    }
    if looks_like_text(bytes) {
        return Readable(FileKind::Text);
    }
    // Some PDFs carry a few bytes of junk before the header.
    if bytes.len() > 4
        && bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Refused(ImportError::Pdf);
    }
    Refused(ImportError::NotSpreadsheet)
}

/// Decides between the zip-based formats by the archive's entry names.
fn sniff_zip(bytes: &[u8]) -> Sniffed {
    let archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(_) => {
            return Sniffed::Refused(ImportError::Damaged {
                detail: "it seems to stop part-way through".into(),
            })
        }
    };
    let names: Vec<String> = archive
        .file_names_raw()
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    let has = |wanted: &str| names.iter().any(|name| name.eq_ignore_ascii_case(wanted));
    let has_prefix = |prefix: &str| {
        names
            .iter()
            .any(|name| starts_with_ignore_case(name.as_bytes(), prefix.as_bytes()))
    };
    if has("xl/workbook.xml") {
        return Sniffed::Readable(FileKind::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Sniffed::Readable(FileKind::Xlsb);
    }
    if has("mimetype") || has("content.xml") {
        return match odf_mimetype(archive) {
            Some(mimetype)
                if mimetype.starts_with("application/vnd.oasis.opendocument.spreadsheet") =>
            {
                Sniffed::Readable(FileKind::Ods)
            }
            Some(mimetype) if mimetype.starts_with("application/vnd.oasis.opendocument.text") => {
                Sniffed::Refused(ImportError::WordDocument)
            }
            Some(mimetype) if mimetype.starts_with("application/vnd.oasis.opendocument") => {
                Sniffed::Refused(ImportError::OtherOfficeDocument)
            }
            // No readable mimetype, but an ODF body: let the spreadsheet reader try.
            _ if has("content.xml") => Sniffed::Readable(FileKind::Ods),
            _ => Sniffed::Refused(ImportError::NotSpreadsheet),
        };
    }
    if has_prefix("word/") {
        return Sniffed::Refused(ImportError::WordDocument);
    }
    if has_prefix("ppt/") || has_prefix("visio/") {
        return Sniffed::Refused(ImportError::OtherOfficeDocument);
    }
    if has("EncryptedPackage") {
        return Sniffed::Refused(ImportError::PasswordProtected);
    }
    Sniffed::Refused(ImportError::NotSpreadsheet)
}

/// The text of an OpenDocument archive's `mimetype` entry, when it is small and readable.
fn odf_mimetype(mut archive: zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    use std::io::Read;
    let entry = archive.by_name("mimetype").ok()?;
    if entry.size() > 200 {
        return None;
    }
    let mut text = String::new();
    entry.take(200).read_to_string(&mut text).ok()?;
    Some(text.trim().to_string())
}

/// Decides between the OLE compound-file formats by their directory entry names.
fn sniff_ole(bytes: &[u8]) -> Sniffed {
    let names = ole_entry_names(bytes);
    let has = |wanted: &str| names.iter().any(|name| name.eq_ignore_ascii_case(wanted));
    if has("EncryptedPackage") || has("EncryptionInfo") {
        Sniffed::Refused(ImportError::PasswordProtected)
    } else if has("Workbook") || has("Book") {
        Sniffed::Readable(FileKind::Xls)
    } else if has("WordDocument") {
        Sniffed::Refused(ImportError::WordDocument)
    } else if has("PowerPoint Document") || has("VisioDocument") {
        Sniffed::Refused(ImportError::OtherOfficeDocument)
    } else if names.is_empty() {
        Sniffed::Refused(ImportError::Damaged {
            detail: "its table of contents could not be found".into(),
        })
    } else {
        Sniffed::Refused(ImportError::NotSpreadsheet)
    }
}

/// The names of the streams and storages in an OLE compound file.
///
/// Rather than follow the file's sector chains (which a damaged file can make loop), this
/// looks at every 128-byte-aligned block after the header for the shape of a directory
/// entry: a UTF-16 name whose declared length matches, and an entry type of storage,
/// stream or root. Directory sectors are always aligned this way.
fn ole_entry_names(bytes: &[u8]) -> Vec<String> {
    const ENTRY: usize = 128;
    let mut names = Vec::new();
    for block in bytes.chunks_exact(ENTRY).skip(4) {
        let name_len = usize::from(u16::from_le_bytes([block[0x40], block[0x41]]));
        let entry_type = block[0x42];
        // Length counts the terminating NUL, in bytes: 2..=64 and even.
        if !(4..=64).contains(&name_len)
            || !name_len.is_multiple_of(2)
            || !matches!(entry_type, 1 | 2 | 5)
        {
            continue;
        }
        let units: Vec<u16> = block[..name_len - 2]
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        if units.contains(&0) || block[name_len - 2] != 0 || block[name_len - 1] != 0 {
            continue;
        }
        if let Ok(name) = String::from_utf16(&units) {
            names.push(name);
        }
    }
    names
}

/// True for PNG, JPEG, GIF, BMP, TIFF and WebP pictures.
fn is_image(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF87a")
        || bytes.starts_with(b"GIF89a")
        || bytes.starts_with(b"BM") && bytes.len() > 14 && bytes[6..10] == [0, 0, 0, 0]
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
        || bytes.starts_with(b"RIFF") && bytes.len() >= 12 && &bytes[8..12] == b"WEBP"
}

/// The first few hundred bytes after any byte-order mark and leading whitespace (for
/// spotting HTML). UTF-16 text is narrowed to one byte per character, which is enough to
/// recognise `<html`.
fn skip_bom_and_space(bytes: &[u8]) -> Vec<u8> {
    const HEAD: usize = 512;
    let narrowed: Vec<u8> = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        rest.chunks_exact(2)
            .take(HEAD)
            .map(|pair| pair[0])
            .collect()
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        rest.chunks_exact(2)
            .take(HEAD)
            .map(|pair| pair[1])
            .collect()
    } else {
        let rest = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        rest[..rest.len().min(HEAD)].to_vec()
    };
    let start = narrowed
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(narrowed.len());
    narrowed[start..].to_vec()
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// True when the bytes read as text: UTF-16 with a byte-order mark, or bytes with almost
/// no control characters (a stray NUL or two in a name is tolerated and removed later;
/// binary files have them throughout).
fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(TEXT_SAMPLE)];
    let control = sample
        .iter()
        .filter(|&&byte| byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A))
        .count();
    // At most one control byte in a hundred, and never a file that is mostly NULs.
    control * 100 <= sample.len()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap; the code under test may not
mod tests {
    use super::*;
    use std::io::Write;

    fn check(bytes: &[u8], expected: Sniffed) {
        assert_eq!(sniff(bytes), expected);
    }

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, contents) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(contents).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    /// A minimal OLE compound file whose directory holds the named streams.
    fn ole_with(names: &[&str]) -> Vec<u8> {
        let mut bytes = vec![0u8; 512];
        bytes[..8].copy_from_slice(OLE_MAGIC);
        for (index, name) in ["Root Entry"].iter().chain(names).enumerate() {
            let mut entry = [0u8; 128];
            let units: Vec<u16> = name.encode_utf16().collect();
            for (i, unit) in units.iter().enumerate() {
                entry[i * 2..i * 2 + 2].copy_from_slice(&unit.to_le_bytes());
            }
            let len = (units.len() as u16 + 1) * 2;
            entry[0x40..0x42].copy_from_slice(&len.to_le_bytes());
            entry[0x42] = if index == 0 { 5 } else { 2 };
            bytes.extend_from_slice(&entry);
        }
        bytes
    }

    #[test]
    fn empty_is_refused_as_empty() {
        check(b"", Sniffed::Refused(ImportError::Empty));
    }

    #[test]
    fn csv_named_anything_is_text() {
        check(
            b"UPN,Surname\nA123,Smith\n",
            Sniffed::Readable(FileKind::Text),
        );
        check(
            b"\xEF\xBB\xBFUPN;Surname\r\n",
            Sniffed::Readable(FileKind::Text),
        );
        check(b"\xFF\xFEU\0P\0N\0\t\0", Sniffed::Readable(FileKind::Text));
        check(
            "Surname\nZoë\n".as_bytes(),
            Sniffed::Readable(FileKind::Text),
        );
        // Windows-1252 "£" and "é".
        check(
            b"Amount,Name\n\xA312,Ren\xE9e\n",
            Sniffed::Readable(FileKind::Text),
        );
    }

    #[test]
    fn a_stray_nul_in_text_is_still_text() {
        let mut text = b"UPN,Surname\n".repeat(20);
        text.extend_from_slice(b"A1,Null\0Byte\n");
        check(&text, Sniffed::Readable(FileKind::Text));
    }

    #[test]
    fn binary_is_not_a_spreadsheet() {
        let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        check(&binary, Sniffed::Refused(ImportError::NotSpreadsheet));
        // UTF-16 without a byte-order mark is mostly NULs: refused rather than guessed.
        check(
            b"\0\0\0\0\0\0",
            Sniffed::Refused(ImportError::NotSpreadsheet),
        );
    }

    #[test]
    fn documents_and_pictures_are_named() {
        check(b"%PDF-1.4\n%\xE2\xE3\n", Sniffed::Refused(ImportError::Pdf));
        check(
            b"\xEF\xBB\xBF  <!DOCTYPE html><html>",
            Sniffed::Refused(ImportError::WebPage),
        );
        check(b"\r\n<HTML><table>", Sniffed::Refused(ImportError::WebPage));
        check(
            b"{\\rtf1\\ansi",
            Sniffed::Refused(ImportError::WordDocument),
        );
        check(
            b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook>",
            Sniffed::Refused(ImportError::XmlSpreadsheet),
        );
        check(
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            Sniffed::Refused(ImportError::Image),
        );
        check(
            b"\xFF\xD8\xFF\xE0\0\x10JFIF",
            Sniffed::Refused(ImportError::Image),
        );
        check(b"GIF89a\x01\0\x01\0", Sniffed::Refused(ImportError::Image));
    }

    #[test]
    fn zip_formats_are_told_apart_by_their_entries() {
        check(
            &zip_with(&[
                ("[Content_Types].xml", b"<x/>"),
                ("xl/workbook.xml", b"<x/>"),
            ]),
            Sniffed::Readable(FileKind::Xlsx),
        );
        check(
            &zip_with(&[("xl/workbook.bin", b"")]),
            Sniffed::Readable(FileKind::Xlsb),
        );
        check(
            &zip_with(&[
                (
                    "mimetype",
                    b"application/vnd.oasis.opendocument.spreadsheet",
                ),
                ("content.xml", b"<x/>"),
            ]),
            Sniffed::Readable(FileKind::Ods),
        );
        check(
            &zip_with(&[("mimetype", b"application/vnd.oasis.opendocument.text")]),
            Sniffed::Refused(ImportError::WordDocument),
        );
        check(
            &zip_with(&[("word/document.xml", b"<x/>")]),
            Sniffed::Refused(ImportError::WordDocument),
        );
        check(
            &zip_with(&[("ppt/presentation.xml", b"<x/>")]),
            Sniffed::Refused(ImportError::OtherOfficeDocument),
        );
        check(
            &zip_with(&[("photo.jpg", b"\xFF\xD8\xFF")]),
            Sniffed::Refused(ImportError::NotSpreadsheet),
        );
    }

    #[test]
    fn a_cut_off_zip_is_damaged() {
        let whole = zip_with(&[("xl/workbook.xml", &[b'x'; 400])]);
        let cut = &whole[..whole.len() / 2];
        assert!(matches!(
            sniff(cut),
            Sniffed::Refused(ImportError::Damaged { .. })
        ));
    }

    #[test]
    fn ole_formats_are_told_apart_by_their_streams() {
        check(&ole_with(&["Workbook"]), Sniffed::Readable(FileKind::Xls));
        check(&ole_with(&["Book"]), Sniffed::Readable(FileKind::Xls));
        check(
            &ole_with(&["EncryptionInfo", "EncryptedPackage"]),
            Sniffed::Refused(ImportError::PasswordProtected),
        );
        check(
            &ole_with(&["WordDocument"]),
            Sniffed::Refused(ImportError::WordDocument),
        );
        check(
            &ole_with(&["PowerPoint Document"]),
            Sniffed::Refused(ImportError::OtherOfficeDocument),
        );
        assert!(matches!(
            sniff(OLE_MAGIC),
            Sniffed::Refused(ImportError::Damaged { .. })
        ));
    }
}
