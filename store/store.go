// Package store keeps Parley's library in a SQLite file (modernc.org/sqlite,
// pure Go): articles, their passages, and an FTS5 index over the passages.
//
// It knows SQL, not Discord or HTTP. Every write that must be whole (an
// article with its passages and index rows) is one transaction.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/parley-bot/parley"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// applicationID marks a SQLite file as a Parley library ("PRLY"), so that
// Open can tell a Parley library from any other SQLite database.
const applicationID = 0x50524C59

// busyTimeout is how long a writer waits for another writer (say, `parley
// add` while the bot answers) before giving up.
const busyTimeout = 10 * time.Second

// DB is an open library. It is safe for concurrent use.
type DB struct {
	sql *sql.DB
	// Now returns the current time; tests set it.
	Now func() time.Time
	// rareLimit is defaultRareLimit; tests of a small library lower it to
	// take the path a large library takes.
	rareLimit int
}

// Open opens the library at path, creating it (and its directory) if it does
// not exist and applying any pending migrations. A file that is not a Parley
// library gives an error wrapping parley.ErrNotLibrary; one written by a
// newer Parley, parley.ErrNewerSchema.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open library: %w: empty path", parley.ErrInvalid)
	}
	if dir := filepath.Dir(path); dir != "" && path != ":memory:" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open library %s: %w", path, err)
		}
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("open library %s: %w: it is a directory", path, parley.ErrNotLibrary)
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	db := &DB{sql: sdb, Now: time.Now, rareLimit: defaultRareLimit}
	if err := db.init(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	return db, nil
}

// Close closes the library.
func (db *DB) Close() error { return db.sql.Close() }

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var ms []migration
	for i, name := range names {
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var v int
		if _, err := fmt.Sscanf(filepath.Base(name), "%04d_", &v); err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want version %d first in its name", name, i+1)
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	return ms, nil
}

// init checks that the file is a Parley library (or empty), switches it to
// WAL and applies pending migrations, each in its own transaction.
func (db *DB) init(ctx context.Context) error {
	var appID, version, tables int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return classify(err)
	}
	if err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classify(err)
	}
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		return classify(err)
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	switch {
	case appID == 0 && tables > 0:
		return fmt.Errorf("%w: it is a SQLite database of another program", parley.ErrNotLibrary)
	case appID != 0 && appID != applicationID:
		return fmt.Errorf("%w: it is a SQLite database of another program (application id %#x)", parley.ErrNotLibrary, appID)
	case version > len(ms):
		return fmt.Errorf("%w (schema version %d; this Parley knows up to %d): upgrade Parley", parley.ErrNewerSchema, version, len(ms))
	}
	var mode string
	if err := db.sql.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return classify(err)
	}
	for _, m := range ms[version:] {
		if err := db.migrate(ctx, m); err != nil {
			return err
		}
	}
	return db.backfillSignatures(ctx)
}

func (db *DB) migrate(ctx context.Context, m migration) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	// Another process may have migrated while this one waited for the lock.
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migration %s: %w", m.name, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return err
	}
	return tx.Commit()
}

// classify turns SQLite's "file is not a database" into parley.ErrNotLibrary.
func classify(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && (se.Code()&0xff == sqlite3.SQLITE_NOTADB) {
		return fmt.Errorf("%w: the file is not a SQLite database", parley.ErrNotLibrary)
	}
	return err
}

// timeText and parseTime store times as RFC 3339 text, which sorts by date
// and stays readable in the sqlite3 shell.
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	t, _ := time.Parse(parley.DateLayout, s)
	return t
}

func nullIfEmpty(s string) any {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return s
}
