package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/discordtest"
	"github.com/parley-bot/parley/internal/newssite"
	"github.com/parley-bot/parley/store"
)

// syncBuffer is a bytes.Buffer safe for the logger and the test to share,
// which a test can wait on.
type syncBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{} // closed and replaced at every write
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.changed != nil {
		close(s.changed)
		s.changed = nil
	}
	return s.b.Write(p)
}

// waitFor waits until the buffer holds text, or ctx ends.
func (s *syncBuffer) waitFor(ctx context.Context, text string) error {
	for {
		s.mu.Lock()
		found := strings.Contains(s.b.String(), text)
		if s.changed == nil {
			s.changed = make(chan struct{})
		}
		ch := s.changed
		s.mu.Unlock()
		if found {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serving is `parley serve` running in the background for a test.
type serving struct {
	logs *syncBuffer
	wait context.Context // for waiting on the bot: ends 20 s after the start
	stop func()          // the stop signal; serve must end cleanly within 15 s
}

// startServe runs `parley --config cfg serve` with env as its environment
// and waits until the bot has connected to the fake Discord.
func startServe(t *testing.T, srv *discordtest.Server, cfg string, env map[string]string) *serving {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--config", cfg, "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), logs, logs)
	}()
	wait, stopWaiting := context.WithTimeout(ctx, 20*time.Second)
	t.Cleanup(stopWaiting)
	if err := srv.WaitReady(wait); err != nil {
		t.Fatalf("the bot never connected: %v\n%s", err, logs.String())
	}
	return &serving{logs: logs, wait: wait, stop: func() {
		t.Helper()
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v on shutdown", err)
			}
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop within 15 s of the signal")
		}
	}}
}

// TestServeAgainstTheFake runs `parley serve` as a user would, configured by
// a file that points discord.api_url at the fake Discord, and asks a
// question with /ask.
func TestServeAgainstTheFake(t *testing.T) {
	srv := discordtest.New(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.json")
	os.WriteFile(cfg, []byte(`{"database": "`+filepath.Join(dir, "lib.db")+`",
		"discord": {"token": "${DISCORD_TOKEN}", "api_url": "`+srv.URL()+`"},
		"log": {"level": "debug", "format": "json"}}`), 0o644)
	sv := startServe(t, srv, cfg, map[string]string{"DISCORD_TOKEN": "secret-token-123"})
	logs, waitCtx := sv.logs, sv.wait
	if _, err := srv.WaitForCall(waitCtx, "PUT", "/applications/{app}/commands"); err != nil {
		t.Fatalf("commands never registered: %v", err)
	}
	id, _ := srv.SendInteraction(&discordgo.Interaction{
		Type: discordgo.InteractionApplicationCommand, GuildID: discordtest.DefaultGuildID, ChannelID: discordtest.DefaultChannelID,
		Member: &discordgo.Member{User: &discordgo.User{ID: discordtest.DefaultUserID, Username: "asker"}},
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", CommandType: discordgo.ChatApplicationCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "What did Russia agree to in Alaska?"}}},
	})
	if _, err := srv.WaitForCall(waitCtx, "PATCH", "/webhooks/{app}/{token}/messages/@original"); err != nil {
		t.Fatalf("no answer: %v\n%s", err, logs.String())
	}
	st, _ := srv.Interaction(id)
	if st.Original == nil || !strings.Contains(st.Original.Content, "[1]") || len(st.Original.Embeds) == 0 {
		t.Errorf("answer = %+v", st.Original)
	}
	// /timeline through the same wiring: the seeds' events, dated.
	tl, _ := srv.SendInteraction(&discordgo.Interaction{
		Type: discordgo.InteractionApplicationCommand, GuildID: discordtest.DefaultGuildID, ChannelID: discordtest.DefaultChannelID,
		Member: &discordgo.Member{User: &discordgo.User{ID: discordtest.DefaultUserID, Username: "asker"}},
		Data: discordgo.ApplicationCommandInteractionData{Name: "timeline", CommandType: discordgo.ChatApplicationCommand,
			Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: "since", Type: discordgo.ApplicationCommandOptionString, Value: "2025-08-01"}}},
	})
	if _, err := srv.WaitForCall(waitCtx, "PATCH", "/webhooks/{app}/{token}/messages/@original"); err != nil {
		t.Fatalf("no timeline: %v", err)
	}
	if st, _ := srv.Interaction(tl); st.Original == nil || !strings.Contains(st.Original.Content, "2025-08-15: “Trump met with Putin") {
		t.Errorf("timeline = %+v", st.Original)
	}
	sv.stop()
	if strings.Contains(logs.String(), "secret-token-123") {
		t.Error("the token reached the log")
	}
}

func TestServeNeedsAToken(t *testing.T) {
	code, _, errOut := runParley(t, tempDB(t), "serve")
	if code != 1 || !strings.Contains(errOut, "DISCORD_TOKEN") {
		t.Errorf("exit %d, stderr %q; want an error that names DISCORD_TOKEN", code, errOut)
	}
}

func TestFeedbackEmpty(t *testing.T) {
	code, out, _ := runParley(t, tempDB(t), "feedback")
	if code != 0 || !strings.Contains(out, "No votes yet") {
		t.Errorf("exit %d, %q", code, out)
	}
	code, out, _ = runParley(t, tempDB(t), "feedback", "--json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("feedback --json: exit %d, %q", code, out)
	}
}

// TestServeFollowsFeeds runs `parley serve` with a feed followed: the feed
// is polled at start, and admins add a page and list the feeds through the
// real wiring.
func TestServeFollowsFeeds(t *testing.T) {
	site := newssite.Start(11)
	defer site.Close()
	srv := discordtest.New(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.json")
	os.WriteFile(cfg, []byte(`{"database": "`+filepath.Join(dir, "lib.db")+`",
		"discord": {"token": "t", "api_url": "`+srv.URL()+`"},
		"ingest": {"allow_private_networks": true}}`), 0o644)
	if code, out, errOut := runParley(t, nil, "--config", cfg, "feed", "add", site.URL+"/rss.xml"); code != 0 {
		t.Fatalf("feed add: %s%s", out, errOut)
	}
	site.SetFeed(2, 20) // stories 20 and 21 are new
	// An interval has passed: the feed is due.
	db, err := store.Open(t.Context(), filepath.Join(dir, "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SavePoll(t.Context(), 1, parley.Poll{At: time.Now().Add(-time.Hour), OK: true, NextPoll: time.Now().Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	sv := startServe(t, srv, cfg, nil)
	logs, waitCtx := sv.logs, sv.wait
	if err := logs.waitFor(waitCtx, "feed polled"); err != nil || site.Requests("/story/21") == 0 {
		t.Fatalf("serve did not poll the feed:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "added=2") {
		t.Errorf("the poll's summary is not logged:\n%s", logs.String())
	}

	admin := &discordgo.Member{User: &discordgo.User{ID: discordtest.DefaultUserID, Username: "admin"},
		Permissions: discordgo.PermissionManageGuild}
	command := func(name, sub string, opts ...*discordgo.ApplicationCommandInteractionDataOption) string {
		t.Helper()
		id, _ := srv.SendInteraction(&discordgo.Interaction{
			Type: discordgo.InteractionApplicationCommand, GuildID: discordtest.DefaultGuildID, ChannelID: discordtest.DefaultChannelID,
			Member: admin,
			Data: discordgo.ApplicationCommandInteractionData{Name: name, CommandType: discordgo.ChatApplicationCommand,
				Options: []*discordgo.ApplicationCommandInteractionDataOption{{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}}},
		})
		st, err := srv.WaitForInteraction(waitCtx, id, func(st discordtest.InteractionState) bool {
			return st.Original != nil && st.Original.Content != ""
		})
		if err != nil {
			t.Fatalf("/%s %s: no reply\n%s", name, sub, logs.String())
		}
		return st.Original.Content
	}
	url := &discordgo.ApplicationCommandInteractionDataOption{Name: "url", Type: discordgo.ApplicationCommandOptionString, Value: site.StoryURL(30)}
	if got := command("article", "add", url); !strings.Contains(got, "Added") || !strings.Contains(got, site.Story(30).Title) {
		t.Errorf("/article add url: replied %q", got)
	}
	if got := command("feed", "list"); !strings.Contains(got, "Feed 1: Example News: Ukraine talks") || !strings.Contains(got, "22 items") {
		t.Errorf("/feed list replied %q", got)
	}
	sv.stop()
}
