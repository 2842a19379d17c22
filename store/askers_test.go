package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/parley-bot/parley"
)

func TestAsker(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	id, err := db.SaveAnswer(ctx, &parley.Answer{Question: "Who met?", Text: "Nobody."})
	if err != nil {
		t.Fatal(err)
	}
	if h, err := db.Asker(ctx, id); err != nil || h != "" {
		t.Errorf("asker before SetAsker: %q, %v", h, err)
	}
	if err := db.SetAsker(ctx, id, "hash-of-u1"); err != nil {
		t.Fatal(err)
	}
	if h, err := db.Asker(ctx, id); err != nil || h != "hash-of-u1" {
		t.Errorf("asker: %q, %v", h, err)
	}
	if _, err := db.Asker(ctx, id+1); !errors.Is(err, parley.ErrNotFound) {
		t.Errorf("asker of no answer: %v, want ErrNotFound", err)
	}
	if err := db.SetAsker(ctx, id+1, "x"); !errors.Is(err, parley.ErrNotFound) {
		t.Errorf("SetAsker on no answer: %v, want ErrNotFound", err)
	}
}
