package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/parley-bot/parley"
)

func TestParseFrontMatter(t *testing.T) {
	aug19 := time.Date(2025, 8, 19, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		in       string
		wantMeta Meta
		wantBody string
	}{
		{
			name:     "no front matter",
			in:       "Just text.\n---\nMore.",
			wantBody: "Just text.\n---\nMore.",
		},
		{
			name:     "all keys",
			in:       "---\ntitle: A title\noutlet: DC Brief\nurl: https://example.com/a\npublished: 2025-08-19\nauthor: Jane Doe\nlanguage: en\n---\nBody here.",
			wantMeta: Meta{Title: "A title", Outlet: "DC Brief", URL: "https://example.com/a", Published: aug19, Author: "Jane Doe", Language: "en"},
			wantBody: "Body here.",
		},
		{
			name:     "aliases and case",
			in:       "---\nTITLE: T\nSource: S\nLink: http://example.com/x\nDate: 2025-08-19\nLang: uk\n---\nB",
			wantMeta: Meta{Title: "T", Outlet: "S", URL: "http://example.com/x", Published: aug19, Language: "uk"},
			wantBody: "B",
		},
		{
			name:     "publisher alias",
			in:       "---\npublisher: P\n---\nB",
			wantMeta: Meta{Outlet: "P"},
			wantBody: "B",
		},
		{
			name:     "quotes comments blanks unknown keys",
			in:       "---\n# a comment\n\ntitle: \"Quoted: with colon\"  \noutlet: 'Single'\ntags: [a, b]\ncategories:\n  - war\n  - peace\n---\nB",
			wantMeta: Meta{Title: "Quoted: with colon", Outlet: "Single"},
			wantBody: "B",
		},
		{
			name:     "mismatched quotes kept",
			in:       "---\ntitle: \"Half'\n---\nB",
			wantMeta: Meta{Title: "\"Half'"},
			wantBody: "B",
		},
		{
			name:     "bom crlf and leading blank lines",
			in:       "\uFEFF\r\n\r\n---\r\ntitle: T\r\n---\r\nB\r\n",
			wantMeta: Meta{Title: "T"},
			wantBody: "B\r\n",
		},
		{
			name:     "dots closer",
			in:       "---\ntitle: T\n...\nB",
			wantMeta: Meta{Title: "T"},
			wantBody: "B",
		},
		{
			name:     "closer at end without newline",
			in:       "---\ntitle: T\n---",
			wantMeta: Meta{Title: "T"},
			wantBody: "",
		},
		{
			name:     "text glued to closer",
			in:       "---\ntitle: T\n---Security guarantees advance.\nMore.",
			wantMeta: Meta{Title: "T"},
			wantBody: "Security guarantees advance.\nMore.",
		},
		{
			name:     "empty values ignored",
			in:       "---\ntitle:\nurl:   \npublished: ''\n---\nB",
			wantBody: "B",
		},
		{
			name:     "later key wins",
			in:       "---\ntitle: First\ntitle: Second\n---\nB",
			wantMeta: Meta{Title: "Second"},
			wantBody: "B",
		},
		{
			name:     "rfc3339 keeps the written date",
			in:       "---\npublished: 2025-08-19T01:30:00+03:00\n---\nB",
			wantMeta: Meta{Published: time.Date(2025, 8, 19, 1, 30, 0, 0, time.UTC)},
			wantBody: "B",
		},
		{
			name:     "rfc3339 without seconds",
			in:       "---\ndate: 2025-08-19T10:00Z\n---\nB",
			wantMeta: Meta{Published: time.Date(2025, 8, 19, 10, 0, 0, 0, time.UTC)},
			wantBody: "B",
		},
		{
			name:     "date and time with space",
			in:       "---\ndate: 2025-08-19 10:00\n---\nB",
			wantMeta: Meta{Published: time.Date(2025, 8, 19, 10, 0, 0, 0, time.UTC)},
			wantBody: "B",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			meta, body, err := ParseFrontMatter(tt.in)
			if err != nil {
				t.Fatalf("ParseFrontMatter: %v", err)
			}
			if diff := cmp.Diff(tt.wantMeta, meta); diff != "" {
				t.Errorf("meta mismatch (-want +got):\n%s", diff)
			}
			if body != tt.wantBody {
				t.Errorf("body = %q, want %q", body, tt.wantBody)
			}
		})
	}
}

func TestParseFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"never ends", "---\ntitle: T\nBody without closer.\n", "front matter starts with --- but never ends"},
		{"never ends at eof", "---\ntitle: T", "never ends"},
		{"bad date", "---\npublished: 19/08/2025\n---\nB", `published date "19/08/2025" not understood; use YYYY-MM-DD`},
		{"relative url", "---\nurl: /news/a\n---\nB", `url "/news/a" is not an absolute http(s) address`},
		{"ftp url", "---\nlink: ftp://example.com/a\n---\nB", "not an absolute http(s) address"},
		{"not key value", "---\ntitle: T\nthis line has no colon\n---\nB", "front matter line 3 is not \"key: value\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseFrontMatter(tt.in)
			if err == nil {
				t.Fatalf("ParseFrontMatter(%q) succeeded; want error %q", tt.in, tt.want)
			}
			if !errors.Is(err, parley.ErrInvalid) {
				t.Errorf("error %v does not wrap parley.ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func FuzzParseFrontMatter(f *testing.F) {
	f.Add("---\ntitle: T\nurl: https://example.com\npublished: 2025-08-19\n---\nBody.")
	f.Add("\uFEFF\n---\r\nTitle: 'x'\r\n...\r\n")
	f.Fuzz(func(t *testing.T, data string) {
		meta, body, err := ParseFrontMatter(data)
		if err != nil {
			if !errors.Is(err, parley.ErrInvalid) {
				t.Fatalf("error %v does not wrap parley.ErrInvalid", err)
			}
			return
		}
		if meta.URL != "" && !strings.HasPrefix(meta.URL, "http") {
			t.Fatalf("accepted url %q", meta.URL)
		}
		if len(body) > len(data)+1 {
			t.Fatalf("body %d bytes longer than input %d", len(body), len(data))
		}
	})
}
