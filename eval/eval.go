// Package eval measures retrieval and answers on question sets in the
// format of sets/dev.jsonl, with the metrics defined in docs/eval.md.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
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
	Lang       string `json:"lang,omitempty"`
	Gold       []Gold `json:"gold"`
	// Set names the file the question came from, as LoadFiles was given it
	// (or relative to the directory it was found in).
	Set string `json:"-"`
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

// LoadFiles reads question sets from files and directories; a directory
// contributes every *.jsonl file under it, in lexical order. Question ids
// must be unique across all of them.
func LoadFiles(paths []string) ([]Item, error) {
	var items []Item
	seen := map[string]string{}
	for _, root := range paths {
		files, err := setFiles(root)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			name := f.name
			r, err := os.Open(f.path)
			if err != nil {
				return nil, err
			}
			got, err := Load(r)
			r.Close()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f.path, err)
			}
			for _, it := range got {
				if it.ID != "" {
					if other, dup := seen[it.ID]; dup {
						return nil, fmt.Errorf("%s: question id %q is also in %s", f.path, it.ID, other)
					}
					seen[it.ID] = f.path
				}
				it.Set = name
				items = append(items, it)
			}
		}
	}
	return items, nil
}

type setFile struct{ path, name string }

// setFiles lists the question files a path names: the file itself, or the
// *.jsonl files under a directory, named relative to it.
func setFiles(root string) ([]setFile, error) {
	fi, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return []setFile{{root, filepath.Base(root)}}, nil
	}
	var out []setFile
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".jsonl") {
			rel, _ := filepath.Rel(root, path)
			out = append(out, setFile{path, filepath.ToSlash(rel)})
		}
		return nil
	})
	if err == nil && len(out) == 0 {
		err = fmt.Errorf("%s: no *.jsonl question sets", root)
	}
	return out, err
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
	Set        string        `json:"set,omitempty"`
	Lang       string        `json:"lang,omitempty"`
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
	RecallAtK          Rate     `json:"retrieval_recall"`
	AnswerSupport      Rate     `json:"answer_support"`
	FalseAbstention    Rate     `json:"false_abstention"`
	QuotePrecision     Rate     `json:"quote_precision"`
	AbstentionAccuracy Rate     `json:"abstention_accuracy"`
	P50MS              float64  `json:"latency_p50_ms"`
	P95MS              float64  `json:"latency_p95_ms"`
	ByKind             []Group  `json:"by_kind"`
	BySet              []Group  `json:"by_set"`
	Results            []Result `json:"results"`
}

// Group holds the metrics of the questions of one kind, or of one set.
// A rate over no question is NaN in Go and null in JSON.
type Group struct {
	Name               string `json:"name"`
	Questions          int    `json:"questions"`
	Answerable         int    `json:"answerable"`
	Unanswerable       int    `json:"unanswerable"`
	RecallAtK          Rate   `json:"retrieval_recall"`
	AnswerSupport      Rate   `json:"answer_support"`
	FalseAbstention    Rate   `json:"false_abstention"`
	AbstentionAccuracy Rate   `json:"abstention_accuracy"`
}

// Rate is a share that may be undefined (NaN) when nothing was measured;
// it is written to JSON as null then, which encoding/json cannot do for a
// bare NaN.
type Rate float64

// MarshalJSON writes NaN as null.
func (r Rate) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(r)) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(r))
}

// UnmarshalJSON reads null as NaN.
func (r *Rate) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*r = Rate(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(r))
}

// kindOrder is the order kinds are printed in; a kind not listed comes
// after these, alphabetically.
var kindOrder = []string{"who", "what", "when", "date", "where", "number", "quote", "why", "multi", "latest", "yesno", "unanswerable"}

// summarise computes the metrics of a group of results.
func summarise(name string, results []Result) Group {
	g := Group{Name: name, Questions: len(results)}
	var retrieved, supported, abstainedA, abstainedU int
	for _, res := range results {
		switch {
		case res.Answerable:
			g.Answerable++
			retrieved += b2i(res.Retrieved)
			supported += b2i(res.Supported)
			abstainedA += b2i(res.Abstained)
		default:
			g.Unanswerable++
			abstainedU += b2i(res.Abstained)
		}
	}
	g.RecallAtK = Rate(ratio(retrieved, g.Answerable))
	g.AnswerSupport = Rate(ratio(supported, g.Answerable))
	g.FalseAbstention = Rate(ratio(abstainedA, g.Answerable))
	g.AbstentionAccuracy = Rate(ratio(abstainedU, g.Unanswerable))
	return g
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// groups computes the metrics of results grouped by key, in the order
// given by rank (lower first, then by name).
func groups(results []Result, key func(Result) string, rank func(string) int) []Group {
	by := map[string][]Result{}
	for _, res := range results {
		by[key(res)] = append(by[key(res)], res)
	}
	out := make([]Group, 0, len(by))
	for k, rs := range by {
		out = append(out, summarise(k, rs))
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rank(out[i].Name), rank(out[j].Name)
		if ri != rj {
			return ri < rj
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func kindRank(k string) int {
	for i, o := range kindOrder {
		if o == k {
			return i
		}
	}
	return len(kindOrder)
}

// Run asks every question and computes the metrics. k is the number of
// passages retrieval recall looks at (5 in the definitions).
func Run(ctx context.Context, items []Item, s Searcher, a Asker, lib Library, k int) (*Report, error) {
	r := &Report{Questions: len(items), K: k}
	var goodQuotes int
	var took []time.Duration
	bodies := map[int64]string{}
	for _, it := range items {
		res := Result{ID: it.ID, Question: it.Question, Kind: it.Kind, Set: it.Set, Lang: it.Lang, Answerable: it.Answerable}
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
		r.Results = append(r.Results, res)
	}
	all := summarise("", r.Results)
	r.Answerable, r.Unanswerable = all.Answerable, all.Unanswerable
	r.RecallAtK, r.AnswerSupport, r.FalseAbstention, r.AbstentionAccuracy = all.RecallAtK, all.AnswerSupport, all.FalseAbstention, all.AbstentionAccuracy
	r.QuotePrecision = Rate(ratio(goodQuotes, r.Citations))
	r.P50MS, r.P95MS = percentile(took, 0.50), percentile(took, 0.95)
	r.ByKind = groups(r.Results, func(res Result) string {
		if !res.Answerable {
			return "unanswerable"
		}
		if res.Kind == "" {
			return "other"
		}
		return res.Kind
	}, kindRank)
	setOrder := map[string]int{}
	for _, it := range items {
		if _, ok := setOrder[it.Set]; !ok {
			setOrder[it.Set] = len(setOrder)
		}
	}
	r.BySet = groups(r.Results, func(res Result) string { return res.Set }, func(s string) int { return setOrder[s] })
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
	fmt.Fprintf(w, "\nBy kind:\n")
	printGroups(w, r.K, r.ByKind)
	if len(r.BySet) > 1 {
		fmt.Fprintf(w, "\nBy set:\n")
		printGroups(w, r.K, r.BySet)
	}
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

// printGroups writes one line a group: its size, then the rates that apply
// to it ("-" where a group has no question a rate is over).
func printGroups(w io.Writer, k int, gs []Group) {
	width := len("group")
	for _, g := range gs {
		width = max(width, len(g.Name))
	}
	fmt.Fprintf(w, "  %-*s %9s %9s %9s %9s %9s\n", width, "", "questions", fmt.Sprintf("recall@%d", k), "support", "false abs", "abst acc")
	for _, g := range gs {
		fmt.Fprintf(w, "  %-*s %9d %9s %9s %9s %9s\n", width, g.Name, g.Questions,
			dash(g.RecallAtK), dash(g.AnswerSupport), dash(g.FalseAbstention), dash(g.AbstentionAccuracy))
	}
}

func dash(r Rate) string {
	if math.IsNaN(float64(r)) {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(r))
}

func fmtRatio(x Rate) string {
	if math.IsNaN(float64(x)) {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", float64(x))
}
