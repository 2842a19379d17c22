-- The passages of the articles in Ukrainian or Russian, beside stats'
-- count of all passages, kept by Add and Remove (store/articles.go): a
-- word of a question in another language than a passage's, which the
-- glossary gives (prose.TranslationWords), is weighed by how rare it is
-- among the passages of its own language, not of the whole library, in
-- which a Cyrillic word of a library mostly in English is always rare.
CREATE TABLE IF NOT EXISTS language_stats (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	cyrillic INTEGER NOT NULL
);
INSERT OR REPLACE INTO language_stats (id, cyrillic) VALUES (1, (SELECT count(*) FROM passages p
	JOIN articles a ON a.id = p.article_id WHERE a.language IN ('uk', 'ru')));
