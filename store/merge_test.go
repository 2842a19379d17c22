package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/synth"
)

// indexSegments counts the segments of the passages index and those with
// tombstones (deleted rows not yet merged away), by the rowids of FTS5's
// %_data table: a page of segment s has rowid s<<37 | height<<31 | page,
// a tombstone page of segment s that of segment s + 1<<16 (fts5_index.c,
// FTS5_SEGMENT_ROWID and FTS5_TOMBSTONE_ROWID).
func indexSegments(t *testing.T, db *DB) (segments, tombstoned int) {
	t.Helper()
	err := db.sql.QueryRow(`SELECT
		(SELECT count(DISTINCT id >> 37) FROM passages_fts_data WHERE id >> 37 BETWEEN 1 AND 65535),
		(SELECT count(DISTINCT id >> 37) FROM passages_fts_data WHERE id >> 37 > 65536)`).Scan(&segments, &tombstoned)
	if err != nil {
		t.Fatal(err)
	}
	return segments, tombstoned
}

// TestIndexMergedByMigration: a library whose index holds several segments
// and tombstones (articles added one at a time, one updated under its URL,
// some removed) has it merged into one segment without tombstones when
// opened at migration 16, and searches as before.
func TestIndexMergedByMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// As in a large library, whose old segments FTS5's automatic merges
	// seldom rewrite: none here, until the migration.
	for _, q := range []string{"INSERT INTO passages_fts (passages_fts, rank) VALUES ('automerge', 0)",
		"INSERT INTO passages_fts (passages_fts, rank) VALUES ('deletemerge', 0)"} {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var ids []int64
	for i := range 40 {
		a := synth.Article(11, i)
		a.URL = "https://wire.example/" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		id, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	updated := synth.Article(11, 40)
	updated.URL = "https://wire.example/aa"
	if _, outcome, err := db.Add(ctx, &updated, ingest.Passages(updated.Title, updated.Body)); err != nil || outcome != parley.Updated {
		t.Fatalf("same URL, new text: %v, %v; want updated", outcome, err)
	}
	for _, id := range ids[5:15] {
		if err := db.Remove(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if segments, tombstoned := indexSegments(t, db); segments < 2 || tombstoned == 0 {
		t.Fatalf("before the migration: %d segments, %d with tombstones; the test needs several, with tombstones", segments, tombstoned)
	}
	queries := []string{"Trump Putin Ukraine peace talks", updated.Title, synth.Article(11, 20).Title, "ceasefire sanctions Geneva"}
	search := func() [][]parley.Hit {
		t.Helper()
		var all [][]parley.Hit
		for _, q := range queries {
			hs, err := db.Search(ctx, parley.Query{Text: q}, 10)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, hs)
		}
		return all
	}
	before := search()
	db = asOlder(t, db, path, "DELETE FROM passages_fts_config WHERE k IN ('automerge', 'deletemerge')", "PRAGMA user_version = 15")
	if segments, tombstoned := indexSegments(t, db); segments != 1 || tombstoned != 0 {
		t.Errorf("after migration 16: %d segments, %d with tombstones; want 1 and 0", segments, tombstoned)
	}
	if _, err := db.sql.Exec("INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 0)"); err != nil {
		t.Errorf("after migration 16 the index fails FTS5's integrity check: %v", err)
	}
	if diff := cmp.Diff(before, search()); diff != "" {
		t.Errorf("search differs after the merge (-before +after):\n%s", diff)
	}
	checkLexicon(t, db, "after migration 16")
}
