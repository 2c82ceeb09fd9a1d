//! Reading the candidates' file: the shared CSV reading ([`crate::csv_table`]) within this
//! import's limits, and undoing the export's formula guard.

use crate::candidates::import::{FileProblem, MAX_BYTES, MAX_ROWS};

use crate::csv_table::ReadProblem;
pub use crate::csv_table::{Row, Table};

/// Reads the whole file (see [`crate::csv_table`]); larger than [`MAX_BYTES`] or with more than
/// [`MAX_ROWS`] rows, it is too big.
pub fn read(text: &str) -> Result<Table, FileProblem> {
    if text.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge { max_bytes: MAX_BYTES });
    }
    crate::csv_table::read(text, MAX_ROWS).map_err(|problem| match problem {
        ReadProblem::Empty => FileProblem::Empty,
        ReadProblem::Unreadable { line } => FileProblem::Unreadable { line },
        ReadProblem::TooManyRows { max } => FileProblem::TooManyRows { max },
    })
}

/// Undoes the export's guard against formulas (see [`crate::csv_table::guard`]): a cell reads
/// back as it was typed.
pub use crate::csv_table::unguard;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_table::delimiter;

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
        assert_eq!(unguard("Rejse;'=1+1"), "Rejse;=1+1");
        assert_eq!(unguard("a;''=b"), "a;'=b");
        for text in ["Rejse;=1+1", "'=x", "''-y", "\t=1,＠2\n+3\r\n'@4", "it's fine; -5", "\"=a\""] {
            assert_eq!(unguard(&crate::csv_table::guard(text)), text, "{text:?}");
        }
    }
}
