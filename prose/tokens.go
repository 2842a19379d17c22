package prose

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// Token is one word of a text as the scorer sees it: its term, where it was
// written, and whether it is a stop word, so callers that need positions
// (highlighting, proximity) filter exactly as Terms does.
type Token struct {
	Term       string // lower case and stemmed; numbers as written, without thousands commas
	Start, End int    // byte offsets of the word in the text
	Stop       bool   // a function word that says nothing about the topic
}

// Tokens cuts text into words for scoring. A word is a run of letters and
// digits; an apostrophe between letters stays inside it ("don't", "O’Brien")
// and a possessive 's is dropped ("Trump’s" is trump). Hyphens and other
// punctuation separate words ("Article 5-like" is article, 5, like). Digits
// joined by "." or "," are one number ("3.5", "1,000" as 1000). Dotted
// acronyms lose their periods ("U.S." is us), and they, like words written
// in capitals ("US", "NATO"), are never stop words, so the United States is
// not mistaken for the pronoun. Words are read in the text's IndexForm, as
// the full-text index reads them ("cease\u00ADfire" is ceasefire, "Ｇｅｎｅｖａ"
// geneva, "ﬁnal" final), with Start and End still offsets into text.
func Tokens(text string) []Token {
	folded, from, to := indexMap(text)
	if from == nil {
		return tokens(text)
	}
	toks := tokens(folded)
	out, prev := toks[:0], 0
	for _, t := range toks {
		t.Start, t.End = max(from[t.Start], prev), to[t.End-1]
		if t.Start >= t.End {
			continue // the second word of one character ("½" is 1⁄2): the first has it
		}
		out = append(out, t)
		prev = t.End
	}
	return out
}

// IndexForm is a text as the full-text index stores it and Tokens reads
// it: compatibility-composed (NFKC: fullwidth letters, ligatures and
// superscripts as their plain letters and digits, a no-break space as a
// space) and without the default-ignorable characters (soft hyphens,
// zero-width spaces and joiners, word joiners, variation selectors, bidi
// controls), which a reader does not see but which would split a word or
// hide it from a search for it. A word with Cyrillic letters is written as
// its SlavicKey (a stop word transliterated, unstemmed), so that the index,
// the re-ranking and the answerer match Ukrainian and Russian words by
// their stems and names across scripts. Stored bodies are never changed:
// this is only how they are matched.
func IndexForm(text string) string {
	folded, _, _ := indexMap(text)
	return folded
}

// indexMap returns IndexForm(text) and, for each of its bytes, where the
// character of text it comes from starts and ends; from and to are nil
// when text is its own index form, as almost every text is.
func indexMap(text string) (folded string, from, to []int) {
	if isIndexForm(text) {
		return text, nil, nil
	}
	folded, from, to = compatMap(text)
	return indexSlavic(folded, from, to)
}

// compatMap is indexMap without the Slavic keys: NFKC and without the
// ignorable characters; from and to are nil when that is text itself.
func compatMap(text string) (folded string, from, to []int) {
	if norm.NFKC.IsNormalString(text) && !hasIgnorable(text) {
		return text, nil, nil
	}
	var b strings.Builder
	b.Grow(len(text))
	from, to = make([]int, 0, len(text)), make([]int, 0, len(text))
	emit := func(r rune, start, end int) {
		if ignorable(r) {
			return
		}
		n, _ := b.WriteRune(r)
		for range n {
			from, to = append(from, start), append(to, end)
		}
	}
	var it norm.Iter
	it.InitString(norm.NFKC, text)
	var pending []byte // output of a long decomposition given in pieces before its input is passed
	start := 0
	for !it.Done() {
		p0 := it.Pos()
		pending = append(pending, it.Next()...)
		p1 := it.Pos()
		if p1 == p0 && !it.Done() {
			continue
		}
		seg := string(pending)
		pending = pending[:0]
		p0, start = start, p1
		if seg == text[p0:p1] {
			// Unchanged: every character keeps its own place.
			for i := 0; i < len(seg); {
				r, size := utf8.DecodeRuneInString(seg[i:])
				emit(r, p0+i, p0+i+size)
				i += size
			}
			continue
		}
		// Recomposed: what it became comes from all of it.
		for _, r := range seg {
			emit(r, p0, p1)
		}
	}
	return b.String(), from, to
}

// isIndexForm says whether text is its own IndexForm, quickly for the
// plain text most of a library is.
func isIndexForm(text string) bool {
	i := 0
	for i < len(text) && text[i] < utf8.RuneSelf {
		i++
	}
	if i == len(text) {
		return true
	}
	for _, r := range text[i:] {
		if ignorable(r) || isCyrillic(r) {
			return false
		}
	}
	return norm.NFKC.QuickSpanString(text[i:]) == len(text)-i
}

// hasIgnorable says whether text has a default-ignorable character.
func hasIgnorable(text string) bool {
	for _, r := range text {
		if ignorable(r) {
			return true
		}
	}
	return false
}

// ignorable says whether r is a default-ignorable character, first
// without a table lookup for the punctuation (’ “ ” —) news is full of.
func ignorable(r rune) bool {
	switch {
	case r < 0xAD, r >= 0x2010 && r <= 0x2029, r >= 0x2030 && r <= 0x205F:
		return false
	}
	return unicode.Is(defaultIgnorable, r)
}

// defaultIgnorable is Unicode's Default_Ignorable_Code_Point property
// (DerivedCoreProperties.txt), which the unicode package does not have.
var defaultIgnorable = &unicode.RangeTable{
	LatinOffset: 1,
	R16: []unicode.Range16{
		{Lo: 0x00AD, Hi: 0x00AD, Stride: 1}, // soft hyphen
		{Lo: 0x034F, Hi: 0x034F, Stride: 1}, // combining grapheme joiner
		{Lo: 0x061C, Hi: 0x061C, Stride: 1}, // Arabic letter mark
		{Lo: 0x115F, Hi: 0x1160, Stride: 1}, // Hangul fillers
		{Lo: 0x17B4, Hi: 0x17B5, Stride: 1}, // Khmer inherent vowels
		{Lo: 0x180B, Hi: 0x180F, Stride: 1}, // Mongolian variation selectors, vowel separator
		{Lo: 0x200B, Hi: 0x200F, Stride: 1}, // zero-width space, non-joiner, joiner, LRM, RLM
		{Lo: 0x202A, Hi: 0x202E, Stride: 1}, // bidi embeddings and overrides
		{Lo: 0x2060, Hi: 0x206F, Stride: 1}, // word joiner, invisible operators, bidi isolates
		{Lo: 0x3164, Hi: 0x3164, Stride: 1}, // Hangul filler
		{Lo: 0xFE00, Hi: 0xFE0F, Stride: 1}, // variation selectors
		{Lo: 0xFEFF, Hi: 0xFEFF, Stride: 1}, // zero-width no-break space (BOM)
		{Lo: 0xFFA0, Hi: 0xFFA0, Stride: 1}, // halfwidth Hangul filler
		{Lo: 0xFFF0, Hi: 0xFFF8, Stride: 1}, // unassigned specials
	},
	R32: []unicode.Range32{
		{Lo: 0x1BCA0, Hi: 0x1BCA3, Stride: 1}, // shorthand format controls
		{Lo: 0x1D173, Hi: 0x1D17A, Stride: 1}, // musical symbol format controls
		{Lo: 0xE0000, Hi: 0xE0FFF, Stride: 1}, // tags, variation selectors supplement
	},
}

// tokens is Tokens over a text in its index form.
func tokens(text string) []Token {
	var toks []Token
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		var tok Token
		tok, i = scanWord(text, i)
		toks = append(toks, tok)
	}
	return toks
}

// Terms returns the stemmed terms of text without stop words, in order and
// with repeats, which is what the index and the query builder compare.
func Terms(text string) []string {
	var terms []string
	for _, t := range Tokens(text) {
		if !t.Stop {
			terms = append(terms, t.Term)
		}
	}
	return terms
}

// Stem reduces a word to its English stem (lower case, Snowball) so that
// "negotiations" in a question finds "negotiating" in an article. Numbers are
// returned unchanged.
func Stem(word string) string {
	word = strings.ToLower(word)
	if isNumber(word) {
		return word
	}
	if s, ok := stems.Load(word); ok {
		return s.(string)
	}
	s := english.Stem(word, true)
	if stemCount.Add(1) <= maxCachedStems {
		stems.Store(word, s)
	}
	return s
}

// The Snowball stemmer costs about a microsecond a word, which made stemming
// most of the time of a search (every candidate passage is re-tokenised to
// re-rank it). News vocabulary is bounded, so stems are cached; the cap
// bounds memory against adversarial text at a few megabytes.
var (
	stems     sync.Map // lower-case word → stem
	stemCount atomic.Int64
)

const maxCachedStems = 200_000

// IsStopword reports whether the lower-case, unstemmed word is a function
// word, a question word or an auxiliary verb: words that appear in every
// question and every article and so cannot tell passages apart. Content words
// such as "said", "president" or "war" are not stop words.
func IsStopword(word string) bool {
	if strings.Contains(word, "’") {
		word = strings.ReplaceAll(word, "’", "'")
	}
	return allStopwords[word]
}

// allStopwords are stopwords and slavicStopKeys in one table: Tokens asks
// for every word of every passage it reads.
var allStopwords = func() map[string]bool {
	m := make(map[string]bool, len(stopwords)+len(slavicStopKeys))
	for w := range stopwords {
		m[w] = true
	}
	for w := range slavicStopKeys {
		m[w] = true
	}
	return m
}()

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) && r != utf8.RuneError
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) && r != '.' {
			return false
		}
	}
	return true
}

// scanWord reads the word that starts at text[i] and returns its token and
// the offset after it.
func scanWord(text string, i int) (Token, int) {
	if tok, j, ok := scanAcronym(text, i); ok {
		return tok, j
	}
	start := i
	var b strings.Builder
	number := true
	upper, lower := 0, 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		next, _ := utf8.DecodeRuneInString(text[i+size:])
		switch {
		case isWordRune(r):
			number = number && unicode.IsDigit(r)
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
			b.WriteRune(unicode.ToLower(r))
		case isApostrophe(r) && !number && unicode.IsLetter(next):
			b.WriteByte('\'') // "don't", "Russia’s"
		case r == '.' && number && unicode.IsDigit(next):
			b.WriteByte('.') // "3.5"
		case r == ',' && number && unicode.IsDigit(next):
			// "1,000" is 1000.
		default:
			return makeToken(text, start, i, b.String(), number, upper >= 2 && lower == 0), i
		}
		i += size
	}
	return makeToken(text, start, i, b.String(), number, upper >= 2 && lower == 0), i
}

// makeToken builds the token of the lower-case word text[start:end]; caps
// says it was written in capitals, which keeps it from being a stop word.
func makeToken(text string, start, end int, word string, number, caps bool) Token {
	if number {
		return Token{Term: word, Start: start, End: end}
	}
	if strings.HasSuffix(word, "'s") {
		word = word[:len(word)-2]
		end-- // the s
		_, n := utf8.DecodeLastRuneInString(text[start:end])
		end -= n // the apostrophe
	}
	return Token{Term: Stem(word), Start: start, End: end, Stop: !caps && IsStopword(word)}
}

// scanAcronym reads a dotted acronym ("U.S.", "a.m.", "U.S") at text[i]:
// single letters each followed by a period, at least two of them, the last
// period optional.
func scanAcronym(text string, i int) (Token, int, bool) {
	start := i
	var b strings.Builder
	n := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			break
		}
		after := i + size
		if after < len(text) && text[after] == '.' {
			b.WriteRune(unicode.ToLower(r))
			n++
			i = after + 1
			continue
		}
		if next, _ := utf8.DecodeRuneInString(text[after:]); n > 0 && !isWordRune(next) {
			b.WriteRune(unicode.ToLower(r))
			n++
			i = after
		}
		break
	}
	if n < 2 {
		return Token{}, start, false
	}
	return Token{Term: b.String(), Start: start, End: i}, i, true
}

// stopwords are English function words, question words and auxiliaries,
// lower case with straight apostrophes.
var stopwords = setOf(
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
	"any", "are", "aren't", "as", "at", "be", "because", "been", "before", "being",
	"below", "between", "both", "but", "by", "can", "can't", "cannot", "could",
	"couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down",
	"during", "each", "either", "else", "ever", "few", "for", "from", "further", "had",
	"hadn't", "has", "hasn't", "have", "haven't", "having", "he", "he'd", "he'll",
	"he's", "her", "here", "here's", "hers", "herself", "him", "himself", "his", "how",
	"how's", "however", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is",
	"isn't", "it", "it's", "its", "itself", "just", "let's", "may", "me", "might",
	"more", "most", "must", "mustn't", "my", "myself", "neither", "no", "nor", "not",
	"of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours",
	"ourselves", "out", "over", "own", "same", "shall", "shan't", "she", "she'd",
	"she'll", "she's", "should", "shouldn't", "so", "some", "such", "than", "that",
	"that's", "the", "their", "theirs", "them", "themselves", "then", "there",
	"there's", "these", "they", "they'd", "they'll", "they're", "they've", "this",
	"those", "through", "to", "too", "under", "until", "up", "upon", "us", "very",
	"was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't",
	"what", "what's", "when", "when's", "where", "where's", "whether", "which",
	"while", "who", "who's", "whom", "whose", "why", "why's", "will", "with", "won't",
	"would", "wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've", "your",
	"yours", "yourself", "yourselves",
)
