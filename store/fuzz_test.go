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
		for _, phrase := range store.QueryTerms(q) {
			inner := phrase[1 : len(phrase)-1]
			if !strings.HasPrefix(phrase, `"`) || !strings.HasSuffix(phrase, `"`) || strings.Contains(strings.ReplaceAll(inner, `""`, ""), `"`) {
				t.Fatalf("QueryTerms(%q) = %q: not a closed FTS5 string", q, phrase)
			}
			if !utf8.ValidString(phrase) {
				t.Fatalf("QueryTerms(%q) = %q: not UTF-8", q, phrase)
			}
		}
		if len(hits) > 5 {
			t.Fatalf("%d hits, want at most 5", len(hits))
		}
	})
}
