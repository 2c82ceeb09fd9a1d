//! The CSV export of a search on both databases: every matching row in the language asked,
//! and no cell a spreadsheet would read as a formula, whatever the separator.

use crate::search::*;
use crate::support::{each_backend, world};
use app::candidates::model::Visibility;
use app::candidates::search::export;
use app::candidates::search::model::CandidateQuery;
use app::common::locale::Locale;
use app::with_pool;

#[tokio::test]
async fn csv_export_holds_every_matching_row_in_the_language_asked() {
    each_backend(|db| async move {
        let w = world(&db).await;
        rename(&db, &w.reporter, "Hanne Homeson").await;
        bulk(&db, &w, 1100).await;
        let mut odd = form(
            "=HYPERLINK(\"http://evil.example\")",
            "Line one\nline \"two\", with a comma",
            Visibility::Municipality,
            Some(w.home_department),
        );
        odd.volume = "12,5".into();
        let odd = add(&db, &w.reporter, odd).await;
        // Typed with a decimal comma through the form; the phase the form cannot set.
        with_pool!(&db, pool => sqlx::query("UPDATE candidates SET phase = 'analysis' WHERE id = $1")
            .bind(odd).execute(pool).await.map(|_| ()))
        .expect("phase");
        // The list counts ten pages ahead, then says "more than".
        let first = find(&db, Some(&w.colleague), "").await;
        assert_eq!((first.more, first.total, first.pages), (true, 550, 11));
        let last = find(&db, Some(&w.colleague), "page=13").await;
        assert_eq!((last.more, last.total, last.pages, last.items.len()), (false, 1101, 23, 50));
        let (all, _) = CandidateQuery::parse("");
        let csv = export::candidates_csv(&db, Some(&w.colleague), &all, Locale::Da).await.expect("csv");
        assert!(csv.starts_with("\u{feff}".as_bytes()), "byte-order mark for Excel");
        let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
        assert_eq!(header[..4], ["ID", "Titel", "Beskrivelse", "Kommune"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 1101, "every row, past the first batch of the export");
        let row = rows.iter().find(|r| r[0] == odd.to_string()).expect("the odd row");
        assert_eq!(&row[1], "'=HYPERLINK(\"http://evil.example\")", "no formula");
        assert_eq!(&row[2], "Line one\nline \"two\", with a comma");
        assert_eq!((&row[4], &row[5], &row[6], &row[7]), ("Home Borgerservice", "analysis", "active", "municipality"));
        assert_eq!((&row[8], &row[9], &row[10], &row[11]), ("12.5", "week", "6", "65.0"), "plain numbers");
        assert_eq!(&row[13], "Hanne Homeson", "own municipality: named");

        // Exactly the filtered list, in its order.
        let (query, _) = CandidateQuery::parse("phase=analysis");
        let csv = export::candidates_csv(&db, Some(&w.colleague), &query, Locale::En).await.expect("csv");
        let text = String::from_utf8(csv).expect("utf-8");
        assert_eq!(text.lines().count(), 2 + 1, "header and one row over two lines: {text}");
        let (query, _) = CandidateQuery::parse("sort=title&q=item");
        let csv = export::candidates_csv(&db, Some(&w.colleague), &query, Locale::En).await.expect("csv");
        let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
        let firsts: Vec<String> = csv::Reader::from_reader(text.as_bytes())
            .records()
            .take(2)
            .map(|r| r.expect("row")[1].to_owned())
            .collect();
        assert_eq!(firsts, ["Item 000", "Item 001"]);
    })
    .await;
}

/// The characters a spreadsheet takes as the start of a formula.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

#[tokio::test]
async fn csv_export_holds_no_formula_for_any_separator() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let hostile = [
            ("Rejse;=1+1", "Beskrivelse;+SUM(A1)"),
            ("Travel,@SUM(1)", "a,-2;＝3\n=4\r\n+5\t=6"),
            ("＋1 and ＠x", "\"=HYPERLINK(1)\";-1,'=2"),
            ("Plain title", "x;\t=y ,＠z"),
        ];
        let mut ids = Vec::new();
        for (title, description) in hostile {
            ids.push((
                add(&db, &w.reporter, form(title, description, Visibility::Municipality, None)).await,
                title,
                description,
            ));
        }
        let (all, _) = CandidateQuery::parse("");
        let csv = export::candidates_csv(&db, Some(&w.colleague), &all, Locale::Da).await.expect("csv");
        let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
        // Excel reading the file with `;` (Danish, German, Swedish) or `,`, quotes ignored.
        for separator in [';', ','] {
            for piece in text.split(['\n', '\r', separator]) {
                let piece = piece.trim_start_matches('"');
                assert!(!piece.starts_with(FORMULA_STARTS), "{separator:?} gives a formula {piece:?} in {text}");
            }
        }
        // The CSV itself reads back whole: only the guard's apostrophes were added.
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        let cell =
            |id: i64, column: usize| rows.iter().find(|r| r[0] == id.to_string()).expect("row")[column].to_owned();
        assert_eq!(cell(ids[0].0, 1), "Rejse;'=1+1");
        assert_eq!(cell(ids[0].0, 2), "Beskrivelse;'+SUM(A1)");
        assert_eq!(cell(ids[1].0, 2), "a,'-2;'＝3\n'=4\r\n'+5\t'=6");
        assert_eq!(cell(ids[2].0, 1), "'＋1 and ＠x");
        for (id, title, description) in &ids {
            assert_eq!(cell(*id, 1).replace('\'', ""), title.replace('\'', ""));
            assert_eq!(cell(*id, 2).replace('\'', ""), description.replace('\'', ""));
        }
        // Every cell with a separator of any locale or a quote is quoted.
        assert!(text.contains("\"Rejse;'=1+1\""), "{text}");
    })
    .await;
}
