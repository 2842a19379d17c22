package dates

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// futureRE matches the words that make a sentence speak of the future (see
// futureFor). The
// list is kept short on purpose: a false marker sends "Friday" a week
// forward, a missed one only leaves a sentence read as news usually is, in
// the past. "would" is left out because reported speech uses it for the past
// ("said the U.S. would not deploy troops").
//
//   - will, won't, shall, and the contraction 'll ("we'll")
//   - is/are/am/'s/'re going to, set to, expected to, due to, slated to
//   - plan(s) to, planning to, scheduled, upcoming
//   - next, as in "next week" (but not "next to")
//   - arrives, the present that news uses for a coming visit ("when
//     President Zelensky arrives")
var futureRE = regexp.MustCompile(`(?i)\b(?:(will)|won['’]t|shall|(?:is|are|am|['’]s|['’]re)\s+(?:going|set|expected|due|slated)\s+to|plans?\s+to|planning\s+to|scheduled|upcoming|(next)|arrives)\b|\w['’]ll\b`)

// nounWill are the words before which "will" is the noun ("the political
// will", "imposed its will"), not the future tense.
var nounWill = map[string]bool{
	"the": true, "a": true, "political": true, "good": true, "ill": true, "free": true,
	"own": true, "his": true, "her": true, "their": true, "its": true, "our": true,
}

// pastVerbs are the words that mark a clause as past. They are limited to
// forms news uses as simple past; ambiguous ones that usually lead to a
// future ("agreed to meet", "called for Monday", "urged") are left out.
// After "be", "been" or "being" a participle is not a past cue ("will be
// held Monday").
var pastVerbs = map[string]bool{
	"said": true, "told": true, "announced": true, "added": true, "wrote": true,
	"warned": true, "confirmed": true, "suggested": true, "stated": true,
	"declared": true, "insisted": true, "noted": true, "reported": true,
	"posted": true, "met": true, "spoke": true, "signed": true, "held": true,
	"visited": true, "arrived": true, "was": true, "were": true, "had": true,
}

var wordRE = regexp.MustCompile(`\pL+`)

// regularPast reads a word in -ed as a past verb ("hosted", "remained"),
// unless "to" follows, where it usually leads to a future ("agreed to
// meet", "expected to", "scheduled to"), or it is a future marker itself.
func regularPast(word, after string) bool {
	return len(word) >= 5 && strings.HasSuffix(word, "ed") && word != "scheduled" && !nextTo.MatchString(after)
}

// cue is a word that marks tense, at a byte offset of the sentence.
type cue struct {
	at     int
	future bool
}

// tenseCues lists the sentence's future markers (futureRE) and past verbs
// (pastVerbs) in order.
func (s *sentence) tenseCues() []cue {
	if s.cues != nil {
		return s.cues
	}
	s.cues = []cue{}
	for _, loc := range futureRE.FindAllStringSubmatchIndex(s.text, -1) {
		noun := loc[2] >= 0 && nounWill[previousWord(s.text, loc[2])]
		place := loc[4] >= 0 && nextTo.MatchString(s.text[loc[5]:])
		if !noun && !place {
			s.cues = append(s.cues, cue{at: loc[0], future: true})
		}
	}
	for _, w := range wordRE.FindAllStringIndex(s.text, -1) {
		if word := strings.ToLower(s.text[w[0]:w[1]]); !pastVerbs[word] && !regularPast(word, s.text[w[1]:]) {
			continue
		}
		switch previousWord(s.text, w[0]) {
		case "be", "been", "being":
		default:
			s.cues = append(s.cues, cue{at: w[0]})
		}
	}
	sort.Slice(s.cues, func(i, j int) bool { return s.cues[i].at < s.cues[j].at })
	return s.cues
}

var nextTo = regexp.MustCompile(`(?i)^\s+to\b`)

// futureFor reports whether the date expression g should be read forward,
// that is whether its sentence speaks of the future there. A sentence in one
// tense is future exactly when it holds a future marker anywhere; a sentence
// in two ("Trump, who met Putin on Friday, will host Zelensky on Monday",
// "Zelensky said Monday that he will travel on Thursday") is read by the
// nearest tense cue before the expression, or failing one, the first after
// it ("On Monday, Zelensky will…"). With no cue at all, decided is false
// and the caller chooses.
func (s *sentence) futureFor(g match) (future, decided bool) {
	cues := s.tenseCues()
	for i := len(cues) - 1; i >= 0; i-- {
		if cues[i].at < g.start() {
			return cues[i].future, true
		}
	}
	for _, c := range cues {
		if c.at >= g.end() {
			return c.future, true
		}
	}
	return false, false
}

// previousWord is the lower-cased word that ends before i, skipping the
// spaces between; "" if something else (a comma, a quote) comes first.
func previousWord(text string, i int) string {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	end := i
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	return strings.ToLower(text[i:end])
}

// future is futureFor with no cue read as the past, as news mostly is.
func (s *sentence) future(g match) bool {
	f, _ := s.futureFor(g)
	return f
}
