package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/parley-bot/parley"
)

func TestAnswersMessagesAndVotes(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	art := article("Rubio on sanctions", "ABC", "https://example.com/r", "Rubio said sanctions were off the table.")
	artID := mustAdd(t, db, art)
	ps, _ := db.Passages(ctx, artID)
	a := &parley.Answer{Question: "What did Rubio say?", Text: "“Rubio said sanctions were off the table.” [1]",
		Citations: []parley.Citation{{N: 1, Source: parley.Source{ArticleID: artID}, PassageID: ps[0].ID, Quote: "Rubio said sanctions were off the table.", Start: 0, End: 40}}}
	id, err := db.SaveAnswer(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.LinkMessage(ctx, "m1", id); err != nil {
		t.Fatal(err)
	}
	got, gotID, err := db.AnswerForMessage(ctx, "m1")
	if err != nil || gotID != id || got.Question != a.Question || got.Text != a.Text || len(got.Citations) != 1 {
		t.Fatalf("AnswerForMessage = %+v, %d, %v", got, gotID, err)
	}
	if c := got.Citations[0]; c.Source.Title != art.Title || c.PassageID != ps[0].ID || c.Quote != a.Citations[0].Quote {
		t.Errorf("citation = %+v", c)
	}
	if _, _, err := db.AnswerForMessage(ctx, "nope"); !errors.Is(err, parley.ErrNotFound) {
		t.Errorf("unknown message: err = %v", err)
	}
	hits, err := db.PassagesByID(ctx, []int64{ps[0].ID, 99999})
	if err != nil || len(hits) != 1 || hits[0].Text != ps[0].Text || hits[0].Source.Outlet != "ABC" {
		t.Errorf("PassagesByID = %+v, %v", hits, err)
	}

	if err := db.Vote(ctx, id, "u1", 1); err != nil {
		t.Fatal(err)
	}
	if err := db.Vote(ctx, id, "u1", -1); err != nil { // a second vote replaces the first
		t.Fatal(err)
	}
	if err := db.Vote(ctx, id, "u2", 1); err != nil {
		t.Fatal(err)
	}
	if err := db.Vote(ctx, id, "u3", 0); !errors.Is(err, parley.ErrInvalid) {
		t.Errorf("vote 0: err = %v, want ErrInvalid", err)
	}
	if err := db.Vote(ctx, 12345, "u1", 1); !errors.Is(err, parley.ErrNotFound) {
		t.Errorf("vote on no answer: err = %v, want ErrNotFound", err)
	}
	fb, err := db.Feedback(ctx)
	if err != nil || len(fb) != 2 {
		t.Fatalf("feedback = %+v, %v", fb, err)
	}
	votes := map[string]int{}
	for _, f := range fb {
		votes[f.UserHash] = f.Vote
		if f.Question != a.Question {
			t.Errorf("feedback question = %q", f.Question)
		}
	}
	if votes["u1"] != -1 || votes["u2"] != 1 {
		t.Errorf("votes = %v", votes)
	}
}

func TestSourcesAndSecret(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, title := range []string{"Alpha talks", "Beta sanctions", "Gamma 100% talks_x"} {
		mustAdd(t, db, article(title, "Wire", "", title+" happened today, officials said."))
	}
	all, total, err := db.Sources(ctx, "", 0, 2)
	if err != nil || total != 3 || len(all) != 2 {
		t.Errorf("Sources page = %d of %d, %v", len(all), total, err)
	}
	talks, total, _ := db.Sources(ctx, "talks", 0, 10)
	if total != 2 || len(talks) != 2 {
		t.Errorf("Sources(talks) = %+v", talks)
	}
	if pct, total, _ := db.Sources(ctx, "100%", 0, 10); total != 1 || pct[0].Title != "Gamma 100% talks_x" {
		t.Errorf("Sources(100%%) = %+v (LIKE wildcards must be literal)", pct)
	}
	if _, total, _ := db.Sources(ctx, "%", 0, 10); total != 1 {
		t.Errorf("Sources(%%) matched %d, want only the title with a %%", total)
	}
	k1, err := db.Secret(ctx, "voters")
	if err != nil || len(k1) != 32 {
		t.Fatalf("secret = %x, %v", k1, err)
	}
	k2, _ := db.Secret(ctx, "voters")
	if !bytes.Equal(k1, k2) {
		t.Error("secret changed between calls")
	}
}
