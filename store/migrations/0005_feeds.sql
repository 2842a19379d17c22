-- News feeds (RSS, Atom) that Parley polls for new articles.
CREATE TABLE feeds (
	id            INTEGER PRIMARY KEY,
	url           TEXT NOT NULL UNIQUE,
	title         TEXT NOT NULL DEFAULT '',
	added         TEXT NOT NULL,
	-- Validators of the last answer, sent back as If-None-Match and
	-- If-Modified-Since so an unchanged feed costs a 304.
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_polled   TEXT NOT NULL DEFAULT '',
	last_ok       TEXT NOT NULL DEFAULT '',
	-- Failures in a row and the last one's reason; next_poll is when the
	-- feed may be polled again, later and later while it keeps failing.
	failures      INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	next_poll     TEXT NOT NULL DEFAULT ''
);

-- The items of each feed already dealt with (stored, or rejected for good),
-- by GUID, or by canonical URL when an item has no GUID.
CREATE TABLE feed_items (
	feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
	key        TEXT NOT NULL,
	article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
	seen       TEXT NOT NULL,
	PRIMARY KEY (feed_id, key)
) WITHOUT ROWID;

CREATE INDEX article_outlets_url ON article_outlets(url) WHERE url != '';
