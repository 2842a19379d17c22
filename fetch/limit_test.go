package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLimits fetches 4 pages from each of 3 hosts at once with
// MaxConcurrent 2: no host ever sees two requests at once, and no more
// than two are in flight in all.
func TestLimits(t *testing.T) {
	var total, maxTotal atomic.Int32
	var mu sync.Mutex
	perHost := map[string]int{}
	maxPerHost := 0
	// The first request is held until a second is in flight beside it, so
	// that the test sees the two the Fetcher allows, without a timer.
	together := make(chan struct{})
	var meet sync.Once
	handler := func(w http.ResponseWriter, r *http.Request) {
		n := total.Add(1)
		for m := maxTotal.Load(); n > m && !maxTotal.CompareAndSwap(m, n); m = maxTotal.Load() {
		}
		mu.Lock()
		perHost[r.Host]++
		maxPerHost = max(maxPerHost, perHost[r.Host])
		mu.Unlock()
		if n >= 2 {
			meet.Do(func() { close(together) })
		}
		<-together
		mu.Lock()
		perHost[r.Host]--
		mu.Unlock()
		total.Add(-1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page("", story))
	}
	var hosts []string
	for range 3 {
		srv := httptest.NewServer(http.HandlerFunc(handler))
		t.Cleanup(srv.Close)
		hosts = append(hosts, srv.URL)
	}
	f := New(Config{AllowPrivateNetworks: true, MaxConcurrent: 2, Timeout: 5 * time.Second})
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() {
			if _, err := f.Article(t.Context(), fmt.Sprintf("%s/story/%d", hosts[i%3], i)); err != nil {
				t.Errorf("page %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if maxPerHost != 1 {
		t.Errorf("a host saw %d requests at once, want 1", maxPerHost)
	}
	if got := maxTotal.Load(); got != 2 {
		t.Errorf("%d requests in flight at most, want 2 (MaxConcurrent)", got)
	}
	if n := len(f.hosts.hosts); n != 0 {
		t.Errorf("%d host locks left after all fetches ended", n)
	}
}

// TestLimitsCancel: a fetch waiting for its host gives up when its context
// ends, and leaves the host free for the next one.
func TestLimitsCancel(t *testing.T) {
	release, arrived := make(chan struct{}), make(chan struct{})
	srv := site(t, map[string]http.HandlerFunc{
		"/slow": func(w http.ResponseWriter, r *http.Request) {
			close(arrived) // the fetch holds its host while it asks
			<-release
			serve("text/html", page("", story))(w, r)
		},
		"/fast": serve("text/html", page("", story)),
	})
	f := testFetcher()
	done := make(chan error, 1)
	go func() { _, err := f.Article(t.Context(), srv.URL+"/slow"); done <- err }()
	<-arrived
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := f.Article(ctx, srv.URL+"/fast"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a fetch waiting for its busy host past its deadline: %v, want DeadlineExceeded", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("slow page: %v", err)
	}
	if _, err := f.Article(t.Context(), srv.URL+"/fast"); err != nil {
		t.Errorf("after the slow page: %v", err)
	}
}
