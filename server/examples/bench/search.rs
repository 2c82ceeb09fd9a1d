//! In-process measurements, no HTTP (what wrk cannot see): the search service's time per query
//! over a few hundred different searches, and the list page's data without rendering.

use crate::data::{World, OBJECTS, PHASES, STATUSES, SUBJECT_AREAS, SYSTEMS, TECHNOLOGIES, VISIBILITIES};
use crate::{ms, percentile};
use app::candidates::search::model::{encode_component, CandidateQuery};
use app::candidates::service;
use app::db::Db;
use server::seed::Rng;
use std::time::{Duration, Instant};

pub async fn run(db: &Db, world: &World, queries: usize) {
    // The search service, called in turn as a reporter, an unlimited coordinator and a visitor.
    let list = self::queries(world, queries);
    search_times(db, world, &list[..list.len().min(50)]).await; // warm the page cache
    let mut times = search_times(db, world, &list).await;
    times.sort();
    println!("search service, {} different queries (3 callers: reporter, coordinator, visitor):", times.len());
    println!(
        "  p50 {}   p95 {}   p99 {}   max {}",
        ms(percentile(&times, 0.50)),
        ms(percentile(&times, 0.95)),
        ms(percentile(&times, 0.99)),
        ms(percentile(&times, 1.0))
    );
    let mut pairs: Vec<(Duration, &String)> = search_times(db, world, &list).await.into_iter().zip(&list).collect();
    pairs.sort_by_key(|p| std::cmp::Reverse(p.0));
    for (t, q) in pairs.into_iter().take(5) {
        println!("  slow: {} {q}", ms(t));
    }

    // Everything the list page asks the database for (the page of results, its count,
    // departments, municipalities, label suggestions), without HTTP or SSR.
    for raw in ["", "status=active&sort=hours"] {
        let mut view_times = Vec::new();
        for _ in 0..200 {
            let started = Instant::now();
            service::list_view(db, Some(&world.reporter), raw).await.expect("list view");
            view_times.push(started.elapsed());
        }
        view_times.sort();
        println!(
            "list page's data (service::list_view {raw:?}, reporter): p50 {}   p95 {}",
            ms(percentile(&view_times, 0.50)),
            ms(percentile(&view_times, 0.95))
        );
    }
}

/// Different searches: words (whole and started), filters, orders, later pages.
fn queries(world: &World, n: usize) -> Vec<String> {
    let mut rng = Rng::new(7);
    // The filters added later draw from their own generator: the queries above stay the same.
    let mut extra = Rng::new(8);
    let words: Vec<&str> = OBJECTS.iter().chain(SYSTEMS).flat_map(|s| s.split(' ')).collect();
    (0..n)
        .map(|i| {
            let mut q = Vec::new();
            match i % 4 {
                0 => q.push(format!("q={}", rng.pick(&words))),
                1 => {
                    let word = rng.pick(&words);
                    q.push(format!("q={}+{}", rng.pick(&words), word.chars().take(4).collect::<String>()));
                }
                2 => q.push(format!("q={}", rng.pick(&words))),
                _ => {}
            }
            if rng.below(2) == 0 {
                q.push(format!("phase={}&phase={}", rng.pick(PHASES).as_str(), rng.pick(PHASES).as_str()));
            }
            if rng.below(4) == 0 {
                q.push(format!("status={}", rng.pick(STATUSES).as_str()));
            }
            if rng.below(4) == 0 {
                let (_, departments, _) = &world.municipalities[0];
                q.push(format!("department={}", departments[rng.below(departments.len())]));
            }
            if rng.below(5) == 0 {
                q.push(format!("municipality={}", world.municipalities[rng.below(world.municipalities.len())].0));
            }
            if rng.below(6) == 0 {
                q.push(format!("visibility={}", rng.pick(VISIBILITIES).as_str()));
            }
            if rng.below(8) == 0 {
                q.push("mine=1".into());
            }
            if rng.below(6) == 0 {
                q.push("from=2025-01-01&to=2025-12-31".into());
            }
            if extra.below(8) == 0 {
                q.push(format!("subject={}", encode_component(extra.pick(SUBJECT_AREAS))));
            }
            if extra.below(8) == 0 {
                q.push(format!("system={}", encode_component(extra.pick(SYSTEMS))));
            }
            if extra.below(10) == 0 {
                q.push(format!("technology={}", encode_component(extra.pick(TECHNOLOGIES))));
            }
            if extra.below(10) == 0 {
                q.push("followed=1".into());
            }
            q.push(format!("sort={}", rng.pick(&["relevance", "newest", "oldest", "title", "hours"])));
            if rng.below(5) == 0 {
                q.push(format!("page={}", rng.below(4) + 2));
            }
            q.join("&")
        })
        .collect()
}

async fn search_times(db: &Db, world: &World, list: &[String]) -> Vec<Duration> {
    let actors = [Some(&world.reporter), Some(&world.coordinator), None];
    let mut times = Vec::with_capacity(list.len());
    for (i, raw) in list.iter().enumerate() {
        let (query, notes) = CandidateQuery::parse(raw);
        let started = Instant::now();
        let found = service::search(db, actors[i % actors.len()], query, notes).await;
        times.push(started.elapsed());
        if let Err(e) = found {
            panic!("search {raw} failed: {e:?}");
        }
    }
    times
}
