-- The index's terms, stored (store/vocabulary.go): read by the words'
-- first letters to correct a misspelt word (store/lexicon.go), they are a
-- B-tree range, where the fts5vocab view passages_vocab reads every
-- posting of every term it lists. Filled here from that view, once.
DROP TABLE IF EXISTS lexicon; -- a test may take a library back to an older version
CREATE TABLE lexicon (term TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO lexicon (term) SELECT term FROM passages_vocab;

-- Each occurrence of a term, for telling whether the index still has a
-- term at all (LIMIT 1) without reading all of its postings.
CREATE VIRTUAL TABLE IF NOT EXISTS passages_instances USING fts5vocab(passages_fts, 'instance');
