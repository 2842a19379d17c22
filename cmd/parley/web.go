package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/feeds"
	"github.com/parley-bot/parley/fetch"
	"github.com/parley-bot/parley/store"
)

// projectURL is where Parley lives; fetchers name it in their User-Agent
// so that site owners can see who is reading.
const projectURL = "https://github.com/parley-bot/parley"

// newFetcher makes the Fetcher the ingest block of the config asks for.
func newFetcher(c IngestConfig) *fetch.Fetcher {
	return fetch.New(fetch.Config{
		AllowPrivateNetworks: c.AllowPrivateNetworks,
		MaxBytes:             c.MaxBytes,
		Timeout:              c.timeout(),
		UserAgent:            c.UserAgent,
		MaxConcurrent:        c.MaxConcurrentFetches,
	})
}

// newPoller makes the feed poller, storing articles as `parley add` does.
func newPoller(c IngestConfig, db *store.DB, ans *answering, f *fetch.Fetcher) *feeds.Poller {
	return &feeds.Poller{
		DB:       db,
		Fetcher:  f,
		Interval: c.pollInterval(),
		Workers:  c.MaxConcurrentFetches,
		Add: func(ctx context.Context, a *parley.Article) (parley.Outcome, error) {
			outcome, _, err := storeArticle(ctx, db, ans, a)
			return outcome, err
		},
	}
}

// isURL tells a web address from a file path among add's arguments. Any
// scheme counts, so that ftp://… gets the fetcher's reason rather than
// "no such file".
func isURL(arg string) bool { return strings.Contains(arg, "://") }

// describe says in words what became of an article: which article it is,
// or which stored story it is another outlet's copy of.
func describe(sm parley.StateMedia, a parley.Article, outcome parley.Outcome, note string) string {
	detail := fmt.Sprintf(" (article %d: %s)", a.ID, line(a.Title))
	switch outcome {
	case parley.Syndicated:
		detail = fmt.Sprintf(" (the story of article %d; %s recorded as also publishing it)", a.ID, line(sm.Label(a.Outlet)))
	case parley.Revised:
		detail = fmt.Sprintf(" (article %d: %s; nearly the text of a stored article of the same outlet, kept as its own)", a.ID, line(a.Title))
	}
	if note != "" {
		detail += "; " + note
	}
	return detail
}

// tally prints a line for each article `add` was given as it is dealt
// with ("[3/10] added …") and counts the outcomes. It is safe for
// concurrent use.
type tally struct {
	mu      sync.Mutex
	w       io.Writer
	sm      parley.StateMedia
	total   int
	done    int
	counts  map[parley.Outcome]int
	refused bool // a fetch was refused for its address
	quiet   bool // print the rejected only
}

// report prints what became of target, one of add's files or addresses:
// stopped, rejected with the reason, or the outcome of storing a.
func (t *tally) report(ctx context.Context, target string, a parley.Article, outcome parley.Outcome, note string, err error) {
	var detail string
	switch {
	case ctx.Err() != nil:
		outcome, detail = parley.Stopped, ": interrupted"
	case err != nil:
		outcome, detail = parley.Rejected, ": "+line(parley.Message(err))
	default:
		detail = describe(t.sm, a, outcome, note)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done++
	t.counts[outcome]++
	t.refused = t.refused || fetch.Refused(err)
	if t.quiet && outcome != parley.Rejected {
		return
	}
	fmt.Fprintf(t.w, "[%*d/%d] %-10s %s%s\n", len(strconv.Itoa(t.total)), t.done, t.total, outcome, line(target), detail)
}

// hintRefused names the setting that lets fetches reach the local network.
func hintRefused(e *env) {
	fmt.Fprintln(e.stderr, "parley: set ingest.allow_private_networks to true in the config to fetch from your own network.")
}

// addURLs fetches and stores the articles at urls, a few at a time (the
// Fetcher keeps to one request per site), reporting each as it ends.
func addURLs(ctx context.Context, db *store.DB, ans *answering, f *fetch.Fetcher, workers int, urls []string, t *tally) {
	g := new(errgroup.Group)
	g.SetLimit(max(workers, 1))
	for _, u := range urls {
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil
			}
			a, outcome, note, err := fetchArticle(ctx, db, ans, f, u)
			t.report(ctx, u, a, outcome, note, err)
			return nil
		})
	}
	g.Wait()
}
