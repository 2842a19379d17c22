-- Migration 14 indexed the Cyrillic passages again by their Slavic keys,
-- after migration 13 had filled the lexicon (store/vocabulary.go) from the
-- index as it was: the lexicon is filled again from the index, and the
-- lexicon generation moves on, so that no opener keeps a term it knew to
-- be there. A migration that indexes passages again must do the same.
DELETE FROM lexicon;
INSERT INTO lexicon (term) SELECT term FROM passages_vocab;
INSERT INTO settings (name, value) VALUES ('lexicon-generation', 1)
	ON CONFLICT (name) DO UPDATE SET value = value + 1;
