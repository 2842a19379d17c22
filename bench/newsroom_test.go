package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/answers"
	"github.com/parley-bot/parley/data"
	"github.com/parley-bot/parley/eval"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/decoy"
	"github.com/parley-bot/parley/prose"
	"github.com/parley-bot/parley/store"
)

// newsroom is the eval set whose articles are hidden among decoys.
const newsroom = "../eval/sets/newsroom"

// newsroomVersion names the decoy libraries; change it when the decoy
// generator or the way the library is filled changes.
const newsroomVersion = "v1"

// realArticles are the newsroom articles (all 64: English, Ukrainian,
// Russian) and the bundled seeds, by file name.
func realArticles(b *testing.B) (names []string, arts []parley.Article) {
	files, err := filepath.Glob(filepath.Join(newsroom, "articles", "*.md"))
	if err != nil || len(files) == 0 {
		b.Fatalf("newsroom articles: %v, %d", err, len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		a, err := ingest.Parse(f, raw)
		if err != nil {
			b.Fatalf("%s: %v", f, err)
		}
		names, arts = append(names, filepath.Base(f)), append(arts, a)
	}
	seeds, err := fs.Glob(data.Seeds, "*.md")
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range seeds {
		raw, err := fs.ReadFile(data.Seeds, name)
		if err != nil {
			b.Fatal(err)
		}
		a, err := ingest.Parse(name, raw)
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		names, arts = append(names, name), append(arts, a)
	}
	return names, arts
}

// decoyLibrary returns the path of a library of the real articles hidden
// among n decoys made from the English ones, and the id each real article
// has in it, by file name. It is built once per machine and kept in the
// temp dir (parley-newsroom-*); the real articles are spread evenly through
// it, so neither the oldest nor the newest passages are theirs.
func decoyLibrary(b *testing.B, n int) (string, map[string]int64) {
	libMu.Lock()
	defer libMu.Unlock()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("parley-newsroom-%s-%d.db", newsroomVersion, n))
	done := path + ".ids.json"
	ids := map[string]int64{}
	if raw, err := os.ReadFile(done); err == nil && json.Unmarshal(raw, &ids) == nil {
		return path, ids
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	names, real := realArticles(b)
	var english []parley.Article
	for _, a := range real {
		if a.Language == "" || a.Language == "en" {
			english = append(english, a)
		}
	}
	gen, err := decoy.New(english)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	db := newLibrary(b, ctx, path)
	add := func(a parley.Article) int64 {
		id, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body))
		if err != nil {
			b.Fatal(err)
		}
		return id
	}
	start := time.Now()
	next := 0 // the next real article to add
	for i := range n {
		for next < len(real) && next*n/len(real) <= i {
			ids[names[next]] = add(real[next])
			next++
		}
		add(gen.Article(seed, i))
		if i > 0 && i%10000 == 0 {
			b.Logf("built %d/%d decoys in %v", i, n, time.Since(start).Round(time.Second))
		}
	}
	for ; next < len(real); next++ {
		ids[names[next]] = add(real[next])
	}
	closeLibrary(b, ctx, db)
	raw, _ := json.Marshal(ids)
	if err := os.WriteFile(done, raw, 0o644); err != nil {
		b.Fatal(err)
	}
	b.Logf("built %d decoys and %d articles in %v", n, len(real), time.Since(start).Round(time.Second))
	return path, ids
}

// goldQuestion is an answerable English newsroom question with, for each
// article that answers it, its id in the library and its gold phrases.
type goldQuestion struct {
	text string
	gold map[int64][]string // folded phrases
}

func newsroomQuestions(b *testing.B, ids map[string]int64) []goldQuestion {
	var sets []string
	for _, s := range []string{"a", "b", "c", "d"} {
		sets = append(sets, filepath.Join(newsroom, s+".jsonl"))
	}
	items, err := eval.LoadFiles(sets)
	if err != nil {
		b.Fatal(err)
	}
	var out []goldQuestion
	for _, it := range items {
		if !it.Answerable {
			continue
		}
		q := goldQuestion{text: it.Question, gold: map[int64][]string{}}
		for _, g := range it.Gold {
			id, ok := ids[g.File]
			if !ok {
				b.Fatalf("%s: gold file %s is not in the library", it.ID, g.File)
			}
			for _, p := range g.Phrases {
				q.gold[id] = append(q.gold[id], prose.Fold(p))
			}
		}
		out = append(out, q)
	}
	return out
}

// found tells whether text, from article id, holds a gold phrase of that
// article: a decoy that happens to repeat a phrase is not a hit.
func (q goldQuestion) found(id int64, text string) bool {
	folded := prose.Fold(text)
	for _, p := range q.gold[id] {
		if strings.Contains(folded, p) {
			return true
		}
	}
	return false
}

// searchers are the rankings BenchmarkNewsroom compares.
var searchers = []struct {
	name   string
	search func(db *store.DB, ctx context.Context, q parley.Query, k int) ([]parley.Hit, error)
}{
	{"search", (*store.DB).Search},
	{"bm25", (*store.DB).SearchBM25},
	{"exhaustive", (*store.DB).SearchExhaustive},
}

// BenchmarkNewsroom measures retrieval quality at scale: the newsroom
// articles and the seeds hidden among 1k, 10k or 100k decoys (see
// internal/decoy), the answerable English newsroom questions asked of each
// ranking, and recall@5 counted only for a passage of a gold article that
// holds one of its gold phrases, with the p50 and p95 latency of a call.
// "ask" is answers.Extractive over Search: support is the share of
// questions it answers with a quote of a gold phrase from a gold article.
// Each iteration asks every question once; run it with -benchtime 1x.
func BenchmarkNewsroom(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("decoys=%d", n), func(b *testing.B) {
			path, ids := decoyLibrary(b, n)
			db, err := store.Open(context.Background(), path)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { db.Close() })
			qs := newsroomQuestions(b, ids)
			for _, s := range searchers {
				b.Run(s.name, func(b *testing.B) {
					ctx := context.Background()
					searchRecall(b, qs, func(q parley.Query) ([]parley.Hit, error) { return s.search(db, ctx, q, 5) })
				})
			}
			b.Run("ask", func(b *testing.B) {
				ctx := context.Background()
				asker := &answers.Extractive{Searcher: db}
				supported := 0
				times := measure(b, qs, func(q goldQuestion) {
					ans, err := asker.Ask(ctx, parley.Question{Text: q.text})
					if err != nil {
						b.Fatal(err)
					}
					for _, c := range ans.Citations {
						if !ans.Abstained && q.found(c.Source.ArticleID, c.Quote) {
							supported++
							break
						}
					}
				})
				b.ReportMetric(float64(supported)/float64(b.N*len(qs)), "support")
				report(b, times)
			})
		})
	}
}

// searchRecall measures search over the questions: the share whose top
// five holds a gold passage (recall@5) and each search's time.
func searchRecall(b *testing.B, qs []goldQuestion, search func(parley.Query) ([]parley.Hit, error)) {
	hit := 0
	times := measure(b, qs, func(q goldQuestion) {
		hs, err := search(parley.Query{Text: q.text})
		if err != nil {
			b.Fatal(err)
		}
		for _, h := range hs {
			if q.found(h.ArticleID, h.Text) {
				hit++
				break
			}
		}
	})
	b.ReportMetric(float64(hit)/float64(b.N*len(qs)), "recall@5")
	report(b, times)
}

// measure runs f on every question b.N times and returns each call's time.
func measure(b *testing.B, qs []goldQuestion, f func(goldQuestion)) []time.Duration {
	var ds []time.Duration
	b.ResetTimer()
	for range b.N {
		for _, q := range qs {
			start := time.Now()
			f(q)
			ds = append(ds, time.Since(start))
		}
	}
	b.StopTimer()
	return ds
}

// report reports the p50 and p95 of ds.
func report(b *testing.B, ds []time.Duration) {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	pct := func(p float64) float64 {
		return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
}
