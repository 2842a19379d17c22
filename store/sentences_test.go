package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/parley-bot/parley"
)

// TestAnnotate: a library whose passages have no sentences (made before
// roles existed) gets them decided once, batch after batch, when Annotate
// runs with a newer version than it has; at its version it does nothing;
// a newer version decides them all again. Passages keep what lies inside them.
func TestAnnotate(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	const n = 205 // more than one batch
	var ids []int64
	for i := range n {
		body := fmt.Sprintf("Line one of article %d.\nLine two of article %d.", i, i)
		ids = append(ids, mustAdd(t, db, article(fmt.Sprintf("Article %d", i), "Wire", fmt.Sprintf("https://example.com/%d", i), body)))
	}
	for _, id := range []int64{ids[0], ids[n-1]} {
		ps, err := db.Passages(ctx, id)
		if err != nil || len(ps) != 2 || ps[0].Sentences != nil {
			t.Fatalf("before: passages %+v, %v; want two with no sentences", ps, err)
		}
	}
	// decide marks the first line a headline and the second prose, with
	// the version it was called for as the speaker, so each run shows.
	calls := 0
	decider := func(version string) func(title, body string) []parley.Sentence {
		return func(title, body string) []parley.Sentence {
			calls++
			nl := strings.IndexByte(body, '\n')
			return []parley.Sentence{
				{Start: 0, End: nl, Role: parley.RoleHeadline},
				{Start: nl + 1, End: len(body), Said: parley.Attribution{Kind: parley.Reported, Speaker: version}},
			}
		}
	}
	check := func(version string) {
		t.Helper()
		for _, id := range []int64{ids[0], ids[n/2], ids[n-1]} {
			ps, err := db.Passages(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps[0].Sentences) != 1 || ps[0].Sentences[0].Role != parley.RoleHeadline ||
				len(ps[1].Sentences) != 1 || ps[1].Sentences[0].Said.Speaker != version || ps[1].Sentences[0].Start != ps[1].Start {
				t.Errorf("article %d after version %s: %+v", id, version, ps)
			}
		}
	}
	var heard []string
	progress := func(done, total int) { heard = append(heard, fmt.Sprintf("%d/%d", done, total)) }
	if err := db.Annotate(ctx, 1, decider("v1"), progress); err != nil {
		t.Fatal(err)
	}
	if calls != n {
		t.Errorf("version 1 decided %d articles; want %d", calls, n)
	}
	if got := strings.Join(heard, " "); got != "0/205 200/205 205/205" {
		t.Errorf("progress: %s; want 0/205 200/205 205/205", got)
	}
	check("v1")
	calls = 0
	heard = nil
	if err := db.Annotate(ctx, 1, decider("again"), progress); err != nil || calls != 0 || heard != nil {
		t.Errorf("at its version: %d articles decided again, progress %v, err %v; want none", calls, heard, err)
	}
	check("v1")
	if err := db.Annotate(ctx, 2, decider("v2"), nil); err != nil || calls != n {
		t.Errorf("version 2: %d articles decided, err %v; want %d", calls, err, n)
	}
	check("v2")
}
