package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/store"
)

// story is an article's text, long enough for a fetched page to be one.
const hostileStory = "Negotiators from the United States, Russia and Ukraine met in Geneva on Tuesday for a second round of talks on a ceasefire, officials said. " +
	"The delegations discussed prisoner exchanges, the front line in the east and guarantees for the security of Ukraine after any agreement is signed. " +
	"A spokesman for the Ukrainian delegation said the talks had been difficult but useful, and that another round was planned for next month. " +
	"The Kremlin said it would study the proposals and answer through the American mediators, who have carried messages between the sides since the spring. "

func listJSON(t *testing.T, env map[string]string) []struct {
	ID     int64
	Title  string
	Outlet string
	URL    string
} {
	t.Helper()
	code, out, errOut := runParley(t, env, "list", "--json")
	var list []struct {
		ID     int64
		Title  string
		Outlet string
		URL    string
	}
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil {
		t.Fatalf("list --json: exit %d\n%s%s", code, out, errOut)
	}
	return list
}

// TestHijackPageIsItsOwnArticle: a page on one site whose canonical link and
// og:url claim the address of a stored Reuters article, with og:site_name
// "Reuters", is stored as an article of its own under its own address, and
// the stored article keeps its title, outlet and text.
func TestHijackPageIsItsOwnArticle(t *testing.T) {
	env := tempDB(t)
	const reuters = "https://www.reuters.com/world/europe/geneva-talks-2025-08-19/"
	file := filepath.Join(t.TempDir(), "reuters.md")
	os.WriteFile(file, []byte("---\ntitle: Envoys meet in Geneva\noutlet: Reuters\nurl: "+reuters+"\npublished: 2025-08-19\n---\n"+hostileStory), 0o644)
	if code, out, errOut := runParley(t, env, "--seed=false", "add", file); code != 0 || !strings.Contains(out, "1 added") {
		t.Fatalf("add the Reuters article: exit %d\n%s%s", code, out, errOut)
	}
	fabricated := strings.Repeat("Ukraine surrendered every region to Russia on Tuesday, the delegations confirmed in a signed statement. ", 12)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Ukraine surrenders</title>
<link rel="canonical" href="%s"><meta property="og:url" content="%s">
<meta property="og:site_name" content="Reuters"><meta property="og:title" content="Ukraine surrenders">
</head><body><article><h1>Ukraine surrenders</h1><p>%s</p></article></body></html>`, reuters, reuters, fabricated)
	}))
	defer srv.Close()
	cfg := webConfig(t, `"allow_private_networks": true`)
	code, out, errOut := runParley(t, env, "--config", cfg, "add", srv.URL+"/world/europe/geneva-talks-2025-08-19/")
	if code != 0 || !strings.Contains(out, "1 added") {
		t.Fatalf("add the hijack page: exit %d, want it added as its own article\n%s%s", code, out, errOut)
	}
	list := listJSON(t, env)
	if len(list) != 2 {
		t.Fatalf("%d articles, want 2: %+v", len(list), list)
	}
	code, out, _ = runParley(t, env, "show", "1")
	if code != 0 || !strings.Contains(out, "Article 1: Envoys meet in Geneva\n") || !strings.Contains(out, "URL:       https://www.reuters.com/world/europe/geneva-talks-2025-08-19\n") ||
		!strings.Contains(out, hostileStory[:80]) || strings.Contains(out, "surrender") {
		t.Errorf("the stored article changed:\n%s", out)
	}
	for _, l := range list {
		if l.ID != 1 && l.URL != srv.URL+"/world/europe/geneva-talks-2025-08-19" {
			t.Errorf("the hijack page is stored under %q, want the address it was fetched from", l.URL)
		}
	}
}

// TestURLsNormalisedEverywhere: an address given in front matter is stored
// as a fetched page's is (a trailing slash or tracking parameters make no
// second copy), and one with a user name and password is refused.
func TestURLsNormalisedEverywhere(t *testing.T) {
	env := tempDB(t)
	dir := t.TempDir()
	write := func(name, url, lede string) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte("---\ntitle: Envoys meet in Geneva\noutlet: Kyiv Ledger\nurl: "+url+"\n---\n"+lede+hostileStory), 0o644)
		return path
	}
	first := write("a.md", "HTTPS://Ledger.example/world/geneva/?utm_source=newsletter#top", "")
	second := write("b.md", "https://ledger.example/world/geneva", "Updated at noon. ")
	secret := write("c.md", "https://editor:hunter2@ledger.example/world/other", "Other. ")
	code, out, _ := runParley(t, env, "--seed=false", "add", first, second, secret)
	if code != 1 || !strings.Contains(out, "1 added, 0 revised, 1 updated") ||
		!strings.Contains(out, "rejected   "+secret+": the address has a user name or password in it") {
		t.Errorf("add: exit %d\n%s", code, out)
	}
	if list := listJSON(t, env); len(list) != 1 || list[0].URL != "https://ledger.example/world/geneva" {
		t.Errorf("stored %+v, want one article under https://ledger.example/world/geneva", list)
	}
}

// TestSpecialFilesRejected: a device, a FIFO and a link to /etc/passwd are
// rejected with a reason, at once: /dev/zero used to run Parley out of
// memory, a FIFO to block it for ever, deaf to Ctrl-C.
func TestSpecialFilesRejected(t *testing.T) {
	env := tempDB(t)
	dir := t.TempDir()
	zero := filepath.Join(dir, "zero.md")
	os.Symlink("/dev/zero", zero)
	passwd := filepath.Join(dir, "accounts.txt")
	os.Symlink("/etc/passwd", passwd)
	fifo := filepath.Join(dir, "pipe.md")
	if err := mkfifo(fifo); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{zero, "it is a device, not a file"},
		{"/dev/urandom", "it is a device, not a file"},
		{fifo, "it is a named pipe, not a file"},
		{passwd, "no article text: most of it is not words"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			type result struct {
				code     int
				out, err string
			}
			done := make(chan result, 1)
			go func() {
				code, out, errOut := runParley(t, env, "--seed=false", "add", tt.path)
				done <- result{code, out, errOut}
			}()
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			select {
			case r := <-done:
				if r.code != 1 || !strings.Contains(r.out, "rejected   "+tt.path+": "+tt.want) || !strings.Contains(r.err, "1 of 1 rejected") {
					t.Errorf("exit %d, want 1 and the reason %q\n%s%s", r.code, tt.want, r.out, r.err)
				}
			case <-ctx.Done():
				t.Fatalf("add %s has not returned: it blocks", tt.path)
			}
		})
	}
}

// controls returns the control characters of s other than new lines and
// tabs: what would act on a terminal.
func controls(s string) []rune {
	var out []rune
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			out = append(out, r)
		}
	}
	return out
}

// TestNoControlCharacterReachesTheTerminal: escape sequences in a file's
// name, title, outlet and text, in a page's og:title and og:site_name
// (also written as "&#27;"), and in what an older library stored, never
// reach add, list, show, search or ask output; a file name with a new line
// does not split its line.
func TestNoControlCharacterReachesTheTerminal(t *testing.T) {
	env := tempDB(t)
	dir := t.TempDir()
	name := filepath.Join(dir, "evil\x1b]0;owned\x07\nname.md")
	os.WriteFile(name, []byte("---\ntitle: Envoys \x1b[2Jmeet\x07 in Geneva\noutlet: Kyiv \u009b31mLedger\nauthor: Jane\x1b[0m Doe\n---\n"+
		"Negotiators met in Geneva \x1b]0;pwned\x07on Tuesday.\n"+hostileStory), 0o644)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>x</title>
<meta property="og:site_name" content="Evil &#27;]0;owned&#7;Times"><meta property="og:title" content="Talks &#27;[2Jcleared &#x9b;31m in Riyadh">
</head><body><article><h1>Talks</h1><p>%s</p></article></body></html>`, strings.ReplaceAll(hostileStory, "Geneva", "Riyadh")+strings.Repeat("The talks in Riyadh went on. ", 10))
	}))
	defer srv.Close()
	cfg := webConfig(t, `"allow_private_networks": true`)
	code, out, errOut := runParley(t, env, "--config", cfg, "--seed=false", "add", name, srv.URL+"/riyadh")
	if code != 0 || !strings.Contains(out, "2 added") {
		t.Fatalf("add: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, `evil\x1b]0;owned\a\nname.md`) {
		t.Errorf("the file name is not shown escaped on its line:\n%s", out)
	}
	if n := strings.Count(strings.TrimSpace(out), "\n"); n != 2 {
		t.Errorf("add printed %d lines, want 3:\n%s", n+1, out)
	}
	runs := [][]string{{"add", name}, {"list"}, {"show", "1"}, {"show", "2"}, {"search", "Geneva"}, {"search", "Riyadh"},
		{"ask", "Who met in Geneva?"}, {"list", "--json"}, {"ask", "--json", "Who met in Geneva?"}}
	for _, args := range runs {
		code, out, errOut := runParley(t, env, append([]string{"--config", cfg}, args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
		if c := controls(out + errOut); len(c) > 0 {
			t.Errorf("%v printed control characters %q:\n%s%s", args, c, out, errOut)
		}
	}
	// What the library stores is clean too: titles, outlets and authors.
	for _, l := range listJSON(t, env) {
		if c := controls(l.Title + l.Outlet); len(c) > 0 {
			t.Errorf("article %d stored with control characters %q: %q, %q", l.ID, c, l.Title, l.Outlet)
		}
	}
	// An older library may hold them: they are still not shown.
	db, err := store.Open(t.Context(), env["PARLEY_DB"])
	if err != nil {
		t.Fatal(err)
	}
	old := parley.Article{Title: "Old \x1b[2Jtitle\nsplit", Outlet: "Old\x07 Outlet", URL: "https://old.example/a\x1b", Body: "Stored \x1b]0;x\x07long ago: a text of another story, about the grain deal in Istanbul and the ships that sailed under it."}
	if _, o, err := db.Add(t.Context(), &old, []parley.Passage{{Start: 0, End: len(old.Body), Text: old.Body}}); err != nil || o != parley.Added {
		t.Fatalf("store an old article: %v, %v", o, err)
	}
	db.Close()
	for _, args := range [][]string{{"list"}, {"show", fmt.Sprint(old.ID)}, {"search", "stored long ago"}, {"remove", fmt.Sprint(old.ID)}} {
		code, out, errOut := runParley(t, env, args...)
		if code != 0 {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
		if c := controls(out + errOut); len(c) > 0 {
			t.Errorf("%v printed control characters %q:\n%s%s", args, c, out, errOut)
		}
		if args[0] == "list" && !strings.Contains(out, `Old \x1b[2Jtitle\nsplit`) {
			t.Errorf("list does not show the old title on its line:\n%s", out)
		}
	}
}
