package answers

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/parley-bot/parley"
)

type searchFunc func(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error)

func (f searchFunc) Search(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	return f(ctx, q, k)
}

type embedFunc func(ctx context.Context, texts []string) ([][]float32, error)

func (f embedFunc) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	return f(ctx, texts)
}

// TestHybrid: the question is embedded before the search, and searched by
// text alone when the embedding fails; a query that has its vector is not
// embedded again.
func TestHybrid(t *testing.T) {
	tests := []struct {
		name       string
		given      []float32
		vectors    [][]float32
		err        error
		wantVector []float32
		wantEmbeds int
	}{
		{"embedded", nil, [][]float32{{0.5, 0.5}}, nil, []float32{0.5, 0.5}, 1},
		{"embedding fails", nil, nil, errors.New("server down"), nil, 1},
		{"wrong number of vectors", nil, [][]float32{{1}, {2}}, nil, nil, 1},
		{"vector given", []float32{1, 0}, nil, nil, []float32{1, 0}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var embeds int
			var searched parley.Query
			h := Hybrid{
				Searcher: searchFunc(func(_ context.Context, q parley.Query, k int) ([]parley.Hit, error) {
					searched = q
					return []parley.Hit{{Score: float64(k)}}, nil
				}),
				Embedder: embedFunc(func(ctx context.Context, texts []string) ([][]float32, error) {
					embeds++
					if _, ok := ctx.Deadline(); !ok || !slices.Equal(texts, []string{"ceasefire talks"}) {
						t.Errorf("embedded %q without a deadline of its own", texts)
					}
					return tt.vectors, tt.err
				}),
			}
			hits, err := h.Search(t.Context(), parley.Query{Text: "ceasefire talks", Vector: tt.given}, 7)
			if err != nil || len(hits) != 1 || hits[0].Score != 7 {
				t.Fatalf("Search = %v, %v; want the searcher's hit for k = 7", hits, err)
			}
			if embeds != tt.wantEmbeds || !slices.Equal(searched.Vector, tt.wantVector) || searched.Text != "ceasefire talks" {
				t.Errorf("%d embeddings, searched %+v; want %d, vector %v", embeds, searched, tt.wantEmbeds, tt.wantVector)
			}
		})
	}
}
