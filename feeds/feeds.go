// Package feeds follows news feeds (RSS, Atom, JSON Feed): it polls them,
// politely and conditionally, and stores each new item's article — the
// item's own full text when the feed carries it, otherwise the page it
// links to. Items already dealt with, by GUID or canonical URL, are
// skipped; a feed, or an item, that keeps failing is tried less and less
// often, and an item that never stops failing is given up. Feeds are
// polled at once, each poll within a deadline, so that one slow site
// holds up no other feed.
package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/sync/errgroup"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/fetch"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/prose"
	"github.com/parley-bot/parley/store"
)

// Defaults of a Poller's zero fields.
const (
	DefaultInterval = 15 * time.Minute
	// MaxBackoff caps the wait after failures: a feed down for days is
	// still tried daily, and recovers on its own.
	MaxBackoff = 24 * time.Hour
	// MaxItems is how many items of one poll are looked at, newest first;
	// a feed that suddenly lists thousands is not fetched whole.
	MaxItems = 100
	// MaxItemFailures is how many times in a row an item may fail for now
	// (its site timed out, could not be reached, answered 5xx) before it
	// is given up; it is tried again after Backoff(interval, failures).
	MaxItemFailures = 5
)

// Adder stores an article and says what became of it. It is how the
// caller puts its own steps (embedding passages) after storing.
type Adder func(ctx context.Context, a *parley.Article) (parley.Outcome, error)

// Poller polls feeds into the library.
type Poller struct {
	DB      *store.DB
	Fetcher *fetch.Fetcher
	// Add stores an article; nil stores it with its passages (DB.Add).
	Add Adder
	// Interval is the time between polls of a feed; default 15 minutes.
	// Each next poll is set a random ±10% off it, so feeds added together
	// do not stay polled together.
	Interval time.Duration
	// Workers is how many items of a feed are fetched at once (the
	// Fetcher still allows one request per host); default 4.
	Workers int
	// Deadline bounds one poll of a feed, its items included; default the
	// interval, so that a round of polls is over when the next is due.
	// Items left when it passes are dealt with by the next poll.
	Deadline time.Duration
	// Now is the clock that schedules polls and retries; default time.Now.
	Now func() time.Time
	Log *slog.Logger
	// Progress, when set, is called after each item, one call at a time.
	Progress func(Item)

	mu sync.Mutex // serialises Progress
}

// Item is what became of one item of a feed.
type Item struct {
	Feed      parley.Feed
	Title     string
	URL       string
	Outcome   parley.Outcome // added, revised, updated, duplicate, syndicated, rejected, failed (tried again later) or given up
	ArticleID int64
	Err       error // why it was rejected or failed
	Done      int   // items of this poll dealt with so far, this one included
	Total     int   // new items in this poll
}

// Report is the outcome of one poll of one feed.
type Report struct {
	Feed        parley.Feed // as it was before the poll
	NotModified bool        // the feed answered 304 Not Modified
	Items       int         // items in the feed (up to MaxItems)
	Known       int         // items dealt with before, or already in the library
	Added       int
	Updated     int
	Duplicate   int
	Syndicated  int
	Revised     int
	Rejected    int // for good: no article text, 404…
	Failed      int // for now: tried again later
	GivenUp     int // failed MaxItemFailures times in a row
	Waiting     int // failed before, and not due to be tried again yet
	Err         error
	NextPoll    time.Time
	Took        time.Duration
}

// String is the one-line summary of the poll that the log and the CLI
// show: the feed, then Summary.
func (r Report) String() string {
	name := fmt.Sprintf("feed %d", r.Feed.ID)
	if r.Feed.Title != "" {
		name += " (" + r.Feed.Title + ")"
	}
	return name + ": " + r.Summary()
}

// Summary says what the poll did, in one line, without naming the feed.
func (r Report) Summary() string {
	switch {
	case errors.Is(r.Err, context.DeadlineExceeded) && r.Items == 0:
		return "stopped at the deadline before the feed was read; the next poll goes on"
	case errors.Is(r.Err, context.DeadlineExceeded):
		return fmt.Sprintf("stopped at the deadline, %d of %d new items dealt with; the next poll goes on", r.done(), r.Items-r.Known-r.Waiting)
	case errors.Is(r.Err, context.Canceled):
		return "stopped before every item was dealt with; the next poll goes on"
	case r.Err != nil:
		return fmt.Sprintf("failed: %v; next try %s", r.Err, r.NextPoll.Local().Format("2006-01-02 15:04"))
	case r.NotModified:
		return "not modified since the last poll"
	}
	items := "items"
	if r.Items == 1 {
		items = "item"
	}
	s := fmt.Sprintf("%d %s, %d new", r.Items, items, r.Items-r.Known)
	var parts []string
	for _, c := range []struct {
		n    int
		word string
	}{{r.Added, "added"}, {r.Revised, "revised"}, {r.Updated, "updated"}, {r.Syndicated, "syndicated"}, {r.Duplicate, "duplicate"},
		{r.Rejected, "rejected"}, {r.Failed, "failed (tried again later)"}, {r.GivenUp, "given up after failing"},
		{r.Waiting, "waiting to be tried again"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.word))
		}
	}
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	return s
}

// done is how many new items the poll dealt with.
func (r Report) done() int {
	return r.Added + r.Revised + r.Updated + r.Duplicate + r.Syndicated + r.Rejected + r.Failed + r.GivenUp
}

func (p *Poller) interval() time.Duration {
	if p.Interval > 0 {
		return p.Interval
	}
	return DefaultInterval
}

func (p *Poller) deadline() time.Duration {
	if p.Deadline > 0 {
		return p.Deadline
	}
	return p.interval()
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Poller) log() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.New(slog.DiscardHandler)
}

// Backoff is the wait before polling a feed again after its failures-th
// failure in a row: the interval doubled for each, up to MaxBackoff.
func Backoff(interval time.Duration, failures int) time.Duration {
	d := interval
	for range failures {
		if d *= 2; d >= MaxBackoff {
			return MaxBackoff
		}
	}
	return d
}

// jitter moves d by up to ±10%.
func jitter(d time.Duration) time.Duration {
	return d + time.Duration((rand.Float64()*0.2-0.1)*float64(d))
}

// Follow adds the feed at rawURL to the library and polls it once. A web
// page that links to its feed (<link rel="alternate">) is taken for that
// feed. An address that gives no feed is an error wrapping
// parley.ErrInvalid; one already followed, parley.ErrDuplicate.
func (p *Poller) Follow(ctx context.Context, rawURL string) (Report, error) {
	ctx, cancel := context.WithTimeout(ctx, p.deadline())
	defer cancel()
	u, err := fetch.Canonical(rawURL)
	if err != nil {
		return Report{}, err
	}
	r, err := p.Fetcher.Feed(ctx, u, fetch.Validators{})
	if err != nil {
		return Report{}, err
	}
	if r.IsPage() {
		link := discover(r.Body, r.URL)
		if link == "" {
			return Report{}, parley.Errorf(parley.ErrInvalid, "%s is a web page that links to no feed; give the address of its RSS or Atom feed", u)
		}
		if u, err = fetch.Canonical(link); err != nil {
			return Report{}, err
		}
		if r, err = p.Fetcher.Feed(ctx, u, fetch.Validators{}); err != nil {
			return Report{}, err
		}
		if !r.IsFeed() {
			return Report{}, parley.Errorf(parley.ErrInvalid, "%s is not a news feed", u)
		}
	}
	if _, err := parse(r.Body); err != nil {
		return Report{}, err
	}
	f, err := p.DB.AddFeed(ctx, u)
	if err != nil {
		return Report{}, err
	}
	return p.poll(ctx, f, r), nil
}

// Poll polls one feed, conditionally, within the deadline, stores its new
// items and records the poll. The feed's failure, if any, is in the Report.
func (p *Poller) Poll(ctx context.Context, f parley.Feed) Report {
	ctx, cancel := context.WithTimeout(ctx, p.deadline())
	defer cancel()
	start := p.now()
	r, err := p.Fetcher.Feed(ctx, f.URL, fetch.Validators{ETag: f.ETag, LastModified: f.LastModified})
	if err == nil && r.IsPage() {
		err = parley.Errorf(parley.ErrInvalid, "the address now gives a web page, not a feed")
	}
	if err != nil {
		return p.fail(ctx, Report{Feed: f}, start, err)
	}
	return p.poll(ctx, f, r)
}

// Due says whether a feed's next poll is due at now.
func Due(now time.Time) func(parley.Feed) bool {
	return func(f parley.Feed) bool { return !f.NextPoll.After(now) }
}

// PollFeeds polls the feeds want picks, all at once, and returns their
// reports in the feeds' order. Their fetches share the Fetcher's limits
// (MaxConcurrent at once, one at a time per host) and each poll has its
// deadline, so a feed of slow pages delays no other past that.
func (p *Poller) PollFeeds(ctx context.Context, want func(parley.Feed) bool) ([]Report, error) {
	fs, err := p.DB.Feeds(ctx)
	if err != nil {
		return nil, err
	}
	var picked []parley.Feed
	for _, f := range fs {
		if want(f) {
			picked = append(picked, f)
		}
	}
	out := make([]Report, len(picked))
	var wg sync.WaitGroup
	for i, f := range picked {
		wg.Go(func() { out[i] = p.Poll(ctx, f) })
	}
	wg.Wait()
	return out, ctx.Err()
}

// Run polls the feeds that are due until ctx ends, logging a summary of
// each poll; it is what `parley serve` runs beside the bot.
func (p *Poller) Run(ctx context.Context) {
	log := p.log()
	for {
		if _, err := p.PollFeeds(ctx, Due(p.now())); err != nil && ctx.Err() == nil {
			log.Error("feeds not polled", "err", err)
		}
		wait := p.untilNext(ctx)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// untilNext is the wait until the next feed is due, at most an interval
// (feeds added meanwhile are polled by whoever added them) and at least a
// twentieth of one, so a clock that jumps cannot make Run spin.
func (p *Poller) untilNext(ctx context.Context) time.Duration {
	iv := p.interval()
	wait := iv
	fs, err := p.DB.Feeds(ctx)
	if err != nil {
		return wait
	}
	now := p.now()
	for _, f := range fs {
		wait = min(wait, f.NextPoll.Sub(now))
	}
	return max(wait, iv/20)
}

// fail records a failed poll and schedules the next one later than usual.
// A poll stopped (at its deadline, or by the caller) is not a failure: it
// is not recorded, so the feed is due again at once, and rep keeps what it
// did.
func (p *Poller) fail(ctx context.Context, rep Report, start time.Time, err error) Report {
	f := rep.Feed
	rep.Err, rep.Took = err, p.now().Sub(start)
	if ctx.Err() != nil {
		rep.Err = ctx.Err()
		p.log().Info("feed poll stopped", "feed", f.ID, "url", f.URL, "why", rep.Err, "items", rep.Items,
			"dealt_with", rep.done(), "took", rep.Took.Round(time.Millisecond))
		return rep
	}
	rep = Report{Feed: f, Err: err, Took: rep.Took}
	rep.NextPoll = p.now().Add(jitter(Backoff(p.interval(), f.Failures+1)))
	if serr := p.DB.SavePoll(ctx, f.ID, parley.Poll{At: p.now(), Err: err.Error(), NextPoll: rep.NextPoll}); serr != nil {
		p.log().Error("feed poll not recorded", "feed", f.ID, "err", serr)
	}
	p.log().Warn("feed poll failed", "feed", f.ID, "url", f.URL, "failures", f.Failures+1, "err", err,
		"next_poll", rep.NextPoll.Format(time.RFC3339))
	return rep
}

// poll deals with a fetched feed: its new items are stored and the poll is
// recorded.
func (p *Poller) poll(ctx context.Context, f parley.Feed, r *fetch.Response) Report {
	start := p.now()
	rep := Report{Feed: f, NotModified: r.NotModified}
	var title string
	if !r.NotModified {
		feed, err := parse(r.Body)
		if err != nil {
			return p.fail(ctx, rep, start, err)
		}
		title = strings.TrimSpace(feed.Title)
		if rep.Feed.Title == "" {
			rep.Feed.Title = title
		}
		if err := p.items(ctx, &rep, feed, r.URL); err != nil {
			return p.fail(ctx, rep, start, err)
		}
	}
	if rep.Added+rep.Revised+rep.Updated > 0 {
		// The poll's articles each wrote a segment of the index: merge the
		// small ones, so that searches stay as fast as the library grows.
		if err := p.DB.Tidy(context.WithoutCancel(ctx)); err != nil {
			p.log().Error("index not tidied", "feed", f.ID, "err", err)
		}
	}
	rep.Took = p.now().Sub(start)
	rep.NextPoll = p.now().Add(jitter(p.interval()))
	// Every item was dealt with: the poll is recorded even if the deadline
	// has passed meanwhile.
	err := p.DB.SavePoll(context.WithoutCancel(ctx), f.ID, parley.Poll{At: p.now(), OK: true, Title: title, ETag: r.ETag,
		LastModified: r.LastModified, NextPoll: rep.NextPoll})
	if err != nil {
		p.log().Error("feed poll not recorded", "feed", f.ID, "err", err)
	}
	p.log().Info("feed polled", "feed", f.ID, "url", f.URL, "not_modified", rep.NotModified, "items", rep.Items,
		"known", rep.Known, "added", rep.Added, "revised", rep.Revised, "updated", rep.Updated, "syndicated", rep.Syndicated,
		"duplicate", rep.Duplicate, "rejected", rep.Rejected, "failed", rep.Failed, "given_up", rep.GivenUp,
		"waiting", rep.Waiting, "took", rep.Took.Round(time.Millisecond))
	return rep
}

// parse reads RSS, Atom or JSON Feed.
func parse(body []byte) (*gofeed.Feed, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, parley.Errorf(parley.ErrInvalid, "the address gives no RSS, Atom or JSON feed")
		}
		return nil, parley.Errorf(parley.ErrInvalid, "the feed cannot be read: %v", err)
	}
	return feed, nil
}

// entry is one item of a feed, with the key it is remembered by.
type entry struct {
	item *gofeed.Item
	key  string // GUID, or canonical URL
	link string // canonical URL, or ""
	// own says the link is on the feed's own site, so the feed's text of
	// the item may be stored under it: a feed's text for another site's
	// address would put its words under that site's name.
	own bool
}

// items stores the feed's new items, a few at a time.
func (p *Poller) items(ctx context.Context, rep *Report, feed *gofeed.Feed, base *url.URL) error {
	var entries []entry
	var keys []string
	for _, it := range feed.Items {
		if len(entries) == MaxItems {
			break
		}
		e := entry{item: it, key: strings.TrimSpace(it.GUID)}
		if raw := itemLink(it); raw != "" {
			if u, err := base.Parse(raw); err == nil {
				e.link, _ = fetch.Canonical(u.String())
				e.own = fetch.SameSite(e.link, base.String())
			}
		}
		if e.key == "" {
			e.key = e.link
		}
		if e.key == "" {
			e.key = "title:" + strings.TrimSpace(it.Title) // neither GUID nor link: the title is all there is
		}
		entries = append(entries, e)
		keys = append(keys, e.key)
	}
	rep.Items = len(entries)
	seen, err := p.DB.SeenItems(ctx, rep.Feed.ID, keys)
	if err != nil {
		return err
	}
	retries, err := p.DB.ItemRetries(ctx, rep.Feed.ID)
	if err != nil {
		return err
	}
	now := p.now()
	var fresh []entry
	for _, e := range entries {
		if seen[e.key] {
			rep.Known++
			continue
		}
		if r, ok := retries[e.key]; ok && r.NextTry.After(now) {
			rep.Waiting++
			continue
		}
		if e.link != "" {
			id, ok, err := p.DB.ArticleByURL(ctx, e.link)
			if err != nil {
				return err
			}
			if ok {
				rep.Known++
				if err := p.DB.MarkSeen(ctx, rep.Feed.ID, e.key, id); err != nil {
					return err
				}
				continue
			}
		}
		fresh = append(fresh, e)
	}
	workers := p.Workers
	if workers <= 0 {
		workers = 4
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	var mu sync.Mutex
	done := 0
	for _, e := range fresh {
		g.Go(func() error {
			it := p.item(gctx, rep.Feed, strings.TrimSpace(feed.Title), e)
			if it.Outcome == parley.Failed && gctx.Err() != nil {
				return nil // stopped, not failed: the next poll tries it afresh
			}
			mu.Lock()
			defer mu.Unlock()
			// What became of the item is recorded even when the deadline
			// has passed meanwhile.
			if err := p.settle(context.WithoutCancel(gctx), rep.Feed.ID, e.key, retries[e.key], &it); err != nil {
				return err
			}
			switch it.Outcome {
			case parley.Added:
				rep.Added++
			case parley.Updated:
				rep.Updated++
			case parley.Duplicate:
				rep.Duplicate++
			case parley.Syndicated:
				rep.Syndicated++
			case parley.Revised:
				rep.Revised++
			case parley.Rejected:
				rep.Rejected++
			case parley.GivenUp:
				rep.GivenUp++
			default:
				rep.Failed++
			}
			done++
			it.Done, it.Total = done, len(fresh)
			p.report(it)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// settle records what became of an item: one dealt with (stored, or
// rejected for good) is seen and never fetched again; one that failed for
// now is tried again after Backoff(interval, its failures in a row), and
// given up, as seen, at the MaxItemFailures-th.
func (p *Poller) settle(ctx context.Context, feedID int64, key string, prev store.ItemRetry, it *Item) error {
	if it.Outcome == parley.Failed {
		r := store.ItemRetry{Failures: prev.Failures + 1, LastError: it.Err.Error()}
		if r.Failures < MaxItemFailures {
			r.NextTry = p.now().Add(jitter(Backoff(p.interval(), r.Failures)))
			return p.DB.SetItemRetry(ctx, feedID, key, r)
		}
		it.Outcome = parley.GivenUp
	}
	if err := p.DB.MarkSeen(ctx, feedID, key, it.ArticleID); err != nil {
		return err
	}
	if prev.Failures > 0 {
		return p.DB.ClearItemRetry(ctx, feedID, key)
	}
	return nil
}

func (p *Poller) report(it Item) {
	lvl := slog.LevelDebug
	if it.Err != nil {
		lvl = slog.LevelWarn
	}
	p.log().Log(context.Background(), lvl, "feed item", "feed", it.Feed.ID, "url", it.URL, "outcome", it.Outcome.String(),
		"article", it.ArticleID, "err", it.Err)
	if p.Progress != nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.Progress(it)
	}
}

// item stores one new item: the feed's own text when it carries the whole
// article, otherwise the page it links to.
func (p *Poller) item(ctx context.Context, f parley.Feed, outlet string, e entry) Item {
	it := Item{Feed: f, Title: strings.TrimSpace(e.item.Title), URL: e.link}
	a, err := p.article(ctx, outlet, e)
	if err != nil {
		it.Err = err
		it.Outcome = parley.Rejected
		if fetch.Temporary(err) || ctx.Err() != nil {
			it.Outcome = parley.Failed
		}
		return it
	}
	add := p.Add
	if add == nil {
		add = func(ctx context.Context, a *parley.Article) (parley.Outcome, error) {
			_, o, err := p.DB.Add(ctx, a, ingest.Passages(a.Title, a.Body))
			return o, err
		}
	}
	outcome, err := add(ctx, &a)
	if err != nil {
		it.Err = err
		it.Outcome = parley.Rejected
		if !errors.Is(err, parley.ErrInvalid) {
			it.Outcome = parley.Failed
		}
		return it
	}
	it.Title, it.ArticleID, it.Outcome = a.Title, a.ID, outcome
	return it
}

// article makes the item's article: from the feed's own text of it when
// that is the whole article and the item links to the feed's site (or
// nowhere), otherwise from the page it links to. The item's metadata fills
// what the page leaves out; the feed's title stands for the outlet.
func (p *Poller) article(ctx context.Context, outlet string, e entry) (parley.Article, error) {
	it := e.item
	var a parley.Article
	var err error
	switch {
	case prose.WordCount(text(it.Content)) >= ingest.MinWebWords && (e.own || e.link == ""):
		a, _, err = ingest.ParseWebPage([]byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article>" +
			it.Content + "</article></body></html>"))
		a.Title, a.URL = "", e.link
	case e.link != "":
		a, err = p.Fetcher.Article(ctx, e.link)
	default:
		err = parley.Errorf(parley.ErrInvalid, "the item has no link and not the article's text")
	}
	if err != nil {
		return a, err
	}
	if a.Title == "" {
		a.Title = strings.TrimSpace(it.Title)
	}
	if a.Outlet == "" {
		a.Outlet = outlet
	}
	if a.Author == "" && it.Author != nil {
		a.Author = strings.TrimSpace(it.Author.Name)
	}
	if a.Published.IsZero() {
		switch {
		case it.PublishedParsed != nil:
			a.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			a.Published = it.UpdatedParsed.UTC()
		}
	}
	if a.URL == "" {
		a.URL = e.link
	}
	return a, nil
}

func itemLink(it *gofeed.Item) string {
	if it.Link != "" {
		return it.Link
	}
	for _, l := range it.Links {
		if l != "" {
			return l
		}
	}
	return ""
}
