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
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

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
			return parley.Article{}, parley.Errorf(parley.ErrInvalid, "file has no extension; use .md, .txt or .html")
		}
		return parley.Article{}, parley.Errorf(parley.ErrInvalid, "unsupported file type %s; use .md, .txt or .html", ext)
	}
	if len(data) > parley.MaxArticleBytes {
		return parley.Article{}, tooLarge(int64(len(data)))
	}
	var (
		a   parley.Article
		err error
	)
	if kind == "html" {
		a, _, err = parseHTML(data, savedText)
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

func tooLarge(size int64) error {
	mb := math.Ceil(float64(size)*10/(1<<20)) / 10
	return parley.Errorf(parley.ErrInvalid, "file is %.1f MB; the limit is %d MB", mb, parley.MaxArticleBytes>>20)
}

// ReadFile reads the file at path for Parse: only a regular file (a
// symbolic link is followed to one), and at most parley.MaxArticleBytes of it, however
// large it says it is. A device (/dev/zero, /dev/urandom), a named pipe or
// a socket is refused before anything is read, and opening never waits for
// a writer, so no path can make Parley read forever or hang.
func ReadFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if err := regular(fi); err != nil {
		return nil, err
	}
	if fi.Size() > parley.MaxArticleBytes {
		return nil, tooLarge(fi.Size())
	}
	// O_NONBLOCK: had the path become a pipe since Stat, opening it would
	// wait for a writer, in a system call no signal interrupts.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if err := regular(fi); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, parley.MaxArticleBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > parley.MaxArticleBytes {
		return nil, tooLarge(int64(len(b)))
	}
	return b, nil
}

// regular refuses what is not a regular file, saying what it is.
func regular(fi fs.FileInfo) error {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return parley.Errorf(parley.ErrInvalid, "it is a directory, not a file")
	}
	if kind := special(m); kind != "" {
		return parley.Errorf(parley.ErrInvalid, "it is %s, not a file (only regular files are read)", kind)
	}
	return parley.Errorf(parley.ErrInvalid, "it is not a regular file (only regular files are read)")
}

// special names the kind of a file that is neither regular nor a directory
// ("a device"), or returns "" for one of another kind.
func special(m fs.FileMode) string {
	switch {
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return ""
}

// parseText reads a text file with optional front matter.
func parseText(data []byte) (parley.Article, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return parley.Article{}, parley.Errorf(parley.ErrInvalid, "file is UTF-16, not UTF-8 text (convert it to UTF-8)")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return parley.Article{}, parley.Errorf(parley.ErrInvalid, "file contains NUL bytes; it looks binary, not text")
	}
	if !utf8.Valid(data) {
		return parley.Article{}, parley.Errorf(parley.ErrInvalid, "not UTF-8 text (convert it to UTF-8)")
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
		return parley.Article{}, parley.Errorf(parley.ErrInvalid, "the text is not valid UTF-8")
	}
	return fromMeta(meta, text)
}

// fromMeta finishes an article from its metadata and raw body text.
func fromMeta(meta Meta, rest string) (parley.Article, error) {
	body := prose.Normalize(rest)
	if body == "" {
		return parley.Article{}, parley.Errorf(parley.ErrInvalid, "no article text")
	}
	title := OneLine(meta.Title)
	if title == "" {
		// Without a title the first line is the headline: it names the
		// article rather than being part of its prose.
		title, body = headline(body)
		if title == "" {
			return parley.Article{}, parley.Errorf(parley.ErrInvalid, "no title; add a line \"title: ...\" in front matter")
		}
	}
	if !readsAsProse(body) {
		return parley.Article{}, errNotProse
	}
	return parley.Article{
		Title:     title,
		Outlet:    OneLine(meta.Outlet),
		URL:       meta.URL,
		Author:    OneLine(meta.Author),
		Language:  Language(meta.Language),
		Published: meta.Published,
		Body:      body,
	}, nil
}

// Language is the language an article declares (front matter, the page's
// lang) as its primary subtag in lower case: "uk-UA" is uk, and "ua", a
// country code pages often give, uk too. An article that declares none is
// stored with the one its text is in (store.Add, prose.DetectLanguage).
func Language(declared string) string {
	l := strings.ToLower(OneLine(declared))
	if i := strings.IndexAny(l, "-_"); i > 0 {
		l = l[:i]
	}
	if l == "ua" {
		return "uk"
	}
	return l
}

// errNotProse rejects a text that is mostly not words, such as
// /etc/passwd or a CSV file saved as .txt.
var errNotProse = parley.Errorf(parley.ErrInvalid, "no article text: most of it is not words (a data or configuration file?)")

// readsAsProse reports whether text reads as prose: at least half its runs of
// non-space characters are words or numbers, with punctuation around them
// ("said.", "(AP)", "1,000", "O’Brien"), rather than records
// ("root:x:0:0:root:/root:/bin/bash").
func readsAsProse(text string) bool {
	runs, words := 0, 0
	for _, run := range strings.Fields(text) {
		runs++
		if isWord(run) {
			words++
		}
	}
	return 2*words >= runs
}

func isWord(run string) bool {
	run = strings.TrimFunc(run, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) })
	if run == "" {
		return false
	}
	for _, r := range run {
		if !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) && !strings.ContainsRune("'’-‐‑.,", r) {
			return false
		}
	}
	return true
}

// headline takes the first line with text from body as a title, without
// Markdown heading marks, and returns the body without it unless nothing
// else would be left.
func headline(body string) (title, rest string) {
	off := 0
	for line := range strings.Lines(body) {
		off += len(line)
		if title = OneLine(strings.TrimLeft(strings.TrimSpace(line), "#")); title != "" {
			break
		}
	}
	if rest = prose.Normalize(body[off:]); rest == "" {
		return title, body
	}
	return title, rest
}

// OneLine is how a title, an outlet, an author or a language is stored,
// whatever it came from: on one line, with single spaces, and without
// control characters (ESC, BEL, the C1 controls), which a terminal showing
// it would obey.
func OneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(prose.Normalize(s)), " ")
}

// wallClock re-expresses t's written date and time in UTC, so the date shown
// is the one the article gives, whatever its time zone and however the store
// serialises it.
func wallClock(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// Skipped is an entry of a folder that Files left out, and why: "a dot
// file" or "a dot folder" (hidden), "not .md/.txt/.html", "a device", "a
// named pipe", "a socket", "a broken link" or "cannot be read".
type Skipped struct {
	Path, Reason string
}

// Files expands the paths a user names into the files to ingest: directories
// are walked for supported files, following symbolic links to files and to
// folders, while a file named explicitly is kept whatever its extension, so
// that Parse can say why it is refused. The result is sorted and has no
// duplicates. What the walk left out is returned with the reason (hidden
// files and folders, other extensions, devices, pipes, sockets, broken
// links); a folder reached again (through a link, or a loop of links) is
// not walked again, which leaves nothing out.
func Files(paths []string) ([]string, []Skipped, error) {
	w := &walk{}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, nil, fmt.Errorf("%s: no such file or directory", p)
			}
			return nil, nil, err
		}
		if !info.IsDir() {
			w.files = append(w.files, filepath.Clean(p))
			continue
		}
		if err := w.dir(filepath.Clean(p), info); err != nil {
			return nil, nil, fmt.Errorf("read folder %s: %w", p, err)
		}
	}
	slices.Sort(w.files)
	files := slices.Compact(w.files)
	// A file named explicitly is kept even if a walk passed it over.
	skipped := slices.DeleteFunc(w.skipped, func(s Skipped) bool {
		_, found := slices.BinarySearch(files, s.Path)
		return found
	})
	slices.SortFunc(skipped, func(a, b Skipped) int { return strings.Compare(a.Path, b.Path) })
	return files, skipped, nil
}

// walk is the state of Files: what it found, what it left out, and the
// folders it has read, so that none is read twice.
type walk struct {
	files   []string
	skipped []Skipped
	read    []fs.FileInfo
}

// dir adds the supported files under the folder at path, whose
// information (links followed) is info.
func (w *walk) dir(path string, info fs.FileInfo) error {
	for _, r := range w.read {
		if os.SameFile(r, info) {
			return nil
		}
	}
	w.read = append(w.read, info)
	entries, err := os.ReadDir(path)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(path, e.Name())
		if strings.HasPrefix(e.Name(), ".") {
			reason := "a dot file"
			if e.IsDir() {
				reason = "a dot folder"
			}
			w.skip(p, reason)
			continue
		}
		info, err := os.Stat(p) // through a link, to what it leads to
		switch {
		case err != nil && e.Type()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist):
			w.skip(p, "a broken link")
		case err != nil:
			w.skip(p, "cannot be read")
		case info.IsDir():
			if err := w.dir(p, info); err != nil {
				w.skip(p, "cannot be read")
			}
		case !info.Mode().IsRegular():
			kind := special(info.Mode())
			if kind == "" {
				kind = "not a regular file"
			}
			w.skip(p, kind)
		case kinds[strings.ToLower(filepath.Ext(p))] == "":
			w.skip(p, "not .md/.txt/.html")
		default:
			w.files = append(w.files, p)
		}
	}
	return nil
}

func (w *walk) skip(path, reason string) {
	w.skipped = append(w.skipped, Skipped{Path: path, Reason: reason})
}
