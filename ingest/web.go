package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"mime"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// MinWebWords is the least article text a fetched page must have. It is
// higher than for a saved file because a page fetched by URL was not chosen
// by someone who read it: under this, readability has found a paywall
// teaser or the blurbs of an index page, not the article.
const MinWebWords = 80

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
			return nil, invalidf("the server declares an unknown charset %q", label)
		}
		if name == "utf-8" {
			if !utf8.Valid(data) {
				return nil, invalidf("the page declares UTF-8 but is not valid UTF-8")
			}
			return data, nil
		}
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, invalidf("the page is not valid %s text", name)
		}
		return out, nil
	}
	return decodeHTML(data)
}

// ParseWebPage reduces a page that DecodeWebPage has made UTF-8 to its
// article, as Parse does for a saved .html file, but refuses pages with
// fewer than MinWebWords words of article text.
func ParseWebPage(page []byte) (parley.Article, error) {
	a, err := parseHTML(append([]byte(utf8BOM), page...))
	if errors.Is(err, errNoText) {
		return parley.Article{}, errNoWebText
	}
	if err != nil {
		return parley.Article{}, err
	}
	return finishWeb(a)
}

// ParseWebText reads a text/plain page, already UTF-8, as a .txt file is
// read: optional front matter, and the first line as the title.
func ParseWebText(page []byte) (parley.Article, error) {
	a, err := parseText(page)
	if err != nil {
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

var errNoWebText = invalidf("the page has no article text (a paywall or an index page?)")

func finishWeb(a parley.Article) (parley.Article, error) {
	if prose.WordCount(a.Body) < MinWebWords {
		return parley.Article{}, errNoWebText
	}
	sum := sha256.Sum256([]byte(a.Body))
	a.Hash = hex.EncodeToString(sum[:])
	return a, nil
}
