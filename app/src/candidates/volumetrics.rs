//! Volumetric figures (DESIGN.md, "Benefit and cost"): annual volume, manual hours, FTE.
//! Pure functions, shared by the report form's live estimate and the server.

use crate::candidates::model::{Period, WorkingTime};
use serde::{Deserialize, Serialize};

/// How many periods of this kind make one working year.
pub fn periods_per_year(period: Period, time: WorkingTime) -> f64 {
    match period {
        Period::Hour => time.working_days_per_year * time.hours_per_day,
        Period::Day => time.working_days_per_year,
        Period::Week => 52.0,
        Period::Month => 12.0,
        Period::Quarter => 4.0,
        Period::Year => 1.0,
    }
}

/// Minutes one case takes by hand: handling + error rate × rework + review. The error rate is
/// a percentage (5 means 5 %); what the record does not know yet counts as 0.
pub fn minutes_per_case(handling: f64, error_rate_pct: Option<f64>, rework: Option<f64>, review: Option<f64>) -> f64 {
    handling + error_rate_pct.unwrap_or(0.0) / 100.0 * rework.unwrap_or(0.0) + review.unwrap_or(0.0)
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub annual_volume: f64,
    pub manual_hours: f64,
    pub fte: f64,
}

impl Figures {
    /// V = volume × periods per year; H = V × minutes / 60; FTE = H / (days × hours per day).
    /// `minutes_per_case` is the handling time, or [`minutes_per_case`] with errors, rework
    /// and review when the full record has them.
    pub fn compute(volume: f64, period: Period, minutes_per_case: f64, time: WorkingTime) -> Figures {
        let annual_volume = volume * periods_per_year(period, time);
        let manual_hours = annual_volume * minutes_per_case / 60.0;
        let year_hours = time.working_days_per_year * time.hours_per_day;
        let fte = if year_hours > 0.0 { manual_hours / year_hours } else { 0.0 };
        Figures { annual_volume, manual_hours, fte }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DK: WorkingTime = WorkingTime { working_days_per_year: 220.0, hours_per_day: 7.4 };

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn weekly_process() {
        // 40 cases a week at 15 minutes: 2,080 cases, 520 hours, 520 / 1,628 FTE.
        let f = Figures::compute(40.0, Period::Week, 15.0, DK);
        assert!(close(f.annual_volume, 2080.0));
        assert!(close(f.manual_hours, 520.0));
        assert!(close(f.fte, 520.0 / 1628.0));
    }

    #[test]
    fn hourly_process_uses_working_hours() {
        // 3 cases an hour over 220 days of 7.4 hours = 4,884 cases at 10 minutes = 814 hours.
        let f = Figures::compute(3.0, Period::Hour, 10.0, DK);
        assert!(close(f.annual_volume, 4884.0));
        assert!(close(f.manual_hours, 814.0));
        assert!(close(f.fte, 0.5));
    }

    #[test]
    fn errors_rework_and_review_add_to_the_minutes() {
        // 15 + 5 % × 30 + 3 = 15 + 1.5 + 3 = 19.5 minutes; unknown parts count as 0.
        assert!(close(minutes_per_case(15.0, Some(5.0), Some(30.0), Some(3.0)), 19.5));
        assert!(close(minutes_per_case(15.0, Some(5.0), None, None), 15.0));
        assert!(close(minutes_per_case(15.0, None, Some(30.0), Some(3.0)), 18.0));
    }

    #[test]
    fn every_period_has_its_factor() {
        let factors: Vec<f64> = Period::ALL.iter().map(|p| periods_per_year(*p, DK)).collect();
        assert_eq!(factors, vec![1628.0, 220.0, 52.0, 12.0, 4.0, 1.0]);
    }

    #[test]
    fn zero_volume_and_zero_working_time_give_zero() {
        let f = Figures::compute(0.0, Period::Day, 30.0, DK);
        assert_eq!((f.annual_volume, f.manual_hours, f.fte), (0.0, 0.0, 0.0));
        let none = WorkingTime { working_days_per_year: 0.0, hours_per_day: 0.0 };
        assert_eq!(Figures::compute(5.0, Period::Year, 60.0, none).fte, 0.0);
    }
}
