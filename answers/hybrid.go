package answers

import (
	"context"
	"log/slog"
	"time"

	"github.com/parley-bot/parley"
)

// embedTimeout bounds the embedding of a question.
const embedTimeout = 5 * time.Second

// Library is a Searcher that is also a Lexicon and gives Neighbours, as
// store.DB does.
type Library interface {
	Searcher
	Lexicon
	Neighbours
}

// Hybrid is a Searcher that embeds a query before searching, so that the
// library behind it (the store) can fuse its text ranking with the
// passages' similarity to the query. If the embedding fails, the search is
// text only: a question is still answered when the embedding server is not.
// It is the library's Lexicon and Neighbours too, so that with embeddings
// on the answerer still reads misspellings and the passages around a hit.
type Hybrid struct {
	Library  Library
	Embedder Embedder
	Logger   *slog.Logger // nil: nothing is logged
}

var _ Library = Hybrid{}

// Search embeds q's text, unless q already carries its vector, and searches.
func (h Hybrid) Search(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	if len(q.Vector) == 0 {
		ectx, cancel := context.WithTimeout(ctx, embedTimeout)
		vs, err := h.Embedder.Embed(ectx, []string{q.Text})
		cancel()
		if err == nil && len(vs) == 1 {
			q.Vector = vs[0]
		} else if h.Logger != nil {
			h.Logger.Warn("question not embedded; searching text only", "err", err)
		}
	}
	return h.Library.Search(ctx, q, k)
}

// Unknown is the library's Unknown.
func (h Hybrid) Unknown(ctx context.Context, words []string) ([]string, error) {
	return h.Library.Unknown(ctx, words)
}

// Romanised is the library's Romanised, when it reads names so.
func (h Hybrid) Romanised(ctx context.Context, word string) ([]string, error) {
	if r, ok := h.Library.(Romaniser); ok {
		return r.Romanised(ctx, word)
	}
	return nil, nil
}

// Correct is the library's Correct.
func (h Hybrid) Correct(ctx context.Context, word string) (string, error) {
	return h.Library.Correct(ctx, word)
}

// Around is the library's Around.
func (h Hybrid) Around(ctx context.Context, hits []parley.Hit) ([]parley.Hit, error) {
	return h.Library.Around(ctx, hits)
}
