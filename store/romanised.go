package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
// be written in English (prose.LatinPrefixes: "zel", and "wit" as well as
// "vit" for the v of «Віткофф»), and keeps those whose key is the word's.
func (db *DB) Romanised(ctx context.Context, word string) ([]string, error) {
	if !prose.HasCyrillic(word) {
		return nil, nil
	}
	keys := append([]string{prose.SlavicKey(word)}, prose.SlavicAlternates(word)...)
	if k := keys[0]; len(k) > 2 && k[0] == 'u' && strings.ContainsRune("aeio", rune(k[1])) {
		// Russian writes an English w before a vowel as у: «Уиткофф» is
		// Witkoff, whose key is vitkof.
		keys = append(keys, "v"+k[1:])
	}
	out := prose.Exonyms(keys)
	for _, key := range keys {
		if len(key) < minRomanisedKey-1 {
			continue
		}
		prefixes := prose.LatinPrefixes(key, correctPrefix)
		if u := strings.Replace(key[:correctPrefix], "a", "u", 1); u != key[:correctPrefix] {
			prefixes = append(prefixes, prose.LatinPrefixes(u+key[correctPrefix:], correctPrefix)...)
		}
		for _, p := range prefixes {
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
				if !prose.HasCyrillic(term) && (slices.Contains(keys, prose.SlavicKey(term)) || slices.Contains(keys, shortU(prose.SlavicKey(term)))) && !slices.Contains(out, term) {
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

// shortU is a key with the u of an English spelling that Ukrainian and
// Russian write as a ("Trump", «Трамп»), or "" for one with no such u: a
// u between two consonants.
func shortU(key string) string {
	b := []byte(key)
	changed := false
	for i := 1; i+1 < len(b); i++ {
		if b[i] == 'u' && isConsonant(b[i-1]) && isConsonant(b[i+1]) {
			b[i], changed = 'a', true
		}
	}
	if !changed {
		return ""
	}
	return string(b)
}

func isConsonant(c byte) bool {
	return c >= 'a' && c <= 'z' && !strings.ContainsRune("aeiouy", rune(c))
}

// minRomanisedKey is the shortest key read so as it is; a key one letter
// shorter («Рубіо» is rub, «Дабі» dab) is read only as a term of
// minRomanisedTerm letters or more (rubio, dhabi), since a shorter one
// meets too many English words that are no name.
const (
	minRomanisedKey  = 4
	minRomanisedTerm = 5
)
