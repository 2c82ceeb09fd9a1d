-- Personal API tokens: a person's scripts and systems call /api/v1 in their name (Bearer).
-- Only the SHA-256 of a token is stored; the token itself is shown once, when it is created.

CREATE TABLE api_tokens (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    -- Lower-case hex SHA-256 of the whole token text; requests are matched by equality.
    token_hash    TEXT NOT NULL UNIQUE,
    -- The token's first characters ('apt_' and six more), so a person recognises it in the list.
    prefix        TEXT NOT NULL,
    scope         TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    created_at    TIMESTAMPTZ NOT NULL,
    -- NULL: the token does not expire.
    expires_at    TIMESTAMPTZ,
    -- Updated at most once a minute, not on every request.
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, created_at);
