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

	"github.com/parley-bot/parley/internal/discordtest"
)

// syncBuffer is a bytes.Buffer safe for the logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
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
	env := map[string]string{"DISCORD_TOKEN": "secret-token-123"}
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--config", cfg, "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), &logs, &logs)
	}()
	waitCtx, stop := context.WithTimeout(ctx, 20*time.Second)
	defer stop()
	if err := srv.WaitReady(waitCtx); err != nil {
		t.Fatalf("the bot never connected: %v\n%s", err, logs.String())
	}
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
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v on shutdown", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop within 15 s of the signal")
	}
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
