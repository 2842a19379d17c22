package store

import (
	"unicode/utf8"

	"github.com/parley-bot/parley/prose"
)

// counter counts, in the passages Search re-ranks, the terms of a question,
// as prose.Tokens reads them (queryCounts), but without cutting every word
// into a token: re-ranking a hundred candidates or more was most of a
// search's time in Go, nearly all of it spent making tokens of words no
// question has. For a text of ASCII and the punctuation news prose writes
// (curly quotes and apostrophes, dashes) — which IndexForm leaves as it is
// — it reads each word into a buffer, lower case, as Tokens does, and
// stems it once per search (stems); any other text goes through Tokens.
// TestCounterIsTokens and FuzzCounter check that the two count alike.
type counter struct {
	want  map[string]bool
	stems map[string]string // lower-case word → its stem, this search's
	buf   []byte
}

func newCounter(want map[string]bool) *counter {
	return &counter{want: want, stems: map[string]string{}}
}

// plain tells whether every rune of text is ASCII or punctuation that
// IndexForm leaves unchanged and Tokens reads as the ASCII text it stands
// for would be read: a separator, or (’) an apostrophe.
func plain(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] < utf8.RuneSelf {
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '‘', '’', '“', '”', '–', '—':
		default:
			return false
		}
		i += size - 1
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool  { return isLetter(c) || isDigit(c) }
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// count is queryCounts(text, c.want).
func (c *counter) count(text string) map[string]int {
	if !plain(text) {
		return queryCounts(text, c.want)
	}
	m := map[string]int{"": prose.WordCount(text)}
	for i := 0; i < len(text); {
		if !isAlnum(text[i]) {
			i++
			continue
		}
		var term string
		term, i = c.word(text, i)
		if c.want[term] {
			m[term]++
		}
	}
	return m
}

// at is the byte of text at i, or 0 past its end; a curly apostrophe reads
// as an ASCII one, any other rune of more than one byte as a space (in a
// plain text, a separator), so that a word's next character is told as
// Tokens tells it.
func at(text string, i int) (c byte, size int) {
	if i >= len(text) {
		return 0, 0
	}
	if text[i] < utf8.RuneSelf {
		return text[i], 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if r == '’' {
		return '\'', size
	}
	return ' ', size
}

// word reads the word that starts at text[i], as prose's scanWord does,
// and returns its term and the offset after it.
func (c *counter) word(text string, i int) (string, int) {
	// A dotted acronym ("U.S.", "a.m.", "U.S"): single letters each
	// followed by a period, at least two; its term is its letters.
	b := c.buf[:0]
	j, n := i, 0
	for j < len(text) && isLetter(text[j]) {
		if j+1 < len(text) && text[j+1] == '.' {
			b = append(b, lower(text[j]))
			n++
			j += 2
			continue
		}
		if next, _ := at(text, j+1); n > 0 && !isAlnum(next) {
			b = append(b, lower(text[j]))
			n++
			j++
		}
		break
	}
	if n >= 2 {
		c.buf = b
		return string(b), j
	}
	b = b[:0]
	number := true
	for i < len(text) {
		ch, size := at(text, i)
		next, _ := at(text, i+size)
		switch {
		case isAlnum(ch):
			number = number && isDigit(ch)
			b = append(b, lower(ch))
		case ch == '\'' && !number && isLetter(next):
			b = append(b, '\'')
		case ch == '.' && number && isDigit(next):
			b = append(b, '.')
		case ch == ',' && number && isDigit(next):
		default:
			c.buf = b
			return c.term(b, number), i
		}
		i += size
	}
	c.buf = b
	return c.term(b, number), i
}

// term is the term of a lower-case word, as prose's makeToken makes it: a
// number as it is, a word without its possessive 's, stemmed.
func (c *counter) term(word []byte, number bool) string {
	if number {
		return string(word)
	}
	if n := len(word); n >= 2 && word[n-2] == '\'' && word[n-1] == 's' {
		word = word[:n-2]
	}
	if s, ok := c.stems[string(word)]; ok {
		return s
	}
	w := string(word)
	s := prose.Stem(w)
	c.stems[w] = s
	return s
}
