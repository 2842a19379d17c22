package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// runOnTerminal runs parley with stdout on a pseudo-terminal, as a person
// at a terminal runs it, and returns its exit status, what the terminal
// showed (with the terminal's "\r\n" read as "\n") and stderr.
func runOnTerminal(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	pty, tty := openPTY(t)
	shown := make(chan string)
	go func() {
		var b bytes.Buffer
		io.Copy(&b, pty) // until the terminal is closed (EIO)
		shown <- strings.ReplaceAll(b.String(), "\r\n", "\n")
	}()
	var errOut bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), tty, &errOut)
	code := exitCode(err, &errOut)
	tty.Close()
	out := <-shown
	pty.Close()
	return code, out, errOut.String()
}

// openPTY opens a pseudo-terminal: what is written to tty is read from pty.
func openPTY(t *testing.T) (pty, tty *os.File) {
	t.Helper()
	pty, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("open a pseudo-terminal: %v", err)
	}
	var unlock int32
	var n uint32
	if err := ioctl(pty, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		t.Fatalf("unlock the pseudo-terminal: %v", err)
	}
	if err := ioctl(pty, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		t.Fatalf("name the pseudo-terminal: %v", err)
	}
	tty, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("open the pseudo-terminal's terminal: %v", err)
	}
	return pty, tty
}

func ioctl(f *os.File, req uintptr, arg unsafe.Pointer) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); errno != 0 {
		return errno
	}
	return nil
}

// TestListOnATerminal: on a terminal, list shows a screenful, the newest
// first, and says how many more there are; --limit 0 shows them all.
func TestListOnATerminal(t *testing.T) {
	env := tempDB(t)
	addNumbered(t, env, screenful+3)
	code, out, errOut := runOnTerminal(t, env, "--seed=false", "list")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != screenful+1 {
		t.Fatalf("list on a terminal: exit %d, %d lines, want %d and a total:\n%s%s", code, len(lines), screenful, out, errOut)
	}
	if want := "the newest 20 of 23 articles; --limit 0 lists them all"; lines[screenful] != want {
		t.Errorf("last line %q, want %q", lines[screenful], want)
	}
	if !strings.Contains(lines[0], "Report 23") {
		t.Errorf("first line %q, want the newest article, Report 23", lines[0])
	}
	code, out, _ = runOnTerminal(t, env, "list", "--limit", "0")
	if code != 0 || !strings.HasSuffix(out, "\n23 articles\n") || strings.Count(out, "\n") != 24 {
		t.Errorf("list --limit 0 on a terminal: exit %d\n%s", code, out)
	}
	code, out, _ = runOnTerminal(t, env, "list", "--json")
	if code != 0 || strings.Count(out, `"id"`) != 23 {
		t.Errorf("list --json on a terminal lists %d articles, want all 23", strings.Count(out, `"id"`))
	}
}
