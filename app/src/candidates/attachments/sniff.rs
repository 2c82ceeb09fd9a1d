//! What a file is, told by its content and never by the name or the browser's word: the
//! allow-list of kinds a candidate may carry, and the magic bytes (or zip entries, or text
//! checks) that identify each. The extension must name the same kind.

/// A kind of file a candidate may carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Text,
    Csv,
    /// A BPMN 2.0 process diagram (XML in the OMG model namespace).
    Bpmn,
}

const BPMN_NAMESPACE: &[u8] = b"http://www.omg.org/spec/BPMN/20100524/MODEL";

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::Pdf,
        Kind::Png,
        Kind::Jpeg,
        Kind::Gif,
        Kind::Webp,
        Kind::Docx,
        Kind::Xlsx,
        Kind::Pptx,
        Kind::Odt,
        Kind::Ods,
        Kind::Odp,
        Kind::Text,
        Kind::Csv,
        Kind::Bpmn,
    ];

    /// The content type stored and sent with downloads.
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Gif => "image/gif",
            Kind::Webp => "image/webp",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Kind::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            Kind::Odt => "application/vnd.oasis.opendocument.text",
            Kind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Kind::Odp => "application/vnd.oasis.opendocument.presentation",
            Kind::Text => "text/plain; charset=utf-8",
            Kind::Csv => "text/csv; charset=utf-8",
            Kind::Bpmn => "application/xml",
        }
    }

    /// The extensions (lower case, without the dot) a file of this kind may have.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Pdf => &["pdf"],
            Kind::Png => &["png"],
            Kind::Jpeg => &["jpg", "jpeg"],
            Kind::Gif => &["gif"],
            Kind::Webp => &["webp"],
            Kind::Docx => &["docx"],
            Kind::Xlsx => &["xlsx"],
            Kind::Pptx => &["pptx"],
            Kind::Odt => &["odt"],
            Kind::Ods => &["ods"],
            Kind::Odp => &["odp"],
            Kind::Text => &["txt"],
            Kind::Csv => &["csv"],
            Kind::Bpmn => &["bpmn"],
        }
    }

    /// For the file input's `accept` attribute: every allowed extension.
    pub fn accept() -> String {
        Kind::ALL.iter().flat_map(|k| k.extensions()).map(|e| format!(".{e}")).collect::<Vec<_>>().join(",")
    }
}

/// Why a file was not taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a kind on the allow-list (or a damaged one).
    UnknownKind,
    /// A known kind, but the name's extension says another (or none).
    ExtensionMismatch,
}

/// The kind of `data` named `file_name`: sniffed from the content, then held against the
/// extension. UTF-8 text files are told apart by their extension (`.txt`, `.csv`).
pub fn check(file_name: &str, data: &[u8]) -> Result<Kind, Refusal> {
    let extension = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let kind = match sniff(data).ok_or(Refusal::UnknownKind)? {
        // Plain text: the name says which text it is; anything else is a mismatch.
        Kind::Text if extension == "csv" => Kind::Csv,
        kind => kind,
    };
    if kind.extensions().contains(&extension.as_str()) {
        Ok(kind)
    } else {
        Err(Refusal::ExtensionMismatch)
    }
}

/// The kind the content shows, if it is one on the list. The magic numbers are `infer`'s; which
/// of them we take, the zip packages (with the macro refusal) and the text checks are ours.
pub fn sniff(data: &[u8]) -> Option<Kind> {
    use infer::{archive, image};
    if archive::is_pdf(data) {
        return Some(Kind::Pdf);
    }
    if archive::is_zip(data) {
        return office(data);
    }
    let images: [(infer::Matcher, Kind); 4] = [
        (image::is_png, Kind::Png),
        (image::is_jpeg, Kind::Jpeg),
        (image::is_gif, Kind::Gif),
        (image::is_webp, Kind::Webp),
    ];
    let image = images.into_iter().find(|(is, _)| is(data)).map(|(_, kind)| kind);
    match (image, text(data)) {
        // infer's GIF and WebP signatures are short (`GIF`; `WEBP` at byte 8): clean text that
        // merely starts like one stays text. No real image is clean UTF-8 text.
        (_, Some(text)) if looks_like_bpmn(text.as_bytes()) => Some(Kind::Bpmn),
        (_, Some(_)) => Some(Kind::Text),
        (image, None) => image,
    }
}

/// UTF-8 (a byte-order mark allowed) without NUL or other control characters but tab, line
/// feed, carriage return and form feed: what a person would call a text file.
fn text(data: &[u8]) -> Option<&str> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let text = std::str::from_utf8(data).ok()?;
    let clean = text.chars().all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0C'));
    (clean && !text.is_empty()).then_some(text)
}

fn looks_like_bpmn(data: &[u8]) -> bool {
    let start = data.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(data.len());
    data[start..].starts_with(b"<") && data.windows(BPMN_NAMESPACE.len()).any(|w| w == BPMN_NAMESPACE)
}

fn u16_at(data: &[u8], at: usize) -> Option<usize> {
    data.get(at..at + 2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(data: &[u8], at: usize) -> Option<usize> {
    data.get(at..at + 4).and_then(|b| usize::try_from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok())
}

/// OpenDocument: the first entry is `mimetype`, stored uncompressed, holding the type.
/// Office Open XML: `[Content_Types].xml` and the part folder (`word/`, `xl/`, `ppt/`), read from
/// the zip's central directory. Macro-carrying packages are refused.
fn office(data: &[u8]) -> Option<Kind> {
    // The first local header: name at 30, then the extra field, then the (stored) data.
    let method = u16_at(data, 8)?;
    let stored_size = u32_at(data, 18)?;
    let name_len = u16_at(data, 26)?;
    let extra_len = u16_at(data, 28)?;
    if data.get(30..30 + name_len)? == b"mimetype" && method == 0 {
        let start = 30 + name_len + extra_len;
        return match data.get(start..start + stored_size)? {
            b"application/vnd.oasis.opendocument.text" => Some(Kind::Odt),
            b"application/vnd.oasis.opendocument.spreadsheet" => Some(Kind::Ods),
            b"application/vnd.oasis.opendocument.presentation" => Some(Kind::Odp),
            _ => None,
        };
    }
    let names = zip_names(data)?;
    if names.iter().any(|n| n.ends_with(b"vbaProject.bin")) || !names.iter().any(|n| *n == b"[Content_Types].xml") {
        return None;
    }
    let has = |folder: &[u8]| names.iter().any(|n| n.starts_with(folder));
    match (has(b"word/"), has(b"xl/"), has(b"ppt/")) {
        (true, false, false) => Some(Kind::Docx),
        (false, true, false) => Some(Kind::Xlsx),
        (false, false, true) => Some(Kind::Pptx),
        _ => None,
    }
}

/// The entry names of a zip's central directory, or `None` when it cannot be read.
fn zip_names(data: &[u8]) -> Option<Vec<&[u8]>> {
    // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
    let tail_start = data.len().saturating_sub(22 + 65_535);
    let end = (tail_start..data.len().saturating_sub(21)).rev().find(|&i| data[i..].starts_with(b"PK\x05\x06"))?;
    let count = u16_at(data, end + 10)?;
    let mut at = u32_at(data, end + 16)?;
    let mut names = Vec::with_capacity(count.min(4096));
    for _ in 0..count {
        if !data.get(at..)?.starts_with(b"PK\x01\x02") {
            return None;
        }
        let name_len = u16_at(data, at + 28)?;
        let extra_len = u16_at(data, at + 30)?;
        let comment_len = u16_at(data, at + 32)?;
        names.push(data.get(at + 46..at + 46 + name_len)?);
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(names)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip with the given entries stored (uncompressed), as a test fixture.
    pub(crate) fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, content) in entries {
            let offset = u32::try_from(out.len()).unwrap_or(0);
            let size = u32::try_from(content.len()).unwrap_or(0).to_le_bytes();
            let name_len = u16::try_from(name.len()).unwrap_or(0).to_le_bytes();
            out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            out.extend_from_slice(&size);
            out.extend_from_slice(&size);
            out.extend_from_slice(&name_len);
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(content);
            central.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            central.extend_from_slice(&size);
            central.extend_from_slice(&size);
            central.extend_from_slice(&name_len);
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let central_offset = u32::try_from(out.len()).unwrap_or(0);
        let count = u16::try_from(entries.len()).unwrap_or(0).to_le_bytes();
        let central_len = u32::try_from(central.len()).unwrap_or(0);
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
        out.extend_from_slice(&count);
        out.extend_from_slice(&count);
        out.extend_from_slice(&central_len.to_le_bytes());
        out.extend_from_slice(&central_offset.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    fn ooxml(folder: &str) -> Vec<u8> {
        let part = format!("{folder}/document.xml");
        zip(&[("[Content_Types].xml", b"<Types/>"), ("_rels/.rels", b"<Relationships/>"), (&part, b"<x/>")])
    }

    #[test]
    fn tells_kinds_by_their_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(Kind::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(Kind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Some(Kind::Jpeg));
        assert_eq!(sniff(b"GIF89a\x01\x00"), Some(Kind::Gif));
        assert_eq!(sniff(b"RIFF\x24\x00\x00\x00WEBPVP8 "), Some(Kind::Webp));
        assert_eq!(sniff(&ooxml("word")), Some(Kind::Docx));
        assert_eq!(sniff(&ooxml("xl")), Some(Kind::Xlsx));
        assert_eq!(sniff(&ooxml("ppt")), Some(Kind::Pptx));
        let odt = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")]);
        assert_eq!(sniff(&odt), Some(Kind::Odt));
        let ods = zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")]);
        assert_eq!(sniff(&ods), Some(Kind::Ods));
        assert_eq!(sniff("Sagsnr;Beløb\n1;2\n".as_bytes()), Some(Kind::Text));
        assert_eq!(sniff(b"\xEF\xBB\xBFhello"), Some(Kind::Text), "a byte-order mark is fine");
        let bpmn =
            br#"<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>"#;
        assert_eq!(sniff(bpmn), Some(Kind::Bpmn));
    }

    #[test]
    fn refuses_what_is_not_on_the_list() {
        assert_eq!(sniff(b"MZ\x90\x00\x03"), None, "a Windows program");
        assert_eq!(sniff(b"\x7fELF\x02\x01"), None);
        assert_eq!(sniff(b"text with a \0 NUL"), None);
        assert_eq!(sniff(b"\xff\xfe\x00h\x00i"), None, "UTF-16 is not UTF-8 text");
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(&zip(&[("evil.exe", b"MZ")])), None, "a plain zip");
        let macros =
            zip(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<x/>"), ("word/vbaProject.bin", b"")]);
        assert_eq!(sniff(&macros), None, "macros");
        assert_eq!(sniff(&zip(&[("mimetype", b"application/zip")])), None);
        assert_eq!(sniff(b"PK\x03\x04\x14\x00"), None, "a cut-off zip");
        let mut damaged = ooxml("word");
        let len = damaged.len();
        damaged[len - 3] = 0x7F; // the central directory's offset points past the end
        assert_eq!(sniff(&damaged), None);
    }

    #[test]
    fn the_extension_must_name_the_same_kind() {
        assert_eq!(check("report.PDF", b"%PDF-1.4"), Ok(Kind::Pdf));
        assert_eq!(check("photo.jpeg", &[0xFF, 0xD8, 0xFF, 0xE1]), Ok(Kind::Jpeg));
        assert_eq!(check("cases.csv", b"a,b\n1,2\n"), Ok(Kind::Csv));
        assert_eq!(check("notes.txt", b"a,b\n1,2\n"), Ok(Kind::Text));
        assert_eq!(check("invoice.pdf", b"\x89PNG\r\n\x1a\n"), Err(Refusal::ExtensionMismatch));
        assert_eq!(check("script.pdf", b"#!/bin/sh\nrm -rf /\n"), Err(Refusal::ExtensionMismatch));
        assert_eq!(check("page.html", b"<html><script>alert(1)</script></html>"), Err(Refusal::ExtensionMismatch));
        assert_eq!(check("no-extension", b"%PDF-1.4"), Err(Refusal::ExtensionMismatch));
        assert_eq!(check("tool.exe", b"MZ\x90\x00"), Err(Refusal::UnknownKind));
        assert_eq!(check("sheet.docx", &ooxml("xl")), Err(Refusal::ExtensionMismatch));
        assert!(Kind::accept().starts_with(".pdf,.png,.jpg,.jpeg"));
    }
}
