package store

import (
	"context"
	"database/sql"
	"sync"
)

// statements are the statements the store runs many times (a search's
// several for every question, an add's for every article), each prepared
// once for the DB: preparing them each time was about a twentieth of a
// search's time and a twelfth of an add's (docs/benchmarks.md).
type statements struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// prepared returns the statement of query, prepared once. Only queries of
// a bounded set may be given (constant, or one of a few), since none is
// ever forgotten but by Close. Preparing may take a connection of the
// pool, not one a transaction holds.
func (db *DB) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	if st, ok := db.stmts.m[query]; ok {
		return st, nil
	}
	st, err := db.sql.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if db.stmts.m == nil {
		db.stmts.m = map[string]*sql.Stmt{}
	}
	db.stmts.m[query] = st
	return st, nil
}

// closeStatements closes the prepared statements.
func (db *DB) closeStatements() {
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	for _, st := range db.stmts.m {
		st.Close()
	}
	db.stmts.m = nil
}

// txer is what the add path asks of a transaction: *sql.Tx, or a
// preparedTx, which runs the DB's prepared statements in it.
type txer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// preparedTx is a transaction that runs each query as the DB's prepared
// statement of it, on the transaction's connection (sql.Tx.StmtContext
// prepares it there once). A query that cannot be prepared (a temp table
// this connection does not have yet) runs as the transaction would run it.
type preparedTx struct {
	*sql.Tx
	db *DB
}

func (p preparedTx) stmt(ctx context.Context, query string) *sql.Stmt {
	st, err := p.db.prepared(ctx, query)
	if err != nil {
		return nil
	}
	return p.Tx.StmtContext(ctx, st)
}

func (p preparedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st := p.stmt(ctx, query)
	if st == nil {
		return p.Tx.ExecContext(ctx, query, args...)
	}
	defer st.Close()
	return st.ExecContext(ctx, args...)
}

func (p preparedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st := p.stmt(ctx, query)
	if st == nil {
		return p.Tx.QueryContext(ctx, query, args...)
	}
	// The rows need the statement: the transaction closes it when it ends.
	return st.QueryContext(ctx, args...)
}

func (p preparedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st := p.stmt(ctx, query)
	if st == nil {
		return p.Tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...) // closed with the transaction, as QueryContext's

}

func (p preparedTx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	if st := p.stmt(ctx, query); st != nil {
		return st, nil
	}
	return p.Tx.PrepareContext(ctx, query)
}
