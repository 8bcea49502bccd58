-- Who posted each ledger event (người ghi sổ): the author a store is given with a posting
-- (`PostOptions.author`; in the HTTP service, the principal of the bearer token), never a field of
-- the event. Rows posted before this migration keep every column as it was and have no author
-- (NULL): nothing is rewritten, since an idempotency key with a space in it may be the caller's own
-- (the service used to write `<principal> <key>` there; it reads such rows back as before).
ALTER TABLE ledger_events ADD COLUMN author text
  CONSTRAINT ledger_events_author_check CHECK (author IS NULL OR (btrim(author) <> '' AND length(author) <= 4096));
