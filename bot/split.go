package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kinds of places a message may be split at, best last.
const (
	cutHard = iota - 1
	cutWord
	cutSentence
	cutLine
	cutParagraph
)

// splitContent cuts text into parts of at most limit characters: at a
// paragraph break if one fits (and leaves the part at least half full),
// else a line break, else a sentence end, else a space, and never inside a
// “quote” or a [n] marker unless a quote alone is longer than a part. The
// whitespace at a cut is dropped.
func splitContent(text string, limit int) []string {
	var parts []string
	s := strings.TrimSpace(text)
	for runeLen(s) > limit {
		cut, next := cutPoint(s, limit)
		parts = append(parts, strings.TrimRightFunc(s[:cut], unicode.IsSpace))
		s = strings.TrimLeftFunc(s[next:], unicode.IsSpace)
	}
	if s != "" {
		parts = append(parts, s)
	}
	return parts
}

// cutPoint returns where the first part of s ends and the next begins.
func cutPoint(s string, limit int) (cut, next int) {
	end := byteIndexOfRune(s, limit) // s[:end] holds limit characters
	best := [cutParagraph + 1]int{}  // furthest cut of each kind outside quotes
	bestQuoted := [cutParagraph + 1]int{}
	depth := 0
	for p, r := range s {
		if p > end {
			break
		}
		switch r {
		case '“':
			depth++
		case '”':
			depth = max(depth-1, 0)
		}
		if p == 0 || !unicode.IsSpace(r) {
			continue
		}
		kind := cutKind(s, p)
		if depth == 0 {
			best[kind] = p
		} else {
			bestQuoted[kind] = p
		}
	}
	// A better kind of cut wins if it leaves the part at least half full.
	for kind := cutParagraph; kind >= cutWord; kind-- {
		if best[kind] >= end/2 {
			return best[kind], best[kind]
		}
	}
	for kind := cutParagraph; kind >= cutWord; kind-- {
		if best[kind] > 0 {
			return best[kind], best[kind]
		}
	}
	for kind := cutSentence; kind >= cutWord; kind-- {
		if bestQuoted[kind] > 0 {
			return bestQuoted[kind], bestQuoted[kind]
		}
	}
	cut = hardCut(s, end)
	return cut, cut
}

// cutKind says what kind of place the whitespace at s[p] is.
func cutKind(s string, p int) int {
	switch {
	case strings.HasPrefix(s[p:], "\n\n"):
		return cutParagraph
	case s[p] == '\n':
		return cutLine
	case endsSentence(s[:p]):
		return cutSentence
	}
	return cutWord
}

// endsSentence reports whether s ends with a sentence's final punctuation,
// perhaps followed by a closing quote or bracket.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”’\")")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// hardCut backs a cut at s[end] off a [n] marker or an escaping backslash
// it would break; it is the last resort for text without spaces.
func hardCut(s string, end int) int {
	if i := strings.LastIndexByte(s[:end], '['); i >= 0 && end-i < 6 {
		if m := reMarker.FindString(s[i:]); m != "" && i+len(m) > end && i > 0 {
			end = i
		}
	}
	if trailing := end - len(strings.TrimRight(s[:end], `\`)); trailing%2 == 1 && end > 1 {
		end--
	}
	return end
}

// byteIndexOfRune returns the byte offset of the n-th character of s, or
// len(s) when s is shorter.
func byteIndexOfRune(s string, n int) int {
	for p := range s {
		if n == 0 {
			return p
		}
		n--
	}
	return len(s)
}
