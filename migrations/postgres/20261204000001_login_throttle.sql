-- Sign-in attempts counted per key (an address with a client, a client, an address) in a
-- window; one row per key, counted and checked in one statement (see docs/decisions.md).
CREATE TABLE login_throttle (
    key           TEXT PRIMARY KEY,
    attempts      BIGINT NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_throttle_by_window ON login_throttle (window_start);
DROP TABLE login_failures;
