package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/feeds"
	"github.com/parley-bot/parley/fetch"
	"github.com/parley-bot/parley/ingest"
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
func newPoller(c IngestConfig, db *store.DB, br *brain, f *fetch.Fetcher) *feeds.Poller {
	return &feeds.Poller{
		DB:       db,
		Fetcher:  f,
		Interval: c.pollInterval(),
		Workers:  c.MaxConcurrentFetches,
		Add: func(ctx context.Context, a *parley.Article) (store.Outcome, error) {
			outcome, _, err := storeArticle(ctx, db, br, a)
			return outcome, err
		},
	}
}

// isURL tells a web address from a file path among add's arguments. Any
// scheme counts, so that ftp://… gets the fetcher's reason rather than
// "no such file".
func isURL(arg string) bool { return strings.Contains(arg, "://") }

// storeArticle stores an article with its passages and embeds them when
// the library uses embeddings; note says what was not done.
func storeArticle(ctx context.Context, db *store.DB, br *brain, a *parley.Article) (outcome store.Outcome, note string, err error) {
	_, outcome, err = db.Add(ctx, a, ingest.Passages(a.Body))
	if err != nil {
		return 0, "", err
	}
	if outcome == store.Added || outcome == store.Updated {
		if err := br.embedPassages(ctx, db, a.ID); err != nil {
			note = "not embedded (" + err.Error() + "): run parley reindex --embeddings later"
		}
	}
	return outcome, note, nil
}

// fetchArticle fetches the article at url and stores it.
func fetchArticle(ctx context.Context, db *store.DB, br *brain, f *fetch.Fetcher, url string) (parley.Article, store.Outcome, string, error) {
	a, err := f.Article(ctx, url)
	if err != nil {
		return a, 0, "", err
	}
	outcome, note, err := storeArticle(ctx, db, br, &a)
	return a, outcome, note, err
}

// describe says in words what became of an article: which article it is,
// or which stored story it is another outlet's copy of.
func describe(a parley.Article, outcome store.Outcome, note string) string {
	detail := fmt.Sprintf(" (article %d: %s)", a.ID, a.Title)
	if outcome == store.Syndicated {
		detail = fmt.Sprintf(" (the story of article %d; %s recorded as also publishing it)", a.ID, a.Outlet)
	}
	if note != "" {
		detail += "; " + note
	}
	return detail
}

// reason is an error as a user reads it: the cause alone, without the
// "invalid input" the error also wraps.
func reason(err error) string {
	return strings.TrimPrefix(err.Error(), parley.ErrInvalid.Error()+": ")
}

// addURLs fetches and stores the articles at urls, a few at a time (the
// Fetcher keeps to one request per site), printing a line as each one ends.
// It returns the number of each outcome.
func addURLs(ctx context.Context, e *env, db *store.DB, br *brain, f *fetch.Fetcher, workers int, urls []string, done *int, total int, counts map[string]int) {
	var mu sync.Mutex
	refused := false
	defer func() {
		if refused {
			fmt.Fprintln(e.stderr, "parley: Parley fetches only from public web servers; set ingest.allow_private_networks to true in the config to fetch from your own network.")
		}
	}()
	g := new(errgroup.Group)
	g.SetLimit(max(workers, 1))
	for _, u := range urls {
		g.Go(func() error {
			if ctx.Err() != nil {
				return nil
			}
			a, outcome, note, err := fetchArticle(ctx, db, br, f, u)
			mu.Lock()
			defer mu.Unlock()
			*done++
			status, detail := "", ""
			switch {
			case ctx.Err() != nil:
				status, detail = "stopped", ": interrupted"
			case err != nil:
				status, detail = "rejected", ": "+reason(err)
				refused = refused || fetch.Refused(err)
			default:
				status, detail = outcome.String(), describe(a, outcome, note)
			}
			counts[status]++
			fmt.Fprintf(e.stdout, "[%*d/%d] %-10s %s%s\n", len(strconv.Itoa(total)), *done, total, status, u, detail)
			return nil
		})
	}
	g.Wait()
}
