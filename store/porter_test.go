package store

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/parley-bot/parley/internal/synth"
)

// TestPorterStemIsTheIndexs: porterStem stems as the index's tokenizer
// does, for the words of generated articles, words that take each of
// Porter's rules, and made-up words of letters, digits and those rules'
// suffixes, short and long.
func TestPorterStemIsTheIndexs(t *testing.T) {
	words := map[string]bool{}
	alnum := regexp.MustCompile(`[A-Za-z0-9]+`)
	for i := range 200 {
		a := synth.Article(11, i)
		for _, w := range alnum.FindAllString(a.Title+" "+a.Body, -1) {
			words[strings.ToLower(w)] = true
		}
	}
	for _, w := range strings.Fields(`a an ied aing eed feed agreed bleed hopping hoping falling filing sized
		sky skies dying caresses ponies ties caress cats plastered motoring sing conflated troubled
		happy conditional rational valenci hesitanci digitizer conformabli radicalli differentli
		vileli analogousli vietnamization predication operator feudalism decisiveness hopefulness
		callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti
		electrical hopeful goodness revival allowance inference airliner gyroscopic adjustable
		defensible irritant replacement adjustment dependent adoption homologou communism activate
		angulariti homologous effective bowdlerize probate rate cease controll roll generalizations
		oscillators 1000 3rd 90s g7 covid19`) {
		words[w] = true
	}
	suffixes := strings.Fields(`s es ies sses ss ed eed ing at bl iz y ational tional enci anci izer logi
		bli alli entli eli ousli ization ation ator alism iveness fulness ousness aliti iviti biliti ical
		ness icate iciti ful ative alize al ance ence er ic able ible ant ement ment ent ion sion tion ou
		ism ate iti ous ive ize e ll l`)
	r := rand.New(rand.NewPCG(1, 2))
	letters := "abcdefghijklmnopqrstuvwxyzaeiouyaeiouy0123"
	for range 20000 {
		var b strings.Builder
		for range r.IntN(7) {
			b.WriteByte(letters[r.IntN(len(letters))])
		}
		for range r.IntN(4) {
			b.WriteString(suffixes[r.IntN(len(suffixes))])
		}
		if b.Len() > 0 {
			words[b.String()] = true
		}
	}
	words[strings.Repeat("nation", 11)] = true // over 64 bytes: not stemmed
	words[strings.Repeat("ab", 32)] = true     // 64 bytes: stemmed

	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "lib.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.sql.SetMaxOpenConns(1) // the temp tables are the connection's
	_, err = db.sql.Exec(`CREATE VIRTUAL TABLE temp.words USING fts5(w, tokenize = 'porter unicode61 remove_diacritics 2');
		CREATE VIRTUAL TABLE temp.words_vocab USING fts5vocab(temp, words, 'instance')`)
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	tx, err := db.sql.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for w := range words {
		list = append(list, w)
		if _, err := tx.Exec("INSERT INTO temp.words (rowid, w) VALUES (?, ?)", len(list), w); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	index := map[int]string{}
	rows, err := db.sql.Query("SELECT term, doc FROM temp.words_vocab")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var term string
		var doc int
		if err := rows.Scan(&term, &doc); err != nil {
			t.Fatal(err)
		}
		index[doc] = term
	}
	rows.Close()
	bad := 0
	for i, w := range list {
		if got, want := porterStem(w), index[i+1]; got != want {
			if bad++; bad <= 20 {
				t.Errorf("porterStem(%q) = %q, the index has %q", w, got, want)
			}
		}
	}
	if bad > 0 || len(list) < 15000 {
		t.Errorf("%d of %d words stemmed otherwise than by the index", bad, len(list))
	}
}
