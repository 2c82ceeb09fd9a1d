//! Finding candidates on both databases: text search (ranking, prefixes, text that must never
//! break the query), every filter, sorting, paging, and that nothing of another
//! municipality's private candidates or people leaks through search, API or CSV.

use crate::support::{each_backend, world, World};
use app::admin::model::DepartmentForm;
use app::admin::service as admin_service;
use app::candidates::model::{CandidateForm, CandidatePage, Period, Phase, Status, Visibility};
use app::candidates::search::export;
use app::candidates::search::model::{CandidateQuery, QueryNote};
use app::candidates::service;
use app::common::locale::Locale;
use app::db::Db;
use app::identity::model::Actor;
use app::with_pool;
use server::seed::{self, Candidate};

pub(crate) fn form(title: &str, description: &str, visibility: Visibility, department: Option<i64>) -> CandidateForm {
    CandidateForm {
        title: title.into(),
        description: description.into(),
        department_id: department.map(|d| d.to_string()).unwrap_or_default(),
        volume: "10".into(),
        period: "week".into(),
        minutes_per_case: "6".into(),
        visibility: visibility.as_str().into(),
    }
}

pub(crate) async fn add(db: &Db, who: &Actor, f: CandidateForm) -> i64 {
    service::report(db, Some(who), &f, Locale::En).await.expect("reported")
}

/// A candidate as `form` reports it (10 a week, 6 minutes each), written by the seed so that
/// its phase, status and report date can be what the report form cannot (yet) set.
pub(crate) fn listed(who: &Actor, title: &str, visibility: Visibility, department: Option<i64>) -> Candidate {
    Candidate::by(who, title)
        .description("x")
        .volume(10.0, Period::Week, 6.0)
        .visibility(visibility)
        .department(department)
}

pub(crate) async fn find(db: &Db, who: Option<&Actor>, raw: &str) -> CandidatePage {
    let (query, notes) = CandidateQuery::parse(raw);
    service::search(db, who, query, notes).await.unwrap_or_else(|e| panic!("search {raw:?} failed: {e:?}"))
}

pub(crate) fn ids(page: &CandidatePage) -> Vec<i64> {
    page.items.iter().map(|c| c.id).collect()
}

pub(crate) fn titles(page: &CandidatePage) -> Vec<&str> {
    page.items.iter().map(|c| c.title.as_str()).collect()
}

#[tokio::test]
async fn text_search_ranks_title_words_first_and_matches_word_starts() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let r = &w.reporter;
        let m = Visibility::Municipality;
        let in_text = add(&db, r, form("Bogføring af fakturaer", "Kontrol af pas og kørekort i sagen.", m, None)).await;
        let in_title = add(&db, r, form("Påmindelser om udløbne pas", "Breve flettes manuelt.", m, None)).await;
        let german = add(&db, r, form("Ärger mit der Straßenreinigung", "Anträge für die Straße.", m, None)).await;
        let swedish = add(&db, r, form("Ansökan om färdtjänst", "Åtgärder i ärendet.", m, None)).await;
        add(&db, r, form("Unrelated", "Nothing to see.", m, None)).await;

        assert_eq!(ids(&find(&db, Some(r), "q=pas").await), vec![in_title, in_text], "title counts more");
        assert_eq!(
            ids(&find(&db, Some(r), "q=P%C3%85MIND").await),
            vec![in_title],
            "prefix of the last word, any case"
        );
        assert_eq!(ids(&find(&db, Some(r), "q=k%C3%B8rekort+kontrol").await), vec![in_text], "all words must match");
        assert_eq!(ids(&find(&db, Some(r), "q=stra%C3%9Fe").await), vec![german], "ß");
        assert_eq!(ids(&find(&db, Some(r), "q=%C3%A4rger").await), vec![german], "ä matches Ä");
        assert_eq!(ids(&find(&db, Some(r), "q=%C3%A5tg%C3%A4rder").await), vec![swedish], "å, ä");
        assert_eq!(find(&db, Some(r), "q=pasta").await.total, 0);
        // Relevance only with text; an explicit order wins over it.
        assert_eq!(ids(&find(&db, Some(r), "q=pas&sort=oldest").await), vec![in_text, in_title]);
    })
    .await;
}

#[tokio::test]
async fn any_search_text_is_safe() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let r = &w.reporter;
        let pas = add(&db, r, form("Pas og kørekort", "Fornyelse af pas.", Visibility::Municipality, None)).await;
        add(&db, r, form("Something else", "Entirely.", Visibility::Municipality, None)).await;
        let everything = find(&db, Some(r), "").await.total;
        assert_eq!(everything, 2);
        // Operators, quotes and wildcards are plain separators: never an error, never a syntax.
        let finds_pas = [
            "\"pas",
            "pas\"",
            "pas*",
            "*pas",
            "-pas",
            "'pas'",
            "pas:*",
            "pas & | !",
            "(pas",
            "pas)",
            "{pas}",
            "pas\\",
            "  PAS  ",
            "pas+kørekort",
            "\"pas og\"",
        ];
        let finds_nothing = [
            "NEAR(pas kørekort)",
            "pas NOT",
            "pas AND OR",
            "title:pas",
            "pas^2",
            "pas\" OR \"1\"=\"1",
            "pas' OR '1'='1",
            "pas;DROP TABLE candidates;--",
        ];
        for (texts, expected) in [(&finds_pas[..], 1), (&finds_nothing[..], 0)] {
            for text in texts {
                let query = CandidateQuery { text: (*text).into(), ..Default::default() };
                let found = service::search(&db, Some(r), query, vec![]).await;
                let found = found.unwrap_or_else(|e| panic!("{text:?} failed: {e:?}"));
                assert_eq!(found.total, expected, "{text:?}");
                if expected == 1 {
                    assert_eq!(ids(&found), vec![pas], "{text:?}");
                }
            }
        }
        // Words that are operators elsewhere are only words here.
        assert_eq!(find(&db, Some(r), "q=NEAR").await.total, 0);
        assert_eq!(find(&db, Some(r), "q=OR").await.total, 0);
        // Only punctuation: no text filter at all.
        for text in ["\"", "*", "\"\"", "-", "()", "'", ":*", " & | ! ", "\\"] {
            let query = CandidateQuery { text: text.into(), ..Default::default() };
            let found = service::search(&db, Some(r), query, vec![]).await.expect("searched");
            assert_eq!(found.total, everything, "{text:?} is no filter");
        }
        assert_eq!(count_rows(&db).await, 2, "the table is still there");
    })
    .await;
}

pub(crate) async fn count_rows(db: &Db) -> i64 {
    crate::support::count_candidates(db).await
}

#[tokio::test]
async fn every_filter_narrows_the_list() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let admin = Some(&w.municipality_admin);
        let below = DepartmentForm { name: "Pas og kørekort".into(), parent_id: w.home_department.to_string() };
        let below = admin_service::create_department(&db, admin, &below).await.expect("department");
        let v = Visibility::Municipality;
        let day = |d: u8| time::Date::from_calendar_date(2026, time::Month::March, d).expect("date");
        let written = seed::candidates(
            &db,
            vec![
                listed(&w.reporter, "In the top department", v, Some(w.home_department))
                    .phase(Phase::Backlog)
                    .reported_at(day(1).with_hms(23, 59, 59).expect("t").assume_utc()),
                listed(&w.colleague, "In the department below", v, Some(below))
                    .phase(Phase::Testing)
                    .reported_at(day(2).midnight().assume_utc()),
                listed(&w.colleague, "Without a department", Visibility::Public, None)
                    .status(Status::OnHold)
                    .reported_at(day(3).with_hms(12, 0, 0).expect("t").assume_utc()),
                listed(&w.other_reporter, "Shared by the other", Visibility::Consortium, None)
                    .reported_at(day(4).midnight().assume_utc()),
            ],
        )
        .await
        .expect("candidates");
        let [top, child, none, shared]: [i64; 4] = written.try_into().expect("four");
        let r = Some(&w.reporter);
        let sorted = |mut v: Vec<i64>| {
            v.sort_unstable();
            v
        };
        let got = |raw: &'static str| {
            let db = db.clone();
            let who = w.reporter.clone();
            async move { sorted(ids(&find(&db, Some(&who), raw).await)) }
        };
        assert_eq!(got("").await, sorted(vec![top, child, none, shared]));
        assert_eq!(got("phase=backlog&phase=testing").await, sorted(vec![top, child]));
        assert_eq!(got("phase=idea").await, sorted(vec![none, shared]));
        assert_eq!(got("status=on_hold").await, vec![none]);
        assert_eq!(got("status=active&phase=idea").await, vec![shared]);
        assert_eq!(got("visibility=public&visibility=consortium").await, sorted(vec![none, shared]));
        let department = |d: i64| format!("department={d}");
        assert_eq!(
            sorted(ids(&find(&db, r, &department(w.home_department)).await)),
            sorted(vec![top, child]),
            "subtree"
        );
        assert_eq!(ids(&find(&db, r, &department(below)).await), vec![child], "not the parent");
        assert_eq!(find(&db, r, &department(w.other_department)).await.total, 0);
        assert_eq!(ids(&find(&db, r, &format!("municipality={}", w.other)).await), vec![shared]);
        assert_eq!(got("mine=1").await, vec![top], "reported by me");
        assert_eq!(ids(&find(&db, Some(&w.colleague), "mine=1").await).len(), 2);
        // Days are whole days (UTC), both ends included.
        assert_eq!(got("from=2026-03-02").await, sorted(vec![child, none, shared]));
        assert_eq!(got("to=2026-03-01").await, vec![top]);
        assert_eq!(got("from=2026-03-02&to=2026-03-03").await, sorted(vec![child, none]));
        assert_eq!(got("from=2026-03-05").await, Vec::<i64>::new());
        // Filters combine with text and with each other.
        assert_eq!(got("q=department&phase=testing").await, vec![child]);
        // Anonymous: "mine" is dropped with a note, the rest still applies to public ones only.
        let anonymous = find(&db, None, "mine=1").await;
        assert_eq!((ids(&anonymous), anonymous.notes), (vec![none], vec![QueryNote::MineNeedsSignIn]));
    })
    .await;
}

/// `n` candidates at once (the report form is too slow for hundreds), with titles
/// "Item 000"…, one a day, and hours growing with the number.
pub(crate) async fn bulk(db: &Db, w: &World, n: i64) {
    let start = time::OffsetDateTime::now_utc() - time::Duration::days(n + 1);
    let rows = (0..n)
        .map(|i| {
            Candidate::by(&w.reporter, &format!("Item {:03}", (i * 37) % n))
                .description("Bulk row")
                .volume((i % 7) as f64 + 1.0, Period::Week, 10.0)
                .reported_at(start + time::Duration::days(i))
        })
        .collect();
    seed::candidates(db, rows).await.expect("insert");
}

#[tokio::test]
async fn sorting_and_paging() {
    each_backend(|db| async move {
        let w = world(&db).await;
        bulk(&db, &w, 120).await;
        let r = Some(&w.reporter);
        let first = find(&db, r, "").await;
        assert_eq!((first.total, first.page, first.pages, first.items.len()), (120, 1, 3, 50));
        let third = find(&db, r, "page=3").await;
        assert_eq!((third.page, third.items.len()), (3, 20));
        let mut all: Vec<i64> = Vec::new();
        for page in 1..=3 {
            all.extend(ids(&find(&db, r, &format!("page={page}")).await));
        }
        let mut unique = all.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 120, "pages neither overlap nor skip");
        // Newest first by default, oldest on request.
        let newest = find(&db, r, "").await;
        assert!(newest.items.windows(2).all(|p| p[0].created_on >= p[1].created_on));
        let oldest = find(&db, r, "sort=oldest").await;
        assert!(oldest.items.windows(2).all(|p| p[0].created_on <= p[1].created_on));
        assert_eq!(titles(&find(&db, r, "sort=title").await)[..3], ["Item 000", "Item 001", "Item 002"]);
        let hours = find(&db, r, "sort=hours").await;
        assert!(hours.items.windows(2).all(|p| p[0].manual_hours_per_year >= p[1].manual_hours_per_year));
        // After the last page: the last page, and a note.
        let after = find(&db, r, "page=9").await;
        assert_eq!((after.page, after.items.len(), after.notes), (3, 20, vec![QueryNote::PageAfterLast]));
        assert_eq!(after.query.page, 3, "the query as applied");
        // Nonsense is reset, with a note, not an error.
        let bad = find(&db, r, "page=-4&sort=sideways").await;
        assert_eq!((bad.page, bad.notes), (1, vec![QueryNote::BadPage, QueryNote::UnknownSort]));
        let empty = find(&db, r, "q=nothingmatches").await;
        assert_eq!((empty.total, empty.page, empty.pages, empty.notes), (0, 1, 1, vec![]));
    })
    .await;
}

/// Another municipality's private candidate, its reporter's name and its words never appear
/// to anyone of the home municipality: not in search, not in the CSV, whatever they search.
#[tokio::test]
async fn other_municipalities_private_candidates_and_people_never_leak() {
    each_backend(|db| async move {
        let w = world(&db).await;
        rename(&db, &w.other_reporter, "Olga Otherton").await;
        rename(&db, &w.reporter, "Hanne Homeson").await;
        let secret = "Zebrafisk lønkørsel hemmelig";
        add(&db, &w.other_reporter, form(secret, "Quokka internal notes", Visibility::Private, None)).await;
        add(&db, &w.other_reporter, form("Zebrafisk municipality-only", "Quokka", Visibility::Municipality, None))
            .await;
        let shared =
            add(&db, &w.other_reporter, form("Zebrafisk shared", "Quokka", Visibility::Consortium, None)).await;
        let home = add(&db, &w.reporter, form("Zebrafisk at home", "Quokka", Visibility::Private, None)).await;
        let home_people = [&w.reporter, &w.colleague, &w.coordinator, &w.municipality_admin, &w.consortium_coordinator];
        for who in home_people {
            for raw in [
                String::new(),
                format!("q={}", secret.replace(' ', "+")),
                "q=zebrafisk".into(),
                "q=quokka".into(),
                "q=hemmelig".into(),
                format!("municipality={}", w.other),
                "visibility=private".into(),
                "visibility=municipality".into(),
            ] {
                let found = find(&db, Some(who), &raw).await;
                for c in &found.items {
                    assert!(c.id == shared || c.id == home, "{raw:?} showed {} to {}", c.title, who.user_id);
                }
            }
            let (query, _) = CandidateQuery::parse("q=zebrafisk");
            let csv = export::candidates_csv(&db, Some(who), &query, Locale::En).await.expect("csv");
            let csv = String::from_utf8(csv).expect("utf-8");
            assert!(!csv.contains("hemmelig") && !csv.contains("municipality-only"), "{csv}");
            assert!(!csv.contains("Olga Otherton"), "the other municipality's reporter is personal data: {csv}");
            assert!(csv.contains("Zebrafisk shared"));
        }
        // The other municipality's own people see it, and their own reporter's name.
        let theirs = find(&db, Some(&w.other_reporter), "q=hemmelig").await;
        assert_eq!(theirs.total, 1);
        let (query, _) = CandidateQuery::parse("q=zebrafisk");
        let csv = export::candidates_csv(&db, Some(&w.other_reporter), &query, Locale::En).await.expect("csv");
        let csv = String::from_utf8(csv).expect("utf-8");
        assert!(csv.contains("Olga Otherton") && !csv.contains("Hanne Homeson"), "{csv}");
        assert!(!csv.contains("Zebrafisk at home"), "home's private one stays home");
        // Visitors: nothing but public, and no export at all.
        assert_eq!(find(&db, None, "q=zebrafisk").await.total, 0);
        let anonymous = export::candidates_csv(&db, None, &query, Locale::En).await;
        assert_eq!(anonymous, Err(app::common::error::AppError::Unauthenticated));
    })
    .await;
}

pub(crate) async fn rename(db: &Db, who: &Actor, name: &str) {
    with_pool!(db, pool => sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
        .bind(name).bind(who.user_id).execute(pool).await.map(|_| ()))
    .expect("rename");
}

#[tokio::test]
async fn similar_titles_show_what_the_reporter_may_see_best_match_first() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let text = "Claims are typed from paper forms.";
        let own = add(&db, &w.colleague, form("Travel claims by hand", text, Visibility::Municipality, None)).await;
        let shared =
            add(&db, &w.other_reporter, form("Travel expenses", "Receipts checked.", Visibility::Consortium, None))
                .await;
        let hidden =
            add(&db, &w.other_reporter, form("Travel claims, secret", text, Visibility::Municipality, None)).await;
        let unrelated =
            add(&db, &w.colleague, form("Parking permits", "Renewed by phone.", Visibility::Public, None)).await;

        let found: Vec<i64> = service::similar(&db, Some(&w.reporter), "Registering travel clai")
            .await
            .expect("similar")
            .iter()
            .map(|c| c.id)
            .collect();
        // Any word matches ("registering" matches nothing), the last as a word start; sharing
        // "travel" and "claims" ranks before sharing "travel" only.
        assert_eq!(found, vec![own, shared], "never {hidden} (another municipality's) nor {unrelated}");
        // Short words alone ("by", "og") are not looked up, and neither are operators.
        assert!(service::similar(&db, Some(&w.reporter), "by og i").await.expect("short").is_empty());
        assert!(service::similar(&db, Some(&w.reporter), "\" OR * NEAR(").await.expect("operators").is_empty());
        // At most five.
        for n in 0..7 {
            add(&db, &w.reporter, form(&format!("Travel claims {n}"), text, Visibility::Private, None)).await;
        }
        let many = service::similar(&db, Some(&w.reporter), "travel claims").await.expect("many");
        assert_eq!(many.len(), 5);
    })
    .await;
}

/// Subject area, IT system, technology and "followed": each finds the right rows, any case,
/// and a label never reveals (nor suggests) a candidate the person may not see.
#[tokio::test]
async fn label_and_followed_filters() {
    each_backend(|db| async move {
        let w = world(&db).await;
        let m = Visibility::Municipality;
        let written = seed::candidates(
            &db,
            vec![
                listed(&w.reporter, "Skatteopgørelser", m, None)
                    .label("subject_area", "Skat")
                    .label("it_system", "SAP")
                    .label("technology", "RPA")
                    .label("tag", "Økonomi"),
                listed(&w.colleague, "Skoleindskrivning", m, None)
                    .label("subject_area", "Skole")
                    .label("it_system", "KMD Aula"),
                listed(&w.colleague, "Uden etiketter", m, None),
                listed(&w.other_reporter, "Naboens hemmelige", Visibility::Private, None)
                    .label("subject_area", "Skat")
                    .label("it_system", "SAP")
                    .label("technology", "RPA")
                    .label("subject_area", "Hemmeligt fagområde"),
                listed(&w.other_reporter, "Naboens delte", Visibility::Consortium, None)
                    .label("technology", "rpa")
                    .label("subject_area", "Økonomi"),
            ],
        )
        .await
        .expect("candidates");
        let [tax, school, plain, secret, shared]: [i64; 5] = written.try_into().expect("five");
        let sorted = |mut v: Vec<i64>| {
            v.sort_unstable();
            v
        };
        let home_people = [&w.reporter, &w.colleague, &w.coordinator, &w.municipality_admin, &w.consortium_coordinator];
        for who in home_people {
            let got = |raw: &'static str| {
                let db = db.clone();
                let who = who.clone();
                async move { sorted(ids(&find(&db, Some(&who), raw).await)) }
            };
            assert_eq!(got("subject=Skat").await, vec![tax], "not the neighbour's private one");
            assert_eq!(got("subject=skat").await, vec![tax], "any case");
            assert_eq!(got("subject=Ska").await, Vec::<i64>::new(), "whole labels only");
            assert_eq!(got("system=sap").await, vec![tax]);
            assert_eq!(got("system=KMD+Aula").await, vec![school]);
            assert_eq!(got("technology=RPA").await, sorted(vec![tax, shared]));
            assert_eq!(got("subject=Hemmeligt+fagomr%C3%A5de").await, Vec::<i64>::new());
            assert_eq!(got("subject=%C3%98konomi").await, vec![shared], "a tag is not a subject area");
            assert_eq!(got("subject=Skat&technology=rpa&system=SAP").await, vec![tax], "all of them");
            assert_eq!(got("subject=Skole&system=SAP").await, Vec::<i64>::new());
            // Suggestions are what these people may see, nothing of the private neighbour.
            let view = service::list_view(&db, Some(who), "").await.expect("list view");
            assert_eq!(view.labels.subject_areas, ["Skat", "Skole", "Økonomi"]);
            assert_eq!(view.labels.it_systems, ["KMD Aula", "SAP"]);
            assert_eq!(view.labels.technologies, ["RPA"], "one per spelling that differs in case");
        }
        assert_eq!(ids(&find(&db, None, "subject=Skat").await), Vec::<i64>::new(), "visitors see public ones only");
        assert_eq!(service::list_view(&db, None, "").await.expect("view").labels, Default::default());
        // The neighbour sees their own private candidate by its label.
        let theirs = find(&db, Some(&w.other_reporter), "subject=Skat").await;
        assert_eq!(ids(&theirs), vec![secret]);
        let view = service::list_view(&db, Some(&w.other_reporter), "").await.expect("view");
        assert!(view.labels.subject_areas.contains(&"Hemmeligt fagområde".to_owned()));

        // Followed: reporters follow what they reported; following adds, unfollowing removes.
        service::follow(&db, Some(&w.colleague), shared, true).await.expect("follow");
        service::follow(&db, Some(&w.colleague), plain, false).await.expect("unfollow");
        assert_eq!(ids(&find(&db, Some(&w.reporter), "followed=1").await), vec![tax]);
        assert_eq!(sorted(ids(&find(&db, Some(&w.colleague), "followed=1").await)), sorted(vec![school, shared]));
        assert_eq!(ids(&find(&db, Some(&w.colleague), "followed=1&technology=rpa").await), vec![shared]);
        assert_eq!(find(&db, Some(&w.coordinator), "followed=1").await.total, 0);
        let anonymous = find(&db, None, "followed=1").await;
        assert_eq!((anonymous.total, anonymous.notes), (0, vec![]), "visitors follow nothing");
        // The export is the same query.
        let (query, _) = CandidateQuery::parse("technology=rpa&followed=1");
        let csv = export::candidates_csv(&db, Some(&w.colleague), &query, Locale::En).await.expect("csv");
        let csv = String::from_utf8(csv).expect("utf-8");
        assert!(csv.contains("Naboens delte") && !csv.contains("Skatteopgørelser"), "{csv}");
    })
    .await;
}

/// The stored minutes a year behind "most hours a year" equal the figures the list shows, for
/// every period, after an edit of the volume and after a change of the working time.
#[tokio::test]
async fn stored_hours_follow_every_change() {
    use app::candidates::model::{Period, WorkingTime};
    use app::candidates::volumetrics::Figures;
    each_backend(|db| async move {
        let w = world(&db).await;
        let mut ids_by_period = Vec::new();
        for (i, period) in Period::ALL.iter().enumerate() {
            let mut f = form(&format!("Per {}", period.as_str()), "x", Visibility::Municipality, None);
            f.period = period.as_str().into();
            f.volume = format!("{}", 3 + i);
            f.minutes_per_case = "7.5".into();
            ids_by_period.push((add(&db, &w.reporter, f).await, *period, 3.0 + i as f64));
        }
        let stored = |id: i64| {
            let db = db.clone();
            async move {
                with_pool!(&db, pool => sqlx::query_scalar::<_, f64>("SELECT annual_minutes FROM candidates WHERE id = $1")
                    .bind(id).fetch_one(pool).await)
                .expect("stored")
            }
        };
        let check = |time: WorkingTime, volume_of: Vec<(i64, Period, f64)>| {
            let stored = &stored;
            async move {
                for (id, period, volume) in volume_of {
                    let expected = Figures::compute(volume, period, 7.5, time).manual_hours * 60.0;
                    let got = stored(id).await;
                    assert!((got - expected).abs() < 1e-6, "{period:?}: stored {got}, expected {expected}");
                }
            }
        };
        let danish = WorkingTime { working_days_per_year: 220.0, hours_per_day: 7.4 };
        check(danish, ids_by_period.clone()).await;
        // A changed volume and period (as the record edit stores them).
        let (first, _, _) = ids_by_period[0];
        with_pool!(&db, pool => sqlx::query("UPDATE candidates SET volume = 11, period = 'day' WHERE id = $1")
            .bind(first).execute(pool).await.map(|_| ()))
        .expect("edit");
        ids_by_period[0] = (first, Period::Day, 11.0);
        check(danish, ids_by_period.clone()).await;
        // The municipality's working time changes: hours and days follow, the rest stays.
        with_pool!(&db, pool => sqlx::query("UPDATE municipalities SET working_days_per_year = 200, hours_per_day = 8 WHERE id = $1")
            .bind(w.home).execute(pool).await.map(|_| ()))
        .expect("working time");
        check(WorkingTime { working_days_per_year: 200.0, hours_per_day: 8.0 }, ids_by_period.clone()).await;
        // Errors, rework and review add to every case (DESIGN.md): 7.5 + 10 % × 20 + 2 = 11.5
        // minutes. The list shows what the candidate's page shows.
        with_pool!(&db, pool => sqlx::query(
            "UPDATE candidates SET error_rate_pct = 10, rework_minutes = 20, review_minutes = 2 WHERE id = $1")
            .bind(first).execute(pool).await.map(|_| ()))
        .expect("record");
        let time = WorkingTime { working_days_per_year: 200.0, hours_per_day: 8.0 };
        let minutes = app::candidates::volumetrics::minutes_per_case(7.5, Some(10.0), Some(20.0), Some(2.0));
        assert_eq!(minutes, 11.5);
        let expected = Figures::compute(11.0, Period::Day, minutes, time).manual_hours;
        assert!((stored(first).await / 60.0 - expected).abs() < 1e-6);
        let listed = find(&db, Some(&w.reporter), "sort=hours").await;
        let row = listed.items.iter().find(|c| c.id == first).expect("listed");
        let page = service::get(&db, Some(&w.reporter), first).await.expect("detail");
        assert!((row.manual_hours_per_year - expected).abs() < 1e-6, "{}", row.manual_hours_per_year);
        assert!((page.figures().manual_hours - row.manual_hours_per_year).abs() < 1e-6);
        // The order is the order of the hours shown.
        let hours = find(&db, Some(&w.reporter), "sort=hours").await;
        assert_eq!(hours.items.len(), Period::ALL.len());
        assert!(hours.items.windows(2).all(|p| p[0].manual_hours_per_year >= p[1].manual_hours_per_year));
    })
    .await;
}

/// After a refresh of the planner statistics SQLite has `sqlite_stat1` rows and no
/// `sqlite_stat4` histograms (with them it would prepare the list's statements again on every
/// run); refreshing twice is fine; the list and its filter choices come whole afterwards.
#[tokio::test]
async fn planner_statistics_without_histograms() {
    each_backend(|db| async move {
        let w = world(&db).await;
        for i in 0..20 {
            add(&db, &w.reporter, form(&format!("Sag {i}"), "x", Visibility::Municipality, None)).await;
        }
        db.refresh_statistics().await.expect("refresh");
        db.refresh_statistics().await.expect("refresh again");
        if let Db::Sqlite(pool) = &db {
            let count = |table: &'static str| {
                let pool = pool.clone();
                async move {
                    sqlx::query_scalar::<_, i64>(&format!("SELECT COUNT(*) FROM {table}"))
                        .fetch_one(&pool)
                        .await
                        .expect("statistics table")
                }
            };
            assert!(count("sqlite_stat1").await > 0, "statistics gathered");
            assert_eq!(count("sqlite_stat4").await, 0, "no histograms");
        }
        let view = service::list_view(&db, Some(&w.reporter), "").await.expect("list view");
        assert_eq!(view.results.total, 20);
        assert!(view.municipalities.len() >= 2, "every municipality is a choice");
    })
    .await;
}
