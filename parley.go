// Package parley holds the domain of Parley: the articles in its library, the
// passages they are cut into, and the sourced answers composed from them.
//
// Every other package speaks these types. The package uses the standard
// library only, so that the store, the ingesters, the answerers and the
// Discord adapter can depend on it without depending on each other.
package parley

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Errors callers branch on. Wrap them with context; test with errors.Is.
var (
	// ErrNotFound means the article (or other record) asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrDuplicate means an article with the same text or URL is already in the library.
	ErrDuplicate = errors.New("already in the library")
	// ErrInvalid means the input cannot become an article or a question: empty,
	// not UTF-8, too large, malformed. The wrapping message says which.
	ErrInvalid = errors.New("invalid input")
	// ErrNotLibrary means a file exists but is not a Parley library.
	ErrNotLibrary = errors.New("not a Parley library")
	// ErrNewerSchema means the library was written by a newer Parley.
	ErrNewerSchema = errors.New("library was created by a newer version of Parley")
)

// Error is a failure a user is told about: Message says what was wrong in
// plain words, as the user reads it, and Kind is the sentinel above that
// callers branch on (ErrInvalid, ErrDuplicate, ErrNotFound…), or nil for a
// message that is all there is to say. Err, when set, is the cause, for the
// log. What is wrapped around an Error is context for the log; what the
// user is told is Message(err).
type Error struct {
	Kind    error
	Message string
	Err     error
}

// Errorf makes an Error of kind whose message is formatted as fmt.Sprintf does.
func Errorf(kind error, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

func (e *Error) Error() string {
	if e.Message == "" && e.Kind != nil {
		return e.Kind.Error()
	}
	return e.Message
}

// Unwrap lets errors.Is find the Kind and the cause.
func (e *Error) Unwrap() []error {
	var errs []error
	for _, err := range []error{e.Kind, e.Err} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// Message is what a user is told of err: the message of the first Error in
// its chain, without the context wrapped around it, or, when there is none,
// the error's text; "" for nil.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return err.Error()
}

// MaxArticleBytes is the largest file, page or attachment Parley reads as
// one article. News articles are a few tens of kilobytes, even saved with
// their page furniture; anything larger is almost certainly not one article.
const MaxArticleBytes = 5 << 20

// DateLayout is how publication dates are written in JSON and on screen.
const DateLayout = "2006-01-02"

// Article is one news article in the library. Body is the text exactly as
// ingested, with only line endings and Unicode normalised; every quote Parley
// shows is a span of it.
type Article struct {
	ID        int64
	Title     string
	Outlet    string
	URL       string
	Author    string
	Language  string
	Published time.Time // zero when unknown
	Added     time.Time
	Body      string
	Hash      string // hex SHA-256 of Body; the same text twice is one article
	// Also names the other outlets that published the same story, as the
	// store found them; adding an article ignores it.
	Also []string
	// Sentences are the body's sentences with their roles, as the store
	// keeps them (set when read with Articles); adding an article ignores it.
	Sentences []Sentence
}

// Date returns the publication date as YYYY-MM-DD, or "" when unknown.
func (a *Article) Date() string { return FormatDate(a.Published) }

// FormatDate writes a date as YYYY-MM-DD, and the zero time as "".
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// Source names the article as a citation does.
func (a *Article) Source() Source {
	return Source{ArticleID: a.ID, Title: a.Title, Outlet: a.Outlet, URL: a.URL, Author: a.Author, Published: a.Published, Also: a.Also}
}

// Source is an article without its body: what a search hit or a citation
// needs to name where a passage comes from.
type Source struct {
	ArticleID int64
	Title     string
	Outlet    string
	URL       string
	Author    string
	Published time.Time
	// Also names the other outlets that published the same story.
	Also []string
	// Language is the article's language code ("en", "uk", "ru"; "" when
	// unknown), so that a quote can be marked with it.
	Language string
}

// Date returns the publication date as YYYY-MM-DD, or "" when unknown.
func (s Source) Date() string { return FormatDate(s.Published) }

// Passage is a run of whole sentences of an article body, about 40–150
// words. Text == body[Start:End] for the article it belongs to.
type Passage struct {
	ID        int64
	ArticleID int64
	Seq       int // order within the article, from 0
	Start     int // byte offset into the article body
	End       int
	Text      string
	// Sentences are the sentences of Text with their roles and attribution,
	// at offsets into the article body, as ingest decided them.
	Sentences []Sentence
}

// Hit is a passage found by a search, with its source and score (higher is better).
type Hit struct {
	Passage
	Source Source
	Score  float64
}

// Citation is one numbered source of an answer: a verbatim quote, located by
// byte offsets in the body of the article it comes from.
type Citation struct {
	N         int
	Source    Source
	PassageID int64
	Quote     string
	Start     int
	End       int
	// Said is whose words the quote carries.
	Said Attribution
}

// Query is what a search looks for: the words of Text, and, weighing half as
// much, the words of Also (synonyms, or the conversation a follow-up
// continues), which may find passages but never outrank Text's own words.
type Query struct {
	Text string
	Also string
	// Vector, when set, is Text's embedding: search then fuses the text
	// ranking with the passages' similarity to it.
	Vector []float32
	// Copies keeps passages that are near-copies of a better one from
	// another article. Answers leave them out so that one wire story cannot
	// crowd out other sources; digests want every outlet that reported it.
	Copies bool
	// Spelled says Text's words were already read against the library
	// (the answerer corrects misspellings before it searches), so that a
	// search does not look for the same missing words' corrections again.
	Spelled bool
}

// Question is what someone asks. Context, for a follow-up, is the earlier
// question and answer it follows: it widens retrieval, but the answer must
// still answer Text.
type Question struct {
	Text    string
	Context string
}

// Answer is what Parley says to a question. Text is everything a user sees:
// Body (the answer, with [n] markers that refer to Citations) and then the
// numbered Sources, where Sources[n-1] is source [n].
type Answer struct {
	Question  string
	Text      string
	Body      string
	Sources   []Source
	Abstained bool
	Citations []Citation
	// Nearest names the closest articles when the answer abstains.
	Nearest []Source
	// Mode says who wrote the answer: "extractive" (quotes picked from the
	// articles) or "llm" (a language model, every quote verified).
	Mode string
	// Dropped lists what a model wrote that verification removed, and why.
	Dropped []Dropped
	Took    time.Duration
}

// Mode values of an Answer.
const (
	ModeExtractive = "extractive"
	ModeLLM        = "llm"
)

// Dropped is a sentence of a model's answer that was not shown, and why.
type Dropped struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Outcome says what became of an article given to the library: stored
// (Added, Updated, Revised), recognised as one it has (Duplicate,
// Syndicated), or not taken (Rejected, Failed, GivenUp, Stopped). The
// store decides the first five; the callers that bring articles the rest.
type Outcome int

// The outcomes of giving the library an article.
const (
	Added     Outcome = iota + 1 // a new article
	Updated                      // an article with the same URL got new text
	Duplicate                    // the same text is already in the library; nothing changed
	// Syndicated: the same story from another outlet is in the library;
	// this outlet is recorded as also publishing it, its text not stored.
	Syndicated
	// Revised: a new article that is nearly the text of a stored one from
	// the same outlet under another address (a revised or corrected story:
	// "Russia agreed …" rewritten as "Russia rejected …").
	Revised
	Rejected // it cannot be an article, for good: no article text, a 404, too large
	Failed   // it could not be had for now (a timeout, a 5xx); tried again later
	GivenUp  // it failed too many times in a row
	Stopped  // the caller stopped before it was dealt with
)

var outcomeNames = [...]string{Added: "added", Updated: "updated", Duplicate: "duplicate", Syndicated: "syndicated",
	Revised: "revised", Rejected: "rejected", Failed: "failed", GivenUp: "given up", Stopped: "stopped"}

func (o Outcome) String() string {
	if o > 0 && int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "unknown"
}

// Feed is a news feed the library follows, with the state of its polling.
type Feed struct {
	ID           int64
	URL          string
	Title        string
	Added        time.Time
	ETag         string
	LastModified string
	LastPolled   time.Time // zero before the first poll
	LastOK       time.Time // the last poll that got an answer (200 or 304)
	Failures     int       // polls failed in a row
	LastError    string
	NextPoll     time.Time // zero: due now
	Items        int       // items dealt with so far
}

// Poll is the outcome of one poll of a feed, as the library records it.
type Poll struct {
	At           time.Time
	OK           bool   // the feed answered (200 or 304)
	Title        string // the feed's own title; empty keeps the stored one
	ETag         string // validators of a 200; kept as they were after a 304 or a failure
	LastModified string
	Err          string // why the poll failed
	NextPoll     time.Time
}

// Scope is what a summary or a timeline covers: a topic, a window of
// publication dates, or one article. Zero fields do not narrow it.
type Scope struct {
	Topic     string
	Since     time.Time // inclusive
	Until     time.Time // exclusive
	ArticleID int64
	// Lang is the language the digest's own words are written in ("uk",
	// "ru"; anything else is English): its lead, credits and headings.
	// The quotes stay in their articles' languages.
	Lang string
}

// Point is one bullet of a summary or one event of a timeline: a verbatim
// sentence (Text, with who reported it) and every article that reports it.
type Point struct {
	Date      time.Time // for a timeline: when it happened
	Text      string
	Citations []Citation
}

// Digest is a summary or a timeline. Sources[n-1] is source [n].
type Digest struct {
	Scope   Scope
	Points  []Point
	Sources []Source
	Body    string // the lead and the points, with [n] markers
	Text    string // everything a user sees: Body, then the sources
	Mode    string
	Took    time.Duration
}

// ParseWhen reads the "since" or "until" of a scope: a duration back from
// now ("24h", "7d", "2w") or a date (YYYY-MM-DD). Empty is the zero time.
func ParseWhen(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(DateLayout, s); err == nil {
		return t, nil
	}
	units := map[byte]time.Duration{'h': time.Hour, 'd': 24 * time.Hour, 'w': 7 * 24 * time.Hour}
	if n, err := strconv.Atoi(s[:len(s)-1]); err == nil && n > 0 && units[s[len(s)-1]] > 0 {
		return now.Add(-time.Duration(n) * units[s[len(s)-1]]), nil
	}
	return time.Time{}, Errorf(ErrInvalid, "%q is not a time: use 24h, 7d, 2w or a date like 2025-08-17", s)
}
