package main

import (
	"context"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"testing"

	"github.com/parley-bot/parley/data"
	"github.com/parley-bot/parley/store"
)

// seeds is how many articles the bundle holds.
func seeds(t *testing.T) int {
	t.Helper()
	names, err := fs.Glob(data.Seeds, "*.md")
	if err != nil || len(names) == 0 {
		t.Fatalf("no bundled articles: %v", err)
	}
	return len(names)
}

// TestConcurrentFirstRuns starts 720 commands at once on a library that
// does not exist yet: every one succeeds, one says it created the library,
// and the library holds each bundled article once.
func TestConcurrentFirstRuns(t *testing.T) {
	const runs = 720
	env := tempDB(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	created := 0
	start := make(chan struct{})
	for range runs {
		wg.Go(func() {
			<-start
			code, _, errOut := runParley(t, env, "list")
			mu.Lock()
			defer mu.Unlock()
			if strings.HasPrefix(errOut, "Created ") {
				created++
			}
			if code != 0 {
				failures = append(failures, fmt.Sprintf("exit %d: %s", code, strings.TrimSpace(errOut)))
			}
		})
	}
	close(start)
	wg.Wait()
	for i, f := range failures {
		if i < 5 {
			t.Error(f)
		}
	}
	if len(failures) > 0 {
		t.Fatalf("%d of %d concurrent first runs failed", len(failures), runs)
	}
	if created != 1 {
		t.Errorf("%d of the runs say they created the library, want 1", created)
	}
	_, out, _ := runParley(t, env, "list")
	if want := fmt.Sprintf("%d articles", seeds(t)); !strings.Contains(out, want) {
		t.Errorf("after %d concurrent first runs, list says:\n%s\nwant %s", runs, out, want)
	}
}

// TestSeedingSurvivesACrash: a library left as a process killed during its
// first open leaves it — made, but not (or not wholly) seeded — is seeded
// at the next open; one made with --seed=false stays empty.
func TestSeedingSurvivesACrash(t *testing.T) {
	want := fmt.Sprintf("%d articles", seeds(t))
	for _, tc := range []struct {
		name  string
		added int // seeds stored before the crash
	}{{"after the schema", 0}, {"during seeding", 1}} {
		t.Run(tc.name, func(t *testing.T) {
			env := tempDB(t)
			db, err := store.Open(context.Background(), env["PARLEY_DB"])
			if err != nil {
				t.Fatal(err)
			}
			names, _ := fs.Glob(data.Seeds, "*.md")
			for _, name := range names[:tc.added] {
				b, _ := fs.ReadFile(data.Seeds, name)
				if _, _, _, err := addData(context.Background(), db, nil, name, b); err != nil {
					t.Fatal(err)
				}
			}
			db.Close() // killed here: the seeding never finished
			code, out, errOut := runParley(t, env, "list")
			if code != 0 || !strings.Contains(out, want) {
				t.Fatalf("the open after the crash: exit %d, %s%s; want %s", code, out, errOut, want)
			}
			if _, out, _ = runParley(t, env, "list"); !strings.Contains(out, want) {
				t.Errorf("the open after that: %s; want %s", out, want)
			}
		})
	}
	t.Run("--seed=false", func(t *testing.T) {
		env := tempDB(t)
		if code, _, errOut := runParley(t, env, "--seed=false", "list"); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if _, out, _ := runParley(t, env, "list"); strings.Contains(out, want) {
			t.Errorf("a library made with --seed=false was seeded later:\n%s", out)
		}
	})
}
