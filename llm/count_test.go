package llm

import "testing"

func TestCountTokens(t *testing.T) {
	for _, tc := range []struct {
		text     string
		min, max int
	}{
		{"", 0, 0},
		{"Hello", 1, 1},
		{"What did Russia agree to in Alaska?", 7, 10},
		{"Witkoff said “Article 5-like protection”.", 8, 14},
	} {
		if n := CountTokens(tc.text); n < tc.min || n > tc.max {
			t.Errorf("CountTokens(%q) = %d, want %d–%d", tc.text, n, tc.min, tc.max)
		}
	}
}
