//go:build unix

package ingest

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReadFileRefusesSpecialFiles: devices and pipes, named directly or
// through a link with an article's extension, are refused at once with a
// reason: /dev/zero and /dev/urandom used to be read until memory ran
// out, and a FIFO to block for ever, deaf to Ctrl-C.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []rejection{
		{"/dev/zero", "/dev/zero", "it is a device, not a file"},
		{"a link to /dev/zero", symlink(t, "/dev/zero", "zero.md"), "it is a device, not a file"},
		{"a link to /dev/urandom", symlink(t, "/dev/urandom", "random.txt"), "it is a device, not a file"},
		{"a FIFO", fifo, "it is a named pipe, not a file"},
		{"a link to a FIFO", symlink(t, fifo, "pipe.html"), "it is a named pipe, not a file"},
	}
	wantRejected(t, tests)
}

// TestFilesFollowsLinks: a walk follows links to files and to folders, reads
// a folder reached twice (a loop of links) once, and says what it left out
// and why; a link to a folder named explicitly is walked.
func TestFilesFollowsLinks(t *testing.T) {
	root := t.TempDir()
	dir, outside := filepath.Join(root, "articles"), filepath.Join(root, "elsewhere")
	for _, p := range []string{filepath.Join(dir, "a.md"), filepath.Join(dir, "photo.jpg"), filepath.Join(outside, "b.txt"), filepath.Join(outside, "c.html")} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := func(p string) string { return filepath.Join(dir, p) }
	for link, target := range map[string]string{
		"linked.txt": filepath.Join(outside, "b.txt"), // a link to a file
		"more":       outside,                         // a link to a folder
		"again":      "..",                            // a loop: the folder above, which holds this one
		"self":       ".",                             // a loop to itself
		"gone.md":    filepath.Join(root, "missing.md"),
		"null.md":    "/dev/null",
	} {
		if err := os.Symlink(target, j(link)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(j("pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}

	files, skipped, err := Files([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	// Through "again", the walk reaches root, and elsewhere from it; the
	// folders it reaches twice are read once.
	want := []string{j("a.md"), j("again/elsewhere/b.txt"), j("again/elsewhere/c.html"), j("linked.txt")}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	wantSkipped := []Skipped{{j("gone.md"), "a broken link"}, {j("null.md"), "a device"}, {j("photo.jpg"), "not .md/.txt/.html"}, {j("pipe.md"), "a named pipe"}}
	if diff := cmp.Diff(wantSkipped, skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}

	files, skipped, err = Files([]string{j("more")})
	want = []string{j("more/b.txt"), j("more/c.html")}
	if err != nil || !cmp.Equal(want, files) || len(skipped) != 0 {
		t.Errorf("Files(a link to a folder) = %q, %v, %v; want %q", files, skipped, err, want)
	}
}
