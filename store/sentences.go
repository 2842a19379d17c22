package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/parley-bot/parley"
)

// storedSentence is a parley.Sentence as the passages table keeps it:
// short keys, since every passage carries a list of them.
type storedSentence struct {
	S    int    `json:"s"`
	E    int    `json:"e"`
	R    uint8  `json:"r,omitempty"`
	K    uint8  `json:"k,omitempty"`
	Who  string `json:"w,omitempty"`
	Role string `json:"wr,omitempty"`
}

func encodeSentences(ss []parley.Sentence) ([]byte, error) {
	if ss == nil {
		return nil, nil
	}
	out := make([]storedSentence, len(ss))
	for i, s := range ss {
		out[i] = storedSentence{s.Start, s.End, uint8(s.Role), uint8(s.Said.Kind), s.Said.Speaker, s.Said.SpeakerRole}
	}
	return json.Marshal(out)
}

// decodeSentences reads what encodeSentences wrote; a passage whose
// sentences were never decided has none.
func decodeSentences(b []byte) []parley.Sentence {
	if len(b) == 0 {
		return nil
	}
	var in []storedSentence
	if json.Unmarshal(b, &in) != nil {
		return nil
	}
	out := make([]parley.Sentence, len(in))
	for i, s := range in {
		out[i] = parley.Sentence{Start: s.S, End: s.E, Role: parley.Role(s.R),
			Said: parley.Attribution{Kind: parley.AttributionKind(s.K), Speaker: s.Who, SpeakerRole: s.Role}}
	}
	return out
}

// Sentencer decides the sentences of an article body: ingest.Sentences.
type Sentencer func(title, body string) []parley.Sentence

// Annotate decides the sentences of every article whose passages have none,
// or were decided by an older version of the rules than version, and
// records the version: libraries made before roles existed get them once,
// when opened. Each article is one transaction.
func (db *DB) Annotate(ctx context.Context, version int, decide Sentencer) error {
	var have string
	err := db.sql.QueryRowContext(ctx, "SELECT coalesce((SELECT value FROM settings WHERE name = 'roles-version'), '0')").Scan(&have)
	if err != nil {
		return err
	}
	old, _ := strconv.Atoi(have)
	where := "id IN (SELECT article_id FROM passages WHERE sentences IS NULL)"
	if old < version {
		where = "1=1"
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT id, title, body FROM articles WHERE "+where+" ORDER BY id")
	if err != nil {
		return err
	}
	type art struct {
		id          int64
		title, body string
	}
	var todo []art
	for rows.Next() {
		var a art
		if err := rows.Scan(&a.id, &a.title, &a.body); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range todo {
		if err := db.annotate(ctx, a.id, decide(a.title, a.body)); err != nil {
			return fmt.Errorf("decide the sentences of article %d: %w", a.id, err)
		}
	}
	if old != version {
		_, err = db.sql.ExecContext(ctx, "INSERT OR REPLACE INTO settings (name, value) VALUES ('roles-version', ?)", strconv.Itoa(version))
	}
	return err
}

func (db *DB) annotate(ctx context.Context, id int64, ss []parley.Sentence) error {
	ps, err := db.Passages(ctx, id)
	if err != nil {
		return err
	}
	parley.AssignSentences(ps, ss)
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, p := range ps {
		b, err := encodeSentences(p.Sentences)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE passages SET sentences = ? WHERE id = ?", b, p.ID); err != nil {
			return err
		}
	}
	return tx.Commit()
}
