package ingest

import (
	"bytes"
	"cmp"
	"net/url"
	"strings"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// minPageWords is the least main text a page must have to be an article;
// below it readability has found only page furniture ("Home", a cookie
// notice), not news.
const minPageWords = 20

// maxFallbackTitle is how many characters of the first line (an ellipsis
// after them) stand in for the title of a page that has none.
const maxFallbackTitle = 100

// errNoText is the rejection of a saved page readability finds no article
// text in.
var errNoText = parley.Errorf(parley.ErrInvalid, "no article text found")

// parseHTML reduces a web page to its article text with readability. Its
// title, outlet, author and date come from the page's own metadata (JSON-LD,
// Open Graph and meta tags, see readMeta) where it gives them, otherwise
// from readability's reading of the page; its address is the canonical one
// the page names. The metadata is returned too, for a fetched page's
// claims to its address. judge decides whether the text found is enough for an article, from its
// words and what the page says of itself, read before readability
// rearranges the page; it gets "" when readability finds nothing.
func parseHTML(data []byte, judge func(body string, s pageSignals) error) (parley.Article, pageMeta, error) {
	data, err := decodeHTML(data)
	if err != nil {
		return parley.Article{}, pageMeta{}, err
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return parley.Article{}, pageMeta{}, parley.Errorf(parley.ErrInvalid, "file contains NUL bytes; it looks binary, not a web page")
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return parley.Article{}, pageMeta{}, parley.Errorf(parley.ErrInvalid, "cannot read the page as HTML: %v", err)
	}
	signals := readSignals(doc)
	meta := readMeta(doc)
	canonical := meta.address()
	var base *url.URL
	if canonical != "" {
		base, _ = url.Parse(canonical)
	}
	parser := readability.NewParser()
	page, err := parser.ParseAndMutate(doc, base)
	var text strings.Builder
	if err == nil && page.Node != nil {
		if err := page.RenderText(&text); err != nil {
			text.Reset()
		}
	}
	body := dropByline(prose.Normalize(text.String()))
	if err := judge(body, signals); err != nil {
		return parley.Article{}, meta, err
	}
	if !readsAsProse(body) {
		return parley.Article{}, meta, errNotProse
	}
	a := parley.Article{
		Title:     cmp.Or(meta.title, OneLine(page.Title())),
		Outlet:    cmp.Or(meta.outlet, OneLine(page.SiteName())),
		URL:       canonical,
		Author:    byline(cmp.Or(meta.author, page.Byline())),
		Language:  Language(page.Language()),
		Body:      body,
		Published: meta.published,
	}
	if t, err := page.PublishedTime(); err == nil && a.Published.IsZero() {
		a.Published = wallClock(t)
	}
	if a.Title == "" {
		a.Title = prose.ClipWords(OneLine(firstLine(body)), maxFallbackTitle+1)
	}
	return a, meta, nil
}

// decodeHTML returns the page as UTF-8. A byte order mark or a declared
// charset (<meta charset>) is honoured; an undeclared page must be UTF-8,
// since guessing an encoding would put wrong characters in quotes.
func decodeHTML(data []byte) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(data, "")
	// DetermineEncoding falls back to windows-1252 when nothing is declared;
	// only believe that name when the page really names a charset.
	head := bytes.ToLower(data[:min(len(data), 1024)])
	declared := certain || name != "windows-1252" || bytes.Contains(head, []byte("charset"))
	if !declared || name == "utf-8" {
		if !utf8.Valid(data) {
			return nil, parley.Errorf(parley.ErrInvalid, "not UTF-8 text (convert it to UTF-8 or declare its charset)")
		}
		return bytes.TrimPrefix(data, []byte("\uFEFF")), nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, parley.Errorf(parley.ErrInvalid, "page is not valid %s text", name)
	}
	// A UTF-16 byte order mark decodes to U+FEFF, which the HTML parser
	// would take for text before <html>.
	return bytes.TrimPrefix(out, []byte("\uFEFF")), nil
}

// savedText judges the text of a saved page: someone chose the page, so
// anything more than page furniture ("Home", a cookie notice) is its
// article.
func savedText(body string, _ pageSignals) error {
	if prose.WordCount(body) < minPageWords {
		return errNoText
	}
	return nil
}

// pageSignals are what a page says of itself about being one article, for
// judging a fetched page whose text is short: a news brief is short, and so
// are a paywall's teaser and an index page's blurbs.
type pageSignals struct {
	// linkedType is the schema.org type of the page's JSON-LD article
	// ("NewsArticle"), or "" if it describes none.
	linkedType string
	paywalled  bool // that article says isAccessibleForFree: false
	articles   int  // <article> elements: one for an article page, many for an index
}

// readSignals reads a page's signals from its JSON-LD and its elements.
func readSignals(doc *html.Node) pageSignals {
	var s pageSignals
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "article":
				s.articles++
			case "script":
				if s.linkedType == "" && strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					if a := FindLinkedArticle([]byte(n.FirstChild.Data)); a != nil {
						s.linkedType, s.paywalled = a.Type(), a.Paywalled()
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return s
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// byline strips the "By" that pages put before an author's name.
// dropByline removes a first paragraph that is only a byline ("By Jane
// Doe and John Roe"), which readability sometimes keeps: it names the
// author, already in the metadata, and is no one's words to quote.
func dropByline(body string) string {
	first, rest, ok := strings.Cut(body, "\n\n")
	if !ok || len(first) < 4 || !strings.EqualFold(first[:3], "by ") || prose.WordCount(first) > 12 ||
		strings.ContainsAny(first, ".!?:;\"“”") {
		return body
	}
	return rest
}

func byline(s string) string {
	s = OneLine(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		s = strings.TrimSpace(s[3:])
	}
	return s
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
