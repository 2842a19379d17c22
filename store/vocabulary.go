package store

import (
	"context"
	"encoding/json"
	"strings"
	"sync"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
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
// what the index's tokenizer makes of it: for ASCII words the store
// computes the same terms (porter.go); other words (Cyrillic, accents)
// go through a scratch FTS5 table of the connection (temp, in memory,
// never written to the library) with the index's tokenizer, whose
// vocabulary lists their terms, and the scratch is emptied. Running every
// article through FTS5 a second time cost a quarter of ingest. A migration
// that indexes passages again fills the lexicon again from the index, as
// migration 15 does after 14.
//
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
	// scratchWords is the scratch's one row: an article's words.
	scratchWords = `INSERT INTO temp.lexicon_scratch (rowid, text) VALUES (1, ?)`
	scratchClear = `INSERT INTO temp.lexicon_scratch (lexicon_scratch) VALUES ('delete-all')`
)

// lexiconAdd adds the terms of an article's index rows to the lexicon (its
// passages' text, title and outlet), but those lc knows are there, and
// returns them all, for lc to remember once the article is stored.
func lexiconAdd(ctx context.Context, tx txer, lc *lexiconCache, a *parley.Article, ps []parley.Passage) (storedTerms, error) {
	texts := []string{a.Title, a.Outlet}
	for _, p := range ps {
		texts = append(texts, p.Text)
	}
	var generation int64
	err := tx.QueryRowContext(ctx, `SELECT coalesce((SELECT value FROM settings WHERE name = 'lexicon-generation'), 0)`).Scan(&generation)
	if err != nil {
		return storedTerms{}, err
	}
	known, rest := terms(texts)
	if err := addTerms(ctx, tx, "lexicon", lc.unknown(generation, known), rest); err != nil {
		return storedTerms{}, err
	}
	return storedTerms{generation, known}, nil
}

// storedTerms are terms in the lexicon at a generation.
type storedTerms struct {
	generation int64
	terms      []string
}

// lexiconCache remembers terms this process has seen stored in the
// lexicon, for as long as no term has left it: a term leaves only when
// lexiconRemoved deletes it, which moves the library's lexicon generation
// on, so a term known at one generation is there at every state of that
// generation. Adding an article then inserts only the terms new to the
// library: inserting every term of every article, nearly all there
// already, cost a tenth of ingest.
type lexiconCache struct {
	mu         sync.Mutex
	generation int64
	terms      map[string]bool
}

// maxKnownTerms bounds the cache; past it, it starts again.
const maxKnownTerms = 500_000

// unknown returns those of terms not known to be in the lexicon at
// generation, forgetting what it knew of another generation.
func (lc *lexiconCache) unknown(generation int64, terms []string) []string {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if generation != lc.generation || lc.terms == nil {
		lc.generation, lc.terms = generation, map[string]bool{}
	}
	var out []string
	for _, t := range terms {
		if !lc.terms[t] {
			out = append(out, t)
		}
	}
	return out
}

// remember records terms as stored, once the transaction that added them
// has committed, unless the cache has since moved to another generation.
func (lc *lexiconCache) remember(st storedTerms) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if st.generation != lc.generation {
		return
	}
	if lc.terms == nil || len(lc.terms)+len(st.terms) > maxKnownTerms {
		lc.terms = map[string]bool{}
	}
	for _, t := range st.terms {
		lc.terms[t] = true
	}
}

// lexiconRemoving notes the terms of article id's index rows, before they
// are deleted, for lexiconRemoved.
func lexiconRemoving(ctx context.Context, tx txer, id int64) error {
	texts := []string{}
	err := collectStrings(ctx, tx, &texts, `SELECT title FROM articles WHERE id = ? UNION ALL SELECT outlet FROM articles WHERE id = ?
		UNION ALL SELECT text FROM passages WHERE article_id = ?`, id, id, id)
	if err != nil {
		return err
	}
	known, rest := terms(texts)
	return addTerms(ctx, tx, "temp.lexicon_gone", known, rest)
}

// addTerms adds terms to table, and the terms the index's tokenizer makes
// of the words of rest (see terms).
func addTerms(ctx context.Context, tx txer, table string, known []string, rest string) error {
	if len(known) > 0 {
		list, _ := json.Marshal(known)
		if err := tempExec(ctx, tx, `INSERT OR IGNORE INTO `+table+` (term) SELECT value FROM json_each(?)`, list); err != nil {
			return err
		}
	}
	if rest == "" {
		return nil
	}
	if err := tempExec(ctx, tx, scratchWords, rest); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO `+table+` (term) SELECT term FROM temp.lexicon_scratch_vocab`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, scratchClear)
	return err
}

// tempExec runs a statement that may use the connection's temp tables,
// making them first if they are not there yet.
func tempExec(ctx context.Context, tx txer, query string, args ...any) error {
	if _, err := tx.ExecContext(ctx, query, args...); err == nil {
		return nil
	}
	if _, err := tx.ExecContext(ctx, scratchSchema); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, query, args...)
	return err
}

// terms returns the terms of the ASCII words of texts, in their index
// form, and the other words, one a line. A word here is
// a run of characters between spaces, which the tokenizer cuts as it would
// in the text, since no term holds a space.
func terms(texts []string) (known []string, rest string) {
	found := map[string]bool{}
	seen := map[string]bool{}
	var other strings.Builder
	for _, t := range texts {
		t = prose.IndexForm(t)
		if plain := punctuation.Replace(t); asciiTerms(plain, found) {
			continue // all of it ASCII, as most English text is
		}
		for _, w := range strings.Fields(t) {
			if seen[w] {
				continue
			}
			seen[w] = true
			if !asciiTerms(w, found) && !asciiTerms(punctuation.Replace(w), found) {
				other.WriteString(w)
				other.WriteByte('\n')
			}
		}
	}
	for t := range found {
		known = append(known, t)
	}
	return known, other.String()
}

// lexiconRemoved takes the terms lexiconRemoving noted that no index row
// holds any more out of the lexicon, once the rows are deleted (and, for an
// article updated, its new rows added). Whether the index still has a term
// is its first occurrence, not its count.
func lexiconRemoved(ctx context.Context, tx txer) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM lexicon WHERE term IN (SELECT g.term FROM temp.lexicon_gone g
		WHERE NOT EXISTS (SELECT 1 FROM passages_instances i WHERE i.term = g.term))`)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		// What any process knows to be in the lexicon may be gone.
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES ('lexicon-generation', 1)
			ON CONFLICT (name) DO UPDATE SET value = value + 1`)
		if err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM temp.lexicon_gone`)
	return err
}

func collectStrings(ctx context.Context, tx txer, out *[]string, query string, args ...any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		*out = append(*out, s)
	}
	return rows.Err()
}
