package bench

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/ingest"
	"github.com/parley-bot/parley/internal/synth"
	"github.com/parley-bot/parley/store"
)

// BenchmarkGrowth measures what a growing library does to search:
// a copy of the decoy library (the first of PARLEY_BENCH_SIZES) gets 1,000
// generated articles, one transaction each, in polls of 20, with the
// upkeep PARLEY_BENCH_UPKEEP names after each poll: "tidy" (store.Tidy,
// what feed polls and bulk adds do), "merge" (store.MergeIndex) or none.
// It logs the time the adds and the upkeep took and the segments left,
// then asks the newsroom questions as BenchmarkNewsroom's search does.
func BenchmarkGrowth(b *testing.B) {
	const adds, poll = 1000, 20
	n := sizes(b)[0]
	upkeep := os.Getenv("PARLEY_BENCH_UPKEEP")
	path, ids := decoyLibrary(b, n)
	grown := filepath.Join(b.TempDir(), "grown.db")
	copyFile(b, path, grown)
	ctx := context.Background()
	db, err := store.Open(ctx, grown)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var addTime, upkeepTime time.Duration
	for i := range adds {
		a := synth.Article(7, i)
		start := time.Now()
		if _, _, err := db.Add(ctx, &a, ingest.Passages(a.Title, a.Body)); err != nil {
			b.Fatal(err)
		}
		addTime += time.Since(start)
		if (i+1)%poll != 0 {
			continue
		}
		start = time.Now()
		switch upkeep {
		case "tidy":
			err = db.Tidy(ctx)
		case "merge":
			err = db.MergeIndex(ctx, nil)
		}
		if err != nil {
			b.Fatal(err)
		}
		upkeepTime += time.Since(start)
	}
	segs, err := db.IndexSegments(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("upkeep %q: %d adds in %v, upkeep %v, %d segments %v", upkeep, adds, addTime.Round(time.Millisecond),
		upkeepTime.Round(time.Millisecond), len(segs), segs)
	searchRecall(b, newsroomQuestions(b, ids), func(q parley.Query) ([]parley.Hit, error) { return db.Search(ctx, q, 5) })
	b.ReportMetric(float64(len(segs)), "segments") // after: the timer's reset drops the metrics reported before it
}

func copyFile(b *testing.B, from, to string) {
	in, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
}
