-- Single sign-on: one OpenID Connect provider per municipality, and the provider identity
-- (issuer + subject) of users who signed in through one.

CREATE TABLE oidc_providers (
    municipality_id  BIGINT PRIMARY KEY REFERENCES municipalities (id),
    issuer           TEXT NOT NULL,
    client_id        TEXT NOT NULL,
    -- Sealed by app::crypto (context oidc_providers.client_secret#<municipality_id>); NULL for a
    -- public client.
    client_secret    TEXT,
    -- The ID-token claim holding the person's groups; NULL: no role mapping.
    groups_claim     TEXT,
    -- One "group = role" per line.
    role_mapping     TEXT NOT NULL DEFAULT '',
    enabled          BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMPTZ NOT NULL
);

ALTER TABLE users ADD COLUMN oidc_issuer TEXT;
ALTER TABLE users ADD COLUMN oidc_subject TEXT;
CREATE UNIQUE INDEX users_by_oidc_identity ON users (oidc_issuer, oidc_subject);
