//! The language of a page load and how it writes numbers, money, dates and plurals.
//!
//! The language is chosen once per page load (cookie `autoport_lang`, then `Accept-Language`,
//! then English); switching reloads the page, so texts need no reactivity. The texts
//! themselves are data beside each domain (`<domain>/texts/*.json`, see `common/texts`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Da,
    De,
    Sv,
}

pub const LANG_COOKIE: &str = "autoport_lang";

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Da, Locale::De, Locale::Sv];

    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Da => "da",
            Locale::De => "de",
            Locale::Sv => "sv",
        }
    }

    /// The language's own name, as shown in the language switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Da => "Dansk",
            Locale::De => "Deutsch",
            Locale::Sv => "Svenska",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Picks the best supported language from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(Locale, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            if let Some(locale) = Locale::from_code(tag) {
                if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                    best = Some((locale, q));
                }
            }
        }
        best.map(|(l, _)| l)
    }

    /// Which plural form a count takes: 0 for "one", 1 for "other". CLDR's cardinal rules for
    /// whole numbers, which agree in all four languages: "one" is exactly 1 (Danish also says
    /// "one" for 0.5 or 1.5, but counts here are whole numbers).
    pub fn plural_index<N: Count>(self, n: &N) -> usize {
        match self {
            Locale::En | Locale::Da | Locale::De | Locale::Sv => usize::from(!n.is_one()),
        }
    }

    fn decimal_separator(self) -> char {
        match self {
            Locale::En => '.',
            Locale::Da | Locale::De | Locale::Sv => ',',
        }
    }

    fn group_separator(self) -> &'static str {
        match self {
            Locale::En => ",",
            Locale::Da | Locale::De => ".",
            Locale::Sv => "\u{a0}",
        }
    }

    /// Formats a number with this language's separators and a fixed number of decimals.
    pub fn number(self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            return "–".to_owned();
        }
        let formatted = format!("{:.*}", decimals, value.abs());
        let (int_part, frac_part) = match formatted.split_once('.') {
            Some((i, f)) => (i.to_owned(), Some(f.to_owned())),
            None => (formatted, None),
        };
        let mut grouped = String::new();
        for (i, ch) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                grouped.push_str(self.group_separator());
            }
            grouped.push(ch);
        }
        let negative = value < 0.0 && formatted_is_nonzero(&grouped, frac_part.as_deref());
        let mut out = if negative { format!("-{grouped}") } else { grouped };
        if let Some(frac) = frac_part {
            out.push(self.decimal_separator());
            out.push_str(&frac);
        }
        out
    }

    /// A quantity as people write it: up to two decimals, no trailing zeros ("120", "12,5").
    pub fn quantity(self, value: f64) -> String {
        let text = self.number(value, 2);
        let sep = self.decimal_separator();
        match text.split_once(sep) {
            Some((int_part, frac)) => match frac.trim_end_matches('0') {
                "" => int_part.to_owned(),
                kept => format!("{int_part}{sep}{kept}"),
            },
            None => text,
        }
    }

    /// An amount of money in whole units with its ISO 4217 code, where this language puts it:
    /// "DKK 1,234" in English, "1.234 DKK" in Danish and German, "1 234 DKK" in Swedish.
    pub fn money(self, value: f64, currency: &str) -> String {
        let amount = self.number(value, 0);
        match self {
            Locale::En => format!("{currency}\u{a0}{amount}"),
            Locale::Da | Locale::De | Locale::Sv => format!("{amount}\u{a0}{currency}"),
        }
    }

    /// A number as an input field holds it for editing: every digit kept (a stored 12.345 must
    /// not become 12.35 when someone saves another field), no thousands separator, this
    /// language's decimal separator. [`Locale::parse_number`] reads it back exactly.
    pub fn editable(self, value: f64) -> String {
        let text = value.to_string();
        match self.decimal_separator() {
            '.' => text,
            sep => text.replace('.', &sep.to_string()),
        }
    }

    /// Parses a number typed by a person in this language ("1.234,5" in Danish, "1,234.5" in
    /// English); a lone comma is taken as the decimal separator in every language.
    pub fn parse_number(self, input: &str) -> Option<f64> {
        let cleaned: String = input.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
        if cleaned.is_empty() {
            return None;
        }
        let normalised = match self.decimal_separator() {
            ',' => cleaned.replace('.', "").replace(',', "."),
            _ if cleaned.contains('.') => cleaned.replace(',', ""),
            _ => cleaned.replace(',', "."),
        };
        normalised.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    /// A moment as this language writes it: the date and the time of day in UTC (the server
    /// does not know the reader's time zone).
    pub fn moment(self, at: time::OffsetDateTime) -> String {
        let at = at.to_offset(time::UtcOffset::UTC);
        format!("{} {:02}:{:02} UTC", self.date(at.date()), at.hour(), at.minute())
    }

    /// A date as this language writes it (ISO order for Swedish, day first elsewhere but English).
    pub fn date(self, date: time::Date) -> String {
        let (y, m, d) = (date.year(), u8::from(date.month()), date.day());
        let month = crate::common::texts::texts(self).month(date.month());
        match self {
            Locale::En => format!("{d} {month} {y}"),
            Locale::Da | Locale::De => format!("{d}. {month} {y}"),
            Locale::Sv => format!("{y}-{m:02}-{d:02}"),
        }
    }
}

fn formatted_is_nonzero(int_part: &str, frac: Option<&str>) -> bool {
    int_part.chars().chain(frac.unwrap_or_default().chars()).any(|c| c.is_ascii_digit() && c != '0')
}

/// A whole number that picks a plural form.
pub trait Count: std::fmt::Display {
    fn is_one(&self) -> bool;
}

macro_rules! count_for {
    ($($t:ty),+) => { $(impl Count for $t { fn is_one(&self) -> bool { *self == 1 } })+ };
}
count_for!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// Fills a template's `{name}` placeholders; `{{` and `}}` are braces. The build checked every
/// template against its arguments (`app/build.rs`), so a name without a value cannot occur; it
/// would be left as written.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            let name = &tail[1..end];
            match args.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => out.push_str(&value.to_string()),
                None => out.push_str(&tail[..=end]),
            }
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The language of this page load. On the server: the `autoport_lang` cookie, then
/// `Accept-Language`. In the browser: the `lang` the server put on `<html>`.
pub fn request_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .map(|parts| locale_from_headers(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        leptos::prelude::document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|code| Locale::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Locale::default()
    }
}

#[cfg(feature = "ssr")]
pub fn locale_from_headers(headers: &http::HeaderMap) -> Locale {
    let from_cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(axum_login::tower_sessions::cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == LANG_COOKIE)
        .and_then(|cookie| Locale::from_code(cookie.value()));
    from_cookie
        .or_else(|| {
            headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default()
}

/// The page's language, provided by `App`.
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(Locale::from_accept_language("fr-CH, fr;q=0.9, de;q=0.7, da;q=0.8"), Some(Locale::Da));
        assert_eq!(Locale::from_accept_language("sv-SE"), Some(Locale::Sv));
        assert_eq!(Locale::from_accept_language("fr, it"), None);
        assert_eq!(Locale::from_accept_language("de;q=0, en;q=0.1"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language(""), None);
    }

    #[test]
    fn numbers_use_local_separators() {
        assert_eq!(Locale::En.number(1234567.891, 1), "1,234,567.9");
        assert_eq!(Locale::Da.number(1234567.891, 1), "1.234.567,9");
        assert_eq!(Locale::De.number(-1234.5, 0), "-1.234");
        assert_eq!(Locale::Sv.number(1234.5, 2), "1\u{a0}234,50");
        assert_eq!(Locale::En.number(-0.04, 1), "0.0");
        assert_eq!(Locale::En.number(f64::NAN, 1), "–");
        assert_eq!(Locale::En.number(999.0, 0), "999");
        assert_eq!(Locale::En.quantity(120.0), "120");
        assert_eq!(Locale::Da.quantity(12.5), "12,5");
        assert_eq!(Locale::De.quantity(1234.25), "1.234,25");
        assert_eq!(Locale::En.quantity(0.333), "0.33");
    }

    #[test]
    fn money_puts_the_currency_where_the_language_does() {
        assert_eq!(Locale::En.money(243_360.4, "DKK"), "DKK\u{a0}243,360");
        assert_eq!(Locale::Da.money(243_360.6, "DKK"), "243.361\u{a0}DKK");
        assert_eq!(Locale::De.money(-20_000.0, "EUR"), "-20.000\u{a0}EUR");
        assert_eq!(Locale::Sv.money(1234.0, "SEK"), "1\u{a0}234\u{a0}SEK");
    }

    #[test]
    fn editable_numbers_read_back_exactly() {
        for locale in [Locale::En, Locale::Da, Locale::De, Locale::Sv] {
            for value in [0.0, 7.5, 12.345, 1234567.125, 0.001] {
                assert_eq!(locale.parse_number(&locale.editable(value)), Some(value), "{locale:?} {value}");
            }
        }
        assert_eq!(Locale::Da.editable(12.345), "12,345");
    }

    #[test]
    fn numbers_parse_as_typed() {
        assert_eq!(Locale::Da.parse_number("1.234,5"), Some(1234.5));
        assert_eq!(Locale::Da.parse_number("12,5"), Some(12.5));
        assert_eq!(Locale::En.parse_number("1,234.5"), Some(1234.5));
        assert_eq!(Locale::En.parse_number("12,5"), Some(12.5));
        assert_eq!(Locale::En.parse_number(" 40 "), Some(40.0));
        assert_eq!(Locale::De.parse_number("abc"), None);
        assert_eq!(Locale::Sv.parse_number(""), None);
        assert_eq!(Locale::En.parse_number("inf"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_language_cookie_wins_over_accept_language() {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::ACCEPT_LANGUAGE, http::HeaderValue::from_static("de"));
        assert_eq!(locale_from_headers(&headers), Locale::De);
        headers.insert(http::header::COOKIE, http::HeaderValue::from_static("id=1; broken; autoport_lang=sv"));
        assert_eq!(locale_from_headers(&headers), Locale::Sv);
        headers.insert(http::header::COOKIE, http::HeaderValue::from_static("autoport_lang=xx"));
        assert_eq!(locale_from_headers(&headers), Locale::De);
    }

    #[test]
    fn templates_fill_by_name() {
        assert_eq!(
            fill("{who} moved it to {phase}", &[("phase", &"Backlog"), ("who", &"Eva")]),
            "Eva moved it to Backlog"
        );
        assert_eq!(fill("{{literal}} {n}}}", &[("n", &3)]), "{literal} 3}");
        assert_eq!(fill("{unknown} stays", &[]), "{unknown} stays");
        assert_eq!(fill("ends with {", &[]), "ends with {");
    }

    #[test]
    fn plurals_pick_one_only_for_one() {
        for locale in Locale::ALL {
            assert_eq!(locale.plural_index(&1_u64), 0);
            assert_eq!(locale.plural_index(&0_usize), 1);
            assert_eq!(locale.plural_index(&2_i64), 1);
            assert_eq!(locale.plural_index(&21_u32), 1);
        }
    }

    #[test]
    fn dates_follow_the_language() {
        let date = time::macros::date!(2026 - 03 - 05);
        assert_eq!(Locale::En.date(date), "5 March 2026");
        assert_eq!(Locale::Da.date(date), "5. marts 2026");
        assert_eq!(Locale::De.date(date), "5. März 2026");
        assert_eq!(Locale::Sv.date(date), "2026-03-05");
    }
}
