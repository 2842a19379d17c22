// Package prose holds the text primitives that ingest and the answerers share:
// how a body is normalised, how it is cut into sentences and words, and how two
// pieces of text are compared. Keeping them in one place means a quote found
// by the answerer is located with exactly the rules that stored the body.
package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize prepares a body for storage: it strips a leading byte order mark,
// turns CRLF and lone CR into LF, composes Unicode (NFC) and trims the text.
// Nothing else changes, so every quote Parley shows stays a span of what the
// user gave it.
func Normalize(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.TrimSpace(norm.NFC.String(s))
}

// Span is a half-open range of byte offsets [Start, End) into a text, so
// callers can slice the original text instead of copying it.
type Span struct{ Start, End int }

// WordCount counts the runs of non-space characters in s; passage sizes and
// quote lengths are measured with it so that every package counts alike.
func WordCount(s string) int {
	n := 0
	inWord := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
		} else if !inWord {
			inWord = true
			n++
		}
	}
	return n
}

// Fold is the comparison form of a text used by the evaluation and by quote
// checks: NFC, lower case, each run of white space as one space, curly quotes
// as straight ones and dashes as "-", trimmed. Two texts that a reader would
// call the same quote have the same Fold.
func Fold(s string) string {
	f, _ := foldMap(s, false)
	return f
}

// FoldMap returns Fold(s) and, for each byte i of it, the offset in s of the
// character that byte came from (offsets has one extra entry, len(s)), so a
// match found in the folded text can be located in the original.
func FoldMap(s string) (folded string, offsets []int) {
	return foldMap(s, true)
}

// FindFolded finds the first occurrence of Fold(needle) in Fold(haystack) and
// returns where it lies in haystack itself, on rune boundaries and without
// surrounding white space, so the caller can quote haystack[start:end]
// verbatim. ok is false when there is no match or needle folds to nothing.
func FindFolded(haystack, needle string) (start, end int, ok bool) {
	n := Fold(needle)
	if n == "" {
		return 0, 0, false
	}
	h, off := FoldMap(haystack)
	i := strings.Index(h, n)
	if i < 0 {
		return 0, 0, false
	}
	start = off[i]
	// The last matched byte came from the character at off[last]; the match
	// ends where the next character of the original starts.
	last := off[i+len(n)-1]
	end = len(haystack)
	for _, o := range off[i+len(n):] {
		if o > last {
			end = o
			break
		}
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(haystack[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	for start < end {
		r, size := utf8.DecodeRuneInString(haystack[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	return start, end, true
}

// foldRune maps one (already composed) rune to its comparison form.
func foldRune(r rune) rune {
	switch r {
	case '‘', '’', '‚', '‛', '′':
		return '\''
	case '“', '”', '„', '‟', '«', '»', '″':
		return '"'
	case '–', '—', '−', '‒', '‐', '‑':
		return '-'
	}
	return unicode.ToLower(r)
}

// foldMap does the work of Fold and FoldMap; offsets are only collected when
// withOffsets is set, so Fold does not pay for them.
func foldMap(s string, withOffsets bool) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	var offsets []int
	if withOffsets {
		offsets = make([]int, 0, len(s)+1)
	}
	pendingSpace := -1 // offset of the first space of a pending run
	emit := func(r rune, at int) {
		if unicode.IsSpace(r) {
			if pendingSpace < 0 {
				pendingSpace = at
			}
			return
		}
		if pendingSpace >= 0 {
			if b.Len() > 0 {
				b.WriteByte(' ')
				if withOffsets {
					offsets = append(offsets, pendingSpace)
				}
			}
			pendingSpace = -1
		}
		r = foldRune(r)
		n, _ := b.WriteRune(r)
		if withOffsets {
			for range n {
				offsets = append(offsets, at)
			}
		}
	}

	var it norm.Iter
	it.InitString(norm.NFC, s)
	for !it.Done() {
		p0 := it.Pos()
		seg := it.Next()
		p1 := it.Pos()
		if string(seg) == s[p0:p1] {
			// Already composed: every rune keeps its own offset.
			for i, r := range s[p0:p1] {
				emit(r, p0+i)
			}
			continue
		}
		// Recomposed: the runes of the segment all come from its start.
		for _, r := range string(seg) {
			emit(r, p0)
		}
	}
	if withOffsets {
		offsets = append(offsets, len(s))
	}
	return b.String(), offsets
}
