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

// answering is how the config asks questions to be answered: the answerer
// and the searcher it uses, the model behind them if any, and the embedder
// of passages and questions when hybrid retrieval is on.
type answering struct {
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
func (an *answering) digests(db *store.DB) *answers.Digests {
	return &answers.Digests{Corpus: db, Searcher: an.searcher, Model: an.model, StateMedia: an.stateMedia}
}

// newAnswering builds the answerer the config asks for. No llm block, or no
// key for a server that needs one, means the extractive answerer.
func newAnswering(cfg Config, db *store.DB, log *slog.Logger) (*answering, error) {
	an := &answering{searcher: db, stateMedia: cfg.stateMedia()}
	l := cfg.LLM
	if l == nil {
		an.answerer = &answers.Extractive{Searcher: db, StateMedia: an.stateMedia}
		return an, nil
	}
	if l.APIKey == "" && llm.NeedsKey(l.BaseURL) {
		an.answerer = &answers.Extractive{Searcher: db, StateMedia: an.stateMedia}
		an.note = fmt.Sprintf("llm: %s needs an API key (llm.api_key, e.g. \"${OPENAI_API_KEY}\"); answering from the articles alone", l.BaseURL)
		return an, nil
	}
	timeout, _ := time.ParseDuration(l.Timeout) // checked by Config.check
	client, err := llm.New(llm.Config{
		BaseURL: l.BaseURL, APIKey: l.APIKey, Model: l.Model, Timeout: timeout, MaxTokens: l.MaxTokens,
		Temperature: float32(*l.Temperature), Stream: *l.Stream, EmbeddingModel: l.EmbeddingModel,
	})
	if err != nil {
		return nil, err
	}
	an.model = client
	if l.EmbeddingModel != "" {
		an.embedder, an.embModel = client, l.EmbeddingModel
		an.searcher = answers.Hybrid{Library: db, Embedder: client, Logger: log}
	}
	an.answerer = &answers.LLM{Searcher: an.searcher, Model: client, CountTokens: llm.CountTokens, Logger: log, StateMedia: an.stateMedia}
	return an, nil
}

// embedPassages embeds the passages of an article that have no vector yet.
func (an *answering) embedPassages(ctx context.Context, db *store.DB, articleID int64) error {
	if an.embedder == nil {
		return nil
	}
	ps, err := db.Passages(ctx, articleID)
	if err != nil {
		return err
	}
	return an.embed(ctx, db, ps)
}

func (an *answering) embed(ctx context.Context, db *store.DB, ps []parley.Passage) error {
	if len(ps) == 0 {
		return nil
	}
	texts := make([]string, len(ps))
	ids := make([]int64, len(ps))
	for i, p := range ps {
		texts[i], ids[i] = p.Text, p.ID
	}
	vs, err := an.embedder.Embed(ctx, texts)
	if err != nil {
		return err
	}
	return db.SetVectors(ctx, an.embModel, ids, vs)
}
