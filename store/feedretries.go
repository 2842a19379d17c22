package store

import (
	"context"
	"fmt"
	"time"
)

// ItemRetry is the state of an item of a feed that failed for now: it is
// not fetched again before NextTry.
type ItemRetry struct {
	Failures  int // in a row
	NextTry   time.Time
	LastError string
}

// ItemRetries returns the items of feed id that failed for now, by key.
func (db *DB) ItemRetries(ctx context.Context, id int64) (map[string]ItemRetry, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT key, failures, next_try, last_error FROM feed_retries WHERE feed_id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("retries of feed %d: %w", id, err)
	}
	defer rows.Close()
	out := map[string]ItemRetry{}
	for rows.Next() {
		var key, next string
		var r ItemRetry
		if err := rows.Scan(&key, &r.Failures, &next, &r.LastError); err != nil {
			return nil, err
		}
		r.NextTry = parseTime(next)
		out[key] = r
	}
	return out, rows.Err()
}

// SetItemRetry records that the item key of feed id failed for now, and
// when to try it again.
func (db *DB) SetItemRetry(ctx context.Context, id int64, key string, r ItemRetry) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO feed_retries (feed_id, key, failures, next_try, last_error) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (feed_id, key) DO UPDATE SET failures = excluded.failures, next_try = excluded.next_try, last_error = excluded.last_error`,
		id, key, r.Failures, timeText(r.NextTry), r.LastError)
	if err != nil {
		return fmt.Errorf("record the failure of an item of feed %d: %w", id, err)
	}
	return nil
}

// ClearItemRetry forgets the failures of the item key of feed id, once it
// has been dealt with (stored, rejected or given up).
func (db *DB) ClearItemRetry(ctx context.Context, id int64, key string) error {
	if _, err := db.sql.ExecContext(ctx, "DELETE FROM feed_retries WHERE feed_id = ? AND key = ?", id, key); err != nil {
		return fmt.Errorf("clear the failures of an item of feed %d: %w", id, err)
	}
	return nil
}
