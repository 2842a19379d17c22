package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley"
)

// readWithin runs ReadFile and Parse on path as `parley add` does, failing
// the test if they have not returned within a few seconds (a FIFO used to
// block for ever).
func readWithin(t *testing.T, path string) (parley.Article, error) {
	t.Helper()
	type result struct {
		a   parley.Article
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := ReadFile(path)
		if err != nil {
			done <- result{err: err}
			return
		}
		a, err := Parse(path, b)
		done <- result{a, err}
	}()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	select {
	case r := <-done:
		return r.a, r.err
	case <-ctx.Done():
		t.Fatalf("reading %s has not returned: it blocks", path)
		return parley.Article{}, nil
	}
}

func symlink(t *testing.T, target, name string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestReadFileRefusesWhatIsNoArticle: a symbolic link to a file of records
// (/etc/passwd) is followed, but what it leads to is no article; a file
// larger than the limit is refused before it is read.
func TestReadFileRefusesWhatIsNoArticle(t *testing.T) {
	passwd, err := filepath.Abs("testdata/passwd.txt")
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(t.TempDir(), "big.md")
	if err := os.WriteFile(big, nil, 0o644); err != nil || os.Truncate(big, parley.MaxArticleBytes+1) != nil {
		t.Fatal("cannot make a large file")
	}
	tests := []rejection{
		{"a link to a file of records", symlink(t, passwd, "passwd.txt"), "no article text: most of it is not words"},
		{"a link to it without an extension", symlink(t, passwd, "passwd"), "file has no extension"},
		{"too large", big, "file is 5.1 MB; the limit is 5 MB"},
	}
	if _, err := os.Stat("/etc/passwd"); err == nil {
		tests = append(tests, rejection{"a link to /etc/passwd", symlink(t, "/etc/passwd", "notes.txt"), "no article text"})
	}
	wantRejected(t, tests)
}

// TestReadFileFollowsLinks: a link to an article file anywhere is read as
// that file.
func TestReadFileFollowsLinks(t *testing.T) {
	target := filepath.Join(t.TempDir(), "story.md")
	if err := os.WriteFile(target, []byte("---\ntitle: Talks in Geneva\n---\nThe delegations met in Geneva on Tuesday.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := readWithin(t, symlink(t, target, "link.md"))
	if err != nil || a.Title != "Talks in Geneva" {
		t.Fatalf("a link to an article: %q, %v", a.Title, err)
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Talks\tin \n Geneva ", "Talks in Geneva"},
		{"Title\x1b]0;owned\x07 here", "Title ]0;owned here"},
		{"\x1b[2J\x1b[HCleared", "[2J [HCleared"},
		{"C1 \u009b31m red\u0085", "C1 31m red"},
		{"Del\x7fete", "Del ete"},
		{"Café", "Café"},
	}
	for _, tt := range tests {
		if got := OneLine(tt.in); got != tt.want {
			t.Errorf("OneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// rejection is a file that must not be read as an article: its name in the
// test, its path, and what the error must say.
type rejection struct{ name, path, want string }

// wantRejected reads each file and wants an error wrapping
// parley.ErrInvalid that says why.
func wantRejected(t *testing.T, tests []rejection) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := readWithin(t, tt.path)
			if err == nil {
				t.Fatalf("read as the article %q", a.Title)
			}
			if !errors.Is(err, parley.ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want one wrapping parley.ErrInvalid that says %q", err, tt.want)
			}
		})
	}
}
