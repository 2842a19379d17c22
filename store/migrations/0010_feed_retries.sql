-- The items of each feed that failed for now (the site timed out, could
-- not be reached, answered 5xx): how often in a row, and when each is
-- tried again, later and later, until it is given up (and recorded in
-- feed_items). An item dealt with loses its row.
CREATE TABLE IF NOT EXISTS feed_retries (
	feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
	key        TEXT NOT NULL,
	failures   INTEGER NOT NULL,
	next_try   TEXT NOT NULL,
	last_error TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (feed_id, key)
) WITHOUT ROWID;
