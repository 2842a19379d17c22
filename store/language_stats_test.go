package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
)

// TestCyrillicPassagesCounted: language_stats holds the passages of the
// articles in Ukrainian and Russian through adds, an update under the same
// URL that changes the language, and removals; migration 18 counts them in
// a library made before it.
func TestCyrillicPassagesCounted(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	add := func(a parley.Article) int64 {
		t.Helper()
		id, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	check := func(when string) {
		t.Helper()
		var counted, real int
		if err := db.sql.QueryRowContext(ctx, `SELECT (SELECT cyrillic FROM language_stats),
			(SELECT count(*) FROM passages p JOIN articles a ON a.id = p.article_id WHERE a.language IN ('uk', 'ru'))`).Scan(&counted, &real); err != nil {
			t.Fatal(err)
		}
		if counted != real || when == "after adds" && real == 0 {
			t.Errorf("%s: %d Cyrillic passages counted, %d in the library", when, counted, real)
		}
	}
	ru := add(parley.Article{Title: "Переговоры", Outlet: "Невский курьер", URL: "https://ru.example/1", Language: "ru",
		Body: "Делегации встретились в Женеве.\n\nПесков назвал переговоры полезными.\n\nСледующий раунд пройдёт в Абу-Даби."})
	add(parley.Article{Title: "Перемовини", Outlet: "Київський вісник", URL: "https://uk.example/1", Language: "uk",
		Body: "Делегації зустрілися в Женеві.\n\nУмєров назвав перемовини корисними."})
	add(parley.Article{Title: "Talks", Outlet: "Wire", URL: "https://en.example/1", Language: "en",
		Body: "The delegations met in Geneva.\n\nPeskov called the talks useful."})
	check("after adds")
	add(parley.Article{Title: "Talks in Geneva", Outlet: "Wire", URL: "https://uk.example/1", Language: "en",
		Body: "The delegations met in Geneva on Sunday.\n\nUmerov called the talks useful."})
	check("after an update that changes the language")
	if err := db.Remove(ctx, ru); err != nil {
		t.Fatal(err)
	}
	check("after a removal")
	if _, err := db.sql.ExecContext(ctx, "UPDATE language_stats SET cyrillic = 99; PRAGMA user_version = 17"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	check("after migration 18")
}
