package answers

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// Extractive answers from the library alone, with no model and no network:
// it picks the sentences of the retrieved passages that best answer the
// question and quotes them verbatim.
type Extractive struct {
	Searcher Searcher
	// MinCoverage is the share of the question's weighted terms that the best
	// sentence (with its passage) must cover for Parley to answer rather
	// than abstain. Zero means DefaultMinCoverage.
	MinCoverage float64
	// StateMedia labels the outlets that are state media wherever the
	// answer names one. Nil means parley.DefaultStateMedia().
	StateMedia parley.StateMedia
}

// DefaultMinCoverage was tuned on eval/sets/dev.jsonl: see the README's
// evaluation section for the figures.
const DefaultMinCoverage = 0.33

// Ask answers a question from the library.
func (e *Extractive) Ask(ctx context.Context, qn parley.Question) (*parley.Answer, error) {
	start := time.Now()
	question := qn.Text
	if err := CheckQuestion(question); err != nil {
		return nil, err
	}
	q := analyse(question)
	hits, err := e.Searcher.Search(ctx, parley.Query{Text: question, Also: q.also(qn.Context)}, searchK)
	if err != nil {
		return nil, fmt.Errorf("ask: %w", err)
	}
	a := e.answer(q, hits)
	a.Took = time.Since(start)
	return a, nil
}

// answer composes the answer to q from passages already found, so that the
// model's answerer can fall back to it without searching again.
func (e *Extractive) answer(q query, hits []parley.Hit) *parley.Answer {
	cands := candidates(q, hits)
	minCov := e.MinCoverage
	if minCov == 0 {
		minCov = DefaultMinCoverage
	}
	if len(cands) == 0 || cands[0].evidence < minCov {
		return abstain(q.text, hits, 0, mediaOr(e.StateMedia))
	}
	return compose(q.text, pick(cands), mediaOr(e.StateMedia))
}

// kind is what sort of answer a question asks for.
type kind int

const (
	kindOther kind = iota
	kindWhen
	kindNumber
	kindWho
	kindQuote
	kindWhy
)

// qterm is one content word of a question.
type qterm struct {
	stem    string
	entity  bool     // written with a capital inside the question: a name
	alts    []string // stems of words that say the same in news prose
	weight  float64
	surface string
}

type query struct {
	text  string
	terms []qterm
	kind  kind
}

var kindPatterns = []struct {
	re   *regexp.Regexp
	kind kind
}{
	{regexp.MustCompile(`(?i)\b(how (many|much|long|far|often|big|large)|number of|what percentage)\b`), kindNumber},
	{regexp.MustCompile(`(?i)\b(when|what (date|day|time|year|month)|since when|how recently|last met)\b`), kindWhen},
	{regexp.MustCompile(`(?i)^\s*(who|whom|whose|which (\w+ )?(leaders?|officials?|people|countries|envoys?|presidents?|ministers?))\b`), kindWho},
	{regexp.MustCompile(`(?i)\b(say|said|says|saying|quote|told|tell|call(ed)?|describe[ds]?|respond(ed)?|react(ed)?|claim(ed)?|warn(ed)?)\b`), kindQuote},
	{regexp.MustCompile(`(?i)^\s*why\b|\bwhat (was|is) the reason\b`), kindWhy},
}

// synonyms lists words that news prose uses for the words people ask with.
// Each group is tried both ways; a match through a synonym counts a little
// less than the word itself.
var synonyms = [][]string{
	{"troops", "soldiers", "forces", "boots"},
	{"guarantee", "guarantees", "protection", "protections", "assurances", "security"},
	{"ceasefire", "truce", "armistice"},
	{"summit", "meeting", "talks", "met"},
	{"territory", "territories", "land", "regions"},
	{"sanctions", "penalties"},
	{"agree", "agreed", "accept", "accepted", "concession", "concessions"},
	{"alaska", "anchorage"},
	{"three-way", "trilateral"},
	{"deploy", "deployed", "send"},
	{"zelensky", "zelenskyy", "zelenskiy"},
	{"nato", "alliance"},
	// Demonyms and the usual metonyms of news prose: "Russia agreed" is
	// reported as "Putin agreed" or "the Kremlin agreed".
	{"russia", "russian", "russians", "putin", "kremlin", "moscow"},
	{"ukraine", "ukrainian", "ukrainians", "kyiv", "zelensky", "zelenskyy"},
	{"us", "american", "americans", "washington", "america"},
	{"europe", "european", "europeans"},
	{"trilateral", "three-way", "three"},
	{"give", "cede", "surrender", "compromises"},
}

// synonymWords maps a stem to the words of its synonyms, as retrieval
// wants them (the index stems them its own way).
var synonymWords = map[string][]string{}

var synonymIndex = func() map[string][]string {
	idx := map[string][]string{}
	for _, g := range synonyms {
		for _, w := range g {
			for _, o := range g {
				if o != w && !contains(synonymWords[prose.Stem(w)], o) {
					synonymWords[prose.Stem(w)] = append(synonymWords[prose.Stem(w)], o)
				}
			}
		}
		stems := make([]string, len(g))
		for i, w := range g {
			stems[i] = prose.Stem(w)
		}
		for _, s := range stems {
			for _, o := range stems {
				if o != s && !contains(idx[s], o) {
					idx[s] = append(idx[s], o)
				}
			}
		}
	}
	return idx
}()

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func analyse(text string) query {
	q := query{text: text}
	for _, p := range kindPatterns {
		if p.re.MatchString(text) {
			q.kind = p.kind
			break
		}
	}
	seen := map[string]bool{}
	for i, tok := range prose.Tokens(text) {
		word := text[tok.Start:tok.End]
		if tok.Term == "" || prose.IsStopword(strings.ToLower(word)) || seen[tok.Term] {
			continue
		}
		seen[tok.Term] = true
		r := []rune(word)
		entity := i > 0 && unicode.IsUpper(r[0])
		q.terms = append(q.terms, qterm{stem: tok.Term, entity: entity, alts: synonymIndex[tok.Term], surface: word})
	}
	return q
}

// also is what retrieval looks for besides the question: the synonyms of
// its words, so that it finds "troops" when asked about "soldiers", and, for
// a follow-up, the conversation it continues ("and what about sanctions?").
func (q query) also(context string) string {
	var b strings.Builder
	b.WriteString(context)
	for _, t := range q.terms {
		for _, w := range synonymWords[t.stem] {
			b.WriteString(" " + w)
		}
	}
	return b.String()
}

// sentence is one candidate quote: a sentence of a retrieved passage.
type sentence struct {
	hit      *parley.Hit
	start    int // byte offsets in the article body
	end      int
	text     string
	stems    map[string]int // stem → first token position
	words    int
	said     parley.Attribution
	prev     *sentence // the sentences around it in the same passage, if any
	next     *sentence
	cover    float64 // weighted share of the question's terms it contains
	evidence float64 // cover, helped by the passage around it
	score    float64
}

var (
	reNumber  = regexp.MustCompile(`\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|several)\b`)
	reDate    = regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|last (week|month|year)|(jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.? \d|\d{4}|\d+ (years?|months?|weeks?|days?)|(first|last) (time|meeting))\b`)
	reSpeech  = regexp.MustCompile(`\b(said|says|told|added|continued|stated|wrote|noted|warned|insisted|argued|explained|declared|according to)\b`)
	reReason  = regexp.MustCompile(`(?i)\b(because|since|reason|why|first time|so that|in order to|due to)\b`)
	reQuoteCh = regexp.MustCompile(`[“”"«»]`)
	reNames   = regexp.MustCompile(`\b[A-Z][\p{L}’'-]+(\s+[A-Z][\p{L}’'-]+)*`)
)

// candidates scores every sentence of the retrieved passages, best first.
func candidates(q query, hits []parley.Hit) []*sentence {
	var all []*sentence
	maxScore := 0.0
	for i := range hits {
		maxScore = math.Max(maxScore, hits[i].Score)
	}
	var passages [][]*sentence
	for i := range hits {
		h := &hits[i]
		var ps []*sentence
		for _, sp := range quotable(h) {
			s := &sentence{hit: h, start: sp.Start, end: sp.End, text: h.Text[sp.Start-h.Start : sp.End-h.Start], stems: map[string]int{}, said: sp.Said}
			toks := prose.Tokens(s.text)
			s.words = len(toks)
			for j, t := range toks {
				if _, ok := s.stems[t.Term]; !ok {
					s.stems[t.Term] = j
				}
			}
			if n := len(ps); n > 0 {
				ps[n-1].next, s.prev = s, ps[n-1]
			}
			ps = append(ps, s)
		}
		passages = append(passages, ps)
		all = append(all, ps...)
	}
	linkAdjacent(passages)
	if len(all) == 0 || len(q.terms) == 0 {
		return nil
	}
	weigh(q.terms, all)
	total := 0.0
	for _, t := range q.terms {
		total += t.weight
	}
	for _, ps := range passages {
		// The whole passage counts as context, furniture included: a
		// dateline's "RIYADH, Feb 18" says where and when its prose is.
		passageStems := map[string]int{}
		for _, s := range ps {
			for st := range s.stems {
				passageStems[st] = 0
			}
		}
		if len(ps) > 0 {
			h := ps[0].hit
			for _, f := range h.Sentences {
				if !f.Quotable() {
					for _, t := range prose.Tokens(h.Text[f.Start-h.Start : f.End-h.Start]) {
						passageStems[t.Term] = 0
					}
				}
			}
		}
		passageCover := coverage(q.terms, passageStems) / total
		for _, s := range ps {
			s.cover = coverage(q.terms, s.stems) / total
			// The passage around a sentence often names what the sentence
			// only refers to ("He added that it was the first time…").
			s.evidence = 0.75*s.cover + 0.25*passageCover
			s.score = s.evidence + 0.25*proximity(q.terms, s) + 0.15*s.hit.Score/math.Max(maxScore, 1e-9) + 0.2*kindBonus(q.kind, s.text)
			switch {
			case s.words < 6:
				s.score -= 0.3
			case s.words > 70:
				s.score -= 0.1
			}
			if s.prev == nil && continues(s.text) {
				// "He added…" with nothing before it to say who he is.
				s.score -= 0.15
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].score > all[j].score })
	// Evidence is judged on the best sentences, not on a short fragment
	// that happens to score well.
	best := 0.0
	for _, s := range all[:min(3, len(all))] {
		best = math.Max(best, s.evidence)
	}
	all[0].evidence = best
	return all
}

// quotable returns the sentences of a hit that may be quoted.
func quotable(h *parley.Hit) []parley.Sentence { return proseOf(h.Sentences, h.Text, h.Start) }

// proseOf returns the prose among the sentences of text, which starts at
// byte base of its article body, with whose words they are. Text stored
// before roles were decided has no sentences: then every sentence of it
// counts as the outlet's prose, naming nobody.
func proseOf(ss []parley.Sentence, text string, base int) []parley.Sentence {
	var out []parley.Sentence
	if ss == nil {
		for _, sp := range prose.Sentences(text) {
			out = append(out, parley.Sentence{Start: base + sp.Start, End: base + sp.End})
		}
		return out
	}
	for _, s := range ss {
		if s.Quotable() {
			out = append(out, s)
		}
	}
	return out
}

// linkAdjacent joins the sentences of consecutive passages of one article,
// so a sentence that opens a passage still knows the one before it.
func linkAdjacent(passages [][]*sentence) {
	last := map[[2]int64]*sentence{} // (article, seq) → last sentence
	for _, ps := range passages {
		if len(ps) > 0 {
			h := ps[0].hit
			last[[2]int64{h.ArticleID, int64(h.Seq)}] = ps[len(ps)-1]
		}
	}
	for _, ps := range passages {
		if len(ps) == 0 {
			continue
		}
		h := ps[0].hit
		if p, ok := last[[2]int64{h.ArticleID, int64(h.Seq) - 1}]; ok && p.next == nil {
			p.next, ps[0].prev = ps[0], p
		}
	}
}

// weigh gives each question term an inverse frequency weight over the
// candidate sentences: a word every sentence has says little about which one
// answers; a name the question asks about that no sentence has weighs most,
// so its absence counts against answering.
func weigh(terms []qterm, all []*sentence) {
	n := float64(len(all))
	for i := range terms {
		sf := 0.0
		for _, s := range all {
			if matchWeight(terms[i], s.stems) > 0 {
				sf++
			}
		}
		w := math.Log(1 + n/(1+sf))
		if terms[i].entity {
			w *= 1.5
		}
		terms[i].weight = w
	}
}

// matchWeight is 1 when the text has the term itself, 0.7 when it has only a
// synonym of it, and 0 otherwise.
func matchWeight(t qterm, stems map[string]int) float64 {
	if _, ok := stems[t.stem]; ok {
		return 1
	}
	for _, a := range t.alts {
		if _, ok := stems[a]; ok {
			return 0.7
		}
	}
	return 0
}

func coverage(terms []qterm, stems map[string]int) float64 {
	c := 0.0
	for _, t := range terms {
		c += t.weight * matchWeight(t, stems)
	}
	return c
}

// proximity is 1 when the question's terms that a sentence has stand close
// together, falling as they spread apart.
func proximity(terms []qterm, s *sentence) float64 {
	var pos []int
	for _, t := range terms {
		if p, ok := s.stems[t.stem]; ok {
			pos = append(pos, p)
		}
	}
	if len(pos) < 2 {
		return 0
	}
	sort.Ints(pos)
	spread := float64(pos[len(pos)-1] - pos[0] + 1)
	return float64(len(pos)) / spread
}

func kindBonus(k kind, text string) float64 {
	switch k {
	case kindNumber:
		if reNumber.MatchString(text) {
			return 1
		}
	case kindWhen:
		if reDate.MatchString(text) {
			return 1
		}
	case kindWho:
		if len(reNames.FindAllString(text, -1)) >= 3 {
			return 1
		}
	case kindQuote:
		if reQuoteCh.MatchString(text) && reSpeech.MatchString(text) {
			return 1
		}
		if reSpeech.MatchString(text) {
			return 0.5
		}
	case kindWhy:
		if reReason.MatchString(text) {
			return 1
		}
	}
	return 0
}

// pick chooses the quotes: the best sentence, then others that score at least
// half as well and say something new, from at most maxArticles articles,
// preferring outlets not yet quoted. A chosen sentence that is followed by a
// direct quotation or a "he added" carries it along, since news prose puts
// the evidence for a claim in the sentence after it.
func pick(cands []*sentence) []*sentence {
	best := cands[0].score
	var out []*sentence
	chosen := map[*sentence]bool{}
	articles := map[int64]int{}
	outlets := map[string]int{}
	add := func(s *sentence) {
		out = append(out, s)
		chosen[s] = true
		articles[s.hit.ArticleID]++
		outlets[s.hit.Source.Outlet]++
	}
	for len(out) < maxQuotes {
		var next *sentence
		nextScore := math.Inf(-1)
		for _, s := range cands {
			if chosen[s] || overlaps(s, out) {
				continue
			}
			if _, ok := articles[s.hit.ArticleID]; !ok && len(articles) == maxArticles {
				continue
			}
			v := s.score - 0.1*float64(articles[s.hit.ArticleID]) - 0.05*float64(outlets[s.hit.Source.Outlet])
			for _, o := range out {
				v -= 0.5 * similarity(s, o)
			}
			if v > nextScore {
				next, nextScore = s, v
			}
		}
		if next == nil || (len(out) > 0 && (next.score < 0.5*best || next.cover == 0)) {
			break
		}
		add(next)
		// "He added that it was the first time…" needs the sentence that
		// says who "he" is and what "it" was; a summary sentence needs the
		// quotation after it that backs it.
		if p := next.prev; p != nil && continues(next.text) && len(out) <= maxQuotes && !chosen[p] && !overlaps(p, out) {
			add(p)
		}
		if f := next.next; f != nil && len(out) < maxQuotes && !chosen[f] && !overlaps(f, out) && continues(f.text) {
			add(f)
		}
	}
	// Quotes from one article read in the article's order.
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].hit.ArticleID != out[j].hit.ArticleID {
			return false
		}
		return out[i].start < out[j].start
	})
	return out
}

var reContinues = regexp.MustCompile(`^([“"«]|(He|She|They|It|This|That|These|Those|But|And|Also)\b)`)

// continues reports whether a sentence carries on from the one before it.
func continues(text string) bool { return reContinues.MatchString(text) }

func overlaps(s *sentence, out []*sentence) bool {
	for _, o := range out {
		if o.hit.ArticleID == s.hit.ArticleID && s.start < o.end && o.start < s.end {
			return true
		}
	}
	return false
}

func similarity(a, b *sentence) float64 {
	inter := 0
	for t := range a.stems {
		if _, ok := b.stems[t]; ok {
			inter++
		}
	}
	union := len(a.stems) + len(b.stems) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// compose writes the answer: a one-line lead, each quote with who said or
// reported it and its [n], and the numbered sources.
func compose(question string, picked []*sentence, sm parley.StateMedia) *parley.Answer {
	a := &parley.Answer{Question: question, Mode: parley.ModeExtractive}
	var list sourceList
	var lines []string
	for _, s := range picked {
		n := list.number(s.hit.Source)
		a.Citations = append(a.Citations, parley.Citation{
			N: n, Source: s.hit.Source, PassageID: s.hit.ID, Quote: s.text, Start: s.start, End: s.end, Said: s.said,
		})
		lines = append(lines, fmt.Sprintf("- “%s” — %s [%d]", s.text, credit(s.said, s.hit.Source, sm), n))
	}
	a.Body = lead(list.sources, sm) + "\n\n" + strings.Join(lines, "\n")
	a.Sources = list.sources
	finish(a, sm)
	return a
}

// lead says where the quotes come from, so the reader knows the evidence
// before reading it.
func lead(sources []parley.Source, sm parley.StateMedia) string {
	var outlets []string
	seen := map[string]bool{}
	var first, last string
	for _, s := range sources {
		name := sm.Label(s.Outlet)
		if s.Outlet == "" {
			name = "“" + s.Title + "”"
		}
		if !seen[name] {
			seen[name] = true
			outlets = append(outlets, name)
		}
		if d := s.Date(); d != "" {
			if first == "" || d < first {
				first = d
			}
			if d > last {
				last = d
			}
		}
	}
	when := ""
	switch {
	case first == "":
	case first == last:
		when = " on " + first
	default:
		when = " between " + first + " and " + last
	}
	return fmt.Sprintf("Here is what %s reported%s:", joinAnd(outlets), when)
}

func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return "the articles"
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// credit says whose words a quote is and who reported it: the speaker for
// their own words in quotation marks ("Dmitry Peskov, Kremlin spokesman,
// quoted by Kyiv Ledger, 2025-03-05"), and otherwise the outlet, naming
// whom its sentence paraphrases ("Kyiv Ledger, 2025-03-05, paraphrasing
// Dmitry Peskov") or that it cites people it does not name. The speaker
// comes from ingest's reading of the article, which names nobody the text
// leaves open.
func credit(said parley.Attribution, src parley.Source, sm parley.StateMedia) string {
	reporter := sm.Label(src.Outlet)
	if reporter == "" {
		reporter = "“" + src.Title + "”"
	}
	if d := src.Date(); d != "" {
		reporter += ", " + d
	}
	if also := src.Also; len(also) > 0 {
		reporter += "; also published by " + joinAnd(labelAll(also, sm))
	}
	switch {
	case said.Kind == parley.Direct && said.Speaker != "":
		who := said.Speaker
		if said.SpeakerRole != "" {
			who += ", " + said.SpeakerRole
		}
		return who + ", quoted by " + reporter
	case said.Kind == parley.Reported && said.Speaker != "":
		return reporter + ", paraphrasing " + said.Speaker
	case said.Kind == parley.Anonymous:
		return "reported by " + reporter + ", citing unnamed sources"
	}
	return "reported by " + reporter
}
