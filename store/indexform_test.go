package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
)

// hidden are articles whose words are written with what a reader does not
// see, or in forms a reader reads as the plain word.
var hidden = []struct{ word, written string }{
	{"ceasefire", "cease\u00ADfire"},
	{"Geneva", "Ge\u200Bneva"},
	{"Istanbul", "Ｉｓｔａｎｂｕｌ"},
	{"final", "ﬁnal"},
	{"Witkoff", "Wit\u2060koff"},
}

func hiddenArticle(i int) parley.Article {
	w := hidden[i]
	body := fmt.Sprintf("The delegations agreed on the %s text on Tuesday, officials said.\nThe talks are to go on next week, the mediators added, in a statement.", w.written)
	return parley.Article{Title: "Talks " + w.written, Outlet: "Kyiv Ledger", URL: fmt.Sprintf("https://ledger.example/%d", i), Body: body}
}

// TestIndexFormFindsThePlainWord: a word written with a soft hyphen, a
// zero-width space or a word joiner inside it, in fullwidth letters or with
// a ligature is found by the plain word, while the stored body and the
// passages' offsets into it stay exactly as given.
func TestIndexFormFindsThePlainWord(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := range hidden {
		a := hiddenArticle(i)
		if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
			t.Fatal(err)
		}
	}
	checkHiddenFound(t, db)
}

func checkHiddenFound(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	for i, w := range hidden {
		for _, q := range []string{w.word, strings.ToLower(w.word), w.written} {
			hits, err := db.Search(ctx, parley.Query{Text: q}, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 || hits[0].Source.URL != hiddenArticle(i).URL {
				t.Errorf("search %q: %d hits, want the article that writes %q first", q, len(hits), w.written)
				continue
			}
			a, err := db.Article(ctx, hits[0].ArticleID)
			if err != nil {
				t.Fatal(err)
			}
			if a.Body != hiddenArticle(i).Body || hits[0].Text != a.Body[hits[0].Start:hits[0].End] || !strings.Contains(hits[0].Text, w.written) {
				t.Errorf("search %q: passage %q at %d–%d is not the stored body's text", q, hits[0].Text, hits[0].Start, hits[0].End)
			}
		}
		if unknown, err := db.Unknown(ctx, []string{w.word}); err != nil || len(unknown) != 0 {
			t.Errorf("Unknown(%q) = %q, %v; the library has it", w.word, unknown, err)
		}
	}
}

// TestIndexFormMigration: a library indexed before the index form (as
// written, soft hyphens and all) is indexed again when opened, where that
// form differs, and then finds the plain words too.
func TestIndexFormMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range hidden {
		a := hiddenArticle(i)
		if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
			t.Fatal(err)
		}
	}
	plain := parley.Article{Title: "Plain talk", Outlet: "Kyiv Ledger", Body: "Nothing hidden here: the ceasefire talks in Geneva went on for hours, officials said."}
	if _, _, err := db.Add(ctx, &plain, ingest.Passages(plain.Title, plain.Body)); err != nil {
		t.Fatal(err)
	}
	// As the store indexed before migration 11.
	for _, q := range []string{
		"DELETE FROM passages_fts",
		`INSERT INTO passages_fts (rowid, text, title, outlet) SELECT p.id, p.text, a.title, a.outlet FROM passages p JOIN articles a ON a.id = p.article_id`,
		"PRAGMA user_version = 10",
	} {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if hits, _ := db.Search(ctx, parley.Query{Text: "ceasefire"}, 10); len(hits) != 1 {
		t.Fatalf("before the migration, ceasefire finds %d passages; want only the plain one", len(hits))
	}
	db = reopen(t, db, path)
	checkHiddenFound(t, db)
	if hits, _ := db.Search(ctx, parley.Query{Text: "ceasefire"}, 10); len(hits) != 2 {
		t.Errorf("after the migration, ceasefire finds %d passages, want 2", len(hits))
	}
	var rows, passages int
	db.sql.QueryRow("SELECT count(*) FROM passages_vocab WHERE term = 'geneva'").Scan(&rows)
	db.sql.QueryRow("SELECT count(*) FROM passages").Scan(&passages)
	if rows != 1 {
		t.Errorf("geneva is %d terms of the vocabulary, want 1", rows)
	}
	var indexed int
	db.sql.QueryRow("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'delegations OR nothing'").Scan(&indexed)
	if indexed != passages {
		t.Errorf("%d passages indexed once each, want %d", indexed, passages)
	}
}
