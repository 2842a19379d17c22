package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/parley-bot/parley/prose"
)

// Romanised returns the library's terms in Latin letters that are a
// Ukrainian or Russian word's name as English writes it: those whose Slavic
// key is the word's («Зеленського» → zelenski, «Умєрова» → umerov), and the
// English name of a place English does not romanise («Стамбулі» →
// istanbul). A question in Ukrainian or Russian then finds the English
// reports that name the same people and places; a word of no script but
// Cyrillic, or with no such term, gives none.
//
// It reads the lexicon's terms that begin as the key's first letters may
// be written in English (prose.NamePrefixes: "zel", and "wit" as well as
// "vit" for the v of «Віткофф»), and keeps those that name the same
// (prose.SameName).
func (db *DB) Romanised(ctx context.Context, word string) ([]string, error) {
	if !prose.HasCyrillic(word) {
		return nil, nil
	}
	keys := prose.NameKeys(word)
	out := prose.Exonyms(keys)
	for _, key := range keys {
		if len(key) < minRomanisedKey-1 {
			continue
		}
		for _, p := range prose.NamePrefixes(key, correctPrefix) {
			rows, err := db.sql.QueryContext(ctx, `SELECT term FROM lexicon WHERE term >= ? AND term < ?`, p, p+"\U0010FFFF")
			if err != nil {
				return nil, fmt.Errorf("romanise %q: %w", word, err)
			}
			for rows.Next() {
				var term string
				if err := rows.Scan(&term); err != nil {
					rows.Close()
					return nil, fmt.Errorf("romanise %q: %w", word, err)
				}
				if len(key) < minRomanisedKey && len(term) < minRomanisedTerm {
					continue // «Рубіо» is rub, and so is the verb "rub"
				}
				if !prose.HasCyrillic(term) && prose.SameName(keys, term) && !slices.Contains(out, term) {
					out = append(out, term)
				}
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return nil, fmt.Errorf("romanise %q: %w", word, err)
			}
		}
	}
	return out, nil
}

// minRomanisedKey is the shortest key read so as it is; a key one letter
// shorter («Рубіо» is rub, «Дабі» dab) is read only as a term of
// minRomanisedTerm letters or more (rubio, dhabi), since a shorter one
// meets too many English words that are no name.
const (
	minRomanisedKey  = 4
	minRomanisedTerm = 5
)
