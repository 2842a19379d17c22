package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/parley-bot/parley"
)

func TestDeterministic(t *testing.T) {
	for _, i := range []int{0, 1, 999, 54321, 250_000} {
		a, b := Article(42, i), Article(42, i)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("Article(42, %d) differs between calls", i)
		}
		if c := Article(43, i); c.Body == a.Body {
			t.Errorf("Article(42, %d) and Article(43, %d) have the same body", i, i)
		}
	}
}

// TestConcurrent checks that articles built on many goroutines match the
// serial ones, which holds only if generation shares no mutable state.
func TestConcurrent(t *testing.T) {
	const n = 400
	want := make([]parley.Article, n)
	for i := range n {
		want[i] = Article(7, i)
	}
	var wg sync.WaitGroup
	got := make([]parley.Article, n)
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < n; i += 8 {
				got[i] = Article(7, i)
			}
		})
	}
	wg.Wait()
	for i := range n {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("article %d differs when generated concurrently", i)
		}
	}
}

func TestCorpus(t *testing.T) {
	const n = 5000
	urls := make(map[string]int, n)
	hashes := make(map[string]int, n)
	outletsSeen := map[string]bool{}
	ukraine, russia := 0, 0
	var prev time.Time
	end := time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)
	for i, a := range Corpus(1, n) {
		if j, dup := urls[a.URL]; dup {
			t.Fatalf("articles %d and %d share URL %s", j, i, a.URL)
		}
		urls[a.URL] = i
		sum := sha256.Sum256([]byte(a.Body))
		h := hex.EncodeToString(sum[:])
		if a.Hash != h {
			t.Fatalf("article %d: Hash is not the SHA-256 of Body", i)
		}
		if j, dup := hashes[h]; dup {
			t.Fatalf("articles %d and %d have the same body", j, i)
		}
		hashes[h] = i
		if a.Title == "" || a.Outlet == "" || a.Author == "" || a.Language != "en" {
			t.Fatalf("article %d: missing metadata: %+v", i, a)
		}
		if !strings.HasPrefix(a.URL, "https://") || !strings.HasSuffix(a.URL, "-"+strconv.Itoa(i)) {
			t.Fatalf("article %d: URL %q", i, a.URL)
		}
		outletsSeen[a.Outlet] = true
		if a.Published.Before(start) || !a.Published.Before(end) {
			t.Fatalf("article %d published %v, outside the corpus span", i, a.Published)
		}
		if a.Published.Truncate(24 * time.Hour).Before(prev.Truncate(24 * time.Hour)) {
			t.Fatalf("article %d published %v, a day before article %d", i, a.Published, i-1)
		}
		prev = a.Published

		if w := len(strings.Fields(a.Body)); w < minWords || w > maxWords {
			t.Errorf("article %d has %d words", i, w)
		}
		paras := strings.Split(a.Body, "\n")
		if len(paras) < minParagraphs || len(paras) > maxParagraphs {
			t.Errorf("article %d has %d paragraphs", i, len(paras))
		}
		for _, p := range paras {
			if p == "" || p != strings.TrimSpace(p) || !strings.HasSuffix(p, ".") && !strings.HasSuffix(p, ".”") {
				t.Fatalf("article %d: malformed paragraph %q", i, p)
			}
		}
		if strings.ContainsAny(a.Body, "{}\"") {
			t.Fatalf("article %d: unfilled slot or straight quote in body", i)
		}
		if strings.Contains(a.Body, "Ukraine") {
			ukraine++
		}
		if strings.Contains(a.Body, "Russia") {
			russia++
		}
	}
	if len(urls) != n {
		t.Fatalf("Corpus yielded %d articles, want %d", len(urls), n)
	}
	if ukraine < n*8/10 || russia < n*8/10 {
		t.Errorf("Ukraine in %d, Russia in %d of %d bodies; want at least 80%%", ukraine, russia, n)
	}
	if len(outletsSeen) < 35 {
		t.Errorf("only %d outlets used", len(outletsSeen))
	}
}

func TestCorpusStops(t *testing.T) {
	n := 0
	for i := range Corpus(1, 100) {
		if i == 2 {
			break
		}
		n++
	}
	if n != 2 {
		t.Fatalf("Corpus kept going after break: %d", n)
	}
}

// TestSentenceLengths renders every template many times, so a template
// edit that makes sentences too short or too long fails here rather than
// skewing passage sizes downstream.
func TestSentenceLengths(t *testing.T) {
	check := func(name string, ts []tmpl, side int) {
		for j := range ts {
			for k := range 2000 {
				g := newGen(int64(k), k*97)
				g.side = side
				g.buf = g.buf[:0]
				w := g.sentence(&ts[j], 0)
				if w < minSentence || w > maxSentence {
					t.Errorf("%s[%d] gave %d words: %s", name, j, w, g.buf)
					break
				}
			}
		}
	}
	for i := range topics {
		check("lead", topics[i].leadsC, 0)
		check("body", topics[i].bodyC, 0)
	}
	check("general", generalC, 0)
	check("tail", tailC, 0)
	check("strike", strikesC, 0)
	check("strikeFollow", strikeFollowC, 0)
	for side := range nSides {
		check("quote", quoteFormsC, side)
	}
}

// TestVocabulary measures the dictionary of 20k articles. It is what makes
// the corpus useful for FTS benchmarks: a few dozen terms in nearly every
// document, and a tail of tens of thousands of rare ones. The measured
// figures at seed 1 are 4.5k terms at 1k articles, 20k at 10k, 32.7k at 20k
// and 94k at 100k, of which 59% occur once.
func TestVocabulary(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 20k articles")
	}
	const n = 20_000
	df := map[string]int{}
	seen := map[string]bool{}
	for _, a := range Corpus(1, n) {
		clear(seen)
		for _, f := range strings.FieldsFunc(strings.ToLower(a.Body), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if !seen[f] {
				seen[f] = true
				df[f]++
			}
		}
	}
	if len(df) < 30_000 {
		t.Errorf("%d distinct terms over %d articles, want at least 30,000", len(df), n)
	}
	for _, w := range []string{"ukraine", "russia", "trump", "putin", "talks", "peace", "ceasefire", "kremlin", "moscow"} {
		if df[w] < n*3/4 {
			t.Errorf("%q in %d of %d articles, want at least 75%%", w, df[w], n)
		}
	}
	for _, w := range []string{"sanctions", "zelensky", "witkoff", "rubio", "kyiv", "europe", "nato"} {
		if df[w] < n/3 {
			t.Errorf("%q in %d of %d articles, want at least a third", w, df[w], n)
		}
	}
	t.Logf("%d distinct terms over %d articles", len(df), n)
}
