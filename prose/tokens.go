package prose

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
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
// not mistaken for the pronoun.
func Tokens(text string) []Token {
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
	return stopwords[strings.ReplaceAll(word, "’", "'")]
}

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
