package ingest

import (
	"net/url"
	"strings"
	"time"

	"github.com/parley-bot/parley"
)

// Meta is what a front-matter block says about its article. Fields the block
// does not give are empty (Published is zero).
type Meta struct {
	Title     string
	Outlet    string
	URL       string
	Author    string
	Language  string
	Published time.Time
}

// metaKeys maps the accepted keys, aliases included, to the field they set.
var metaKeys = map[string]func(m *Meta, v string) error{
	"title":     func(m *Meta, v string) error { m.Title = v; return nil },
	"outlet":    setOutlet,
	"source":    setOutlet,
	"publisher": setOutlet,
	"url":       setURL,
	"link":      setURL,
	"published": setPublished,
	"date":      setPublished,
	"author":    func(m *Meta, v string) error { m.Author = v; return nil },
	"language":  setLanguage,
	"lang":      setLanguage,
}

func setOutlet(m *Meta, v string) error   { m.Outlet = v; return nil }
func setLanguage(m *Meta, v string) error { m.Language = v; return nil }

func setURL(m *Meta, v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return parley.Errorf(parley.ErrInvalid, "url %q is not an absolute http(s) address", v)
	}
	m.URL = v
	return nil
}

// dateLayouts are the accepted forms of a published date, tried in order.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
}

func setPublished(m *Meta, v string) error {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			m.Published = wallClock(t)
			return nil
		}
	}
	return parley.Errorf(parley.ErrInvalid, "published date %q not understood; use YYYY-MM-DD (2025-08-19) or RFC 3339 (2025-08-19T10:00:00Z)", v)
}

// ParseFrontMatter splits a text file into its front matter and its body.
// Front matter is a block of "key: value" lines between a first line "---"
// and the next line "---" (or "..."); blank lines, "#" comments, indented
// lines and unknown keys are ignored so files written for other tools still
// load. Keys are case-insensitive; values may be quoted. The known keys are
// title, outlet (source, publisher), url (link), published (date), author and
// language (lang). Without a block, meta is empty and body is data without
// its byte order mark. A block that never closes, a bad date or a relative
// URL is an error wrapping parley.ErrInvalid.
func ParseFrontMatter(data string) (meta Meta, body string, err error) {
	data = strings.TrimPrefix(data, "\uFEFF")
	rest := strings.TrimLeft(data, " \t\r\n")
	first, rest, _ := strings.Cut(rest, "\n")
	if strings.TrimRight(first, " \t\r") != "---" {
		return Meta{}, data, nil
	}
	for n := 2; ; n++ {
		if rest == "" {
			return Meta{}, "", errNeverEnds
		}
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimRight(line, " \t\r")
		if closer, after := closes(line); closer {
			if after != "" {
				rest = after + "\n" + rest
			}
			break
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") || line[0] == ' ' || line[0] == '\t' || strings.HasPrefix(line, "- ") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		key = strings.ToLower(strings.TrimSpace(key))
		if !ok || key == "" {
			if !hasCloser(rest) {
				return Meta{}, "", errNeverEnds
			}
			return Meta{}, "", parley.Errorf(parley.ErrInvalid, "front matter line %d is not \"key: value\": %q", n, line)
		}
		set, known := metaKeys[key]
		if v := unquote(strings.TrimSpace(value)); known && v != "" {
			if err := set(&meta, v); err != nil {
				return Meta{}, "", err
			}
		}
	}
	return meta, rest, nil
}

var errNeverEnds = parley.Errorf(parley.ErrInvalid, "front matter starts with --- but never ends; close it with a line ---")

// hasCloser reports whether a line of text closes a front-matter block.
func hasCloser(text string) bool {
	for line := range strings.Lines(text) {
		if closer, _ := closes(strings.TrimRight(line, " \t\r\n")); closer {
			return true
		}
	}
	return false
}

// closes reports whether line ends a front-matter block: "---", "..." or a
// longer run of dashes. A file whose body was glued to the closing dashes
// ("---Text") still closes there; after is the glued text.
func closes(line string) (closer bool, after string) {
	if line == "..." {
		return true, ""
	}
	if !strings.HasPrefix(line, "---") {
		return false, ""
	}
	return true, strings.TrimLeft(line, "-")
}

// unquote removes one pair of matching single or double quotes around v.
func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return strings.TrimSpace(v[1 : len(v)-1])
	}
	return v
}
