package answers

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/dates"
)

// A value is what a typed question asks for as one sentence states it: a
// verbatim span of the sentence ("nearly five hours", "1,200 more prisoners
// of war", "at Ciragan Palace") and the outlet that reported it.
type value struct {
	text string // verbatim, a substring of s.text
	s    *sentence
	n    int // the citation's number
}

// valueOf returns the span of a sentence that holds the value of the type
// asked for, or "" when it holds none clearly. Only quantities and dates are
// stated this way: a name or a place picked out of a sentence ("Minister
// Rustem Umerov" for "who chaired it") is too easily the wrong one of
// several, and the quotes name them anyway.
func valueOf(q *analysis, s *sentence) string {
	// Only a sentence about the question's focus, and of its time when it
	// names one, states its value.
	// The sentence itself must be about some of it too: "halted weapons
	// deliveries on March 3", in a passage about the Oval Office row, is
	// no date of the row.
	// A sentence with a figure the asker reports having seen ("is it 35 or
	// 36?") is about the question by that figure, and needs less of its
	// words.
	focus, own := valueFocus, ownValueFocus
	if q.hinted(s.text) {
		focus, own = gapFocus, hintedFocus
	}
	if s.typed < 0.9 || s.focus < focus || s.ownFocus < own || q.scope != nil && s.inScope <= 0 {
		return ""
	}
	// And about the thing measured: "nearly three hours" of the talks is
	// no length of the press conference after them.
	if measuredShare(q, s) < own {
		return ""
	}
	text := s.text
	span := func(loc []int) string {
		if loc == nil {
			return ""
		}
		return text[qualified(text, loc[0]):loc[1]]
	}
	switch q.want {
	case typeDuration:
		return span(reDuration.FindStringIndex(text))
	case typeMoney:
		return span(reMoney.FindStringIndex(text))
	case typePercent:
		return span(rePercentSpan.FindStringIndex(text))
	case typeCount:
		for _, m := range reCount.FindAllStringIndex(text, -1) {
			num := strings.Fields(text[m[0]:m[1]])
			if len(num) == 0 || reYear.MatchString(strings.Trim(num[0], ",.")) || inMention(s, m[0]) || askedNumber(q, num[0]) {
				continue
			}
			counted := countedWords(text[m[0]:])
			if q.hinted(counted) {
				// The figure the asker has seen, whatever the sentence
				// calls what it counts ("339 names" for "how many kids").
				return span([]int{m[0], m[0] + len(counted)})
			}
			for _, t := range q.terms {
				if t.entity || t.when || t.hint || isDigits(t.surface) {
					continue
				}
				if hasStem(counted, t) {
					return span([]int{m[0], m[0] + len(counted)})
				}
			}
		}
	case typeDate:
		if q.deadline {
			return ""
		}
		// Only a date the text writes out ("April 17", "from May 23 to May
		// 25"): "on Friday" or "yesterday" stated alone says nothing
		// without its article's date, and the quote below gives both.
		for _, m := range s.mentions {
			// "When will the next round be held" is answered by a date
			// after the report, not by one it tells of ("on Feb. 3 it
			// fired 450 drones").
			if q.future && !m.Date.After(s.hit.Source.Published) {
				continue
			}
			if m.Precision == dates.Day && reWrittenDate.MatchString(m.Text) && !otherBound(q.bound, text[:m.Start]) && namesInClause(q, text, m.Start, m.End) {
				return m.Text
			}
		}
	}
	return ""
}

// reFutureAsked finds a question about when something will happen.
var reFutureAsked = regexp.MustCompile(`(?i)\bwhen\s+(?:will|would|is|are|do|does)\b[^?]*\b(?:will|going to|be held|happen|take place|next|resume|start|begin|meet)\b|\bwhen (?:will|\x27ll)\b|\bnext (?:round|meeting|talks|session|summit)\b`)

// reClauseBreak ends a clause: a semicolon or colon, or a comma before a
// word that opens another ("…in Abu Dhabi on January 23, after Putin
// received Witkoff").
var reClauseBreak = regexp.MustCompile(`[;:]|,\s+(?:after|before|when|while|as|but|and|since|because|though|although|which|who|where|whereas)\b`)

// namesInClause reports whether the clause of text around [start, end)
// names one of the question's names as the question writes it (not a
// word that stands for it: "Kremlin" is not Moscow here), or the question
// names none: a date dates what its own clause is about.
func namesInClause(q *analysis, text string, start, end int) bool {
	from, to := 0, len(text)
	for _, b := range reClauseBreak.FindAllStringIndex(text, -1) {
		if b[1] <= start {
			from = b[1]
		}
		if b[0] >= end && to == len(text) {
			to = b[0]
		}
	}
	clause := stemsOf(text[from:to])
	named := false
	for _, t := range q.terms {
		if !t.entity || t.when {
			continue
		}
		named = true
		if _, ok := clause[t.stem]; ok {
			return true
		}
	}
	return !named
}

// A time's bounds: when something starts, and when it ends.
const (
	noBound = iota
	startBound
	endBound
)

// reStartAsked and reEndAsked find a question about when something starts
// or ends; reStartCue and reEndCue, the words just before a date that make
// it a start ("began on March 18") or an end ("until April 17").
var (
	reStartAsked = regexp.MustCompile(`(?i)\b(start|starts|started|begin|begins|began|kick off|take effect|come into force)\b`)
	reEndAsked   = regexp.MustCompile(`(?i)\b(end|ends|ended|finish|finishes|finished|expire|expires|expired|lapse|lapsed|run out|ran out|stop|stopped|over)\b`)
	reStartCue   = regexp.MustCompile(`(?i)\b(began|begins|begin|started|starts|start|starting|since|from|effective|took effect|takes effect)\s+(?:on\s+|in\s+)?$`)
	reEndCue     = regexp.MustCompile(`(?i)\b(until|till|ended|ends|end|expired|expires|expiring|lapsed|through|to|ran out)\s+(?:on\s+|in\s+)?$`)
)

// boundAsked is which bound of a time a date question asks for, when it
// asks for only one: "when did the truce end" asks for its end.
func (q *analysis) boundAsked() int {
	start, end := reStartAsked.MatchString(q.text), reEndAsked.MatchString(q.text)
	switch {
	case start && !end:
		return startBound
	case end && !start:
		return endBound
	}
	return noBound
}

// otherBound reports whether the words before a date make it the other
// bound than the one asked for: "began on March 18" is no answer to when
// the truce ended.
func otherBound(asked int, before string) bool {
	switch asked {
	case endBound:
		return reStartCue.MatchString(before)
	case startBound:
		return reEndCue.MatchString(before)
	}
	return false
}

// reWrittenDate is a date that names its month: "Feb. 28", "23 November",
// "2025-07-23".
var reWrittenDate = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\d{4}-\d\d-\d\d`)

// valueFocus is how much of the question's focus a sentence must have for
// the value it holds to be stated as the answer.
const valueFocus = 0.5

// ownValueFocus is how much of it the sentence alone must have;
// hintedFocus, when the sentence has a figure the asker reports.
const (
	ownValueFocus = 0.5
	hintedFocus   = 0.25
)

var rePercentSpan = regexp.MustCompile(`(?i)\d[\d.,]*\s?(?:%|percent\b|per cent\b)`)

// statedValues finds the values the chosen sentences state, one per
// outlet, in the order of the quotes.
func statedValues(q *analysis, picked []*sentence, number func(*sentence) int) []value {
	type stated struct {
		s      *sentence
		v      string
		hinted bool
	}
	all := make([]stated, len(picked))
	for i, s := range picked {
		v := valueOf(q, s)
		all[i] = stated{s, v, q.hinted(v)}
	}
	// The figures the asker reports having seen are the accounts to set
	// side by side, whatever else the sentences count.
	slices.SortStableFunc(all, func(a, b stated) int {
		switch {
		case a.hinted && !b.hinted:
			return -1
		case b.hinted && !a.hinted:
			return 1
		}
		return 0
	})
	var vs []value
	seen := map[string]bool{}
	firstHinted := false
	for _, st := range all {
		outlet := strings.ToLower(st.s.hit.Source.Outlet)
		if st.v == "" || seen[outlet] {
			continue
		}
		// Another outlet's value is set beside the first only when its
		// sentence is about the same thing: "about five hours" of a
		// Kremlin meeting is no other account of a three-hour summit; two
		// figures the asker has seen are two accounts of what was asked.
		if len(vs) > 0 && !sameSubject(q, vs[0].s, st.s) && !(st.hinted && firstHinted) {
			continue
		}
		if len(vs) == 0 {
			firstHinted = st.hinted
		}
		seen[outlet] = true
		vs = append(vs, value{text: st.v, s: st.s, n: number(st.s)})
	}
	return vs
}

// hinted reports whether a value is one of the figures the asker reports
// having seen.
func (q *analysis) hinted(v string) bool {
	for _, t := range q.terms {
		if !t.hint {
			continue
		}
		h, err := strconv.ParseFloat(strings.ReplaceAll(t.surface, ",", ""), 64)
		if err != nil {
			continue
		}
		if slices.Contains(numbers(v), h) {
			return true
		}
	}
	return false
}

// valueLine states the value first and plainly, in the sources' own words:
// "“nearly five hours” (Kyiv Ledger [1]; The Meridian Post [2])", or, when
// the outlets give different values, "Reports differ: …" with each one.
func valueLine(vs []value, sm parley.StateMedia) string {
	if len(vs) == 0 {
		return ""
	}
	type group struct {
		text  string
		whose []string
	}
	var groups []*group
	for _, v := range vs {
		who := fmt.Sprintf("%s [%d]", outletName(v.s.hit.Source, sm), v.n)
		var g *group
		for _, o := range groups {
			if sameValue(o.text, v.text) {
				g = o
				break
			}
		}
		if g == nil {
			g = &group{text: v.text}
			groups = append(groups, g)
		}
		g.whose = append(g.whose, who)
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = "“" + g.text + "” (" + strings.Join(g.whose, "; ") + ")"
	}
	if len(groups) > 1 {
		return "Reports differ: " + strings.Join(parts, ", against ") + "."
	}
	return parts[0] + "."
}

func outletName(src parley.Source, sm parley.StateMedia) string {
	if src.Outlet == "" {
		return "“" + src.Title + "”"
	}
	return sm.Label(src.Outlet)
}

// sameValue reports whether two spans state the same value: the same
// numbers ("four and a half hours" and "4.5 hours"), or, with no number,
// the same words. Qualifiers ("nearly", "about") do not count.
func sameValue(a, b string) bool {
	na, nb := numbers(a), numbers(b)
	if len(na) > 0 || len(nb) > 0 {
		if len(na) != len(nb) {
			return false
		}
		for i := range na {
			if na[i] != nb[i] {
				return false
			}
		}
		return unitOf(a) == unitOf(b)
	}
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "hundred": 100, "thousand": 1000, "half": 0.5,
}

var reNumberToken = regexp.MustCompile(`(?i)\+?half\b|\d[\d,]*(?:\.\d+)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand)\b`)

// numbers reads the quantities of a span: "four and a half hours" is 4.5,
// "1,200" is 1200, "half an hour" is 0.5.
func numbers(s string) []float64 {
	s = regexp.MustCompile(`[\s-]+and[\s-]+a[\s-]+half`).ReplaceAllString(strings.ToLower(s), " +half")
	var out []float64
	for _, t := range reNumberToken.FindAllString(s, -1) {
		if t == "+half" {
			if len(out) > 0 {
				out[len(out)-1] += 0.5
			}
			continue
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
		if err != nil {
			v = numberWords[t]
		}
		out = append(out, v)
	}
	return out
}

var reUnit = regexp.MustCompile(`(?i)\b(hour|minute|day|week|month|year|million|billion|percent|%)`)

func unitOf(s string) string {
	return strings.ToLower(reUnit.FindString(s))
}

// otherValues adds to the quotes, after them, the best sentence of another
// outlet that states the value asked for, so that when outlets disagree
// ("nearly five hours", "about 4.5 hours") the answer shows each, not
// whichever ranked first; and a sentence for each figure the asker reports
// having seen ("some say 339") that no quote states yet.
func otherValues(q *analysis, picked, cands []*sentence) []*sentence {
	have := map[string]bool{}
	for _, s := range picked {
		if valueOf(q, s) != "" {
			have[strings.ToLower(s.hit.Source.Outlet)] = true
		}
	}
	if len(have) == 0 {
		return picked
	}
	for _, s := range cands[:min(gapLook, len(cands))] {
		outlet := strings.ToLower(s.hit.Source.Outlet)
		if have[outlet] || overlaps(s, picked) || valueOf(q, s) == "" {
			continue
		}
		picked = append(picked, s)
		have[outlet] = true
		break
	}
	// And the figures the asker has seen, where a sentence states them.
	for _, t := range q.terms {
		if !t.hint || slices.ContainsFunc(picked, func(s *sentence) bool { return hasStem(valueOf(q, s), t) }) {
			continue
		}
		for _, s := range cands[:min(2*gapLook, len(cands))] {
			if v := valueOf(q, s); v != "" && hasStem(v, t) && !overlaps(s, picked) {
				picked = append(picked, s)
				break
			}
		}
	}
	return picked
}

// reQualifier is a hedge that belongs to the value after it: "nearly three
// hours" is not "three hours", "more than 70 missiles" not "70 missiles".
var reQualifier = regexp.MustCompile(`(?i)(?:\b(?:nearly|almost|about|around|roughly|some|approximately|more than|less than|fewer than|over|under|just over|just under|a little over|a little more than|a little under|at least|at most|up to|close to|upwards of|an estimated|only|just)\s+)+$`)

// qualified moves the start of a value back over the hedge before it, so
// the value is stated as the source states it.
func qualified(text string, start int) int {
	if m := reQualifier.FindStringIndex(text[:start]); m != nil {
		return m[0]
	}
	return start
}

// sameSubject reports whether two sentences are about the same part of the
// question: of the question's words (names included, its form and time
// words not), they have at least three quarters in common.
func sameSubject(q *analysis, a, b *sentence) bool {
	var both, either float64
	for _, t := range q.terms {
		if t.when || t.form || t.hint {
			continue
		}
		ina, inb := matchWeight(t, a.stems) > 0, matchWeight(t, b.stems) > 0
		if ina || inb {
			either += t.weight
		}
		if ina && inb {
			both += t.weight
		}
	}
	return either > 0 && both/either >= sameSubjectShare
}

// sameSubjectShare is the share of the question's words two sentences
// stating a value must share to be two accounts of one thing.
const sameSubjectShare = 0.75

// measuredShare is the weighted share of the question's common words (not
// its names, times, form or reported numbers: what is measured or counted,
// "press conference", "missiles") that a sentence has; 1 for a question with
// none.
func measuredShare(q *analysis, s *sentence) float64 {
	measured := func(t qterm) bool { return !t.entity && !t.when && !t.form && !t.hint && !isDigits(t.surface) }
	return termShare(q.terms, measured, func(t qterm) float64 { return matchWeight(t, s.stems) }, 1)
}
