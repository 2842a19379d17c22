-- The index holds text, titles and outlets in their index form
-- (prose.IndexForm: NFKC, without soft hyphens, zero-width spaces and the
-- other default-ignorable characters; see store/indexform.go), as the
-- store now writes them, so that "cease<U+00AD>fire" is found by
-- "ceasefire". The passages indexed before are indexed again where that
-- form differs from what was indexed; the stored text and its offsets do
-- not change.
CREATE TEMP TABLE refold (id INTEGER PRIMARY KEY);
INSERT INTO refold SELECT id FROM passages WHERE parley_index_form(text) != text;
INSERT OR IGNORE INTO refold SELECT p.id FROM passages p WHERE p.article_id IN
	(SELECT id FROM articles WHERE parley_index_form(title) != title OR parley_index_form(outlet) != outlet);
DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM refold);
INSERT INTO passages_fts (rowid, text, title, outlet)
	SELECT p.id, parley_index_form(p.text), parley_index_form(a.title), parley_index_form(a.outlet)
	FROM refold r JOIN passages p ON p.id = r.id JOIN articles a ON a.id = p.article_id;
DROP TABLE refold;
