//! File names as people send them, made safe to show, to store and to hand back in a
//! `Content-Disposition` header.

/// The longest name kept, in characters; longer names are shortened before the extension.
pub const FILE_NAME_MAX: usize = 120;

/// Names Windows refuses for a file, whatever the extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2",
    "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Characters that change how text around them is shown (bidirectional overrides and marks,
/// zero-width characters): a name like `invoice\u{202E}fdp.exe` would show as `invoiceexe.pdf`.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// The name to store for a file the browser called `raw`: the last path segment, without
/// control and invisible formatting characters, with characters that file systems refuse
/// replaced by `_`, runs of white space made one space, no leading or trailing dots or spaces,
/// at most [`FILE_NAME_MAX`] characters with the extension kept. `None` when nothing is left.
pub fn sanitize(raw: &str) -> Option<String> {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut cleaned = String::with_capacity(last.len());
    for c in last.chars() {
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        let c = match c {
            '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && cleaned.ends_with(' ') {
            continue;
        }
        cleaned.push(c);
    }
    let trimmed = cleaned.trim_matches(|c: char| c == ' ' || c == '.');
    if trimmed.is_empty() {
        return None;
    }
    let mut name = shorten(trimmed);
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        name.insert(0, '_');
    }
    Some(name)
}

/// At most [`FILE_NAME_MAX`] characters, cut before the extension so that it survives.
fn shorten(name: &str) -> String {
    if name.chars().count() <= FILE_NAME_MAX {
        return name.to_owned();
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.chars().count() <= 10 => (stem, Some(ext)),
        _ => (name, None),
    };
    let room = FILE_NAME_MAX - extension.map_or(0, |e| e.chars().count() + 1);
    let mut short: String = stem.chars().take(room).collect::<String>().trim_end().to_owned();
    if let Some(ext) = extension {
        short.push('.');
        short.push_str(ext);
    }
    short
}

/// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 with RFC 8187 encoding): an ASCII
/// stand-in for old clients and the exact name, percent-encoded, for everyone else.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| if (c.is_ascii_graphic() && c != '"' && c != '\\' && c != '%') || c == ' ' { c } else { '_' })
        .collect();
    let mut encoded = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        // attr-char of RFC 8187: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." /
        // "^" / "_" / "`" / "|" / "~"
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_for_display_and_disk() {
        assert_eq!(sanitize("Rapport 2026.pdf").as_deref(), Some("Rapport 2026.pdf"));
        assert_eq!(sanitize("C:\\Users\\anna\\Skema.xlsx").as_deref(), Some("Skema.xlsx"));
        assert_eq!(sanitize("../../etc/passwd.txt").as_deref(), Some("passwd.txt"));
        assert_eq!(sanitize("invoice\u{202E}fdp.exe").as_deref(), Some("invoicefdp.exe"));
        assert_eq!(sanitize("a\u{0}b\r\nc.txt").as_deref(), Some("abc.txt"));
        assert_eq!(sanitize("  many   spaces\t.txt  ").as_deref(), Some("many spaces.txt"));
        assert_eq!(sanitize("no\u{a0}\u{2003}break.txt").as_deref(), Some("no break.txt"));
        assert_eq!(sanitize("what?<x>|\"y\".csv").as_deref(), Some("what__x___y_.csv"));
        assert_eq!(sanitize(".hidden.txt").as_deref(), Some("hidden.txt"));
        assert_eq!(sanitize("trailing.pdf...").as_deref(), Some("trailing.pdf"));
        assert_eq!(sanitize("con.txt").as_deref(), Some("_con.txt"));
        assert_eq!(sanitize("Ærø – udbud.docx").as_deref(), Some("Ærø – udbud.docx"));
        assert_eq!(sanitize(""), None);
        assert_eq!(sanitize(" . . "), None);
        assert_eq!(sanitize("dir/"), None);
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.pdf", "å".repeat(300));
        let short = sanitize(&long).unwrap_or_default();
        assert_eq!(short.chars().count(), FILE_NAME_MAX);
        assert!(short.ends_with("å.pdf"));
        let no_ext = "x".repeat(200);
        assert_eq!(sanitize(&no_ext).map(|s| s.chars().count()), Some(FILE_NAME_MAX));
    }

    #[test]
    fn content_disposition_is_safe_and_exact() {
        assert_eq!(
            content_disposition("Rapport 2026.pdf"),
            "attachment; filename=\"Rapport 2026.pdf\"; filename*=UTF-8''Rapport%202026.pdf"
        );
        assert_eq!(
            content_disposition("Ærø \"100%\".txt"),
            "attachment; filename=\"_r_ _100__.txt\"; filename*=UTF-8''%C3%86r%C3%B8%20%22100%25%22.txt"
        );
        let header = content_disposition("a;b\r\nc.txt");
        assert!(!header.contains('\r') && !header.contains('\n'));
    }
}
