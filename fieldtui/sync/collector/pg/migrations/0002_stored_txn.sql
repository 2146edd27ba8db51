-- Which transaction stored each bundle (its top-level transaction id), so that a merge
-- reads only the names stored since it last read the store (pg/export.py `names_since`),
-- not all of them each time. Rows stored before this migration have none: a merge's first
-- read of the store is whole, and every later one starts after it. Adding a column without
-- a default rewrites nothing; the default applies to the rows inserted from now on.
ALTER TABLE bundles ADD COLUMN stored_txn xid8;
ALTER TABLE bundles ALTER COLUMN stored_txn SET DEFAULT pg_current_xact_id();
CREATE INDEX bundles_stored_txn ON bundles (stored_txn);
