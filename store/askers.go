package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/parley-bot/parley"
)

// SetAsker records who asked for answer id, as a keyed hash of their user
// id (never the id itself).
func (db *DB) SetAsker(ctx context.Context, id int64, userHash string) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO answer_askers (answer_id, user_hash) VALUES (?, ?)
		ON CONFLICT (answer_id) DO UPDATE SET user_hash = excluded.user_hash`, id, userHash)
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return fmt.Errorf("answer %d: %w", id, parley.ErrNotFound)
		}
		return fmt.Errorf("record who asked for answer %d: %w", id, err)
	}
	return nil
}

// Asker returns the hash SetAsker recorded for answer id, "" for an answer
// saved before askers were, and parley.ErrNotFound when there is no such
// answer.
func (db *DB) Asker(ctx context.Context, id int64) (string, error) {
	var hash string
	err := db.sql.QueryRowContext(ctx, `SELECT coalesce((SELECT user_hash FROM answer_askers WHERE answer_id = a.id), '')
		FROM answers a WHERE a.id = ?`, id).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("answer %d: %w", id, parley.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("answer %d: %w", id, err)
	}
	return hash, nil
}
