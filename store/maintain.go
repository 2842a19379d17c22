package store

import (
	"context"
	"database/sql"
	"fmt"
)

// mergeStep is how many pages of the passages index one merge step writes,
// in a transaction of its own: about 40 ms of work (docs/benchmarks.md), so
// a writer waiting for it (an add, a vote) waits no longer than that.
const mergeStep = 500

// defaultMaxSegments is how many segments Tidy leaves the passages index
// before it merges them all.
const defaultMaxSegments = 8

// Segment is one segment of the passages index: FTS5 writes one for each
// transaction that adds or removes passages and merges them (automerge) four
// at a time, so a library that grows article by article reads each term
// from several. Search reads every term from every segment, so fewer search
// faster (docs/benchmarks.md, "One index segment").
type Segment struct {
	ID    int64 // FTS5's segment id
	Pages int64 // leaf pages
}

// IndexSegments lists the segments of the passages index, by the rowids of
// FTS5's %_data table: a page of segment s has rowid s<<37 | height<<31 |
// page (fts5_index.c, FTS5_SEGMENT_ROWID), so one indexed lookup finds the
// next segment and another its last leaf page, however large the index.
func (db *DB) IndexSegments(ctx context.Context) ([]Segment, error) {
	return indexSegmentsOf(ctx, db.sql)
}

type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func indexSegmentsOf(ctx context.Context, q rowQuerier) ([]Segment, error) {
	var out []Segment
	const tombstones = 1 << 16 // segment ids from here are tombstone pages
	for next := int64(1); next < tombstones; {
		var s sql.NullInt64
		err := q.QueryRowContext(ctx, `SELECT min(id) >> 37 FROM passages_fts_data WHERE id >= ? AND id < ?`,
			next<<37, int64(tombstones)<<37).Scan(&s)
		if err != nil {
			return nil, err
		}
		if !s.Valid {
			break
		}
		var last int64
		err = q.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM passages_fts_data WHERE id >= ? AND id < ?`,
			s.Int64<<37, s.Int64<<37|1<<31).Scan(&last)
		if err != nil {
			return nil, err
		}
		out = append(out, Segment{ID: s.Int64, Pages: last & (1<<31 - 1)})
		next = s.Int64 + 1
	}
	return out, nil
}

// MergeIndex merges the passages index into one segment, in steps of
// mergeStep pages, each a transaction of its own, so that searches go on
// meanwhile and a writer waits at most one step. It costs about as much
// as writing the whole index again (3 s for 100,000 articles); Tidy, after
// a batch of adds, is the cheap upkeep. progress, when not nil, is told
// the pages written so far and the pages of the index when it began.
func (db *DB) MergeIndex(ctx context.Context, progress func(done, total int64)) error {
	segs, err := db.IndexSegments(ctx)
	if err != nil || len(segs) <= 1 {
		return wrap("merge index", err)
	}
	var total int64
	for _, s := range segs {
		total += s.Pages
	}
	// A negative step puts every segment on one level and merges them
	// whatever their number; the positive steps after it go on with that
	// merge until it is done.
	return wrap("merge index", db.mergeSteps(ctx, -mergeStep, total, progress))
}

// Tidy merges the small segments a batch of adds leaves in the passages
// index (each transaction writes one), so that their number stays low as
// the library grows: it merges the segments of any level that holds two or
// more (FTS5's 'merge' with usermerge 2, set by migration 17), step by
// step, until none does. The segments of a level are of about one size, so
// the large segment of a merged library is seldom rewritten, and a feed
// poll's few articles cost a merge of a few small segments: 0.27 s over
// 1,000 adds in polls of 20 to a library of 100,000 articles, which kept 3
// segments instead of 16 (docs/benchmarks.md). Like a binary counter, that
// leaves up to one segment more each time the number of polls doubles;
// past db.maxSegments Tidy merges the whole index (MergeIndex). Feed
// polls, bulk adds and Discord's adds call it after their articles.
func (db *DB) Tidy(ctx context.Context) error {
	if err := db.mergeSteps(ctx, mergeStep, 0, nil); err != nil {
		return wrap("tidy index", err)
	}
	segs, err := db.IndexSegments(ctx)
	if err != nil || len(segs) <= db.maxSegments {
		return wrap("tidy index", err)
	}
	return db.MergeIndex(ctx, nil)
}

// mergeSteps runs FTS5 'merge' steps of pages pages (negative: the first
// merges every segment) until one does no work, which FTS5 tells by the
// connection's total changes growing by less than two.
func (db *DB) mergeSteps(ctx context.Context, pages int, total int64, progress func(done, total int64)) error {
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	changes := func() (n int64, err error) {
		err = conn.QueryRowContext(ctx, "SELECT total_changes()").Scan(&n)
		return n, err
	}
	var done int64
	for step := pages; ; step = max(step, -step) {
		before, err := changes()
		if err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, "INSERT INTO passages_fts (passages_fts, rank) VALUES ('merge', ?)", step); err != nil {
			return err
		}
		after, err := changes()
		if err != nil {
			return err
		}
		if after-before < 2 {
			return nil
		}
		done += int64(max(step, -step))
		if progress != nil {
			progress(min(done, total), total)
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("after %d pages: %w", done, err)
		}
	}
}
