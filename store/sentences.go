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

// annotateBatch is how many articles one transaction of Annotate decides.
const annotateBatch = 200

// Annotate decides the sentences of every article again when the library's
// were decided by an older version of the rules than version (or, in a
// library made before roles existed, never), and records the version:
// libraries get their roles once, when opened. At the current version it
// costs one lookup; articles added since carry their sentences, and one
// added without them is read as all prose. Memory stays bounded: articles
// are read a batch at a time, each batch one transaction. progress, when
// not nil, hears how many of how many articles are done, first with none.
func (db *DB) Annotate(ctx context.Context, version int, decide Sentencer, progress func(done, total int)) error {
	var have string
	err := db.sql.QueryRowContext(ctx, "SELECT coalesce((SELECT value FROM settings WHERE name = 'roles-version'), '0')").Scan(&have)
	if err != nil {
		return err
	}
	if old, _ := strconv.Atoi(have); old >= version {
		return nil
	}
	total := 0
	if progress != nil {
		if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&total); err != nil {
			return err
		}
		progress(0, total)
	}
	for after, done := int64(0), 0; ; {
		n, last, err := db.annotateBatch(ctx, after, decide)
		if err != nil {
			return fmt.Errorf("decide the sentences of articles after %d: %w", after, err)
		}
		done += n
		if progress != nil && n > 0 {
			progress(done, total)
		}
		if n < annotateBatch {
			break
		}
		after = last
	}
	_, err = db.sql.ExecContext(ctx, "INSERT OR REPLACE INTO settings (name, value) VALUES ('roles-version', ?)", strconv.Itoa(version))
	return err
}

// annotateBatch decides the sentences of up to annotateBatch articles with
// ids above after, in one transaction, and returns how many it read and
// the last id.
func (db *DB) annotateBatch(ctx context.Context, after int64, decide Sentencer) (n int, last int64, err error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT id, title, body FROM articles WHERE id > ? ORDER BY id LIMIT ?", after, annotateBatch)
	if err != nil {
		return 0, 0, err
	}
	type article struct {
		id          int64
		title, body string
	}
	var arts []article
	for rows.Next() {
		var a article
		if err := rows.Scan(&a.id, &a.title, &a.body); err != nil {
			rows.Close()
			return 0, 0, err
		}
		arts = append(arts, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	for _, a := range arts {
		rows, err := tx.QueryContext(ctx, passagesOf, a.id)
		if err != nil {
			return 0, 0, err
		}
		ps, err := scanPassages(rows)
		if err != nil {
			return 0, 0, err
		}
		parley.AssignSentences(ps, decide(a.title, a.body))
		for _, p := range ps {
			b, err := encodeSentences(p.Sentences)
			if err != nil {
				return 0, 0, err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE passages SET sentences = ? WHERE id = ?", b, p.ID); err != nil {
				return 0, 0, err
			}
		}
		last = a.id
	}
	return len(arts), last, tx.Commit()
}
