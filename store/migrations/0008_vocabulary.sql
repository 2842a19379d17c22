-- The index's vocabulary, read to tell whether the library has a word at
-- all and which word a misspelt one is (store/lexicon.go). A view over the
-- FTS5 index: nothing is stored twice.
CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab(passages_fts, 'row');
