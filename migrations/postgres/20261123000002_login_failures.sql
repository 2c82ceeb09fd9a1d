-- Failed sign-ins per e-mail address (known or not), for throttling across all nodes.
CREATE TABLE login_failures (
    email      TEXT NOT NULL,
    failed_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures (email, failed_at);
