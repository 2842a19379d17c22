-- One story, many outlets. A MinHash signature of each article's word
-- shingles, with its locality-sensitive bands for finding candidates, lets
-- Add recognise the same wire story published by another site (≥ 0.9
-- similar) and record that outlet instead of storing the text again.
CREATE TABLE article_signatures (
	article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
	sig        BLOB NOT NULL
);

-- One b-tree, keyed for the lookup. Rows are removed by key (the store
-- recomputes them from the signature) rather than by a cascade, which
-- would need a second index and made ingest a third slower.
CREATE TABLE article_bands (
	band       INTEGER NOT NULL,
	hash       INTEGER NOT NULL,
	article_id INTEGER NOT NULL,
	PRIMARY KEY (band, hash, article_id)
) WITHOUT ROWID;

-- The other outlets that published an article's story.
CREATE TABLE article_outlets (
	article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
	outlet     TEXT NOT NULL,
	url        TEXT NOT NULL DEFAULT '',
	published  TEXT NOT NULL DEFAULT '',
	added      TEXT NOT NULL,
	PRIMARY KEY (article_id, outlet, url)
);
