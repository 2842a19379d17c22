package store_test

import (
	"context"
	"testing"

	"github.com/parley-bot/parley"
)

// TestSearchSlavic: Ukrainian and Russian words are found by their other
// forms, names across scripts, and an article without a declared language
// is stored with the one of its text.
func TestSearchSlavic(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	ru := mustAdd(t, db, article("Переговоры в Женеве", "Невский курьер", "https://ru.example.com/1",
		"Дмитрий Песков заявил о переговорах в Женеве.\nДелегации обсудили 19 пунктов."))
	en := mustAdd(t, db, article("Sanctions", "Wire", "https://en.example.com/1",
		"The Treasury announced sanctions on two oil companies."))
	for _, q := range []string{"переговоров", "переговори", "Пескова", "Peskov", "Geneva", "пунктів"} {
		hits, err := db.Search(ctx, parley.Query{Text: q}, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].ArticleID != ru {
			t.Errorf("Search(%q) = %d hits, want the Russian article first", q, len(hits))
		} else if hits[0].Source.Language != "ru" {
			t.Errorf("Search(%q): the hit's language is %q, want ru", q, hits[0].Source.Language)
		}
	}
	for id, want := range map[int64]string{ru: "ru", en: "en"} {
		a, err := db.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Language != want {
			t.Errorf("article %d: language %q, want %q (detected: none was declared)", id, a.Language, want)
		}
	}
}
