package store_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/parley-bot/parley/store"
)

// openAtOnce opens the library at path n times at once, each open in its
// own goroutine with its own connections, and returns the failures.
func openAtOnce(path string, n int) []error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			db, err := store.Open(context.Background(), path)
			if err == nil {
				_, err = db.Count(context.Background())
				db.Close()
			}
			if err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("open %d: %w", i, err))
				mu.Unlock()
			}
		})
	}
	close(start)
	wg.Wait()
	return errs
}

// TestConcurrentFirstOpens opens one new library 720 times at once, as
// many `parley` commands started together would, from 4 processes of 180
// openers each (file locks between processes are not those between the
// connections of one): every open succeeds, and the library is made once.
func TestConcurrentFirstOpens(t *testing.T) {
	if path := os.Getenv("PARLEY_TEST_OPEN"); path != "" {
		n, _ := strconv.Atoi(os.Getenv("PARLEY_TEST_OPENERS"))
		errs := openAtOnce(path, n)
		for _, err := range errs {
			fmt.Println("FAILED", err)
		}
		fmt.Println("OPENED", n-len(errs))
		return
	}
	const procs, each = 4, 180
	path := filepath.Join(t.TempDir(), "lib", "parley.db")
	outs := make([][]byte, procs)
	var wg sync.WaitGroup
	for p := range procs {
		wg.Go(func() {
			cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentFirstOpens$", "-test.count=1")
			cmd.Env = append(os.Environ(), "PARLEY_TEST_OPEN="+path, "PARLEY_TEST_OPENERS="+strconv.Itoa(each))
			out, err := cmd.CombinedOutput()
			if err != nil {
				out = append(out, []byte("FAILED process: "+err.Error())...)
			}
			outs[p] = out
		})
	}
	wg.Wait()
	failed, opened := 0, 0
	for _, out := range outs {
		for _, line := range strings.Split(string(out), "\n") {
			if n, ok := strings.CutPrefix(line, "OPENED "); ok {
				k, _ := strconv.Atoi(n)
				opened += k
			}
			if strings.HasPrefix(line, "FAILED") {
				if failed++; failed <= 5 {
					t.Error(line)
				}
			}
		}
	}
	if failed > 0 || opened != procs*each {
		t.Fatalf("%d of %d concurrent first opens succeeded, %d failed", opened, procs*each, failed)
	}
	t.Logf("%d of %d concurrent first opens succeeded", opened, procs*each)
	db, err := store.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if unseeded, err := db.Unseeded(t.Context()); err != nil || !unseeded {
		t.Errorf("the new library is not marked unseeded (%v)", err)
	}
}
