package decoy

import (
	"io/fs"
	"reflect"
	"testing"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/data"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/prose"
)

func seeds(t *testing.T) []parley.Article {
	t.Helper()
	names, err := fs.Glob(data.Seeds, "*.md")
	if err != nil || len(names) == 0 {
		t.Fatalf("seeds: %v, %d", err, len(names))
	}
	var out []parley.Article
	for _, name := range names {
		b, err := fs.ReadFile(data.Seeds, name)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ingest.Parse(name, b)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	src := seeds(t)
	g, err := New(src)
	if err != nil {
		t.Fatal(err)
	}
	// The sources' order does not change the decoys.
	rev, err := New([]parley.Article{src[1], src[0]})
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 99_999} {
		a, b := g.Article(3, i), rev.Article(3, i)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("Article(3, %d) differs between generators of the same sources", i)
		}
		if c := g.Article(4, i); c.Body == a.Body {
			t.Errorf("Article(3, %d) and Article(4, %d) have the same body", i, i)
		}
	}
}

// TestNoSourceSentence checks what makes a decoy one: none of its
// sentences is a sentence of a source, and the names and numbers of a
// source sentence are not in the decoy sentence made from it.
func TestNoSourceSentence(t *testing.T) {
	src := seeds(t)
	g, err := New(src)
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, a := range src {
		for _, sp := range prose.Sentences(a.Body) {
			have[a.Body[sp.Start:sp.End]] = true
		}
	}
	words := 0
	for i := range 200 {
		a := g.Article(1, i)
		if a.Title == "" || a.URL == "" || a.Published.IsZero() || a.Hash == "" {
			t.Fatalf("decoy %d lacks a field: %+v", i, a)
		}
		for _, sp := range prose.Sentences(a.Body) {
			if s := a.Body[sp.Start:sp.End]; have[s] {
				t.Fatalf("decoy %d has the source sentence %q", i, s)
			}
		}
		words += prose.WordCount(a.Body)
	}
	if words/200 < 100 {
		t.Errorf("decoys average %d words", words/200)
	}
}

func TestClassify(t *testing.T) {
	lower := map[string]bool{"the": true, "foreign": true, "minister": true, "team": true, "headed": true}
	s := classify("Foreign Minister Sergei Lavrov headed the Russian team on Feb. 18, three days after NATO met in Riyadh, the 28th round.", lower)
	var got []string
	for _, sl := range s.slots {
		got = append(got, s.text[sl.start:sl.end])
	}
	want := []string{"Sergei Lavrov", "Russian", "Feb", "18", "three", "NATO", "Riyadh", "28"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("slots %q, want %q", got, want)
	}
	kinds := []kind{names, people, month, number, counted, name, name, number}
	for i, sl := range s.slots {
		if i < len(kinds) && sl.kind != kinds[i] {
			t.Errorf("%q is kind %d, want %d", got[i], sl.kind, kinds[i])
		}
	}
}

func TestSwapKeepsForm(t *testing.T) {
	for _, c := range []struct{ w, old, want string }{
		{"Istanbul", "RIYADH", "ISTANBUL"},
		{"five", "Three", "Five"},
		{"Kirill Dmitriev", "Sergei Lavrov", "Kirill Dmitriev"},
	} {
		if got := fitCase(c.w, c.old); got != c.want {
			t.Errorf("fitCase(%q, %q) = %q, want %q", c.w, c.old, got, c.want)
		}
	}
	for n, want := range map[string]string{"1": "1st", "12": "12th", "22": "22nd", "113": "113th", "3": "3rd"} {
		if got := ordinal(n); got != want {
			t.Errorf("ordinal(%s) = %s, want %s", n, got, want)
		}
	}
}
