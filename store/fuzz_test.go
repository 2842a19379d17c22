package store_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/store"
)

// FuzzSearch feeds arbitrary text to the query builder and to FTS5: a search
// may find nothing, but it must never fail. Inputs that once broke it are
// kept in testdata/fuzz/FuzzSearch.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		`"`, `*`, `-x`, `a:b`, `^x`, `(x)`, `NEAR(a b)`, `a AND b OR NOT c`, "🇺🇦", `x"y`, `'`, "\x00", "\xff\xfe",
		"U.S.", "5-like", "Zelenskyy’s", "ДНР", "l'Ukraine", "ﬁnance", "İstanbul", "a\u0301",
	} {
		f.Add(s)
	}
	db, _ := openTemp(f)
	mustAdd(f, db, article("Rubio on sanctions", "ABC", "",
		"Secretary of State Marco Rubio said further sanctions on Russia were likely off the table.\n“The talking stops,” he said in Istanbul."))
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, q string) {
		hits, err := db.Search(ctx, parley.Query{Text: q}, 5)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		for _, expr := range store.QueryTerms(q) {
			// A term is a string literal, or two in parentheses joined by OR
			// (a word in capitals and its dotted spelling).
			phrases := []string{expr}
			if inner, ok := strings.CutPrefix(expr, "("); ok && strings.HasSuffix(inner, ")") {
				phrases = strings.SplitN(strings.TrimSuffix(inner, ")"), " OR ", 2)
			}
			for _, phrase := range phrases {
				inner := strings.TrimSuffix(strings.TrimPrefix(phrase, `"`), `"`)
				if len(phrase) < 2 || !strings.HasPrefix(phrase, `"`) || !strings.HasSuffix(phrase, `"`) || strings.Contains(strings.ReplaceAll(inner, `""`, ""), `"`) {
					t.Fatalf("QueryTerms(%q) = %q: not a closed FTS5 string", q, expr)
				}
			}
			if !utf8.ValidString(expr) {
				t.Fatalf("QueryTerms(%q) = %q: not UTF-8", q, expr)
			}
		}
		if len(hits) > 5 {
			t.Fatalf("%d hits, want at most 5", len(hits))
		}
	})
}
