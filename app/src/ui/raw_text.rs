//! Text that Leptos 0.8 writes into the server's HTML without escaping it, escaped by us.
//!
//! Two places do not escape: leptos_meta's `<title>` in the document head, and tachys's
//! `<textarea>`, whose children it treats like a `<script>`'s (`ESCAPE_CHILDREN = false`), so
//! a value holding `</textarea><script>` would end the field and run. Both take anyone's text
//! (a candidate's title, a record's description). On the server the text is escaped here; in
//! the browser the same string becomes `document.title` or a text node, which are text, so it
//! is left as it is (escaping it there would show `&lt;` to the reader).

/// `text`, safe to write between tags on the server; unchanged in the browser.
pub fn escaped_on_server(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        if !text.contains(['&', '<', '>', '"', '\'']) {
            return text;
        }
        let mut out = String::with_capacity(text.len() + 16);
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
        out
    }
    #[cfg(not(feature = "ssr"))]
    text
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::escaped_on_server;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escaped_on_server(r#"a</textarea><script>x="1" & 'y'</script>"#.into()),
            "a&lt;/textarea&gt;&lt;script&gt;x=&quot;1&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(escaped_on_server("Rejsekort æøå".into()), "Rejsekort æøå");
    }
}
