package main

import (
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// terminal wraps what Parley prints to (stdout, stderr) so that no text of
// an article, a page or a file name can act on the terminal it is shown in:
// control characters (ESC, BEL, the C1 controls, DEL) are dropped, new
// lines and tabs kept, and carriage returns too when keepCR is set (the
// progress lines on stderr use them); bytes that are not UTF-8 become
// U+FFFD, since a lone 0x9b is a control to an 8-bit terminal.
func terminal(w io.Writer, keepCR bool) io.Writer { return &terminalWriter{w: w, keepCR: keepCR} }

type terminalWriter struct {
	w      io.Writer
	keepCR bool

	mu      sync.Mutex // the feed poller and the tally write from many goroutines
	pending []byte     // an incomplete UTF-8 sequence at the end of the last write
}

func (t *terminalWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	buf := append(t.pending, p...)
	t.pending = nil
	if i := incompleteTail(buf); i < len(buf) {
		t.pending = append([]byte(nil), buf[i:]...)
		buf = buf[:i]
	}
	out := make([]byte, 0, len(buf))
	for len(buf) > 0 {
		r, size := utf8.DecodeRune(buf)
		switch {
		case r == utf8.RuneError && size == 1:
			out = utf8.AppendRune(out, utf8.RuneError)
		case r == '\n' || r == '\t' || (r == '\r' && t.keepCR) || !unicode.IsControl(r):
			out = append(out, buf[:size]...)
		}
		buf = buf[size:]
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// incompleteTail returns where an incomplete UTF-8 sequence ending b
// starts, or len(b).
func incompleteTail(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

// line shows a value that must stay on one line of output (a file name, a
// title, an outlet, an address): a control character in it, a new line
// included, is written as its escape ("\n", "\x1b"), so that it neither
// splits the line nor acts on the terminal, and can still be seen.
func line(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
