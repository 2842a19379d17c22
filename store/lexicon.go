package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parley-bot/parley/prose"
)

// Unknown returns the words of words that no passage, title or outlet of
// the library contains, in the order given, each once. The index matches
// words as it stores them (stemmed, case and diacritics folded), so
// "negotiations" is known to a library that says "negotiating".
func (db *DB) Unknown(ctx context.Context, words []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, word := range words {
		w := strings.TrimSpace(prose.IndexForm(word))
		if w == "" || seen[strings.ToLower(w)] {
			continue
		}
		seen[strings.ToLower(w)] = true
		var n int
		err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT 1)`, matchWord(w)).Scan(&n)
		if err != nil {
			return nil, fmt.Errorf("unknown words: %w", err)
		}
		if n == 0 {
			out = append(out, strings.TrimSpace(word)) // as given: its index form may be a Slavic key
		}
	}
	return out, nil
}

// ftsLiteral quotes a word as an FTS5 string, so that no user text reaches
// MATCH as syntax.
func ftsLiteral(w string) string { return `"` + strings.ReplaceAll(w, `"`, `""`) + `"` }

// correctPrefix is how many first letters a misspelt word shares with the
// words it is compared with.
const correctPrefix = 3

// Correct returns the word of the library that a word it does not have was
// most likely meant to be ("witkof" → "Witkoff", "prisioners" →
// "prisoners"), written as an article writes it, or "" when none is close:
// within one edit for a word of up to seven letters, two for a longer one,
// an edit being a letter added, dropped, changed or two swapped, both
// between the stems and between the word and the one articles write. Of equally
// close words the one in most passages wins. When no stem is that close,
// the stem in most passages of those with the same first letters is taken
// if the word articles write for it is that close ("multinationl" →
// "multinational", whose stem is "multin").
//
// It reads the index's terms with the same first three letters
// (correctPrefix) from the lexicon (vocabulary.go); the index stores Porter
// stems, so a word is compared with and without its usual endings.
func (db *DB) Correct(ctx context.Context, word string) (string, error) {
	w := strings.ToLower(strings.TrimSpace(prose.IndexForm(word)))
	if utf8.RuneCountInString(w) < 5 {
		return "", nil // "kids" is one edit from too many words to guess
	}
	limit := 1
	if utf8.RuneCountInString(w) >= 8 {
		limit = 2
	}
	// The words that begin with the same three letters: a typo there is
	// rare, and at 100k articles reading the vocabulary of two letters took
	// up to 45 ms a word, of three a few.
	prefix, n := "", 0
	for i, r := range w {
		if n == correctPrefix {
			prefix = w[:i]
			break
		}
		if !unicode.IsLetter(r) {
			return "", nil
		}
		n++
	}
	if prefix == "" {
		return "", nil
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT term FROM lexicon WHERE term >= ? AND term < ?`, prefix, prefix+"\U0010FFFF")
	if err != nil {
		return "", fmt.Errorf("correct %q: %w", word, err)
	}
	defer rows.Close()
	forms := stemForms(w)
	var all, closest []string // the terms read, and the closest, in the index's order
	bestDist := limit + 1
	for rows.Next() {
		var term string
		if err := rows.Scan(&term); err != nil {
			return "", fmt.Errorf("correct %q: %w", word, err)
		}
		d := limit + 1
		for _, f := range forms {
			d = min(d, editDistance(f, term, limit))
		}
		switch {
		case d == 0:
			return "", nil // the word is known: nothing to correct
		case d < bestDist:
			closest, bestDist = append(closest[:0], term), d
		case d == bestDist && d <= limit:
			closest = append(closest, term)
		}
		all = append(all, term)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("correct %q: %w", word, err)
	}
	rows.Close()
	var best string
	if len(closest) > 0 {
		best, err = db.commonest(ctx, closest)
	} else {
		best, err = db.commonestWritten(ctx, all, w, limit)
	}
	if err != nil {
		return "", fmt.Errorf("correct %q: %w", word, err)
	}
	if best == "" {
		return "", nil
	}
	written, ok, err := db.written(ctx, best, w, limit)
	if err != nil || !ok {
		return "", err
	}
	return written, nil
}

// written is surface(term, w) if that is close enough to w to be what w
// was meant to be.
func (db *DB) written(ctx context.Context, term, w string, limit int) (string, bool, error) {
	written, err := db.surface(ctx, term, w)
	if err != nil || editDistance(strings.ToLower(written), w, limit) > limit || lastLetterOnly(w, strings.ToLower(written)) {
		return "", false, err
	}
	return written, true, nil
}

// commonest returns the term of terms that the most index rows hold, the
// first of those that most do, or "" for none. Only a tie needs counting,
// which reads the terms' posting lists.
func (db *DB) commonest(ctx context.Context, terms []string) (string, error) {
	if len(terms) < 2 {
		return strings.Join(terms, ""), nil
	}
	best, bestDocs := "", 0
	for _, t := range terms {
		docs, err := db.rows(ctx, t)
		if err != nil {
			return "", err
		}
		if docs > bestDocs {
			best, bestDocs = t, docs
		}
	}
	return best, nil
}

// commonestWritten is commonest(all) when no term is close to the word
// typed, w: a stem far from the word may still be the stem of a word
// articles write close to it ("multin" of "multinational", for
// "multinationl"), which surface finds. It returns "" when the commonest
// term cannot be one: when its stem is not within limit+1 edits of a
// start of w, since the word surface gives starts with the stem. When no
// term that can be is written close to w, nothing is counted; otherwise
// those terms are, and the others only as far as it takes to show that
// none has more rows (a term's rows are at most its occurrences), which
// spares reading all of "with" for a word starting "wit".
func (db *DB) commonestWritten(ctx context.Context, all []string, w string, limit int) (string, error) {
	var can []string // the terms whose stem is close to a start of w
	written := false // whether one of them is written close to w
	for _, t := range all {
		if startDistance(strings.TrimSuffix(t, "i"), w) > limit+1 {
			continue
		}
		can = append(can, t)
		if !written {
			_, ok, err := db.written(ctx, t, w, limit)
			if err != nil {
				return "", err
			}
			written = ok
		}
	}
	if !written {
		return "", nil // whichever term is the commonest, Correct finds nothing
	}
	leader, leaderAt, leaderDocs := "", -1, 0
	for i, t := range all {
		if !slices.Contains(can, t) {
			continue
		}
		docs, err := db.rows(ctx, t)
		if err != nil {
			return "", err
		}
		if docs > leaderDocs {
			leader, leaderAt, leaderDocs = t, i, docs
		}
	}
	if leader == "" {
		return "", nil
	}
	for i, t := range all {
		if i == leaderAt || slices.Contains(can, t) {
			continue // the leader is the first with the most of these
		}
		// A term before the leader takes its place with as many rows; one
		// after it, with more.
		enough := leaderDocs + 1
		if i < leaderAt {
			enough = leaderDocs
		}
		var seen int
		err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM passages_instances WHERE term = ? LIMIT ?)`, t, enough).Scan(&seen)
		if err != nil {
			return "", err
		}
		if seen < enough {
			continue
		}
		docs, err := db.rows(ctx, t)
		if err != nil {
			return "", err
		}
		if docs >= enough {
			return "", nil // the commonest term is one surface cannot make close
		}
	}
	return leader, nil
}

// rows counts the index rows that hold a term, reading its posting list.
func (db *DB) rows(ctx context.Context, term string) (int, error) {
	var docs int
	err := db.sql.QueryRowContext(ctx, `SELECT coalesce(max(doc), 0) FROM passages_vocab WHERE term = ?`, term).Scan(&docs)
	return docs, err
}

// startDistance is the least edit distance between s and a start of w (w
// itself included), as editDistance counts edits.
func startDistance(s, w string) int {
	rs, rw := []rune(s), []rune(w)
	d := make([][]int, len(rs)+1)
	for i := range d {
		d[i] = make([]int, len(rw)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(rs); i++ {
		for j := 1; j <= len(rw); j++ {
			cost := 1
			if rs[i-1] == rw[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && rs[i-1] == rw[j-2] && rs[i-2] == rw[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return slices.Min(d[len(rs)])
}

// stemForms are a word and the word without the endings the Porter stemmer
// removes or rewrites, so that "prisioners" is compared with the stored
// "prison" as "prisioner" and "zelenksy" with "zelenski" as "zelenksi".
func stemForms(w string) []string {
	forms := []string{w}
	for _, suf := range []string{"ers", "ies", "es", "s", "ed", "ing", "er", "ion", "ions", "ity", "y"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			base := strings.TrimSuffix(w, suf)
			forms = append(forms, base)
			if suf == "y" || suf == "ies" {
				forms = append(forms, base+"i")
			}
		}
	}
	return forms
}

// surface finds how articles write the indexed term: the word of a passage
// that has it that starts with the term (a Porter stem is a prefix of its
// words, but for a final y written i) and is closest to the word typed.
func (db *DB) surface(ctx context.Context, term, typed string) (string, error) {
	var text string
	err := db.sql.QueryRowContext(ctx, `SELECT p.text FROM passages p WHERE p.id IN
		(SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? LIMIT 1)`, ftsLiteral(term)).Scan(&text)
	if err != nil {
		return term, nil // no text to read it from: the stem will do
	}
	stem := strings.TrimSuffix(term, "i")
	best, bestDist := "", 0
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !strings.HasPrefix(strings.ToLower(f), stem) {
			continue
		}
		if d := editDistance(strings.ToLower(f), typed, 8); best == "" || d < bestDist {
			best, bestDist = f, d
		}
	}
	if best == "" {
		return term, nil
	}
	return best, nil
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of two neighbouring
// letters), or limit+1 once it must exceed limit. Written here because it
// is twenty lines and the libraries that have it bring much more.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[len(rb)] > limit {
		return limit + 1
	}
	return prev[len(rb)]
}

// lastLetterOnly reports whether two words of one length differ only in
// their last letter: "spend" and "spent", "send" and "sent" are one verb's
// forms, not a word and its misspelling.
func lastLetterOnly(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) || len(ra) < 2 {
		return false
	}
	return string(ra[:len(ra)-1]) == string(rb[:len(rb)-1]) && ra[len(ra)-1] != rb[len(rb)-1]
}
