package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
	"golang.org/x/sync/errgroup"
)

// Search tuning. See docs/benchmarks.md for how they were chosen.
const (
	// maxQueryTerms bounds the work a long question can cause.
	maxQueryTerms = 24
	// defaultRareLimit is the document frequency below which a term is "rare":
	// FTS5 ranks the passages matching rare terms by its own bm25(), which
	// costs time in proportion to the number of matches. More common terms
	// (Ukraine, Russia, Trump in a library about the war) are never ranked
	// over all their matches; they choose candidates together (see tiers)
	// and re-rank them.
	defaultRareLimit = 1000
	// foreignPoolSize is how many more passages FTS5 ranks best for the
	// question's foreign words: the reports in another
	// language that may answer where the asker's do not. Fewer than the
	// rare pool, since each costs a re-ranking (a Cyrillic passage's terms
	// cost several times an English one's to count) and few answer.
	foreignPoolSize = 8
	// poolSize is how many passages FTS5 ranks best for the rare terms
	// join the candidates.
	poolSize = 64
	// rarest is how many of the question's least common words the
	// conjunctive tiers are made of (see tiers).
	rarest = 4
	// tierSize is how many passages, the newest, one conjunction brings:
	// as many as the rare pool, so that a search for one common word gives
	// MaxHits.
	tierSize = poolSize
	// maxCandidates stops the tiers once this many passages are to be
	// ranked: re-ranking one costs about 30 µs.
	maxCandidates = 256
	// scanBudget is how many postings the conjunctions of one search may
	// read: FTS5 reads 30 to 50 million a second, so about 10 ms.
	scanBudget = 400_000
	// queryCost is what one FTS5 query costs besides its postings, in
	// postings: about 0.3 ms.
	queryCost = 15_000
	// titleTier is how many passages a conjunction with more than tierSize
	// matches brings besides, of those whose article's title holds its
	// rarest words (see deepen).
	titleTier = tierSize / 2
	// denseMatches is how many passages that hold a conjunction's words
	// conjunction reads forward, before it reads the newest tierSize
	// backward instead (see conjunction).
	denseMatches = 8 * tierSize
	// deeper is how many more words a conjunction with more than tierSize
	// matches is narrowed by, one at a time.
	deeper = 2
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
	// foreign is a word of the question in another language (the
	// glossary's, prose.TranslationWords): it counts only in passages
	// not in the question's language, where a Cyrillic key may be the
	// stem of an unrelated English word.
	foreign bool
	name    bool // a foreign word that is a name, as the other script writes it
}

// alsoWeight is what a word of Query.Also counts, against 1 for the
// question's own words.
const alsoWeight = 0.5

// translationWeight is what a word of the glossary's translations counts
// in a passage of its language: the question's word itself, as that
// language writes it, weighed by how rare it is among that language's
// passages (foreignDF).
const translationWeight = 0.75

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
// rare limit, and the highest rowid among those counted (the oldest
// db.rareLimit matches: FTS5 reads a posting list forward about one and a
// half times as fast as backward).
func (db *DB) matches(ctx context.Context, phrase string) (count int, maxID float64, err error) {
	stmt, err := db.prepared(ctx, `SELECT count(*), coalesce(max(rowid), 0) FROM
		(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)`)
	if err != nil {
		return 0, 0, err
	}
	err = stmt.QueryRowContext(ctx, phrase, db.rareLimit).Scan(&count, &maxID)
	return count, maxID, err
}

// Search returns up to k passages for a question, best first.
//
// Ranking is BM25 over the passage text and the article title, with the
// question's words at weight 1 and their synonyms at half. It scores in Go
// only a few hundred candidates: the passages FTS5 ranks best for the
// question's rare terms, and the passages that hold its least common words
// together (see tiers), found by intersecting FTS5's posting lists within a
// budget of postings read. Scoring every passage that has a word of the
// question, as SearchExhaustive does, takes a second in a library of 100k
// articles that all say "Ukraine"; ORDER BY bm25() over every match, longer.
//
// With q.Vector (hybrid retrieval), the text ranking and the ranking by
// cosine similarity to the stored passage embeddings are fused by
// reciprocal rank fusion; without it, or with no embeddings stored, search
// is text only.
func (db *DB) Search(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	if len(q.Vector) == 0 || k <= 0 {
		return db.search(ctx, q, k)
	}
	text, err := db.search(ctx, q, fuseDepth)
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

// SearchExhaustive is the exact top k of Search's ranking (text only): the
// passages of every term's matches, best first, that Search would return
// if it could score every passage that has any of the terms. It reads every
// posting list whole, which takes a second at 100k articles, and exists to
// measure how close Search comes (docs/benchmarks.md).
//
// It is exact without scoring every match: a term adds at most
// weight · idf · (k1+1) to a passage's score (BM25's saturation), so the
// sum of those ceilings over the terms a passage matches bounds its score.
// Passages are scored in decreasing order of that bound until it is no
// higher than the k-th score of the results: no passage left can then
// reach them, nor change which near-copies they leave out.
func (db *DB) SearchExhaustive(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	rq, err := db.read(ctx, q)
	if err != nil || rq == nil || k <= 0 {
		return nil, wrap("search", err)
	}
	bound := map[int64]float64{}
	for _, t := range rq.terms {
		var list string
		err := db.sql.QueryRowContext(ctx, `SELECT coalesce(group_concat(rowid), '') FROM passages_fts
			WHERE passages_fts MATCH ?`, t.phrase).Scan(&list)
		if err != nil {
			return nil, wrap("search", err)
		}
		ceiling := t.weight * idf(t.df, rq.n) * (bm25K1 + 1)
		for _, f := range strings.Split(list, ",") {
			if id, err := strconv.ParseInt(f, 10, 64); err == nil {
				bound[id] += ceiling
			}
		}
	}
	ids := make([]int64, 0, len(bound))
	for id := range bound {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return bound[ids[i]] > bound[ids[j]] })
	c := &candidates{}
	const batch = 256
	for at := 0; at < len(ids); at += batch {
		if best := c.top(k, q.Copies); len(best) == k && bound[ids[at]] <= best[k-1].Score {
			break
		}
		more := map[int64]bool{}
		for _, id := range ids[at:min(at+batch, len(ids))] {
			more[id] = true
		}
		next, err := db.rank(ctx, rq, more)
		if err != nil {
			return nil, wrap("search", err)
		}
		c.hits = append(c.hits, next.hits...)
		c.words = make([]map[string]int, len(c.hits))
		c.sort()
	}
	hits, err := db.complete(ctx, c.top(k, q.Copies))
	return hits, wrap("search", err)
}

// query is a question as the store reads it: its terms, with document
// frequencies, and the library's size.
type query struct {
	terms     []queryTerm
	n, avgLen float64
	lang      string // the question's language, prose.QuestionLanguage
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
	//
	// The question's words in the other languages of the library count
	// only in passages of those languages (foreign), bounded on their own,
	// after the synonyms, so that they never take a synonym's place: a
	// name in Latin letters as a Cyrillic article writes it ("Peskov" as
	// the index has «Песков»), which is the name itself, and the glossary's
	// translations (a question in English finds «переговоры», one in
	// Russian "talks").
	//
	// A foreign word is weighed by how rare it is among the passages of
	// its own language (foreignDF): in a library mostly in English every
	// Cyrillic word is rare in the whole library, and its idf there would
	// rank a report in another language above the English ones that have
	// the question's own words.
	also := []string{q.Also}
	var names, translated []string
	for _, t := range terms {
		also = append(also, prose.SynonymWords(t.stem)...)
		if ks := prose.SlavicAlternates(t.word); prose.HasCyrillic(t.word) {
			also = append(also, ks...) // «стамбульські» as the index has «Стамбул»
		} else {
			names = append(names, ks...)
		}
		translated = append(translated, prose.TranslationWords(t.word)...)
	}
	for _, t := range queryTerms(strings.Join(also, " "), seen) {
		t.weight = alsoWeight
		terms = append(terms, t)
	}
	for _, t := range queryTerms(strings.Join(names, " "), seen) {
		t.weight, t.foreign, t.name = 1, true, true
		terms = append(terms, t)
	}
	for _, t := range queryTerms(strings.Join(translated, " "), seen) {
		t.weight, t.foreign = translationWeight, true
		terms = append(terms, t)
	}
	if len(terms) == 0 {
		return nil, nil
	}
	var n, totalWords, minID, cyrillic float64
	err := db.sql.QueryRowContext(ctx, "SELECT passages, words, (SELECT coalesce(min(id), 0) FROM passages), (SELECT cyrillic FROM language_stats) FROM stats").Scan(&n, &totalWords, &minID, &cyrillic)
	if err != nil || n == 0 {
		return nil, err
	}
	lang := prose.QuestionLanguage(q.Text)
	// Each word's matches are counted on a connection of its own, side by
	// side: about a tenth of a search's time at 100,000 articles, and more
	// for a misspelling, which Correct reads the lexicon for.
	type counted struct {
		count int
		maxID float64
	}
	found := make([]counted, len(terms))
	err = together(ctx, len(terms), func(ctx context.Context, i int) error {
		t := &terms[i]
		count, maxID, err := db.matches(ctx, t.phrase)
		if err != nil {
			return err
		}
		if count == 0 && t.weight == 1 && !t.foreign && !q.Spelled {
			// A word of the question no article has: read it as the word
			// of the library it is a misspelling of, if there is one.
			if c, err := db.Correct(ctx, t.word); err == nil && c != "" {
				t.word, t.phrase, t.stem = c, matchWord(c), prose.Stem(c)
				if count, maxID, err = db.matches(ctx, t.phrase); err != nil {
					return err
				}
			}
		}
		found[i] = counted{count, maxID}
		return nil
	})
	if err != nil {
		return nil, err
	}
	live := terms[:0]
	for i, t := range terms {
		count, maxID := found[i].count, found[i].maxID
		switch {
		case count == 0:
			continue
		case count < db.rareLimit:
			t.df, t.rare = float64(count), true
		default:
			// The oldest db.rareLimit matches span ids minID..maxID; assume
			// the term is as dense in the rest of the library.
			t.df = math.Min(n, float64(count)*n/math.Max(1, maxID-minID+1))
		}
		if t.foreign && !t.name {
			t.df = foreignDF(t.df, n, cyrillic, lang)
		}
		live = append(live, t)
	}
	if len(live) == 0 {
		return nil, nil
	}
	return &query{terms: live, n: n, avgLen: totalWords / n, lang: lang}, nil
}

// foreignDF is a foreign word's document frequency as the whole library's
// would be if all of it were in the word's language: its share of the
// passages of that language (the Ukrainian and Russian ones, of cyrillic,
// for a question in English; the others for one in Ukrainian or Russian)
// times all n. A word found in 3 of 200 Cyrillic passages of a library of
// 100,000 is as common as one in 1,500 of the whole.
func foreignDF(df, n, cyrillic float64, questionLang string) float64 {
	own := cyrillic
	if questionLang == "uk" || questionLang == "ru" {
		own = n - cyrillic
	}
	return math.Min(n, df*n/math.Max(own, 1))
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

// search is Search over text alone: the candidates of the rare pool and the
// conjunctive tiers, ranked by BM25 over every term.
func (db *DB) search(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	if k <= 0 {
		return nil, nil
	}
	rq, err := db.read(ctx, q)
	if err != nil || rq == nil {
		return nil, wrap("search", err)
	}
	ids := map[int64]bool{}
	if err := db.rarePool(ctx, rq, ids); err != nil {
		return nil, wrap("search", err)
	}
	if err := db.tiers(ctx, rq, ids); err != nil {
		return nil, wrap("search", err)
	}
	c, err := db.rank(ctx, rq, ids)
	if err != nil {
		return nil, wrap("search", err)
	}
	hits, err := db.complete(ctx, c.top(k, q.Copies))
	return hits, wrap("search", err)
}

func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}

// rarePool adds the passages FTS5 ranks best (bm25, title ×2) for the
// question's rare terms: ranking them costs time in proportion to their
// matches, which are few.
//
// The question's foreign words (names as the other script writes them,
// the glossary's translations) are a pool of their own, of
// foreignPoolSize: FTS5's bm25() weighs every word alike, and a report in
// another language that has many of the translations would otherwise take
// the places of the reports in the question's language. The pool ranks
// the foreign words alone: ranking the rare words' matches a second time
// with them cost about 2 ms a search at 100k.
func (db *DB) rarePool(ctx context.Context, rq *query, ids map[int64]bool) error {
	var rare, foreign []string
	for _, t := range rq.terms {
		switch {
		case t.rare && t.foreign:
			foreign = append(foreign, t.phrase)
		case t.rare:
			rare = append(rare, t.phrase)
		}
	}
	pools := []struct {
		terms []string
		size  int
	}{{rare, poolSize}}
	if len(foreign) > 0 {
		pools = append(pools, struct {
			terms []string
			size  int
		}{foreign, foreignPoolSize})
	}
	for _, pool := range pools {
		if len(pool.terms) == 0 {
			continue
		}
		if err := db.collectPrepared(ctx, ids, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?
		ORDER BY bm25(passages_fts, 1.0, ?, 0.5) LIMIT ?`, strings.Join(pool.terms, " OR "), titleWeight, pool.size); err != nil {
			return err
		}
	}
	return nil
}

// tiers adds the passages that hold the question's least common words
// together, conjunctive first: those that hold all of its rarest words (at
// most rarest of them, its own, not synonyms); if there are more than
// tierSize of those, the newest of them and those that also hold the next
// rarest words; if not, those that hold all of them but one, the one left
// out the most common first. FTS5 intersects posting lists cheaply, and
// BM25 ranks highest the passages that hold the most, and the rarest, of a
// question's words; the newest passages that hold its common words ("Trump
// Putin talks") are no better than any others of the hundreds of thousands
// that do, which is what ranking only those lost.
//
// The bound it keeps: every passage that holds all the rarest words, or
// all of them but one, is ranked, unless more than tierSize hold one such
// set or the budget of postings ran out first. Any other passage lacks at
// least two of the rarest words, so its score is at most what the other
// terms can add (each at most weight · idf · (k1+1), BM25's saturation).
// That ceiling is seldom below the k-th score found, so the top k is not
// proven exact; BenchmarkNewsroom measures how close it comes to
// SearchExhaustive, which is.
func (db *DB) tiers(ctx context.Context, rq *query, ids map[int64]bool) error {
	own := rq.tierWords()
	m := min(rarest, len(own))
	if m == 0 {
		return nil
	}
	s := &tierScan{db: db, rq: rq, own: own, m: m, budget: scanBudget, ids: ids}
	// When more than tierSize passages hold all the rarest words, those that
	// lack one are not looked for.
	if full, err := s.deepen(ctx, [][]queryTerm{own[:m]}); full[0] || err != nil || m == 1 {
		return err
	}
	// All but one, the one left out the most common first.
	var sets [][]queryTerm
	for drop := m - 1; drop >= 0; drop-- {
		sets = append(sets, append(append([]queryTerm{}, own[:drop]...), own[drop+1:m]...))
	}
	_, err := s.deepen(ctx, sets)
	return err
}

// tierScan is the state of one search's tiers: the postings it may still
// read and the passages found.
type tierScan struct {
	db     *DB
	rq     *query
	own    []queryTerm // tierWords
	m      int         // how many of own the first conjunction holds
	budget float64
	ids    map[int64]bool
}

// deepen adds the passages that hold each of sets, and for a set that more
// than tierSize hold, the newest titleTier of those whose article's title
// holds its two rarest words, and those that also hold the next rarest
// word, and the next, up to deeper words more; it reports which of sets had
// more than tierSize. The newest of a large conjunction are no better than
// its others, but one whose title has the question's words ranks above
// them (titleWeight), and so does the answer in a library that has many
// passages with every word: the headline's own story.
//
// It goes level by level: the conjunctions of a level are independent, so
// they run side by side (together), on a machine of two cores in about
// half the time; each is charged to the budget, and its passages added, in
// the order of sets, so that what is found does not depend on which
// finishes first. A conjunction that costs more than the budget left is
// not run, and its set not deepened; once maxCandidates passages are
// found, nothing more is.
func (s *tierScan) deepen(ctx context.Context, sets [][]queryTerm) (full []bool, err error) {
	full = make([]bool, len(sets))
	var level []tierStep
	for i, set := range sets {
		level = append(level, tierStep{set: set, branch: i})
	}
	for next := s.m; len(level) > 0 && len(s.ids) < maxCandidates; next++ {
		var run []tierStep
		for _, st := range level {
			if cost := s.rq.stepCost(st); cost <= s.budget {
				s.budget -= cost
				run = append(run, st)
			}
		}
		found := make([]conjunct, len(run))
		err := together(ctx, len(run), func(ctx context.Context, i int) (err error) {
			found[i], err = s.db.conjunction(ctx, run[i].set, s.rq.dense(run[i].set) && !run[i].titled, run[i].titled)
			return err
		})
		if err != nil {
			return full, err
		}
		level = nil
		for i, c := range found {
			if len(s.ids) >= maxCandidates {
				break
			}
			maps.Copy(s.ids, c.ids)
			st := run[i]
			if st.titled || !c.more {
				continue
			}
			if next == s.m {
				full[st.branch] = true
			}
			level = append(level, tierStep{set: st.set, titled: true, branch: st.branch})
			if next < len(s.own) && next < s.m+deeper {
				level = append(level, tierStep{set: append(st.set[:len(st.set):len(st.set)], s.own[next]), branch: st.branch})
			}
		}
	}
	return full, nil
}

// tierStep is one conjunction of the tiers: of set, or of set with its two
// rarest words in the article's title (titled), for the sets of branch.
type tierStep struct {
	set    []queryTerm
	titled bool
	branch int
}

// minPart is the fewest passages rank counts in a part of its own.
const minPart = 32

// searchWorkers is how many of one search's FTS5 queries run at once, each
// on a connection of its own.
var searchWorkers = min(runtime.GOMAXPROCS(0), 4)

// together runs f for 0 … n-1, up to searchWorkers at once, and returns
// the first error; the context f is given is cancelled on one.
func together(ctx context.Context, n int, f func(ctx context.Context, i int) error) error {
	if n == 1 {
		return f(ctx, 0)
	}
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(searchWorkers)
	for i := range n {
		g.Go(func() error { return f(ctx, i) })
	}
	return g.Wait()
}

// tierWords are the words tiers are made of: the question's own words,
// least common first. Not the synonyms, nor its words in the library's
// other languages (foreign, even a name at weight 1): an English passage
// never holds a Cyrillic key, which, rare in a library of English
// articles, would otherwise be one of the rarest words of every
// conjunction.
func (rq *query) tierWords() []queryTerm {
	var own []queryTerm
	for _, t := range rq.terms {
		if t.weight == 1 && !t.foreign {
			own = append(own, t)
		}
	}
	sort.SliceStable(own, func(i, j int) bool { return own[i].df < own[j].df })
	return own
}

// scanCost estimates how many postings FTS5 reads to find the first
// tierSize+1 passages that hold every term of set, with what a query costs
// besides: all of their postings when the matches are sparse, and in
// proportion fewer when they are dense (the terms taken as independent).
func (rq *query) scanCost(set []queryTerm) float64 {
	return queryCost + postings(set)*math.Min(1, float64(tierSize+1)/math.Max(1, rq.expected(set)))
}

// postings is how many postings the terms of set have together.
func postings(set []queryTerm) float64 {
	n := 0.0
	for _, t := range set {
		n += t.df
	}
	return n
}

// stepCost is scanCost for a step of the tiers: a titled one is expected
// to read its words' postings whole, since few of their matches have them
// in the title too.
func (rq *query) stepCost(st tierStep) float64 {
	if !st.titled {
		return rq.scanCost(st.set)
	}
	return queryCost + postings(st.set)
}

// expected is how many passages would hold every term of set if the terms
// were independent.
func (rq *query) expected(set []queryTerm) float64 {
	e := rq.n
	for _, t := range set {
		e *= t.df / rq.n
	}
	return e
}

// dense tells whether more than denseMatches passages are expected to hold
// every term of set.
func (rq *query) dense(set []queryTerm) bool { return rq.expected(set) > denseMatches }

// conjunct is what one conjunction found: the passages that hold every
// term of a set, the newest tierSize if more do (more).
type conjunct struct {
	ids  map[int64]bool
	more bool
}

// conjunction finds the passages that hold every term of set, the newest
// tierSize if there are more; titled, only those whose article's title
// holds the set's two rarest words (its first), the newest titleTier.
// Unless the matches are expected to be dense, it reads them forward, up
// to denseMatches: FTS5 reads forward faster than backward, and a set whose
// matches are few but more than tierSize (the words of one story, which
// its copies and follow-ups share) is found whole in about the time
// reading backward takes to find its newest tierSize, which are then the
// newest of those. Only a set with more matches than that is read
// backward.
func (db *DB) conjunction(ctx context.Context, set []queryTerm, dense, titled bool) (conjunct, error) {
	var and []string
	for _, t := range set {
		and = append(and, t.phrase)
	}
	expr := strings.Join(and, " AND ")
	keep := tierSize
	if titled {
		expr += " AND {title} : (" + strings.Join(and[:min(2, len(and))], " AND ") + ")"
		keep = titleTier
	}
	if !dense {
		var got []int64
		if err := db.collectOrdered(ctx, &got, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?`, expr, denseMatches+1); err != nil {
			return conjunct{}, err
		}
		if len(got) <= denseMatches {
			slices.Sort(got)
			newest := got[max(0, len(got)-keep):]
			ids := make(map[int64]bool, len(newest))
			for _, id := range newest {
				ids[id] = true
			}
			return conjunct{ids: ids, more: len(got) > keep}, nil
		}
	}
	ids := map[int64]bool{}
	if err := db.collectPrepared(ctx, ids, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?
		ORDER BY rowid DESC LIMIT ?`, expr, keep); err != nil {
		return conjunct{}, err
	}
	return conjunct{ids: ids, more: len(ids) == keep}, nil
}

// candidates are passages scored for a question: of each, only what
// scoring and leaving out near-copies read (its id, article, text, and
// article title and language); complete loads the rest for those returned.
type candidates struct {
	hits  []parley.Hit
	words []map[string]int // all terms of a hit, counted when diverse needs them
	order []int            // best first
}

// rank loads the passages with the given ids and scores them by BM25 over
// every term of the question.
func (db *DB) rank(ctx context.Context, rq *query, ids map[int64]bool) (*candidates, error) {
	hits, err := db.texts(ctx, ids)
	if err != nil {
		return nil, err
	}
	c := &candidates{hits: hits, words: make([]map[string]int, len(hits))}
	want := map[string]bool{}
	for _, t := range rq.terms {
		want[t.stem] = true
	}
	// The question's own language's passages are scored without its
	// foreign words.
	own := slices.DeleteFunc(slices.Clone(rq.terms), func(t queryTerm) bool { return t.foreign })
	// Counting the terms of a few hundred passages is most of ranking's
	// time; the passages are counted in parts, side by side, each with a
	// counter of its own.
	parts := min(searchWorkers, (len(c.hits)+minPart-1)/minPart)
	err = together(ctx, parts, func(ctx context.Context, part int) error {
		titles := map[int64]map[string]bool{}
		counts := newCounter(want)
		for i := part; i < len(c.hits); i += parts {
			h := &c.hits[i]
			title, ok := titles[h.ArticleID]
			if !ok {
				title = map[string]bool{}
				for _, t := range prose.Tokens(h.Source.Title) {
					title[t.Term] = true
				}
				titles[h.ArticleID] = title
			}
			terms := rq.terms
			if prose.SameLanguage(rq.lang, h.Source.Language) {
				terms = own
			}
			h.Score = score(counts.count(h.Text), title, terms, rq.n, rq.avgLen) * prose.LanguageWeight(rq.lang, h.Source.Language)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.sort()
	return c, nil
}

func (c *candidates) sort() {
	c.order = c.order[:0]
	for i := range c.hits {
		c.order = append(c.order, i)
	}
	sort.SliceStable(c.order, func(i, j int) bool {
		a, b := &c.hits[c.order[i]], &c.hits[c.order[j]]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.ID < b.ID
	})
}

// top returns the first k, near-copies of a better one from another
// article left out unless copies, as rank loaded them (see complete).
func (c *candidates) top(k int, copies bool) []parley.Hit {
	return diverse(c.hits, c.words, c.order, k, copies)
}

// complete gives scored hits, in their order, all their fields: their
// place in the article, their sentences and their sources.
func (db *DB) complete(ctx context.Context, scored []parley.Hit) ([]parley.Hit, error) {
	ids := map[int64]bool{}
	for _, h := range scored {
		ids[h.ID] = true
	}
	full, raw, err := db.hits(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[int64]parley.Hit{}
	for _, h := range full {
		byID[h.ID] = h
	}
	out := make([]parley.Hit, 0, len(scored))
	for _, h := range scored {
		if f, ok := byID[h.ID]; ok { // a passage removed meanwhile is left out
			f.Score = h.Score
			out = append(out, f)
		}
	}
	return raw.decoded(out), nil
}

// texts loads what rank reads of the passages with the given ids, a batch
// of ids per query as hits does.
func (db *DB) texts(ctx context.Context, ids map[int64]bool) ([]parley.Hit, error) {
	const batch = 500
	args := make([]any, 0, len(ids))
	for id := range ids {
		args = append(args, id)
	}
	var out []parley.Hit
	for len(args) > 0 {
		n := min(batch, len(args))
		rows, err := db.sql.QueryContext(ctx, `SELECT p.id, p.article_id, p.text, a.title, a.language
			FROM passages p JOIN articles a ON a.id = p.article_id
			WHERE p.id IN (?`+strings.Repeat(",?", n-1)+`)`, args[:n]...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h parley.Hit
			if err := rows.Scan(&h.ID, &h.ArticleID, &h.Text, &h.Source.Title, &h.Source.Language); err != nil {
				rows.Close()
				return nil, err
			}
			h.Source.ArticleID = h.ArticleID
			out = append(out, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		args = args[n:]
	}
	return out, nil
}

// queryCounts counts the terms of a text that a question has; the empty key
// holds the text's length in words, counted as the store counts passages'
// lengths.
func queryCounts(text string, want map[string]bool) map[string]int {
	m := map[string]int{}
	for _, t := range prose.Tokens(text) {
		if want[t.Term] {
			m[t.Term]++
		}
	}
	m[""] = prose.WordCount(text)
	return m
}

// termCounts counts the terms of a text; the empty key holds its length in
// words.
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
	return collectRows(rows, ids)
}

// collectPrepared is collect with a statement prepared once (prepared):
// for the few queries every search runs several times.
func (db *DB) collectPrepared(ctx context.Context, ids map[int64]bool, query string, args ...any) error {
	return db.eachPrepared(ctx, func(id int64) { ids[id] = true }, query, args...)
}

// collectOrdered is collectPrepared for ids in the order the query gives.
func (db *DB) collectOrdered(ctx context.Context, ids *[]int64, query string, args ...any) error {
	return db.eachPrepared(ctx, func(id int64) { *ids = append(*ids, id) }, query, args...)
}

// eachPrepared runs query as a statement prepared once and gives each id
// it returns to each.
func (db *DB) eachPrepared(ctx context.Context, each func(int64), query string, args ...any) error {
	stmt, err := db.prepared(ctx, query)
	if err != nil {
		return err
	}
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	return eachRow(rows, each)
}

func collectRows(rows *sql.Rows, ids map[int64]bool) error {
	return eachRow(rows, func(id int64) { ids[id] = true })
}

// eachRow gives each id of rows, a column of ids, to each, and closes
// rows.
func eachRow(rows *sql.Rows, each func(int64)) error {
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		each(id)
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
		a.title, a.outlet, coalesce(a.url, ''), a.author, a.published, a.language,
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
			&h.Source.Title, &h.Source.Outlet, &h.Source.URL, &h.Source.Author, &published, &h.Source.Language, &also); err != nil {
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
func score(words map[string]int, inTitle map[string]bool, terms []queryTerm, n, avgLen float64) float64 {
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
		s += t.weight * idf(t.df, n) * f * (bm25K1 + 1) / (f + norm)
	}
	return s
}

// idf is BM25's inverse document frequency of a term in df of n passages.
func idf(df, n float64) float64 { return math.Log(1 + (n-df+0.5)/(df+0.5)) }

// diverse takes the first k hits in order, skipping any whose words are
// nearly the same as those of a hit already taken from another article. A
// hit's words are counted, into words, when first compared.
func diverse(hits []parley.Hit, words []map[string]int, order []int, k int, copies bool) []parley.Hit {
	count := func(i int) map[string]int {
		if words[i] == nil {
			words[i] = termCounts(hits[i].Text)
		}
		return words[i]
	}
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
			if hits[j].ArticleID != h.ArticleID && jaccard(count(i), count(j)) >= sameText {
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
