package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/answers"
	"github.com/parley-bot/parley/bot"
	"github.com/parley-bot/parley/data"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/discordtest"
	"github.com/parley-bot/parley/store"
)

// output is what the fake prints, shared with the test that reads it.
type output struct {
	mu      sync.Mutex
	b       bytes.Buffer
	read    int           // how far expect has read
	changed chan struct{} // closed at the next write (see next)
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.changed != nil {
		close(o.changed)
		o.changed = nil
	}
	return o.b.Write(p)
}

// next returns a channel that is closed when the fake next prints.
func (o *output) next() <-chan struct{} {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.changed == nil {
		o.changed = make(chan struct{})
	}
	return o.changed
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
}

// waitFor waits until the output holds text.
func (o *output) waitFor(t *testing.T, text string) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		printed := o.next()
		if strings.Contains(o.String(), text) {
			return
		}
		select {
		case <-printed:
		case <-deadline:
			t.Fatalf("%q never printed:\n%s", text, o.String())
		}
	}
}

// expect waits until the output not read yet holds every want and ends
// with the prompt, and returns it.
func (o *output) expect(t *testing.T, want ...string) string {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		printed := o.next()
		o.mu.Lock()
		got := o.b.String()[o.read:]
		done := strings.HasSuffix(got, "> ")
		for _, w := range want {
			done = done && strings.Contains(got, w)
		}
		if done {
			o.read += len(got)
		}
		o.mu.Unlock()
		if done {
			return got
		}
		select {
		case <-printed:
		case <-deadline:
			t.Fatalf("the fake printed %q, want it to contain %q and end with the prompt", got, want)
		}
	}
}

// library is the store as the bot's Library, without the ways of adding
// articles, which this test does not use.
type library struct{ *store.DB }

var errNoAdd = errors.New("not in this test")

func (library) AddFile(context.Context, string, []byte) (parley.Article, parley.Outcome, error) {
	return parley.Article{}, 0, errNoAdd
}

func (library) AddURL(context.Context, string) (parley.Article, parley.Outcome, error) {
	return parley.Article{}, 0, errNoAdd
}

func (library) AddArticle(context.Context, parley.Article) (parley.Article, parley.Outcome, error) {
	return parley.Article{}, 0, errNoAdd
}

// openLibrary is a library of the bundled articles, eleven more about
// talks, so that /sources query=talks has two pages, and the extra files.
func openLibrary(t *testing.T, extra map[string][]byte) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	files := map[string][]byte{}
	names, _ := fs.Glob(data.Seeds, "*.md")
	for _, name := range names {
		files[name], _ = fs.ReadFile(data.Seeds, name)
	}
	for i := 1; i <= 11; i++ {
		files[fmt.Sprintf("talks%d.md", i)] = fmt.Appendf(nil, "---\ntitle: Round %d of the talks\noutlet: Test Wire\n"+
			"url: https://wire.example/talks-%d\npublished: 2025-08-%02d\n---\nDelegates met for round %d of the talks on Monday.\n", i, i, i, i)
	}
	maps.Copy(files, extra)
	for name, b := range files {
		a, err := ingest.Parse(name, b)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// session is the fake run as the README does, with the real bot on the
// other side: what it prints, what it reports, and the presses the bot
// received.
type session struct {
	out, errs *output
	typing    io.Writer
	presses   chan *discordgo.Interaction
}

// start runs the fake and, connected to it, a bot over db that setup may
// change before it runs.
func start(t *testing.T, db *store.DB, setup func(*bot.Deps)) *session {
	t.Helper()
	ss := &session{out: &output{}, errs: &output{}, presses: make(chan *discordgo.Interaction, 10)}
	stdin, typing := io.Pipe()
	ss.typing = typing
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, stdin, ss.out, ss.errs) }()
	t.Cleanup(func() {
		stop()
		typing.Close()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})

	var apiURL string
	for deadline := time.After(10 * time.Second); apiURL == ""; {
		printed := ss.out.next()
		for _, line := range strings.Split(ss.out.String(), "\n") {
			var cfg struct {
				Discord struct {
					APIURL string `json:"api_url"`
				} `json:"discord"`
			}
			if json.Unmarshal([]byte(line), &cfg) == nil && strings.HasPrefix(cfg.Discord.APIURL, "http://127.0.0.1:") {
				apiURL = cfg.Discord.APIURL
			}
		}
		if apiURL != "" {
			break
		}
		select {
		case <-printed:
			continue
		case <-deadline:
		}
		break
	}
	if apiURL == "" {
		t.Fatalf("no config line in %q", ss.out.String())
	}

	s, err := bot.NewSession("fake", apiURL)
	if err != nil {
		t.Fatal(err)
	}
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) {
		if i.Type == discordgo.InteractionMessageComponent {
			ss.presses <- i.Interaction
		}
	})
	// A burst above the default, so that a test may type faster than a user.
	botLog := &output{}
	d := bot.Deps{Answerer: &answers.Extractive{Searcher: db}, Library: library{db}, Memory: db,
		Logger: slog.New(slog.NewTextHandler(botLog, nil))}
	if setup != nil {
		setup(&d)
	}
	b := bot.New(s, bot.Config{UserHashKey: []byte("test key"), Burst: 10}, d)
	botCtx, stopBot := context.WithCancel(context.Background())
	botDone := make(chan error, 1)
	go func() { botDone <- b.Run(botCtx) }()
	t.Cleanup(func() { // registered last, so the bot stops before the fake
		stopBot()
		if err := <-botDone; err != nil {
			t.Errorf("bot: %v", err)
		}
		if v := ss.errs.String(); strings.Contains(v, "VIOLATION") {
			t.Errorf("the fake found violations:\n%s", v)
		}
	})
	ss.out.expect(t, "bot connected")
	// What is typed at the prompt finds the bot's commands only once it
	// has registered them, a moment after it connects.
	botLog.waitFor(t, "commands registered")
	return ss
}

// say types a line at the prompt.
func (ss *session) say(line string) { fmt.Fprintln(ss.typing, line) }

// pressed waits for the bot to receive a press of a button whose custom id
// starts with prefix, on the message with the button, by the fake's user.
func (ss *session) pressed(t *testing.T, prefix string) *discordgo.Interaction {
	t.Helper()
	select {
	case i := <-ss.presses:
		if id := i.MessageComponentData().CustomID; !strings.HasPrefix(id, prefix) || i.Message == nil ||
			len(discordtest.Buttons(i.Message)) == 0 || i.Member == nil || i.Member.User.ID != discordtest.DefaultUserID {
			t.Errorf("the bot received a press of %q on %+v by %+v, want %q on the message with the button", id, i.Message, i.Member, prefix)
		}
		return i
	case <-time.After(10 * time.Second):
		t.Fatalf("the bot received no press of %q", prefix)
		return nil
	}
}

// TestPromptPressesButtons presses the buttons of an answer and of a
// listing at the fake's prompt.
func TestPromptPressesButtons(t *testing.T) {
	t.Parallel()
	ss := start(t, openLibrary(t, nil), nil)
	out := ss.out

	ss.say("ask What did Russia agree to in Alaska?")
	answer := out.expect(t, "Alaska", "buttons: [1] Show passages  [2] 👍  [3] 👎")
	if !strings.Contains(answer, "│ Sources") {
		t.Errorf("the answer shows no sources:\n%s", answer)
	}

	ss.say("press 1")
	ss.pressed(t, "passages:")
	out.expect(t, "(only you can see this)\n│ [1] ", "**")

	ss.say("press 👎")
	ss.pressed(t, "vote:down:")
	out.expect(t, "(only you can see this)\nThanks, your 👎 is noted")

	ss.say("/sources query=talks")
	out.expect(t, "Page 1 of 2 · 12 articles", "buttons: Previous (disabled)  [4] Next")

	ss.say("press next")
	if i := ss.pressed(t, "sources:"); i.MessageComponentData().CustomID != "sources:1:talks" {
		t.Errorf("Next is %q, want sources:1:talks", i.MessageComponentData().CustomID)
	}
	out.expect(t, "Page 2 of 2 · 12 articles", "buttons: [5] Previous  Next (disabled)")

	ss.say("press 4")
	out.expect(t, "button [4] was on a message that has changed since")
	ss.say("press Show passages")
	ss.pressed(t, "passages:")
	out.expect(t, "(only you can see this)\n│ [1] ")
}

// TestPromptDigests uses /summary, /timeline and /sources at the fake's
// prompt and turns the pages of the timeline and of the listing with their
// buttons.
func TestPromptDigests(t *testing.T) {
	t.Parallel()
	// Twelve rounds of talks in September, each dated by its article, so
	// that the timeline since August takes two pages.
	extra := map[string][]byte{}
	for i, city := range []string{"Geneva", "Istanbul", "Riyadh", "Jeddah", "Abu Dhabi", "Miami", "Berlin", "Paris", "London", "Rome", "Vienna", "Doha"} {
		extra[fmt.Sprintf("round%d.md", i)] = fmt.Appendf(nil, "---\ntitle: Envoys meet in %s\noutlet: Round Wire\nurl: https://round.example/%d\npublished: 2025-09-%02d\n---\n"+
			"Envoys from Ukraine, Russia and the United States met in %s on Monday for talks on a ceasefire along the front line, "+
			"the exchange of prisoners and the return of children, officials said.\n\nThe delegations agreed to meet again within two weeks, a spokesman said.\n",
			city, i, 2*i+1, city)
	}
	db := openLibrary(t, extra)
	ss := start(t, db, func(d *bot.Deps) { d.Digests = &answers.Digests{Corpus: db, Searcher: db} })
	out := ss.out

	ss.say("help")
	out.expect(t, "  /summary [topic=…] [since=…] [article=…]\n", "  /timeline [topic=…] [since=…] [until=…]\n")

	ss.say("/summary since=2025-08-01")
	summary := out.expect(t, "What happened, from 25 articles published between 2025-08-01 and 2025-09-23", "│ Sources")
	if !strings.Contains(summary, "met in") || strings.Contains(summary, "buttons:") {
		t.Errorf("the summary:\n%s", summary)
	}
	ss.say("/summary topic=security guarantees")
	out.expect(t, "What happened", "│ Sources", "│ [1] [Security guarantees for Ukraine advance")

	// An article by words of its title, as Discord's client completes it.
	ss.say("/summary article=Alaska summit")
	one := out.expect(t, "article=Alaska summit → #", "Top Trump envoy says Putin agreed", "│ [1] [Top Trump envoy says Putin agreed")
	if strings.Contains(one, "│ [2]") {
		t.Errorf("the summary of one article cites others:\n%s", one)
	}
	ss.say("/summary article=no such words anywhere")
	out.expect(t, "the bot suggests nothing for article=no such words anywhere")

	ss.say("/timeline since=2025-08-01")
	out.expect(t, "Dated events, oldest first, from 25 articles", "- 2025-08-15: “Trump met with Putin", "*Page 1 of 2*", "│ Sources",
		"buttons: Previous (disabled)  [1] Next")
	ss.say("press next")
	if i := ss.pressed(t, "timeline:"); i.MessageComponentData().CustomID != "timeline:1:2025-08-01::" {
		t.Errorf("Next is %q, want timeline:1:2025-08-01::", i.MessageComponentData().CustomID)
	}
	out.expect(t, "- 2025-09-22: “Envoys from Ukraine, Russia and the United States met in Doha", "*Page 2 of 2*", "│ Sources",
		"buttons: [2] Previous  Next (disabled)")
	ss.say("press previous")
	ss.pressed(t, "timeline:0:")
	out.expect(t, "- 2025-08-15: “Trump met with Putin", "*Page 1 of 2*", "buttons: Previous (disabled)  [3] Next")

	ss.say("/sources")
	out.expect(t, "Page 1 of 3 · 25 articles", "buttons: Previous (disabled)  [4] Next")
	ss.say("press next")
	ss.pressed(t, "sources:1:")
	out.expect(t, "Page 2 of 3 · 25 articles", "buttons: [5] Previous  [6] Next")
	ss.say("press 6")
	ss.pressed(t, "sources:2:")
	out.expect(t, "Page 3 of 3 · 25 articles", "buttons: [7] Previous  Next (disabled)")
}

func TestCommandData(t *testing.T) {
	srv := discordtest.New(t)
	s, err := bot.NewSession("fake", srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	str := func(name string, required bool) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: "d", Required: required}
	}
	_, err = s.ApplicationCommandBulkOverwrite(discordtest.DefaultBotID, "", []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "d", Options: []*discordgo.ApplicationCommandOption{str("question", true)}},
		{Name: "summary", Description: "d", Options: []*discordgo.ApplicationCommandOption{str("topic", false), str("since", false),
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "article", Description: "d", Autocomplete: true},
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "other", Description: "d", Autocomplete: true}}},
		{Name: "article", Description: "d", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove", Description: "d", Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionInteger, Name: "id", Description: "d", Required: true}}},
			{Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list", Description: "d"},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	p := &prompt{srv: srv}
	tests := []struct {
		line, want string // want: the options as JSON, or the error
	}{
		{"/ask question=what did   Rubio say?", `[{"name":"question","type":3,"value":"what did Rubio say?"}]`},
		{"/ask question=a question=b", `[{"name":"question","type":3,"value":"a question=b"}]`},
		{"/summary since=7d topic=sanctions relief", `[{"name":"since","type":3,"value":"7d"},{"name":"topic","type":3,"value":"sanctions relief"}]`},
		{"/summary", `null`},
		{"/summary article=12", `[{"name":"article","type":4,"value":12}]`},
		{"/summary article=alaska  summit", `[{"name":"article","type":4,"value":"alaska summit","focused":true}]`},
		{"/summary article=alaska other=geneva", "/summary: other: give a value; words are completed in one option at a time"},
		{"/article remove id=3", `[{"name":"remove","type":1,"options":[{"name":"id","type":4,"value":3}]}]`},
		{"/article list", `[{"name":"list","type":1}]`},
		{"/ask", "/ask needs question=…"},
		{"/ask what", `/ask: "what" is not name=value; the options are question=…`},
		{"/article", "/article takes one of: remove id=… | list"},
		{"/article remove id=three", `/article remove: id: "three" is not a whole number`},
		{"/nope", "the bot registered no /nope"},
	}
	for _, tc := range tests {
		data, err := p.commandData(tc.line)
		var got string
		if err != nil {
			got = err.Error()
		} else {
			b, _ := json.Marshal(data.Options)
			got = string(b)
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: got %s, want %s", tc.line, got, tc.want)
		}
	}
}
