package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/data"
)

// readSeed reads a bundled article from the data package, which embeds them.
func readSeed(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(data.Seeds, name)
	if err != nil {
		t.Fatalf("seed %s: %v", name, err)
	}
	return b
}

func TestParseSeeds(t *testing.T) {
	tests := []struct {
		file      string
		want      parley.Article
		bodyStart string
		bodyEnd   string
	}{
		{
			file: "dcbrief-security-guarantees-advance.md",
			want: parley.Article{
				Title:     "Security guarantees for Ukraine advance following Trump-Putin talks and allied coordination",
				Outlet:    "DC Brief",
				URL:       "https://dcbrief.com/security-guarantees-for-ukraine-advance-following-trump-putin-talks-and-allied-coordination",
				Published: time.Date(2025, 8, 19, 0, 0, 0, 0, time.UTC),
			},
			bodyStart: "Security guarantees for Ukraine advance following a critical meeting",
			bodyEnd:   "For more political updates, visit DC Brief.",
		},
		{
			file: "independent-witkoff-game-changing-protections.md",
			want: parley.Article{
				Title:     "Top Trump envoy says Putin agreed to ‘game-changing’ security protections for Ukraine at Alaska summit with U.S. president",
				Outlet:    "The Independent",
				URL:       "https://www.the-independent.com/news/world/americas/us-politics/witkoff-cnn-trump-ukraine-russia-b2809187.html",
				Published: time.Date(2025, 8, 17, 0, 0, 0, 0, time.UTC),
			},
			bodyStart: "Donald Trump’s top Middle East envoy said",
			bodyEnd:   "to join Trump in Alaska for the summit.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readSeed(t, tt.file)
			a, err := Parse(tt.file, data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(tt.want, a, cmpopts.IgnoreFields(parley.Article{}, "Body", "Hash")); diff != "" {
				t.Errorf("article mismatch (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(a.Body, tt.bodyStart) || !strings.HasSuffix(a.Body, tt.bodyEnd) {
				t.Errorf("body = %.80q … %q; want it to run from %q to %q", a.Body, a.Body[max(0, len(a.Body)-60):], tt.bodyStart, tt.bodyEnd)
			}
			if strings.Contains(a.Body, "---") || strings.Contains(a.Body, "title:") {
				t.Errorf("body still holds front matter: %.200q", a.Body)
			}
			sum := sha256.Sum256([]byte(a.Body))
			if a.Hash != hex.EncodeToString(sum[:]) {
				t.Errorf("Hash = %s, want sha256 of body", a.Hash)
			}
			// The same text with Windows line endings is the same article.
			crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
			b, err := Parse(strings.ToUpper(tt.file), crlf)
			if err != nil {
				t.Fatalf("Parse(CRLF): %v", err)
			}
			if b.Hash != a.Hash {
				t.Errorf("CRLF copy has a different hash")
			}
		})
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		data      string
		wantTitle string
		wantBody  string
	}{
		{"front matter title", "a.md", "---\ntitle: The title\n---\n\nFirst line.\nSecond line.\n", "The title", "First line.\nSecond line."},
		{"headline from first line", "a.txt", "\n\nPutin meets Trump\n\nThe two leaders met in Anchorage.\n", "Putin meets Trump", "The two leaders met in Anchorage."},
		{"markdown heading", "a.markdown", "# Putin  meets Trump \nThe two leaders met.", "Putin meets Trump", "The two leaders met."},
		{"heading marks only line skipped", "a.md", "##\n## Real title\nText.", "Real title", "Text."},
		{"front matter without title", "a.md", "---\noutlet: X\n---\nHeadline\nBody text.", "Headline", "Body text."},
		{"single line is title and body", "a.txt", "Only one line of text.", "Only one line of text.", "Only one line of text."},
		{"nfc and bom", "a.txt", "\uFEFFTitle\nCafe\u0301 talks.", "Title", "Café talks."},
		{"markdown kept as written", "a.md", "---\ntitle: T\n---\n**Bold** and _em_ text.\n\n- a list item", "T", "**Bold** and _em_ text.\n\n- a list item"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.file, []byte(tt.data))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if a.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", a.Title, tt.wantTitle)
			}
			if a.Body != tt.wantBody {
				t.Errorf("Body = %q, want %q", a.Body, tt.wantBody)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	big := bytes.Repeat([]byte("word "), 1300000) // 6.5 MB
	tests := []struct {
		name string
		file string
		data []byte
		want string
	}{
		{"pdf", "report.PDF", []byte("%PDF-1.4"), "unsupported file type .pdf; use .md, .txt or .html"},
		{"no extension", "README", []byte("text"), "file has no extension"},
		{"empty", "a.md", nil, "no article text"},
		{"whitespace", "a.txt", []byte(" \n\t\r\n"), "no article text"},
		{"only front matter", "a.md", []byte("---\ntitle: T\n---\n\n"), "no article text"},
		{"too big", "a.txt", big, "file is 6.2 MB; the limit is 5 MB"},
		{"just over the limit", "a.txt", make([]byte, parley.MaxArticleBytes+1), "file is 5.1 MB; the limit is 5 MB"},
		{"latin-1", "a.txt", []byte("Caf\xe9 talks"), "not UTF-8 text (convert it to UTF-8)"},
		{"utf-16", "a.txt", []byte("\xff\xfeT\x00"), "UTF-16"},
		{"nul", "a.md", []byte("Title\nBody\x00text"), "NUL bytes"},
		{"bad front matter", "a.md", []byte("---\ndate: yesterday\n---\nBody"), `published date "yesterday"`},
		{"html without text", "notext.html", readFile(t, "testdata/notext.html"), "no article text found"},
		{"html empty", "a.htm", []byte("   "), "no article text found"},
		{"html not utf-8 undeclared", "a.html", []byte("<html><body><p>Caf\xe9 " + strings.Repeat("talks ", 100) + "</p></body></html>"), "not UTF-8 text"},
		{"html with few words", "a.html", []byte("<html><head><title>T</title></head><body><p>Hello there.</p></body></html>"), "no article text found"},
		{"html nul", "a.html", []byte("<p>a\x00b</p>"), "NUL bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.file, tt.data)
			if err == nil {
				t.Fatalf("Parse succeeded with title %q; want error %q", a.Title, tt.want)
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

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		file      string
		want      parley.Article
		wantParas []string // the body's paragraphs, in order
	}{
		{
			file: "article.html",
			want: parley.Article{
				Title:     "Witkoff says Putin agreed to security guarantees",
				Outlet:    "Example News",
				URL:       "https://news.example.com/world/witkoff-guarantees?ref=canon",
				Author:    "Jane Doe",
				Language:  "en",
				Published: time.Date(2025, 8, 17, 14, 30, 0, 0, time.UTC),
			},
			wantParas: []string{
				"US envoy Steve Witkoff said on Sunday that Russian President Vladimir Putin agreed at the Alaska summit to allow the United States and European allies to offer Ukraine a security guarantee.",
				"“We were able to win the following concession: that the United States could offer Article 5-like protection,” Witkoff told CNN. He called the concession “game-changing.”",
				"The envoy did not say whether the guarantee could involve American troops, and he declined to discuss a Russian demand that Ukraine cede the entire Donbas region.",
				"Ukrainian President Volodymyr Zelensky was due to meet President Donald Trump at the White House on Monday, joined by several European leaders who want a seat at the table.",
			},
		},
		{
			file: "windows1252.html",
			want: parley.Article{Title: "Café talks in Genève"},
			wantParas: []string{
				"Negotiators met at a café in Genève on Tuesday, where the envoy said the talks were “serious and constructive” and that both delegations would return next week for another round.",
				"The Ukrainian side said it would not accept any deal that traded territory for a ceasefire, and European officials said they expected the talks to continue through the autumn.",
			},
		},
		{
			file: "notitle.html",
			want: parley.Article{Title: "Ukraine and Russia exchanged prisoners on Friday in a swap brokered by the United Arab Emirates, the…"},
			wantParas: []string{
				"Ukraine and Russia exchanged prisoners on Friday in a swap brokered by the United Arab Emirates, the latest in a series of exchanges that have continued despite the war and the stalled negotiations over a ceasefire.",
				"Officials in Kyiv said more than one hundred soldiers returned home.",
			},
		},
		{
			// A page saved from disk gets the outlet, authors and date its
			// JSON-LD declares, as a fetched page does, though no meta tag
			// names them and its <title> carries the site's name.
			file: "linkeddata.html",
			want: parley.Article{
				Title:     "Geneva round ends without a deal",
				Outlet:    "Baltic Wire Service",
				Author:    "Marta Kowalska, Jonas Berg",
				Language:  "en",
				Published: time.Date(2025, 11, 24, 9, 15, 0, 0, time.UTC),
			},
			wantParas: []string{
				"Negotiators from Kyiv and Washington ended two days of talks in Geneva on Sunday without agreeing on the text of a framework, officials on both sides said after the last session.",
				"The delegations will report to their capitals before deciding whether to meet again, one official said, adding that the question of territory remained the hardest of the open points.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a, err := Parse(tt.file, readFile(t, filepath.Join("testdata", tt.file)))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(tt.want, a, cmpopts.IgnoreFields(parley.Article{}, "Body", "Hash")); diff != "" {
				t.Errorf("article mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantParas, strings.Split(a.Body, "\n\n")); diff != "" {
				t.Errorf("body paragraphs mismatch (-want +got):\n%s", diff)
			}
			if strings.Contains(a.Body, "tracking") || strings.Contains(a.Body, "Privacy") {
				t.Errorf("body holds page furniture: %q", a.Body)
			}
		})
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{
		"a.md", "b.TXT", "c.html", "notes.pdf", ".hidden.md",
		"sub/d.htm", "sub/e.markdown", "sub/.git/f.md", ".cache/g.md", "sub/deeper/h.xhtml",
	} {
		path := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := func(p string) string { return filepath.Join(dir, p) }

	got, skipped, err := Files([]string{dir, j("notes.pdf"), j("a.md"), j("sub") + "/"})
	if err != nil {
		t.Fatalf("Files: %v", err)
	}
	want := []string{j("a.md"), j("b.TXT"), j("c.html"), j("notes.pdf"), j("sub/d.htm"), j("sub/deeper/h.xhtml"), j("sub/e.markdown")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Files mismatch (-want +got):\n%s", diff)
	}
	// notes.pdf, named explicitly, is not among what the walk left out.
	wantSkipped := []Skipped{{j(".cache"), "a dot folder"}, {j(".hidden.md"), "a dot file"}, {j("sub/.git"), "a dot folder"}}
	if diff := cmp.Diff(wantSkipped, skipped); diff != "" {
		t.Errorf("skipped mismatch (-want +got):\n%s", diff)
	}

	// A hidden folder named explicitly is walked.
	got, _, err = Files([]string{j(".cache")})
	if err != nil || !cmp.Equal(got, []string{j(".cache/g.md")}) {
		t.Errorf("Files(.cache) = %q, %v; want [%s]", got, err, j(".cache/g.md"))
	}

	_, _, err = Files([]string{j("a.md"), j("missing.md")})
	if err == nil || !strings.Contains(err.Error(), j("missing.md")) {
		t.Errorf("Files(missing) error = %v; want one naming %s", err, j("missing.md"))
	}
}

func FuzzParse(f *testing.F) {
	f.Add("a.md", []byte("---\ntitle: T\n---\nBody."))
	f.Add("a.html", []byte("<html><head><title>T</title></head><body><p>"+strings.Repeat("Some text here. ", 10)+"</p></body></html>"))
	f.Add("a.txt", []byte("# Head\n\nBody\r\nmore"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, err := Parse(name, data)
		if err != nil {
			if !errors.Is(err, parley.ErrInvalid) {
				t.Fatalf("error %v does not wrap parley.ErrInvalid", err)
			}
			return
		}
		if a.Body == "" || !utf8.ValidString(a.Body) {
			t.Fatalf("Body %q empty or not UTF-8", a.Body)
		}
		if a.Title == "" || !utf8.ValidString(a.Title) || strings.Contains(a.Title, "\n") {
			t.Fatalf("Title %q empty, not UTF-8 or not one line", a.Title)
		}
		if strings.TrimSpace(a.Body) != a.Body {
			t.Fatalf("Body %q not trimmed", a.Body)
		}
	})
}

func TestParseHTMLUTF16(t *testing.T) {
	page := "<html><head><title>Переговори в Києві</title></head><body><p>" + strings.Repeat("Delegations met again in Kyiv on Friday. ", 5) + "</p></body></html>"
	u16 := []byte{0xFF, 0xFE} // little-endian byte order mark
	for _, r := range page {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	a, err := Parse("page.html", u16)
	if err != nil {
		t.Fatalf("Parse(UTF-16 page): %v", err)
	}
	if a.Title != "Переговори в Києві" || !strings.HasPrefix(a.Body, "Delegations met again in Kyiv on Friday.") {
		t.Errorf("Parse(UTF-16 page) = title %q, body %.60q", a.Title, a.Body)
	}
}

func TestFromFields(t *testing.T) {
	a, err := FromFields(map[string]string{"title": " Talks in Geneva ", "outlet": "Wire", "url": "https://example.com/x",
		"published": "2025-11-23", "unknown": "ignored"}, "Envoys met in Geneva.\r\nThey talked for hours.")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Talks in Geneva" || a.Outlet != "Wire" || a.Date() != "2025-11-23" || a.Body != "Envoys met in Geneva.\nThey talked for hours." {
		t.Errorf("FromFields = %+v", a)
	}
	for name, tc := range map[string]struct {
		fields map[string]string
		text   string
	}{
		"bad date":    {map[string]string{"title": "T", "published": "23/11/2025"}, "Text."},
		"bad url":     {map[string]string{"title": "T", "url": "example.com/x"}, "Text."},
		"no text":     {map[string]string{"title": "T"}, "  \n "},
		"binary text": {map[string]string{"title": "T"}, "a\x00b"},
	} {
		if _, err := FromFields(tc.fields, tc.text); !errors.Is(err, parley.ErrInvalid) {
			t.Errorf("%s: err = %v, want ErrInvalid", name, err)
		}
	}
}
