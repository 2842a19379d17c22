package store

import (
	"context"
	"fmt"
	"math"
	"sort"

	"github.com/parley-bot/parley"
)

// rrfK is the constant of reciprocal rank fusion: a passage's fused score is
// the sum over rankings of 1/(rrfK + rank). 60 is the value of the original
// paper, and makes the fusion insensitive to the scale of either score.
const rrfK = 60

// fuseDepth is how many passages of each ranking take part in the fusion.
const fuseDepth = 50

// quantize stores a vector as int8 with one scale: value ≈ int8 × scale.
func quantize(v []float32) (scale float64, data []byte) {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(float64(x)))
	}
	if m == 0 {
		return 0, make([]byte, len(v))
	}
	scale = m / 127
	data = make([]byte, len(v))
	for i, x := range v {
		data[i] = byte(int8(math.Round(float64(x) / scale)))
	}
	return scale, data
}

func dequantize(scale float64, data []byte) []float32 {
	v := make([]float32, len(data))
	for i, b := range data {
		v[i] = float32(float64(int8(b)) * scale)
	}
	return v
}

// SetVectors stores the embeddings of passages, made by model, in one
// transaction.
func (db *DB) SetVectors(ctx context.Context, model string, ids []int64, vectors [][]float32) error {
	if len(ids) != len(vectors) {
		return fmt.Errorf("set vectors: %d ids, %d vectors", len(ids), len(vectors))
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set vectors: %w", err)
	}
	defer tx.Rollback()
	for i, id := range ids {
		scale, data := quantize(vectors[i])
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO passage_vectors (passage_id, model, scale, data) VALUES (?, ?, ?, ?)`,
			id, model, scale, data); err != nil {
			return fmt.Errorf("set vectors: %w", err)
		}
	}
	return tx.Commit()
}

// CountPassagesWithoutVectors is how many passages have no embedding by
// model yet: what a back-fill has to do.
func (db *DB) CountPassagesWithoutVectors(ctx context.Context, model string) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM passages p
		WHERE NOT EXISTS (SELECT 1 FROM passage_vectors v WHERE v.passage_id = p.id AND v.model = ?)`, model).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count passages without vectors: %w", err)
	}
	return n, nil
}

// PassagesWithoutVectors returns up to limit passages that have no
// embedding by model yet, oldest first, for back-filling.
func (db *DB) PassagesWithoutVectors(ctx context.Context, model string, limit int) ([]parley.Passage, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT p.id, p.article_id, p.seq, p.start_byte, p.end_byte, p.text, p.sentences FROM passages p
		WHERE NOT EXISTS (SELECT 1 FROM passage_vectors v WHERE v.passage_id = p.id AND v.model = ?)
		ORDER BY p.id LIMIT ?`, model, limit)
	if err != nil {
		return nil, fmt.Errorf("passages without vectors: %w", err)
	}
	return scanPassages(rows)
}

// nearest ranks the passages with a stored vector by cosine similarity to
// v, best first, and returns the first n ids. It reads every vector: fine
// for the tens of thousands of passages a hand-curated library holds.
func (db *DB) nearest(ctx context.Context, v []float32, n int) ([]int64, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT passage_id, scale, data FROM passage_vectors`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type scored struct {
		id  int64
		sim float64
	}
	var all []scored
	qn := norm(v)
	for rows.Next() {
		var id int64
		var scale float64
		var data []byte
		if err := rows.Scan(&id, &scale, &data); err != nil {
			return nil, err
		}
		if len(data) != len(v) || qn == 0 {
			continue
		}
		pv := dequantize(scale, data)
		pn := norm(pv)
		if pn == 0 {
			continue
		}
		dot := 0.0
		for i := range v {
			dot += float64(v[i]) * float64(pv[i])
		}
		all = append(all, scored{id, dot / (qn * pn)})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(all, func(i, j int) bool { return all[i].sim > all[j].sim })
	var ids []int64
	for _, s := range all[:min(n, len(all))] {
		ids = append(ids, s.id)
	}
	return ids, nil
}

func norm(v []float32) float64 {
	s := 0.0
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

// fuse merges the text ranking and the vector ranking by reciprocal rank
// fusion and returns the first k hits, near-copies skipped as in Search.
func (db *DB) fuse(ctx context.Context, text []parley.Hit, vector []int64, k int, copies bool) ([]parley.Hit, error) {
	score := map[int64]float64{}
	for r, h := range text {
		score[h.ID] += 1 / float64(rrfK+r+1)
	}
	for r, id := range vector {
		score[id] += 1 / float64(rrfK+r+1)
	}
	ids := map[int64]bool{}
	for id := range score {
		ids[id] = true
	}
	hits, raw, err := db.hits(ctx, ids)
	if err != nil {
		return nil, err
	}
	counts := make([]map[string]int, len(hits))
	order := make([]int, len(hits))
	for i := range hits {
		hits[i].Score = score[hits[i].ID]
		counts[i] = termCounts(hits[i].Text)
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := hits[order[i]], hits[order[j]]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.ID < b.ID
	})
	return raw.decoded(diverse(hits, counts, order, k, copies)), nil
}
