package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/newssite"
)

// webConfig writes a config that lets fetches reach the local site.
func webConfig(t *testing.T, ingest string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(path, []byte(`{"ingest": {`+ingest+`}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAddURLs(t *testing.T) {
	site := newssite.Start(3)
	defer site.Close()
	env := tempDB(t)
	cfg := webConfig(t, `"allow_private_networks": true, "max_concurrent_fetches": 2`)
	args := []string{"--config", cfg, "--seed=false", "add",
		site.StoryURL(1) + "?utm_source=newsletter#top", // tracking and fragment dropped
		site.URL + "/amp/story/2",                       // the AMP page's canonical is /story/2
		site.URL + "/wire/ap/4", site.URL + "/wire/courier/4",
		site.URL + "/paywall/5",
		site.URL + "/missing/6",
	}
	code, out, errOut := runParley(t, env, args...)
	if code != 1 {
		t.Errorf("exit %d, want 1 (two pages rejected)\n%s%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 7 {
		t.Fatalf("want 6 progress lines and a summary, got:\n%s", out)
	}
	for i, l := range lines[:6] {
		if !strings.HasPrefix(l, fmt.Sprintf("[%d/6] ", i+1)) {
			t.Errorf("line %d: %q", i+1, l)
		}
	}
	if got := lines[6]; got != "3 added, 0 revised, 0 updated, 0 duplicate, 1 syndicated, 2 rejected" {
		t.Errorf("summary %q", got)
	}
	for _, want := range []string{
		"rejected   " + site.URL + "/paywall/5: the page has no article text (a paywall or an index page?)",
		"rejected   " + site.URL + "/missing/6: the server answered 404 Not Found",
		"syndicated " + site.URL + "/wire/",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	code, out, _ = runParley(t, env, "list", "--json")
	var list []struct {
		ID    int64
		Title string
		URL   string
	}
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil {
		t.Fatalf("list: %d %s", code, out)
	}
	urls := map[string]bool{}
	for _, l := range list {
		urls[l.URL] = true
	}
	for _, want := range []string{site.StoryURL(1), site.StoryURL(2)} {
		if !urls[want] {
			t.Errorf("no article stored under the canonical %s; have %v", want, urls)
		}
	}

	// The wire story is stored once, from AP; the summary of it and the
	// sources of an answer name the Courier as also publishing it.
	var wire int64
	for _, l := range list {
		if l.URL == site.URL+"/wire/ap/4" || l.URL == site.URL+"/wire/courier/4" {
			wire = l.ID
		}
	}
	if wire == 0 {
		t.Fatalf("the wire story is not in the library: %v", list)
	}
	code, out, _ = runParley(t, env, "show", fmt.Sprint(wire))
	if code != 0 || !strings.Contains(out, "Also in:") {
		t.Errorf("show %d lists no other outlet:\n%s", wire, out)
	}
	code, out, _ = runParley(t, env, "summary", "--article", fmt.Sprint(wire))
	if code != 0 || (!strings.Contains(out, "also published by The Daily Courier") && !strings.Contains(out, "also published by Associated Press")) {
		t.Errorf("summary of the wire story does not name the other outlet:\n%s", out)
	}

	// Adding the same page again, by another of its addresses, stores nothing new.
	code, out, _ = runParley(t, env, "--config", cfg, "add", site.StoryURL(1)+"?utm_campaign=again")
	if code != 0 || !strings.Contains(out, "duplicate") {
		t.Errorf("the same page again: exit %d\n%s", code, out)
	}

	// The guard is on without the setting: 127.0.0.1 is refused, and why.
	code, out, errOut = runParley(t, env, "add", site.StoryURL(9))
	if code != 1 || !strings.Contains(out, "refused: 127.0.0.1 is a loopback address") || !strings.Contains(errOut, "ingest.allow_private_networks") {
		t.Errorf("a loopback URL with the guard on: exit %d\n%s%s", code, out, errOut)
	}
}

func TestFeedCommands(t *testing.T) {
	site := newssite.Start(5)
	defer site.Close()
	env := tempDB(t)
	cfg := webConfig(t, `"allow_private_networks": true`)
	parley := func(args ...string) (int, string, string) {
		return runParley(t, env, append([]string{"--config", cfg, "--seed=false"}, args...)...)
	}
	code, out, errOut := parley("feed", "add", site.URL+"/")
	if code != 0 {
		t.Fatalf("feed add: %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"Following " + site.URL + "/rss.xml as feed 1.",
		"[20/20] added",
		"feed 1 (Example News: Ukraine talks): 20 items, 20 new: 20 added",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("feed add output lacks %q:\n%s", want, out)
		}
	}

	code, out, _ = parley("feed", "poll")
	if code != 0 || !strings.Contains(out, "feed 1 (Example News: Ukraine talks): not modified since the last poll") {
		t.Errorf("feed poll: %d\n%s", code, out)
	}

	site.FailFeeds(true)
	code, out, _ = parley("feed", "poll")
	if code != 1 || !strings.Contains(out, "failed: the server answered 500 Internal Server Error; next try") {
		t.Errorf("feed poll of a failing feed: %d\n%s", code, out)
	}
	code, out, _ = parley("feed", "list")
	if code != 0 || !strings.Contains(out, "failing: 1 in a row (the server answered 500 Internal Server Error); next try") ||
		!strings.Contains(out, site.URL+"/rss.xml") {
		t.Errorf("feed list: %d\n%s", code, out)
	}
	// In backoff, cron's poll leaves the feed alone; --all does not.
	site.FailFeeds(false)
	code, out, _ = parley("feed", "poll")
	if code != 0 || !regexp.MustCompile(`^1 feed waits until (\d{4}-\d\d-\d\d )?\d\d:\d\d after failing; --all polls it now\n$`).MatchString(out) {
		t.Errorf("feed poll during backoff: %d\n%s", code, out)
	}
	site.SetFeed(3, 20)
	code, out, _ = parley("feed", "poll", "--all")
	if code != 0 || !strings.Contains(out, "20 items, 3 new: 3 added") {
		t.Errorf("feed poll --all: %d\n%s", code, out)
	}
	code, out, _ = parley("feed", "list", "--json")
	var list []struct {
		ID       int64
		Items    int
		Failures int
	}
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) != 1 || list[0].Items != 23 || list[0].Failures != 0 {
		t.Errorf("feed list --json: %d %s", code, out)
	}

	code, _, errOut = parley("feed", "add", site.URL+"/rss.xml")
	if code != 1 || !strings.Contains(errOut, "already follows") {
		t.Errorf("following twice: %d %s", code, errOut)
	}
	code, out, _ = parley("feed", "remove", "1")
	if code != 0 || !strings.Contains(out, "no longer following feed 1") {
		t.Errorf("feed remove: %d %s", code, out)
	}
	code, _, errOut = parley("feed", "remove", "1")
	if code != 1 || !strings.Contains(errOut, "no feed 1") {
		t.Errorf("removing again: %d %s", code, errOut)
	}
	code, out, _ = parley("list")
	if code != 0 || !strings.Contains(out, "23 articles") {
		t.Errorf("the feed's articles should stay: %s", out)
	}
	if code, _, _ := parley("feed", "frobnicate"); code != 2 {
		t.Errorf("unknown subcommand: exit %d, want 2", code)
	}
}

// TestRefusalSaysWhy: whoever reads a refusal (an admin in Discord, who
// cannot see the config) is told the rule behind it, and the error still
// reads as bad input (shown, not logged as a failure); other rejections
// do not carry the rule.
func TestRefusalSaysWhy(t *testing.T) {
	_, err := newFetcher(IngestConfig{Timeout: "5s"}).Article(t.Context(), "http://127.0.0.1:9/")
	if !errors.Is(err, parley.ErrInvalid) || err.Error() != "refused: 127.0.0.1 is a loopback address (Parley fetches only from public web servers)" {
		t.Errorf("refusal = %v", err)
	}
	_, other := newFetcher(IngestConfig{Timeout: "5s"}).Article(t.Context(), "ftp://example.com/x")
	if !errors.Is(other, parley.ErrInvalid) || strings.Contains(other.Error(), "public web servers") {
		t.Errorf("a rejection that is not a refusal: %v", other)
	}
}
