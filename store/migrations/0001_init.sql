-- The library: articles, the passages they are cut into, and a full-text
-- index over the passages. Index rows follow their passages: the store adds
-- an article's index rows in one statement after its passages (FTS5 flushes
-- its pending terms at every statement, so one statement per passage made
-- ingest twice as slow), and deleting an article cascades to its passages,
-- whose trigger removes their index rows, so a removal can never leave half
-- an article behind.
CREATE TABLE articles (
	id        INTEGER PRIMARY KEY,
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
CREATE INDEX articles_published ON articles(published);

CREATE TABLE passages (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	start_byte INTEGER NOT NULL,
	end_byte   INTEGER NOT NULL,
	words      INTEGER NOT NULL,
	text       TEXT NOT NULL,
	UNIQUE (article_id, seq)
);

-- Contentless: the text lives in passages; the index holds only postings.
CREATE VIRTUAL TABLE passages_fts USING fts5(
	text, title, outlet,
	content = '', contentless_delete = 1,
	tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Running totals for BM25's N and average length, kept by the store and the
-- trigger below so that a search never has to count the whole table.
CREATE TABLE stats (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	passages INTEGER NOT NULL,
	words    INTEGER NOT NULL
);
INSERT INTO stats (id, passages, words) VALUES (1, 0, 0);

CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
	DELETE FROM passages_fts WHERE rowid = old.id;
	UPDATE stats SET passages = passages - 1, words = words - old.words WHERE id = 1;
END;
