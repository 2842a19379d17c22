package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/fetch"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/newssite"
	"github.com/parley-bot/parley/store"
)

// BenchmarkWebIngest is `parley add URL…` for 1,000 pages of a local news
// site, end to end: each page fetched over HTTP (one request at a time, the
// per-host limit), its charset decoded, its metadata read, its text
// extracted by readability, checked against the library for copies, and
// stored with its passages and index rows, into a new library each round.
// The target is at least 50 pages/s.
func BenchmarkWebIngest(b *testing.B) {
	const pages = 1000
	site := newssite.Start(seed)
	defer site.Close()
	f := fetch.New(fetch.Config{AllowPrivateNetworks: true})
	for _, workers := range []int{1, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			round := 0
			for b.Loop() {
				round++
				b.StopTimer()
				db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprintf("web%d.db", round)))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				var next, added atomic.Int64
				var wg sync.WaitGroup
				for range workers {
					wg.Go(func() {
						for i := next.Add(1) - 1; i < pages; i = next.Add(1) - 1 {
							a, err := f.Article(b.Context(), site.StoryURL(int(i)))
							if err != nil {
								b.Errorf("page %d: %v", i, err)
								return
							}
							if _, outcome, err := db.Add(b.Context(), &a, ingest.Passages(a.Title, a.Body)); err != nil {
								b.Errorf("page %d: %v", i, err)
								return
							} else if outcome == parley.Added {
								added.Add(1)
							}
						}
					})
				}
				wg.Wait()
				b.StopTimer()
				if added.Load() < pages*99/100 {
					b.Errorf("only %d of %d pages stored as new articles", added.Load(), pages)
				}
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
