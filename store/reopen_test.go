package store

import (
	"context"
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
