package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// asOlder runs stmts on db, which leave the library as an older version of
// Parley wrote it (a table dropped, user_version set back), closes it and
// opens it again, so that the migrations since that version run. It
// returns the reopened library, closed when the test ends.
func asOlder(t *testing.T, db *DB, path string, stmts ...string) *DB {
	t.Helper()
	for _, q := range stmts {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return reopen(t, db, path)
}

// reopen closes db and opens the library at path again, closed when the
// test ends.
func reopen(t *testing.T, db *DB, path string) *DB {
	t.Helper()
	db.Close()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopening the library: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestOpenTellsMigrations: OpenWith tells each migration it applies to a
// library of an older schema, as it begins and once done, by its version
// and name, and nothing for a new library.
func TestOpenTellsMigrations(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lib.db")
	var told []Migration
	db, err := OpenWith(ctx, path, func(m Migration) { told = append(told, m) })
	if err != nil {
		t.Fatal(err)
	}
	if len(told) > 0 {
		t.Errorf("a new library told %+v", told)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	newest := len(ms)
	if _, err := db.sql.Exec(fmt.Sprintf("PRAGMA user_version = %d", newest-2)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = OpenWith(ctx, path, func(m Migration) { told = append(told, m) })
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var got []string
	for _, m := range told {
		if m.Newest != newest {
			t.Errorf("%+v: newest %d, want %d", m, m.Newest, newest)
		}
		got = append(got, fmt.Sprintf("%d %s %v", m.Version, m.Name, m.Done))
	}
	want := []string{fmt.Sprintf("%d %s false", newest-1, ms[newest-2].title()), fmt.Sprintf("%d %s true", newest-1, ms[newest-2].title()),
		fmt.Sprintf("%d %s false", newest, ms[newest-1].title()), fmt.Sprintf("%d %s true", newest, ms[newest-1].title())}
	if !slices.Equal(got, want) {
		t.Errorf("told %q, want %q", got, want)
	}
	if ms[15].title() != "index merged" {
		t.Errorf("migration 16's title is %q", ms[15].title())
	}
}
