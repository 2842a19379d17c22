-- Ukrainian and Russian words are indexed by their key (prose.SlavicKey:
-- transliterated, inflection stripped), which prose.IndexForm now writes
-- for every word with a Cyrillic letter, so that «переговоров» finds
-- «переговорах» and "Zelensky" finds «Зеленського». The passages of the
-- articles with Cyrillic text, title or outlet are indexed again; the
-- stored text and its offsets do not change. An article stored without a
-- language gets the one its text is in (prose.DetectLanguage), as a new
-- one does when it is added.
UPDATE articles SET language = parley_detect_language(body) WHERE language = '';
CREATE TEMP TABLE refold (id INTEGER PRIMARY KEY);
INSERT INTO refold SELECT id FROM passages WHERE parley_index_form(text) != text;
INSERT OR IGNORE INTO refold SELECT p.id FROM passages p WHERE p.article_id IN
	(SELECT id FROM articles WHERE parley_index_form(title) != title OR parley_index_form(outlet) != outlet);
DELETE FROM passages_fts WHERE rowid IN (SELECT id FROM refold);
INSERT INTO passages_fts (rowid, text, title, outlet)
	SELECT p.id, parley_index_form(p.text), parley_index_form(a.title), parley_index_form(a.outlet)
	FROM refold r JOIN passages p ON p.id = r.id JOIN articles a ON a.id = p.article_id;
DROP TABLE refold;
