package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/parley-bot/parley/internal/synth"
)

var wordSpanCases = []string{
	"", " ", "a", "ab", "a.", "a-", "a'", "U.S.", "U.S.-led", "don't", "O’Brien", "“Yes,” he said.",
	"«Так», — сказав він.", "3.5 billion", "1,000", "x--y", "a.-b", "-a-", "a -", "Lavrov.", "½ 2² Ⅻ",
	"tab\there", "nbsp\u00a0here", "v\vtab", "\xff\xfe a\xffb", "e\u0301clair", "a’’", "a'.'", "word...",
}

func checkWordSpans(t *testing.T, s string) {
	t.Helper()
	if got, want := wordSpans(s), reWord.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("%q: wordSpans %v, the regexp %v", s, got, want)
	}
}

// TestWordSpansAreTheRegexp: words cuts by hand as reWord does, in edge
// cases and in every line of generated articles and the newsroom ones.
func TestWordSpansAreTheRegexp(t *testing.T) {
	for _, c := range wordSpanCases {
		checkWordSpans(t, c)
	}
	for i := range 200 {
		a := synth.Article(2, i)
		checkWordSpans(t, a.Body)
	}
	files, _ := filepath.Glob("../eval/sets/newsroom/articles/*.md")
	if len(files) == 0 {
		t.Fatal("no newsroom articles")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkWordSpans(t, string(raw))
	}
}

func FuzzWordSpans(f *testing.F) {
	for _, c := range wordSpanCases {
		f.Add(c)
	}
	f.Fuzz(checkWordSpans)
}
