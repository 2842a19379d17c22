package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/parley-bot/parley"
)

const feedColumns = `id, url, title, added, etag, last_modified, last_polled, last_ok, failures, last_error, next_poll,
	(SELECT count(*) FROM feed_items WHERE feed_id = feeds.id)`

func scanFeed(sc interface{ Scan(...any) error }) (parley.Feed, error) {
	var f parley.Feed
	var added, polled, ok, next string
	err := sc.Scan(&f.ID, &f.URL, &f.Title, &added, &f.ETag, &f.LastModified, &polled, &ok, &f.Failures, &f.LastError, &next, &f.Items)
	f.Added, f.LastPolled, f.LastOK, f.NextPoll = parseTime(added), parseTime(polled), parseTime(ok), parseTime(next)
	return f, err
}

// AddFeed follows the feed at url (already canonical). Following it twice
// is an error wrapping parley.ErrDuplicate.
func (db *DB) AddFeed(ctx context.Context, url string) (parley.Feed, error) {
	if strings.TrimSpace(url) == "" {
		return parley.Feed{}, parley.Errorf(parley.ErrInvalid, "the feed has no address")
	}
	var id int64
	err := db.sql.QueryRowContext(ctx, "SELECT id FROM feeds WHERE url = ?", url).Scan(&id)
	switch {
	case err == nil:
		return parley.Feed{}, parley.Errorf(parley.ErrDuplicate, "the library already follows %s (feed %d)", url, id)
	case !errors.Is(err, sql.ErrNoRows):
		return parley.Feed{}, fmt.Errorf("add feed: %w", err)
	}
	res, err := db.sql.ExecContext(ctx, "INSERT INTO feeds (url, added) VALUES (?, ?)", url, timeText(db.Now()))
	if err != nil {
		return parley.Feed{}, fmt.Errorf("add feed: %w", err)
	}
	id, err = res.LastInsertId()
	if err != nil {
		return parley.Feed{}, err
	}
	return db.Feed(ctx, id)
}

// Feed returns one feed; parley.ErrNotFound when there is none.
func (db *DB) Feed(ctx context.Context, id int64) (parley.Feed, error) {
	f, err := scanFeed(db.sql.QueryRowContext(ctx, "SELECT "+feedColumns+" FROM feeds WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return parley.Feed{}, parley.Errorf(parley.ErrNotFound, "no feed %d", id)
	}
	return f, err
}

// Feeds lists the feeds the library follows, oldest first.
func (db *DB) Feeds(ctx context.Context) ([]parley.Feed, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT "+feedColumns+" FROM feeds ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer rows.Close()
	var out []parley.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// RemoveFeed stops following a feed. The articles it brought stay.
func (db *DB) RemoveFeed(ctx context.Context, id int64) error {
	res, err := db.sql.ExecContext(ctx, "DELETE FROM feeds WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("remove feed %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return parley.Errorf(parley.ErrNotFound, "no feed %d", id)
	}
	return nil
}

// SavePoll records a poll: after a success the validators and the title,
// and the failure count back to zero; after a failure the reason, one more
// failure, and when to try again.
func (db *DB) SavePoll(ctx context.Context, id int64, p parley.Poll) error {
	var err error
	if p.OK {
		_, err = db.sql.ExecContext(ctx, `UPDATE feeds SET last_polled = ?, last_ok = ?, failures = 0, last_error = '',
			next_poll = ?, title = CASE WHEN ? = '' THEN title ELSE ? END,
			etag = CASE WHEN ? THEN ? ELSE etag END, last_modified = CASE WHEN ? THEN ? ELSE last_modified END
			WHERE id = ?`,
			timeText(p.At), timeText(p.At), timeText(p.NextPoll), p.Title, p.Title,
			p.ETag != "" || p.LastModified != "", p.ETag, p.ETag != "" || p.LastModified != "", p.LastModified, id)
	} else {
		_, err = db.sql.ExecContext(ctx, `UPDATE feeds SET last_polled = ?, failures = failures + 1, last_error = ?, next_poll = ?
			WHERE id = ?`, timeText(p.At), p.Err, timeText(p.NextPoll), id)
	}
	if err != nil {
		return fmt.Errorf("record the poll of feed %d: %w", id, err)
	}
	return nil
}

// SeenItems returns which of keys (GUIDs or canonical URLs) feed id has
// already dealt with.
func (db *DB) SeenItems(ctx context.Context, id int64, keys []string) (map[string]bool, error) {
	seen := map[string]bool{}
	stmt, err := db.sql.PrepareContext(ctx, "SELECT 1 FROM feed_items WHERE feed_id = ? AND key = ?")
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	for _, k := range keys {
		var one int
		err := stmt.QueryRowContext(ctx, id, k).Scan(&one)
		switch {
		case err == nil:
			seen[k] = true
		case !errors.Is(err, sql.ErrNoRows):
			return nil, err
		}
	}
	return seen, nil
}

// MarkSeen records that feed id has dealt with the item key: stored as
// article articleID, or (articleID 0) rejected for good.
func (db *DB) MarkSeen(ctx context.Context, id int64, key string, articleID int64) error {
	var article any
	if articleID != 0 {
		article = articleID
	}
	_, err := db.sql.ExecContext(ctx, `INSERT INTO feed_items (feed_id, key, article_id, seen) VALUES (?, ?, ?, ?)
		ON CONFLICT (feed_id, key) DO UPDATE SET article_id = excluded.article_id, seen = excluded.seen`,
		id, key, article, timeText(db.Now()))
	if err != nil {
		return fmt.Errorf("record item of feed %d: %w", id, err)
	}
	return nil
}

// ArticleByURL returns the id of the article stored at url (canonical), or
// of the article whose story another outlet published there.
func (db *DB) ArticleByURL(ctx context.Context, url string) (int64, bool, error) {
	var id int64
	err := db.sql.QueryRowContext(ctx, `SELECT id FROM articles WHERE url = ?
		UNION ALL SELECT article_id FROM article_outlets WHERE url = ? LIMIT 1`, url, url).Scan(&id)
	switch {
	case err == nil:
		return id, true, nil
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	default:
		return 0, false, fmt.Errorf("look up %s: %w", url, err)
	}
}
