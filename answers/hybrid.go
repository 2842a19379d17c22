package answers

import (
	"context"
	"log/slog"
	"time"

	"github.com/parley-bot/parley"
)

// embedTimeout bounds the embedding of a question.
const embedTimeout = 5 * time.Second

// Hybrid is a Searcher that embeds a query before searching, so that the
// searcher behind it (the store) can fuse its text ranking with the
// passages' similarity to the query. If the embedding fails, the search is
// text only: a question is still answered when the embedding server is not.
type Hybrid struct {
	Searcher Searcher
	Embedder Embedder
	Logger   *slog.Logger // nil: nothing is logged
}

var _ Searcher = Hybrid{}

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
	return h.Searcher.Search(ctx, q, k)
}
