package answers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/answers"
)

func day(s string) time.Time {
	t, err := time.Parse(parley.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestTimelineOfTheSeeds(t *testing.T) {
	db, _ := seeded(t)
	d := &answers.Digests{Corpus: db, Searcher: db}
	dg, err := d.Timeline(context.Background(), parley.Scope{Since: day("2025-08-01")})
	if err != nil {
		t.Fatal(err)
	}
	// Each event is dated when it happened, not when it was published.
	want := []struct{ date, quote string }{
		{"2025-08-15", "Trump met with Putin for nearly three hours Friday at a U.S. military base in Anchorage."},
		{"2025-08-17", "While Trump acknowledged these conditions, he suggested Sunday that Ukraine could end the war"},
		{"2025-08-17", "Secretary of State Marco Rubio, appearing separately Sunday on ABC"},
		{"2025-08-18", "That peace framework remained the focus Monday, when Trump hosted Ukrainian President"},
	}
	for _, w := range want {
		found := false
		for _, p := range dg.Points {
			found = found || (parley.FormatDate(p.Date) == w.date && strings.HasPrefix(p.Citations[0].Quote, w.quote))
		}
		if !found {
			t.Errorf("no event %s %q in:\n%s", w.date, w.quote, dg.Text)
		}
	}
	for i := 1; i < len(dg.Points); i++ {
		if dg.Points[i].Date.Before(dg.Points[i-1].Date) {
			t.Errorf("events out of order at %d", i)
		}
	}
	for _, p := range dg.Points {
		if !strings.Contains(dg.Text, "- "+parley.FormatDate(p.Date)+": “") {
			t.Errorf("text lacks the dated line of %s", p.Text)
		}
	}
	checkPoints(t, db, dg)
}

func TestTimelineMergesOneEventAndLeavesOutUndated(t *testing.T) {
	db, _ := seeded(t,
		"---\ntitle: Swap\noutlet: AP\npublished: 2025-08-22\n---\nUkraine and Russia exchanged 84 prisoners of war on Thursday, officials said.\nThe talks are expected to continue, a diplomat said without giving any date.",
		"---\ntitle: Swap\noutlet: Reuters\npublished: 2025-08-23\n---\nRussia and Ukraine exchanged 84 prisoners of war on Thursday in a swap mediated by the UAE.\nNo further exchanges have been announced yet by either of the two sides.",
	)
	d := &answers.Digests{Corpus: db, Searcher: db}
	dg, err := d.Timeline(context.Background(), parley.Scope{Since: day("2025-08-20"), Until: day("2025-08-25")})
	if err != nil {
		t.Fatal(err)
	}
	if len(dg.Points) != 1 {
		t.Fatalf("%d events, want the swap once:\n%s", len(dg.Points), dg.Text)
	}
	p := dg.Points[0]
	if parley.FormatDate(p.Date) != "2025-08-21" || len(p.Citations) != 2 || !strings.Contains(p.Text, "reported by 2 outlets") {
		t.Errorf("event = %+v", p)
	}
	checkPoints(t, db, dg)
}

func TestTimelineEmptyWindow(t *testing.T) {
	db, _ := seeded(t)
	d := &answers.Digests{Corpus: db, Searcher: db}
	dg, err := d.Timeline(context.Background(), parley.Scope{Since: day("2026-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	if len(dg.Points) != 0 || dg.Text != "The articles I have don't date any event since 2026-01-01." {
		t.Errorf("empty window: %q", dg.Text)
	}
}
