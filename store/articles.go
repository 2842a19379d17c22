package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/prose"
)

// Add stores an article with its passages, and indexes them, in one
// transaction. The same text again from the same outlet, from no outlet
// named, or from an outlet already recorded changes nothing (Duplicate, with
// the stored article's id). The same story from another outlet, word for
// word or ≥ 0.9 similar, records that outlet on the stored article
// (Syndicated, that id). A text ≥ 0.9 similar but not the same from the same
// outlet, or from no outlet named, under another URL or none, is stored as
// an article of its own (Revised). The same URL with a new body replaces
// that article's text (Updated); the caller sees to it that only a page of
// that URL's site does (see fetch). Passages must satisfy
// Text == Body[Start:End].
func (db *DB) Add(ctx context.Context, a *parley.Article, ps []parley.Passage) (int64, parley.Outcome, error) {
	if err := checkArticle(a, ps); err != nil {
		return 0, 0, err
	}
	if a.Hash == "" {
		sum := sha256.Sum256([]byte(a.Body))
		a.Hash = hex.EncodeToString(sum[:])
	}
	if a.Added.IsZero() {
		a.Added = db.Now().UTC()
	}
	if a.Language == "" {
		// Undeclared (no front matter, no lang on the page): the
		// language of the text, so that show and the answers can say it.
		a.Language = prose.DetectLanguage(a.Body)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("add %q: %w", a.Title, err)
	}
	defer tx.Rollback()
	var seen storedTerms // the terms of its index rows, once it is stored
	id, outcome, err := addTx(ctx, preparedTx{tx, db}, a, ps, &db.lexicon, &seen)
	if err != nil {
		return 0, 0, fmt.Errorf("add %q: %w", a.Title, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, fmt.Errorf("add %q: %w", a.Title, err)
	}
	db.lexicon.remember(seen)
	a.ID = id
	return id, outcome, nil
}

func checkArticle(a *parley.Article, ps []parley.Passage) error {
	switch {
	case a.Title == "":
		return parley.Errorf(parley.ErrInvalid, "article has no title")
	case a.Body == "":
		return parley.Errorf(parley.ErrInvalid, "article has no text")
	case len(ps) == 0:
		return parley.Errorf(parley.ErrInvalid, "article has no passages")
	}
	for i, p := range ps {
		if p.Start < 0 || p.End > len(a.Body) || p.Start >= p.End || a.Body[p.Start:p.End] != p.Text {
			return parley.Errorf(parley.ErrInvalid, "passage %d is not the body's text at %d–%d", i, p.Start, p.End)
		}
	}
	return nil
}

func addTx(ctx context.Context, tx txer, a *parley.Article, ps []parley.Passage, lc *lexiconCache, seen *storedTerms) (int64, parley.Outcome, error) {
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM articles WHERE hash = ?", a.Hash).Scan(&id)
	switch {
	case err == nil:
		outcome, err := copyOf(ctx, tx, id, a, true)
		return id, outcome, err
	case !errors.Is(err, sql.ErrNoRows):
		return 0, 0, err
	}
	outcome := parley.Added
	if a.URL != "" {
		err := tx.QueryRowContext(ctx, "SELECT id FROM articles WHERE url = ?", a.URL).Scan(&id)
		switch {
		case err == nil:
			outcome = parley.Updated
		case !errors.Is(err, sql.ErrNoRows):
			return 0, 0, err
		}
	}
	sig := prose.MinHash(a.Body)
	if outcome == parley.Added {
		same, ok, err := sameStoryAs(ctx, tx, sig, 0)
		if err != nil {
			return 0, 0, err
		}
		if ok {
			if outcome, err = copyOf(ctx, tx, same, a, false); err != nil || outcome != parley.Revised {
				return same, outcome, err
			}
		}
	}
	if outcome == parley.Updated {
		// The passages go first: their trigger removes their index rows.
		if err := lexiconRemoving(ctx, tx, id); err != nil {
			return 0, 0, err
		}
		if err := uncountCyrillic(ctx, tx, id); err != nil {
			return 0, 0, err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM passages WHERE article_id = ?", id); err != nil {
			return 0, 0, err
		}
		_, err = tx.ExecContext(ctx, `UPDATE articles SET title = ?, outlet = ?, author = ?, language = ?,
			published = ?, added = ?, body = ?, hash = ? WHERE id = ?`,
			a.Title, a.Outlet, a.Author, a.Language, timeText(a.Published), timeText(a.Added), a.Body, a.Hash, id)
		if err != nil {
			return 0, 0, err
		}
	} else {
		res, err := tx.ExecContext(ctx, `INSERT INTO articles (title, outlet, url, author, language, published, added, body, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.Title, a.Outlet, nullIfEmpty(a.URL), a.Author, a.Language, timeText(a.Published), timeText(a.Added), a.Body, a.Hash)
		if err != nil {
			return 0, 0, err
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, 0, err
		}
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO passages (article_id, seq, start_byte, end_byte, words, text, sentences) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, 0, err
	}
	defer stmt.Close()
	words := 0
	for i, p := range ps {
		n := prose.WordCount(p.Text) // BM25 needs lengths, not terms: no stemming
		words += n
		ss, err := encodeSentences(p.Sentences)
		if err != nil {
			return 0, 0, err
		}
		if _, err := stmt.ExecContext(ctx, id, i, p.Start, p.End, n, p.Text, ss); err != nil {
			return 0, 0, err
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO passages_fts (rowid, text, title, outlet)
		SELECT p.id, parley_index_form(p.text), ?, ? FROM passages p WHERE p.article_id = ?`, prose.IndexForm(a.Title), prose.IndexForm(a.Outlet), id)
	if err != nil {
		return 0, 0, err
	}
	if *seen, err = lexiconAdd(ctx, tx, lc, a, ps); err != nil {
		return 0, 0, err
	}
	if outcome == parley.Updated {
		if err := lexiconRemoved(ctx, tx); err != nil {
			return 0, 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE stats SET passages = passages + ?, words = words + ? WHERE id = 1`, len(ps), words); err != nil {
		return 0, 0, err
	}
	if isCyrillicLanguage(a.Language) {
		if _, err := tx.ExecContext(ctx, `UPDATE language_stats SET cyrillic = cyrillic + ? WHERE id = 1`, len(ps)); err != nil {
			return 0, 0, err
		}
	}
	if err := index(ctx, tx, id, sig, outcome == parley.Updated); err != nil {
		return 0, 0, err
	}
	return id, outcome, nil
}

// Remove deletes an article with its passages and index rows.
func (db *DB) Remove(ctx context.Context, id int64) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	defer tx.Rollback()
	if err := unindex(ctx, tx, id); err != nil {
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	if err := lexiconRemoving(ctx, tx, id); err != nil {
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	if err := uncountCyrillic(ctx, tx, id); err != nil {
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM articles WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("remove article %d: %w", id, parley.ErrNotFound)
	}
	if err := lexiconRemoved(ctx, tx); err != nil {
		return fmt.Errorf("remove article %d: %w", id, err)
	}
	return tx.Commit()
}

// isCyrillicLanguage reports whether articles in language lang are counted
// in language_stats (migration 18).
func isCyrillicLanguage(lang string) bool { return lang == "uk" || lang == "ru" }

// uncountCyrillic takes an article's passages out of language_stats before
// they are deleted, when it is in Ukrainian or Russian.
func uncountCyrillic(ctx context.Context, tx txer, id int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE language_stats SET cyrillic = cyrillic - (SELECT count(*) FROM passages WHERE article_id = ?)
		WHERE id = 1 AND (SELECT language FROM articles WHERE id = ?) IN ('uk', 'ru')`, id, id)
	return err
}

const articleColumns = "id, title, outlet, coalesce(url, ''), author, language, published, added"

func scanSource(sc interface{ Scan(...any) error }, extra ...any) (parley.Article, error) {
	var a parley.Article
	var published, added string
	dest := append([]any{&a.ID, &a.Title, &a.Outlet, &a.URL, &a.Author, &a.Language, &published, &added}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return a, err
	}
	a.Published, a.Added = parseTime(published), parseTime(added)
	return a, nil
}

// Article returns the article with the given id, body included.
func (db *DB) Article(ctx context.Context, id int64) (parley.Article, error) {
	row := db.sql.QueryRowContext(ctx, "SELECT "+articleColumns+", body, hash FROM articles WHERE id = ?", id)
	var body, hash string
	a, err := scanSource(row, &body, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("article %d: %w", id, parley.ErrNotFound)
	}
	if err != nil {
		return a, fmt.Errorf("article %d: %w", id, err)
	}
	a.Body, a.Hash = body, hash
	return a, nil
}

// Listing is an article without its body, with its number of passages.
type Listing struct {
	parley.Article
	Passages int
}

// List returns every article without its body, newest publication first
// (undated ones last), then by id.
func (db *DB) List(ctx context.Context) ([]Listing, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+articleColumns+`,
		(SELECT count(*) FROM passages p WHERE p.article_id = articles.id)
		FROM articles ORDER BY published = '', published DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []Listing
	for rows.Next() {
		var l Listing
		a, err := scanSource(rows, &l.Passages)
		if err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		l.Article = a
		out = append(out, l)
	}
	return out, rows.Err()
}

// Count returns the number of articles in the library.
func (db *DB) Count(ctx context.Context) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n)
	return n, err
}

// passagesOf selects an article's passages in order, for scanPassages.
const passagesOf = `SELECT id, article_id, seq, start_byte, end_byte, text, sentences
	FROM passages WHERE article_id = ? ORDER BY seq`

// Passages returns the passages of an article in order.
func (db *DB) Passages(ctx context.Context, articleID int64) ([]parley.Passage, error) {
	rows, err := db.sql.QueryContext(ctx, passagesOf, articleID)
	if err != nil {
		return nil, fmt.Errorf("passages of article %d: %w", articleID, err)
	}
	return scanPassages(rows)
}

// scanPassages reads rows of (id, article_id, seq, start_byte, end_byte, text, sentences).
func scanPassages(rows *sql.Rows) ([]parley.Passage, error) {
	defer rows.Close()
	var out []parley.Passage
	for rows.Next() {
		var p parley.Passage
		var ss []byte
		if err := rows.Scan(&p.ID, &p.ArticleID, &p.Seq, &p.Start, &p.End, &p.Text, &ss); err != nil {
			return nil, err
		}
		p.Sentences = decodeSentences(ss)
		out = append(out, p)
	}
	return out, rows.Err()
}

// Articles returns the articles published in [since, until) (zero times do
// not bound), newest first, at most limit, bodies included; with ids, only
// those articles. Undated articles are left out of a bounded window.
func (db *DB) Articles(ctx context.Context, since, until time.Time, ids []int64, limit int) ([]parley.Article, error) {
	where := []string{"1=1"}
	var args []any
	if !since.IsZero() {
		where = append(where, "published >= ?")
		args = append(args, since.UTC().Format(parley.DateLayout))
	}
	if !until.IsZero() {
		where = append(where, "published != '' AND published < ?")
		args = append(args, until.UTC().Format(parley.DateLayout))
	}
	if len(ids) > 0 {
		where = append(where, "id IN (?"+strings.Repeat(",?", len(ids)-1)+")")
		for _, id := range ids {
			args = append(args, id)
		}
	}
	rows, err := db.sql.QueryContext(ctx, "SELECT "+articleColumns+", body, "+alsoColumn+" FROM articles WHERE "+strings.Join(where, " AND ")+
		" ORDER BY published = '', published DESC, id DESC LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	defer rows.Close()
	var out []parley.Article
	for rows.Next() {
		var body, also string
		a, err := scanSource(rows, &body, &also)
		if err != nil {
			return nil, err
		}
		a.Body, a.Also = body, splitAlso(also)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, db.withSentences(ctx, out)
}

// withSentences gives articles the sentences their passages keep, in order;
// an article whose sentences were never decided keeps none.
func (db *DB) withSentences(ctx context.Context, arts []parley.Article) error {
	if len(arts) == 0 {
		return nil
	}
	at := map[int64]int{}
	args := make([]any, len(arts))
	for i, a := range arts {
		at[a.ID] = i
		args[i] = a.ID
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT article_id, sentences FROM passages WHERE article_id IN (?`+
		strings.Repeat(",?", len(args)-1)+`) ORDER BY article_id, seq`, args...)
	if err != nil {
		return fmt.Errorf("sentences: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var b []byte
		if err := rows.Scan(&id, &b); err != nil {
			return err
		}
		if b == nil {
			continue
		}
		a := &arts[at[id]]
		a.Sentences = append(a.Sentences, decodeSentences(b)...)
	}
	return rows.Err()
}

// alsoColumn selects, with an article, the other outlets that published
// its story, joined by splitAlso's separator.
const alsoColumn = "coalesce((SELECT group_concat(o.outlet, char(31)) FROM article_outlets o WHERE o.article_id = articles.id), '')"

func splitAlso(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\x1f")
}

// Newest returns the publication date of the newest dated article, or the
// zero time for a library with none.
func (db *DB) Newest(ctx context.Context) (time.Time, error) {
	var s string
	err := db.sql.QueryRowContext(ctx, "SELECT coalesce(max(published), '') FROM articles").Scan(&s)
	return parseTime(s), err
}
