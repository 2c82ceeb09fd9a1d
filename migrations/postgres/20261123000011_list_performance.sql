-- The list at 100,000 candidates (docs/benchmarks.md, issue 4).
--
-- Manual minutes a year (volume × periods a year × minutes per case with errors, rework and
-- review, `volumetrics::minutes_per_case` and `Figures`; unknown parts count as 0),
-- stored and indexed so "most hours a year" walks an index instead of computing and sorting
-- every visible row. Triggers keep it for every writer (report, record edit, import, demo,
-- SQL fixtures) and for a change of a municipality's working time, on which only the periods
-- 'hour' and 'day' depend.
ALTER TABLE candidates ADD COLUMN annual_minutes DOUBLE PRECISION NOT NULL DEFAULT 0;

CREATE FUNCTION candidate_annual_minutes(volume DOUBLE PRECISION, minutes DOUBLE PRECISION, period TEXT,
                                         days DOUBLE PRECISION, hours DOUBLE PRECISION)
RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE AS $$
    SELECT volume * minutes * CASE period WHEN 'hour' THEN days * hours WHEN 'day' THEN days
        WHEN 'week' THEN 52 WHEN 'month' THEN 12 WHEN 'quarter' THEN 4 ELSE 1 END
$$;

UPDATE candidates c SET annual_minutes =
    candidate_annual_minutes(c.volume, (c.minutes_per_case + COALESCE(c.error_rate_pct, 0) / 100.0 * COALESCE(c.rework_minutes, 0) + COALESCE(c.review_minutes, 0)), c.period, m.working_days_per_year, m.hours_per_day)
FROM municipalities m WHERE m.id = c.municipality_id;

CREATE INDEX candidates_by_annual_minutes ON candidates (annual_minutes, id);

CREATE FUNCTION candidates_set_annual_minutes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT candidate_annual_minutes(NEW.volume, (NEW.minutes_per_case + COALESCE(NEW.error_rate_pct, 0) / 100.0 * COALESCE(NEW.rework_minutes, 0) + COALESCE(NEW.review_minutes, 0)), NEW.period,
                                    m.working_days_per_year, m.hours_per_day)
    INTO NEW.annual_minutes FROM municipalities m WHERE m.id = NEW.municipality_id;
    RETURN NEW;
END;
$$;

CREATE TRIGGER candidates_annual_minutes
BEFORE INSERT OR UPDATE OF volume, period, minutes_per_case, error_rate_pct, rework_minutes, review_minutes,
    municipality_id ON candidates
    FOR EACH ROW EXECUTE FUNCTION candidates_set_annual_minutes();

CREATE FUNCTION municipalities_working_time_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE candidates SET annual_minutes =
        candidate_annual_minutes(volume, (minutes_per_case + COALESCE(error_rate_pct, 0) / 100.0 * COALESCE(rework_minutes, 0) + COALESCE(review_minutes, 0)), period,
                                 NEW.working_days_per_year, NEW.hours_per_day)
    WHERE municipality_id = NEW.id AND period IN ('hour', 'day');
    RETURN NULL;
END;
$$;

CREATE TRIGGER municipalities_working_time
AFTER UPDATE OF working_days_per_year, hours_per_day ON municipalities
    FOR EACH ROW EXECUTE FUNCTION municipalities_working_time_changed();

-- Filters that match few rows (a phase, a status, often both) find them here instead of
-- scanning every visible row; checked with EXPLAIN QUERY PLAN on the benchmark's data.
CREATE INDEX candidates_by_phase ON candidates (phase, status, created_at);

-- The list's label filters (subject area, IT system, technology) compare in any case.
CREATE INDEX candidate_labels_by_folded ON candidate_labels (kind, lower(label));
