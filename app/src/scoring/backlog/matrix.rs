//! The value × feasibility matrix as an SVG drawn on the server: each candidate a focusable
//! link, the model's threshold lines and the four quadrant names. Works without JavaScript.

use crate::common::locale::use_locale;
use crate::scoring::backlog::model::MatrixData;
use crate::scoring::compute::Quadrant;
use crate::scoring::texts::use_texts;
use leptos::prelude::*;

/// The drawing's size in user units (it scales with the page).
pub const WIDTH: f64 = 600.0;
pub const HEIGHT: f64 = 560.0;
/// The plot's square inside the drawing: left and top margins for the axis labels.
const LEFT: f64 = 70.0;
const TOP: f64 = 20.0;
const SIZE: f64 = 480.0;
/// At most this many points are drawn; the table below lists every row.
pub const MAX_POINTS: usize = 500;

/// Feasibility 0–100 → x, left to right.
pub fn x_of(feasibility: f64) -> f64 {
    LEFT + feasibility.clamp(0.0, 100.0) / 100.0 * SIZE
}

/// Value 0–100 → y, bottom to top.
pub fn y_of(value: f64) -> f64 {
    TOP + (100.0 - value.clamp(0.0, 100.0)) / 100.0 * SIZE
}

/// Where each quadrant's name is written: the middle of its corner's region.
fn label_at(q: Quadrant, value_threshold: f64, feasibility_threshold: f64) -> (f64, f64) {
    let (f_lo, f_hi) = (feasibility_threshold / 2.0, (100.0 + feasibility_threshold) / 2.0);
    let (v_lo, v_hi) = (value_threshold / 2.0, (100.0 + value_threshold) / 2.0);
    match q {
        Quadrant::QuickWin => (x_of(f_hi), y_of(v_hi)),
        Quadrant::Strategic => (x_of(f_lo), y_of(v_hi)),
        Quadrant::FillIn => (x_of(f_hi), y_of(v_lo)),
        Quadrant::Reconsider => (x_of(f_lo), y_of(v_lo)),
    }
}

/// A point's accessible name: "Title: value V, feasibility F, utility U".
pub fn point_label(title: &str, value: &str, feasibility: &str, utility: &str, words: (&str, &str, &str)) -> String {
    format!("{title}: {} {value}, {} {feasibility}, {} {utility}", words.0, words.1, words.2)
}

#[component]
pub fn MatrixSvg(data: MatrixData) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let vt = data.value_threshold;
    let ft = data.feasibility_threshold;
    let words = (t.backlog_value_word, t.backlog_feasibility_word, t.backlog_utility_word);
    let points = data
        .rows
        .iter()
        .take(MAX_POINTS)
        .map(|r| {
            let (x, y) = (x_of(r.feasibility), y_of(r.value));
            let label = point_label(
                &r.title,
                &locale.number(r.value, 0),
                &locale.number(r.feasibility, 0),
                &locale.number(r.utility, 0),
                words,
            );
            let label = if r.knocked_out { format!("{label} ({})", t.backlog_knocked_out) } else { label };
            // Knocked-out candidates are crosses, the others dots: shape, not colour alone.
            let mark = if r.knocked_out {
                let d = format!("M{} {} l10 10 M{} {} l-10 10", x - 5.0, y - 5.0, x + 5.0, y - 5.0);
                view! { <path class="point ko" d=d/> }.into_any()
            } else {
                view! { <circle class="point" cx=x cy=y r="6"/> }.into_any()
            };
            view! {
                <a href=format!("/candidates/{}", r.id) aria-label=label.clone() class="matrix-point">
                    <title>{label.clone()}</title>
                    {mark}
                </a>
            }
        })
        .collect_view();
    let quadrants = Quadrant::ALL
        .into_iter()
        .map(|q| {
            let (x, y) = label_at(q, vt, ft);
            view! { <text class="quadrant-name" x=x y=y text-anchor="middle">{q.label(t.locale)}</text> }
        })
        .collect_view();
    let ticks = [0.0, 25.0, 50.0, 75.0, 100.0]
        .into_iter()
        .map(|n| {
            let label = locale.number(n, 0);
            view! {
                <text class="tick" x=x_of(n) y=TOP + SIZE + 18.0 text-anchor="middle">{label.clone()}</text>
                <text class="tick" x=LEFT - 8.0 y=y_of(n) + 4.0 text-anchor="end">{label}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="matrix" viewBox=format!("0 0 {WIDTH} {HEIGHT}") aria-labelledby="matrix-title matrix-desc">
            <title id="matrix-title">{t.backlog_matrix_title}</title>
            <desc id="matrix-desc">{t.backlog_matrix_desc}</desc>
            <rect class="plot" x=LEFT y=TOP width=SIZE height=SIZE/>
            <line class="threshold" x1=x_of(ft) y1=TOP x2=x_of(ft) y2=TOP + SIZE/>
            <line class="threshold" x1=LEFT y1=y_of(vt) x2=LEFT + SIZE y2=y_of(vt)/>
            {quadrants}
            {ticks}
            <text class="axis" x=LEFT + SIZE / 2.0 y=HEIGHT - 8.0 text-anchor="middle">{t.backlog_col_feasibility}</text>
            <text class="axis" x="16" y=TOP + SIZE / 2.0 text-anchor="middle"
                transform=format!("rotate(-90 16 {})", TOP + SIZE / 2.0)>{t.backlog_col_value}</text>
            {points}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corners_map_to_the_plot_corners() {
        assert_eq!((x_of(0.0), y_of(0.0)), (LEFT, TOP + SIZE));
        assert_eq!((x_of(100.0), y_of(100.0)), (LEFT + SIZE, TOP));
        assert_eq!((x_of(50.0), y_of(50.0)), (LEFT + SIZE / 2.0, TOP + SIZE / 2.0));
        // Out of range is drawn on the edge, never outside the plot.
        assert_eq!((x_of(-5.0), y_of(120.0)), (LEFT, TOP));
        const { assert!(LEFT + SIZE <= WIDTH && TOP + SIZE <= HEIGHT) };
    }

    #[test]
    fn quadrant_names_sit_in_their_quadrant() {
        let (vt, ft) = (60.0, 40.0);
        let (x, y) = label_at(Quadrant::QuickWin, vt, ft);
        assert!(x > x_of(ft) && y < y_of(vt));
        let (x, y) = label_at(Quadrant::Strategic, vt, ft);
        assert!(x < x_of(ft) && y < y_of(vt));
        let (x, y) = label_at(Quadrant::FillIn, vt, ft);
        assert!(x > x_of(ft) && y > y_of(vt));
        let (x, y) = label_at(Quadrant::Reconsider, vt, ft);
        assert!(x < x_of(ft) && y > y_of(vt));
    }

    #[test]
    fn point_label_reads_as_a_sentence() {
        assert_eq!(
            point_label("Invoices", "80", "65", "74", ("value", "feasibility", "utility")),
            "Invoices: value 80, feasibility 65, utility 74"
        );
    }
}
