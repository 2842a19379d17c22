package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/bot"
	"github.com/parley-bot/parley/feeds"
	"github.com/parley-bot/parley/fetch"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/store"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments; settings come from the config file and the environment")
	}
	cfg, err := e.config()
	if err != nil {
		return err
	}
	if cfg.Discord.Token == "" {
		return errors.New("no Discord bot token: set DISCORD_TOKEN, or discord.token in the config file")
	}
	log := newLogger(e.stderr, cfg.Log)
	fetcher := newFetcher(cfg.Ingest)
	db, ans, err := e.openAnswering(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	key, err := db.Secret(ctx, "voter-hash-key")
	if err != nil {
		return err
	}
	session, err := bot.NewSession(cfg.Discord.Token, cfg.Discord.APIURL)
	if err != nil {
		return err
	}
	poller := newPoller(cfg.Ingest, db, ans, fetcher)
	poller.Log = log
	b := bot.New(session, bot.Config{
		GuildIDs:             cfg.Discord.GuildIDs,
		AskChannelIDs:        cfg.Discord.AskChannelIDs,
		MessageContentIntent: cfg.Discord.MessageContentIntent,
		AdminUserIDs:         cfg.Admins.UserIDs,
		AdminRoleIDs:         cfg.Admins.RoleIDs,
		AllowManageServer:    *cfg.Admins.AllowManageServer,
		QuestionsPerMinute:   cfg.Limits.QuestionsPerMinute,
		Burst:                cfg.Limits.Burst,
		MaxConcurrentAnswers: cfg.Limits.MaxConcurrentAnswers,
		UserHashKey:          key,
		StateMedia:           ans.stateMedia,
	}, bot.Deps{
		Answerer: ans.answerer, Library: library{db, ans, fetcher, log}, Memory: db, Logger: log,
		Digests: ans.digests(db), Feeds: following{poller},
	})
	path, _ := e.dbPath()
	log.Info("parley starting", "library", path, "api_url", cfg.Discord.APIURL, "guilds", len(cfg.Discord.GuildIDs),
		"feeds_poll_interval", cfg.Ingest.pollInterval())
	// The feeds are polled beside the bot, and stop with it.
	var wg sync.WaitGroup
	pctx, stopPolling := context.WithCancel(ctx)
	wg.Go(func() { poller.Run(pctx) })
	defer wg.Wait()
	defer stopPolling()
	return b.Run(ctx)
}

// newLogger makes the slog logger the config asks for.
func newLogger(w io.Writer, c LogConfig) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.Level))
	opts := &slog.HandlerOptions{Level: level}
	if strings.EqualFold(c.Format, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// library gives the bot the library with ingest in front of it (and the
// embedding of new passages, with hybrid retrieval).
type library struct {
	*store.DB
	ans   *answering
	fetch *fetch.Fetcher
	log   *slog.Logger
}

var _ bot.Library = library{}

// The three ways Discord adds an article take the one path into the
// library (storeArticle); passages left unembedded are logged, not the
// admin's problem: `parley reindex --embeddings` does them.

func (l library) AddFile(ctx context.Context, name string, data []byte) (parley.Article, parley.Outcome, error) {
	return l.told(addData(ctx, l.DB, l.ans, name, data))
}

func (l library) AddURL(ctx context.Context, url string) (parley.Article, parley.Outcome, error) {
	return l.told(fetchArticle(ctx, l.DB, l.ans, l.fetch, url))
}

func (l library) AddArticle(ctx context.Context, given parley.Article) (parley.Article, parley.Outcome, error) {
	fields := map[string]string{"title": given.Title, "outlet": given.Outlet, "url": given.URL,
		"author": given.Author, "language": given.Language}
	a, err := ingest.FromFields(fields, given.Body)
	if err != nil {
		return a, 0, err
	}
	a.Published = given.Published
	outcome, note, err := storeArticle(ctx, l.DB, l.ans, &a)
	return l.told(a, outcome, note, err)
}

// told gives the bot what became of an article, logging what was not done.
func (l library) told(a parley.Article, outcome parley.Outcome, note string, err error) (parley.Article, parley.Outcome, error) {
	if err != nil {
		return a, 0, err
	}
	if note != "" {
		l.log.Warn("article stored, but not embedded", "article", a.ID, "note", note)
	}
	if outcome == parley.Added || outcome == parley.Revised || outcome == parley.Updated {
		// Its passages wrote a segment of the index: merge the small ones.
		if err := l.DB.Tidy(context.Background()); err != nil {
			l.log.Error("index not tidied", "article", a.ID, "err", err)
		}
	}
	return a, outcome, nil
}

// following gives the bot the feed poller.
type following struct{ p *feeds.Poller }

var _ bot.Feeds = following{}

func (fl following) Follow(ctx context.Context, url string) (parley.Feed, string, error) {
	rep, err := fl.p.Follow(ctx, url)
	if err != nil {
		return parley.Feed{}, "", err
	}
	f, err := fl.p.DB.Feed(ctx, rep.Feed.ID)
	if err != nil {
		f = rep.Feed
	}
	return f, capitalize(rep.Summary()) + ".", nil
}

func (fl following) List(ctx context.Context) ([]parley.Feed, error) {
	return fl.p.DB.Feeds(ctx)
}

func (fl following) Unfollow(ctx context.Context, id int64) error { return fl.p.DB.RemoveFeed(ctx, id) }
