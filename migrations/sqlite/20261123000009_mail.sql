-- E-mail notifications: each person's language for mails (set at sign-in; NULL reads as English)
-- and their choice to get mail at all; the SMTP outbox's bookkeeping on every notification.

ALTER TABLE users ADD COLUMN language TEXT CHECK (language IN ('en', 'da', 'de', 'sv'));
ALTER TABLE users ADD COLUMN email_notifications BOOLEAN NOT NULL DEFAULT TRUE;

-- Claims so far: a claim that fails (or whose node dies) is retried once it goes stale, up to a
-- bound, so a broken address or server cannot keep a row in the outbox forever.
ALTER TABLE notifications ADD COLUMN email_attempts INTEGER NOT NULL DEFAULT 0;
-- Why the outbox is done with a row it did not (or could not) mail; NULL while it is not done
-- or when it was sent (emailed_at then says when).
ALTER TABLE notifications ADD COLUMN email_outcome TEXT
    CHECK (email_outcome IN ('opted_out', 'erased', 'not_visible', 'gave_up'));
