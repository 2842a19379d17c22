// Package decoy generates distractor articles for measuring retrieval
// quality at scale: articles made of the sentences of real articles with
// every name, place and number swapped for another of the same kind. A decoy
// shares the topic's whole vocabulary, at the frequencies the real articles
// have it, but states none of their facts: "Foreign Minister Sergei Lavrov
// headed the Russian team" comes back as "Foreign Minister Kirill Dmitriev
// headed the Turkish team", so a question about who led the Russian team is
// answered only by the real article.
//
// internal/synth is not that: its sentences come from a few hundred
// templates, so most words of a real question (a place, "staffing",
// "lunch", "cancelled") are in none of its articles, and a real article
// hidden among synth's stays easy to find however many there are.
package decoy

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// kind is what a swapped word is.
type kind uint8

const (
	name    kind = iota // a capitalised word: a person, place, body
	names               // a run of two capitalised words or more: "Sergei Lavrov"
	people              // a word for a people: "Russian", "French"
	number              // digits: 18, 1,000, 3.5, 28th
	counted             // a number written as a word: "three"
	month
	weekday
	kinds
)

// slot is a swappable word (or run of words) of a sentence.
type slot struct {
	start, end int
	kind       kind
	ordinal    int // the length of a number's ordinal suffix ("th"), replaced with it
}

// sentence is a source sentence with its swappable words.
type sentence struct {
	text  string
	slots []slot
}

// pool draws words of one kind in proportion to how often the sources
// use them.
type pool struct {
	words []string
	cum   []int // cumulative counts, for drawing by frequency
}

func (p *pool) add(counts map[string]int) {
	for w := range counts {
		p.words = append(p.words, w)
	}
	sort.Strings(p.words)
	total := 0
	for _, w := range p.words {
		total += counts[w]
		p.cum = append(p.cum, total)
	}
}

// draw returns a word by frequency that shares no word with old (so that
// "Lavrov" never replaces "Sergei Lavrov"), or "" if none is found.
func (p *pool) draw(r *rand.Rand, old string) string {
	if len(p.words) == 0 {
		return ""
	}
	for range 32 {
		x := r.IntN(p.cum[len(p.cum)-1])
		w := p.words[sort.SearchInts(p.cum, x+1)]
		if !sharesWord(w, old) {
			return w
		}
	}
	return ""
}

func sharesWord(a, b string) bool {
	for _, x := range strings.Fields(strings.ToLower(a)) {
		for _, y := range strings.Fields(strings.ToLower(b)) {
			if x == y {
				return true
			}
		}
	}
	return false
}

// Generator makes decoys from a fixed set of source articles.
type Generator struct {
	body    []sentence
	titles  []sentence
	shapes  [][]int // sentences per paragraph, of each source
	outlets []string
	pools   [kinds]pool
	from    time.Time
	span    time.Duration
}

// New builds a generator from source articles (English ones: the word
// classes are English). The sources' order does not matter.
func New(sources []parley.Article) (*Generator, error) {
	src := append([]parley.Article(nil), sources...)
	sort.Slice(src, func(i, j int) bool { return src[i].Hash < src[j].Hash })
	lower := map[string]bool{} // words the sources write in lower case
	for _, a := range src {
		for _, w := range words(a.Title + "\n" + a.Body) {
			if w.text == strings.ToLower(w.text) {
				lower[w.text] = true
			}
		}
	}
	g := &Generator{}
	var counts [kinds]map[string]int
	for k := range counts {
		counts[k] = map[string]int{}
	}
	note := func(s sentence) sentence {
		for _, sl := range s.slots {
			counts[sl.kind][s.text[sl.start:sl.end]]++
		}
		return s
	}
	var first, last time.Time
	for _, a := range src {
		g.titles = append(g.titles, note(classify(a.Title, lower)))
		var shape []int
		for _, para := range strings.Split(a.Body, "\n") {
			n := 0
			for _, sp := range prose.Sentences(para) {
				n++
				// A sentence with nothing to swap ("All of the drones were
				// destroyed.") would come back as it is: not a decoy's.
				if s := classify(para[sp.Start:sp.End], lower); len(s.slots) > 0 {
					g.body = append(g.body, note(s))
				}
			}
			if n > 0 {
				shape = append(shape, n)
			}
		}
		g.shapes = append(g.shapes, shape)
		if a.Outlet != "" {
			g.outlets = append(g.outlets, a.Outlet)
		}
		if p := a.Published; !p.IsZero() {
			if first.IsZero() || p.Before(first) {
				first = p
			}
			if p.After(last) {
				last = p
			}
		}
	}
	if len(g.body) == 0 {
		return nil, fmt.Errorf("decoy: no sentences in %d sources", len(src))
	}
	for k := range counts {
		g.pools[k].add(counts[k])
	}
	g.from, g.span = first, last.Sub(first)+24*time.Hour
	return g, nil
}

// Article returns decoy number i of seed: the paragraph shape of one source,
// each sentence drawn from all of them, every swappable word replaced by
// another of its kind (the same word by the same replacement throughout
// the article). The same (seed, i) gives the same article; Article keeps no
// state, so it may be called from many goroutines.
func (g *Generator) Article(seed uint64, i int) parley.Article {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	swaps := map[string]string{}
	var b strings.Builder
	shape := g.shapes[r.IntN(len(g.shapes))]
	for p, n := range shape {
		if p > 0 {
			b.WriteString("\n\n")
		}
		for j := range n {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(g.swap(r, g.body[r.IntN(len(g.body))], swaps))
		}
	}
	body := b.String()
	sum := sha256.Sum256([]byte(body))
	a := parley.Article{
		Title:     g.swap(r, g.titles[r.IntN(len(g.titles))], swaps),
		URL:       fmt.Sprintf("https://decoy.example.com/%d/%d", seed, i),
		Language:  "en",
		Published: g.from.Add(time.Duration(r.Int64N(int64(g.span)))).Truncate(time.Hour),
		Body:      body,
		Hash:      hex.EncodeToString(sum[:]),
	}
	if len(g.outlets) > 0 {
		a.Outlet = g.outlets[r.IntN(len(g.outlets))]
	}
	return a
}

// swap writes s with its slots replaced.
func (g *Generator) swap(r *rand.Rand, s sentence, swaps map[string]string) string {
	var b strings.Builder
	at := 0
	for _, sl := range s.slots {
		old := s.text[sl.start:sl.end]
		key := string(rune('0'+sl.kind)) + old
		w, ok := swaps[key]
		if !ok {
			if w = g.pools[sl.kind].draw(r, old); w == "" {
				w = old
			}
			w = fitCase(w, old)
			swaps[key] = w
		}
		b.WriteString(s.text[at:sl.start])
		if sl.ordinal > 0 {
			w = ordinal(w)
		}
		b.WriteString(w)
		at = sl.end + sl.ordinal
	}
	b.WriteString(s.text[at:])
	return b.String()
}

// fitCase writes w as old is written: in capitals ("RIYADH" in a
// dateline), capitalised ("Three" opening a sentence), or as drawn.
func fitCase(w, old string) string {
	letters := strings.IndexFunc(old, unicode.IsLetter) >= 0
	switch {
	case letters && utf8.RuneCountInString(old) > 1 && old == strings.ToUpper(old) && old != strings.ToLower(old) && !strings.Contains(old, "."):
		return strings.ToUpper(w)
	case letters && startsUpper(old):
		r, n := utf8.DecodeRuneInString(w)
		return string(unicode.ToUpper(r)) + w[n:]
	}
	return w
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// word is a word of a text: a run of letters and digits (with apostrophes
// and hyphens inside none: "Zelenskiy's" is "Zelenskiy" and "s"), a number
// with its separators ("1,000", "3.5"), or a dotted acronym ("U.S.").
type word struct {
	text       string
	start, end int
}

func words(text string) []word {
	var out []word
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isAlnum(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if isAlnum(r) {
				j += n
				continue
			}
			// "1,000", "3.5": a separator between digits.
			if (r == ',' || r == '.') && j+1 < len(text) && isDigit(text[j-1]) && isDigit(text[j+1]) {
				j++
				continue
			}
			// "U.S.": single capitals with periods.
			if r == '.' && j-i >= 1 && isCap(text[j-1]) && (j-1 == i || text[j-2] == '.') && j+1 < len(text) && isCap(text[j+1]) {
				j += 2
				if j < len(text) && text[j] == '.' {
					j++
				}
				continue
			}
			break
		}
		out = append(out, word{text[i:j], i, j})
		i = j
	}
	return out
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isCap(c byte) bool   { return c >= 'A' && c <= 'Z' }

var (
	months = set("January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
		"Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
	weekdays = set("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
	counts   = set("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
		"eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens")
	// monthContext are the words before a month that make "May" and
	// "March" the months, not the verbs.
	monthContext = set("in", "of", "since", "until", "by", "from", "early", "late", "mid", "last", "next", "this", "on", "to", "between", "and")
)

func set(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// classify finds the swappable words of a sentence. A name is a run of
// capitalised words that the sources never write in lower case (so "The"
// opening a sentence is no name, "Riyadh" and "Russian" are), or of
// acronyms ("NATO", "U.S."); adjacent name words are one name ("Sergei
// Lavrov", "Abu Dhabi"), so a name is replaced by a whole other one.
func classify(text string, lower map[string]bool) sentence {
	s := sentence{text: text}
	ws := words(text)
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		prev := ""
		if i > 0 {
			prev = strings.ToLower(ws[i-1].text)
		}
		nextNum := i+1 < len(ws) && isDigit(ws[i+1].text[0])
		switch {
		case isDigit(w.text[0]):
			end := w.start
			for end < w.end && (isDigit(text[end]) || text[end] == ',' || text[end] == '.') {
				end++
			}
			sl := slot{start: w.start, end: end, kind: number}
			if isOrdinal(text[end:w.end]) {
				sl.ordinal = w.end - end
			}
			s.slots = append(s.slots, sl)
		case weekdays[w.text]:
			s.slots = append(s.slots, slot{start: w.start, end: w.end, kind: weekday})
		case months[w.text] && (nextNum || monthContext[prev] || w.text != "May" && w.text != "March"):
			s.slots = append(s.slots, slot{start: w.start, end: w.end, kind: month})
		case counts[strings.ToLower(w.text)]:
			s.slots = append(s.slots, slot{start: w.start, end: w.end, kind: counted})
		case isName(w.text, lower):
			j := i
			for j+1 < len(ws) && isName(ws[j+1].text, lower) && text[ws[j].end:ws[j+1].start] == " " {
				j++
			}
			sl := slot{start: w.start, end: ws[j].end, kind: name}
			switch {
			case j > i:
				sl.kind = names
			case isPeople(w.text):
				sl.kind = people
			}
			s.slots = append(s.slots, sl)
			i = j
		}
	}
	return s
}

// isPeople tells whether a name is the word for a people or its language
// ("Russian", "Turkish", "French"), which is swapped only for another.
func isPeople(w string) bool {
	for _, suf := range []string{"ian", "ean", "can", "ish", "ese"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return peoples[w]
}

var peoples = set("German", "French", "Dutch", "Swiss", "Greek", "Thai", "Saudi", "Qatari", "Emirati", "Israeli", "Iraqi", "Pakistani")

func isName(w string, lower map[string]bool) bool {
	if !startsUpper(w) || weekdays[w] || months[w] {
		return false
	}
	if strings.Contains(w, ".") || utf8.RuneCountInString(w) > 1 && w == strings.ToUpper(w) && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
		return true // an acronym: "U.S.", "NATO", "RIYADH"
	}
	return !lower[strings.ToLower(w)]
}

// ordinal gives a swapped number the suffix of its own ordinal when the
// old one had one ("28th" as "1st", not "1th").
func ordinal(n string) string {
	v, err := strconv.Atoi(n)
	switch {
	case err != nil:
		return n
	case v%100 >= 11 && v%100 <= 13:
		return n + "th"
	case v%10 == 1:
		return n + "st"
	case v%10 == 2:
		return n + "nd"
	case v%10 == 3:
		return n + "rd"
	}
	return n + "th"
}

// isOrdinal tells whether text holds a number's ordinal suffix.
func isOrdinal(s string) bool {
	switch strings.ToLower(s) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}
