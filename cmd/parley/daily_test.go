package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/newssite"
	"github.com/parley-bot/parley/internal/synth"
	"github.com/parley-bot/parley/store"
)

// TestNotFoundExitsOne: whatever names an article or a feed that is not in
// the library fails with status 1, says so on stderr and prints nothing on
// stdout.
func TestNotFoundExitsOne(t *testing.T) {
	env := tempDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"show", "999"}, "no article 999"},
		{[]string{"summary", "--article", "999"}, "no article 999"},
		{[]string{"summary", "--article", "999", "--json"}, "no article 999"},
		{[]string{"remove", "999"}, "no article 999"},
		{[]string{"feed", "remove", "9"}, "no feed 9"},
	} {
		code, out, errOut := runParley(t, env, tc.args...)
		if code != 1 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("parley %q: exit %d, stdout %q, stderr %q; want exit 1 and %q on stderr", tc.args, code, out, errOut, tc.want)
		}
	}
}

// addNumbered adds n articles, "Report 1" (published 2025-07-01) to
// "Report n" a day apart, from two outlets by turns (odd ones from the
// Kyiv Ledger, even ones from the Baltic Wire Service), to a library
// made without the bundled articles.
func addNumbered(t *testing.T, env map[string]string, n int) {
	t.Helper()
	dir := t.TempDir()
	for i := 1; i <= n; i++ {
		outlet := "Kyiv Ledger"
		if i%2 == 0 {
			outlet = "Baltic Wire Service"
		}
		day := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i-1).Format(parley.DateLayout)
		text := fmt.Sprintf("---\ntitle: Report %d\noutlet: %s\npublished: %s\n---\nDelegations met for round %d of the talks in Istanbul on Monday and agreed to meet again, officials said.\n", i, outlet, day, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%02d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out, errOut := runParley(t, env, "--seed=false", "add", dir); code != 0 {
		t.Fatalf("add: exit %d\n%s%s", code, out, errOut)
	}
}

// TestListFlags: list --limit shows the newest N and says how many match;
// --outlet and --since keep the articles of an outlet (any part of its
// name, any case) and published since a day; without a terminal, list
// shows them all; one article is "1 article".
func TestListFlags(t *testing.T) {
	env := tempDB(t)
	addNumbered(t, env, 25)
	list := func(args ...string) string {
		t.Helper()
		code, out, errOut := runParley(t, env, append([]string{"list"}, args...)...)
		if code != 0 {
			t.Fatalf("list %q: exit %d: %s", args, code, errOut)
		}
		return out
	}
	if out := list(); strings.Count(out, "\n") != 26 || !strings.HasSuffix(out, "\n25 articles\n") {
		t.Errorf("list into a pipe: want all 25 articles and the total:\n%s", out)
	}
	out := list("--limit", "3")
	if lines := strings.Split(out, "\n"); len(lines) != 5 || !strings.Contains(lines[0], "Report 25") ||
		!strings.Contains(lines[2], "Report 23") || lines[3] != "the newest 3 of 25 articles; --limit 0 lists them all" {
		t.Errorf("list --limit 3:\n%s", out)
	}
	out = list("--outlet", "kyiv", "--since", "2025-07-20")
	for _, want := range []string{"Report 25", "Report 23", "Report 21", "\n3 articles\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("list --outlet kyiv --since 2025-07-20 lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Baltic") || strings.Contains(out, "Report 19") {
		t.Errorf("list --outlet kyiv --since 2025-07-20 shows another outlet or an older article:\n%s", out)
	}
	if out := list("--outlet", "BALTIC WIRE", "--since", "2025-07-24", "--limit", "5"); !strings.HasSuffix(out, "Report 24\n1 article\n") {
		t.Errorf("one article: want \"1 article\":\n%s", out)
	}
	if out := list("--outlet", "Reuters"); out != "None of the library's 25 articles matches.\n" {
		t.Errorf("no match: %q", out)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(list("--json", "--outlet", "Ledger", "--limit", "2")), &items); err != nil || len(items) != 2 || items[0]["title"] != "Report 25" {
		t.Errorf("list --json --outlet Ledger --limit 2: %v %v", items, err)
	}
	for _, args := range [][]string{{"--limit", "-1"}, {"--since", "last spring"}, {"Reuters"}} {
		if code, _, errOut := runParley(t, env, append([]string{"list"}, args...)...); code != 2 {
			t.Errorf("list %q: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
}

// TestFeedPollFromCron: feed poll into a pipe, as cron runs it, prints
// each item that was rejected with the reason, and the poll's summary,
// but not every item; a library that follows no feed says how to follow
// one.
func TestFeedPollFromCron(t *testing.T) {
	site := newssite.Start(5)
	defer site.Close()
	var items atomic.Value
	items.Store("")
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Briefs</title><link>%s/</link>%s</channel></rss>`, site.URL, items.Load())
	}))
	defer feed.Close()
	env := tempDB(t)
	cfg := webConfig(t, `"allow_private_networks": true`)
	parley := func(args ...string) (int, string, string) {
		return runParley(t, env, append([]string{"--config", cfg, "--seed=false"}, args...)...)
	}
	if code, out, _ := parley("feed", "poll"); code != 0 || out != "No feeds to poll. Follow one with: parley feed add URL\n" {
		t.Errorf("feed poll of no feeds: exit %d, %q", code, out)
	}
	if code, out, errOut := parley("feed", "add", feed.URL+"/rss.xml"); code != 0 {
		t.Fatalf("feed add: exit %d\n%s%s", code, out, errOut)
	}
	item := func(guid, link string) string {
		return fmt.Sprintf(`<item><title>%s</title><link>%s</link><guid>%s</guid></item>`, guid, link, guid)
	}
	items.Store(item("a", site.StoryURL(1)) + item("b", site.URL+"/paywall/2") + item("c", site.URL+"/missing/3"))
	code, out, errOut := parley("feed", "poll")
	if code != 0 {
		t.Fatalf("feed poll: exit %d\n%s%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 3 || !strings.HasSuffix(lines[2], "3 items, 3 new: 1 added, 2 rejected") {
		t.Fatalf("feed poll from cron: want the two rejected items and the summary:\n%s", out)
	}
	for _, want := range []string{"rejected   " + site.URL + "/paywall/2: ", "rejected   " + site.URL + "/missing/3: the server answered 404 Not Found"} {
		if !strings.Contains(out, want) {
			t.Errorf("feed poll from cron lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, site.StoryURL(1)) {
		t.Errorf("feed poll from cron lists an item that was added:\n%s", out)
	}
}

// TestSearchKCap: search --k takes up to store.MaxHits, and gives about
// that many passages when more match (a near-copy of a better passage is
// left out); above it is a usage error that says the cap, as --help does.
func TestSearchKCap(t *testing.T) {
	env := tempDB(t)
	db, err := store.Open(t.Context(), env["PARLEY_DB"])
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		a := synth.Article(3, i)
		if _, _, err := db.Add(t.Context(), &a, ingest.Passages(a.Title, a.Body)); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	code, out, errOut := runParley(t, env, "search", "--json", "--k", fmt.Sprint(store.MaxHits), "Ukraine")
	var res struct{ Results []map[string]any }
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Results) > store.MaxHits || len(res.Results) < store.MaxHits-4 {
		t.Errorf("search --k %d: exit %d, %d results (%s)", store.MaxHits, code, len(res.Results), errOut)
	}
	cap := fmt.Sprintf("at most %d", store.MaxHits)
	for _, args := range [][]string{{"search", "--k", fmt.Sprint(store.MaxHits + 1), "talks"}, {"eval", "--k", "100", "x.jsonl"}} {
		code, _, errOut := runParley(t, env, args...)
		if code != 2 || !strings.Contains(errOut, fmt.Sprintf("between 1 and %d", store.MaxHits)) {
			t.Errorf("parley %q: exit %d, %q; want 2 and the cap", args, code, errOut)
		}
	}
	for _, c := range []string{"search", "eval"} {
		if _, out, _ := runParley(t, env, c, "--help"); !strings.Contains(out, cap) {
			t.Errorf("%s --help does not say %q:\n%s", c, cap, out)
		}
	}
}

// TestAddQuiet: add --quiet prints what was rejected, and the totals, not
// a line for every article.
func TestAddQuiet(t *testing.T) {
	env := tempDB(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\ntitle: Talks resume\noutlet: Wire\n---\nNegotiators met in Geneva on Sunday to discuss a revised peace plan, officials said.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.md"), []byte(""), 0o644)
	code, out, errOut := runParley(t, env, "--seed=false", "add", "--quiet", dir)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 1 || len(lines) != 2 || !strings.Contains(lines[0], "rejected   "+filepath.Join(dir, "b.md")+": ") ||
		!strings.HasPrefix(lines[1], "1 added, ") || !strings.Contains(lines[1], ", 1 rejected") {
		t.Errorf("add --quiet: exit %d, want 1, the rejected file and the totals:\n%s%s", code, out, errOut)
	}
}

// TestNewLibrarySaysWhere: the run that makes a library says where, and
// with what; the runs after it say nothing of it.
func TestNewLibrarySaysWhere(t *testing.T) {
	env := tempDB(t)
	path := env["PARLEY_DB"]
	code, out, errOut := runParley(t, env, "list", "--json")
	if want := fmt.Sprintf("Created %s with the %d bundled articles.\n", path, seeds(t)); code != 0 || errOut != want || !strings.HasPrefix(out, "[") {
		t.Errorf("the first run: exit %d, stderr %q, want %q (and the JSON alone on stdout)", code, errOut, want)
	}
	if _, _, errOut := runParley(t, env, "list"); errOut != "" {
		t.Errorf("the second run: stderr %q, want nothing", errOut)
	}
	empty := tempDB(t)
	if _, _, errOut := runParley(t, empty, "--seed=false", "list"); errOut != "Created "+empty["PARLEY_DB"]+", empty (--seed=false).\n" {
		t.Errorf("--seed=false: stderr %q", errOut)
	}
}

// TestEmptyLibrary: a question, a search, a summary or a timeline of an
// empty library fails (status 1), saying the library is empty and how to
// add articles, rather than that the articles don't answer it.
func TestEmptyLibrary(t *testing.T) {
	env := tempDB(t)
	runParley(t, env, "--seed=false", "list")
	for _, args := range [][]string{
		{"ask", "What did Russia agree to in Alaska?"},
		{"ask", "--json", "What did Russia agree to in Alaska?"},
		{"search", "sanctions"},
		{"summary"},
		{"timeline", "--since", "7d"},
	} {
		code, out, errOut := runParley(t, env, args...)
		if code != 1 || out != "" || !strings.Contains(errOut, "the library "+env["PARLEY_DB"]+" is empty") || !strings.Contains(errOut, "parley add") {
			t.Errorf("parley %q of an empty library: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if code, out, _ := runParley(t, env, "list"); code != 0 || !strings.HasPrefix(out, "The library is empty. Add articles with: parley add") {
		t.Errorf("list of an empty library: exit %d, %q", code, out)
	}
}

// TestRemovedIDsStayRemoved: after remove, the next article added takes a
// new id, never the removed one.
func TestRemovedIDsStayRemoved(t *testing.T) {
	env := tempDB(t)
	addNumbered(t, env, 3)
	if code, out, errOut := runParley(t, env, "remove", "3"); code != 0 || !strings.Contains(out, "removed 3: Report 3") {
		t.Fatalf("remove 3: exit %d\n%s%s", code, out, errOut)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "new.md"), []byte("---\ntitle: Talks resume\noutlet: Wire\n---\nNegotiators met in Geneva on Sunday to discuss a revised peace plan, officials said.\n"), 0o644)
	if code, out, _ := runParley(t, env, "add", dir); code != 0 || !strings.Contains(out, "(article 4: Talks resume)") {
		t.Errorf("the article added after removing article 3: exit %d, want article 4:\n%s", code, out)
	}
	if code, _, _ := runParley(t, env, "show", "3"); code != 1 {
		t.Errorf("show 3 after its removal: exit %d, want 1", code)
	}
}
