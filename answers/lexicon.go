package answers

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/dates"
	"github.com/parley-bot/parley/prose"
)

// Lexicon is what a library knows of its own words (store.DB has it): which
// words of a question no article contains, and which word a misspelt one
// was meant to be. A Searcher that is also a Lexicon lets the answerer say
// "the articles don't mention Keith Kellogg" instead of quoting what is
// nearest, and read "witkof" as "Witkoff".
type Lexicon interface {
	Unknown(ctx context.Context, words []string) ([]string, error)
	Correct(ctx context.Context, word string) (string, error)
}

// Romaniser is a Lexicon that also reads a Ukrainian or Russian name as
// the library's English reports spell it (store.DB.Romanised): «Зеленського»
// as zelenski, «Стамбулі» as istanbul.
type Romaniser interface {
	Romanised(ctx context.Context, word string) ([]string, error)
}

// reading is a question as the library reads it: the question with its
// misspellings corrected, what was corrected, and the name the articles
// never mention, if any.
type reading struct {
	text string
	// corrected says what was read as what: "“witkof” as “Witkoff”".
	corrected []string
	// missing is a name or phrase of the question that no article has.
	missing string
	// unknown are the question's words no article has, corrected or not.
	unknown []string
	// spelled: the words were read against a Lexicon, misspellings
	// corrected (parley.Query.Spelled).
	spelled bool
	// asked is the question's own word for a correction that is no word
	// to show: the key under which the index holds a Cyrillic word
	// («останется» read as "ostaet").
	asked map[string]string
	// romanised are, for a Ukrainian or Russian word of the question, the
	// library's terms that spell its name in English (Romaniser).
	romanised map[string][]string
}

// readInto gives q the reading of its question, and its terms the asker's
// own words where the reading put an index key in their place, so that
// what an answer says the articles lack is written as it was asked.
func readInto(q *analysis, r reading) {
	q.read = r
	for i, t := range q.terms {
		if rom := r.romanised[t.surface]; len(rom) > 0 {
			// «Зеленського» is found as the English reports write it.
			q.terms[i].alts = append(t.alts[:len(t.alts):len(t.alts)], rom...)
		}
		if w, ok := r.asked[t.surface]; ok {
			q.terms[i].surface = w
		}
	}
}

// read checks the question's words against the library. Without a
// Lexicon it reads the question as written.
func read(ctx context.Context, s Searcher, question string) (reading, error) {
	question = readRomanised(spellNumbers(question))
	r := reading{text: question}
	lex, ok := s.(Lexicon)
	if !ok {
		return r, nil
	}
	r.spelled = true
	toks := prose.Tokens(question)
	keys := prose.Keywords(question)
	var words []string
	for _, t := range keys {
		words = append(words, question[t.Start:t.End])
	}
	if rom, ok := s.(Romaniser); ok {
		for _, w := range words {
			if !prose.HasCyrillic(w) {
				continue
			}
			terms, err := rom.Romanised(ctx, w)
			if err != nil {
				return r, fmt.Errorf("read the question: %w", err)
			}
			if len(terms) > 0 {
				if r.romanised == nil {
					r.romanised = map[string][]string{}
				}
				r.romanised[w] = terms
			}
		}
		// The article of an Arabic name, «Эр-» of «Эр-Рияд», «Абу-» of
		// «Абу-Дабі», is known where the name is.
		for i := 0; i+1 < len(keys); i++ {
			w, next := words[i], words[i+1]
			if prose.HasCyrillic(w) && utf8.RuneCountInString(w) <= 3 && len(r.romanised[next]) > 0 && question[keys[i].End:keys[i+1].Start] == "-" {
				r.romanised[w] = r.romanised[next]
			}
		}
	}
	// The words of a date ("on August 18") say when, which the search
	// reads as the question's time, not words an article must have: a
	// report of 18 Aug that says "Monday" has what they ask.
	dated := dates.Find(capitalMonths(question), time.Now())
	var checked []string
	for i, t := range keys {
		if !slices.ContainsFunc(dated, func(m dates.Mention) bool { return m.Start <= t.Start && t.End <= m.End }) {
			checked = append(checked, words[i])
		}
	}
	unknown, err := lex.Unknown(ctx, checked)
	if err == nil {
		unknown, err = knownOtherwise(ctx, lex, unknown, r.romanised)
	}
	if err != nil || len(unknown) == 0 {
		return r, err
	}
	isUnknown := map[string]bool{}
	for _, w := range unknown {
		isUnknown[w] = true
	}
	var b strings.Builder
	last := 0
	stillUnknown := map[int]bool{} // token index → no article has it, even corrected
	for i, t := range toks {
		w := question[t.Start:t.End]
		if !isUnknown[w] {
			continue
		}
		c, err := lex.Correct(ctx, w)
		if err != nil {
			return r, fmt.Errorf("read the question: %w", err)
		}
		if c == "" {
			stillUnknown[i] = true
			r.unknown = append(r.unknown, w)
			continue
		}
		b.WriteString(question[last:t.Start] + c)
		last = t.End
		r.corrected = append(r.corrected, "“"+w+"” as “"+c+"”")
		if prose.HasCyrillic(w) && !prose.HasCyrillic(c) {
			if r.asked == nil {
				r.asked = map[string]string{}
			}
			r.asked[c] = w
		}
	}
	b.WriteString(question[last:])
	r.text = b.String()
	r.missing = missingName(question, toks, stillUnknown)
	if r.missing == "" {
		r.missing = askedUnknown(question, r.unknown, r.corrected)
	}
	return r, nil
}

// missingName is the name the articles never mention. In a question written
// with capitals it is an unknown word written with one ("Kellogg", "MPs"):
// the asker's own lower-case words are not names. In a question typed all in
// lower case, where names have no capitals, it is two or more unknown words
// in a row that do not read as an adverb or a verb form ("keith kellogg",
// "champions league", not "reportedly accept"). A single unknown word in
// lower case ("intel", "blowup") may be the asker's word for what the
// articles call otherwise, so it only weighs against answering, as any word
// no sentence has does.
func missingName(question string, toks []prose.Token, unknown map[int]bool) string {
	cased := false
	for _, r := range question[min(1, len(question)):] {
		if unicode.IsUpper(r) {
			cased = true
			break
		}
	}
	for i := 0; i < len(toks); i++ {
		if !unknown[i] {
			continue
		}
		j := i
		for j+1 < len(toks) && unknown[j+1] {
			j++
		}
		if cased {
			for k := i; k <= j; k++ {
				if w := question[toks[k].Start:toks[k].End]; unicode.IsUpper([]rune(w)[0]) {
					return question[toks[i].Start:toks[j].End]
				}
			}
		} else if j > i && !verbal(question, toks[i:j+1]) {
			return question[toks[i].Start:toks[j].End]
		}
		i = j
	}
	return ""
}

// verbal reports whether one of the words reads as an adverb or a verb
// form, which names rarely are.
func verbal(question string, toks []prose.Token) bool {
	for _, t := range toks {
		w := strings.ToLower(question[t.Start:t.End])
		for _, suf := range []string{"ly", "ing", "ed"} {
			if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
				return true
			}
		}
	}
	return false
}

// Neighbours is a Searcher that can also give the passages just before and
// after the ones it found (store.DB has it).
type Neighbours interface {
	Around(ctx context.Context, hits []parley.Hit) ([]parley.Hit, error)
}

// aroundTop is how many of the best hits bring their neighbours.
const aroundTop = 5

// withNeighbours adds, after hits, the passages around the best of them,
// when the Searcher can give them: the sentence that answers is often the
// one after the sentence that matches. They come with no score of their own.
func withNeighbours(ctx context.Context, s Searcher, hits []parley.Hit) ([]parley.Hit, error) {
	n, ok := s.(Neighbours)
	if !ok || len(hits) == 0 {
		return hits, nil
	}
	more, err := n.Around(ctx, hits[:min(aroundTop, len(hits))])
	if err != nil {
		return nil, err
	}
	for i := range more {
		more[i].Score = 0
	}
	return append(hits, more...), nil
}

var reShorthand = regexp.MustCompile(`\b(\d+(?:\.\d+)?)\s?(k|bn)\b`)

// spellNumbers writes the shorthand of chat as articles write numbers:
// "600k" as "600,000", "1.5k" as "1,500", "$2bn" as "$2 billion".
func spellNumbers(q string) string {
	return reShorthand.ReplaceAllStringFunc(q, func(m string) string {
		g := reShorthand.FindStringSubmatch(m)
		if g[2] == "bn" {
			return g[1] + " billion"
		}
		v, err := strconv.ParseFloat(g[1], 64)
		if err != nil {
			return m
		}
		return groupThousands(int64(v * 1000))
	})
}

// groupThousands writes n with commas: 600000 as "600,000".
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
