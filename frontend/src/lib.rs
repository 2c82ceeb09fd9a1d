//! The browser half: hydrates the server-rendered page. All components live in `app`.

// The release build computes the layout of every page's hydration future here, where the
// generic view types of `app` are instantiated: an async block per view level, nested as
// deep as the deepest page's view tree, which passes the default query depth of 128 (the
// compiler reported a depth increase of 130 for one `into_any` future). `app` needs the same
// for its server half. The views are ordinary; the limit only bounds the
// compiler's own recursion.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Marks the page as interactive, for people's tools and the browser tests alike.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
