//! Benefit and cost (DESIGN.md, "Benefit and cost (standard RPA formulas)"): what automating a
//! candidate saves and what it costs, from its record and its municipality's settings.
//! Pure functions, no I/O: the detail page computes them in the browser as on the server.
//!
//! Nothing is rounded here; the page rounds when it formats (hours and money to whole numbers,
//! FTE to two decimals, payback to one). Which inputs may be missing, and what then, is in
//! docs/decisions.md ("Benefit and cost").

use crate::candidates::model::{Period, WorkingTime};
use crate::candidates::volumetrics::{minutes_per_case, Figures};
use serde::{Deserialize, Serialize};

/// A municipality's money settings for the figures (working time is [`WorkingTime`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Economics {
    /// What one hour of a person's work costs, everything included, in `currency`.
    pub loaded_hourly_rate: f64,
    /// The yearly discount rate of the net present value, as a percentage (4 means 4 %).
    pub discount_rate_pct: f64,
    /// ISO 4217 code, e.g. "DKK".
    pub currency: String,
    /// N: the years ROI and NPV look ahead.
    pub years: u32,
}

impl Default for Economics {
    /// The database's defaults for a new municipality.
    fn default() -> Self {
        Economics { loaded_hourly_rate: 450.0, discount_rate_pct: 4.0, currency: "DKK".into(), years: 5 }
    }
}

/// What of a candidate the figures need. Percentages as stored: 5 means 5 %.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Inputs {
    pub volume: f64,
    pub period: Period,
    pub handling_minutes: f64,
    pub error_rate_pct: Option<f64>,
    pub rework_minutes: Option<f64>,
    pub review_minutes: Option<f64>,
    pub automation_share_pct: Option<f64>,
    pub build_cost: Option<f64>,
    pub annual_run_cost: Option<f64>,
}

/// An input the figures wait for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    /// Without it there is no benefit: nothing after manual hours and FTE.
    AutomationShare,
    /// Build cost or annual run cost: without both, no net benefit, payback, ROI or NPV.
    Costs,
}

/// The figures of one candidate. `None` means "cannot be computed" (see `missing`), except
/// `payback_years` and `roi`, which are also `None` when they do not exist although everything
/// is known: no payback when the net annual benefit is zero or less, no ROI when nothing is
/// spent (build cost and run cost both zero).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Benefit {
    /// Annual volume V, manual hours H (with errors, rework and review) and FTE.
    pub figures: Figures,
    pub benefit_hours: Option<f64>,
    pub benefit_money: Option<f64>,
    pub net_annual_benefit: Option<f64>,
    pub payback_years: Option<f64>,
    /// Over `years`, as a fraction: 0.5 is 50 %.
    pub roi: Option<f64>,
    /// Over `years` at the municipality's discount rate.
    pub npv: Option<f64>,
    pub years: u32,
    pub missing: Vec<Missing>,
}

impl Benefit {
    pub fn compute(inputs: &Inputs, time: WorkingTime, economics: &Economics) -> Benefit {
        let minutes = minutes_per_case(
            inputs.handling_minutes,
            inputs.error_rate_pct,
            inputs.rework_minutes,
            inputs.review_minutes,
        );
        let figures = Figures::compute(inputs.volume, inputs.period, minutes, time);
        let years = economics.years;
        let mut missing = Vec::new();
        let benefit_hours = inputs.automation_share_pct.map(|share| figures.manual_hours * share / 100.0);
        if benefit_hours.is_none() {
            missing.push(Missing::AutomationShare);
        }
        let benefit_money = benefit_hours.map(|hours| hours * economics.loaded_hourly_rate);
        let costs = inputs.build_cost.zip(inputs.annual_run_cost);
        if costs.is_none() {
            missing.push(Missing::Costs);
        }
        let mut benefit = Benefit {
            figures,
            benefit_hours,
            benefit_money,
            net_annual_benefit: None,
            payback_years: None,
            roi: None,
            npv: None,
            years,
            missing,
        };
        if let (Some(money), Some((build, run))) = (benefit_money, costs) {
            let net = money - run;
            benefit.net_annual_benefit = Some(net);
            benefit.payback_years = (net > 0.0).then(|| build / net);
            benefit.roi = roi(money, build, run, years);
            benefit.npv = Some(npv(build, net, economics.discount_rate_pct, years));
        }
        benefit
    }
}

/// ROI over N years = (N × benefit − build − N × run) / (build + N × run); `None` when nothing
/// is spent (the denominator is 0).
pub fn roi(annual_benefit: f64, build: f64, annual_run: f64, years: u32) -> Option<f64> {
    let n = f64::from(years);
    let spent = build + n * annual_run;
    (spent != 0.0).then(|| (n * annual_benefit - spent) / spent)
}

/// NPV = −build + Σ_{t=1..N} net / (1 + r)^t, with r the discount rate as a fraction.
pub fn npv(build: f64, annual_net: f64, discount_rate_pct: f64, years: u32) -> f64 {
    let r = discount_rate_pct / 100.0;
    let mut factor = 1.0;
    let mut total = -build;
    for _ in 0..years {
        factor *= 1.0 + r;
        total += annual_net / factor;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    const DK: WorkingTime = WorkingTime { working_days_per_year: 220.0, hours_per_day: 7.4 };

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    fn near(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| close(a, b))
    }

    fn settings(rate: f64, discount: f64, years: u32) -> Economics {
        Economics { loaded_hourly_rate: rate, discount_rate_pct: discount, currency: "DKK".into(), years }
    }

    /// 40 cases a week, 15 minutes' handling, 5 % errors at 30 minutes' rework, 3 minutes'
    /// review, 80 % automatable, 90,000 to build, 20,000 a year to run.
    fn full() -> Inputs {
        Inputs {
            volume: 40.0,
            period: Period::Week,
            handling_minutes: 15.0,
            error_rate_pct: Some(5.0),
            rework_minutes: Some(30.0),
            review_minutes: Some(3.0),
            automation_share_pct: Some(80.0),
            build_cost: Some(90_000.0),
            annual_run_cost: Some(20_000.0),
        }
    }

    #[test]
    fn a_full_record_gives_every_figure() {
        let b = Benefit::compute(&full(), DK, &settings(450.0, 4.0, 5));
        // V = 40 × 52 = 2,080 cases.
        assert!(close(b.figures.annual_volume, 2080.0));
        // Minutes per case = 15 + 0.05 × 30 + 3 = 19.5; H = 2,080 × 19.5 / 60 = 676 hours.
        assert!(close(b.figures.manual_hours, 676.0));
        // FTE = 676 / (220 × 7.4 = 1,628) = 0.41523...
        assert!(close(b.figures.fte, 676.0 / 1628.0));
        // Benefit hours = 676 × 0.8 = 540.8; money = 540.8 × 450 = 243,360.
        assert!(near(b.benefit_hours, 540.8));
        assert!(near(b.benefit_money, 243_360.0));
        // Net = 243,360 − 20,000 = 223,360; payback = 90,000 / 223,360 = 0.40293... years.
        assert!(near(b.net_annual_benefit, 223_360.0));
        assert!(near(b.payback_years, 90_000.0 / 223_360.0));
        // ROI = (5 × 243,360 − 90,000 − 5 × 20,000) / (90,000 + 5 × 20,000)
        //     = (1,216,800 − 190,000) / 190,000 = 1,026,800 / 190,000 = 5.40421...
        assert!(near(b.roi, 1_026_800.0 / 190_000.0));
        // NPV = −90,000 + 223,360 × (1/1.04 + 1/1.04² + … + 1/1.04⁵)
        //     = −90,000 + 223,360 × 4.451822... = −90,000 + 994,359.0... = 904,359.0...
        let annuity: f64 = (1..=5).map(|t| 1.0 / 1.04_f64.powi(t)).sum();
        assert!(close(annuity, 4.451_822_331_9));
        assert!(near(b.npv, -90_000.0 + 223_360.0 * annuity));
        assert!(b.npv.is_some_and(|v| (v - 904_359.04).abs() < 0.01));
        assert!(b.missing.is_empty());
        assert_eq!(b.years, 5);
    }

    #[test]
    fn zero_volume_means_no_benefit_and_no_payback() {
        let b = Benefit::compute(&Inputs { volume: 0.0, ..full() }, DK, &settings(450.0, 4.0, 5));
        // V = 0, H = 0, benefit 0; net = 0 − 20,000 = −20,000: never pays back.
        assert_eq!((b.figures.annual_volume, b.figures.manual_hours, b.figures.fte), (0.0, 0.0, 0.0));
        assert_eq!((b.benefit_hours, b.benefit_money), (Some(0.0), Some(0.0)));
        assert_eq!(b.net_annual_benefit, Some(-20_000.0));
        assert_eq!(b.payback_years, None);
        // ROI = (0 − 190,000) / 190,000 = −1 (everything spent is lost).
        assert!(near(b.roi, -1.0));
    }

    #[test]
    fn negative_or_zero_net_benefit_has_no_payback() {
        // 1 case a month at 60 minutes, all automatable: 12 hours × 450 = 5,400 a year,
        // against 20,000 to run: net −14,600.
        let small = Inputs {
            volume: 1.0,
            period: Period::Month,
            handling_minutes: 60.0,
            error_rate_pct: None,
            rework_minutes: None,
            review_minutes: None,
            automation_share_pct: Some(100.0),
            ..full()
        };
        let b = Benefit::compute(&small, DK, &settings(450.0, 4.0, 5));
        assert!(near(b.benefit_money, 5_400.0));
        assert!(near(b.net_annual_benefit, -14_600.0));
        assert_eq!(b.payback_years, None);
        // NPV = −90,000 − 14,600 × 4.451822... = −90,000 − 64,996.61 = −154,996.61.
        assert!(b.npv.is_some_and(|v| (v + 154_996.61).abs() < 0.01));
        // Exactly break-even (run cost = benefit): net 0, still no payback.
        let even = Benefit::compute(&Inputs { annual_run_cost: Some(5_400.0), ..small }, DK, &settings(450.0, 4.0, 5));
        assert_eq!(even.net_annual_benefit, Some(0.0));
        assert_eq!(even.payback_years, None);
    }

    #[test]
    fn an_hourly_process_depends_on_working_time() {
        // 3 cases an hour at 10 minutes, 50 % automatable, no costs yet.
        let hourly = Inputs {
            volume: 3.0,
            period: Period::Hour,
            handling_minutes: 10.0,
            error_rate_pct: None,
            rework_minutes: None,
            review_minutes: None,
            automation_share_pct: Some(50.0),
            build_cost: None,
            annual_run_cost: None,
        };
        // Danish time: 220 × 7.4 = 1,628 hours → V = 4,884, H = 814, benefit 407 hours.
        let dk = Benefit::compute(&hourly, DK, &settings(450.0, 4.0, 5));
        assert!(close(dk.figures.manual_hours, 814.0));
        assert!(near(dk.benefit_hours, 407.0));
        // 200 days × 8 hours = 1,600 hours → V = 4,800, H = 800, benefit 400 hours; the FTE
        // stays 0.5 (3 cases × 10 minutes is half of every hour).
        let other = WorkingTime { working_days_per_year: 200.0, hours_per_day: 8.0 };
        let b = Benefit::compute(&hourly, other, &settings(450.0, 4.0, 5));
        assert!(close(b.figures.annual_volume, 4800.0));
        assert!(close(b.figures.manual_hours, 800.0));
        assert!(near(b.benefit_hours, 400.0));
        assert!(close(b.figures.fte, 0.5) && close(dk.figures.fte, 0.5));
        // No costs: the benefit is known, the rest waits.
        assert_eq!(b.missing, vec![Missing::Costs]);
        assert_eq!((b.net_annual_benefit, b.payback_years, b.roi, b.npv), (None, None, None, None));
    }

    #[test]
    fn without_the_automation_share_there_is_no_benefit() {
        let b = Benefit::compute(&Inputs { automation_share_pct: None, ..full() }, DK, &settings(450.0, 4.0, 5));
        // Manual hours are still known (676, as above); nothing after them is guessed.
        assert!(close(b.figures.manual_hours, 676.0));
        assert_eq!((b.benefit_hours, b.benefit_money, b.net_annual_benefit, b.npv), (None, None, None, None));
        assert_eq!(b.missing, vec![Missing::AutomationShare]);
    }

    #[test]
    fn missing_error_rework_and_review_count_as_zero() {
        // Only the error rate: 5 % × no rework = 0 extra minutes; H = 2,080 × 15 / 60 = 520.
        let b = Benefit::compute(
            &Inputs { rework_minutes: None, review_minutes: None, ..full() },
            DK,
            &settings(450.0, 4.0, 5),
        );
        assert!(close(b.figures.manual_hours, 520.0));
    }

    #[test]
    fn at_a_zero_rate_npv_is_the_simple_sum() {
        // r = 0: NPV = −90,000 + 5 × 223,360 = 1,026,800, the same as ROI's numerator.
        let b = Benefit::compute(&full(), DK, &settings(450.0, 0.0, 5));
        assert!(near(b.npv, 1_026_800.0));
        assert!(close(npv(100.0, 30.0, 0.0, 3), -10.0));
        // One year at 10 %: −100 + 110 / 1.1 = 0.
        assert!(close(npv(100.0, 110.0, 10.0, 1), 0.0));
    }

    #[test]
    fn roi_needs_something_spent() {
        // Nothing built, nothing run: the ratio does not exist.
        assert_eq!(roi(1_000.0, 0.0, 0.0, 5), None);
        // Only running costs: (3 × 100 − 3 × 50) / (3 × 50) = 150 / 150 = 1.
        assert!(near(roi(100.0, 0.0, 50.0, 3), 1.0));
        let free = Benefit::compute(
            &Inputs { build_cost: Some(0.0), annual_run_cost: Some(0.0), ..full() },
            DK,
            &settings(450.0, 4.0, 5),
        );
        assert_eq!(free.roi, None);
        // Paid back at once: 0 / 243,360 = 0 years.
        assert_eq!(free.payback_years, Some(0.0));
    }

    #[test]
    fn figures_are_not_rounded_before_display() {
        // 1 case a day at 1 minute, 1 % automatable, rate 1: benefit hours
        // = 220 × 1 / 60 × 0.01 = 0.036666...; money the same. Rounding each step to whole
        // hours would give 0; the figures keep every digit and the page rounds when it shows.
        let tiny = Inputs {
            volume: 1.0,
            period: Period::Day,
            handling_minutes: 1.0,
            error_rate_pct: None,
            rework_minutes: None,
            review_minutes: None,
            automation_share_pct: Some(1.0),
            build_cost: Some(1.0),
            annual_run_cost: Some(0.0),
        };
        let b = Benefit::compute(&tiny, DK, &settings(1.0, 4.0, 5));
        assert!(near(b.benefit_hours, 220.0 / 60.0 / 100.0));
        // Payback = 1 / 0.036666... = 27.2727... years (shown "27.3" with one decimal).
        assert!(near(b.payback_years, 300.0 / 11.0));
        let payback = b.payback_years.expect("pays back");
        assert_eq!(crate::common::locale::Locale::En.number(payback, 1), "27.3");
        assert_eq!(crate::common::locale::Locale::Da.number(payback, 1), "27,3");
    }

    #[test]
    fn zero_years_spend_only_the_build_cost() {
        // N = 0 cannot be set (the settings ask for 1 to 30), but the formulas stay defined:
        // NPV = −build, ROI = −build / build = −1.
        assert!(close(npv(500.0, 100.0, 4.0, 0), -500.0));
        assert!(near(roi(100.0, 500.0, 10.0, 0), -1.0));
    }
}
