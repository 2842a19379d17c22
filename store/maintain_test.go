package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/synth"
)

// searchAll is Search's top 10 for each of queries.
func searchAll(t *testing.T, db *DB, queries []string) [][]parley.Hit {
	t.Helper()
	var all [][]parley.Hit
	for _, q := range queries {
		hs, err := db.Search(context.Background(), parley.Query{Text: q}, 10)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, hs)
	}
	return all
}

// segmentCount is len(IndexSegments), checked against the count of
// distinct segments of the index's rowids (indexSegments).
func segmentCount(t *testing.T, db *DB) int {
	t.Helper()
	segs, err := db.IndexSegments(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := indexSegments(t, db); len(segs) != want {
		t.Fatalf("IndexSegments lists %d segments, the index has %d", len(segs), want)
	}
	for _, s := range segs {
		if s.Pages < 1 {
			t.Fatalf("segment %d has %d pages", s.ID, s.Pages)
		}
	}
	return len(segs)
}

// TestTidyKeepsSegmentsFew: a merged library that grows by polls of a few
// articles, each added in a transaction of its own and Tidy after each
// poll, keeps few index segments (FTS5's automatic merges alone left up to
// 21 here), never more than maxSegments, and Tidy changes no search's
// hits.
func TestTidyKeepsSegmentsFew(t *testing.T) {
	for _, most := range []int{defaultMaxSegments, 3} {
		t.Run(fmt.Sprintf("max=%d", most), func(t *testing.T) { tidyKeepsSegmentsFew(t, most) })
	}
}

func tidyKeepsSegmentsFew(t *testing.T, most int) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.maxSegments = most
	add := func(from, to int) {
		t.Helper()
		for i := from; i < to; i++ {
			a := synth.Article(5, i)
			if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(0, 200)
	if err := db.MergeIndex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if n := segmentCount(t, db); n != 1 {
		t.Fatalf("after MergeIndex: %d segments, want 1", n)
	}
	queries := []string{"Trump Putin Ukraine peace talks", synth.Article(5, 420).Title, "ceasefire sanctions Geneva", "frozen assets"}
	const poll, polls = 7, 60
	high := 0
	for p := range polls {
		add(200+p*poll, 200+(p+1)*poll)
		if p == polls-1 {
			before := searchAll(t, db, queries)
			if err := db.Tidy(ctx); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(before, searchAll(t, db, queries)); diff != "" {
				t.Errorf("search differs after Tidy (-before +after):\n%s", diff)
			}
		} else if err := db.Tidy(ctx); err != nil {
			t.Fatal(err)
		}
		high = max(high, segmentCount(t, db))
	}
	t.Logf("at most %d segments after each of %d polls of %d articles", high, polls, poll)
	if high > most {
		t.Errorf("%d segments after a poll, want at most %d", high, most)
	}
	if _, err := db.sql.Exec("INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 0)"); err != nil {
		t.Errorf("after Tidy the index fails FTS5's integrity check: %v", err)
	}
}

// TestMergeIndex: an index of several segments is merged into one, with
// its progress told, and searches the same.
func TestMergeIndex(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := range 60 {
		a := synth.Article(6, i)
		if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
			t.Fatal(err)
		}
	}
	if n := segmentCount(t, db); n < 2 {
		t.Fatalf("%d segments before the merge; the test needs several", n)
	}
	queries := []string{"Trump Putin Ukraine peace talks", synth.Article(6, 20).Title, "ceasefire sanctions Geneva"}
	before := searchAll(t, db, queries)
	var last, total int64
	if err := db.MergeIndex(ctx, func(done, all int64) { last, total = done, all }); err != nil {
		t.Fatal(err)
	}
	if n := segmentCount(t, db); n != 1 {
		t.Errorf("after MergeIndex: %d segments, want 1", n)
	}
	if total == 0 || last != total {
		t.Errorf("progress ended at %d of %d pages, want all of them", last, total)
	}
	if diff := cmp.Diff(before, searchAll(t, db, queries)); diff != "" {
		t.Errorf("search differs after the merge (-before +after):\n%s", diff)
	}
	if err := db.MergeIndex(ctx, func(int64, int64) { t.Error("a merged index merged again") }); err != nil {
		t.Fatal(err)
	}
}
