package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clip shortens s to at most n characters, ending in "…" when it cut, never
// in the middle of a character.
func Clip(s string, n int) string { return clip(s, n, false) }

// ClipWords shortens s as Clip does, but cuts at the last space before the
// limit rather than inside a word, where there is one: for a title made up
// from the first line of a text.
func ClipWords(s string, n int) string { return clip(s, n, true) }

func clip(s string, n int, atWord bool) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	end := 0 // byte offset after n-1 characters: room for the ellipsis
	for range n - 1 {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	kept := s[:end]
	if next, _ := utf8.DecodeRuneInString(s[end:]); atWord && !unicode.IsSpace(next) {
		if i := strings.LastIndexFunc(kept, unicode.IsSpace); i > 0 {
			kept = kept[:i]
		}
	}
	return strings.TrimRightFunc(kept, unicode.IsSpace) + "…"
}
