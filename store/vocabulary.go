package store

import (
	"context"
	"database/sql"
)

// The lexicon table (migration 13) holds every term of the index: what
// passages_vocab, FTS5's fts5vocab view, lists, but stored, so that the
// terms with the same first letters are a range of a B-tree. The view
// counts each term's rows as it lists it, by reading the term's whole
// posting list: listing the terms that begin with "wit" at 100k articles
// read every posting of "with" (25–40 ms).
//
// The store keeps it in step with the index, in the transaction that
// changes the index: an article's rows add their terms, and rows removed
// take away those that no row holds any more. Which terms a row holds is
// what the index's tokenizer makes of it, so the store asks the tokenizer:
// the article's text goes through a scratch FTS5 table of the connection
// (temp, in memory, never written to the library) with the index's
// tokenizer, whose vocabulary lists its terms, and the scratch is emptied.
// The lexicon does not count rows: that rewrote a page of the table for
// nearly every term of every article, which ingest could not afford;
// Correct counts the few terms it compares.
const (
	// scratchSchema is the scratch index and its vocabulary, and the terms
	// of removed rows; the tokenizer must be passages_fts's (migration 1),
	// which TestLexiconFollowsIndex checks against passages_vocab.
	scratchSchema = `CREATE VIRTUAL TABLE IF NOT EXISTS temp.lexicon_scratch USING fts5(
		text, content = '', columnsize = 0, detail = none, tokenize = 'porter unicode61 remove_diacritics 2');
	CREATE VIRTUAL TABLE IF NOT EXISTS temp.lexicon_scratch_vocab USING fts5vocab(temp, lexicon_scratch, 'row');
	CREATE TABLE IF NOT EXISTS temp.lexicon_gone (term TEXT PRIMARY KEY) WITHOUT ROWID`
	// scratchRow is an article's index rows as the store indexes them (see
	// addTx), read from the library, as one row: its passages' text, its
	// title and its outlet, a line each (a line break is no part of a
	// term).
	scratchRow = `INSERT INTO temp.lexicon_scratch (rowid, text)
		SELECT 1, (SELECT group_concat(parley_index_form(p.text), char(10)) FROM passages p WHERE p.article_id = a.id)
			|| char(10) || parley_index_form(a.title) || char(10) || parley_index_form(a.outlet)
		FROM articles a WHERE a.id = ?`
	scratchClear = `INSERT INTO temp.lexicon_scratch (lexicon_scratch) VALUES ('delete-all')`
)

// lexiconAdd adds the terms of article id's index rows to the lexicon,
// once they are indexed.
func lexiconAdd(ctx context.Context, tx *sql.Tx, id int64) error {
	return withTerms(ctx, tx, id, `INSERT OR IGNORE INTO lexicon (term) SELECT term FROM temp.lexicon_scratch_vocab`)
}

// lexiconRemoving notes the terms of article id's index rows, before they
// are deleted, for lexiconRemoved.
func lexiconRemoving(ctx context.Context, tx *sql.Tx, id int64) error {
	return withTerms(ctx, tx, id, `INSERT OR IGNORE INTO temp.lexicon_gone (term) SELECT term FROM temp.lexicon_scratch_vocab`)
}

// lexiconRemoved takes the terms lexiconRemoving noted that no index row
// holds any more out of the lexicon, once the rows are deleted (and, for an
// article updated, its new rows added). Whether the index still has a term
// is its first occurrence, not its count.
func lexiconRemoved(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM lexicon WHERE term IN (SELECT g.term FROM temp.lexicon_gone g
		WHERE NOT EXISTS (SELECT 1 FROM passages_instances i WHERE i.term = g.term));
	DELETE FROM temp.lexicon_gone`)
	return err
}

// withTerms puts article id's text in the scratch index, runs stmt over
// the scratch's vocabulary and empties it.
func withTerms(ctx context.Context, tx *sql.Tx, id int64, stmt string) error {
	// The scratch is made once for each connection, when first missed.
	if _, err := tx.ExecContext(ctx, scratchRow, id); err != nil {
		if _, err := tx.ExecContext(ctx, scratchSchema); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, scratchRow, id); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, stmt); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, scratchClear)
	return err
}
