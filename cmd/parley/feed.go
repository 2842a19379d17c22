package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/feeds"
	"github.com/parley-bot/parley/fetch"
	"github.com/parley-bot/parley/prose"
	"github.com/parley-bot/parley/store"
)

const feedUsage = `Usage: parley feed add|list|remove|poll

Follow news feeds into the library.

  parley feed add URL…          follow feeds (RSS, Atom, JSON Feed, or a site that links to one)
                                and store their articles now
  parley feed list [--json]     the feeds followed, their last poll and any failures
  parley feed remove ID…        stop following feeds; their articles stay
  parley feed poll [--all]      poll the feeds once (for cron); feeds that keep failing
                                wait out their backoff unless --all

'parley serve' polls the feeds itself every ingest.feeds_poll_interval.
`

var feedHelp = map[string]string{
	"add":    "Follow feeds (RSS, Atom, JSON Feed, or a site's page that links to one) and store their articles now.",
	"list":   "List the feeds followed, their last poll and any failures.",
	"remove": "Stop following feeds. The articles they brought stay in the library.",
	"poll":   "Poll the feeds once and store their new articles (for cron). Feeds that keep failing\nwait out their backoff unless --all.",
}

func cmdFeed(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"feed needs a subcommand: add, list, remove or poll", feedUsage}
	}
	switch args[0] {
	case "add":
		return cmdFeedAdd(ctx, e, args[1:])
	case "list":
		return cmdFeedList(ctx, e, args[1:])
	case "remove", "rm":
		return cmdFeedRemove(ctx, e, args[1:])
	case "poll":
		return cmdFeedPoll(ctx, e, args[1:])
	case "-h", "--help", "-help", "help":
		if len(args) > 1 && args[0] == "help" {
			// parley feed help SUBCOMMAND is parley feed SUBCOMMAND --help.
			return cmdFeed(ctx, e, []string{args[1], "--help"})
		}
		fmt.Fprint(e.stdout, feedUsage)
		return flag.ErrHelp
	}
	return usageError{fmt.Sprintf("unknown feed subcommand %q", args[0]), feedUsage}
}

func feedFlags(e *env, name, args string) *flag.FlagSet {
	return commandFlags(e, "feed "+name, args, feedHelp[name])
}

// openPoller opens the library, the model (for embeddings) and a poller
// that shows each item on stdout as it is dealt with.
func (e *env) openPoller(ctx context.Context) (*store.DB, *feeds.Poller, error) {
	cfg, err := e.config()
	if err != nil {
		return nil, nil, err
	}
	db, ans, err := e.openAnswering(ctx)
	if err != nil {
		return nil, nil, err
	}
	p := newPoller(cfg.Ingest, db, ans, newFetcher(cfg.Ingest))
	p.Log = newLogger(e.stderr, LogConfig{Level: "error", Format: cfg.Log.Format})
	p.Progress = progress(e.stdout)
	return db, p, nil
}

// progress prints each item as it is dealt with.
func progress(w io.Writer) func(feeds.Item) {
	return func(it feeds.Item) {
		detail := ""
		switch {
		case it.Err != nil:
			detail = ": " + parley.Message(it.Err)
		case it.Outcome == parley.Syndicated:
			detail = fmt.Sprintf(" (the story of article %d)", it.ArticleID)
		case it.ArticleID != 0:
			detail = fmt.Sprintf(" (article %d: %s)", it.ArticleID, it.Title)
		}
		fmt.Fprintf(w, "  [%*d/%d] %-10s %s%s\n", len(strconv.Itoa(it.Total)), it.Done, it.Total, it.Outcome, line(it.URL), line(detail))
	}
}

func cmdFeedAdd(ctx context.Context, e *env, args []string) error {
	fs := feedFlags(e, "add", "URL…")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("feed add needs the address of a feed, e.g. parley feed add https://example.com/rss.xml")
	}
	db, p, err := e.openPoller(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	failed := 0
	for _, u := range pos {
		fmt.Fprintf(e.stdout, "Following %s…\n", u)
		rep, err := p.Follow(ctx, u)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "parley: cannot follow %s: %s\n", u, parley.Message(err))
			if fetch.Refused(err) {
				hintRefused(e)
			}
			continue
		}
		fmt.Fprintf(e.stdout, "Following %s as feed %d.\n%s\n", rep.Feed.URL, rep.Feed.ID, line(rep.String()))
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if failed > 0 {
		return fmt.Errorf("%d of %s not followed", failed, plural(len(pos), "feed"))
	}
	return nil
}

func cmdFeedList(ctx context.Context, e *env, args []string) error {
	fs := feedFlags(e, "list", "[--json]")
	asJSON := fs.Bool("json", false, "print the list as JSON")
	if err := flagsOnly(fs, args, "feed list takes no arguments"); err != nil {
		return err
	}
	db, err := openLibrary(ctx, e)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.Feeds(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		type item struct {
			ID         int64  `json:"id"`
			URL        string `json:"url"`
			Title      string `json:"title"`
			Items      int    `json:"items"`
			LastPolled string `json:"last_polled"`
			Failures   int    `json:"failures"`
			LastError  string `json:"last_error"`
			NextPoll   string `json:"next_poll"`
		}
		out := []item{}
		for _, f := range list {
			out = append(out, item{f.ID, f.URL, f.Title, f.Items, stamp(f.LastPolled), f.Failures, f.LastError, stamp(f.NextPoll)})
		}
		return writeJSON(e.stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "The library follows no feeds. Follow one with: parley feed add URL")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFEED\tITEMS\tLAST POLLED\tSTATUS")
	for _, f := range list {
		title := f.Title
		if title == "" {
			title = "(not polled yet)"
		}
		polled := "never"
		if !f.LastPolled.IsZero() {
			polled = f.LastPolled.Local().Format("2006-01-02 15:04")
		}
		status := "ok; next poll " + when(f.NextPoll)
		if f.Failures > 0 {
			status = fmt.Sprintf("failing: %d in a row (%s); next try %s", f.Failures, f.LastError, when(f.NextPoll))
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\n", f.ID, prose.Clip(line(title), 40), f.Items, polled, line(status))
		fmt.Fprintf(tw, "\t%s\t\t\t\n", f.URL)
	}
	return tw.Flush()
}

// stamp is a time in RFC 3339, or "" for none.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// when is a local time for people: "now" when it has passed.
func when(t time.Time) string {
	if !t.After(time.Now()) {
		return "now"
	}
	return t.Local().Format("2006-01-02 15:04")
}

func cmdFeedRemove(ctx context.Context, e *env, args []string) error {
	return removeEach(ctx, e, feedFlags(e, "remove", "ID…"), args, removal{
		noun: "feed",
		need: "feed remove needs feed ids, e.g. parley feed remove 2 (see parley feed list)",
		kind: "a feed id (see parley feed list)",
		remove: func(ctx context.Context, db *store.DB, id int64) (string, error) {
			f, err := db.Feed(ctx, id)
			if err == nil {
				err = db.RemoveFeed(ctx, id)
			}
			return fmt.Sprintf("no longer following feed %d: %s (the library keeps its %s)", id, f.URL, plural(f.Items, "item")), err
		},
	})
}

func cmdFeedPoll(ctx context.Context, e *env, args []string) error {
	fs := feedFlags(e, "poll", "[--all]")
	all := fs.Bool("all", false, "poll feeds in backoff after failures too")
	if err := flagsOnly(fs, args, "feed poll takes no arguments"); err != nil {
		return err
	}
	db, p, err := e.openPoller(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if !e.tty {
		// From cron, or into a log: the items that went wrong, and why,
		// not every item.
		show := p.Progress
		p.Progress = func(it feeds.Item) {
			if it.Err != nil {
				show(it)
			}
		}
	}
	now := time.Now()
	// A run from cron polls every feed, except those waiting out a backoff.
	var waiting []parley.Feed
	want := func(f parley.Feed) bool {
		if *all || f.Failures == 0 || !f.NextPoll.After(now) {
			return true
		}
		waiting = append(waiting, f)
		return false
	}
	reps, err := p.PollFeeds(ctx, want)
	if err != nil {
		return err
	}
	failed := 0
	for _, r := range reps {
		fmt.Fprintln(e.stdout, line(r.String()))
		if r.Err != nil {
			failed++
		}
	}
	switch {
	case len(waiting) > 0:
		fmt.Fprintln(e.stdout, waitingLine(waiting, now))
	case len(reps) == 0:
		fmt.Fprintln(e.stdout, "No feeds to poll. Follow one with: parley feed add URL")
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if failed > 0 {
		return fmt.Errorf("%d of %s failed", failed, plural(len(reps), "feed"))
	}
	return nil
}

// waitingLine says which feeds a poll left alone, waiting out their
// backoff, until when, and how to poll them anyway: "1 feed waits until
// 14:05; --all polls it now".
func waitingLine(waiting []parley.Feed, now time.Time) string {
	first := waiting[0].NextPoll
	for _, f := range waiting {
		if f.NextPoll.Before(first) {
			first = f.NextPoll
		}
	}
	at := first.Local().Format("15:04")
	if y, m, d := first.Local().Date(); y != now.Local().Year() || m != now.Local().Month() || d != now.Local().Day() {
		at = first.Local().Format("2006-01-02 15:04")
	}
	if len(waiting) == 1 {
		return fmt.Sprintf("1 feed waits until %s after failing; --all polls it now", at)
	}
	return fmt.Sprintf("%d feeds wait, the first until %s, after failing; --all polls them now", len(waiting), at)
}

// isTerminal says whether w is a terminal, where progress is worth showing.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
