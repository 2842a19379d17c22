package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// MinWebWords is the least article text a fetched page must have when
// nothing on it marks it as an article. It is higher than for a saved file
// because a page fetched by URL was not chosen by someone who read it:
// under this, and with no sign of an article, readability has found a
// paywall teaser or the blurbs of an index page, not the article. A feed's
// own text of an item shorter than this is taken for a summary.
const MinWebWords = 80

// minBriefWords is the least running text of a page that marks itself as
// one article (JSON-LD article data, or a single <article> element): a
// news brief of three short paragraphs has it; a paywall's teaser, a lede
// over "Subscribe to keep reading", has not.
const minBriefWords = 40

// minDenseWords is how many words make a block of a page's text running
// text rather than furniture ("Share on social media", "Already a
// subscriber? Sign in."): text density, as boilerplate detection measures
// it, by the block.
const minDenseWords = 12

// utf8BOM makes decodeHTML take a page as UTF-8 whatever its <meta charset>
// says, since a byte order mark outranks every declaration.
const utf8BOM = "\uFEFF"

// DecodeWebPage returns a fetched page as UTF-8. The charset the server
// declares in contentType wins over the page's own <meta charset>, as it does
// in browsers; without one the page is decoded as a saved .html file is.
func DecodeWebPage(data []byte, contentType string) ([]byte, error) {
	_, params, _ := mime.ParseMediaType(contentType)
	if label := params["charset"]; label != "" {
		enc, name := charset.Lookup(label)
		if enc == nil {
			return nil, parley.Errorf(parley.ErrInvalid, "the server declares an unknown charset %q", label)
		}
		if name == "utf-8" {
			if !utf8.Valid(data) {
				return nil, parley.Errorf(parley.ErrInvalid, "the page declares UTF-8 but is not valid UTF-8")
			}
			return data, nil
		}
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, parley.Errorf(parley.ErrInvalid, "the page is not valid %s text", name)
		}
		return out, nil
	}
	return decodeHTML(data)
}

// ParseWebPage reduces a page that DecodeWebPage has made UTF-8 to its
// article, as Parse does for a saved .html file, but judges its text by
// what the page says of itself (webText), since no one chose it by reading
// it. claims are the addresses the page gives for itself (its canonical
// link, then og:url) as it writes them, maybe relative, for the fetcher to
// judge against the address it fetched.
func ParseWebPage(page []byte) (a parley.Article, claims []string, err error) {
	a, meta, err := parseHTML(append([]byte(utf8BOM), page...), webText)
	if err != nil {
		return parley.Article{}, nil, err
	}
	a, err = finishWeb(a)
	return a, []string{meta.canonical, meta.ogURL}, err
}

// webText judges the text readability found on a fetched page. MinWebWords
// of it are enough on any page, as they always were. Less is enough on a
// page marked as one article, by its JSON-LD or a single <article>
// element, if minBriefWords of it are running text, as in a short brief;
// but not on a page whose structured data says it is not free to read,
// since a paywall shows a teaser. The reason names the signal that decided.
func webText(body string, s pageSignals) error {
	words := prose.WordCount(body)
	marked := s.linkedType != "" || s.articles == 1
	switch {
	case words >= MinWebWords:
		return nil
	case s.paywalled:
		return parley.Errorf(parley.ErrInvalid, "the page is behind a paywall: its structured data says isAccessibleForFree is false, and only %s of the article can be read", plural(words, "word"))
	case marked:
		mark := "a single <article> element"
		if s.linkedType != "" {
			mark = s.linkedType + " structured data"
		}
		if prompt := subscribePrompt(body); prompt != "" {
			return parley.Errorf(parley.ErrInvalid, "%s: it is marked as an article (%s), but its text ends in a paywall's call to subscribe, %q", noWebText, mark, prompt)
		}
		if dense := denseWords(body); dense < minBriefWords {
			return parley.Errorf(parley.ErrInvalid, "%s: it is marked as an article (%s), but has only %s of running text, fewer than the %d of a brief", noWebText, mark, plural(dense, "word"), minBriefWords)
		}
		return nil
	case s.articles > 1:
		return parley.Errorf(parley.ErrInvalid, "%s: it has %d <article> elements, as a list of stories does, and %s, fewer than %d", noWebText, s.articles, plural(words, "word"), MinWebWords)
	}
	return parley.Errorf(parley.ErrInvalid, "%s: nothing marks it as an article (no article structured data, no <article> element), and its %s are fewer than %d", noWebText, plural(words, "word"), MinWebWords)
}

// denseWords counts the words of body's paragraphs of running text, those
// of at least minDenseWords words.
func denseWords(body string) int {
	n := 0
	for _, para := range strings.Split(body, "\n") {
		if w := prose.WordCount(para); w >= minDenseWords {
			n += w
		}
	}
	return n
}

// subscribeWords mark a paywall's call to subscribe ("Subscribe to keep
// reading. Already a subscriber? Sign in."), in the languages of the
// library; stems, so that "subscriber" and "подписку" match.
var subscribeWords = []string{"subscri", "keep reading", "continue reading", "подписк", "подписчик", "передплат", "підписк", "підписник"}

// subscribePrompt returns the block of furniture (fewer than
// minDenseWords words) after body's running text that asks the reader to
// subscribe, or "". Short text that ends so is a teaser, not a brief.
func subscribePrompt(body string) string {
	paras := strings.Split(body, "\n")
	for i := len(paras) - 1; i >= 0; i-- {
		p := strings.TrimSpace(paras[i])
		if prose.WordCount(p) >= minDenseWords {
			break
		}
		lower := strings.ToLower(p)
		for _, w := range subscribeWords {
			if strings.Contains(lower, w) {
				return p
			}
		}
	}
	return ""
}

// plural writes n with its noun, in the plural unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// ParseWebText reads a text/plain page, already UTF-8, as a .txt file is
// read: optional front matter, and the first line as the title.
func ParseWebText(page []byte) (parley.Article, error) {
	a, err := parseText(page)
	if err != nil {
		return parley.Article{}, err
	}
	if err := webText(a.Body, pageSignals{}); err != nil {
		return parley.Article{}, err
	}
	return finishWeb(a)
}

// ParseDate reads a publication date in any form front matter accepts,
// keeping the wall-clock date the page gives.
func ParseDate(s string) (time.Time, bool) {
	var m Meta
	if setPublished(&m, s) != nil {
		return time.Time{}, false
	}
	return m.Published, true
}

// noWebText leads the reasons a fetched page is not taken for an article
// when no paywall is declared.
const noWebText = "the page has no article text (a paywall or an index page?)"

// finishWeb gives a fetched article its hash.
func finishWeb(a parley.Article) (parley.Article, error) {
	sum := sha256.Sum256([]byte(a.Body))
	a.Hash = hex.EncodeToString(sum[:])
	return a, nil
}
