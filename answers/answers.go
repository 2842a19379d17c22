// Package answers turns evidence into answers: it asks a Searcher for the
// passages that bear on a question and composes a short answer made of
// verbatim quotes, each marked [n], with the numbered sources under it.
//
// It declares the small interfaces it needs and imports neither the store
// nor Discord: cmd/parley wires a *store.DB in as the Searcher.
package answers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/parley-bot/parley"
)

// Searcher finds the passages that best match a question, best first.
type Searcher interface {
	Search(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error)
}

// Limits of an extractive answer: short enough to read in a chat, wide
// enough to show more than one outlet.
const (
	maxQuotes   = 4
	maxArticles = 3
	maxNearest  = 3
	// searchK is how many passages an answer draws its sentences from;
	// latestK, for "the latest", which is in the newest of many reports.
	searchK = 10
	latestK = 30
)

// CheckQuestion returns an error wrapping parley.ErrInvalid for a question
// that cannot be asked: empty, or so long that it is surely not a question.
func CheckQuestion(q string) error {
	switch n := len(strings.TrimSpace(q)); {
	case n == 0:
		return parley.Errorf(parley.ErrInvalid, "the question is empty")
	case n > MaxQuestionBytes:
		return parley.Errorf(parley.ErrInvalid, "the question is %d characters long; ask in at most %d", n, MaxQuestionBytes)
	}
	return nil
}

// MaxQuestionBytes bounds a question. Retrieval copes with more (it reads at
// most a couple of dozen terms), but no one types a question this long.
const MaxQuestionBytes = 10000

// sourceList numbers the articles an answer cites, in order of first use.
type sourceList struct {
	sources []parley.Source
	index   map[int64]int
}

func (l *sourceList) number(s parley.Source) int {
	if l.index == nil {
		l.index = map[int64]int{}
	}
	if n, ok := l.index[s.ArticleID]; ok {
		return n
	}
	l.sources = append(l.sources, s)
	l.index[s.ArticleID] = len(l.sources)
	return len(l.sources)
}

// FormatSources writes the numbered source list under an answer:
// outlet, title, date and URL of each cited article.
func FormatSources(sources []parley.Source, sm parley.StateMedia) string {
	var b strings.Builder
	for i, s := range sources {
		fmt.Fprintf(&b, "[%d] %s", i+1, Describe(s, sm))
		if s.URL != "" {
			b.WriteString(" " + s.URL)
		}
		b.WriteString("\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// finish sets the text a user sees from the body and the sources (or, for
// an abstention, the nearest articles). Discord shows the same list as an
// embed under the body.
func finish(a *parley.Answer, sm parley.StateMedia) {
	lang := localize(a)
	a.Text = a.Body
	switch {
	case len(a.Sources) > 0:
		a.Text += "\n\n" + sourcesHeading(lang) + "\n" + FormatSources(a.Sources, sm)
	case len(a.Nearest) > 0:
		var b strings.Builder
		for _, s := range a.Nearest {
			b.WriteString("\n- " + Describe(s, sm))
			if s.URL != "" {
				b.WriteString(" " + s.URL)
			}
		}
		a.Text += b.String()
	}
}

// Describe names an article the way a reader wants it: outlet, “title”,
// date, and the other outlets that published it, state media labelled as
// such by sm.
func Describe(s parley.Source, sm parley.StateMedia) string {
	var parts []string
	if s.Outlet != "" {
		parts = append(parts, sm.Label(s.Outlet))
	}
	parts = append(parts, "“"+s.Title+"”")
	if d := s.Date(); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, ", ") + alsoPublished(s, sm)
}

// abstain is the answer when the library does not cover a question: it says
// so plainly, and as precisely as why says it (what the articles don't
// mention or don't say; "" for plain "don't answer that"), and names the
// nearest articles, so the user can judge.
func abstain(question, why string, hits []parley.Hit, took time.Duration, sm parley.StateMedia) *parley.Answer {
	a := &parley.Answer{Question: question, Abstained: true, Mode: parley.ModeExtractive}
	seen := map[int64]bool{}
	for _, h := range hits {
		if seen[h.ArticleID] || len(a.Nearest) == maxNearest {
			continue
		}
		seen[h.ArticleID] = true
		a.Nearest = append(a.Nearest, h.Source)
	}
	a.Body = "The articles I have don't answer that."
	if why != "" {
		a.Body = why
	}
	if len(a.Nearest) > 0 && !strings.Contains(a.Body, "nearest") {
		a.Body += " The nearest ones:"
	}
	finish(a, sm)
	a.Took = took
	return a
}

// labelAll labels each outlet of names as sm does.
func labelAll(names []string, sm parley.StateMedia) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = sm.Label(n)
	}
	return out
}

// mediaOr is sm, or the built-in list of state media when sm is nil.
func mediaOr(sm parley.StateMedia) parley.StateMedia {
	if sm == nil {
		return parley.DefaultStateMedia()
	}
	return sm
}

// withNote puts a line before an answer's body (what the question was read
// as) and sets its text again.
func withNote(a *parley.Answer, note string, sm parley.StateMedia) {
	if note == "" {
		return
	}
	a.Body = note + "\n\n" + a.Body
	finish(a, sm)
}

// alsoPublished names the other outlets that published an article, as a
// source line or a credit ends with them: "; also published by Yahoo News".
func alsoPublished(s parley.Source, sm parley.StateMedia) string {
	if len(s.Also) == 0 {
		return ""
	}
	return "; also published by " + joinAnd(labelAll(s.Also, sm))
}

// dateSpan is the first and last of dates ("2025-08-17"; "" skipped), and
// how a lead says when they were published: " on 2025-08-17", " between
// 2025-08-17 and 2025-08-19", or "" with no date.
func dateSpan(dates []string) (first, last, when string) {
	for _, d := range dates {
		if d == "" {
			continue
		}
		if first == "" || d < first {
			first = d
		}
		if d > last {
			last = d
		}
	}
	switch {
	case first == "":
	case first == last:
		when = " on " + first
	default:
		when = " between " + first + " and " + last
	}
	return first, last, when
}
