package feeds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/fetch"
	"github.com/parley-bot/parley/internal/newssite"
	"github.com/parley-bot/parley/store"
)

func setup(t *testing.T) (*newssite.Site, *store.DB, *Poller) {
	t.Helper()
	site := newssite.Start(7)
	t.Cleanup(site.Close)
	db, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p := &Poller{DB: db, Fetcher: fetch.New(fetch.Config{AllowPrivateNetworks: true, Timeout: 5 * time.Second}), Interval: time.Hour}
	return site, db, p
}

func count(t *testing.T, db *store.DB) int {
	t.Helper()
	n, err := db.Count(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRSS follows an RSS feed of 20 summaries: each item's page is fetched
// and stored with the page's metadata under its canonical URL; a second
// poll is a conditional GET answered 304; new items are fetched, known
// ones are not.
func TestRSS(t *testing.T) {
	site, db, p := setup(t)
	var progress []Item
	p.Progress = func(it Item) { progress = append(progress, it) }
	rep, err := p.Follow(t.Context(), site.URL+"/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Items != 20 || rep.Added != 20 || rep.Known != 0 || rep.Failed+rep.Rejected != 0 {
		t.Fatalf("first poll: %s", rep)
	}
	if n := count(t, db); n != 20 {
		t.Fatalf("%d articles stored, want 20", n)
	}
	if len(progress) != 20 || progress[19].Done != 20 || progress[19].Total != 20 {
		t.Errorf("progress: %d calls, last %+v", len(progress), progress[len(progress)-1])
	}
	want := site.Story(3)
	id, ok, err := db.ArticleByURL(t.Context(), site.StoryURL(3))
	if err != nil || !ok {
		t.Fatalf("story 3 not stored under its canonical URL %s (%v)", site.StoryURL(3), err)
	}
	got, err := db.Article(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != want.Title || got.Outlet != want.Outlet || got.Author != want.Author || !got.Published.Equal(want.Published) {
		t.Errorf("story 3 stored as %q / %q / %q / %s, want %q / %q / %q / %s",
			got.Title, got.Outlet, got.Author, got.Published, want.Title, want.Outlet, want.Author, want.Published)
	}
	if !strings.Contains(got.Body, strings.SplitN(want.Body, "\n", 2)[0]) || strings.Contains(got.Body, "All rights reserved") {
		t.Errorf("story 3's text is not the article's:\n%s", got.Body)
	}

	fs, err := db.Feeds(t.Context())
	if err != nil || len(fs) != 1 {
		t.Fatalf("feeds: %v, %v", fs, err)
	}
	f := fs[0]
	if f.Title != "Example News: Ukraine talks" || f.ETag == "" || f.Items != 20 || f.NextPoll.Before(time.Now().Add(50*time.Minute)) {
		t.Errorf("feed after the first poll: %+v", f)
	}

	pages := site.Requests("/story/3")
	rep = p.Poll(t.Context(), f)
	if !rep.NotModified || rep.Err != nil || site.NotModified() != 1 {
		t.Fatalf("second poll: %s (304s: %d)", rep, site.NotModified())
	}
	if site.Requests("/story/3") != pages {
		t.Error("a 304 poll fetched pages")
	}

	site.SetFeed(5, 20) // stories 20–24 are new; 0–4 have dropped off
	f, _ = db.Feed(t.Context(), f.ID)
	rep = p.Poll(t.Context(), f)
	if rep.Items != 20 || rep.Known != 15 || rep.Added != 5 {
		t.Fatalf("third poll: %s", rep)
	}
	if site.Requests("/story/3") != pages || site.Requests("/story/10") != 1 || site.Requests("/story/24") != 1 {
		t.Errorf("known items were fetched again, or new ones not: /story/3 %d, /story/10 %d, /story/24 %d",
			site.Requests("/story/3"), site.Requests("/story/10"), site.Requests("/story/24"))
	}
	if n := count(t, db); n != 25 {
		t.Errorf("%d articles stored, want 25", n)
	}
}

// TestAtomFullText: an Atom feed that carries each story's text is stored
// without fetching a page, and its relative links resolve against the
// feed's address. The RSS feed of the same site then finds every story
// already in the library.
func TestAtomFullText(t *testing.T) {
	site, db, p := setup(t)
	rep, err := p.Follow(t.Context(), site.URL+"/atom.xml")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Items != 20 || rep.Added != 20 {
		t.Fatalf("atom: %s", rep)
	}
	if n := site.Requests("/story/0"); n != 0 {
		t.Errorf("a full-text item's page was fetched %d times", n)
	}
	id, ok, err := db.ArticleByURL(t.Context(), site.StoryURL(7))
	if err != nil || !ok {
		t.Fatalf("story 7 not under %s", site.StoryURL(7))
	}
	a, _ := db.Article(t.Context(), id)
	want := site.Story(7)
	if a.Title != want.Title || a.Author != want.Author || !a.Published.Equal(want.Published) || a.Outlet != "Example News (full text)" {
		t.Errorf("story 7: %q %q %s %q", a.Title, a.Author, a.Published, a.Outlet)
	}
	rep, err = p.Follow(t.Context(), site.URL+"/rss.xml")
	if err != nil || rep.Known != 20 || rep.Added != 0 {
		t.Fatalf("rss after atom: %s, %v", rep, err)
	}
	if n := site.Requests("/story/7"); n != 0 {
		t.Errorf("a story already in the library was fetched %d times", n)
	}
}

// TestFollowErrors: a site's home page leads to its feed; a page with no
// feed, a feed followed twice and a dead address are refused with reasons.
func TestFollowErrors(t *testing.T) {
	site, db, p := setup(t)
	rep, err := p.Follow(t.Context(), site.URL+"/")
	if err != nil || rep.Feed.URL != site.URL+"/rss.xml" {
		t.Fatalf("home page: %+v, %v; want the feed it links to", rep.Feed, err)
	}
	_, err = p.Follow(t.Context(), site.URL+"/rss.xml?utm_source=x")
	if !errors.Is(err, parley.ErrDuplicate) {
		t.Errorf("following twice: %v, want ErrDuplicate", err)
	}
	_, err = p.Follow(t.Context(), site.StoryURL(1))
	if !errors.Is(err, parley.ErrInvalid) || !strings.Contains(err.Error(), "links to no feed") {
		t.Errorf("a story page: %v", err)
	}
	_, err = p.Follow(t.Context(), site.URL+"/nothing")
	if !errors.Is(err, parley.ErrInvalid) || !strings.Contains(err.Error(), "404") {
		t.Errorf("a 404: %v", err)
	}
	if fs, _ := db.Feeds(t.Context()); len(fs) != 1 {
		t.Errorf("%d feeds followed, want 1", len(fs))
	}
}

// TestBackoff: a feed that fails is retried later and later, the failures
// show in the feed's record, and the first success resets them.
func TestBackoff(t *testing.T) {
	site, db, p := setup(t)
	rep, err := p.Follow(t.Context(), site.URL+"/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	site.FailFeeds(true)
	id := rep.Feed.ID
	// The poller's clock stands still, so each wait is measured from the
	// very time the poll scheduled from.
	now := time.Date(2025, 8, 18, 12, 0, 0, 0, time.UTC)
	p.Now = func() time.Time { return now }
	var waits []time.Duration
	for range 3 {
		f, _ := db.Feed(t.Context(), id)
		before := now
		rep = p.Poll(t.Context(), f)
		if rep.Err == nil || !strings.Contains(rep.Err.Error(), "500") {
			t.Fatalf("poll of a failing feed: %s", rep)
		}
		waits = append(waits, rep.NextPoll.Sub(before))
	}
	for i, want := range []time.Duration{2 * time.Hour, 4 * time.Hour, 8 * time.Hour} {
		if waits[i] < want*9/10 || waits[i] > want*11/10+time.Minute {
			t.Errorf("wait after failure %d: %s, want %s ±10%%", i+1, waits[i], want)
		}
	}
	f, _ := db.Feed(t.Context(), id)
	if f.Failures != 3 || !strings.Contains(f.LastError, "500 Internal Server Error") {
		t.Errorf("feed after 3 failures: %d failures, %q", f.Failures, f.LastError)
	}
	reps, err := p.PollFeeds(t.Context(), Due(now))
	if err != nil || len(reps) != 0 {
		t.Errorf("PollDue polled a feed in backoff: %v %v", reps, err)
	}
	site.FailFeeds(false)
	site.SetFeed(1, 20)
	reps, err = p.PollFeeds(t.Context(), func(parley.Feed) bool { return true })
	if err != nil || len(reps) != 1 || reps[0].Err != nil || reps[0].Added != 1 {
		t.Fatalf("poll after recovery: %v, %v", reps, err)
	}
	f, _ = db.Feed(t.Context(), id)
	if f.Failures != 0 || f.LastError != "" {
		t.Errorf("failures not reset: %+v", f)
	}
	if got := Backoff(15*time.Minute, 20); got != MaxBackoff {
		t.Errorf("Backoff after 20 failures = %s, want %s", got, MaxBackoff)
	}
}

// TestItemsRejectedAndFailed: an item whose page is a paywall stub is
// rejected and not tried again; one whose server fails waits out its
// backoff, then is tried again.
func TestItemsRejectedAndFailed(t *testing.T) {
	site, db, p := setup(t)
	var failing atomic.Bool
	failing.Store(true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title>
<item><title>Good</title><link>%s</link></item>
<item><title>Paywalled</title><link>%s/paywall/2</link></item>
<item><title>Flaky</title><link>/flaky</link><guid>flaky-1</guid></item>
</channel></rss>`, site.StoryURL(0), site.URL)
		case "/flaky":
			if failing.Load() {
				http.Error(w, "overloaded", http.StatusServiceUnavailable)
				return
			}
			http.Redirect(w, r, site.StoryURL(5), http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	rep, err := p.Follow(t.Context(), srv.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 1 || rep.Rejected != 1 || rep.Failed != 1 {
		t.Fatalf("first poll: %s", rep)
	}
	failing.Store(false)
	f, _ := db.Feed(t.Context(), rep.Feed.ID)
	rep = p.Poll(t.Context(), f)
	if rep.Known != 2 || rep.Waiting != 1 || rep.Added != 0 {
		t.Fatalf("second poll, at once: %s", rep)
	}
	later := time.Now().Add(Backoff(p.Interval, 1) * 2)
	p.Now = func() time.Time { return later }
	rep = p.Poll(t.Context(), f)
	if rep.Known != 2 || rep.Added != 1 || rep.Rejected != 0 {
		t.Fatalf("poll after the backoff: %s", rep)
	}
	if n := site.Requests("/paywall/2"); n != 1 {
		t.Errorf("the paywall page was fetched %d times, want 1", n)
	}
}

func TestPollCancelled(t *testing.T) {
	site, db, p := setup(t)
	ctx, cancel := context.WithCancel(t.Context())
	p.Progress = func(it Item) {
		if it.Done == 2 {
			cancel()
		}
	}
	p.Workers = 1
	rep, err := p.Follow(ctx, site.URL+"/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, db); n >= 20 {
		t.Errorf("%d articles after cancelling", n)
	}
	if got := rep.Summary(); !strings.Contains(got, "the next poll goes on") {
		t.Errorf("the summary of a cancelled poll: %q", got)
	}
	f, _ := db.Feeds(context.Background())
	p.Progress = nil
	rep = p.Poll(t.Context(), f[0])
	if rep.Err != nil || count(t, db) != 20 {
		t.Errorf("the poll after a cancelled one: %s; %d articles", rep, count(t, db))
	}
}

// TestSyndicatedCopies: one wire story published by three outlets, each
// page with its own boilerplate and address, is stored once, with the
// other two outlets recorded as also publishing it.
func TestSyndicatedCopies(t *testing.T) {
	site, db, p := setup(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Aggregator</title>`)
		for _, o := range []string{"ap", "courier", "herald"} {
			fmt.Fprintf(w, `<item><title>Story</title><link>%s/wire/%s/3</link></item>`, site.URL, o)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	defer srv.Close()
	p.Workers = 1 // in feed order, so that AP's copy is the one stored
	rep, err := p.Follow(t.Context(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 1 || rep.Syndicated != 2 {
		t.Fatalf("poll: %s", rep)
	}
	if n := count(t, db); n != 1 {
		t.Fatalf("%d articles stored, want 1", n)
	}
	id, ok, err := db.ArticleByURL(t.Context(), site.URL+"/wire/herald/3")
	if err != nil || !ok {
		t.Fatalf("the Herald's copy is not known by its URL: %v", err)
	}
	a, _ := db.Article(t.Context(), id)
	if a.Outlet != "Associated Press" {
		t.Errorf("stored outlet %q, want Associated Press", a.Outlet)
	}
	outlets, err := db.Outlets(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range outlets {
		names = append(names, o.Outlet)
	}
	if strings.Join(names, ", ") != "Lakeside Herald, The Daily Courier" && strings.Join(names, ", ") != "The Daily Courier, Lakeside Herald" {
		t.Errorf("also published by %v", names)
	}
}

// TestFullTextForAnotherSite: a feed's own text of an item is stored only
// under an address of the feed's site. An item that links to another site
// is stored from the page it links to, so that no feed can put its words
// under another site's address (127.0.0.1 and localhost are two sites).
func TestFullTextForAnotherSite(t *testing.T) {
	site, db, p := setup(t)
	fabricated := strings.Repeat("Russia surrendered every claim today, this outlet can exclusively reveal to all readers. ", 12)
	elsewhere := strings.Replace(site.StoryURL(4), "127.0.0.1", "localhost", 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Hijacker</title>
<item><title>Story</title><link>%s</link><content:encoded><![CDATA[<p>%s</p>]]></content:encoded></item>
</channel></rss>`, elsewhere, fabricated)
	}))
	defer srv.Close()
	rep, err := p.Follow(t.Context(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 1 || site.Requests("/story/4") != 1 {
		t.Fatalf("poll: %s; the linked page fetched %d times, want once", rep, site.Requests("/story/4"))
	}
	list, err := db.List(t.Context())
	if err != nil || len(list) != 1 {
		t.Fatalf("list: %v, %v", list, err)
	}
	a, _ := db.Article(t.Context(), list[0].ID)
	if strings.Contains(a.Body, "surrendered") || !strings.Contains(a.Body, strings.SplitN(site.Story(4).Body, "\n", 2)[0]) || a.URL != elsewhere {
		t.Errorf("stored %s:\n%s", a.URL, a.Body)
	}
}

// TestRemovedStaysRemoved: an article an admin removes is not brought back
// by the next poll of its feed.
func TestRemovedStaysRemoved(t *testing.T) {
	site, db, p := setup(t)
	rep, err := p.Follow(t.Context(), site.URL+"/rss.xml")
	if err != nil || rep.Added != 20 {
		t.Fatalf("follow: %s, %v", rep, err)
	}
	id, ok, _ := db.ArticleByURL(t.Context(), site.StoryURL(4))
	if !ok {
		t.Fatal("story 4 not stored")
	}
	if err := db.Remove(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	site.SetFeed(0, 21)
	f, _ := db.Feed(t.Context(), rep.Feed.ID)
	rep = p.Poll(t.Context(), f)
	if rep.Known != 20 || rep.Added != 1 {
		t.Errorf("poll after a removal: %s", rep)
	}
	if _, ok, _ := db.ArticleByURL(t.Context(), site.StoryURL(4)); ok {
		t.Error("the removed story came back")
	}
}

// TestShortItemsAndMalformedPages: an item whose page is a short brief
// marked as an article is stored; one whose server sends a malformed
// Content-Type is rejected for good, with the header, not tried again as
// a site that could not be reached would be.
func TestShortItemsAndMalformedPages(t *testing.T) {
	_, db, p := setup(t)
	brief := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Talks in Istanbul</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks in Istanbul"}</script>
</head><body><article><h1>Talks in Istanbul</h1>
<p>Ukrainian and Russian delegations will meet in Istanbul on Monday for a third round of direct talks, officials said.</p>
<p>The talks are expected to focus on a further exchange of prisoners and on the return of children taken to Russia.</p>
<p>Kyiv said its delegation would again be led by the former defence minister, Rustem Umerov.</p></article></body></html>`
	var malformed atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Briefs</title>
<item><title>Talks in Istanbul</title><link>/brief</link><description>Talks on Monday.</description></item>
<item><title>Garbled</title><link>/garbled</link></item>
</channel></rss>`)
		case "/brief":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, brief)
		case "/garbled":
			malformed.Add(1)
			w.Header().Set("Content-Type", "text html")
			fmt.Fprint(w, brief)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	var rejected []Item
	p.Progress = func(it Item) {
		if it.Outcome == parley.Rejected {
			rejected = append(rejected, it)
		}
	}
	rep, err := p.Follow(t.Context(), srv.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 1 || rep.Rejected != 1 || rep.Failed != 0 {
		t.Fatalf("first poll: %s", rep)
	}
	if len(rejected) != 1 || !strings.Contains(rejected[0].Err.Error(), `the server sent a malformed Content-Type header, "text html"`) {
		t.Errorf("rejected %+v, want the garbled page for its Content-Type", rejected)
	}
	later := time.Now().Add(Backoff(p.Interval, MaxItemFailures) * 2)
	p.Now = func() time.Time { return later }
	f, _ := db.Feed(t.Context(), rep.Feed.ID)
	if rep = p.Poll(t.Context(), f); rep.Known != 2 || rep.Failed+rep.Rejected != 0 {
		t.Errorf("second poll: %s", rep)
	}
	if n := malformed.Load(); n != 1 {
		t.Errorf("the garbled page was fetched %d times, want 1", n)
	}
}

// TestPollTidiesIndex: a poll that stores articles leaves the search index
// in few segments (store.DB.Tidy), where each article's add wrote one.
func TestPollTidiesIndex(t *testing.T) {
	site, db, p := setup(t)
	if _, err := p.Follow(t.Context(), site.URL+"/rss.xml"); err != nil {
		t.Fatal(err)
	}
	segs, err := db.IndexSegments(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(segs) > 2 {
		t.Errorf("after a poll that added 20 articles: %d segments of the index, want at most 2", len(segs))
	}
}
