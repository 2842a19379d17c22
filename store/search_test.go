package store

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/synth"
)

func openLibrary(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func add(t *testing.T, db *DB, a parley.Article) int64 {
	t.Helper()
	id, _, err := db.Add(context.Background(), &a, ingest.Passages(a.Title, a.Body))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// TestSearchExhaustiveIsExact checks SearchExhaustive, which scores
// passages only while their ceiling can beat the results, against scoring
// every passage that matches any term.
func TestSearchExhaustiveIsExact(t *testing.T) {
	db := openLibrary(t)
	db.rareLimit = 20 // most terms common, as in a large library
	for i := range 300 {
		add(t, db, synth.Article(11, i))
	}
	ctx := context.Background()
	for _, q := range []string{
		"What did Putin say about the ceasefire?",
		"Trump Putin Ukraine peace talks",
		"frozen assets reparations loan",
		"Which European leaders went to the White House with Zelensky?",
		"How many Patriot batteries will Germany send?",
	} {
		for _, k := range []int{1, 5, 20} {
			got, err := db.SearchExhaustive(ctx, parley.Query{Text: q}, k)
			if err != nil {
				t.Fatal(err)
			}
			want := everyMatch(t, db, q, k)
			if g, w := ids(got), ids(want); g != w {
				t.Errorf("SearchExhaustive(%q, %d) = %s, scoring every match gives %s", q, k, g, w)
			}
		}
	}
}

// everyMatch ranks every passage that FTS5 matches for any term of q.
func everyMatch(t *testing.T, db *DB, q string, k int) []parley.Hit {
	t.Helper()
	ctx := context.Background()
	rq, err := db.read(ctx, parley.Query{Text: q})
	if err != nil || rq == nil {
		t.Fatalf("read %q: %v", q, err)
	}
	var all []string
	for _, t := range rq.terms {
		all = append(all, t.phrase)
	}
	set := map[int64]bool{}
	if err := db.collect(ctx, set, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?`, strings.Join(all, " OR ")); err != nil {
		t.Fatal(err)
	}
	c, err := db.rank(ctx, rq, set)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := db.complete(ctx, c.top(k, false))
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

func ids(hs []parley.Hit) string {
	var b strings.Builder
	for _, h := range hs {
		fmt.Fprintf(&b, "%d(%.3f) ", h.ID, h.Score)
	}
	return b.String()
}

// TestTiersFindWhatHoldsEveryWord is the case that ranking only the newest
// passages holding a question's three least common words lost: the one
// passage that holds all four of its words is older than seventy-six that
// hold those three, and the fourth is in a hundred and fifty others.
func TestTiersFindWhatHoldsEveryWord(t *testing.T) {
	db := openLibrary(t)
	db.rareLimit = 5 // no term rare: the rare pool cannot find it
	var target int64
	for i := range 250 {
		words := "Insurance"
		switch {
		case i == 60:
			words = "Grain corridors, tankers and insurance"
		case i%5 < 2:
			words = "Grain corridors and tankers"
		}
		id := add(t, db, parley.Article{
			Title: fmt.Sprintf("Talks continue, round %d", i),
			URL:   fmt.Sprintf("https://example.com/%d", i),
			Body:  fmt.Sprintf("Officials met again on Tuesday, the %dth meeting. %s were discussed at length by the delegations, who said more talks would follow.", i, words),
		})
		if i == 60 {
			ps, err := db.Passages(context.Background(), id)
			if err != nil || len(ps) != 1 {
				t.Fatal(err)
			}
			target = ps[0].ID
		}
	}
	hs, err := db.Search(context.Background(), parley.Query{Text: "grain corridor tanker insurance"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) == 0 || hs[0].ID != target {
		t.Fatalf("Search = %s, want passage %d, the only one with every word, first", ids(hs), target)
	}
}

// TestTierWordsAreTheQuestions: the conjunctive tiers are made of the
// question's own words, not of synonyms nor of its words' keys in the
// library's other languages ("Kyiv" as «Київ» is indexed), which an
// English passage never holds.
func TestTierWordsAreTheQuestions(t *testing.T) {
	db := openLibrary(t)
	add(t, db, parley.Article{Title: "Minerals deal signed", Outlet: "Wire", Language: "en",
		Body: "Kyiv and Washington signed the minerals deal on Wednesday, officials in both capitals said."})
	add(t, db, parley.Article{Title: "Угоду підписано", Outlet: "Правда", Language: "uk",
		Body: "Київ і Вашингтон підписали угоду про корисні копалини в середу, повідомили посадовці."})
	rq, err := db.read(context.Background(), parley.Query{Text: "Did Kyiv and Washington sign the minerals deal?"})
	if err != nil || rq == nil {
		t.Fatalf("read: %v", err)
	}
	foreign := 0
	for _, term := range rq.terms {
		if term.foreign {
			foreign++
		}
	}
	if foreign == 0 {
		t.Fatalf("the question reads no word of another language; the test needs one: %+v", rq.terms)
	}
	var got []string
	for _, term := range rq.tierWords() {
		got = append(got, term.word)
		if term.foreign || term.weight != 1 {
			t.Errorf("tier word %q: foreign %v, weight %v", term.word, term.foreign, term.weight)
		}
	}
	if len(got) < 4 {
		t.Errorf("tier words %q: want the question's own", got)
	}
}

// TestConjunctionKeepsTheNewest: whichever way conjunction reads a set's
// matches, forward up to denseMatches or backward, it gives the newest
// tierSize passages that hold every word, and tells whether more do.
func TestConjunctionKeepsTheNewest(t *testing.T) {
	db := openLibrary(t)
	ctx := context.Background()
	for i := range tierSize + 40 {
		words := "Grain corridors and tankers were discussed."
		if i%3 == 0 {
			words = "Grain was discussed."
		}
		add(t, db, parley.Article{
			Title: fmt.Sprintf("Round %d", i),
			URL:   fmt.Sprintf("https://example.com/%d", i),
			Body:  fmt.Sprintf("Officials met for the %dth time. %s", i, words),
		})
	}
	rq, err := db.read(ctx, parley.Query{Text: "grain corridors tankers"})
	if err != nil || rq == nil {
		t.Fatalf("read: %v", err)
	}
	newest := func(set []queryTerm, limit int) (map[int64]bool, int) {
		var and []string
		for _, t := range set {
			and = append(and, t.phrase)
		}
		all := map[int64]bool{}
		if err := db.collect(ctx, all, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?`, strings.Join(and, " AND ")); err != nil {
			t.Fatal(err)
		}
		want := map[int64]bool{}
		if err := db.collect(ctx, want, `SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY rowid DESC LIMIT ?`, strings.Join(and, " AND "), limit); err != nil {
			t.Fatal(err)
		}
		return want, len(all)
	}
	for _, set := range [][]queryTerm{rq.tierWords(), rq.tierWords()[:1]} {
		want, matches := newest(set, tierSize)
		for _, dense := range []bool{false, true} {
			got, err := db.conjunction(ctx, set, dense, false)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got.ids, want) || got.more != (matches > tierSize) {
				t.Errorf("conjunction(%d words, dense %v) = %d passages, more %v; want the newest %d of %d", len(set), dense, len(got.ids), got.more, len(want), matches)
			}
		}
	}
}

// TestSearchSideBySideIsTheSame: a search whose queries run side by side
// finds what one that runs them one at a time does, every time.
func TestSearchSideBySideIsTheSame(t *testing.T) {
	db := openLibrary(t)
	db.rareLimit = 20 // most terms common, as in a large library
	for i := range 300 {
		add(t, db, synth.Article(11, i))
	}
	ctx := context.Background()
	search := func(q string, workers int) string {
		defer func(w int) { searchWorkers = w }(searchWorkers)
		searchWorkers = workers
		hs, err := db.Search(ctx, parley.Query{Text: q}, 10)
		if err != nil {
			t.Fatal(err)
		}
		return ids(hs)
	}
	for _, q := range []string{
		"What did Putin say about the ceasefire?",
		"Trump Putin Ukraine peace talks",
		"Which European leaders went to the White House with Zelensky?",
	} {
		want := search(q, 1)
		if want == "" {
			t.Fatalf("Search(%q) found nothing; the test needs hits", q)
		}
		for range 3 {
			if got := search(q, 4); got != want {
				t.Errorf("Search(%q) side by side = %s, one at a time %s", q, got, want)
			}
		}
	}
}

// TestTiersFindTheHeadlinesStory: when more than tierSize passages hold
// every word of a question, the newest of them are no better than the
// rest, but the one whose article's title holds the words ranks above them
// (titleWeight), and the tiers bring it though it is older than all.
func TestTiersFindTheHeadlinesStory(t *testing.T) {
	db := openLibrary(t)
	db.rareLimit = 5 // no term rare: the rare pool cannot find it
	var target int64
	for i := range 200 {
		title := fmt.Sprintf("Talks continue, round %d", i)
		if i == 10 {
			title = "Grain corridor deal for tankers"
		}
		id := add(t, db, parley.Article{
			Title: title,
			URL:   fmt.Sprintf("https://example.com/%d", i),
			Body:  fmt.Sprintf("Officials met again on Tuesday, the %dth meeting. The grain corridor and its tankers were discussed by the delegations, who said more talks would follow.", i),
		})
		if i == 10 {
			ps, err := db.Passages(context.Background(), id)
			if err != nil || len(ps) != 1 {
				t.Fatal(err)
			}
			target = ps[0].ID
		}
	}
	hs, err := db.Search(context.Background(), parley.Query{Text: "grain corridor tankers"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) == 0 || hs[0].ID != target {
		t.Fatalf("Search = %s, want passage %d, the one whose title holds the words, first", ids(hs), target)
	}
}
