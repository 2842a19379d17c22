package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/discordtest"
)

// TestAskStreamsDraftsThenTheVerifiedAnswer: a model's growing draft is
// shown marked as a draft, no more than once every 1.5 s, and the verified
// answer replaces it.
func TestAskStreamsDraftsThenTheVerifiedAnswer(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{t: time.Date(2025, 8, 18, 9, 0, 0, 0, time.UTC)}
	ans := &fakeAnswerer{StreamFunc: func(ctx context.Context, q parley.Question, onDraft func(string)) (*parley.Answer, error) {
		onDraft("Delegations met @everyone")
		clock.advance(draftEvery - time.Millisecond)
		onDraft("Delegations met in Geneva") // within 1.5 s of the first: not shown
		clock.advance(101 * time.Millisecond)
		onDraft("Delegations met in Geneva on Monday, an unverified claim")
		return quoteAnswer(q.Text), nil
	}}
	h := startWith(t, Config{}, ans, func(d *Deps) { d.Now = clock.now })
	id := h.ask(nil, "When did the Geneva talks resume?")
	st := h.wait(id, func(st discordtest.InteractionState) bool {
		return st.Original != nil && st.Original.Content != "" && !strings.HasPrefix(st.Original.Content, draftNote("en"))
	})
	var edits []string
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for range 3 {
		c, err := h.srv.WaitForCall(ctx, "PATCH", "/webhooks/{app}/{token}/messages/@original")
		if err != nil {
			break
		}
		var body struct{ Content string }
		if err := c.Decode(&body); err != nil {
			t.Fatal(err)
		}
		edits = append(edits, body.Content)
	}
	short, cancelShort := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancelShort()
	if c, err := h.srv.WaitForCall(short, "PATCH", "/webhooks/{app}/{token}/messages/@original"); err == nil {
		t.Errorf("a fourth edit: %s", c.Body)
	}
	if len(edits) != 3 {
		t.Fatalf("%d edits of the response, want 2 drafts and the answer: %q", len(edits), edits)
	}
	for _, d := range edits[:2] {
		if !strings.HasPrefix(d, draftNote("en")) {
			t.Errorf("draft not marked as a draft: %q", d)
		}
	}
	if !strings.Contains(edits[0], "@\u200beveryone") {
		t.Errorf("draft text not escaped: %q", edits[0])
	}
	if strings.Contains(st.Original.Content, "Draft") || strings.Contains(st.Original.Content, "unverified claim") {
		t.Errorf("unverified text stayed on screen: %q", st.Original.Content)
	}
	if !strings.Contains(st.Original.Content, "“Delegations from both sides met in Geneva on Monday.”") {
		t.Errorf("final answer = %q", st.Original.Content)
	}
}
