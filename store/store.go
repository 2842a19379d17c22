// Package store keeps Parley's library in a SQLite file (modernc.org/sqlite,
// pure Go): articles, their passages, and an FTS5 index over the passages.
//
// It knows SQL, not Discord or HTTP. Every write that must be whole (an
// article with its passages and index rows) is one transaction.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
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

// MaxHits is the most hits a caller may ask Search for: each of its
// candidate queries brings back poolSize passages to rank, so a k above it
// would be cut short without a word. (Up to it, Search gives k hits when
// as many passages match, less the near-copies of better ones it leaves
// out.)
const MaxHits = poolSize

// DB is an open library. It is safe for concurrent use.
type DB struct {
	sql *sql.DB
	// Now returns the current time; tests set it.
	Now func() time.Time
	// rareLimit is defaultRareLimit; tests of a small library lower it to
	// take the path a large library takes.
	rareLimit int
	// maxSegments is defaultMaxSegments; tests lower it.
	maxSegments int
	lexicon     lexiconCache // terms known to be in the lexicon (vocabulary.go)
	stmts       statements   // prepared once (prepared)
}

// mmapSize is how much of the library file SQLite maps into memory: 2 GiB,
// SQLite's own limit (SQLITE_MAX_MMAP_SIZE), about 200,000 articles; the
// part of a larger library past it is read as any file is.
const mmapSize = 2 << 30

// Open opens the library at path, creating it (and its directory) if it does
// not exist and applying any pending migrations. A file that is not a Parley
// library gives an error wrapping parley.ErrNotLibrary; one written by a
// newer Parley, parley.ErrNewerSchema.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, nil)
}

// Migration is a step of the schema that OpenWith applies to a library an
// older Parley made: on a large library some take seconds (building the
// lexicon, merging the index).
type Migration struct {
	Version, Newest int           // the schema version it makes, and this Parley's
	Name            string        // what it does, from its file: "index merged"
	Done            bool          // false as it begins, true once it is committed
	Took            time.Duration // when done
}

// OpenWith is Open that tells progress, when not nil, of each migration
// it applies to a library that has a schema already (a new file's are
// applied at once, quickly, untold).
func OpenWith(ctx context.Context, path string, progress func(Migration)) (*DB, error) {
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
	q.Add("_pragma", "temp_store(MEMORY)") // the lexicon's scratch index (vocabulary.go)
	// Pages are read from the file mapped into memory, not copied into each
	// connection's page cache: a search reads the index on several
	// connections at once (together), and read this way it took a tenth
	// less time at 100,000 articles (docs/benchmarks.md). The pages are the
	// operating system's file cache, shared by the connections and given
	// back under memory pressure; writes still go through SQLite's own.
	q.Add("_pragma", fmt.Sprintf("mmap_size(%d)", mmapSize))
	q.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	// Connections are kept open between uses, as many as four searches read
	// on at once (together): a bot answering several people at once would
	// otherwise open connections again and again, each setting its pragmas
	// and preparing every statement anew (BenchmarkSearchParallel at 100k:
	// 3.5 ms a search with database/sql's default of two, 2.8 ms so).
	sdb.SetMaxIdleConns(4 * searchWorkers)
	db := &DB{sql: sdb, Now: time.Now, rareLimit: defaultRareLimit, maxSegments: defaultMaxSegments}
	if err := db.init(ctx, progress); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open library %s: %w", path, err)
	}
	return db, nil
}

// Close closes the library.
func (db *DB) Close() error {
	db.closeStatements()
	return db.sql.Close()
}

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
// WAL and applies pending migrations. Many processes may open one new file
// at once: what the file is, is read in one statement (a consistent
// snapshot), and read again under the write lock before anything is
// written, so an opener never mistakes a library another is making for
// another program's database.
func (db *DB) init(ctx context.Context, progress func(Migration)) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	st, err := readSchema(ctx, db.sql)
	if err != nil {
		return err
	}
	if err := st.check(len(ms)); err != nil {
		return err
	}
	if err := db.walMode(ctx); err != nil {
		return err
	}
	for st.version < len(ms) {
		if st, err = db.migrate(ctx, ms, progress); err != nil {
			return err
		}
	}
	return db.backfillSignatures(ctx)
}

// walMode switches the library to write-ahead logging. The switch needs the
// file to itself for a moment, and SQLite does not wait for that as it
// waits for a write lock (the busy handler is not called where waiting
// could deadlock), so while other openers hold the file the switch is tried
// again, for up to busyTimeout.
func (db *DB) walMode(ctx context.Context) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		var mode string
		err := db.sql.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode)
		var se *sqlite.Error
		if !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return classify(err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

// schema is what a file holds, as init decides from it what to do.
type schema struct {
	appID, version, objects int
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// readSchema reads the application id, the schema version and the number
// of schema objects in one statement, so the three agree.
func readSchema(ctx context.Context, q querier) (schema, error) {
	var st schema
	err := q.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)`).
		Scan(&st.appID, &st.version, &st.objects)
	return st, classify(err)
}

// check refuses a file that is not a Parley library this Parley can use.
func (st schema) check(known int) error {
	switch {
	case st.appID == 0 && st.objects > 0:
		return fmt.Errorf("%w: it is a SQLite database of another program", parley.ErrNotLibrary)
	case st.appID != 0 && st.appID != applicationID:
		return fmt.Errorf("%w: it is a SQLite database of another program (application id %#x)", parley.ErrNotLibrary, st.appID)
	case st.version > known:
		return fmt.Errorf("%w (schema version %d; this Parley knows up to %d): upgrade Parley", parley.ErrNewerSchema, st.version, known)
	}
	return nil
}

// migrate takes the write lock and moves the schema on by one transaction:
// an empty file becomes a whole library, marked unseeded, in one; an older
// library takes its next migration. Another process may have done either
// while this one waited for the lock; migrate returns the schema as it left
// it.
//
// A migration may rebuild a table others refer to (12 rebuilds articles):
// it runs with foreign keys off, on a connection of its own, so that
// dropping the old table cascades into nothing, and the keys are checked
// before it commits.
func (db *DB) migrate(ctx context.Context, ms []migration, progress func(Migration)) (schema, error) {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return schema{}, classify(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return schema{}, classify(err)
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON"); err != nil {
			// Never back into the pool without its foreign keys.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return schema{}, classify(err)
	}
	defer tx.Rollback()
	st, err := readSchema(ctx, tx)
	if err != nil {
		return st, err
	}
	if err := st.check(len(ms)); err != nil || st.version == len(ms) {
		return st, err
	}
	pending := ms[st.version : st.version+1]
	if st.version == 0 {
		pending, progress = ms, nil
	}
	began := time.Now()
	if progress != nil {
		progress(Migration{Version: pending[0].version, Newest: len(ms), Name: pending[0].title()})
	}
	for _, m := range pending {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return st, fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if st.version == 0 {
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings (name, value) VALUES ('unseeded', 1)"); err != nil {
			return st, err
		}
	}
	st.version = pending[len(pending)-1].version
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", st.version)); err != nil {
		return st, err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
		return st, err
	}
	if err := checkForeignKeys(ctx, tx); err != nil {
		return st, fmt.Errorf("migration to version %d: %w", st.version, err)
	}
	st.appID = applicationID
	if err := tx.Commit(); err != nil {
		return st, err
	}
	if progress != nil {
		progress(Migration{Version: st.version, Newest: len(ms), Name: pending[0].title(), Done: true, Took: time.Since(began)})
	}
	return st, nil
}

// title is what a migration does, as its file name says it:
// "0016_index_merged.sql" is "index merged".
func (m migration) title() string {
	name := strings.TrimSuffix(filepath.Base(m.name), ".sql")
	if _, rest, ok := strings.Cut(name, "_"); ok {
		name = rest
	}
	return strings.ReplaceAll(name, "_", " ")
}

// checkForeignKeys fails if a row refers to one that is not there.
func checkForeignKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("row %d of %s refers to a row of %s that is not there", rowid.Int64, table, parent)
	}
	return rows.Err()
}

// Unseeded reports whether the library is new and has not yet been given
// the bundled articles: Open marks a library it makes, in the transaction
// that makes it, and MarkSeeded clears the mark. A seeding cut short (a
// crash, a kill) leaves the mark, so the next open seeds again.
func (db *DB) Unseeded(ctx context.Context) (bool, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM settings WHERE name = 'unseeded'").Scan(&n)
	return n > 0, err
}

// MarkSeeded records that a new library has its bundled articles, or was
// made without them on purpose. Of openers that seed a library at once,
// one is told it marked it (first is true): the one to say the library
// was made.
func (db *DB) MarkSeeded(ctx context.Context) (first bool, err error) {
	res, err := db.sql.ExecContext(ctx, "DELETE FROM settings WHERE name = 'unseeded'")
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
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
