package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/synth"
	"github.com/parley-bot/parley/store"
)

func segments(t *testing.T, path string) int {
	t.Helper()
	db, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	segs, err := db.IndexSegments(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return len(segs)
}

// TestReindexMerge: reindex --merge merges the search index into one
// segment, saying how far it is on stderr and what it did on stdout, and
// --help says what it does.
func TestReindexMerge(t *testing.T) {
	env := tempDB(t)
	db, err := store.Open(t.Context(), env["PARLEY_DB"])
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		a := synth.Article(4, i)
		if _, _, err := db.Add(t.Context(), &a, ingest.Passages(a.Title, a.Body)); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if n := segments(t, env["PARLEY_DB"]); n < 2 {
		t.Fatalf("%d segments before; the test needs several", n)
	}
	code, out, errOut := runParley(t, env, "--seed=false", "reindex", "--merge")
	if m := regexp.MustCompile(`^the index has 1 segment \(it had (\d+)\)\n$`).FindStringSubmatch(out); code != 0 || m == nil || m[1] == "0" || m[1] == "1" {
		t.Errorf("reindex --merge: exit %d, %q; want 0 and one segment of several (%s)", code, out, errOut)
	}
	if m := regexp.MustCompile(`merging the index: (\d+) of (\d+) pages\n$`).FindStringSubmatch(errOut); m == nil || m[1] != m[2] {
		t.Errorf("reindex --merge's progress ends %q, want all pages merged", errOut)
	}
	if n := segments(t, env["PARLEY_DB"]); n != 1 {
		t.Errorf("after reindex --merge: %d segments, want 1", n)
	}
	if _, out, _ := runParley(t, env, "reindex", "--help"); !strings.Contains(out, "-merge") || !strings.Contains(out, "one segment") {
		t.Errorf("reindex --help does not tell of --merge:\n%s", out)
	}
}

// TestAddTidies: a bulk add, one article a transaction, leaves the index
// in few segments (each article wrote one).
func TestAddTidies(t *testing.T) {
	env := tempDB(t)
	dir := t.TempDir()
	for i := range 40 {
		a := synth.Article(8, i)
		text := fmt.Sprintf("---\ntitle: %s\noutlet: %s\n---\n%s\n", a.Title, a.Outlet, a.Body)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%02d.md", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, out, errOut := runParley(t, env, "--seed=false", "add", "--quiet", dir); code != 0 || !strings.Contains(out, "40 added") {
		t.Fatalf("add: exit %d, %s%s", code, out, errOut)
	}
	if n := segments(t, env["PARLEY_DB"]); n > 2 {
		t.Errorf("after adding 40 articles: %d segments, want at most 2", n)
	}
}

// TestOlderLibraryUpdateSaid: opening a library an older Parley made says,
// on stderr, each step that brings it up to date, and when it is done.
func TestOlderLibraryUpdateSaid(t *testing.T) {
	env := tempDB(t)
	if code, _, errOut := runParley(t, env, "--seed=false", "list"); code != 0 {
		t.Fatalf("list: exit %d, %s", code, errOut)
	}
	raw, err := sql.Open("sqlite", env["PARLEY_DB"])
	if err != nil {
		t.Fatal(err)
	}
	var newest int
	if err := raw.QueryRow("PRAGMA user_version").Scan(&newest); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", newest-2)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, _, errOut := runParley(t, env, "--seed=false", "list")
	want := regexp.MustCompile(fmt.Sprintf(`^parley: updating the library \(step %d of %d: [a-z ]+\)…
parley: updating the library \(step %d of %d: [a-z ]+\)…
parley: library updated in \d`, newest-1, newest, newest, newest))
	if !want.MatchString(errOut) {
		t.Errorf("opening a library two steps older says:\n%s\nwant it to match %s", errOut, want)
	}
	if _, _, errOut := runParley(t, env, "--seed=false", "list"); strings.Contains(errOut, "updating") {
		t.Errorf("an up-to-date library says %q", errOut)
	}
}
