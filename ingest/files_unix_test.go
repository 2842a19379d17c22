//go:build unix

package ingest

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/parley-bot/parley"
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
	tests := []struct{ name, path, want string }{
		{"/dev/zero", "/dev/zero", "it is a device, not a file"},
		{"a link to /dev/zero", symlink(t, "/dev/zero", "zero.md"), "it is a device, not a file"},
		{"a link to /dev/urandom", symlink(t, "/dev/urandom", "random.txt"), "it is a device, not a file"},
		{"a FIFO", fifo, "it is a named pipe, not a file"},
		{"a link to a FIFO", symlink(t, fifo, "pipe.html"), "it is a named pipe, not a file"},
	}
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
