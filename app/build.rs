//! Turns the translation files into Rust: every folder `src/<domain>/texts/` with `en.json`,
//! `da.json`, `de.json` and `sv.json` becomes one `Texts` struct with a static per language,
//! written to `$OUT_DIR/texts/<domain>.rs` and included by that folder's `mod.rs`.
//!
//! The build fails, naming the file and the key, when a language lacks a key or has one that
//! English has not, when a plural lacks a form, when a translation names a placeholder English
//! does not have, or when a file is not a flat JSON object of strings. The format is written up
//! in `src/common/texts/README.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

const LANGUAGES: [&str; 4] = ["en", "da", "de", "sv"];
/// The domain whose texts every other domain's `Texts` reaches through `Deref`.
const ROOT: &str = "common";

fn main() {
    let src = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("src");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("texts");
    fs::create_dir_all(&out).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=src");
    let mut folders = Vec::new();
    find_text_folders(&src, &mut folders);
    folders.sort();
    let mut problems = Vec::new();
    for folder in &folders {
        let domain = domain_of(&src, folder);
        match generate(folder, &domain) {
            Ok(code) => {
                fs::write(out.join(format!("{}.rs", domain.replace('/', "__"))), code).expect("OUT_DIR is writable")
            }
            Err(mut found) => problems.append(&mut found),
        }
    }
    if !problems.is_empty() {
        for problem in &problems {
            println!("cargo:warning={problem}");
        }
        panic!("the translations have {} problem(s):\n{}", problems.len(), problems.join("\n"));
    }
}

fn find_text_folders(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "texts") && path.join("en.json").is_file() {
                found.push(path.clone());
            }
            find_text_folders(&path, found);
        }
    }
}

/// `src/candidates/texts` → `candidates`.
fn domain_of(src: &Path, folder: &Path) -> String {
    let rel = folder.parent().and_then(|p| p.strip_prefix(src).ok()).expect("texts folders lie under src");
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// One entry of a file, in file order (duplicates are kept so they can be reported).
type Entries = Vec<(String, serde_json::Value)>;

fn read_entries(path: &Path) -> Result<Entries, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: cannot be read: {e}", path.display()))?;
    let mut de = serde_json::Deserializer::from_str(&text);
    let entries = serde::Deserialize::deserialize(&mut de)
        .map(|OrderedMap(entries)| entries)
        .map_err(|e| format!("{}: not a JSON object of texts: {e}", path.display()))?;
    de.end().map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(entries)
}

struct OrderedMap(Entries);

impl<'de> serde::Deserialize<'de> for OrderedMap {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = OrderedMap;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of texts")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<OrderedMap, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, serde_json::Value>()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// What English says of a text beyond its words (`"@key": {...}`).
#[derive(Default)]
struct Meta {
    /// The order of the arguments of the generated method, when not the order in which the
    /// placeholders first appear in English.
    args: Option<Vec<String>>,
    /// The argument that picks the plural form (default `n`); `args` may place it.
    count: Option<String>,
}

enum Kind {
    Plain,
    Template(Vec<String>),
    /// `args` holds `count` too, in its place.
    Plural {
        count: String,
        args: Vec<String>,
    },
}

struct Text {
    kind: Kind,
    /// Per language: the plain text, the template, or the `one` and `other` forms.
    values: BTreeMap<&'static str, Vec<String>>,
}

fn generate(folder: &Path, domain: &str) -> Result<String, Vec<String>> {
    let mut problems = Vec::new();
    let mut files = BTreeMap::new();
    for lang in LANGUAGES {
        let path = folder.join(format!("{lang}.json"));
        match read_entries(&path) {
            Ok(entries) => {
                files.insert(lang, (path, entries));
            }
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // English decides which texts exist and their kind.
    let (en_path, en_entries) = &files["en"];
    let mut metas: BTreeMap<String, Meta> = BTreeMap::new();
    let mut en: BTreeMap<String, String> = BTreeMap::new();
    for (key, value) in en_entries {
        if let Some(of) = key.strip_prefix('@') {
            metas.insert(of.to_owned(), parse_meta(en_path, key, value, &mut problems));
        } else if let Some(text) = value.as_str() {
            if en.insert(key.clone(), text.to_owned()).is_some() {
                problems.push(format!("{}: \"{key}\" appears twice", en_path.display()));
            }
            check_key(en_path, key, &mut problems);
        } else {
            problems.push(format!("{}: \"{key}\" is not a string", en_path.display()));
        }
    }
    let mut texts: BTreeMap<String, Text> = BTreeMap::new();
    let mut used_keys = BTreeSet::new();
    for key in en.keys() {
        if let Some(base) = key.strip_suffix("_other") {
            let one = format!("{base}_one");
            if !en.contains_key(&one) {
                problems.push(format!("{}: \"{key}\" has no \"{one}\"", en_path.display()));
                continue;
            }
            used_keys.insert(one.clone());
            used_keys.insert(key.clone());
            let meta = metas.remove(base).unwrap_or_default();
            let count = meta.count.unwrap_or_else(|| "n".to_owned());
            let mut placeholders = placeholders_in(&en[&one], en_path, &one, &mut problems);
            for p in placeholders_in(&en[key], en_path, key, &mut problems) {
                if !placeholders.contains(&p) {
                    placeholders.push(p);
                }
            }
            let mut args = meta.args.unwrap_or_else(|| {
                std::iter::once(count.clone()).chain(placeholders.iter().filter(|p| **p != count).cloned()).collect()
            });
            if !args.contains(&count) {
                args.insert(0, count.clone());
            }
            check_args(en_path, base, &placeholders, &args, &mut problems);
            texts.insert(base.to_owned(), Text { kind: Kind::Plural { count, args }, values: BTreeMap::new() });
        }
    }
    for (key, text) in &en {
        if used_keys.contains(key) {
            continue;
        }
        if key.ends_with("_one") {
            problems.push(format!("{}: \"{key}\" has no \"_other\" form", en_path.display()));
            continue;
        }
        let placeholders = placeholders_in(text, en_path, key, &mut problems);
        let kind = if placeholders.is_empty() {
            Kind::Plain
        } else {
            let meta = metas.remove(key.as_str()).unwrap_or_default();
            let args = meta.args.unwrap_or_else(|| placeholders.clone());
            check_args(en_path, key, &placeholders, &args, &mut problems);
            Kind::Template(args)
        };
        texts.insert(key.clone(), Text { kind, values: BTreeMap::new() });
    }
    for key in metas.keys() {
        problems.push(format!("{}: \"@{key}\" describes no text with placeholders", en_path.display()));
    }
    // Every language: the same keys, known placeholders only.
    for (lang, (path, entries)) in &files {
        let mut seen = BTreeSet::new();
        let mut values: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, value) in entries {
            if key.starts_with('@') {
                if *lang != "en" {
                    problems.push(format!("{}: \"{key}\": only en.json describes texts", path.display()));
                }
                continue;
            }
            if !seen.insert(key.as_str()) {
                problems.push(format!("{}: \"{key}\" appears twice", path.display()));
            }
            match value.as_str() {
                Some(text) => {
                    values.insert(key, text);
                }
                None => problems.push(format!("{}: \"{key}\" is not a string", path.display())),
            }
        }
        for key in values.keys() {
            if !en.contains_key(*key) {
                problems.push(format!("{}: \"{key}\" is not in en.json", path.display()));
            }
        }
        for (key, text) in texts.iter_mut() {
            let forms: Vec<String> = match text.kind {
                Kind::Plural { .. } => vec![format!("{key}_one"), format!("{key}_other")],
                _ => vec![key.clone()],
            };
            let known: Vec<String> = match &text.kind {
                Kind::Plain => Vec::new(),
                Kind::Template(args) => args.clone(),
                Kind::Plural { args, .. } => args.clone(),
            };
            let mut found = Vec::new();
            for form in &forms {
                match values.get(form.as_str()) {
                    Some(value) => {
                        for p in placeholders_in(value, path, form, &mut problems) {
                            if !known.contains(&p) {
                                problems.push(format!(
                                    "{}: \"{form}\" names {{{p}}}, which English does not have",
                                    path.display()
                                ));
                            }
                        }
                        found.push((*value).to_owned());
                    }
                    None => problems.push(format!("{}: \"{form}\" is missing", path.display())),
                }
            }
            text.values.insert(lang, found);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(render(domain, &texts))
}

fn parse_meta(path: &Path, key: &str, value: &serde_json::Value, problems: &mut Vec<String>) -> Meta {
    let mut meta = Meta::default();
    let Some(object) = value.as_object() else {
        problems.push(format!("{}: \"{key}\" must be an object", path.display()));
        return meta;
    };
    for (field, v) in object {
        match (field.as_str(), v) {
            ("args", serde_json::Value::Array(items)) => {
                meta.args = Some(items.iter().filter_map(|i| i.as_str().map(str::to_owned)).collect());
            }
            ("count", serde_json::Value::String(count)) => meta.count = Some(count.clone()),
            ("note", serde_json::Value::String(_)) => {}
            _ => problems.push(format!("{}: \"{key}\" has an unknown field \"{field}\"", path.display())),
        }
    }
    meta
}

fn check_key(path: &Path, key: &str, problems: &mut Vec<String>) {
    let ok = key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        problems.push(format!("{}: \"{key}\": keys are lower-case letters, digits and _", path.display()));
    }
}

fn check_args(path: &Path, key: &str, placeholders: &[String], args: &[String], problems: &mut Vec<String>) {
    for p in placeholders {
        if !args.contains(p) {
            problems.push(format!("{}: \"{key}\": {{{p}}} is not among the listed args", path.display()));
        }
    }
    for a in args {
        if !placeholders.contains(a) {
            problems.push(format!("{}: \"{key}\": the arg \"{a}\" appears in no English form", path.display()));
        }
    }
}

/// The placeholders of a template in order of first appearance; `{{` and `}}` are braces.
fn placeholders_in(text: &str, path: &Path, key: &str, problems: &mut Vec<String>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
            }
            '{' => {
                let name: String = chars.by_ref().take_while(|c| *c != '}').collect();
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    problems.push(format!("{}: \"{key}\": {{{name}}} is not a placeholder name", path.display()));
                } else if !found.contains(&name) {
                    found.push(name);
                }
            }
            '}' => problems.push(format!("{}: \"{key}\": a lone }} (write }}}} for a brace)", path.display())),
            _ => {}
        }
    }
    found
}

fn render(domain: &str, texts: &BTreeMap<String, Text>) -> String {
    let root = domain == ROOT;
    let mut out = String::new();
    let _ =
        writeln!(out, "// Generated by app/build.rs from src/{domain}/texts/*.json. Edit those files, not this one.");
    out.push_str("use crate::common::locale::Locale;\n\n");
    let _ = writeln!(out, "/// Every text of `{domain}` in one language.");
    out.push_str("pub struct Texts {\n    pub locale: Locale,\n");
    if !root {
        out.push_str("    parent: &'static crate::common::texts::Texts,\n");
    }
    for (key, text) in texts {
        match text.kind {
            Kind::Plain => {
                let _ = writeln!(out, "    pub {key}: &'static str,");
            }
            Kind::Template(_) => {
                let _ = writeln!(out, "    {key}: &'static str,");
            }
            Kind::Plural { .. } => {
                let _ = writeln!(out, "    {key}: [&'static str; 2],");
            }
        }
    }
    out.push_str("}\n\n");
    for lang in LANGUAGES {
        let _ = writeln!(out, "pub static {}: Texts = Texts {{", lang.to_uppercase());
        let _ = writeln!(out, "    locale: Locale::{},", capitalised(lang));
        if !root {
            let _ = writeln!(out, "    parent: &crate::common::texts::{},", lang.to_uppercase());
        }
        for (key, text) in texts {
            let values = &text.values[lang];
            match text.kind {
                Kind::Plural { .. } => {
                    let _ = writeln!(out, "    {key}: [{:?}, {:?}],", values[0], values[1]);
                }
                _ => {
                    let _ = writeln!(out, "    {key}: {:?},", values[0]);
                }
            }
        }
        out.push_str("};\n\n");
    }
    out.push_str(
        "/// The texts of a language.\npub fn texts(locale: Locale) -> &'static Texts {\n    match locale {\n",
    );
    for lang in LANGUAGES {
        let _ = writeln!(out, "        Locale::{} => &{},", capitalised(lang), lang.to_uppercase());
    }
    out.push_str("    }\n}\n\n");
    out.push_str("/// The texts of this page load's language.\npub fn use_texts() -> &'static Texts {\n    texts(crate::common::locale::use_locale())\n}\n\n");
    if !root {
        out.push_str("impl std::ops::Deref for Texts {\n    type Target = crate::common::texts::Texts;\n\n    fn deref(&self) -> &Self::Target {\n        self.parent\n    }\n}\n\n");
    }
    out.push_str("#[allow(dead_code)]\nimpl Texts {\n");
    for (key, text) in texts {
        match &text.kind {
            Kind::Plain => {}
            Kind::Template(args) => {
                let params: Vec<String> = args.iter().map(|a| format!("{a}: impl std::fmt::Display")).collect();
                let pairs: Vec<String> = args.iter().map(|a| format!("(\"{a}\", &{a})")).collect();
                let _ = writeln!(
                    out,
                    "    pub fn {key}(&self, {}) -> String {{\n        crate::common::locale::fill(self.{key}, &[{}])\n    }}\n",
                    params.join(", "),
                    pairs.join(", ")
                );
            }
            Kind::Plural { count, args } => {
                let params: Vec<String> = args
                    .iter()
                    .map(|a| if a == count { format!("{a}: N") } else { format!("{a}: impl std::fmt::Display") })
                    .collect();
                let pairs: Vec<String> = args.iter().map(|a| format!("(\"{a}\", &{a})")).collect();
                let _ = writeln!(
                    out,
                    "    pub fn {key}<N: crate::common::locale::Count>(&self, {}) -> String {{\n        let form = self.{key}[self.locale.plural_index(&{count})];\n        crate::common::locale::fill(form, &[{}])\n    }}\n",
                    params.join(", "),
                    pairs.join(", ")
                );
            }
        }
    }
    out.push_str("}\n");
    out
}

fn capitalised(lang: &str) -> String {
    let mut chars = lang.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}
