package openai

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

type noNetwork struct{}

func (noNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, errors.New("no network in tests: " + r.URL.Host)
}

// TestCountTokens runs first and alone (it is not parallel), with the
// default transport refusing every request, so that loading the tables
// over the network would show as the approximate counts.
func TestCountTokens(t *testing.T) {
	old := http.DefaultTransport
	http.DefaultTransport = noNetwork{}
	defer func() { http.DefaultTransport = old }()

	for _, tc := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"Hello world", 2},
		{"What did Russia agree to in Alaska?", 8},
		{"Witkoff said “Article 5-like protection”.", 12},
		{"<|endoftext|>", 7}, // as text, not the special token
		{"Путин и Трамп встретились на Аляске.", 12},
	} {
		if got := CountTokens(tc.text); got != tc.want {
			t.Errorf("CountTokens(%q) = %d, want %d", tc.text, got, tc.want)
		}
	}
	if encoding() == nil {
		t.Fatal("the o200k_base tables did not load from the embedded files")
	}
	long := strings.Repeat("Ukraine's delegation said the draft was a basis for talks. ", 100)
	if n := CountTokens(long); n < 1000 || n > 1400 {
		t.Errorf("a 100-sentence text counts %d tokens", n)
	}
}
