-- Raised to end every session of a person at once (an admin set their password or took a
-- role away): the session's check value is a digest of the password hash and this number.
ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;
