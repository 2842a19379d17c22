package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/parley-bot/parley"
)

func TestUnknownAndCorrect(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	mustAdd(t, db, article("Envoy in Moscow", "Wire", "", "U.S. envoy Steve Witkoff met Vladimir Putin, and the two sides swapped prisoners under the ceasefire terms. They spent five hours together."))

	unknown, err := db.Unknown(ctx, []string{"Witkoff", "negotiations", "prisoner", "US", "Kellogg", "witkoff", "lithium"})
	if err != nil {
		t.Fatal(err)
	}
	// Stemming makes "prisoner" known; "US" matches the dotted "U.S.".
	if want := []string{"negotiations", "Kellogg", "lithium"}; !slices.Equal(unknown, want) {
		t.Errorf("Unknown = %q, want %q", unknown, want)
	}

	tests := []struct{ typed, want string }{
		{"witkof", "Witkoff"},
		{"prisioners", "prisoners"},
		{"ceasfire", "ceasefire"},
		{"Vladimr", "Vladimir"},
		{"kellogg", ""}, // nothing close
		{"kids", ""},    // too short to guess
		{"witkoff", ""}, // known: nothing to correct
		{"spend", ""},   // a verb's other form, not a typo of "spent"
	}
	for _, tt := range tests {
		got, err := db.Correct(ctx, tt.typed)
		if err != nil || got != tt.want {
			t.Errorf("Correct(%q) = %q, %v; want %q", tt.typed, got, err, tt.want)
		}
	}
}

func TestAround(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	a := article("Istanbul round", "Wire", "", "Negotiators met in Istanbul on Wednesday.\n\nThe full session at Ciragan Palace began at 8:37 p.m.\n\nBoth sides agreed to swap prisoners.\n\nThe next round was not set.")
	id, _, err := db.Add(ctx, a, paragraphs(a.Body))
	if err != nil {
		t.Fatal(err)
	}
	ps, err := db.Passages(ctx, id)
	if err != nil || len(ps) != 4 {
		t.Fatalf("passages: %d, %v", len(ps), err)
	}
	hits := []parley.Hit{{Passage: ps[1], Source: parley.Source{ArticleID: id}}}
	around, err := db.Around(ctx, hits)
	if err != nil {
		t.Fatal(err)
	}
	var seqs []int
	for _, h := range around {
		seqs = append(seqs, h.Seq)
		if h.Source.Title != "Istanbul round" || h.Text != a.Body[h.Start:h.End] {
			t.Errorf("neighbour %d: %+v", h.Seq, h)
		}
	}
	slices.Sort(seqs)
	if !slices.Equal(seqs, []int{0, 2}) {
		t.Errorf("neighbours of passage 1: %v, want [0 2]", seqs)
	}
	if none, err := db.Around(ctx, nil); err != nil || none != nil {
		t.Errorf("Around(nil) = %v, %v", none, err)
	}
}

// TestSearchReadsMisspellingsAndGroupedNumbers: a misspelt word of the
// question is searched as the library's word, and "1000" finds "1,000".
func TestSearchReadsMisspellingsAndGroupedNumbers(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	swap := mustAdd(t, db, article("Swap", "Wire", "", "Russia and Ukraine completed the 1,000-for-1,000 exchange of prisoners on Sunday."))
	mustAdd(t, db, article("Talks", "Wire", "", "Negotiators met again in Istanbul for a short round of talks."))
	for _, q := range []string{"When did the 1000-for-1000 swap happen?", "what about the prisioners?"} {
		hits, err := db.Search(ctx, parley.Query{Text: q}, 5)
		if err != nil || len(hits) == 0 || hits[0].ArticleID != swap {
			t.Errorf("Search(%q) = %+v, %v; want the swap first", q, hits, err)
		}
	}
	// A question already read against the library is searched as given.
	if hits, err := db.Search(ctx, parley.Query{Text: "what about the prisioners?", Spelled: true}, 5); err != nil || len(hits) != 0 {
		t.Errorf("Search of a spelled question corrected it again: %+v, %v", hits, err)
	}
}

// TestCorrectPrefersTheCommonerWord: of two words one edit from a
// misspelling, the one more passages have is the correction, whichever
// comes first in the alphabet.
func TestCorrectPrefersTheCommonerWord(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct{ rare, common string }{{"Zorvak", "Zorvek"}, {"Zorvek", "Zorvak"}} {
		db, _ := openTemp(t)
		mustAdd(t, db, article("Talks", "Wire", "", "The envoy met "+tt.rare+" in Geneva."))
		mustAdd(t, db, article("More talks", "Courier", "", "Officials said "+tt.common+" would go.\nThen "+tt.common+" spoke.\nLater "+tt.common+" left."))
		if got, err := db.Correct(ctx, "zorvik"); err != nil || got != tt.common {
			t.Errorf("Correct(zorvik) with %s in one passage and %s in three = %q, %v; want %q", tt.rare, tt.common, got, err, tt.common)
		}
	}
}
