package bot

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/parley-bot/parley"
)

// Deps are what a bot works with, given once to New: the answerer, the
// library and the memory it needs, and what adds commands when set.
type Deps struct {
	Answerer Answerer
	Library  Library
	Memory   Memory
	// Digests, when set, adds /summary and /timeline.
	Digests Digester
	// Feeds, when set, adds /feed, with which admins follow news feeds into
	// the library.
	Feeds Feeds
	// Logger is where the bot logs; nil discards.
	Logger *slog.Logger
	// Client downloads attached articles; nil is a client with a 30 s
	// timeout.
	Client *http.Client
	// Now is the clock of the rate limiter and of /summary's "7d"; nil is
	// time.Now.
	Now func() time.Time
}

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
	// AddFile parses a file (.md, .txt, .html) and stores it, saying what
	// became of it (added, revised, updated, duplicate or syndicated). Bad
	// input wraps parley.ErrInvalid.
	AddFile(ctx context.Context, name string, data []byte) (a parley.Article, outcome parley.Outcome, err error)
	// AddURL fetches the article at url and stores it, saying what became
	// of it as AddFile does. A page that cannot be an
	// article (refused address, no article text, 404, too large…) is an error
	// wrapping parley.ErrInvalid whose message is the reason in plain words.
	AddURL(ctx context.Context, url string) (a parley.Article, outcome parley.Outcome, err error)
	// AddArticle stores an article given field by field (the modal).
	AddArticle(ctx context.Context, a parley.Article) (stored parley.Article, outcome parley.Outcome, err error)
	// Article returns one article; parley.ErrNotFound when there is none.
	Article(ctx context.Context, id int64) (parley.Article, error)
	// Remove deletes an article; parley.ErrNotFound when there is none.
	Remove(ctx context.Context, id int64) error
	// PassagesByID returns passages with their sources, in the order asked.
	PassagesByID(ctx context.Context, ids []int64) ([]parley.Hit, error)
}

// Feeds follows news feeds into the library.
type Feeds interface {
	// Follow starts following the feed at url (a site's page that links to
	// its feed works too) and polls it once; summary says what the poll
	// stored, in one line. Bad input wraps parley.ErrInvalid, a feed
	// already followed parley.ErrDuplicate; their messages are plain reasons.
	Follow(ctx context.Context, url string) (f parley.Feed, summary string, err error)
	// List lists the feeds followed, oldest first.
	List(ctx context.Context) ([]parley.Feed, error)
	// Unfollow stops following a feed; parley.ErrNotFound when there is none.
	// The articles it brought stay in the library.
	Unfollow(ctx context.Context, id int64) error
}

// Memory keeps what the bot said, so that replies, "Show passages" and votes
// can refer back to it, and who asked, so that only they vote on an answer.
type Memory interface {
	SaveAnswer(ctx context.Context, a *parley.Answer) (int64, error)
	Answer(ctx context.Context, id int64) (*parley.Answer, error)
	// SetAsker records, as a keyed hash, who asked for an answer; Asker
	// returns it ("" when none was recorded), or parley.ErrNotFound.
	SetAsker(ctx context.Context, id int64, userHash string) error
	Asker(ctx context.Context, id int64) (string, error)
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

	// UserHashKey keys the hash under which voters are stored.
	UserHashKey []byte
	// StateMedia labels the outlets that are state media wherever the bot
	// names one. Nil means parley.DefaultStateMedia().
	StateMedia parley.StateMedia
}
