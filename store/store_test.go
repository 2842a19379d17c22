package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/synth"
	"github.com/parley-bot/parley/store"
	_ "modernc.org/sqlite"
)

func openTemp(t testing.TB) (*store.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "lib", "parley.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// paragraphs cuts a body into one passage per line: enough for the store,
// which takes whatever passages it is given as long as they are the body's.
func paragraphs(body string) []parley.Passage {
	var ps []parley.Passage
	off := 0
	for _, line := range strings.SplitAfter(body, "\n") {
		text := strings.TrimRight(line, "\n")
		if strings.TrimSpace(text) != "" {
			ps = append(ps, parley.Passage{Seq: len(ps), Start: off, End: off + len(text), Text: text})
		}
		off += len(line)
	}
	return ps
}

func article(title, outlet, url, body string) *parley.Article {
	return &parley.Article{Title: title, Outlet: outlet, URL: url, Body: body,
		Published: time.Date(2025, 8, 17, 0, 0, 0, 0, time.UTC)}
}

func mustAdd(t testing.TB, db *store.DB, a *parley.Article) int64 {
	t.Helper()
	id, outcome, err := db.Add(context.Background(), a, paragraphs(a.Body))
	if err != nil {
		t.Fatal(err)
	}
	if outcome != parley.Added {
		t.Fatalf("add %q: got %v, want added", a.Title, outcome)
	}
	return id
}

func TestAddGetListRemove(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	a := article("Envoy says Putin agreed to protections", "The Independent", "https://example.com/a",
		"Witkoff said Russia agreed to Article 5-like protection for Ukraine.\nRubio said sanctions were off the table for now.")
	id := mustAdd(t, db, a)

	got, err := db.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != a.Title || got.Outlet != a.Outlet || got.URL != a.URL || got.Body != a.Body || got.Date() != "2025-08-17" {
		t.Errorf("article round trip: got %+v", got)
	}
	if got.Hash == "" || got.Added.IsZero() {
		t.Errorf("hash %q and added %v must be set", got.Hash, got.Added)
	}

	// The same text again from the same outlet, even under another URL, is
	// one article. (From another outlet: TestIdenticalCopyFromAnotherOutlet.)
	dup := article("Copy", "The Independent", "https://example.com/b", a.Body)
	dupID, outcome, err := db.Add(ctx, dup, paragraphs(dup.Body))
	if err != nil || outcome != parley.Duplicate || dupID != id {
		t.Errorf("duplicate: got id %d, %v, %v; want %d, duplicate", dupID, outcome, err, id)
	}

	// The same URL with new text updates the article in place.
	upd := article("Envoy says Putin agreed (updated)", "The Independent", "https://example.com/a",
		"Witkoff said Russia agreed to Article 5-like protection for Ukraine, a game-changing concession.")
	updID, outcome, err := db.Add(ctx, upd, paragraphs(upd.Body))
	if err != nil || outcome != parley.Updated || updID != id {
		t.Errorf("update: got id %d, %v, %v; want %d, updated", updID, outcome, err, id)
	}
	if hits, _ := db.Search(ctx, parley.Query{Text: "sanctions"}, 5); len(hits) != 0 {
		t.Errorf("old passages still indexed after update: %v", hits)
	}
	if hits, _ := db.Search(ctx, parley.Query{Text: "game-changing concession"}, 5); len(hits) != 1 {
		t.Errorf("new passages not indexed after update: %v", hits)
	}

	list, err := db.List(ctx)
	if err != nil || len(list) != 1 || list[0].Passages != 1 || list[0].Title != upd.Title {
		t.Fatalf("list: %+v, %v", list, err)
	}

	if err := db.Remove(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Article(ctx, id); !errors.Is(err, parley.ErrNotFound) {
		t.Errorf("article after remove: err = %v, want ErrNotFound", err)
	}
	if err := db.Remove(ctx, id); !errors.Is(err, parley.ErrNotFound) {
		t.Errorf("second remove: err = %v, want ErrNotFound", err)
	}
	if hits, _ := db.Search(ctx, parley.Query{Text: "Witkoff protection"}, 5); len(hits) != 0 {
		t.Errorf("index rows left after remove: %v", hits)
	}
	if ps, _ := db.Passages(ctx, id); len(ps) != 0 {
		t.Errorf("passages left after remove: %v", ps)
	}
}

func TestAddRejectsPassagesThatAreNotTheBody(t *testing.T) {
	db, _ := openTemp(t)
	a := article("T", "O", "", "Some text here.")
	_, _, err := db.Add(context.Background(), a, []parley.Passage{{Start: 0, End: 4, Text: "Nope"}})
	if !errors.Is(err, parley.ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	if n, _ := db.Count(context.Background()); n != 0 {
		t.Errorf("%d articles stored after a rejected add", n)
	}
}

func TestOpenRejectsOtherFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	text := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(text, []byte("these are not the droids you are looking for, just some text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(ctx, text); !errors.Is(err, parley.ErrNotLibrary) {
		t.Errorf("text file: err = %v, want ErrNotLibrary", err)
	}

	other := filepath.Join(dir, "other.db")
	sdb, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec("CREATE TABLE recipes (name TEXT)"); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	if _, err := store.Open(ctx, other); !errors.Is(err, parley.ErrNotLibrary) {
		t.Errorf("other SQLite database: err = %v, want ErrNotLibrary", err)
	}

	if _, err := store.Open(ctx, dir); !errors.Is(err, parley.ErrNotLibrary) {
		t.Errorf("directory: err = %v, want ErrNotLibrary", err)
	}
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	db.Close()
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sdb.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	sdb.Close()
	if _, err := store.Open(ctx, path); !errors.Is(err, parley.ErrNewerSchema) {
		t.Errorf("err = %v, want ErrNewerSchema", err)
	}
}

func TestReopenKeepsArticles(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	mustAdd(t, db, article("Title", "Outlet", "", "Trump met Putin in Anchorage for nearly three hours."))
	db.Close()
	db2, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if n, err := db2.Count(ctx); n != 1 || err != nil {
		t.Errorf("count after reopen = %d, %v; want 1", n, err)
	}
}

func TestSearchNeverFailsOnHostileQueries(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	mustAdd(t, db, article("Rubio on sanctions", "ABC", "",
		"Secretary of State Marco Rubio said further sanctions on Russia were likely off the table.\nThe talking stops, he said."))
	long := strings.Repeat("sanctions Rubio \"NEAR( ", 700)
	for _, q := range []string{
		`"`, `"sanctions`, `sanctions*`, `-sanctions`, `title:sanctions`, `^Rubio`, `(Rubio`, `Rubio)`,
		`NEAR(Rubio sanctions)`, `Rubio AND`, `OR sanctions`, `NOT Rubio`, `AND OR NOT`, `🇺🇦 sanctions 🕊️`,
		`""""`, `*`, `'; DROP TABLE articles; --`, "\x00sanctions", `sanctions:* -"x" ^y`, long, "",
		"U.S. troops", "Rubio's", "5-like", "Ééé ñ", "sanctions\tRubio\n",
	} {
		hits, err := db.Search(ctx, parley.Query{Text: q}, 5)
		if err != nil {
			t.Errorf("Search(%.40q): %v", q, err)
			continue
		}
		if strings.Contains(strings.ToLower(q), "sanctions") && len(hits) == 0 {
			t.Errorf("Search(%.40q): no results, want the Rubio passage", q)
		}
	}
	if n, _ := db.Count(ctx); n != 1 {
		t.Errorf("library has %d articles after hostile queries, want 1", n)
	}
}

func TestSearchRanksAndBoostsTitles(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	mustAdd(t, db, article("Markets wobble", "FT", "https://example.com/1",
		"Oil prices rose on Monday as traders weighed the talks. Analysts expect volatility to continue through the week."))
	ceasefire := mustAdd(t, db, article("Ceasefire talks stall", "Reuters", "https://example.com/2",
		"Negotiators met again in Geneva on Tuesday without agreement. Both delegations blamed the other for the delay."))
	mustAdd(t, db, article("Aid package passes", "AP", "https://example.com/3",
		"Lawmakers approved a new aid package for Ukraine. The vote came after weeks of debate about the ceasefire and the talks."))
	hits, err := db.Search(ctx, parley.Query{Text: "ceasefire talks"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].ArticleID != ceasefire {
		t.Fatalf("top hit = %+v, want the article titled \"Ceasefire talks stall\"", hits)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hits not in score order: %v then %v", hits[i-1].Score, hits[i].Score)
		}
	}
	h := hits[0]
	if h.Source.Title != "Ceasefire talks stall" || h.Source.Outlet != "Reuters" || h.Source.URL == "" || h.Source.Date() != "2025-08-17" {
		t.Errorf("hit source = %+v", h.Source)
	}
}

func TestSearchKeepsSyndicatedCopiesFromCrowdingOthersOut(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	wire := "Russian President Vladimir Putin agreed that the United States could offer security guarantees to Ukraine, U.S. envoy Steve Witkoff said on Sunday."
	for i, outlet := range []string{"AP", "Yahoo", "MSN", "Local Paper", "Another Paper"} {
		body := wire + "\n" + strings.Repeat("Read more from "+outlet+". ", i+1)
		mustAdd(t, db, article("Putin agreed to security guarantees", outlet, "", body))
	}
	other := mustAdd(t, db, article("Europe weighs guarantees", "Politico", "",
		"European leaders discussed what security guarantees for Ukraine could look like after Putin met Trump."))
	hits, err := db.Search(ctx, parley.Query{Text: "Putin security guarantees Ukraine"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, h := range hits {
		found = found || h.ArticleID == other
	}
	if !found {
		t.Errorf("the distinct article is crowded out of the top 3 by copies of one wire story: %+v", hits)
	}
}

func TestConcurrentAddAndSearch(t *testing.T) {
	ctx := context.Background()
	_, path := openTemp(t)
	writer, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	reader, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := range 40 {
			a := synth.Article(3, i) // distinct stories: near-copies are one article now
			if _, _, err := writer.Add(ctx, &a, paragraphs(a.Body)); err != nil {
				errs <- err
			}
		}
	}()
	go func() {
		defer wg.Done()
		for range 40 {
			if _, err := reader.Search(ctx, parley.Query{Text: "peace talks Geneva"}, 5); err != nil {
				errs <- err
			}
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, _ := reader.Count(ctx); n != 40 {
		t.Errorf("count = %d, want 40", n)
	}
}

func TestSyndicatedCopiesAreOneArticle(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	story := synth.Article(5, 1).Body
	ap := mustAdd(t, db, article("Prisoner swap", "AP", "https://ap.example/swap", "By AP staff\n"+story))
	yahoo := article("Prisoner swap (AP)", "Yahoo News", "https://yahoo.example/swap", story+"\nRead more on Yahoo News.")
	id, outcome, err := db.Add(ctx, yahoo, paragraphs(yahoo.Body))
	if err != nil || outcome != parley.Syndicated || id != ap {
		t.Fatalf("a copy from another outlet: id %d, %v, %v; want %d, syndicated", id, outcome, err, ap)
	}
	again := article("Prisoner swap, updated", "AP", "", "By AP staff\n"+story+"\nThis story has been corrected.")
	if id, outcome, _ := db.Add(ctx, again, paragraphs(again.Body)); outcome != parley.Revised || id == ap {
		t.Errorf("a near-copy from the same outlet: %d, %v; want a new article, revised", id, outcome)
	}
	other := synth.Article(5, 2)
	if _, outcome, _ := db.Add(ctx, &other, paragraphs(other.Body)); outcome != parley.Added {
		t.Errorf("another story: %v, want added", outcome)
	}
	outlets, err := db.Outlets(ctx, ap)
	if err != nil || len(outlets) != 1 || outlets[0].Outlet != "Yahoo News" || outlets[0].URL != "https://yahoo.example/swap" {
		t.Errorf("outlets = %+v, %v", outlets, err)
	}
	if n, _ := db.Count(ctx); n != 3 {
		t.Errorf("%d articles, want 3", n)
	}
	if err := db.Remove(ctx, ap); err != nil {
		t.Fatal(err)
	}
	if outlets, _ := db.Outlets(ctx, ap); len(outlets) != 0 {
		t.Errorf("outlets left after remove: %+v", outlets)
	}
}

// TestIdenticalCopyFromAnotherOutlet: a wire story republished word for
// word under another site's name is that outlet's copy, not a duplicate;
// the same text again from an outlet already known changes nothing.
func TestIdenticalCopyFromAnotherOutlet(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	story := synth.Article(6, 1).Body
	wire := mustAdd(t, db, article("Prisoner swap", "Baltic Wire Service", "https://wire.example/swap", story))
	tests := []struct {
		name, outlet, url string
		want              parley.Outcome
	}{
		{"another outlet", "Kyiv Ledger", "https://ledger.example/swap", parley.Syndicated},
		{"that outlet again", "Kyiv Ledger", "https://ledger.example/swap", parley.Duplicate},
		{"that outlet at another address", "Kyiv Ledger", "https://ledger.example/amp/swap", parley.Syndicated},
		{"a third outlet, no address", "Volga Daily", "", parley.Syndicated},
		{"the first outlet", "baltic wire service", "https://wire.example/swap?ref=rss", parley.Duplicate},
		{"no outlet", "", "https://anon.example/swap", parley.Duplicate},
		{"the first page under another name", "Wire Mirror", "https://wire.example/swap", parley.Duplicate},
	}
	for _, tt := range tests {
		a := article("Prisoner swap", tt.outlet, tt.url, story)
		id, outcome, err := db.Add(ctx, a, paragraphs(a.Body))
		if err != nil || outcome != tt.want || id != wire {
			t.Errorf("%s: article %d, %v, %v; want %d, %v", tt.name, id, outcome, err, wire, tt.want)
		}
	}
	outlets, err := db.Outlets(ctx, wire)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range outlets {
		got = append(got, o.Outlet+" "+o.URL)
	}
	want := []string{"Kyiv Ledger https://ledger.example/amp/swap", "Kyiv Ledger https://ledger.example/swap", "Volga Daily "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("outlets = %q, want %q", got, want)
	}
	if n, _ := db.Count(ctx); n != 1 {
		t.Errorf("%d articles, want 1", n)
	}
	arts, err := db.Articles(ctx, time.Time{}, time.Time{}, []int64{wire}, 1)
	if err != nil || len(arts) != 1 || len(arts[0].Also) != 3 {
		t.Errorf("Articles: %+v, %v; want the article with 3 other outlets", arts, err)
	}
}
