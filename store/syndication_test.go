package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/synth"
	"github.com/parley-bot/parley/prose"
)

// TestBandsFollowTheirArticles: band rows are removed by key, not by a
// cascade, so check that updates and removals leave none behind.
func TestBandsFollowTheirArticles(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func() (rows, articles int) {
		db.sql.QueryRow(`SELECT count(*) FROM article_bands`).Scan(&rows)
		db.sql.QueryRow(`SELECT count(*) FROM articles`).Scan(&articles)
		return
	}
	var ids []int64
	for i := range 5 {
		a := synth.Article(9, i)
		id, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	// The same URL with another story: an update that re-indexes.
	upd := synth.Article(9, 100)
	upd.URL = synth.Article(9, 0).URL
	if _, outcome, err := db.Add(ctx, &upd, ingest.Passages(upd.Title, upd.Body)); err != nil || outcome != parley.Updated {
		t.Fatalf("update: %v, %v", outcome, err)
	}
	if rows, n := count(); rows != bands*n {
		t.Errorf("%d band rows for %d articles, want %d", rows, n, bands*n)
	}
	for _, id := range ids[:3] {
		if err := db.Remove(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if rows, n := count(); n != 2 || rows != bands*n {
		t.Errorf("after removals: %d band rows for %d articles, want %d", rows, n, bands*n)
	}
}

// TestBackfillSignatures: articles stored before signatures existed are
// signed when the library is next opened, so a copy of their story from
// another outlet is recognised.
func TestBackfillSignatures(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a := synth.Article(4, 1)
	if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
		t.Fatal(err)
	}
	// As a library from before migration 4 left it.
	for _, q := range []string{"DELETE FROM article_bands", "DELETE FROM article_signatures", "DELETE FROM settings WHERE name = 'signatures-complete'"} {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var sigs, bandRows int
	db.sql.QueryRow(`SELECT count(*) FROM article_signatures`).Scan(&sigs)
	db.sql.QueryRow(`SELECT count(*) FROM article_bands`).Scan(&bandRows)
	if sigs != 1 || bandRows != bands {
		t.Fatalf("after reopening: %d signatures, %d band rows; want 1, %d", sigs, bandRows, bands)
	}
	copied := a
	copied.Outlet, copied.URL, copied.Hash = "Another Outlet", "https://other.example/story", ""
	copied.Body = "Another Outlet — " + a.Body
	id, outcome, err := db.Add(ctx, &copied, ingest.Passages(copied.Title, copied.Body))
	if err != nil || outcome != parley.Syndicated || id != a.ID {
		t.Errorf("a copy of the old article: %v (article %d), %v; want syndicated to %d", outcome, id, err, a.ID)
	}
}

// TestSettingsTableRepaired: a library made with the first version of
// migration 2, which had no settings table, gets one when opened.
func TestSettingsTableRepaired(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db = asOlder(t, db, path, "DROP TABLE settings", "ALTER TABLE passages DROP COLUMN sentences", "PRAGMA user_version = 5")
	if _, err := db.Secret(ctx, "voter-hash-key"); err != nil {
		t.Errorf("Secret: %v", err)
	}
}

// TestRevisedStoryIsStored: two articles of one outlet under different
// addresses, with different titles and ledes and 90% the same text, are a
// story and its revision: the second is stored too, not dropped as a
// duplicate, and the first is left as it was. The same text again is the
// duplicate.
func TestRevisedStoryIsStored(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	story := synth.Article(7, 1).Body
	first := parley.Article{Title: "Russia agreed to a ceasefire in the Black Sea", Outlet: "Kyiv Ledger",
		URL: "https://ledger.example/black-sea-agreed", Body: "Russia agreed on Tuesday to a ceasefire at sea, officials said.\n" + story}
	revised := parley.Article{Title: "Russia rejected a ceasefire in the Black Sea", Outlet: "Kyiv Ledger",
		URL: "https://ledger.example/black-sea-rejected", Body: "Russia rejected on Tuesday a ceasefire at sea, officials said.\n" + story}
	if sim := prose.MinHash(first.Body).Similarity(prose.MinHash(revised.Body)); sim < sameStory || first.Body == revised.Body {
		t.Fatalf("the revision is %.2f similar; the test needs a near-copy", sim)
	}
	add := func(a parley.Article) (int64, parley.Outcome) {
		t.Helper()
		a.Published = time.Date(2025, 8, 19, 0, 0, 0, 0, time.UTC)
		id, outcome, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body))
		if err != nil {
			t.Fatal(err)
		}
		return id, outcome
	}
	id1, o := add(first)
	if o != parley.Added {
		t.Fatalf("first: %v", o)
	}
	id2, o := add(revised)
	if o != parley.Revised || id2 == id1 {
		t.Fatalf("the revision: article %d, %v; want a new article, revised", id2, o)
	}
	for _, want := range []parley.Article{first, revised} {
		id := id1
		if want.URL == revised.URL {
			id = id2
		}
		got, err := db.Article(ctx, id)
		if err != nil || got.Title != want.Title || got.URL != want.URL || got.Body != want.Body {
			t.Errorf("article %d = %q %q %q…, %v; want %q %q", id, got.Title, got.URL, strings.SplitN(got.Body, "\n", 2)[0], err, want.Title, want.URL)
		}
	}
	// Without an outlet, a near-copy is no other outlet's copy either.
	anon := revised
	anon.Outlet, anon.URL, anon.Body = "", "", "Russia refused on Tuesday a ceasefire at sea, officials said.\n"+story
	if id, o := add(anon); o != parley.Revised || id == id1 || id == id2 {
		t.Errorf("a near-copy with no outlet: article %d, %v; want a new article, revised", id, o)
	}
	if id, o := add(revised); o != parley.Duplicate || id != id2 {
		t.Errorf("the revision again: article %d, %v; want %d, duplicate", id, o, id2)
	}
	if n, _ := db.Count(ctx); n != 3 {
		t.Errorf("%d articles, want 3", n)
	}
}
