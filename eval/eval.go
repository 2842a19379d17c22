// Package eval measures retrieval and answers on a question set in the
// format of ../shared/eval/dev.jsonl, with the metrics defined in
// ../shared/eval/README.md.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// Item is one question of a set.
type Item struct {
	ID         string `json:"id"`
	Question   string `json:"question"`
	Answerable bool   `json:"answerable"`
	Kind       string `json:"kind"`
	Gold       []Gold `json:"gold"`
}

// Gold names a file that states the answer and short spans copied from it.
type Gold struct {
	File    string   `json:"file"`
	Phrases []string `json:"phrases"`
}

// Load reads a question set, one JSON object a line; blank lines are skipped.
func Load(r io.Reader) ([]Item, error) {
	var items []Item
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var it Item
		if err := json.Unmarshal([]byte(text), &it); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if strings.TrimSpace(it.Question) == "" {
			return nil, fmt.Errorf("line %d: no question", line)
		}
		items = append(items, it)
	}
	return items, sc.Err()
}

// The parts of Parley that an evaluation exercises.
type (
	Searcher interface {
		Search(ctx context.Context, q parley.Query, k int) ([]parley.Hit, error)
	}
	Asker interface {
		Ask(ctx context.Context, q parley.Question) (*parley.Answer, error)
	}
	Library interface {
		Article(ctx context.Context, id int64) (parley.Article, error)
	}
)

// Result is the outcome of one question.
type Result struct {
	ID         string        `json:"id"`
	Question   string        `json:"question"`
	Kind       string        `json:"kind"`
	Answerable bool          `json:"answerable"`
	Retrieved  bool          `json:"retrieved"` // a gold phrase in the first k passages
	Supported  bool          `json:"supported"` // a citation quotes a gold phrase
	Abstained  bool          `json:"abstained"`
	BadQuotes  []string      `json:"bad_quotes,omitempty"`
	Took       time.Duration `json:"-"`
	TookMS     float64       `json:"took_ms"`
	Answer     string        `json:"answer"`
}

// Report holds the metrics of a run.
type Report struct {
	Questions          int      `json:"questions"`
	Answerable         int      `json:"answerable"`
	Unanswerable       int      `json:"unanswerable"`
	Citations          int      `json:"citations"`
	K                  int      `json:"k"`
	RecallAtK          float64  `json:"retrieval_recall"`
	AnswerSupport      float64  `json:"answer_support"`
	FalseAbstention    float64  `json:"false_abstention"`
	QuotePrecision     float64  `json:"quote_precision"`
	AbstentionAccuracy float64  `json:"abstention_accuracy"`
	P50MS              float64  `json:"latency_p50_ms"`
	P95MS              float64  `json:"latency_p95_ms"`
	Results            []Result `json:"results"`
}

// Run asks every question and computes the metrics. k is the number of
// passages retrieval recall looks at (5 in the definitions).
func Run(ctx context.Context, items []Item, s Searcher, a Asker, lib Library, k int) (*Report, error) {
	r := &Report{Questions: len(items), K: k}
	var retrieved, supported, abstainedAnswerable, abstainedUnanswerable, goodQuotes int
	var took []time.Duration
	bodies := map[int64]string{}
	for _, it := range items {
		res := Result{ID: it.ID, Question: it.Question, Kind: it.Kind, Answerable: it.Answerable}
		var phrases []string
		for _, g := range it.Gold {
			for _, p := range g.Phrases {
				phrases = append(phrases, prose.Fold(p))
			}
		}
		if it.Answerable {
			hits, err := s.Search(ctx, parley.Query{Text: it.Question}, k)
			if err != nil {
				return nil, fmt.Errorf("%s: search: %w", it.ID, err)
			}
			for _, h := range hits {
				if containsAny(prose.Fold(h.Text), phrases) {
					res.Retrieved = true
					break
				}
			}
		}
		start := time.Now()
		ans, err := a.Ask(ctx, parley.Question{Text: it.Question})
		if err != nil {
			return nil, fmt.Errorf("%s: ask: %w", it.ID, err)
		}
		res.Took = time.Since(start)
		res.TookMS = float64(res.Took.Microseconds()) / 1000
		took = append(took, res.Took)
		res.Abstained = ans.Abstained
		res.Answer = ans.Text
		for _, c := range ans.Citations {
			r.Citations++
			body, ok := bodies[c.Source.ArticleID]
			if !ok {
				art, err := lib.Article(ctx, c.Source.ArticleID)
				if err != nil {
					return nil, fmt.Errorf("%s: citation [%d]: %w", it.ID, c.N, err)
				}
				body = prose.Fold(art.Body)
				bodies[c.Source.ArticleID] = body
			}
			if strings.Contains(body, prose.Fold(c.Quote)) {
				goodQuotes++
			} else {
				res.BadQuotes = append(res.BadQuotes, c.Quote)
			}
			if !ans.Abstained && containsAny(prose.Fold(c.Quote), phrases) {
				res.Supported = true
			}
		}
		if it.Answerable {
			r.Answerable++
			if res.Retrieved {
				retrieved++
			}
			if res.Supported {
				supported++
			}
			if res.Abstained {
				abstainedAnswerable++
			}
		} else {
			r.Unanswerable++
			if res.Abstained {
				abstainedUnanswerable++
			}
		}
		r.Results = append(r.Results, res)
	}
	r.RecallAtK = ratio(retrieved, r.Answerable)
	r.AnswerSupport = ratio(supported, r.Answerable)
	r.FalseAbstention = ratio(abstainedAnswerable, r.Answerable)
	r.AbstentionAccuracy = ratio(abstainedUnanswerable, r.Unanswerable)
	r.QuotePrecision = ratio(goodQuotes, r.Citations)
	r.P50MS, r.P95MS = percentile(took, 0.50), percentile(took, 0.95)
	return r, nil
}

func containsAny(text string, phrases []string) bool {
	for _, p := range phrases {
		if p != "" && strings.Contains(text, p) {
			return true
		}
	}
	return false
}

// ratio is n/d, or NaN when there is nothing to measure.
func ratio(n, d int) float64 {
	if d == 0 {
		return math.NaN()
	}
	return float64(n) / float64(d)
}

// percentile is the nearest-rank percentile, in milliseconds.
func percentile(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return math.NaN()
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(math.Ceil(p*float64(len(s)))) - 1
	i = max(0, min(i, len(s)-1))
	return float64(s[i].Microseconds()) / 1000
}

// Print writes the report for a person: the metrics, then each question that
// missed, so that a regression can be read off at once.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "%d questions (%d answerable, %d unanswerable), %d citations\n\n", r.Questions, r.Answerable, r.Unanswerable, r.Citations)
	fmt.Fprintf(w, "  retrieval recall@%-2d %s\n", r.K, fmtRatio(r.RecallAtK))
	fmt.Fprintf(w, "  answer support      %s\n", fmtRatio(r.AnswerSupport))
	fmt.Fprintf(w, "  false abstention    %s\n", fmtRatio(r.FalseAbstention))
	fmt.Fprintf(w, "  quote precision     %s\n", fmtRatio(r.QuotePrecision))
	fmt.Fprintf(w, "  abstention accuracy %s\n", fmtRatio(r.AbstentionAccuracy))
	fmt.Fprintf(w, "  latency p50         %.1f ms\n", r.P50MS)
	fmt.Fprintf(w, "  latency p95         %.1f ms\n", r.P95MS)
	var misses []string
	for _, res := range r.Results {
		var why []string
		switch {
		case res.Answerable && res.Abstained:
			why = append(why, "abstained")
		case res.Answerable && !res.Supported:
			why = append(why, "no citation quotes a gold phrase")
		case !res.Answerable && !res.Abstained:
			why = append(why, "answered an unanswerable question")
		}
		if res.Answerable && !res.Retrieved {
			why = append(why, fmt.Sprintf("no gold phrase in the first %d passages", r.K))
		}
		if len(res.BadQuotes) > 0 {
			why = append(why, fmt.Sprintf("%d quotes not in the cited article", len(res.BadQuotes)))
		}
		if len(why) > 0 {
			misses = append(misses, fmt.Sprintf("  %s %q: %s", res.ID, res.Question, strings.Join(why, "; ")))
		}
	}
	if len(misses) > 0 {
		fmt.Fprintf(w, "\nMisses:\n%s\n", strings.Join(misses, "\n"))
	}
}

func fmtRatio(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", x)
}
