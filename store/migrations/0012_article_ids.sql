-- An article's id is never given to another: a removed article's id
-- stays unused, so that an old answer in Discord, a vote or a script
-- that names article 7 never points at a different article. Without
-- AUTOINCREMENT, SQLite gives a new row the largest id in use plus one,
-- which is a removed article's id whenever the newest was removed.
--
-- The table is rebuilt with the same columns, ids, indexes and rows (the
-- migration runs with foreign keys off, and checks them before it
-- commits, so that dropping the old table cascades into nothing: the
-- passages, their index rows, signatures, outlets and feed items keep
-- their article ids).
CREATE TABLE articles_new (
	id        INTEGER PRIMARY KEY AUTOINCREMENT,
	title     TEXT NOT NULL,
	outlet    TEXT NOT NULL DEFAULT '',
	url       TEXT UNIQUE,              -- NULL when the article has no URL
	author    TEXT NOT NULL DEFAULT '',
	language  TEXT NOT NULL DEFAULT '',
	published TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD or RFC 3339; '' when unknown
	added     TEXT NOT NULL,            -- RFC 3339, UTC
	body      TEXT NOT NULL,
	hash      TEXT NOT NULL UNIQUE      -- hex SHA-256 of body
);
INSERT INTO articles_new (id, title, outlet, url, author, language, published, added, body, hash)
	SELECT id, title, outlet, url, author, language, published, added, body, hash FROM articles;
DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;
CREATE INDEX articles_published ON articles(published);

-- The ids removed before this migration are not all known, but those the
-- answers given in Discord cite are: new articles are numbered after
-- every one of them, and after every article there is.
DELETE FROM sqlite_sequence WHERE name = 'articles';
INSERT INTO sqlite_sequence (name, seq) SELECT 'articles', max(
	coalesce((SELECT max(id) FROM articles), 0),
	coalesce((SELECT max(CAST(json_extract(c.value, '$.article_id') AS INTEGER))
		FROM answers, json_each(answers.citations) c WHERE json_valid(answers.citations)), 0));
