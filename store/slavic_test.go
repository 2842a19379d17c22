package store_test

import (
	"context"
	"fmt"
	"slices"
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

// TestSearchAcrossLanguages: a question in English finds a Russian report
// by the glossary's translations of its words, and those translations
// count nothing in an English passage, where the key of a Cyrillic word
// may be the stem of another English word (the key of «армія» is the
// stem of "armed").
func TestSearchAcrossLanguages(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	ru := mustAdd(t, db, article("Экономика разрыва", "Невский курьер", "https://ru.example.com/2",
		"Американские компании, ушедшие с рынка, потеряли более 300 миллиардов долларов."))
	mustAdd(t, db, article("Weather", "Wire", "https://en.example.com/2",
		"Heavy snow closed roads across the region on Monday."))
	hits, err := db.Search(ctx, parley.Query{Text: "How much did American companies lose?"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].ArticleID != ru {
		t.Fatalf("an English question about what a Russian report says: %d hits, want the Russian one first", len(hits))
	}

	armed := mustAdd(t, db, article("Parade", "Wire", "https://en.example.com/3",
		"Armed guards stood at the gate."))
	army := mustAdd(t, db, article("Army", "Wire", "https://en.example.com/4",
		"The army marched through the square."))
	hits, err = db.Search(ctx, parley.Query{Text: "army"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.ArticleID == armed && h.Score > 0 {
			t.Errorf("Search(army) scores an English passage with only %q (%.2f): a translation counted in English", "armed", h.Score)
		}
	}
	if len(hits) == 0 || hits[0].ArticleID != army {
		t.Errorf("Search(army) = %d hits, want the army's article first", len(hits))
	}
}

// TestRomanised: a Ukrainian or Russian name is read as the English
// reports' spelling of it, by its key, and a place by its English name.
func TestRomanised(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	mustAdd(t, db, article("Talks", "Wire", "https://en.example.com/5",
		"Zelensky sent Rustem Umerov to Istanbul, where Marco Rubio and Trump envoy Steve Witkoff and Kirill Dmitriev met Yuri Ushakov."))
	for word, want := range map[string]string{
		"Зеленського": "zelenski",
		"Умєрова":     "umerov",
		"Віткоффом":   "witkoff",
		"Дмитрієв":    "dmitriev",
		"Стамбулі":    "istanbul",
		"Ушакова":     "ushakov",
		"Трампа":      "trump",
		"Уиткоффа":    "witkoff",
		"Рубіо":       "rubio",
	} {
		got, err := db.Romanised(ctx, word)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(got, want) {
			t.Errorf("Romanised(%q) = %q, want %q among them", word, got, want)
		}
	}
	for _, word := range []string{"переговори", "Putin"} {
		if got, err := db.Romanised(ctx, word); err != nil || len(got) > 0 {
			t.Errorf("Romanised(%q) = %q, %v: want none", word, got, err)
		}
	}
}

// TestTranslationsWeighedInTheirLanguage: in a library mostly in English,
// an English report with the question's own words ranks above a Russian
// one with their translations, though every Cyrillic word is rare in the
// whole library: a translation is weighed by how rare it is among the
// passages of its own language.
func TestTranslationsWeighedInTheirLanguage(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	ru := mustAdd(t, db, article("Санкции", "Невский курьер", "https://ru.example.com/9",
		"Минфин США ввёл санкции против двух нефтяных компаний."))
	for i := range 12 {
		mustAdd(t, db, article(fmt.Sprintf("Weather %d", i), "Wire", fmt.Sprintf("https://en.example.com/w%d", i),
			fmt.Sprintf("Heavy snow closed %d roads, and the oil companies said sanctions were not the cause.", i)))
	}
	en := mustAdd(t, db, article("Sanctions on oil", "Wire", "https://en.example.com/9",
		"The Treasury announced sanctions on two Russian oil companies."))
	hits, err := db.Search(ctx, parley.Query{Text: "Treasury sanctions oil companies"}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].ArticleID != en {
		t.Errorf("the English report should come first, got article %d (Russian is %d)", hits[0].ArticleID, ru)
	}
}
