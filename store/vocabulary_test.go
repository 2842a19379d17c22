package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/synth"
)

// vocabularies reads the stored lexicon and the index's own vocabulary
// (fts5vocab), term → rows (1 for the lexicon, which does not count).
func vocabularies(t *testing.T, db *DB) (lexicon, index map[string]int) {
	t.Helper()
	read := func(q string) map[string]int {
		rows, err := db.sql.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[string]int{}
		for rows.Next() {
			var term string
			var n int
			if err := rows.Scan(&term, &n); err != nil {
				t.Fatal(err)
			}
			m[term] = n
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return m
	}
	return read("SELECT term, 1 FROM lexicon"), read("SELECT term, 1 FROM passages_vocab")
}

func checkLexicon(t *testing.T, db *DB, step string) {
	t.Helper()
	lexicon, index := vocabularies(t, db)
	if len(index) == 0 {
		t.Fatalf("%s: the index has no vocabulary", step)
	}
	if diff := cmp.Diff(index, lexicon); diff != "" {
		t.Errorf("%s: lexicon differs from the index's vocabulary (-index +lexicon):\n%s", step, diff)
	}
}

// TestLexiconFollowsIndex: the stored lexicon holds the index's terms, as
// FTS5's own vocabulary lists them, after articles are
// added (words in titles and outlets, words the index form changes,
// Cyrillic, diacritics, curly quotes), updated under their URL, found again as duplicates or
// syndicated copies, and removed, the last article with a word taking the
// word with it.
func TestLexiconFollowsIndex(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	add := func(a parley.Article) (int64, parley.Outcome) {
		t.Helper()
		id, outcome, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body))
		if err != nil {
			t.Fatal(err)
		}
		return id, outcome
	}
	for i := range hidden {
		add(hiddenArticle(i))
	}
	var ids []int64
	for i := range 30 {
		id, _ := add(synth.Article(7, i))
		ids = append(ids, id)
	}
	// Words for the index's tokenizer, not porter.go: Cyrillic, diacritics,
	// curly quotes and dashes, digits in words, a word over 64 letters.
	add(parley.Article{Title: "Зеленський у Женеві", Outlet: "Укрінформ", URL: "https://ukrinform.example/ua",
		Body: "Президент Зеленський зустрівся з Марошем Шефчовичем (Maroš Šefčovič) у Женеві, — повідомили в Офісі президента.\nНаступний раунд переговорів запланований на «середину грудня»."})
	add(parley.Article{Title: "Witkoff’s “28-point” plan — revisited", Outlet: "Wire", URL: "https://wire.example/plan",
		Body: "Witkoff’s “28-point” plan, drafted with Kirill Dmitriev’s team in Miami… was revised to 19 points, the G7’s envoys said on 23/11. " + strings.Repeat("counter", 10) + " café naïve coöperate."})
	only, _ := add(parley.Article{Title: "Zaporizhzhia: the Enerhodar plant", Outlet: "Ukrinform", URL: "https://ukrinform.example/1",
		Body: "Rafael Grossi of the IAEA visited Enerhodar on Tuesday, and said the plant's cooling pond was stable for now, officials said."})
	checkLexicon(t, db, "added")

	if _, outcome := add(parley.Article{Title: "Zaporizhzhia plant, updated", Outlet: "Ukrinform", URL: "https://ukrinform.example/1",
		Body: "Rafael Grossi of the IAEA said on Wednesday that the Zaporizhzhia plant lost its last power line, near Qalmyrovka, for four hours."}); outcome != parley.Updated {
		t.Fatalf("same URL, new text: %v, want updated", outcome)
	}
	checkLexicon(t, db, "updated")
	if lexicon, _ := vocabularies(t, db); lexicon["enerhodar"] != 0 || lexicon["qalmyrovka"] == 0 {
		t.Errorf("after the update, the lexicon has enerhodar %v (want not), qalmyrovka %v (want it)", lexicon["enerhodar"] != 0, lexicon["qalmyrovka"] != 0)
	}

	again := synth.Article(7, 3)
	if _, outcome := add(again); outcome != parley.Duplicate {
		t.Fatalf("the same article again: %v, want duplicate", outcome)
	}
	again.Outlet, again.URL = "Another Wire", "https://another.example/3"
	if _, outcome := add(again); outcome != parley.Syndicated {
		t.Fatalf("the same article from another outlet: %v, want syndicated", outcome)
	}
	checkLexicon(t, db, "duplicate and syndicated")

	for _, id := range append(ids[:10], only) {
		if err := db.Remove(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	checkLexicon(t, db, "removed")
	lexicon, _ := vocabularies(t, db)
	if _, ok := lexicon["qalmyrovka"]; ok {
		t.Error("after its only article is removed, qalmyrovka is still in the lexicon")
	}
}

// TestLexiconMigration: a library made before the lexicon gets it, counted
// from the index, when opened.
func TestLexiconMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		a := synth.Article(3, i)
		if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
			t.Fatal(err)
		}
	}
	db = asOlder(t, db, path, "DROP TABLE lexicon", "DELETE FROM settings WHERE name = 'lexicon-generation'", "PRAGMA user_version = 12")
	checkLexicon(t, db, "migrated")
}

// TestLexiconAcrossOpeners: what one opener of a library knows to be in the
// lexicon does not outlive another's removal of the word's last article.
func TestLexiconAcrossOpeners(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	first, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	add := func(db *DB, url string) int64 {
		t.Helper()
		a := parley.Article{Title: "Qalmyrovka", Outlet: "Wire", URL: url,
			Body: "Officials said the line near Qalmyrovka held on " + url + ", and talks went on."}
		id, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	stays := synth.Article(5, 1)
	if _, _, err := first.Add(ctx, &stays, ingest.Passages(stays.Title, stays.Body)); err != nil {
		t.Fatal(err)
	}
	id := add(first, "https://wire.example/1")
	if err := second.Remove(ctx, id); err != nil {
		t.Fatal(err)
	}
	checkLexicon(t, first, "removed by another opener")
	add(first, "https://wire.example/2")
	checkLexicon(t, first, "added again by the first")
	if lexicon, _ := vocabularies(t, first); lexicon["qalmyrovka"] == 0 {
		t.Error("qalmyrovka, in an article again, is not in the lexicon")
	}
}

// TestLexiconRebuiltAfterReindex: a library whose passages were indexed
// again after its lexicon was filled (migration 14, Slavic keys) gets its
// lexicon filled again from the index (migration 15).
func TestLexiconRebuiltAfterReindex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a := parley.Article{Title: "Переговори в Женеві", Outlet: "Укрінформ",
		Body: "Делегації провели переговори в Женеві, повідомили в Офісі президента."}
	if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
		t.Fatal(err)
	}
	// The lexicon as migration 13 left it before the passages were
	// indexed again: other terms.
	db = asOlder(t, db, path, "DELETE FROM lexicon", "INSERT INTO lexicon (term) VALUES ('переговори'), ('женеві')", "PRAGMA user_version = 14")
	checkLexicon(t, db, "after migration 15")
}
