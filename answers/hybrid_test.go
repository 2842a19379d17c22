package answers

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/parley-bot/parley"
)

// searchFunc is a Library that searches with its func, knows every word
// but "kellog", which it reads as "Kellogg", and gives one neighbour.
type searchFunc func(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error)

func (f searchFunc) Search(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	return f(ctx, q, k)
}

func (searchFunc) Unknown(_ context.Context, words []string) ([]string, error) {
	if slices.Contains(words, "kellog") {
		return []string{"kellog"}, nil
	}
	return nil, nil
}

func (searchFunc) Correct(_ context.Context, word string) (string, error) {
	if word == "kellog" {
		return "Kellogg", nil
	}
	return "", nil
}

func (searchFunc) Around(_ context.Context, hits []parley.Hit) ([]parley.Hit, error) {
	return []parley.Hit{{Passage: parley.Passage{ID: hits[0].ID + 1}}}, nil
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
				Library: searchFunc(func(_ context.Context, q parley.Query, k int) ([]parley.Hit, error) {
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

// TestHybridIsTheLibrary: with embeddings on, the answerer still reads the
// question against the library's words and gets the passages around a hit,
// which it finds only on a Searcher that is a Lexicon and Neighbours.
func TestHybridIsTheLibrary(t *testing.T) {
	var s Searcher = Hybrid{Library: searchFunc(nil)}
	lex, ok := s.(Lexicon)
	if !ok {
		t.Fatal("Hybrid is not a Lexicon")
	}
	if unknown, err := lex.Unknown(t.Context(), []string{"talks", "kellog"}); err != nil || !slices.Equal(unknown, []string{"kellog"}) {
		t.Errorf("Unknown = %v, %v", unknown, err)
	}
	if w, err := lex.Correct(t.Context(), "kellog"); err != nil || w != "Kellogg" {
		t.Errorf("Correct = %q, %v", w, err)
	}
	n, ok := s.(Neighbours)
	if !ok {
		t.Fatal("Hybrid gives no Neighbours")
	}
	if more, err := n.Around(t.Context(), []parley.Hit{{Passage: parley.Passage{ID: 7}}}); err != nil || len(more) != 1 || more[0].ID != 8 {
		t.Errorf("Around = %v, %v", more, err)
	}
}
