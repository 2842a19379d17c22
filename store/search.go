package store

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// Search tuning. See docs/benchmarks.md for how they were chosen.
const (
	// maxQueryTerms bounds the work a long question can cause.
	maxQueryTerms = 24
	// defaultRareLimit is the document frequency below which a term is "rare":
	// FTS5 ranks the passages matching rare terms by its own bm25(), which
	// costs time in proportion to the number of matches. More common terms
	// (Ukraine, Russia, Trump in a library about the war) are never ranked
	// over all their matches; they only re-rank the candidates.
	defaultRareLimit = 1000
	// poolSize is how many candidates each of the two candidate queries
	// brings back for re-ranking.
	poolSize = 64
	// titleWeight boosts terms that appear in an article's title.
	titleWeight = 2.0
	// sameText is the word-set overlap (Jaccard) above which two passages of
	// different articles count as the same text, so that syndicated copies
	// of one story do not crowd other sources out of the results.
	sameText = 0.6
	bm25K1   = 1.2
	bm25B    = 0.75
)

// queryTerm is one distinct content word of a question.
type queryTerm struct {
	stem   string // as prose.Terms gives it, for re-ranking
	word   string // as the question writes it
	phrase string // the word as an FTS5 string literal, for MATCH
	weight float64
	df     float64
	rare   bool
}

// alsoWeight is what a word of Query.Also counts, against 1 for the
// question's own words.
const alsoWeight = 0.5

// QueryTerms returns the FTS5 string literals Search would match for text:
// each distinct content word, quoted, so that no user text ever reaches
// MATCH as syntax. It is exported for tests and fuzzing.
func QueryTerms(text string) []string {
	var out []string
	for _, t := range queryTerms(text, nil) {
		out = append(out, t.phrase)
	}
	return out
}

// queryTerms returns the distinct content words of text (weight 1) that are
// not in seen, marking them seen.
func queryTerms(text string, seen map[string]bool) []queryTerm {
	if seen == nil {
		seen = map[string]bool{}
	}
	var terms []queryTerm
	for _, tok := range prose.Keywords(text) {
		word := prose.IndexForm(text[tok.Start:tok.End]) // as the index has it
		if seen[tok.Term] {
			continue
		}
		seen[tok.Term] = true
		// FTS5 string literal: double quotes, with any inner quote doubled.
		// Tokens are letters and digits, but quoting is what makes MATCH safe
		// whatever a tokenizer change lets through.
		terms = append(terms, queryTerm{stem: tok.Term, word: word, phrase: matchWord(word), weight: 1})
		if len(terms) == maxQueryTerms {
			break
		}
	}
	return terms
}

// matchWord is a word as an FTS5 expression: a string literal, so that no
// user text reaches MATCH as syntax. A short word in capitals ("US", "EU")
// also matches its dotted spelling ("U.S."), which the index stores as
// single letters.
func matchWord(word string) string {
	lit := `"` + strings.ReplaceAll(word, `"`, `""`) + `"`
	if grouped := groupDigits(word); grouped != "" {
		// "1000" is also "1,000", which the index stores as "1" "000".
		return "(" + lit + ` OR "` + grouped + `")`
	}
	if n := len(word); n < 2 || n > 4 || strings.ToUpper(word) != word || strings.ToLower(word) == word {
		return lit
	}
	for _, r := range word {
		if r < 'A' || r > 'Z' {
			return lit
		}
	}
	return "(" + lit + ` OR "` + strings.Join(strings.Split(word, ""), " ") + `")`
}

// groupDigits writes a whole number of four digits or more in groups of
// three, as the index stores it when an article writes it with commas
// ("1000" as "1 000"), or "" for anything else.
func groupDigits(word string) string {
	if len(word) < 4 || len(word) > 15 {
		return ""
	}
	for _, r := range word {
		if r < '0' || r > '9' {
			return ""
		}
	}
	var groups []string
	for len(word) > 3 {
		groups = append([]string{word[len(word)-3:]}, groups...)
		word = word[:len(word)-3]
	}
	return strings.Join(append([]string{word}, groups...), " ")
}

// matches counts the passages that match an FTS5 expression, up to the
// rare limit, and the lowest rowid among those counted (the newest
// db.rareLimit matches, newest first).
func (db *DB) matches(ctx context.Context, phrase string) (count int, minID float64, err error) {
	err = db.sql.QueryRowContext(ctx, `SELECT count(*), coalesce(min(rowid), 0) FROM
		(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?)`, phrase, db.rareLimit).Scan(&count, &minID)
	return count, minID, err
}

// Search returns up to k passages for a question, best first.
//
// Ranking is BM25 over the passage text and the article title. FTS5 ranks
// only the passages that contain the question's rarer terms; the passages
// most recently added that contain all its common terms join them; and the
// union is re-ranked by BM25 over every term, with document frequencies that
// are exact for rare terms and estimated for common ones. This keeps a search
// in a library of 100k articles that all say "Ukraine" in milliseconds,
// where ORDER BY bm25() over every match takes seconds.
//
// With q.Vector (hybrid retrieval), the text ranking and the ranking by
// cosine similarity to the stored passage embeddings are fused by
// reciprocal rank fusion; without it, or with no embeddings stored, search
// is text only.
func (db *DB) Search(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	if len(q.Vector) == 0 || k <= 0 {
		return db.search(ctx, q, k, false)
	}
	text, err := db.search(ctx, q, fuseDepth, false)
	if err != nil {
		return nil, err
	}
	vector, err := db.nearest(ctx, q.Vector, fuseDepth)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if len(vector) == 0 {
		return text[:min(k, len(text))], nil
	}
	hits, err := db.fuse(ctx, text, vector, k, q.Copies)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return hits, nil
}

// SearchExhaustive is Search without its bound on candidates: it re-ranks
// every passage that has any of the terms. It is slow on a large library and
// exists to measure what the bound costs (see docs/benchmarks.md).
func (db *DB) SearchExhaustive(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	return db.search(ctx, q, k, true)
}

// query is a question as the store reads it: its terms, with document
// frequencies, and the library's size.
type query struct {
	terms     []queryTerm
	n, avgLen float64
}

// read reads a question: its content words (weight 1) and the words news
// prose uses for them (alsoWeight), each with its document frequency, a
// word no article has read as the library's word it is a misspelling of,
// and a word with no match left out. It returns nil when no term matches.
func (db *DB) read(ctx context.Context, q parley.Query) (*query, error) {
	seen := map[string]bool{}
	terms := queryTerms(q.Text, seen)
	// The words news prose uses for the question's ("troops" for
	// "soldiers") count as Also's words do.
	also := []string{q.Also}
	for _, t := range terms {
		also = append(also, prose.SynonymWords(t.stem)...)
	}
	for _, t := range queryTerms(strings.Join(also, " "), seen) {
		t.weight = alsoWeight
		terms = append(terms, t)
	}
	if len(terms) == 0 {
		return nil, nil
	}
	var n, totalWords, maxID float64
	err := db.sql.QueryRowContext(ctx, "SELECT passages, words, (SELECT coalesce(max(id), 0) FROM passages) FROM stats").Scan(&n, &totalWords, &maxID)
	if err != nil || n == 0 {
		return nil, err
	}
	live := terms[:0]
	for _, t := range terms {
		count, minID, err := db.matches(ctx, t.phrase)
		if err != nil {
			return nil, err
		}
		if count == 0 && t.weight == 1 {
			// A word of the question no article has: read it as the word
			// of the library it is a misspelling of, if there is one.
			if c, err := db.Correct(ctx, t.word); err == nil && c != "" {
				t.word, t.phrase, t.stem = c, matchWord(c), prose.Stem(c)
				if count, minID, err = db.matches(ctx, t.phrase); err != nil {
					return nil, err
				}
			}
		}
		switch {
		case count == 0:
			continue
		case count < db.rareLimit:
			t.df, t.rare = float64(count), true
		default:
			// The newest db.rareLimit matches span ids minID..maxID; assume the
			// term is as dense in the rest of the library.
			t.df = math.Min(n, float64(count)*n/math.Max(1, maxID-minID+1))
		}
		live = append(live, t)
	}
	if len(live) == 0 {
		return nil, nil
	}
	return &query{terms: live, n: n, avgLen: totalWords / n}, nil
}

// SearchBM25 is the baseline Search is measured against: FTS5's own
// ORDER BY bm25() (title ×2) over every passage that matches any of the
// terms Search reads in the question, the top k as they come, with no
// re-ranking and no filtering of copies. It takes hundreds of milliseconds
// on a large library and exists for the benchmarks (docs/benchmarks.md).
func (db *DB) SearchBM25(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	rq, err := db.read(ctx, q)
	if err != nil || rq == nil || k <= 0 {
		return nil, err
	}
	var all []string
	for _, t := range rq.terms {
		all = append(all, t.phrase)
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?
		ORDER BY bm25(passages_fts, 1.0, ?, 0.5) LIMIT ?`, strings.Join(all, " OR "), titleWeight, k)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var order []int64
	ids := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("search: %w", err)
		}
		order = append(order, id)
		ids[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits, raw, err := db.hits(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	rank := map[int64]int{}
	for i, id := range order {
		rank[id] = i
	}
	sort.Slice(hits, func(i, j int) bool { return rank[hits[i].ID] < rank[hits[j].ID] })
	for i := range hits {
		hits[i].Score = float64(len(hits) - i)
	}
	return raw.decoded(hits), nil
}

// search is Search; exhaustive re-ranks every passage that has any of the
// terms instead of the bounded candidates.
func (db *DB) search(ctx context.Context, q parley.Query, k int, exhaustive bool) ([]parley.Hit, error) {
	if k <= 0 {
		return nil, nil
	}
	rq, err := db.read(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if rq == nil {
		return nil, nil
	}
	terms, n, avgLen := rq.terms, rq.n, rq.avgLen

	// FTS5 ranks the matches of the rare terms. Of the common ones, only the
	// question's own, and at most the three least common, choose the recent
	// passages that join the candidates: intersecting more doclists of
	// terms that are everywhere costs more than it brings.
	var rare, common []string
	sort.SliceStable(terms, func(i, j int) bool { return terms[i].df < terms[j].df })
	for _, t := range terms {
		switch {
		case t.rare:
			rare = append(rare, t.phrase)
		case t.weight == 1 && len(common) < 3:
			common = append(common, t.phrase)
		}
	}
	ids := map[int64]bool{}
	if exhaustive {
		var all []string
		for _, t := range terms {
			all = append(all, t.phrase)
		}
		rare, common = nil, nil
		if err := db.collect(ctx, ids, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?`, strings.Join(all, " OR ")); err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	if len(rare) > 0 {
		err := db.collect(ctx, ids, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?
			ORDER BY bm25(passages_fts, 1.0, ?, 0.5) LIMIT ?`, strings.Join(rare, " OR "), titleWeight, poolSize)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	if len(common) > 0 {
		before := len(ids)
		err := db.collect(ctx, ids, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?
			ORDER BY rowid DESC LIMIT ?`, strings.Join(common, " AND "), poolSize)
		if err == nil && len(ids) == before && len(common) > 1 {
			err = db.collect(ctx, ids, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?
				ORDER BY rowid DESC LIMIT ?`, strings.Join(common, " OR "), poolSize)
		}
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
	}
	hits, raw, err := db.hits(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	counts := make([]map[string]int, len(hits))
	for i := range hits {
		counts[i] = termCounts(hits[i].Text)
		hits[i].Score = score(counts[i], prose.Tokens(hits[i].Source.Title), terms, n, avgLen)
	}
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := &hits[order[i]], &hits[order[j]]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.ID < b.ID
	})
	return raw.decoded(diverse(hits, counts, order, k, q.Copies)), nil
}

// termCounts counts the terms of a text; the empty key holds its length in
// words, counted as the store counts passages' lengths.
func termCounts(text string) map[string]int {
	m := map[string]int{}
	for _, t := range prose.Tokens(text) {
		m[t.Term]++
	}
	m[""] = prose.WordCount(text)
	return m
}

func (db *DB) collect(ctx context.Context, ids map[int64]bool, query string, args ...any) error {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids[id] = true
	}
	return rows.Err()
}

// hits loads the passages with the given ids and their sources, a batch
// of ids per query to stay under SQLite's limit on variables. Their
// sentences come back still encoded, by passage id: a search ranks a
// hundred candidates or more and returns a few, and only those need them
// (see decoded).
func (db *DB) hits(ctx context.Context, ids map[int64]bool) ([]parley.Hit, encoded, error) {
	const batch = 500
	args := make([]any, 0, len(ids))
	for id := range ids {
		args = append(args, id)
	}
	var out []parley.Hit
	raw := encoded{}
	for len(args) > 0 {
		n := min(batch, len(args))
		hs, err := db.hitsIn(ctx, args[:n], raw)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, hs...)
		args = args[n:]
	}
	return out, raw, nil
}

// encoded holds passages' sentences as stored, by passage id.
type encoded map[int64][]byte

// decoded gives hits the sentences raw holds for them.
func (raw encoded) decoded(hs []parley.Hit) []parley.Hit {
	for i := range hs {
		hs[i].Sentences = decodeSentences(raw[hs[i].ID])
	}
	return hs
}

func (db *DB) hitsIn(ctx context.Context, args []any, raw encoded) ([]parley.Hit, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT p.id, p.article_id, p.seq, p.start_byte, p.end_byte, p.text, p.sentences,
		a.title, a.outlet, coalesce(a.url, ''), a.author, a.published,
		coalesce((SELECT group_concat(o.outlet, char(31)) FROM article_outlets o WHERE o.article_id = a.id), '')
		FROM passages p JOIN articles a ON a.id = p.article_id
		WHERE p.id IN (?`+strings.Repeat(",?", len(args)-1)+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []parley.Hit
	for rows.Next() {
		var h parley.Hit
		var published, also string
		var ss []byte
		if err := rows.Scan(&h.ID, &h.ArticleID, &h.Seq, &h.Start, &h.End, &h.Text, &ss,
			&h.Source.Title, &h.Source.Outlet, &h.Source.URL, &h.Source.Author, &published, &also); err != nil {
			return nil, err
		}
		if ss != nil {
			raw[h.ID] = ss
		}
		h.Source.Also = splitAlso(also)
		h.Source.ArticleID = h.ArticleID
		h.Source.Published = parseTime(published)
		out = append(out, h)
	}
	return out, rows.Err()
}

// score is Okapi BM25 of a passage for the question's terms, with matches in
// the article title counted titleWeight times.
func score(words map[string]int, title []prose.Token, terms []queryTerm, n, avgLen float64) float64 {
	inTitle := map[string]bool{}
	for _, t := range title {
		inTitle[t.Term] = true
	}
	norm := bm25K1 * (1 - bm25B + bm25B*float64(words[""])/math.Max(1, avgLen))
	var s float64
	for _, t := range terms {
		f := float64(words[t.stem])
		if inTitle[t.stem] {
			f += titleWeight
		}
		if f == 0 {
			continue
		}
		idf := math.Log(1 + (n-t.df+0.5)/(t.df+0.5))
		s += t.weight * idf * f * (bm25K1 + 1) / (f + norm)
	}
	return s
}

// diverse takes the first k hits in order, skipping any whose words are
// nearly the same as those of a hit already taken from another article.
func diverse(hits []parley.Hit, words []map[string]int, order []int, k int, copies bool) []parley.Hit {
	var out []parley.Hit
	var taken []int
	for _, i := range order {
		h := hits[i]
		if h.Score <= 0 {
			continue
		}
		dup := false
		for _, j := range taken {
			if copies {
				break
			}
			if hits[j].ArticleID != h.ArticleID && jaccard(words[i], words[j]) >= sameText {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		out = append(out, h)
		taken = append(taken, i)
		if len(out) == k {
			break
		}
	}
	return out
}

func jaccard(a, b map[string]int) float64 {
	inter := 0
	for t := range a {
		if _, ok := b[t]; ok && t != "" {
			inter++
		}
	}
	union := len(a) + len(b) - 2 - inter // minus the length keys
	if union <= 0 {
		return 1
	}
	return float64(inter) / float64(union)
}

// Around returns the passages just before and after each of hits in its
// article that are not among hits, with their sources and sentences, in
// no particular order and with no score: news prose often puts the answer
// in the sentence after the one that matches the question ("The full
// session at Ciragan Palace began at 8:37 p.m." follows "…met in Istanbul
// on Wednesday").
func (db *DB) Around(ctx context.Context, hits []parley.Hit) ([]parley.Hit, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	have := map[int64]bool{}
	var conds []string
	var args []any
	for _, h := range hits {
		have[h.ID] = true
		conds = append(conds, "(article_id = ? AND seq IN (?, ?))")
		args = append(args, h.ArticleID, h.Seq-1, h.Seq+1)
	}
	ids := map[int64]bool{}
	if err := db.collect(ctx, ids, `SELECT id FROM passages WHERE `+strings.Join(conds, " OR "), args...); err != nil {
		return nil, fmt.Errorf("around: %w", err)
	}
	for id := range ids {
		if have[id] {
			delete(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	out, raw, err := db.hits(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("around: %w", err)
	}
	return raw.decoded(out), nil
}
