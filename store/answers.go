package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parley-bot/parley"
)

type savedCitation struct {
	N         int    `json:"n"`
	ArticleID int64  `json:"article_id"`
	PassageID int64  `json:"passage_id"`
	Quote     string `json:"quote"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// SaveAnswer records an answer given in Discord and returns its id.
func (db *DB) SaveAnswer(ctx context.Context, a *parley.Answer) (int64, error) {
	cs := make([]savedCitation, 0, len(a.Citations))
	for _, c := range a.Citations {
		cs = append(cs, savedCitation{c.N, c.Source.ArticleID, c.PassageID, c.Quote, c.Start, c.End})
	}
	js, err := json.Marshal(cs)
	if err != nil {
		return 0, err
	}
	res, err := db.sql.ExecContext(ctx, `INSERT INTO answers (question, text, abstained, citations, created) VALUES (?, ?, ?, ?, ?)`,
		a.Question, a.Text, a.Abstained, string(js), timeText(db.Now()))
	if err != nil {
		return 0, fmt.Errorf("save answer: %w", err)
	}
	return res.LastInsertId()
}

// Answer returns a saved answer with its citations (sources as they are now;
// a citation of an article removed since keeps its quote but no source).
func (db *DB) Answer(ctx context.Context, id int64) (*parley.Answer, error) {
	var a parley.Answer
	var js string
	err := db.sql.QueryRowContext(ctx, `SELECT question, text, abstained, citations FROM answers WHERE id = ?`, id).
		Scan(&a.Question, &a.Text, &a.Abstained, &js)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("answer %d: %w", id, parley.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("answer %d: %w", id, err)
	}
	var cs []savedCitation
	if err := json.Unmarshal([]byte(js), &cs); err != nil {
		return nil, fmt.Errorf("answer %d: %w", id, err)
	}
	for _, c := range cs {
		src := parley.Source{ArticleID: c.ArticleID}
		if art, err := db.Article(ctx, c.ArticleID); err == nil {
			src = art.Source()
		}
		a.Citations = append(a.Citations, parley.Citation{N: c.N, Source: src, PassageID: c.PassageID, Quote: c.Quote, Start: c.Start, End: c.End})
	}
	return &a, nil
}

// LinkMessage records that a Discord message carries an answer.
func (db *DB) LinkMessage(ctx context.Context, messageID string, answerID int64) error {
	_, err := db.sql.ExecContext(ctx, `INSERT OR REPLACE INTO answer_messages (message_id, answer_id) VALUES (?, ?)`, messageID, answerID)
	if err != nil {
		return fmt.Errorf("link message %s: %w", messageID, err)
	}
	return nil
}

// AnswerForMessage returns the answer a Discord message carries.
func (db *DB) AnswerForMessage(ctx context.Context, messageID string) (*parley.Answer, int64, error) {
	var id int64
	err := db.sql.QueryRowContext(ctx, `SELECT answer_id FROM answer_messages WHERE message_id = ?`, messageID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, fmt.Errorf("message %s: %w", messageID, parley.ErrNotFound)
	}
	if err != nil {
		return nil, 0, err
	}
	a, err := db.Answer(ctx, id)
	return a, id, err
}

// Vote records a user's 👍 (+1) or 👎 (-1) on an answer, replacing any
// earlier vote of theirs on it.
func (db *DB) Vote(ctx context.Context, answerID int64, userHash string, vote int) error {
	if vote != 1 && vote != -1 {
		return parley.Errorf(parley.ErrInvalid, "vote %d", vote)
	}
	_, err := db.sql.ExecContext(ctx, `INSERT INTO feedback (answer_id, user_hash, vote, created) VALUES (?, ?, ?, ?)
		ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, created = excluded.created`,
		answerID, userHash, vote, timeText(db.Now()))
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return fmt.Errorf("vote on answer %d: %w", answerID, parley.ErrNotFound)
		}
		return fmt.Errorf("vote on answer %d: %w", answerID, err)
	}
	return nil
}

// Feedback is one vote with the answer it judges.
type Feedback struct {
	AnswerID int64     `json:"answer_id"`
	Question string    `json:"question"`
	Answer   string    `json:"answer"`
	UserHash string    `json:"user"`
	Vote     int       `json:"vote"`
	Created  time.Time `json:"created"`
}

// Feedback lists the votes, newest first.
func (db *DB) Feedback(ctx context.Context) ([]Feedback, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT f.answer_id, a.question, a.text, f.user_hash, f.vote, f.created
		FROM feedback f JOIN answers a ON a.id = f.answer_id ORDER BY f.created DESC, f.answer_id DESC`)
	if err != nil {
		return nil, fmt.Errorf("feedback: %w", err)
	}
	defer rows.Close()
	var out []Feedback
	for rows.Next() {
		var f Feedback
		var created string
		if err := rows.Scan(&f.AnswerID, &f.Question, &f.Answer, &f.UserHash, &f.Vote, &created); err != nil {
			return nil, err
		}
		f.Created = parseTime(created)
		out = append(out, f)
	}
	return out, rows.Err()
}

// PassagesByID returns the passages with the given ids and their sources, in
// the order asked; ids that no longer exist are left out.
func (db *DB) PassagesByID(ctx context.Context, ids []int64) ([]parley.Hit, error) {
	set := map[int64]bool{}
	for _, id := range ids {
		set[id] = true
	}
	hits, raw, err := db.hits(ctx, set)
	if err != nil {
		return nil, fmt.Errorf("passages: %w", err)
	}
	hits = raw.decoded(hits)
	byID := map[int64]parley.Hit{}
	for _, h := range hits {
		byID[h.ID] = h
	}
	var out []parley.Hit
	for _, id := range ids {
		if h, ok := byID[id]; ok {
			out = append(out, h)
			delete(byID, id)
		}
	}
	return out, nil
}

// Sources lists articles newest first, or those whose title, outlet or URL
// contains query, a page at a time, with the total number that match.
func (db *DB) Sources(ctx context.Context, query string, offset, limit int) ([]parley.Source, int, error) {
	where, args := "", []any{}
	if q := strings.TrimSpace(query); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q) + "%"
		where = ` WHERE title LIKE ? ESCAPE '\' OR outlet LIKE ? ESCAPE '\' OR url LIKE ? ESCAPE '\'`
		args = []any{like, like, like}
	}
	var total int
	if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM articles"+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("sources: %w", err)
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT "+articleColumns+" FROM articles"+where+
		" ORDER BY published = '', published DESC, id DESC LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sources: %w", err)
	}
	defer rows.Close()
	var out []parley.Source
	for rows.Next() {
		a, err := scanSource(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, a.Source())
	}
	return out, total, rows.Err()
}

// Secret returns the library's random 32-byte secret of that name, making it
// on first use.
func (db *DB) Secret(ctx context.Context, name string) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	if _, err := db.sql.ExecContext(ctx, `INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)`, name, fresh); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	var v []byte
	if err := db.sql.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = ?`, name).Scan(&v); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	return v, nil
}
