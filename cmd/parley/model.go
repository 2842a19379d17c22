package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/answers"
	llm "github.com/parley-bot/parley/answers/openai"
	"github.com/parley-bot/parley/store"
)

// answerer is what answers questions: the extractive answerer, or the model
// with the extractive answerer behind it.
type answerer interface {
	Ask(ctx context.Context, q parley.Question) (*parley.Answer, error)
}

// brain is the configured way of answering, and of embedding passages when
// hybrid retrieval is on.
type brain struct {
	answerer answerer
	searcher answers.Searcher
	model    answers.Model    // nil without a usable llm block
	embedder answers.Embedder // nil without embedding_model
	embModel string
	// stateMedia labels the outlets that are state media wherever one is named.
	stateMedia parley.StateMedia
	// note says, for the terminal, why a configured model is not used.
	note string
}

// digests makes summaries and timelines the way the config asks.
func (b *brain) digests(db *store.DB) *answers.Digests {
	return &answers.Digests{Corpus: db, Searcher: b.searcher, Model: b.model, StateMedia: b.stateMedia}
}

// newBrain builds the answerer the config asks for. No llm block, or no key
// for a server that needs one, means the extractive answerer.
func newBrain(cfg Config, db *store.DB, log *slog.Logger) (*brain, error) {
	b := &brain{searcher: db, stateMedia: cfg.stateMedia()}
	l := cfg.LLM
	if l == nil {
		b.answerer = &answers.Extractive{Searcher: db, StateMedia: b.stateMedia}
		return b, nil
	}
	if l.APIKey == "" && llm.NeedsKey(l.BaseURL) {
		b.answerer = &answers.Extractive{Searcher: db, StateMedia: b.stateMedia}
		b.note = fmt.Sprintf("llm: %s needs an API key (llm.api_key, e.g. \"${OPENAI_API_KEY}\"); answering from the articles alone", l.BaseURL)
		return b, nil
	}
	timeout, _ := time.ParseDuration(l.Timeout) // checked by Config.check
	client, err := llm.New(llm.Config{
		BaseURL: l.BaseURL, APIKey: l.APIKey, Model: l.Model, Timeout: timeout, MaxTokens: l.MaxTokens,
		Temperature: float32(*l.Temperature), Stream: *l.Stream, EmbeddingModel: l.EmbeddingModel,
	})
	if err != nil {
		return nil, err
	}
	b.model = client
	if l.EmbeddingModel != "" {
		b.embedder, b.embModel = client, l.EmbeddingModel
		b.searcher = hybrid{db: db, emb: client, log: log}
	}
	b.answerer = &answers.LLM{Searcher: b.searcher, Model: client, CountTokens: llm.CountTokens, Logger: log, StateMedia: b.stateMedia}
	return b, nil
}

// hybrid embeds a query before searching, so that the store can fuse the
// text ranking with the passages' similarity to it. If the embedding fails,
// the search is text only.
type hybrid struct {
	db  *store.DB
	emb answers.Embedder
	log *slog.Logger
}

// embedTimeout bounds the embedding of a question.
const embedTimeout = 5 * time.Second

func (h hybrid) Search(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error) {
	if len(q.Vector) == 0 {
		ectx, cancel := context.WithTimeout(ctx, embedTimeout)
		vs, err := h.emb.Embed(ectx, []string{q.Text})
		cancel()
		if err == nil && len(vs) == 1 {
			q.Vector = vs[0]
		} else if h.log != nil {
			h.log.Warn("question not embedded; searching text only", "err", err)
		}
	}
	return h.db.Search(ctx, q, k)
}

// embedPassages embeds the passages of an article that have no vector yet.
func (b *brain) embedPassages(ctx context.Context, db *store.DB, articleID int64) error {
	if b.embedder == nil {
		return nil
	}
	ps, err := db.Passages(ctx, articleID)
	if err != nil {
		return err
	}
	return b.embed(ctx, db, ps)
}

func (b *brain) embed(ctx context.Context, db *store.DB, ps []parley.Passage) error {
	if len(ps) == 0 {
		return nil
	}
	texts := make([]string, len(ps))
	ids := make([]int64, len(ps))
	for i, p := range ps {
		texts[i], ids[i] = p.Text, p.ID
	}
	vs, err := b.embedder.Embed(ctx, texts)
	if err != nil {
		return err
	}
	return db.SetVectors(ctx, b.embModel, ids, vs)
}
