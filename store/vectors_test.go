package store_test

import (
	"context"
	"math"
	"testing"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/store"
)

func TestHybridSearch(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	troops := mustAdd(t, db, article("No troops", "DC Brief", "", "Trump made it clear that U.S. troops would not be deployed to Ukraine."))
	mustAdd(t, db, article("Soldiers", "Wire", "", "Soldiers and sanctions were discussed at length by the ministers."))
	ps, _ := db.Passages(ctx, troops)
	// Without vectors, "ministers" finds only the passage with the word.
	q := parley.Query{Text: "What did the ministers discuss?"}
	text, err := db.Search(ctx, q, 5)
	if err != nil || len(text) != 1 || text[0].ArticleID == troops {
		t.Fatalf("text search = %+v, %v", text, err)
	}
	// With vectors, the passage whose embedding is nearest joins, first.
	if err := db.SetVectors(ctx, "m", []int64{ps[0].ID}, [][]float32{{0.9, 0.1, 0}}); err != nil {
		t.Fatal(err)
	}
	q.Vector = []float32{1, 0, 0}
	hybrid, err := db.Search(ctx, q, 5)
	if err != nil || len(hybrid) != 2 || hybrid[0].ArticleID != troops {
		t.Fatalf("hybrid search = %+v, %v", hybrid, err)
	}
	// A vector of another size is ignored rather than an error.
	q.Vector = []float32{1, 0}
	if h, err := db.Search(ctx, q, 5); err != nil || len(h) != 1 {
		t.Errorf("mismatched vector: %+v, %v", h, err)
	}
	missing, err := db.PassagesWithoutVectors(ctx, "m", 10)
	if err != nil || len(missing) != 1 || missing[0].ArticleID == troops {
		t.Errorf("PassagesWithoutVectors = %+v, %v", missing, err)
	}
	// Removing the article removes its vectors.
	if err := db.Remove(ctx, troops); err != nil {
		t.Fatal(err)
	}
	q.Vector = []float32{1, 0, 0}
	if h, _ := db.Search(ctx, q, 5); len(h) != 1 || h[0].ArticleID == troops {
		t.Errorf("after remove: %+v", h)
	}
}

func TestQuantizeRoundTrip(t *testing.T) {
	v := []float32{0.5, -0.25, 0.125, -1, 0}
	scale, data := store.Quantize(v)
	got := store.Dequantize(scale, data)
	for i := range v {
		if math.Abs(float64(got[i]-v[i])) > 1.0/127 {
			t.Errorf("component %d: %v → %v", i, v[i], got[i])
		}
	}
}
