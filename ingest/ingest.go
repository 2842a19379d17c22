// Package ingest turns what a user hands Parley — a front-matter text file or
// a saved web page — into a parley.Article, and cuts article bodies into the
// passages that retrieval scores. It rejects input it cannot turn into an
// article with an error wrapping parley.ErrInvalid whose message says what to
// fix.
package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// MaxBytes is the largest file Parse accepts. News articles are a few tens of
// kilobytes, even saved with their page furniture; anything larger is almost
// certainly not one article.
const MaxBytes = 5 << 20

// invalidError is a rejection the user can act on: its message is the reason
// alone, and it matches parley.ErrInvalid so callers can branch on it.
type invalidError struct{ reason string }

func (e *invalidError) Error() string { return e.reason }
func (e *invalidError) Unwrap() error { return parley.ErrInvalid }

func invalidf(format string, args ...any) error {
	return &invalidError{reason: fmt.Sprintf(format, args...)}
}

// kinds maps the supported extensions to how their files are read.
var kinds = map[string]string{
	".md": "text", ".markdown": "text", ".txt": "text",
	".html": "html", ".htm": "html", ".xhtml": "html",
}

// Parse reads the file called name, whose content is data, into an article.
// The extension decides the format: .md, .markdown and .txt are text with
// optional front matter, .html, .htm and .xhtml are web pages reduced to
// their main text. The returned article has a title, a normalised body and
// its hash; ID and Added are left for the store.
func Parse(name string, data []byte) (parley.Article, error) {
	ext := strings.ToLower(filepath.Ext(name))
	kind, ok := kinds[ext]
	if !ok {
		if ext == "" {
			return parley.Article{}, invalidf("file has no extension; use .md, .txt or .html")
		}
		return parley.Article{}, invalidf("unsupported file type %s; use .md, .txt or .html", ext)
	}
	if len(data) > MaxBytes {
		mb := math.Ceil(float64(len(data))*10/(1<<20)) / 10
		return parley.Article{}, invalidf("file is %.1f MB; the limit is %d MB", mb, MaxBytes>>20)
	}
	var (
		a   parley.Article
		err error
	)
	if kind == "html" {
		a, err = parseHTML(data)
	} else {
		a, err = parseText(data)
	}
	if err != nil {
		return parley.Article{}, err
	}
	sum := sha256.Sum256([]byte(a.Body))
	a.Hash = hex.EncodeToString(sum[:])
	return a, nil
}

// parseText reads a text file with optional front matter.
func parseText(data []byte) (parley.Article, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return parley.Article{}, invalidf("file is UTF-16, not UTF-8 text (convert it to UTF-8)")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return parley.Article{}, invalidf("file contains NUL bytes; it looks binary, not text")
	}
	if !utf8.Valid(data) {
		return parley.Article{}, invalidf("not UTF-8 text (convert it to UTF-8)")
	}
	meta, rest, err := ParseFrontMatter(prose.Normalize(string(data)))
	if err != nil {
		return parley.Article{}, err
	}
	return fromMeta(meta, rest)
}

// FromFields makes an article from fields given one by one (Discord's form:
// title, outlet, url, published, author, language) and its text, with the
// same checks and normalisation as a front-matter file. Empty fields are
// left out; unknown ones are ignored.
func FromFields(fields map[string]string, text string) (parley.Article, error) {
	var meta Meta
	for k, v := range fields {
		set, ok := metaKeys[strings.ToLower(k)]
		if v = strings.TrimSpace(v); !ok || v == "" {
			continue
		}
		if err := set(&meta, v); err != nil {
			return parley.Article{}, err
		}
	}
	if bytes.IndexByte([]byte(text), 0) >= 0 || !utf8.ValidString(text) {
		return parley.Article{}, invalidf("the text is not valid UTF-8")
	}
	return fromMeta(meta, text)
}

// fromMeta finishes an article from its metadata and raw body text.
func fromMeta(meta Meta, rest string) (parley.Article, error) {
	body := prose.Normalize(rest)
	if body == "" {
		return parley.Article{}, invalidf("no article text")
	}
	title := cleanTitle(meta.Title)
	if title == "" {
		// Without a title the first line is the headline: it names the
		// article rather than being part of its prose.
		title, body = headline(body)
		if title == "" {
			return parley.Article{}, invalidf("no title; add a line \"title: ...\" in front matter")
		}
	}
	return parley.Article{
		Title:     title,
		Outlet:    meta.Outlet,
		URL:       meta.URL,
		Author:    meta.Author,
		Language:  meta.Language,
		Published: meta.Published,
		Body:      body,
	}, nil
}

// headline takes the first line with text from body as a title, without
// Markdown heading marks, and returns the body without it unless nothing
// else would be left.
func headline(body string) (title, rest string) {
	off := 0
	for line := range strings.Lines(body) {
		off += len(line)
		if title = cleanTitle(strings.TrimLeft(strings.TrimSpace(line), "#")); title != "" {
			break
		}
	}
	if rest = prose.Normalize(body[off:]); rest == "" {
		return title, body
	}
	return title, rest
}

// cleanTitle puts a title on one line with single spaces.
func cleanTitle(s string) string {
	return strings.Join(strings.Fields(prose.Normalize(s)), " ")
}

// wallClock re-expresses t's written date and time in UTC, so the date shown
// is the one the article gives, whatever its time zone and however the store
// serialises it.
func wallClock(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// Files expands the paths a user names into the files to ingest: directories
// are walked for supported files (hidden files and folders skipped), while a
// file named explicitly is kept whatever its extension, so that Parse can say
// why it is refused. The result is sorted and has no duplicates.
func Files(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, filepath.Clean(p))
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			hidden := path != p && strings.HasPrefix(d.Name(), ".")
			if d.IsDir() {
				if hidden {
					return filepath.SkipDir
				}
				return nil
			}
			if !hidden && d.Type().IsRegular() && kinds[strings.ToLower(filepath.Ext(path))] != "" {
				files = append(files, filepath.Clean(path))
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read folder %s: %w", p, err)
		}
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}
