package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
)

// idArticle is the i-th of a few distinct articles, with a word of its own
// ("marker1"…) to search it by.
func idArticle(i int, outlet string) *parley.Article {
	body := fmt.Sprintf("Delegations met in Istanbul for round %d and spoke of marker%d, officials said on Monday.\n"+
		"The mediators said the next round would follow within weeks, and that round %d had settled the agenda.", i, i, i)
	return &parley.Article{Title: fmt.Sprintf("Round %d", i), Outlet: outlet, URL: fmt.Sprintf("https://wire.example/round/%d", i), Body: body,
		Published: time.Date(2025, 8, i, 0, 0, 0, 0, time.UTC)}
}

func addArticle(t *testing.T, db *DB, a *parley.Article, want parley.Outcome) int64 {
	t.Helper()
	id, outcome, err := db.Add(context.Background(), a, ingest.Passages(a.Title, a.Body))
	if err != nil || outcome != want {
		t.Fatalf("add %q: %v, %v; want %v", a.Title, outcome, err, want)
	}
	return id
}

// TestIDsNeverReused: the id of a removed article is never given to a new
// one, even when it was the newest.
func TestIDsNeverReused(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := 1; i <= 3; i++ {
		addArticle(t, db, idArticle(i, "Wire"), parley.Added)
	}
	if err := db.Remove(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if id := addArticle(t, db, idArticle(4, "Wire"), parley.Added); id != 4 {
		t.Errorf("after removing article 3, the next article is %d, want 4", id)
	}
}

// openAt makes a library at path as a Parley of schema version v made it:
// migrations 1 to v, none of those after.
func openAt(t *testing.T, path string, v int) *DB {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	sdb, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := sdb.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms[:v] {
		if _, err := tx.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	// The store's Add keeps the lexicon of migration 13, which the
	// library gets (again, from its index) when it is opened.
	if v < 13 {
		if _, err := tx.Exec(ms[12].sql); err != nil {
			t.Fatalf("%s: %v", ms[12].name, err)
		}
	}
	// And the count of Cyrillic passages of migration 18.
	if v < 18 {
		if _, err := tx.Exec(ms[17].sql); err != nil {
			t.Fatalf("%s: %v", ms[17].name, err)
		}
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", v, applicationID)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return &DB{sql: sdb, Now: time.Now, rareLimit: defaultRareLimit}
}

// TestIDMigration: a library made before migration 12, whose newest
// articles were removed (one of them cited by an answer given in
// Discord), numbers new articles after every id it still has or its
// answers cite; its articles keep their ids, passages, index rows, other
// outlets and feed items, and removing one still removes its passages.
func TestIDMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	db := openAt(t, path, 11)
	for i := 1; i <= 4; i++ {
		addArticle(t, db, idArticle(i, "Wire"), parley.Added)
	}
	copied := idArticle(2, "Courier")
	copied.URL = "https://courier.example/round/2"
	addArticle(t, db, copied, parley.Syndicated)
	feed, err := db.AddFeed(ctx, "https://wire.example/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.MarkSeen(ctx, feed.ID, "round-1", 1); err != nil {
		t.Fatal(err)
	}
	ps, err := db.Passages(ctx, 4)
	if err != nil {
		t.Fatal(err)
	}
	cited := parley.Citation{N: 1, Source: parley.Source{ArticleID: 4}, PassageID: ps[0].ID, Quote: "Delegations met", Start: 0, End: 15}
	if _, err := db.SaveAnswer(ctx, &parley.Answer{Question: "Where?", Text: "“Delegations met” [1]", Citations: []parley.Citation{cited}}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{3, 4} {
		if err := db.Remove(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	before := map[int64][]parley.Passage{}
	for _, id := range []int64{1, 2} {
		if before[id], err = db.Passages(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	if db, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var schemaSQL string
	db.sql.QueryRow("SELECT sql FROM sqlite_schema WHERE name = 'articles'").Scan(&schemaSQL)
	if !strings.Contains(schemaSQL, "AUTOINCREMENT") {
		t.Errorf("articles after the migration: %s", schemaSQL)
	}
	for id, want := range before {
		got, err := db.Passages(ctx, id)
		if err != nil || len(got) != len(want) || got[0].ID != want[0].ID || got[0].Text != want[0].Text {
			t.Errorf("article %d's passages after the migration: %v, %v; want %v", id, got, err, want)
		}
		hits, err := db.Search(ctx, parley.Query{Text: fmt.Sprintf("marker%d", id)}, 3)
		if err != nil || len(hits) != 1 || hits[0].ArticleID != id {
			t.Errorf("search marker%d after the migration: %v, %v", id, hits, err)
		}
	}
	if outlets, err := db.Outlets(ctx, 2); err != nil || len(outlets) != 1 || outlets[0].Outlet != "Courier" {
		t.Errorf("article 2's other outlets after the migration: %v, %v", outlets, err)
	}
	if id, ok, err := db.ArticleByURL(ctx, "https://wire.example/round/1"); err != nil || !ok || id != 1 {
		t.Errorf("article 1 by its URL after the migration: %d, %v, %v", id, ok, err)
	}
	if seen, err := db.SeenItems(ctx, feed.ID, []string{"round-1"}); err != nil || !seen["round-1"] {
		t.Errorf("the feed's item after the migration: %v, %v", seen, err)
	}
	// Article 4 is cited by an answer: the next article is 5, not 3.
	if id := addArticle(t, db, idArticle(5, "Wire"), parley.Added); id != 5 {
		t.Errorf("the first article after the migration is %d, want 5 (the answer cites 4)", id)
	}
	if err := db.Remove(ctx, 5); err != nil {
		t.Fatal(err)
	}
	if id := addArticle(t, db, idArticle(6, "Wire"), parley.Added); id != 6 {
		t.Errorf("after removing article 5, the next article is %d, want 6", id)
	}
	// The passages and their index rows still follow their article out.
	if err := db.Remove(ctx, 1); err != nil {
		t.Fatal(err)
	}
	var left int
	db.sql.QueryRow("SELECT count(*) FROM passages WHERE article_id = 1").Scan(&left)
	if hits, _ := db.Search(ctx, parley.Query{Text: "marker1"}, 3); left != 0 || len(hits) != 0 {
		t.Errorf("removing article 1 left %d passages and %d hits", left, len(hits))
	}
	var fks int
	db.sql.QueryRow("SELECT count(*) FROM pragma_foreign_key_check").Scan(&fks)
	var fk int
	db.sql.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if fks != 0 || fk != 1 {
		t.Errorf("after the migration: %d rows refer to rows not there; foreign keys %d, want on", fks, fk)
	}
}
