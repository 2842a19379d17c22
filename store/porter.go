package store

import (
	"bytes"
	"strings"
	"sync"
	"sync/atomic"
)

// The terms of English text as the index's tokenizer makes them
// ("porter unicode61 remove_diacritics 2", migration 1), computed here for
// the lexicon (vocabulary.go) so that ingest need not run the text through
// FTS5 a second time: unicode61 cuts ASCII text into runs of letters and
// digits and lowers their letters, and the porter tokenizer stems a run of
// 3 to 64 bytes by SQLite's own version of Porter's algorithm, which
// porterStem follows rule for rule (SQLite's ext/fts5/fts5_tokenize.c).
// Text with other characters than ASCII and a few punctuation marks goes
// to the tokenizer itself. TestPorterStemIsTheIndexs compares both.

// asciiTerms adds the terms of an ASCII text to terms, or reports false,
// adding none, if the text holds a character that unicode61 may read
// otherwise than as a separator, for the tokenizer to read.
func asciiTerms(word string, terms map[string]bool) bool {
	for i := 0; i < len(word); i++ {
		if word[i] >= 0x80 {
			return false
		}
	}
	start := -1
	for i := 0; i <= len(word); i++ {
		alnum := false
		if i < len(word) {
			c := word[i]
			alnum = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		}
		switch {
		case alnum && start < 0:
			start = i
		case !alnum && start >= 0:
			terms[cachedStem(word[start:i])] = true
			start = -1
		}
	}
	return true
}

// punctuation are the non-ASCII marks news text is full of that unicode61
// reads as separators (Unicode punctuation), read here as spaces.
var punctuation = strings.NewReplacer("‘", " ", "’", " ", "“", " ", "”", " ", "–", " ", "—", " ", "…", " ", "«", " ", "»", " ")

// cachedStem is porterStem of a token lowered, remembered: news repeats
// its words, and ingest stems every word of every article. The cap bounds
// memory against adversarial text.
func cachedStem(token string) string {
	if s, ok := stemCache.Load(token); ok {
		return s.(string)
	}
	s := porterStem(asciiLower(token))
	if stemCount.Add(1) <= maxCachedStems {
		stemCache.Store(strings.Clone(token), s)
	}
	return s
}

var (
	stemCache sync.Map // ASCII token → term
	stemCount atomic.Int64
)

const maxCachedStems = 200_000

// porterStem stems a lower-case ASCII token as the porter tokenizer does.
func porterStem(t string) string {
	if len(t) < 3 || len(t) > 64 {
		return t
	}
	b := []byte(t)
	b = step1a(b)
	if len(b) > 3 && bytes.HasSuffix(b, []byte("eed")) {
		if mGt0(b[:len(b)-3]) {
			b = b[:len(b)-1] // "agreed" is agree; nothing more of step 1b
		}
	} else if n, ok := applyFirst(b, step1b); ok {
		b = n
		if n, ok := applyFirst(b, step1b2); ok {
			b = n
		} else if c := b[len(b)-1]; len(b) > 1 && !isVowel(c, false) && c != 'l' && c != 's' && c != 'z' && c == b[len(b)-2] {
			b = b[:len(b)-1]
		} else if mEq1(b) && oStar(b) {
			b = append(b, 'e')
		}
	}
	if b[len(b)-1] == 'y' && hasVowel(b[:len(b)-1]) {
		b[len(b)-1] = 'i'
	}
	for _, rules := range [][]porterRule{step2, step3, step4} {
		if n, ok := applyFirst(b, rules); ok {
			b = n
		}
	}
	if stem := b[:len(b)-1]; b[len(b)-1] == 'e' && len(stem) > 0 && (mGt1(stem) || mEq1(stem) && !oStar(stem)) {
		b = stem
	}
	if n := len(b); n > 1 && b[n-1] == 'l' && b[n-2] == 'l' && mGt1(b[:n-1]) {
		b = b[:n-1]
	}
	return string(b)
}

func step1a(b []byte) []byte {
	n := len(b)
	switch {
	case b[n-1] != 's':
	case b[n-2] == 'e' && (n > 4 && b[n-4] == 's' && b[n-3] == 's' || n > 3 && b[n-3] == 'i'):
		return b[:n-2] // "sses", "ies"
	case b[n-2] == 'e' || b[n-2] != 's':
		return b[:n-1]
	}
	return b
}

// porterRule replaces a suffix by out when what is left before it meets
// cond (nil: always).
type porterRule struct {
	suffix, out string
	cond        func([]byte) bool
}

// applyFirst applies the first rule whose suffix the word ends in, with
// something before it; it reports whether that rule's condition held. A
// rule whose condition fails ends the step as well.
func applyFirst(b []byte, rules []porterRule) ([]byte, bool) {
	for _, r := range rules {
		if len(b) > len(r.suffix) && len(b) >= 2 && bytes.HasSuffix(b, []byte(r.suffix)) {
			stem := b[:len(b)-len(r.suffix)]
			if r.cond != nil && !r.cond(stem) {
				return b, false
			}
			return append(stem, r.out...), true
		}
	}
	return b, false
}

var (
	step1b  = []porterRule{{"ed", "", hasVowel}, {"ing", "", hasVowel}} // after "eed" (porterStem)
	step1b2 = []porterRule{{"at", "ate", nil}, {"bl", "ble", nil}, {"iz", "ize", nil}}
	step2   = []porterRule{
		{"ational", "ate", mGt0}, {"tional", "tion", mGt0},
		{"enci", "ence", mGt0}, {"anci", "ance", mGt0},
		{"izer", "ize", mGt0},
		{"logi", "log", mGt0},
		{"bli", "ble", mGt0}, {"alli", "al", mGt0}, {"entli", "ent", mGt0}, {"eli", "e", mGt0}, {"ousli", "ous", mGt0},
		{"ization", "ize", mGt0}, {"ation", "ate", mGt0}, {"ator", "ate", mGt0},
		{"alism", "al", mGt0}, {"iveness", "ive", mGt0}, {"fulness", "ful", mGt0}, {"ousness", "ous", mGt0},
		{"aliti", "al", mGt0}, {"iviti", "ive", mGt0}, {"biliti", "ble", mGt0},
	}
	step3 = []porterRule{
		{"ical", "ic", mGt0}, {"ness", "", mGt0}, {"icate", "ic", mGt0}, {"iciti", "ic", mGt0},
		{"ful", "", mGt0}, {"ative", "", mGt0}, {"alize", "al", mGt0},
	}
	step4 = []porterRule{
		{"al", "", mGt1}, {"ance", "", mGt1}, {"ence", "", mGt1}, {"er", "", mGt1}, {"ic", "", mGt1},
		{"able", "", mGt1}, {"ible", "", mGt1},
		{"ant", "", mGt1}, {"ement", "", mGt1}, {"ment", "", mGt1}, {"ent", "", mGt1},
		{"ion", "", mGt1AndSOrT}, {"ou", "", mGt1},
		{"ism", "", mGt1}, {"ate", "", mGt1}, {"iti", "", mGt1}, {"ous", "", mGt1}, {"ive", "", mGt1}, {"ize", "", mGt1},
	}
)

// isVowel: a, e, i, o, u, and y after a consonant (y says whether the
// letter before was one).
func isVowel(c byte, y bool) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || y && c == 'y'
}

// gobbleVC returns the length of the stem's first vowels-then-consonants
// sequence, or 0 if it has none; cons says whether the letter before the
// stem was a consonant.
func gobbleVC(stem []byte, cons bool) int {
	i := 0
	for ; i < len(stem); i++ {
		if cons = !isVowel(stem[i], cons); !cons {
			break
		}
	}
	for i++; i < len(stem); i++ {
		if cons = !isVowel(stem[i], cons); cons {
			return i + 1
		}
	}
	return 0
}

// Porter's conditions on the stem: its measure m (the number of
// vowel-consonant sequences) above 0, above 1 or 1, and *o (it ends in
// consonant, vowel, consonant, the last not w, x or y).
func mGt0(stem []byte) bool { return gobbleVC(stem, false) > 0 }

func mGt1(stem []byte) bool {
	n := gobbleVC(stem, false)
	return n > 0 && gobbleVC(stem[n:], true) > 0
}

func mEq1(stem []byte) bool {
	n := gobbleVC(stem, false)
	return n > 0 && gobbleVC(stem[n:], true) == 0
}

func oStar(stem []byte) bool {
	if len(stem) == 0 {
		return false
	}
	if c := stem[len(stem)-1]; c == 'w' || c == 'x' || c == 'y' {
		return false
	}
	mask, cons := 0, false
	for _, c := range stem {
		cons = !isVowel(c, cons)
		mask <<= 1
		if cons {
			mask++
		}
	}
	return mask&7 == 5
}

func mGt1AndSOrT(stem []byte) bool {
	c := stem[len(stem)-1]
	return (c == 's' || c == 't') && mGt1(stem)
}

// hasVowel is Porter's *v*: the stem holds a vowel (y counting as one
// after its first letter).
func hasVowel(stem []byte) bool {
	for i, c := range stem {
		if isVowel(c, i > 0) {
			return true
		}
	}
	return false
}

// asciiLower lowers the ASCII letters of w, as unicode61 folds them.
func asciiLower(w string) string {
	for i := 0; i < len(w); i++ {
		if 'A' <= w[i] && w[i] <= 'Z' {
			b := []byte(w)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return w
}
