package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// sameStory is the estimated similarity of word shingles above which two
// articles are one story published twice.
const sameStory = 0.9

// bands × rows = prose.SignatureSize. With 8 bands of 8, two articles 0.9
// similar share a band with probability 0.99, while articles 0.5 similar
// do with 0.03: few candidates to compare, few rows to write.
const (
	bands = 8
	rows  = prose.SignatureSize / bands
)

func encodeSig(s prose.Signature) []byte {
	b := make([]byte, 4*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func decodeSig(b []byte) (prose.Signature, bool) {
	var s prose.Signature
	if len(b) != 4*len(s) {
		return s, false
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, true
}

func bandHashes(s prose.Signature) [bands]int64 {
	var out [bands]int64
	for i := range out {
		h := fnv.New64a()
		for _, v := range s[i*rows : (i+1)*rows] {
			var b [4]byte
			binary.LittleEndian.PutUint32(b[:], v)
			h.Write(b[:])
		}
		out[i] = int64(h.Sum64() >> 1)
	}
	return out
}

// sameStoryAs returns the article whose text is the same story as sig, if
// any, other than the article except.
func sameStoryAs(ctx context.Context, tx txer, sig prose.Signature, except int64) (int64, bool, error) {
	hs := bandHashes(sig)
	conds := make([]string, bands)
	args := make([]any, 0, 2*bands+1)
	for i, h := range hs {
		conds[i] = "(band = ? AND hash = ?)"
		args = append(args, i, h)
	}
	args = append(args, except)
	rows, err := tx.QueryContext(ctx, `SELECT s.article_id, s.sig FROM article_signatures s WHERE s.article_id IN
		(SELECT article_id FROM article_bands WHERE `+strings.Join(conds, " OR ")+`) AND s.article_id != ?`, args...)
	if err != nil {
		return 0, false, err
	}
	defer rows.Close()
	best, bestSim := int64(0), 0.0
	for rows.Next() {
		var id int64
		var b []byte
		if err := rows.Scan(&id, &b); err != nil {
			return 0, false, err
		}
		if other, ok := decodeSig(b); ok {
			if s := sig.Similarity(other); s >= sameStory && s > bestSim {
				best, bestSim = id, s
			}
		}
	}
	return best, best != 0, rows.Err()
}

// index records an article's signature and bands; replace says it had
// them already (its text was updated).
func index(ctx context.Context, tx txer, id int64, sig prose.Signature, replace bool) error {
	if replace {
		if err := unindex(ctx, tx, id); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO article_signatures (article_id, sig) VALUES (?, ?)`, id, encodeSig(sig)); err != nil {
		return err
	}
	// One statement for all bands: sixteen were a quarter of ingest time.
	args := make([]any, 0, 3*bands)
	for i, h := range bandHashes(sig) {
		args = append(args, i, h, id)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO article_bands (band, hash, article_id) VALUES (?, ?, ?)`+
		strings.Repeat(", (?, ?, ?)", bands-1), args...)
	return err
}

// unindex removes an article's bands, found by key from its signature.
func unindex(ctx context.Context, tx txer, id int64) error {
	var b []byte
	err := tx.QueryRowContext(ctx, `SELECT sig FROM article_signatures WHERE article_id = ?`, id).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // an article added before signatures existed
	}
	if err != nil {
		return err
	}
	sig, ok := decodeSig(b)
	if !ok {
		return nil
	}
	for i, h := range bandHashes(sig) {
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_bands WHERE band = ? AND hash = ? AND article_id = ?`, i, h, id); err != nil {
			return err
		}
	}
	return nil
}

// copyOf says what adding a, a copy of the story of stored article id (its
// very text when same), does: from another outlet, it records that outlet
// (Syndicated); from the article's own outlet or page, or from no outlet
// named, it does nothing if the text is the same (Duplicate) and stores a
// as an article of its own if not (Revised: the caller stores it); from an
// outlet already recorded with this URL, nothing (Duplicate).
func copyOf(ctx context.Context, tx txer, id int64, a *parley.Article, same bool) (parley.Outcome, error) {
	var outlet, url string
	if err := tx.QueryRowContext(ctx, "SELECT outlet, coalesce(url, '') FROM articles WHERE id = ?", id).Scan(&outlet, &url); err != nil {
		return 0, err
	}
	name := strings.TrimSpace(a.Outlet)
	if name == "" || strings.EqualFold(strings.TrimSpace(outlet), name) || (a.URL != "" && a.URL == url) {
		if same {
			return parley.Duplicate, nil
		}
		return parley.Revised, nil
	}
	res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_outlets (article_id, outlet, url, published, added) VALUES (?, ?, ?, ?, ?)`,
		id, name, a.URL, timeText(a.Published), timeText(a.Added))
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return parley.Duplicate, err
	}
	return parley.Syndicated, nil
}

// Outlets returns the other outlets that published an article's story.
func (db *DB) Outlets(ctx context.Context, id int64) ([]parley.Source, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT outlet, url, published FROM article_outlets WHERE article_id = ? ORDER BY published, outlet`, id)
	if err != nil {
		return nil, fmt.Errorf("outlets of article %d: %w", id, err)
	}
	defer rows.Close()
	var out []parley.Source
	for rows.Next() {
		var s parley.Source
		var published string
		if err := rows.Scan(&s.Outlet, &s.URL, &published); err != nil {
			return nil, err
		}
		s.ArticleID, s.Published = id, parseTime(published)
		out = append(out, s)
	}
	return out, rows.Err()
}

// backfillBatch is how many articles one transaction of backfill signs.
const backfillBatch = 500

// backfillSignatures signs the articles stored before signatures existed
// (libraries made before migration 4), so that a copy of their story is
// recognised too. It runs once, and records that it has: afterwards every
// article gets its signature as it is added.
func (db *DB) backfillSignatures(ctx context.Context) error {
	var done int
	err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM settings WHERE name = 'signatures-complete'").Scan(&done)
	if err != nil || done > 0 {
		return err
	}
	for {
		rows, err := db.sql.QueryContext(ctx, `SELECT id FROM articles
			WHERE id NOT IN (SELECT article_id FROM article_signatures) ORDER BY id LIMIT ?`, backfillBatch)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) == 0 {
			_, err := db.sql.ExecContext(ctx, "INSERT OR IGNORE INTO settings (name, value) VALUES ('signatures-complete', 1)")
			return err
		}
		if err := db.sign(ctx, ids); err != nil {
			return fmt.Errorf("sign articles for finding copies: %w", err)
		}
	}
}

func (db *DB) sign(ctx context.Context, ids []int64) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, id := range ids {
		var body string
		if err := tx.QueryRowContext(ctx, "SELECT body FROM articles WHERE id = ?", id).Scan(&body); err != nil {
			return err
		}
		if err := index(ctx, tx, id, prose.MinHash(body), false); err != nil {
			return err
		}
	}
	return tx.Commit()
}
