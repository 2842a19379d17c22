package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/fetch"
)

// dripSite serves /feed.xml, an RSS feed of items linking to /page/0…
// /page/n-1, pages that send a byte a second and never end. It counts the
// page requests.
type dripSite struct {
	*httptest.Server
	pages atomic.Int32
}

func startDripSite(t *testing.T, n int) *dripSite {
	t.Helper()
	d := &dripSite{}
	stop := make(chan struct{})
	d.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow Site</title>`)
			for i := range n {
				fmt.Fprintf(w, `<item><title>Slow story %d</title><link>/page/%d</link></item>`, i, i)
			}
			fmt.Fprint(w, `</channel></rss>`)
			return
		}
		d.pages.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		for {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-stop:
				return
			case <-time.After(time.Second):
			}
		}
	}))
	t.Cleanup(d.Close)
	t.Cleanup(func() { close(stop) }) // runs first: the pages end, so Close does not wait for them
	return d
}

// TestSlowFeedDelaysNoOther polls, in one round, a feed of 30 pages that
// drip a byte a second (its site gets one request at a time, each cut at
// the fetch timeout of 1 s: 30 s of work) and a feed of 20 ordinary pages:
// the ordinary feed is done before the round's deadline of 6 s, the slow
// one stops at it, its timed-out items are kept to be retried later, and
// the round ends.
func TestSlowFeedDelaysNoOther(t *testing.T) {
	site, db, p := setup(t)
	slow := startDripSite(t, 30)
	p.Fetcher = fetch.New(fetch.Config{AllowPrivateNetworks: true, Timeout: time.Second})
	p.Deadline = 6 * time.Second
	slowFeed, err := db.AddFeed(t.Context(), slow.URL+"/feed.xml") // first: polled one after another, it would go first
	if err != nil {
		t.Fatal(err)
	}
	fastFeed, err := db.AddFeed(t.Context(), site.URL+"/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var fastDone time.Time
	p.Progress = func(it Item) {
		if it.Feed.ID == fastFeed.ID {
			mu.Lock()
			fastDone = time.Now()
			mu.Unlock()
		}
	}
	start := time.Now()
	reps, err := p.PollFeeds(t.Context(), func(parley.Feed) bool { return true })
	took := time.Since(start)
	if err != nil || len(reps) != 2 {
		t.Fatalf("PollFeeds: %d reports, %v", len(reps), err)
	}
	slowRep, fastRep := reps[0], reps[1]
	if fastRep.Err != nil || fastRep.Added != 20 {
		t.Errorf("the ordinary feed: %s", fastRep)
	}
	mu.Lock()
	if deadline := start.Add(p.Deadline); fastDone.IsZero() || fastDone.After(deadline) {
		t.Errorf("the ordinary feed's last item was done %s after the round began, past its deadline of %s",
			fastDone.Sub(start).Round(time.Millisecond), p.Deadline)
	}
	mu.Unlock()
	if !errors.Is(slowRep.Err, context.DeadlineExceeded) || !strings.Contains(slowRep.Summary(), "stopped at the deadline") || slowRep.Failed == 0 {
		t.Errorf("the slow feed: %s (%d failed)", slowRep, slowRep.Failed)
	}
	if limit := p.Deadline + 10*time.Second; took > limit {
		t.Errorf("the round took %s, past its deadline of %s (and a margin)", took.Round(time.Millisecond), p.Deadline)
	}
	retries, err := db.ItemRetries(t.Context(), slowFeed.ID)
	if err != nil || len(retries) != slowRep.Failed {
		t.Fatalf("%d items kept for a retry, want the %d that failed (%v)", len(retries), slowRep.Failed, err)
	}
	for key, r := range retries {
		if r.Failures != 1 || r.NextTry.Before(time.Now().Add(Backoff(p.Interval, 1)*9/10)) || !strings.Contains(r.LastError, "did not answer") {
			t.Errorf("retry of %s: %+v", key, r)
		}
	}
	if f, _ := db.Feed(t.Context(), slowFeed.ID); f.Failures != 0 || !f.NextPoll.IsZero() {
		t.Errorf("a poll stopped at its deadline counted as a failure of the feed: %+v", f)
	}
	t.Logf("round: %s; ordinary feed done after %s; slow feed: %s", took.Round(time.Millisecond),
		fastDone.Sub(start).Round(time.Millisecond), slowRep.Summary())
}

// TestTimedOutItemRetriedThenGivenUp: an item whose page never finishes
// is tried again only after a backoff that doubles each time, and after
// MaxItemFailures timeouts in a row it is given up and never fetched again.
func TestTimedOutItemRetriedThenGivenUp(t *testing.T) {
	_, db, p := setup(t)
	slow := startDripSite(t, 1)
	p.Fetcher = fetch.New(fetch.Config{AllowPrivateNetworks: true, Timeout: 300 * time.Millisecond})
	now := time.Now()
	p.Now = func() time.Time { return now }
	f, err := db.AddFeed(t.Context(), slow.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= MaxItemFailures; i++ {
		rep := p.Poll(t.Context(), f)
		if i == MaxItemFailures {
			if rep.GivenUp != 1 || rep.Failed != 0 || !strings.Contains(rep.Summary(), "1 given up") {
				t.Fatalf("poll %d: %s, want the item given up", i, rep)
			}
			break
		}
		if rep.Err != nil || rep.Failed != 1 {
			t.Fatalf("poll %d: %s, want the item failed for now", i, rep)
		}
		retries, _ := db.ItemRetries(t.Context(), f.ID)
		r := retries[slow.URL+"/page/0"]
		if want := Backoff(p.Interval, i); r.Failures != i || r.NextTry.Before(now.Add(want*9/10)) || r.NextTry.After(now.Add(want*11/10)) {
			t.Fatalf("after failure %d: %+v, want a retry in %s ±10%%", i, r, want)
		}
		pages := slow.pages.Load()
		if rep := p.Poll(t.Context(), f); rep.Waiting != 1 || slow.pages.Load() != pages {
			t.Fatalf("a poll before the retry is due: %s, %d page requests", rep, slow.pages.Load()-pages)
		}
		now = r.NextTry.Add(time.Minute)
	}
	if n := slow.pages.Load(); n != MaxItemFailures {
		t.Errorf("%d page requests, want %d", n, MaxItemFailures)
	}
	if retries, _ := db.ItemRetries(t.Context(), f.ID); len(retries) != 0 {
		t.Errorf("retries kept for an item given up: %+v", retries)
	}
	now = now.Add(30 * 24 * time.Hour)
	if rep := p.Poll(t.Context(), f); rep.Known != 1 || slow.pages.Load() != MaxItemFailures {
		t.Errorf("a poll a month later: %s; the item given up was fetched again", rep)
	}
}
