package fetch

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkFetch1000 fetches 1,000 distinct article pages from a local site,
// one at a time and with 4 goroutines; the target is at least 50 pages/s.
func BenchmarkFetch1000(b *testing.B) {
	const pages = 1000
	srv := site(b, map[string]http.HandlerFunc{
		"/story/": func(w http.ResponseWriter, r *http.Request) {
			id := strings.TrimPrefix(r.URL.Path, "/story/")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page(graphLD+`<link rel="canonical" href="/story/`+id+`">`, "<p>Story "+id+".</p>"+story))
		},
	})
	f := New(Config{AllowPrivateNetworks: true})
	for _, workers := range []int{1, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			var took time.Duration
			for b.Loop() {
				start := time.Now()
				var next atomic.Int64
				var wg sync.WaitGroup
				for range workers {
					wg.Go(func() {
						for i := next.Add(1); i <= pages; i = next.Add(1) {
							a, err := f.Article(b.Context(), fmt.Sprintf("%s/story/%d?utm_source=bench", srv.URL, i))
							if err != nil || a.URL != fmt.Sprintf("%s/story/%d", srv.URL, i) {
								b.Errorf("page %d: %v (URL %q)", i, err, a.URL)
								return
							}
						}
					})
				}
				wg.Wait()
				took += time.Since(start)
			}
			b.ReportMetric(float64(pages*b.N)/took.Seconds(), "pages/s")
		})
	}
}
