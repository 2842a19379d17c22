package answers

import (
	"context"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"unicode"
	"unicode/utf8"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/dates"
	"github.com/parley-bot/parley/prose"
)

// Extractive answers from the library alone, with no model and no network:
// it picks the sentences of the retrieved passages that best answer the
// question and quotes them verbatim.
type Extractive struct {
	Searcher Searcher
	// StateMedia labels the outlets that are state media wherever the
	// answer names one. Nil means parley.DefaultStateMedia().
	StateMedia parley.StateMedia
}

// minCoverage is the share of the question's weighted terms that the best
// sentence (with its passage) must cover for Parley to answer, unless a
// sentence holds the value asked for (typedAnswer); the other abstentions
// say what is missing (question.go). Tuned on the dev set and newsroom
// periods a–c (README, Evaluation).
const minCoverage = 0.33

// Ask answers a question from the library.
func (e *Extractive) Ask(ctx context.Context, qn parley.Question) (*parley.Answer, error) {
	start := time.Now()
	question := qn.Text
	if err := CheckQuestion(question); err != nil {
		return nil, err
	}
	rd, err := read(ctx, e.Searcher, question)
	if err != nil {
		return nil, fmt.Errorf("ask: %w", err)
	}
	q := analyse(rd.text)
	readInto(&q, rd)
	hits, err := retrieve(ctx, e.Searcher, &q, qn.Context)
	if err != nil {
		return nil, fmt.Errorf("ask: %w", err)
	}
	if hits, err = withNeighbours(ctx, e.Searcher, hits); err != nil {
		return nil, fmt.Errorf("ask: %w", err)
	}
	a := e.answer(q, hits)
	a.Question = question
	a.Took = time.Since(start)
	return a, nil
}

// answer composes the answer to q from passages already found, so that the
// model's answerer can fall back to it without searching again.
func (e *Extractive) answer(q analysis, hits []parley.Hit) *parley.Answer {
	sm := mediaOr(e.StateMedia)
	cands, why, missing := unanswered(&q, hits)
	var a *parley.Answer
	if missing {
		a = abstain(q.text, why, hits, 0, sm)
	} else {
		a = compose(&q, otherValues(&q, pick(&q, cands), cands), sm)
	}
	// A name no article has is the answer's first line; what else was
	// read as another word is said only of an answer read that way.
	if len(q.read.corrected) > 0 && q.read.missing == "" {
		withNote(a, "Reading "+joinAnd(q.read.corrected)+".", sm)
	}
	return a
}

// unanswered scores the candidates for q among the passages found and
// reports whether they fail to answer it, and why in words ("" for the plain
// "don't answer that"): a name no article has, or the first check of
// whatIsMissing that fails.
func unanswered(q *analysis, hits []parley.Hit) (cands []*sentence, why string, missing bool) {
	if q.read.missing != "" {
		return nil, "The articles I have don't mention “" + q.read.missing + "”.", true
	}
	q.readScope(newestOf(hits))
	cands = candidates(q, hits)
	why, missing = q.whatIsMissing(cands)
	return cands, why, missing
}

// qterm is one content word of a question.
type qterm struct {
	stem    string
	entity  bool     // a name: capitalised in the question, or as the articles write it
	when    bool     // part of the question's time scope, which scopeMatch weighs instead
	act     bool     // what an open question asks was done: "agree" in "what did they agree to"
	form    bool     // how the question asks for its type: "take place", "last"
	hint    bool     // a value the asker reports having seen: "some say 339"
	start   int      // byte offset in the question
	alts    []string // stems of words that say the same in news prose
	weight  float64
	surface string
}

// also is what retrieval looks for besides the question: the synonyms of
// its words, so that it finds "troops" when asked about "soldiers" (the
// store adds them too; any Searcher gets them), and, for a follow-up, the
// conversation it continues ("and what about sanctions?").
func (q *analysis) also(context string) string {
	var b strings.Builder
	b.WriteString(context)
	for _, t := range q.terms {
		for _, w := range prose.SynonymWords(t.stem) {
			b.WriteString(" " + w)
		}
	}
	for _, terms := range q.read.romanised {
		for _, w := range terms {
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
	placed   map[string]int // stems with its dateline's, for a lede after one
	words    int
	said     parley.Attribution
	mentions []dates.Mention // the dates it names, read against its article's date
	prev     *sentence       // the sentences around it, if retrieved
	next     *sentence
	cover    float64 // weighted share of the question's terms it contains
	focus    float64 // share of the question's names (or, without names, its terms) it or its neighbours have
	ownFocus float64 // that share in the sentence alone
	evidence float64 // cover, helped by the passage around it
	typed    float64 // how well it holds a value of the type asked for
	inScope  float64 // scopeMatch: > 0 within the question's time, < 0 outside
	score    float64
}

// neighbourFocus is how much of the focus of the sentence before or after
// it a sentence is taken to share.
const neighbourFocus = 0.4

// neighbourShare is how much of its neighbour's relevance a passage found
// only as a match's neighbour inherits.
const neighbourShare = 0.9

// Scoring weights. A sentence that holds the kind of value asked for next to
// what the question is about must beat one that only shares its words.
const (
	typeWeight   = 0.6
	scopeWeight  = 0.3
	latestWeight = 0.3
	// languageWeight raises a sentence in the language of a Ukrainian or
	// Russian question.
	languageWeight = 0.25
	// foreignPenalty is the share of its score a sentence in another
	// language loses for a question in English: it meets the question
	// by translated words and names, and should answer where no English
	// report does, not beside one that does.
	foreignPenalty = 0.25
	// accountWeight raises a statement of the source whose account a
	// question asks for ("according to the White House").
	accountWeight = 0.3
	// eventWeight raises a report from the side of an event the question
	// asks about ("after the Geneva talks"), and lowers one from the other;
	// less than a date's scope, since an article's date only says when
	// it was written.
	eventWeight = 0.15
	// ownTopicMargin is how much less of what a quote question asks about
	// the speaker's words in the asker's language may hold, and still come
	// first.
	ownTopicMargin = 0.25
	// untypedPenalty lowers a sentence with no value of the type a typed
	// question asks for.
	untypedPenalty = 0.2
)

// candidates scores every sentence of the retrieved passages, best first.
func candidates(q *analysis, hits []parley.Hit) []*sentence {
	var all []*sentence
	maxScore := 0.0
	for i := range hits {
		maxScore = math.Max(maxScore, hits[i].Score)
	}
	var passages [][]*sentence
	for i := range hits {
		h := &hits[i]
		var ps []*sentence
		datelines := datelinesOf(h)
		for _, sp := range quotable(h) {
			s := &sentence{hit: h, start: sp.Start, end: sp.End, text: h.Text[sp.Start-h.Start : sp.End-h.Start], stems: map[string]int{}, said: sp.Said}
			toks := prose.Tokens(s.text)
			s.words = len(toks)
			for j, t := range toks {
				addTerm(s.stems, s.text, t, j)
			}
			// The dateline before a lede says where its prose is: "ANKARA
			// (AP) — Zelensky said Thursday …" is Zelensky in Ankara. Its
			// words count for what the lede is about (ownFocus), not as
			// words it has: they are never quoted.
			if d, ok := datelines[sp.Start]; ok {
				s.placed = map[string]int{}
				maps.Copy(s.placed, s.stems)
				for _, t := range prose.Tokens(d) {
					addTerm(s.placed, d, t, 0)
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
	markNames(q.terms, all)
	_, q.askedNames = q.askedSpeaker()
	q.askedRole = q.roleAsked()
	weighed, own := inLanguage(q.lang, all)
	weighAmong(q.terms, weighed, own == 0)
	total := 0.0
	for _, t := range q.terms {
		total += t.weight
	}
	// Each passage's cover and focus, the whole passage counting as
	// context, furniture included: a dateline's "RIYADH, Feb 18" says where
	// and when its prose is.
	type context struct{ cover, focus float64 }
	contexts := make([]context, len(passages))
	bySeq := map[[2]int64]int{}
	for i, ps := range passages {
		if len(ps) == 0 {
			continue
		}
		h := ps[0].hit
		bySeq[[2]int64{h.ArticleID, int64(h.Seq)}] = i
		passageStems := map[string]int{}
		for _, s := range ps {
			for st := range s.stems {
				passageStems[st] = 0
			}
		}
		for _, f := range h.Sentences {
			if !f.Quotable() {
				text := h.Text[f.Start-h.Start : f.End-h.Start]
				for _, t := range prose.Tokens(text) {
					addTerm(passageStems, text, t, 0)
				}
			}
		}
		for _, t := range prose.Tokens(h.Source.Title) {
			addTerm(passageStems, h.Source.Title, t, 0)
		}
		contexts[i] = context{coverage(q.terms, passageStems) / total, focusCover(q.terms, passageStems)}
	}
	// A passage found only as the neighbour of a match is about what its
	// neighbour is about, a little less surely.
	for i, ps := range passages {
		if len(ps) == 0 || ps[0].hit.Score != 0 {
			continue
		}
		h := ps[0].hit
		for _, d := range []int64{-1, 1} {
			if j, ok := bySeq[[2]int64{h.ArticleID, int64(h.Seq) + d}]; ok && passages[j][0].hit.Score != 0 {
				contexts[i].cover = math.Max(contexts[i].cover, neighbourShare*contexts[j].cover)
				contexts[i].focus = math.Max(contexts[i].focus, neighbourShare*contexts[j].focus)
			}
		}
	}
	q.dateEvent(all)
	// Each sentence's own focus first: a sentence reads its neighbours'.
	for _, s := range all {
		if s.placed != nil {
			s.ownFocus = focusCover(q.terms, s.placed)
		} else {
			s.ownFocus = focusCover(q.terms, s.stems)
		}
	}
	acts := 0
	for _, t := range q.terms {
		if t.act {
			acts++
		}
	}
	if q.want == typePerson {
		q.surnames = surnamesOf(all)
	}
	for i, ps := range passages {
		passageCover, passageFocus := contexts[i].cover, contexts[i].focus
		for _, s := range ps {
			s.cover = coverage(q.terms, s.stems) / total
			// The passage around a sentence often names what the sentence
			// only refers to ("He added that it was the first time…").
			s.evidence = 0.75*s.cover + 0.25*passageCover
			// The sentence after "Putin has declared an Easter truce" that
			// gives its hours is about the truce too, though it says "halt
			// all military action".
			near := 0.0
			for _, n := range []*sentence{s.prev, s.next} {
				if n != nil {
					near = math.Max(near, n.ownFocus)
				}
			}
			s.focus = 0.6*math.Max(s.ownFocus, neighbourFocus*near) + 0.4*passageFocus
			if q.want == typeDate || q.scope != nil {
				s.mentions = dates.Find(s.text, s.hit.Source.Published)
			}
			s.typed = typeMatch(q, s)
			s.score = s.evidence + 0.25*proximity(q.terms, s) + 0.15*s.hit.Score/math.Max(maxScore, 1e-9)
			// The type counts where the sentence is about the question's
			// focus: a duration in a sentence about something else is no
			// answer to "how long did they talk".
			s.score += typeWeight * s.typed * s.focus
			if acts > 0 && !hasAct(q, s) {
				// "What did they agree to" is answered by what they agreed
				// (or promised, or pledged), not by who did not come.
				s.score -= untypedPenalty
			}
			if _, typed := typedGap[q.want]; typed && s.typed == 0 {
				// No value of the kind asked for: not the answer, however
				// many of the words it shares.
				s.score -= untypedPenalty
			}
			switch same := prose.SameLanguage(q.lang, s.hit.Source.Language); {
			case q.lang != "en" && same:
				// Of reports as good, those in the asker's language: a
				// question in Ukrainian is answered from Ukrainian articles
				// where they say it too.
				s.score += languageWeight
			case q.lang == "en" && !same:
				s.score -= foreignPenalty * math.Max(s.score, 0)
			}
			if len(q.account) > 0 && namesAll(s.said.Speaker, q.account) {
				// The source whose account was asked for, in its own
				// statement.
				s.score += accountWeight
			}
			if q.scope != nil {
				s.inScope = scopeMatch(q.scope, s)
				s.score += scopeWeight * s.inScope
			} else if q.event != nil {
				// "After the second round": reports from after it.
				s.score += eventWeight * q.eventSide(s)
			}
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
	if q.latest {
		// The newest reports about the question's focus first, falling by a
		// tenth a week: the newest about the minerals deal, not the newest
		// article that happens to use the word "deal".
		newest := newestAbout(all)
		q.newest = newest
		for _, s := range all {
			age := math.Abs(newest.Sub(s.hit.Source.Published).Hours()) / (24 * 7)
			s.score += latestWeight * math.Max(0, 1-age/10)
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

// hasAct reports whether a sentence has one of the acts an open question
// asks about ("agree" in "what did they agree to"), in its words or others
// that say the same.
func hasAct(q *analysis, s *sentence) bool {
	for _, t := range q.terms {
		if t.act && matchWeight(t, s.stems) > 0 {
			return true
		}
	}
	return false
}

// latestFocus is the share of a question's focus a sentence must have for
// its article to count as a report about it when "the latest" is asked.
const latestFocus = 0.5

// newestAbout is the date of the newest article with a sentence about the
// question's focus, or of the newest article when none is.
func newestAbout(all []*sentence) time.Time {
	var newest, any time.Time
	for _, s := range all {
		p := s.hit.Source.Published
		if p.After(any) {
			any = p
		}
		if s.ownFocus >= latestFocus && p.After(newest) {
			newest = p
		}
	}
	if newest.IsZero() {
		return any
	}
	return newest
}

// topicCover is the weighted share of a question's terms a sentence has,
// leaving out the names of the speaker it asks about: what the words asked
// for are about.
func topicCover(q *analysis, s *sentence) float64 {
	asked := func(t qterm) bool {
		return slices.ContainsFunc(q.askedNames, func(n qterm) bool { return n.stem == t.stem })
	}
	return termShare(q.terms, func(t qterm) bool { return !asked(t) }, func(t qterm) float64 { return matchWeight(t, s.stems) }, 0)
}

// termShare is the weighted share of the terms that count (count) that a
// text has, each as far as has says (1 for the word, less for a synonym),
// or none when no term counts.
func termShare(terms []qterm, count func(qterm) bool, has func(qterm) float64, none float64) float64 {
	var have, of float64
	for _, t := range terms {
		if !count(t) {
			continue
		}
		of += t.weight
		have += t.weight * has(t)
	}
	if of == 0 {
		return none
	}
	return have / of
}

// focusCover is how much of what the question is about stems has: the
// share of its names and the share of its other terms, averaged, or the
// one share a question with only one kind has.
func focusCover(terms []qterm, stems map[string]int) float64 {
	var have, of [2]float64
	for _, t := range terms {
		k := 0
		if t.entity {
			k = 1
		}
		of[k] += t.weight
		have[k] += t.weight * matchWeight(t, stems)
	}
	switch {
	case of[0] == 0 && of[1] == 0:
		return 0
	case of[0] == 0:
		return have[1] / of[1]
	case of[1] == 0:
		return have[0] / of[0]
	}
	return (have[0]/of[0] + have[1]/of[1]) / 2
}

// newestOf is the newest publication date among hits.
func newestOf(hits []parley.Hit) time.Time {
	var t time.Time
	for _, h := range hits {
		if h.Source.Published.After(t) {
			t = h.Source.Published
		}
	}
	return t
}

// scopeMatch says whether a sentence is about the time the question asks
// about: 1 when it names a date within it, 0.6 when its article was published
// within the week after it began (the report of that event), -0.5 when
// neither and its article is from another time, 0 when its article has no
// date. A scope written without a year ("on 18 February") matches that day
// or month of any year.
func scopeMatch(scope *dates.Mention, s *sentence) float64 {
	from, to := span(*scope)
	yearless := !reYearIn.MatchString(scope.Text)
	in := func(t time.Time, slack time.Duration) bool {
		if yearless {
			t = time.Date(from.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		}
		return !t.Before(from) && t.Before(to.Add(slack))
	}
	for _, m := range s.mentions {
		mf, mt := span(m)
		if in(mf, 0) || in(mt.Add(-time.Nanosecond), 0) || (mf.Before(from) && mt.After(to)) {
			return 1
		}
	}
	pub := s.hit.Source.Published
	if pub.IsZero() {
		return 0
	}
	if in(pub, 7*24*time.Hour) {
		return 0.6
	}
	return -0.5
}

var reYearIn = regexp.MustCompile(`\b(19|20)\d\d\b`)

// span is the days a mention covers, [from, to).
func span(m dates.Mention) (from, to time.Time) {
	switch m.Precision {
	case dates.Week:
		return m.Date, m.Date.AddDate(0, 0, 7)
	case dates.Month:
		return m.Date, m.Date.AddDate(0, 1, 0)
	}
	return m.Date, m.Date.AddDate(0, 0, 1)
}

// quotable returns the sentences of a hit that may be quoted.
func quotable(h *parley.Hit) []parley.Sentence { return proseOf(h.Sentences, h.Text, h.Start) }

// datelinesOf maps the start of each prose sentence that follows a
// dateline in h to the dateline's text.
func datelinesOf(h *parley.Hit) map[int]string {
	var m map[int]string
	for i, f := range h.Sentences {
		if f.Role != parley.RoleDateline || i+1 == len(h.Sentences) || !h.Sentences[i+1].Quotable() {
			continue
		}
		if f.Start < h.Start || f.End > h.Start+len(h.Text) {
			continue
		}
		if m == nil {
			m = map[int]string{}
		}
		m[h.Sentences[i+1].Start] = h.Text[f.Start-h.Start : f.End-h.Start]
	}
	return m
}

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

// inLanguage is the sentences of all in language lang, or all when there
// are too few of them to count by, and how many are in lang: how rare a
// question's word is is read among the reports the asker can read, since
// reports in another language meet it only by translation.
func inLanguage(lang string, all []*sentence) ([]*sentence, int) {
	var own []*sentence
	for _, s := range all {
		if prose.SameLanguage(lang, s.hit.Source.Language) {
			own = append(own, s)
		}
	}
	if len(own) < minWeighed {
		return all, len(own)
	}
	return own, len(own)
}

// minWeighed is the fewest sentences whose words weigh a question's.
const minWeighed = 10

// weigh gives each question term an inverse frequency weight over the
// candidate sentences: a word every sentence has says little about which one
// answers; a name the question asks about that no sentence has weighs most,
// so its absence counts against answering.
func weigh(terms []qterm, all []*sentence) { weighAmong(terms, all, false) }

// weighAmong is weigh, and with untranslated it leaves out of the
// question's weight its words that no sentence has: when no sentence is in
// the question's language, a question in Ukrainian about English reports
// has words the glossary does not translate («насправді», «дорогу в
// нікуди»), and their absence says nothing of the reports.
func weighAmong(terms []qterm, all []*sentence, untranslated bool) {
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
		if terms[i].act {
			w *= 2
		}
		if terms[i].hint {
			w *= 0.3
		}
		if terms[i].when || terms[i].form || untranslated && sf == 0 {
			w = 0
		}
		terms[i].weight = w
	}
}

// markNames marks as names the question's terms that the articles write
// with a capital inside a sentence ("riyadh", "rubio" typed in lower case):
// at least two thirds of the times they have it, not only at the start.
func markNames(terms []qterm, all []*sentence) {
	for i := range terms {
		if terms[i].entity || titleWords[strings.ToLower(terms[i].surface)] {
			continue
		}
		terms[i].entity = capitalised(terms[i].stem, all)
		if !terms[i].entity && prose.HasCyrillic(terms[i].surface) {
			// «стамбульського», «аляскинський»: an adjective made from a
			// name the articles write with its capital, as English writes
			// "the Istanbul round".
			for _, k := range prose.SlavicAlternates(terms[i].surface) {
				if capitalised(prose.Stem(k), all) {
					terms[i].entity = true
					break
				}
			}
		}
	}
}

// capitalised reports whether the sentences write the word of a term with
// a capital inside a sentence at least two thirds of the times they have
// it, not only at the start.
func capitalised(stem string, all []*sentence) bool {
	caps, lower := 0, 0
	for _, s := range all {
		p, ok := s.stems[stem]
		if !ok || p == 0 {
			continue
		}
		for _, tok := range prose.Tokens(s.text) {
			if tok.Term != stem || tok.Start == 0 {
				continue
			}
			if r := []rune(s.text[tok.Start:tok.End]); unicode.IsUpper(r[0]) {
				caps++
			} else {
				lower++
			}
		}
	}
	return caps > 0 && caps >= 2*lower
}

// matchWeight is 1 when the text has the term itself, 0.7 when it has only a
// synonym of it, and 0 otherwise.
func matchWeight(t qterm, stems map[string]int) float64 {
	if _, ok := stems[t.stem]; ok {
		return 1
	}
	w := 0.0
	for _, a := range t.alts {
		if _, ok := stems[a]; ok {
			if prose.IsCyrillicTerm(a) {
				// The word itself in the sentence's language.
				return 1
			}
			w = 0.7
		}
	}
	return w
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

// pick chooses the quotes: the best sentence, then others that score at least
// half as well and say something new, from at most maxArticles articles,
// preferring outlets not yet quoted. A chosen sentence that is followed by a
// direct quotation or a "he added" carries it along, since news prose puts
// the evidence for a claim in the sentence after it.
func pick(q *analysis, cands []*sentence) []*sentence {
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
	// A sentence that holds the value asked for, about the question's focus,
	// is an answer however few of its words it shares; any other must score
	// at least half as well as the best and share some.
	// The words of the person a quote question asks for are the answer:
	// another's words, or the outlet's own, under "what did Witkoff say"
	// would read as his.
	speaker := q.want == typeQuote && (len(q.askedNames) > 0 || len(q.askedRole) > 0)
	eligible := func(s *sentence) bool {
		if speaker && !saidBy(s.said, q.askedNames) && !holds(s.said, q.askedRole) {
			return false
		}
		if q.want != typeOpen && s.typed >= 0.9 && s.focus >= gapFocus {
			return true
		}
		return s.score >= 0.5*best && s.cover > 0
	}
	// The question asks for a value: the best sentence that holds one
	// about its focus comes first, whatever outscores it on words alone.
	_, typed := typedGap[q.want]
	switch {
	case typed:
		// The most precise value of the best sentences, the first of them
		// when several are as precise.
		// Of those, one in the asker's language, where one holds a
		// value: the value line and the first quote read in it.
		var first *sentence
		for _, own := range []bool{true, false} {
			for _, s := range cands[:min(gapLook, len(cands))] {
				if own && !prose.SameLanguage(q.lang, s.hit.Source.Language) {
					continue
				}
				if s.typed >= 0.9 && s.focus >= gapFocus && (q.scope == nil || s.inScope > 0) && (first == nil || s.typed > first.typed) {
					first = s
				}
			}
			if first != nil {
				break
			}
		}
		if first != nil {
			add(first)
		}
	case q.latest && !q.newest.IsZero():
		// "The latest" starts with the newest report about it.
		for _, s := range cands {
			if s.ownFocus >= latestFocus && s.hit.Source.Published.Equal(q.newest) {
				add(s)
				break
			}
		}
	case q.want == typeQuote && (len(q.askedNames) > 0 || len(q.askedRole) > 0):
		// For a quote, the words of the person asked for that are most
		// about what was asked: of Vance's quotes, the one about thanks
		// for "Vance's words about thanking the US".
		// Of those, one in the asker's language, unless it is much less
		// about what was asked (by ownTopicMargin of the words asked
		// about): a question in Russian reads Peskov's words first as a
		// Russian report gives them.
		best := func(own bool) (first *sentence, topic float64) {
			topic = -1.0
			for _, s := range cands[:min(gapLook, len(cands))] {
				if s.typed < 0.9 || q.scope != nil && s.inScope <= 0 || own && !prose.SameLanguage(q.lang, s.hit.Source.Language) {
					continue
				}
				if t := topicCover(q, s); t > topic {
					first, topic = s, t
				}
			}
			return first, topic
		}
		first, topic := best(false)
		if own, ownTopic := best(true); own != nil && ownTopic >= topic-ownTopicMargin {
			first = own
		}
		if first != nil {
			add(first)
		}
	}
	for len(out) < maxQuotes {
		var next *sentence
		nextScore := math.Inf(-1)
		for _, s := range cands {
			if chosen[s] || overlaps(s, out) || len(out) > 0 && !eligible(s) {
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
		if next == nil {
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

// compose writes the answer: a line stating the value asked for, when the
// quotes hold one (or how the reports differ), a one-line lead, each quote
// with who said or reported it and its [n], and the numbered sources.
func compose(q *analysis, picked []*sentence, sm parley.StateMedia) *parley.Answer {
	a := &parley.Answer{Question: q.text, Mode: parley.ModeExtractive}
	var list sourceList
	type quote struct {
		text, who string
		n         int
	}
	var quotes []quote
	for _, s := range picked {
		n := list.number(s.hit.Source)
		a.Citations = append(a.Citations, parley.Citation{
			N: n, Source: s.hit.Source, PassageID: s.hit.ID, Quote: s.text, Start: s.start, End: s.end, Said: s.said,
		})
		quotes = append(quotes, quote{s.text, credit(s.said, s.hit.Source, sm), n})
	}
	// Quotes in a row with one credit (the same source, the same speaker)
	// are grouped under it, not credited again on every line.
	var lines []string
	for i := 0; i < len(quotes); {
		j := i + 1
		for j < len(quotes) && quotes[j].who == quotes[i].who && quotes[j].n == quotes[i].n {
			j++
		}
		if j == i+1 {
			lines = append(lines, fmt.Sprintf("- “%s” — %s [%d]", quotes[i].text, quotes[i].who, quotes[i].n))
		} else {
			lines = append(lines, fmt.Sprintf("%s [%d]:", upperFirst(quotes[i].who), quotes[i].n))
			for _, q := range quotes[i:j] {
				lines = append(lines, "- “"+q.text+"”")
			}
		}
		i = j
	}
	head := lead(list.sources, sm, q.latest)
	if v := valueLine(statedValues(q, picked, func(s *sentence) int { return list.number(s.hit.Source) }), sm); v != "" {
		head = v + "\n\n" + head
	}
	a.Body = head + "\n\n" + strings.Join(lines, "\n")
	a.Sources = list.sources
	finish(a, sm)
	return a
}

// lead says where the quotes come from, so the reader knows the evidence
// before reading it; for a question about the latest state of things, as of
// when.
func lead(sources []parley.Source, sm parley.StateMedia, latest bool) string {
	var outlets, published []string
	seen := map[string]bool{}
	for _, s := range sources {
		name := sm.Label(s.Outlet)
		if s.Outlet == "" {
			name = "“" + s.Title + "”"
		}
		if !seen[name] {
			seen[name] = true
			outlets = append(outlets, name)
		}
		published = append(published, s.Date())
	}
	_, last, when := dateSpan(published)
	if latest && last != "" {
		return fmt.Sprintf("The latest the articles report, as of %s, from %s:", last, joinAnd(outlets))
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
	also := alsoPublished(src, sm)
	switch {
	case said.Kind == parley.Direct && said.Speaker != "":
		who := said.Speaker
		if said.SpeakerRole != "" {
			who += ", " + said.SpeakerRole
		}
		return who + ", quoted by " + reporter + also
	case said.Kind == parley.Reported && said.Speaker != "":
		return reporter + ", paraphrasing " + said.Speaker + also
	case said.Kind == parley.Anonymous:
		return "reported by " + reporter + ", citing unnamed sources" + also
	}
	return "reported by " + reporter + also
}

// hasStem reports whether text has the term t, or a word that says the same.
// To look for several terms in one text, take its stemsOf once.
func hasStem(text string, t qterm) bool {
	for _, tok := range prose.Tokens(text) {
		if tok.Term == t.stem || slices.Contains(t.alts, tok.Term) ||
			prose.IsCyrillicToken(text, tok) && slices.Contains(t.alts, prose.CyrillicTerm(tok.Term)) {
			return true
		}
	}
	return false
}

// stemsOf is the terms of text, as matchWeight reads them.
func stemsOf(text string) map[string]int {
	m := map[string]int{}
	for i, tok := range prose.Tokens(text) {
		addTerm(m, text, tok, i)
	}
	return m
}

// addTerm records the term of tok, the i-th token of text, at its first
// position, and for a word in Cyrillic its prose.CyrillicTerm too, which
// is how a question's English word's translations are written.
func addTerm(m map[string]int, text string, tok prose.Token, i int) {
	if _, ok := m[tok.Term]; !ok {
		m[tok.Term] = i
	}
	if prose.IsCyrillicToken(text, tok) {
		if _, ok := m[prose.CyrillicTerm(tok.Term)]; !ok {
			m[prose.CyrillicTerm(tok.Term)] = i
		}
	}
}

// upperFirst writes s with a capital first letter, as a line that opens
// with a credit ("Reported by …") needs.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
