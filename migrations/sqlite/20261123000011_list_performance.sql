-- The list at 100,000 candidates (docs/benchmarks.md, issue 4).
--
-- Manual minutes a year (volume × periods a year × minutes per case with errors, rework and
-- review, `volumetrics::minutes_per_case` and `Figures`; unknown parts count as 0),
-- stored and indexed so "most hours a year" walks an index instead of computing and sorting
-- every visible row. Triggers keep it for every writer (report, record edit, import, demo,
-- SQL fixtures) and for a change of a municipality's working time, on which only the periods
-- 'hour' and 'day' depend.
ALTER TABLE candidates ADD COLUMN annual_minutes REAL NOT NULL DEFAULT 0;

UPDATE candidates SET annual_minutes = volume * (minutes_per_case + COALESCE(error_rate_pct, 0) / 100.0 * COALESCE(rework_minutes, 0) + COALESCE(review_minutes, 0)) *
    (SELECT CASE candidates.period WHEN 'hour' THEN m.working_days_per_year * m.hours_per_day
            WHEN 'day' THEN m.working_days_per_year WHEN 'week' THEN 52 WHEN 'month' THEN 12
            WHEN 'quarter' THEN 4 ELSE 1 END
     FROM municipalities m WHERE m.id = candidates.municipality_id);

CREATE INDEX candidates_by_annual_minutes ON candidates (annual_minutes, id);

CREATE TRIGGER candidates_annual_minutes_after_insert AFTER INSERT ON candidates BEGIN
    UPDATE candidates SET annual_minutes = new.volume * (new.minutes_per_case + COALESCE(new.error_rate_pct, 0) / 100.0 * COALESCE(new.rework_minutes, 0) + COALESCE(new.review_minutes, 0)) *
        (SELECT CASE new.period WHEN 'hour' THEN m.working_days_per_year * m.hours_per_day
                WHEN 'day' THEN m.working_days_per_year WHEN 'week' THEN 52 WHEN 'month' THEN 12
                WHEN 'quarter' THEN 4 ELSE 1 END
         FROM municipalities m WHERE m.id = new.municipality_id)
    WHERE id = new.id;
END;

CREATE TRIGGER candidates_annual_minutes_after_update
AFTER UPDATE OF volume, period, minutes_per_case, error_rate_pct, rework_minutes, review_minutes, municipality_id
ON candidates BEGIN
    UPDATE candidates SET annual_minutes = new.volume * (new.minutes_per_case + COALESCE(new.error_rate_pct, 0) / 100.0 * COALESCE(new.rework_minutes, 0) + COALESCE(new.review_minutes, 0)) *
        (SELECT CASE new.period WHEN 'hour' THEN m.working_days_per_year * m.hours_per_day
                WHEN 'day' THEN m.working_days_per_year WHEN 'week' THEN 52 WHEN 'month' THEN 12
                WHEN 'quarter' THEN 4 ELSE 1 END
         FROM municipalities m WHERE m.id = new.municipality_id)
    WHERE id = new.id;
END;

CREATE TRIGGER municipalities_working_time_after_update
AFTER UPDATE OF working_days_per_year, hours_per_day ON municipalities BEGIN
    UPDATE candidates SET annual_minutes = volume * (minutes_per_case + COALESCE(error_rate_pct, 0) / 100.0 * COALESCE(rework_minutes, 0) + COALESCE(review_minutes, 0)) *
        (CASE period WHEN 'hour' THEN new.working_days_per_year * new.hours_per_day
              ELSE new.working_days_per_year END)
    WHERE municipality_id = new.id AND period IN ('hour', 'day');
END;

-- Filters that match few rows (a phase, a status, often both) find them here instead of
-- scanning every visible row; checked with EXPLAIN QUERY PLAN on the benchmark's data.
CREATE INDEX candidates_by_phase ON candidates (phase, status, created_at);

-- The list's label filters (subject area, IT system, technology) compare in any case.
CREATE INDEX candidate_labels_by_folded ON candidate_labels (kind, lower(label));
