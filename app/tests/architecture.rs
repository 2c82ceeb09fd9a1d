//! The house rules that the compiler does not check, checked over the source tree:
//! the top-level modules of `app/src` import each other in one direction only, every
//! translation key is used, and no hand-written source file grows past 600 lines.
//! (docs/architecture.md explains the layers.)

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

fn app_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> =
        fs::read_dir(dir).expect("source folder is readable").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source without comments, string and character literals, so that prose never counts.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && matches!(next, Some('"' | '#'))
            && !chars.get(i.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            // a raw string: r"…", r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < chars.len() && !(chars[j] == '"' && (1..=hashes).all(|h| chars.get(j + h) == Some(&'#'))) {
                j += 1;
            }
            out.push_str("\"\"");
            i = j + 1 + hashes;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\'' && (chars.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // a character literal ('"', '\'', '\\'); lifetimes ('a) are left alone
            i += if next == Some('\\') { 3 } else { 1 };
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            out.push_str("' '");
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The top-level modules that `lib.rs` declares.
fn top_level_modules(src: &Path) -> BTreeSet<String> {
    let lib = fs::read_to_string(src.join("lib.rs")).expect("lib.rs is readable");
    code_only(&lib)
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_prefix("pub mod ").or_else(|| line.strip_prefix("mod "))?;
            Some(rest.trim_end_matches(';').trim().to_owned())
        })
        .collect()
}

/// `crate::a::…`, `crate::{a::…, b}`: the top-level names a piece of code reaches.
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            let mut depth = 0;
            let mut start = true;
            let mut name = String::new();
            for c in group[..end].chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !name.is_empty() {
                            found.push(std::mem::take(&mut name));
                        }
                        start = true;
                    }
                    c if start && (c.is_alphanumeric() || c == '_') => name.push(c),
                    c if start && c.is_whitespace() && name.is_empty() => {}
                    _ if start => {
                        if !name.is_empty() {
                            found.push(std::mem::take(&mut name));
                        }
                        start = false;
                    }
                    _ => {}
                }
            }
            if !name.is_empty() {
                found.push(name);
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            found.push(name);
        }
    }
    found
}

/// Which top-level module imports which, with one file that does it.
fn import_graph(src: &Path) -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let modules = top_level_modules(src);
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    let mut files = Vec::new();
    rust_files(src, &mut files);
    for file in files {
        let rel = file.strip_prefix(src).expect("under src");
        let first = rel.components().next().expect("a file").as_os_str().to_string_lossy();
        let from = first.trim_end_matches(".rs").to_owned();
        if !modules.contains(&from) {
            continue; // lib.rs: the crate root composes everything
        }
        let code = code_only(&fs::read_to_string(&file).expect("readable"));
        for to in crate_paths(&code) {
            if to != from && modules.contains(&to) {
                graph.entry(from.clone()).or_default().entry(to).or_insert_with(|| rel.to_path_buf());
            }
        }
    }
    graph
}

/// Strongly connected components with more than one module (Tarjan's algorithm).
fn cycles(graph: &BTreeMap<String, BTreeMap<String, PathBuf>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<String, BTreeMap<String, PathBuf>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a str) {
        let i = w.index.len();
        w.index.insert(v, i);
        w.low.insert(v, i);
        w.stack.push(v);
        if let Some(edges) = w.graph.get(v) {
            for to in edges.keys() {
                let to = to.as_str();
                if !w.index.contains_key(to) {
                    visit(w, to);
                    let low = w.low[v].min(w.low[to]);
                    w.low.insert(v, low);
                } else if w.stack.contains(&to) {
                    let low = w.low[v].min(w.index[to]);
                    w.low.insert(v, low);
                }
            }
        }
        if w.low[v] == w.index[v] {
            let mut component = Vec::new();
            while let Some(top) = w.stack.pop() {
                component.push(top.to_owned());
                if top == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                w.found.push(component);
            }
        }
    }
    let mut walk = Walk { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), found: Vec::new() };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            visit(&mut walk, v);
        }
    }
    walk.found
}

#[test]
fn top_level_modules_import_in_one_direction() {
    let graph = import_graph(&app_src());
    let found = cycles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|component| {
            let edges: Vec<String> = component
                .iter()
                .flat_map(|from| {
                    graph[from]
                        .iter()
                        .filter(|(to, _)| component.contains(to))
                        .map(move |(to, file)| format!("{from} → {to} (e.g. {})", file.display()))
                })
                .collect();
            format!("{}:\n  {}", component.join(", "), edges.join("\n  "))
        })
        .collect();
    assert!(found.is_empty(), "import cycles between top-level modules of app/src:\n{}", described.join("\n"));
    // The leaf layer imports nothing of the crate's other modules.
    assert!(!graph.contains_key("common"), "common imports {:?}", graph.get("common"));
}

#[test]
fn the_cycle_check_finds_a_ring() {
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph.entry(from.to_owned()).or_default().insert(to.to_owned(), PathBuf::from("x.rs"));
    }
    assert_eq!(cycles(&graph), vec![vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]]);
    assert_eq!(
        crate_paths("use crate::{a::X, b, c::{d, e}};\nlet x = crate::f::g(); my_crate::h();"),
        ["a", "b", "c", "f"]
    );
    assert_eq!(code_only("let s = \"crate::x\"; // crate::y\ncrate::z"), "let s = \"\"; \ncrate::z");
    assert_eq!(code_only("f('\"', r#\"a \"crate::b\" c\"#, '\\\'', x::<'a>)"), "f(' ', \"\", ' ', x::<'a>)");
}

/// The Rust name a translation key is used by: the field, or the method of a template or a
/// plural (`x_one`/`x_other` → `x`).
fn rust_name(key: &str, keys: &BTreeSet<String>) -> String {
    match key.strip_suffix("_one").or_else(|| key.strip_suffix("_other")) {
        Some(base) if keys.contains(&format!("{base}_one")) && keys.contains(&format!("{base}_other")) => {
            base.to_owned()
        }
        _ => key.to_owned(),
    }
}

fn uses_name(code: &str, name: &str) -> bool {
    let pattern = format!(".{name}");
    code.match_indices(&pattern).any(|(at, _)| {
        let after = code[at + pattern.len()..].chars().next();
        !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn every_translation_key_is_used() {
    let src = app_src();
    let server = src.join("../../server/src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    rust_files(&server, &mut files);
    let code: String = files.iter().map(|f| code_only(&fs::read_to_string(f).expect("readable"))).collect();
    let mut folders = Vec::new();
    fn find(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.ends_with("texts") && path.join("en.json").is_file() {
                    out.push(path.clone());
                }
                find(&path, out);
            }
        }
    }
    find(&src, &mut folders);
    assert!(folders.len() >= 6, "the texts folders were not found: {folders:?}");
    let mut unused = Vec::new();
    for folder in folders {
        let text = fs::read_to_string(folder.join("en.json")).expect("readable");
        let object: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).expect("en.json is JSON");
        let keys: BTreeSet<String> = object.into_iter().map(|(k, _)| k).filter(|k| !k.starts_with('@')).collect();
        for key in &keys {
            if !uses_name(&code, &rust_name(key, &keys)) {
                unused.push(format!("{}: {key}", folder.display()));
            }
        }
    }
    assert!(unused.is_empty(), "translation keys no code uses (delete them):\n{}", unused.join("\n"));
}

#[test]
fn source_files_stay_readable() {
    let root = app_src().join("../..");
    let mut files = Vec::new();
    for dir in ["app/src", "app/tests", "app/build.rs", "frontend/src", "server/src", "server/tests", "server/examples"]
    {
        let path = root.join(dir);
        if path.is_file() {
            files.push(path);
        } else if path.is_dir() {
            rust_files(&path, &mut files);
        }
    }
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = fs::read_to_string(f).expect("readable").lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "source files above {MAX_LINES} lines (split them by what they do):\n{}", long.join("\n"));
}
