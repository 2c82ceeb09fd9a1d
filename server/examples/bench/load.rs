//! The list page over HTTP: the real router (sessions, sign-in, Leptos SSR, the visibility
//! filter) served in this process on 127.0.0.1, loaded by `wrk` in a separate process with
//! `list.lua` (the URL mix). This process's CPU time over each run gives the server's CPU per
//! answer, apart from the load client's.

use crate::data::{PASSWORD, SIGN_IN};
use app::db::Db;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use leptos::config::LeptosOptions;
use server::config::Config;
use std::path::PathBuf;
use std::time::Duration;
use tower::ServiceExt;

/// wrk's threads; the machine's two cores are shared with the server.
const THREADS: u32 = 2;

pub fn check_wrk() -> Result<(), String> {
    match std::process::Command::new("wrk").arg("--version").output() {
        Ok(_) => Ok(()),
        Err(_) => Err("wrk is not installed (Debian: apt-get install -y wrk)".into()),
    }
}

pub async fn run(db: &Db, seconds: u64, connections: u64) -> Result<(), String> {
    let config = Config::from_lookup(|_| None).map_err(|e| e.to_string())?;
    let options = LeptosOptions::builder().output_name("autoport").build();
    let router = server::router(&config, options, db.clone()).map_err(|e| e.to_string())?;
    let cookie = sign_in(&router).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
    let url = format!("http://{}", listener.local_addr().map_err(|e| e.to_string())?);
    tokio::spawn(async move { axum::serve(listener, router.into_make_service()).await });
    for (label, mix) in [("list page, mixed filters", "mixed"), ("list page, plain /candidates", "plain")] {
        let (url, cookie) = (url.clone(), cookie.clone());
        let line = tokio::task::spawn_blocking(move || -> Result<String, String> {
            wrk(&url, &cookie, mix, 2, connections)?; // warm-up
            let before = own_cpu()?;
            let run = wrk(&url, &cookie, mix, seconds, connections)?;
            let per_answer = (own_cpu()? - before).as_secs_f64() * 1000.0 / run.answers;
            Ok(format!(
                "{:.0} requests/s over {:.1} s, {connections} connections, signed in ({} answers, {} errors; \
                 latency p50 {:.2} ms, p99 {:.2} ms); server CPU {per_answer:.3} ms per answer \
                 = {:.0} answers/s on 2 cores of its own",
                run.rate,
                run.seconds,
                run.answers,
                run.errors,
                run.p50_ms,
                run.p99_ms,
                2000.0 / per_answer
            ))
        })
        .await
        .map_err(|e| e.to_string())??;
        println!("{label}, wrk: {line}");
    }
    Ok(())
}

/// Signs in as the bench's reporter through the router itself (no socket) and checks that the
/// session opens the list; returns the cookie as `name=value`.
async fn sign_in(router: &axum::Router) -> Result<String, String> {
    let body = format!("email={}&password={PASSWORD}", SIGN_IN.replace('@', "%40"));
    let request = Request::post("/fn/identity/login")
        .header(header::HOST, "127.0.0.1")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .map_err(|e| e.to_string())?;
    let answer = router.clone().oneshot(request).await.map_err(|e| e.to_string())?;
    let cookie = answer
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(server::SESSION_COOKIE))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("sign-in as {SIGN_IN} set no session cookie ({})", answer.status()))?;
    // wrk counts only answers >= 400 as errors; a lost session would be a redirect.
    let list = Request::get("/candidates")
        .header(header::HOST, "127.0.0.1")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .map_err(|e| e.to_string())?;
    match router.clone().oneshot(list).await.map_err(|e| e.to_string())?.status() {
        StatusCode::OK => Ok(cookie),
        other => Err(format!("the list answered {other} to the signed-in session")),
    }
}

/// wrk's summary line (`done` in list.lua).
struct Run {
    answers: f64,
    errors: f64,
    seconds: f64,
    rate: f64,
    p50_ms: f64,
    p99_ms: f64,
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/bench/list.lua")
}

fn wrk(url: &str, cookie: &str, mix: &str, seconds: u64, connections: u64) -> Result<Run, String> {
    let output = std::process::Command::new("wrk")
        .args(["-t", &THREADS.to_string(), "-c", &connections.to_string(), "-d", &format!("{seconds}s")])
        .args(["-H", &format!("Cookie: {cookie}"), "-H", "Accept: text/html", "-s"])
        .arg(script())
        .args([url, "--", mix])
        .output()
        .map_err(|e| format!("wrk: {e}"))?;
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("bench: "))
        .ok_or_else(|| format!("no summary in wrk's output: {text}{}", String::from_utf8_lossy(&output.stderr)))?;
    let value = |key: &str| -> Result<f64, String> {
        line.split_whitespace()
            .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("no {key} in {line:?}"))
    };
    let run = Run {
        answers: value("answers")?,
        errors: value("errors")?,
        seconds: value("seconds")?,
        rate: value("rate")?,
        p50_ms: value("p50_ms")?,
        p99_ms: value("p99_ms")?,
    };
    if run.errors > 0.0 {
        return Err(format!("{} failed answers: {text}", run.errors));
    }
    Ok(run)
}

/// CPU time of this process so far (user + system, all threads), from `/proc/self/stat`.
fn own_cpu() -> Result<Duration, String> {
    let stat = std::fs::read_to_string("/proc/self/stat").map_err(|e| e.to_string())?;
    // Fields after the command name (which may contain spaces) in parentheses.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after the name and
    // state. Linux reports them in USER_HZ, which is 100 on every architecture it supports.
    Ok(Duration::from_millis((ticks(11) + ticks(12)) * 10))
}
