package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/answers"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/synth"
	"github.com/parley-bot/parley/store"
)

const seed = 1

// sizes are the library sizes benchmarked: PARLEY_BENCH_SIZES (comma
// separated), by default 1k and 10k articles. 100k takes a few minutes to
// build the first time: PARLEY_BENCH_SIZES=100000.
func sizes(b *testing.B) []int {
	spec := os.Getenv("PARLEY_BENCH_SIZES")
	if spec == "" {
		spec = "1000,10000"
	}
	var out []int
	for _, f := range strings.Split(spec, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("PARLEY_BENCH_SIZES: %q is not a size", f)
		}
		out = append(out, n)
	}
	return out
}

// queries mix the common terms that every article has with rarer ones, as
// people ask.
var queries = []string{
	"What did Russia agree to in Alaska?",
	"What did Putin say about the ceasefire?",
	"Is the US going to send troops to Ukraine?",
	"What did Rubio say about sanctions on Russia?",
	"When did Trump and Putin last meet?",
	"Which European leaders went to the White House with Zelensky?",
	"What happened with the prisoner exchange in Istanbul?",
	"How many Patriot batteries will Germany send?",
	"What is the status of the Zaporizhzhia nuclear plant?",
	"Trump Putin Ukraine peace talks",
	"What did Lavrov say about security guarantees?",
	"frozen assets reparations loan",
}

var (
	libMu sync.Mutex
	libs  = map[int]string{}
)

// library returns the path of a generated library of n articles, built
// once per machine and kept in the temp dir (delete parley-bench-* there to
// rebuild).
func library(b *testing.B, n int) string {
	libMu.Lock()
	defer libMu.Unlock()
	if p, ok := libs[n]; ok {
		return p
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("parley-bench-v3-%d.db", n))
	done := path + ".done"
	if _, err := os.Stat(done); err != nil {
		os.Remove(path)
		os.Remove(path + "-wal")
		os.Remove(path + "-shm")
		ctx := context.Background()
		db := newLibrary(b, ctx, path)
		start := time.Now()
		for i, a := range synth.Corpus(seed, n) {
			if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
				b.Fatal(err)
			}
			if i > 0 && i%10000 == 0 {
				b.Logf("built %d/%d articles in %v", i, n, time.Since(start).Round(time.Second))
			}
		}
		closeLibrary(b, ctx, db)
		if err := os.WriteFile(done, nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	libs[n] = path
	return path
}

// newLibrary makes the library a benchmark builds at path. Its articles
// get their sentence roles as they are added, at this version: recorded,
// the CLI does not decide them all again when it first opens the library
// (40 s at 100k).
func newLibrary(b *testing.B, ctx context.Context, path string) *store.DB {
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Annotate(ctx, ingest.RolesVersion, ingest.Sentences, nil); err != nil {
		b.Fatal(err)
	}
	return db
}

// closeLibrary closes a library newLibrary made, once it is whole: marked
// seeded, the CLI, opening it, neither adds the bundled articles to it nor
// says it made it.
func closeLibrary(b *testing.B, ctx context.Context, db *store.DB) {
	if _, err := db.MarkSeeded(ctx); err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
}

func open(b *testing.B, n int) *store.DB {
	db, err := store.Open(context.Background(), library(b, n))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkIngest measures bulk ingest: parse-free (the generator gives
// articles), passages cut, stored and indexed, one transaction each.
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "ingest.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := synth.Article(seed, i)
		if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// latencies runs f over the queries b.N times and reports p50 and p95.
func latencies(b *testing.B, f func(q string)) {
	var ds []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		start := time.Now()
		f(q)
		ds = append(ds, time.Since(start))
	}
	b.StopTimer()
	report(b, ds)
}

func BenchmarkSearch(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			db := open(b, n)
			ctx := context.Background()
			latencies(b, func(q string) {
				if _, err := db.Search(ctx, parley.Query{Text: q}, 5); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func BenchmarkAsk(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			db := open(b, n)
			asker := &answers.Extractive{Searcher: db}
			ctx := context.Background()
			latencies(b, func(q string) {
				if _, err := asker.Ask(ctx, parley.Question{Text: q}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkBoundedRecall measures what bounding the candidate set costs: the
// share of the exhaustive top 5 (every passage with any query term
// re-ranked) that Search's top 5 finds, over the benchmark queries.
func BenchmarkBoundedRecall(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			db := open(b, n)
			ctx := context.Background()
			var found, total int
			for i := 0; i < b.N; i++ {
				found, total = 0, 0
				for _, q := range queries {
					bounded, err := db.Search(ctx, parley.Query{Text: q}, 5)
					if err != nil {
						b.Fatal(err)
					}
					full, err := db.SearchExhaustive(ctx, parley.Query{Text: q}, 5)
					if err != nil {
						b.Fatal(err)
					}
					in := map[int64]bool{}
					for _, h := range bounded {
						in[h.ID] = true
					}
					for _, h := range full {
						if in[h.ID] {
							found++
						}
					}
					total += len(full)
				}
			}
			b.ReportMetric(float64(found)/float64(total), "overlap@5")
		})
	}
}

// BenchmarkSummary measures `summary --since 7d`: the week up to the newest
// article of the generated library (its articles are dated 2025–2026, so
// "now" is the newest one).
func BenchmarkSummary(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			db := open(b, n)
			ctx := context.Background()
			newest, err := db.Newest(ctx)
			if err != nil {
				b.Fatal(err)
			}
			since, _ := parley.ParseWhen("7d", newest)
			d := &answers.Digests{Corpus: db, Searcher: db}
			latencies(b, func(string) {
				dg, err := d.Summary(ctx, parley.Scope{Since: since})
				if err != nil || len(dg.Points) == 0 {
					b.Fatalf("summary: %v, %d points", err, len(dg.Points))
				}
			})
		})
	}
}

// BenchmarkSearchParallel is BenchmarkSearch with searches run at once
// from several goroutines, as a bot answers a busy channel: ns/op is the
// time per search of the whole, the inverse of throughput.
func BenchmarkSearchParallel(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			db := open(b, n)
			ctx := context.Background()
			var next atomic.Int64
			b.SetParallelism(4)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					q := queries[int(next.Add(1))%len(queries)]
					if _, err := db.Search(ctx, parley.Query{Text: q}, 5); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}
