//! Reading the file: UTF-8 with or without a byte-order mark, `,` or `;` (or tab) as the
//! separator, detected from the header line, quoted fields. A row with the wrong number of
//! fields is kept and reported; the file as a whole fails only when it cannot be read at all.

use super::{FileProblem, MAX_BYTES, MAX_ROWS};

/// The header and the rows of a file, each row with the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

/// Removes a UTF-8 byte-order mark (Excel writes one).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The separator of the header line: the most frequent of `;`, tab and `,` outside quotes
/// (`,` when there is none, a one-column file).
pub fn delimiter(header_line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for ch in header_line.chars() {
        match ch {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b';', b'\t', b','];
    let best = (0..3).max_by_key(|i| (counts[*i], *i)).unwrap_or(2);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

/// Reads the whole file. Empty rows are skipped; rows beyond [`MAX_ROWS`] make the file too big.
pub fn read(text: &str) -> Result<Table, FileProblem> {
    if text.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge { max_bytes: MAX_BYTES });
    }
    let text = strip_bom(text);
    // Line numbers of CRLF files come out right only with plain LF line ends.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let first_line = text.lines().next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(first_line))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| FileProblem::Unreadable { line: e.position().map_or(1, |p| p.line()) })?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(FileProblem::Empty);
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| FileProblem::Unreadable { line: e.position().map_or(0, |p| p.line()) })?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(FileProblem::TooManyRows { max: MAX_ROWS });
        }
        // The reader does not count line breaks inside quoted cells; the byte offset does.
        let line = record.position().map_or(0, |p| line_at(&text, p.byte()));
        rows.push(Row { line, cells: record.iter().map(str::to_owned).collect() });
    }
    if rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(Table { headers, rows })
}

/// The line (from 1) a record starting at byte `offset` of `text` is on. The reader's offset
/// lies before the blank lines it skipped.
fn line_at(text: &str, offset: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut end = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
    while bytes.get(end) == Some(&b'\n') {
        end += 1;
    }
    bytes[..end].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// Undoes the export's guard against formulas: a cell the export started with an apostrophe
/// (because it began with `=`, `+`, `-`, `@`, tab or CR) reads back as it was typed.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_comes_from_the_header_line() {
        assert_eq!(delimiter("Titel;Beskrivelse;Volumen"), b';');
        assert_eq!(delimiter("title,description,volume"), b',');
        assert_eq!(delimiter("title\tdescription"), b'\t');
        assert_eq!(delimiter("\"a;b\",c,d"), b',', "separators inside quotes do not count");
        assert_eq!(delimiter("title"), b',');
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_header() {
        let with = read("\u{feff}Titel;Volumen\nA;1\n").expect("readable");
        let without = read("Titel;Volumen\nA;1\n").expect("readable");
        assert_eq!(with, without);
        assert_eq!(with.headers, vec!["Titel", "Volumen"]);
    }

    #[test]
    fn quoted_fields_keep_separators_and_line_breaks_and_lines_are_counted() {
        let table = read("title,description\r\n\"A, b\",\"two\r\nlines\"\r\n\r\nC,d\r\n").expect("readable");
        assert_eq!(table.rows[0].cells, vec!["A, b", "two\nlines"]);
        assert_eq!(table.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 5]);
    }

    #[test]
    fn a_short_row_is_kept_for_the_report() {
        let table = read("a,b,c\n1,2\n1,2,3\n").expect("readable");
        assert_eq!(table.rows[0].cells.len(), 2);
        assert_eq!(table.rows.len(), 2);
    }

    #[test]
    fn empty_and_oversized_files_are_refused() {
        assert_eq!(read(""), Err(FileProblem::Empty));
        assert_eq!(read("title\n"), Err(FileProblem::Empty));
        let big = format!("title\n{}", "x\n".repeat(MAX_ROWS + 1));
        assert_eq!(read(&big), Err(FileProblem::TooManyRows { max: MAX_ROWS }));
    }

    #[test]
    fn the_exports_formula_guard_is_undone() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'-5 days"), "-5 days");
        assert_eq!(unguard("'quoted"), "'quoted");
        assert_eq!(unguard("plain"), "plain");
    }
}
