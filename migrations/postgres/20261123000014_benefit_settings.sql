-- Benefit and cost settings per municipality (DESIGN.md, "Benefit and cost"): what an hour of
-- work costs, the discount rate of the net present value, the currency, and the years N that
-- ROI and NPV look ahead. Working days and hours per day are in the foundation.
ALTER TABLE municipalities ADD COLUMN loaded_hourly_rate DOUBLE PRECISION NOT NULL DEFAULT 450
    CHECK (loaded_hourly_rate >= 0 AND loaded_hourly_rate <= 100000);
ALTER TABLE municipalities ADD COLUMN discount_rate_pct DOUBLE PRECISION NOT NULL DEFAULT 4
    CHECK (discount_rate_pct >= 0 AND discount_rate_pct <= 100);
-- ISO 4217: three capital letters.
ALTER TABLE municipalities ADD COLUMN currency TEXT NOT NULL DEFAULT 'DKK'
    CHECK (currency ~ '^[A-Z]{3}$');
ALTER TABLE municipalities ADD COLUMN benefit_years BIGINT NOT NULL DEFAULT 5
    CHECK (benefit_years >= 1 AND benefit_years <= 30);
