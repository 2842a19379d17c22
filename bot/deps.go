package bot

import (
	"context"
	"time"

	"github.com/parley-bot/parley"
)

// Answerer answers a question (parley.Question.Context carries the earlier
// exchange of a follow-up).
type Answerer interface {
	Ask(ctx context.Context, q parley.Question) (*parley.Answer, error)
}

// StreamingAnswerer is an Answerer that can show its answer as it is
// written. The drafts are unverified; the bot shows them marked as drafts
// and replaces them with the answer AskStream returns.
type StreamingAnswerer interface {
	AskStream(ctx context.Context, q parley.Question, onDraft func(draft string)) (*parley.Answer, error)
}

// Library is what the bot reads and changes of the article library.
type Library interface {
	// Sources lists articles newest first, or those matching query, a page
	// at a time, with the total number that match.
	Sources(ctx context.Context, query string, offset, limit int) ([]parley.Source, int, error)
	// AddFile parses a file (.md, .txt, .html) and stores it; outcome is
	// "added", "updated" or "duplicate". Bad input wraps parley.ErrInvalid.
	AddFile(ctx context.Context, name string, data []byte) (a parley.Article, outcome string, err error)
	// AddArticle stores an article given field by field (the modal).
	AddArticle(ctx context.Context, a parley.Article) (stored parley.Article, outcome string, err error)
	// Article returns one article; parley.ErrNotFound when there is none.
	Article(ctx context.Context, id int64) (parley.Article, error)
	// Remove deletes an article; parley.ErrNotFound when there is none.
	Remove(ctx context.Context, id int64) error
	// PassagesByID returns passages with their sources, in the order asked.
	PassagesByID(ctx context.Context, ids []int64) ([]parley.Hit, error)
}

// Memory keeps what the bot said, so that replies, "Show passages" and votes
// can refer back to it.
type Memory interface {
	SaveAnswer(ctx context.Context, a *parley.Answer) (int64, error)
	Answer(ctx context.Context, id int64) (*parley.Answer, error)
	LinkMessage(ctx context.Context, messageID string, answerID int64) error
	AnswerForMessage(ctx context.Context, messageID string) (*parley.Answer, int64, error)
	Vote(ctx context.Context, answerID int64, userHash string, vote int) error
}

// Config is the bot's part of config.json (see config.example.json).
type Config struct {
	GuildIDs             []string // empty: global commands
	AskChannelIDs        []string // every message there is a question
	MessageContentIntent bool     // ask for the privileged intent

	AdminUserIDs      []string
	AdminRoleIDs      []string
	AllowManageServer bool

	QuestionsPerMinute   float64
	Burst                int
	MaxConcurrentAnswers int

	// AnswerTimeout bounds the composition of one answer. Zero means 60s.
	AnswerTimeout time.Duration
	// ShutdownGrace is how long work in flight may finish after a stop
	// signal. Zero means 10s.
	ShutdownGrace time.Duration
	// UserHashKey keys the hash under which voters are stored.
	UserHashKey []byte
}
