package main

import (
	"strings"
	"testing"
)

func TestTerminalWriter(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		keepCR bool
		want   string
	}{
		{"plain", []string{"Talks in Geneva\n\tindented\n"}, false, "Talks in Geneva\n\tindented\n"},
		{"escapes", []string{"a\x1b]0;title\x07b\x1b[2Jc\x7fd\r\n"}, false, "a]0;titleb[2Jcd\n"},
		{"carriage return kept on stderr", []string{"\rembedded 3 passages"}, true, "\rembedded 3 passages"},
		{"C1 split across writes", []string{"x\xc2", "\x9b31my", " caf\xc3", "\xa9"}, false, "x31my café"},
		{"not UTF-8", []string{"a\x9bb\xffc"}, false, "a\uFFFDb\uFFFDc"},
		{"a lead byte then ASCII", []string{"a\xe2", "b"}, false, "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			w := terminal(&b, tt.keepCR)
			for _, s := range tt.writes {
				if n, err := w.Write([]byte(s)); err != nil || n != len(s) {
					t.Fatalf("Write(%q) = %d, %v", s, n, err)
				}
			}
			if b.String() != tt.want {
				t.Errorf("wrote %q, want %q", b.String(), tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain name.md":          "plain name.md",
		"evil\x1b]0;x\x07\nb.md": `evil\x1b]0;x\a\nb.md`,
		"c1\u009bx":              `c1\u009bx`,
		"bad\xffbyte":            "bad\uFFFDbyte",
	} {
		if got := line(in); got != want {
			t.Errorf("line(%q) = %q, want %q", in, got, want)
		}
	}
}
