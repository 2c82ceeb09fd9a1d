//! Reading an uploaded CSV file as a table, for every import (candidates; departments and
//! people): UTF-8 with or without a byte-order mark, `,` or `;` (or tab) as the separator,
//! detected from the header line, quoted fields, and each row with the line it starts on. A row
//! with the wrong number of fields is kept for the caller to report.

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

/// What keeps a file from being read at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadProblem {
    /// No header, or no row under it.
    Empty,
    /// Not readable as CSV (quotes, encoding), at this line.
    Unreadable {
        line: u64,
    },
    TooManyRows {
        max: usize,
    },
}

/// Reads the whole file. Empty rows are skipped; more than `max_rows` rows make the file too big.
pub fn read(text: &str, max_rows: usize) -> Result<Table, ReadProblem> {
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
        .map_err(|e| ReadProblem::Unreadable { line: e.position().map_or(1, |p| p.line()) })?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(ReadProblem::Empty);
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadProblem::Unreadable { line: e.position().map_or(0, |p| p.line()) })?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() == max_rows {
            return Err(ReadProblem::TooManyRows { max: max_rows });
        }
        // The reader does not count line breaks inside quoted cells; the byte offset does.
        let line = record.position().map_or(0, |p| line_at(&text, p.byte()));
        rows.push(Row { line, cells: record.iter().map(str::to_owned).collect() });
    }
    if rows.is_empty() {
        return Err(ReadProblem::Empty);
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

/// Characters that make a spreadsheet read a cell as a formula when the cell starts with them
/// (OWASP "CSV injection"), the full-width forms included (Excel reads those as well).
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// Where a spreadsheet may start a new cell when it reads a file with another separator than it
/// was written with, or ignores the quoting: after `;` (Danish, German, Swedish Excel), `,`,
/// tab, a line break, or a quote.
const CELL_BREAKS: [char; 6] = [';', ',', '\t', '\n', '\r', '"'];

/// The guard against formulas: wherever a cell could start (at the start of the text and after
/// every [`CELL_BREAKS`] character), text that starts with a formula character gets an
/// apostrophe before it, so `Rejse;=1+1` becomes `Rejse;'=1+1`. Apostrophes already there
/// before a formula character get one more, so that [`unguard`] gives back exactly the text.
pub fn guard(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    let mut at_start = true;
    for (i, ch) in text.char_indices() {
        if at_start && text[i..].trim_start_matches('\'').starts_with(FORMULA_STARTS) {
            out.push('\'');
        }
        at_start = CELL_BREAKS.contains(&ch);
        out.push(ch);
    }
    out
}

/// Undoes [`guard`]: one apostrophe less wherever the guard put one.
pub fn unguard(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::with_capacity(text.len());
    let mut at_start = true;
    for (i, ch) in text.char_indices() {
        if at_start && ch == '\'' && text[i + 1..].trim_start_matches('\'').starts_with(FORMULA_STARTS) {
            at_start = false;
            continue;
        }
        at_start = CELL_BREAKS.contains(&ch);
        out.push(ch);
    }
    if out.len() == text.len() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(out)
    }
}

/// One line of CSV (`,` between cells, `\n` after): a cell holding any of [`CELL_BREAKS`] (a
/// separator of any locale, a line break, a quote) is quoted, quotes doubled.
pub fn line(cells: &[String]) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains(CELL_BREAKS) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
    out
}
