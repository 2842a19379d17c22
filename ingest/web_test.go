package ingest

import (
	"strings"
	"testing"

	"github.com/parley-bot/parley/prose"
)

// brief is a short news brief: three paragraphs, 55 words.
const brief = `<p>Ukrainian and Russian delegations will meet in Istanbul on Monday for a third round of direct talks, officials said.</p>
<p>The talks are expected to focus on a further exchange of prisoners and on the return of children taken to Russia.</p>
<p>Kyiv said its delegation would again be led by the former defence minister, Rustem Umerov.</p>`

// webPage is a fetched page: head (JSON-LD, say) and the article text in
// an element of the kind wrap names, among the furniture of a news site.
func webPage(head, wrap, text string) []byte {
	return []byte(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Talks in Istanbul</title>` + head +
		`</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header><main><` + wrap + `><h1>Talks in Istanbul</h1>` +
		text + `</` + wrap + `></main><footer><p>© 2025 Example News.</p></footer></body></html>`)
}

func linkedData(extra string) string {
	return `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Talks in Istanbul"` +
		extra + `}</script>`
}

// TestParseWebPageSignals: a fetched page's short text is an article when
// the page marks itself as one (JSON-LD or a single <article> element) and
// the text is running text; a declared paywall, a call to subscribe, an
// index of stories or a page with no such mark is refused, saying which
// signal decided. Long text is an article as before.
func TestParseWebPageSignals(t *testing.T) {
	if n := prose.WordCount(prose.Normalize(strings.NewReplacer("<p>", "", "</p>", "").Replace(brief))); n != 55 {
		t.Fatalf("the brief has %d words, want 55", n)
	}
	long := strings.Repeat(`<p>The delegations discussed a ceasefire, the exchange of prisoners and guarantees for the security of Ukraine after any agreement is signed.</p>`, 5)
	teaser := `<p>Ukrainian and Russian delegations will meet in Istanbul on Monday for a third round of direct talks, officials said.</p>
<p>The talks are expected to focus on a further exchange of prisoners and on the return of children taken to Russia.</p>
<p>Subscribe to keep reading. Already a subscriber? Sign in.</p>`
	thin := `<p>Talks in Istanbul.</p><p>Monday, 10:00.</p><p>Delegations of Ukraine and Russia.</p><p>Prisoners, children.</p><p>More to follow.</p><p>Updated at noon.</p>`
	var index strings.Builder
	for _, s := range []string{"Envoys meet in Istanbul", "Prisoners exchanged", "Children return home"} {
		index.WriteString(`<article><h2><a href="/s">` + s + `</a></h2><p>A short blurb about the story, as index pages show under each headline.</p></article>`)
	}
	tests := []struct {
		name string
		page []byte
		want string // "" for an article, else part of the reason
	}{
		{"a brief with JSON-LD and <article>", webPage(linkedData(""), "article", brief), ""},
		{"a brief with JSON-LD only", webPage(linkedData(""), "div", brief), ""},
		{"a brief in an <article> only", webPage("", "article", brief), ""},
		{"a brief marked as free", webPage(linkedData(`,"isAccessibleForFree":true`), "article", brief), ""},
		{"a brief with nothing to mark it", webPage("", "div", brief),
			"the page has no article text (a paywall or an index page?): nothing marks it as an article (no article structured data, no <article> element), and its 55 words are fewer than 80"},
		{"a declared paywall", webPage(linkedData(`,"isAccessibleForFree":false`), "article", brief),
			"the page is behind a paywall: its structured data says isAccessibleForFree is false, and only 55 words of the article can be read"},
		{"a declared paywall, as a string", webPage(linkedData(`,"isAccessibleForFree":"False"`), "article", brief), "the page is behind a paywall"},
		{"a metered paywall that serves the text", webPage(linkedData(`,"isAccessibleForFree":false`), "article", long), ""},
		{"a teaser", webPage(linkedData(""), "article", teaser),
			`it is marked as an article (NewsArticle structured data), but its text ends in a paywall's call to subscribe, "Subscribe to keep reading. Already a subscriber? Sign in."`},
		{"furniture only", webPage("", "article", thin),
			"it is marked as an article (a single <article> element), but has only 0 words of running text, fewer than the 40 of a brief"},
		{"an index of stories", webPage("", "div", index.String()), "it has 3 <article> elements, as a list of stories does, and"},
		{"a long page with nothing to mark it", webPage("", "div", long), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, err := ParseWebPage(tt.page)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("rejected: %v", err)
			case tt.want == "":
				if n := prose.WordCount(a.Body); n < 55 || a.Hash == "" {
					t.Errorf("body of %d words, hash %q: %q", n, a.Hash, a.Body)
				}
			case err == nil:
				t.Fatalf("accepted, want %q", tt.want)
			case !strings.Contains(err.Error(), tt.want):
				t.Errorf("err = %q, want it to say %q", err, tt.want)
			}
		})
	}
}

// TestParseWebTextFloor: a text/plain page carries no signals, so it needs
// the floor.
func TestParseWebTextFloor(t *testing.T) {
	text := "Talks in Istanbul\n\n" + strings.NewReplacer("<p>", "", "</p>", "\n").Replace(brief)
	_, err := ParseWebText([]byte(text))
	if err == nil || !strings.Contains(err.Error(), "nothing marks it as an article") {
		t.Errorf("err = %v, want the floor's reason", err)
	}
}
