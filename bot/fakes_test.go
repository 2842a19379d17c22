package bot

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/discordtest"
)

// fakeAnswerer answers with AskFunc, or with a one-quote answer; it
// streams with StreamFunc when that is set.
type fakeAnswerer struct {
	AskFunc    func(ctx context.Context, q parley.Question) (*parley.Answer, error)
	StreamFunc func(ctx context.Context, q parley.Question, onDraft func(string)) (*parley.Answer, error)

	mu    sync.Mutex
	asked []parley.Question
}

func (f *fakeAnswerer) Ask(ctx context.Context, q parley.Question) (*parley.Answer, error) {
	f.mu.Lock()
	f.asked = append(f.asked, q)
	f.mu.Unlock()
	if f.AskFunc != nil {
		return f.AskFunc(ctx, q)
	}
	return quoteAnswer(q.Text), nil
}

func (f *fakeAnswerer) AskStream(ctx context.Context, q parley.Question, onDraft func(string)) (*parley.Answer, error) {
	if f.StreamFunc == nil {
		return f.Ask(ctx, q)
	}
	return f.StreamFunc(ctx, q, onDraft)
}

func (f *fakeAnswerer) questions() []parley.Question {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]parley.Question(nil), f.asked...)
}

var talksSource = parley.Source{ArticleID: 7, Title: "Geneva talks resume", Outlet: "Reuters",
	URL: "https://reuters.example/geneva", Published: time.Date(2025, 8, 17, 0, 0, 0, 0, time.UTC)}

// quoteAnswer is an answer like the extractive composer's, with one quote.
func quoteAnswer(question string) *parley.Answer {
	quote := "Delegations from both sides met in Geneva on Monday."
	a := &parley.Answer{
		Question:  question,
		Body:      "Here is what Reuters reported:\n\n- “" + quote + "” — Reuters, 2025-08-17 [1]",
		Sources:   []parley.Source{talksSource},
		Citations: []parley.Citation{{N: 1, Source: talksSource, PassageID: 70, Quote: quote}},
	}
	a.Text = a.Body + "\n\nSources:\n[1] Reuters, “Geneva talks resume”, 2025-08-17 https://reuters.example/geneva"
	return a
}

// fakeLibrary keeps articles in memory and records removals and fetches.
type fakeLibrary struct {
	mu       sync.Mutex
	articles map[int64]parley.Article
	nextID   int64
	removed  []int64
	files    map[string][]byte
	pages    map[string]parley.Article // what AddURL finds at an address
	fetched  []string
}

func newFakeLibrary() *fakeLibrary {
	l := &fakeLibrary{articles: map[int64]parley.Article{}, nextID: 100, files: map[string][]byte{}, pages: map[string]parley.Article{}}
	l.articles[7] = parley.Article{ID: 7, Title: talksSource.Title, Outlet: "Reuters", URL: talksSource.URL,
		Published: talksSource.Published, Body: "Delegations from both sides met in Geneva on Monday. They spoke for hours."}
	return l
}

func (l *fakeLibrary) Sources(_ context.Context, query string, offset, limit int) ([]parley.Source, int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var all []parley.Source
	for id := l.nextID; id > 0; id-- {
		a, ok := l.articles[id]
		if ok && strings.Contains(strings.ToLower(a.Title), strings.ToLower(query)) {
			all = append(all, parley.Source{ArticleID: a.ID, Title: a.Title, Outlet: a.Outlet, URL: a.URL, Published: a.Published})
		}
	}
	end := min(offset+limit, len(all))
	if offset > end {
		return nil, len(all), nil
	}
	return all[offset:end], len(all), nil
}

func (l *fakeLibrary) AddFile(_ context.Context, name string, data []byte) (parley.Article, parley.Outcome, error) {
	if len(data) == 0 {
		return parley.Article{}, 0, fmt.Errorf("parse %s: %w", name, parley.Errorf(parley.ErrInvalid, "the file is empty"))
	}
	l.mu.Lock()
	l.files[name] = data
	l.mu.Unlock()
	title, body, _ := strings.Cut(string(data), "\n")
	return l.AddArticle(context.Background(), parley.Article{Title: strings.TrimPrefix(title, "# "), Body: body})
}

func (l *fakeLibrary) AddArticle(_ context.Context, a parley.Article) (parley.Article, parley.Outcome, error) {
	if strings.TrimSpace(a.Body) == "" {
		return parley.Article{}, 0, parley.Errorf(parley.ErrInvalid, "the article has no text")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.nextID++
	a.ID = l.nextID
	l.articles[a.ID] = a
	return a, parley.Added, nil
}

// AddURL stores the page put at url; an address without one is a 404. A
// page with the text of an article in the library from another outlet is
// syndicated, from the same outlet a duplicate.
func (l *fakeLibrary) AddURL(ctx context.Context, url string) (parley.Article, parley.Outcome, error) {
	l.mu.Lock()
	l.fetched = append(l.fetched, url)
	page, ok := l.pages[url]
	var same parley.Article
	for _, a := range l.articles {
		if a.Body == page.Body {
			same = a
		}
	}
	l.mu.Unlock()
	switch {
	case !ok:
		return parley.Article{}, 0, fmt.Errorf("fetch %s: %w", url, parley.Errorf(parley.ErrInvalid, "the page answered 404 Not Found"))
	case same.ID != 0 && same.Outlet == page.Outlet:
		return same, parley.Duplicate, nil
	case same.ID != 0:
		page.ID = same.ID
		return page, parley.Syndicated, nil
	}
	page.URL = url
	return l.AddArticle(ctx, page)
}

// page puts an article at url for AddURL to find.
func (l *fakeLibrary) page(url string, a parley.Article) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pages[url] = a
}

func (l *fakeLibrary) fetches() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.fetched...)
}

func (l *fakeLibrary) Article(_ context.Context, id int64) (parley.Article, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	a, ok := l.articles[id]
	if !ok {
		return parley.Article{}, fmt.Errorf("article %d: %w", id, parley.ErrNotFound)
	}
	return a, nil
}

func (l *fakeLibrary) Remove(_ context.Context, id int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.removed = append(l.removed, id)
	if _, ok := l.articles[id]; !ok {
		return parley.ErrNotFound
	}
	delete(l.articles, id)
	return nil
}

func (l *fakeLibrary) removals() []int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]int64(nil), l.removed...)
}

func (l *fakeLibrary) PassagesByID(_ context.Context, ids []int64) ([]parley.Hit, error) {
	var hits []parley.Hit
	for _, id := range ids {
		if id == 70 {
			hits = append(hits, parley.Hit{Passage: parley.Passage{ID: 70, ArticleID: 7,
				Text: "Delegations from both sides met in Geneva on Monday. They spoke for hours, @everyone said."}, Source: talksSource})
		}
	}
	return hits, nil
}

// fakeFeeds follows feeds in memory and records what it was asked. Every
// feed followed is "Kyiv Independent", with 12 items; an address ending in
// /nothing gives no feed.
type fakeFeeds struct {
	mu         sync.Mutex
	feeds      []parley.Feed
	followed   []string
	unfollowed []int64
}

func (f *fakeFeeds) Follow(_ context.Context, url string) (parley.Feed, string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.followed = append(f.followed, url)
	if strings.HasSuffix(url, "/nothing") {
		return parley.Feed{}, "", fmt.Errorf("follow %s: %w", url, parley.Errorf(parley.ErrInvalid, "the address gives no RSS, Atom or JSON feed"))
	}
	var id int64
	for _, fd := range f.feeds {
		if fd.URL == url {
			return parley.Feed{}, "", parley.Errorf(parley.ErrDuplicate, "the library already follows %s (feed %d)", url, fd.ID)
		}
		id = max(id, fd.ID)
	}
	now := time.Now()
	fd := parley.Feed{ID: id + 1, URL: url, Title: "Kyiv Independent", Items: 12, LastPolled: now, NextPoll: now.Add(15 * time.Minute)}
	f.feeds = append(f.feeds, fd)
	return fd, fmt.Sprintf("feed %d (Kyiv Independent): 12 items, 12 new: 10 added, 2 syndicated", fd.ID), nil
}

func (f *fakeFeeds) List(context.Context) ([]parley.Feed, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]parley.Feed(nil), f.feeds...), nil
}

func (f *fakeFeeds) Unfollow(_ context.Context, id int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.unfollowed = append(f.unfollowed, id)
	for i, fd := range f.feeds {
		if fd.ID == id {
			f.feeds = append(f.feeds[:i], f.feeds[i+1:]...)
			return nil
		}
	}
	return fmt.Errorf("feed %d: %w", id, parley.ErrNotFound)
}

// set replaces the feeds followed.
func (f *fakeFeeds) set(feeds ...parley.Feed) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.feeds = feeds
}

func (f *fakeFeeds) follows() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.followed...)
}

func (f *fakeFeeds) unfollows() []int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int64(nil), f.unfollowed...)
}

// fakeMemory keeps answers, who asked them, message links and votes in
// memory.
type fakeMemory struct {
	mu      sync.Mutex
	answers map[int64]*parley.Answer
	askers  map[int64]string
	links   map[string]int64
	votes   []vote
	changed signal // bumped when a message is linked
}

type vote struct {
	answerID int64
	user     string
	value    int
}

func newFakeMemory() *fakeMemory {
	return &fakeMemory{answers: map[int64]*parley.Answer{}, askers: map[int64]string{}, links: map[string]int64{}}
}

func (m *fakeMemory) SetAsker(_ context.Context, id int64, userHash string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.answers[id]; !ok {
		return parley.ErrNotFound
	}
	m.askers[id] = userHash
	return nil
}

func (m *fakeMemory) Asker(_ context.Context, id int64) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.answers[id]; !ok {
		return "", parley.ErrNotFound
	}
	return m.askers[id], nil
}

func (m *fakeMemory) SaveAnswer(_ context.Context, a *parley.Answer) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id := int64(len(m.answers) + 1)
	m.answers[id] = a
	return id, nil
}

func (m *fakeMemory) Answer(_ context.Context, id int64) (*parley.Answer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a, ok := m.answers[id]
	if !ok {
		return nil, parley.ErrNotFound
	}
	return a, nil
}

func (m *fakeMemory) LinkMessage(_ context.Context, messageID string, answerID int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.links[messageID] = answerID
	m.changed.bump()
	return nil
}

func (m *fakeMemory) AnswerForMessage(_ context.Context, messageID string) (*parley.Answer, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	id, ok := m.links[messageID]
	if !ok {
		return nil, 0, parley.ErrNotFound
	}
	return m.answers[id], id, nil
}

func (m *fakeMemory) Vote(_ context.Context, answerID int64, userHash string, value int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.answers[answerID]; !ok {
		return parley.ErrNotFound
	}
	m.votes = append(m.votes, vote{answerID, userHash, value})
	return nil
}

func (m *fakeMemory) allVotes() []vote {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]vote(nil), m.votes...)
}

func (m *fakeMemory) linked() map[string]int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.links)
}

// waitLinked waits, up to 5 s, until the messages linked to answers satisfy
// ok (the bot links a message after Discord has it), and returns them.
func (m *fakeMemory) waitLinked(ok func(links map[string]int64) bool) map[string]int64 {
	deadline := time.After(5 * time.Second)
	for {
		ch := m.changed.next()
		if links := m.linked(); ok(links) {
			return links
		}
		select {
		case <-ch:
		case <-deadline:
			return m.linked()
		}
	}
}

// fakeClock is a clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// signal wakes whoever waits for a change: next returns a channel that is
// closed at the next bump.
type signal struct {
	mu sync.Mutex
	ch chan struct{}
}

func (s *signal) next() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

func (s *signal) bump() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch != nil {
		close(s.ch)
	}
	s.ch = make(chan struct{})
}

// harness is a bot running against the fake Discord.
type harness struct {
	t   testing.TB
	srv *discordtest.Server
	bot *Bot
	ans *fakeAnswerer
	lib *fakeLibrary
	mem *fakeMemory
	log *lockedWriter
	// stop ends Run, as a signal would, and waits for it to return.
	stop func() error
}

// start runs a bot with cfg (UserHashKey and a generous rate limit filled
// in when zero) and waits until its commands are registered.
func start(t testing.TB, cfg Config, ans *fakeAnswerer) *harness {
	t.Helper()
	return startWith(t, cfg, ans, nil)
}

// startWith is start with setup run on the bot's Deps before it is made.
func startWith(t testing.TB, cfg Config, ans *fakeAnswerer, setup func(*Deps)) *harness {
	t.Helper()
	if cfg.UserHashKey == nil {
		cfg.UserHashKey = []byte("test key")
	}
	if cfg.QuestionsPerMinute == 0 {
		cfg.QuestionsPerMinute, cfg.Burst = 600, 100
	}
	if ans == nil {
		ans = &fakeAnswerer{}
	}
	srv := discordtest.New(t)
	s, err := NewSession("secret-token", srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, srv: srv, ans: ans, lib: newFakeLibrary(), mem: newFakeMemory(), log: &lockedWriter{}}
	logger := slog.New(slog.NewTextHandler(h.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	d := Deps{Answerer: h.ans, Library: h.lib, Memory: h.mem, Logger: logger}
	if setup != nil {
		setup(&d)
	}
	h.bot = New(s, cfg, d)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.bot.Run(ctx) }()
	var once sync.Once
	var runErr error
	h.stop = func() error {
		once.Do(func() { cancel(); runErr = <-done })
		return runErr
	}
	t.Cleanup(func() {
		if err := h.stop(); err != nil {
			t.Errorf("Run: %v", err)
		}
		if strings.Contains(h.logs(), "secret-token") {
			t.Errorf("the token was logged")
		}
	})
	wctx, wcancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer wcancel()
	if _, err := srv.WaitForCall(wctx, "PUT", "/applications/{app}/commands"); err != nil {
		t.Fatalf("commands not registered: %v", err)
	}
	return h
}

// lockedWriter lets handlers log from many goroutines into one builder.
type lockedWriter struct {
	mu      sync.Mutex
	b       strings.Builder
	changed signal
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	defer l.changed.bump()
	return l.b.Write(p)
}

// waitLog waits, up to 10 s, until the bot's log holds text.
func (h *harness) waitLog(text string) {
	h.t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		ch := h.log.changed.next()
		if strings.Contains(h.logs(), text) {
			return
		}
		select {
		case <-ch:
		case <-deadline:
			h.t.Fatalf("the log never said %q:\n%s", text, h.logs())
		}
	}
}

func (h *harness) logs() string {
	h.log.mu.Lock()
	defer h.log.mu.Unlock()
	return h.log.b.String()
}

// member is a guild member with the given permissions and roles.
func member(userID string, perms int64, roles ...string) *discordgo.Member {
	return &discordgo.Member{GuildID: discordtest.DefaultGuildID, User: &discordgo.User{ID: userID, Username: "u" + userID},
		Permissions: perms, Roles: append([]string{}, roles...), JoinedAt: time.Now().UTC()}
}

// command sends a slash command from m (the fake's default user when nil).
func (h *harness) command(m *discordgo.Member, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) string {
	id, _ := h.srv.SendInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID, Member: m,
		Data: discordgo.ApplicationCommandInteractionData{ID: "1", Name: name, Options: opts}})
	return id
}

// ask sends /ask question: from m.
func (h *harness) ask(m *discordgo.Member, question string) string {
	return h.command(m, "ask", strOpt("question", question))
}

// press sends a button press on a message the bot sent.
func (h *harness) press(m *discordgo.Member, customID string, msg *discordgo.Message) string {
	id, _ := h.srv.SendInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID, Member: m, Message: msg,
		Data: discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent}})
	return id
}

func strOpt(name, value string) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value}
}

func subOpt(name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}
}

// wait polls the state of an interaction until ok says it is done.
func (h *harness) wait(id string, ok func(st discordtest.InteractionState) bool) discordtest.InteractionState {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	st, err := h.srv.WaitForInteraction(ctx, id, ok)
	if err != nil {
		h.t.Fatalf("interaction %s: gave up waiting; callbacks %d, original %+v", id, len(st.Callbacks), st.Original)
	}
	return st
}

// answered waits for an interaction's original response to have content.
func (h *harness) answered(id string) discordtest.InteractionState {
	h.t.Helper()
	return h.wait(id, func(st discordtest.InteractionState) bool {
		return st.Original != nil && (st.Original.Content != "" || len(st.Original.Embeds) > 0)
	})
}

// responded waits for an interaction's first callback.
func (h *harness) responded(id string) discordtest.InteractionState {
	h.t.Helper()
	return h.wait(id, func(st discordtest.InteractionState) bool { return len(st.Callbacks) > 0 })
}
