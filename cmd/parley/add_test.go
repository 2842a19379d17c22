//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAddFollowsLinksAndCountsSkipped: add walks through links to files
// and to folders, a link to a folder named on the command line included,
// and its totals say what it left out and why.
func TestAddFollowsLinksAndCountsSkipped(t *testing.T) {
	root := t.TempDir()
	dir, elsewhere, pictures := filepath.Join(root, "articles"), filepath.Join(root, "elsewhere"), filepath.Join(root, "pictures")
	article := func(title string) string {
		return "---\ntitle: " + title + "\noutlet: Test Wire\n---\nDelegations from Ukraine and Russia met in Istanbul on Monday for " +
			title + ", officials said, and agreed to meet again next week.\n"
	}
	for p, text := range map[string]string{
		filepath.Join(dir, "a.md"):           article("a first round of talks"),
		filepath.Join(dir, "photo.jpg"):      "not an article",
		filepath.Join(elsewhere, "b.md"):     article("a second round of talks"),
		filepath.Join(elsewhere, "c.txt"):    article("a third round of talks"),
		filepath.Join(pictures, "talks.png"): "not an article",
	} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		filepath.Join(dir, "b.md"):    filepath.Join(elsewhere, "b.md"),
		filepath.Join(dir, "null.md"): "/dev/null",
		filepath.Join(root, "latest"): elsewhere,
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	env := tempDB(t)

	code, out, errOut := runParley(t, env, "--seed=false", "add", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "added      "+filepath.Join(dir, "b.md")) {
		t.Errorf("the link to a file was not followed:\n%s", out)
	}
	if want := "2 added, 0 revised, 0 updated, 0 duplicate, 0 syndicated, 0 rejected; 2 skipped: 1 a device, 1 not .md/.txt/.html\n"; !strings.HasSuffix(out, want) {
		t.Errorf("totals: got\n%s\nwant the last line %q", out, want)
	}

	// A link to a folder, named explicitly, is walked: c.txt is new, b.md
	// the same text again.
	code, out, errOut = runParley(t, env, "--seed=false", "add", filepath.Join(root, "latest"))
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if want := "1 added, 0 revised, 0 updated, 1 duplicate, 0 syndicated, 0 rejected\n"; !strings.HasSuffix(out, want) {
		t.Errorf("totals: got\n%s\nwant the last line %q", out, want)
	}

	code, _, errOut = runParley(t, env, "--seed=false", "add", pictures)
	if want := "no .md, .txt or .html files in " + pictures + "; 1 skipped: 1 not .md/.txt/.html"; code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, want)
	}
}
