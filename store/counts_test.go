package store

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-bot/parley/data"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/synth"
	"github.com/parley-bot/parley/prose"
)

// countersAgree checks that the counter counts in text what queryCounts
// does, for every term of text and a few it lacks.
func countersAgree(t *testing.T, text string) {
	t.Helper()
	want := map[string]bool{"ukrain": true, "us": true, "1000": true}
	for _, tok := range prose.Tokens(text) {
		want[tok.Term] = true
	}
	if diff := cmp.Diff(queryCounts(text, want), newCounter(want).count(text)); diff != "" {
		t.Errorf("%q: the counter differs from Tokens (-Tokens +counter):\n%s", text, diff)
	}
}

var counterCases = []string{
	"", "U.S.", "U.S", "the U.S. and the E.U.", "a.m. p.m", "x.y.z", "A.", "a.b3", "U.S.-led", "U.S.’s",
	"Trump’s talks", "Trump's", "don't", "O’Brien", "rock ’n’ roll", "‘quoted’ “words” — dash – dash",
	"1,000 troops", "3.5 billion", "1,000,000.5", "1.2.3", "5-like", "12,", "12.", ",5", "3'a", "a3'b",
	"NATO's US-EU", "it's", "its'", "'s", "x's", "50's", "5g G7 F-16s", "co-operate", "e.g. i.e.",
	"Zelensky’s", "Witkoff ’s", "word’", "’word", "mid-2025", "A’s", "a''b", "a’’b",
}

// TestCounterIsTokens: the re-ranking's counter counts as Tokens does, in
// edge cases and in every passage of the generated articles, the newsroom
// articles and the bundled seeds.
func TestCounterIsTokens(t *testing.T) {
	for _, c := range counterCases {
		countersAgree(t, c)
	}
	var bodies []string
	for i := range 300 {
		a := synth.Article(9, i)
		bodies = append(bodies, a.Title+"\n\n"+a.Body)
	}
	files, _ := filepath.Glob("../eval/sets/newsroom/articles/*.md")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ingest.Parse(f, raw)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, a.Title+"\n\n"+a.Body)
	}
	seeds, _ := fs.Glob(data.Seeds, "*.md")
	for _, name := range seeds {
		raw, _ := fs.ReadFile(data.Seeds, name)
		bodies = append(bodies, string(raw))
	}
	if len(files) == 0 || len(seeds) == 0 {
		t.Fatalf("%d newsroom articles, %d seeds: the test needs them", len(files), len(seeds))
	}
	plainOnes := 0
	for _, b := range bodies {
		for _, p := range ingest.Passages("", b) {
			countersAgree(t, p.Text)
			if plain(p.Text) {
				plainOnes++
			}
		}
	}
	if plainOnes == 0 {
		t.Error("no passage took the counter's own way")
	}
}

func FuzzCounter(f *testing.F) {
	for _, c := range counterCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			// Passages are valid UTF-8 (ingest refuses other text).
			t.Skip()
		}
		countersAgree(t, text)
		// The same text with its other runes as the punctuation the
		// counter reads itself, so that most inputs take its way.
		var b strings.Builder
		for _, r := range text {
			if r >= utf8.RuneSelf {
				r = []rune("‘’“”–—")[int(r)%6]
			}
			b.WriteRune(r)
		}
		countersAgree(t, b.String())
	})
}
