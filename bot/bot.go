package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
	"golang.org/x/sync/semaphore"
)

// Defaults for the Config fields left zero.
const (
	defaultQuestionsPerMin   = 6
	defaultBurst             = 3
	defaultConcurrentAnswers = 4
	// tokenLife is how long an interaction token may be used to edit the
	// response; an answer still queued after it can no longer be delivered.
	tokenLife = 14 * time.Minute
	// answerTimeout bounds the composition of one answer.
	answerTimeout = 60 * time.Second
	// shutdownGrace is how long work in flight may finish after a stop
	// signal.
	shutdownGrace = 10 * time.Second
	// abandonWait is how long cancelled work gets to notice before the
	// session closes under it.
	abandonWait = 5 * time.Second
)

// Bot serves Parley on one Discord session.
type Bot struct {
	s   *discordgo.Session
	cfg Config
	ans Answerer
	lib Library
	mem Memory
	log *slog.Logger

	digests Digester // nil: no /summary and /timeline
	feeds   Feeds    // nil: no /feed
	client  *http.Client
	now     func() time.Time

	commands []command
	routes   []route
	limits   *limiter
	answers  *semaphore.Weighted

	mu       sync.Mutex
	closing  bool
	inflight sync.WaitGroup
	// work is the context of handlers: it outlives the Run context by the
	// shutdown grace, so work in flight can finish.
	work context.Context
}

// New makes a bot that works with d on session s, its commands those d
// provides for. Zero Config fields take their documented defaults.
func New(s *discordgo.Session, cfg Config, d Deps) *Bot {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	if d.Client == nil {
		d.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	cfg = withDefaults(cfg)
	b := &Bot{
		s: s, cfg: cfg, ans: d.Answerer, lib: d.Library, mem: d.Memory, log: d.Logger,
		digests: d.Digests, feeds: d.Feeds, client: d.Client, now: d.Now,
		answers: semaphore.NewWeighted(int64(cfg.MaxConcurrentAnswers)),
		work:    context.Background(),
	}
	b.limits = newLimiter(cfg.QuestionsPerMinute, cfg.Burst, b.now)
	b.routes = b.componentRoutes()
	b.commands = b.commandRegistry()
	return b
}

func withDefaults(cfg Config) Config {
	if cfg.QuestionsPerMinute <= 0 {
		cfg.QuestionsPerMinute = defaultQuestionsPerMin
	}
	if cfg.Burst <= 0 {
		cfg.Burst = defaultBurst
	}
	if cfg.MaxConcurrentAnswers <= 0 {
		cfg.MaxConcurrentAnswers = defaultConcurrentAnswers
	}
	if cfg.StateMedia == nil {
		cfg.StateMedia = parley.DefaultStateMedia()
	}
	return cfg
}

// Run connects to Discord, registers the commands and serves until ctx is
// done; then it lets the work in flight finish, up to the shutdown grace,
// and closes the session.
func (b *Bot) Run(ctx context.Context) error {
	work, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	b.work = work
	routeDiscordgoLog(b.log, b.s.Token)
	b.s.LogLevel = discordgo.LogWarning
	if len(b.cfg.UserHashKey) == 0 {
		b.log.Warn("no user hash key: votes are stored under an unkeyed hash of the user id")
	}

	b.s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if b.cfg.MessageContentIntent {
		b.s.Identify.Intents |= discordgo.IntentMessageContent
	}
	for _, remove := range b.addHandlers() {
		defer remove()
	}
	if err := b.s.Open(); err != nil {
		return fmt.Errorf("open discord session: %w", err)
	}
	b.log.Info("connected to discord", "user", b.s.State.User.ID)
	if err := b.registerCommands(); err != nil {
		b.s.Close()
		return err
	}
	<-ctx.Done()
	b.shutdown(cancelWork)
	if err := b.s.Close(); err != nil {
		return fmt.Errorf("close discord session: %w", err)
	}
	return nil
}

// addHandlers registers the event handlers and returns their removers.
func (b *Bot) addHandlers() []func() {
	return []func(){
		b.s.AddHandler(b.onInteraction),
		b.s.AddHandler(b.onMessage),
		b.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			b.log.Warn("gateway disconnected; discordgo reconnects")
		}),
		b.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
			b.log.Info("gateway session resumed")
		}),
		b.s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
			b.log.Info("gateway ready", "guilds", len(r.Guilds))
		}),
	}
}

// registerCommands replaces the application's commands with the registry's,
// globally or in each configured guild.
func (b *Bot) registerCommands() error {
	if b.s.State.User == nil {
		return errors.New("register commands: no application id: READY not received")
	}
	appID := b.s.State.User.ID
	defs := make([]*discordgo.ApplicationCommand, len(b.commands))
	for i, c := range b.commands {
		defs[i] = c.def
	}
	guilds := b.cfg.GuildIDs
	if len(guilds) == 0 {
		guilds = []string{""}
	}
	for _, g := range guilds {
		if _, err := b.s.ApplicationCommandBulkOverwrite(appID, g, defs); err != nil {
			return fmt.Errorf("register commands in guild %q: %w", g, err)
		}
		b.log.Info("commands registered", "guild", g, "count", len(defs))
	}
	return nil
}

// begin counts a piece of work in flight; it returns false once the bot is
// shutting down, when no new work is taken.
func (b *Bot) begin() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return false
	}
	b.inflight.Add(1)
	return true
}

func (b *Bot) end() { b.inflight.Done() }

// shutdown stops taking work and waits for the work in flight, up to the
// grace period; then it cancels what is left.
func (b *Bot) shutdown(cancelWork context.CancelFunc) {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	b.log.Info("shutting down", "grace", shutdownGrace.String())
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(shutdownGrace):
		b.log.Warn("shutdown grace over; abandoning work in flight")
		cancelWork()
		select {
		case <-done:
		case <-time.After(abandonWait):
		}
	}
}
