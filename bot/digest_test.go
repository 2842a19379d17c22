package bot

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/discordtest"
)

// fakeDigests returns a fixed digest and records the scopes asked for.
type fakeDigests struct {
	mu     sync.Mutex
	scopes []parley.Scope
	points int
}

func (f *fakeDigests) make(scope parley.Scope) *parley.Digest {
	f.mu.Lock()
	f.scopes = append(f.scopes, scope)
	f.mu.Unlock()
	dg := &parley.Digest{Scope: scope, Sources: []parley.Source{talksSource}}
	var b strings.Builder
	b.WriteString("Dated events, oldest first:\n")
	for i := range f.points {
		b.WriteString("\n- 2025-08-15: “Delegations from both sides met in Geneva on Monday, @everyone.” — Reuters, 2025-08-17 [1] #" + strings.Repeat("x", i%3))
	}
	dg.Body = b.String()
	return dg
}

func (f *fakeDigests) Summary(_ context.Context, s parley.Scope) (*parley.Digest, error) {
	return f.make(s), nil
}

func (f *fakeDigests) Timeline(_ context.Context, s parley.Scope) (*parley.Digest, error) {
	return f.make(s), nil
}

func TestSummaryAndTimelineCommands(t *testing.T) {
	t.Parallel()
	dg := &fakeDigests{points: 60}
	h2 := startWith(t, Config{}, nil, func(d *Deps) { d.Digests = dg })
	names := map[string]bool{}
	for _, c := range h2.srv.Commands("") {
		names[c.Name] = true
	}
	if !names["summary"] || !names["timeline"] {
		t.Fatalf("commands registered: %v", names)
	}
	id := h2.command(nil, "timeline", strOpt("topic", "talks"), strOpt("since", "7d"))
	st := h2.answered(id)
	if st.Callbacks[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("not deferred first")
	}
	page := st.Original
	if n := runeLen(page.Content); n > maxContent || !strings.Contains(page.Content, "*Page 1 of ") {
		t.Errorf("first page (%d characters): %q", n, page.Content)
	}
	if strings.Contains(page.Content, "@everyone") {
		t.Errorf("article text pings: %q", page.Content)
	}
	if len(page.Embeds) != 1 || page.Embeds[0].Title != "Sources" {
		t.Errorf("sources embed missing: %+v", page.Embeds)
	}
	buttons := page.Components[0].(*discordgo.ActionsRow).Components
	next := buttons[1].(*discordgo.Button)
	if next.Disabled || !strings.HasPrefix(next.CustomID, "timeline:1:") || !strings.HasSuffix(next.CustomID, ":talks") {
		t.Fatalf("next button %+v", next)
	}
	press := h2.press(nil, next.CustomID, page)
	pst := h2.wait(press, func(st discordtest.InteractionState) bool {
		return st.Original != nil && strings.Contains(st.Original.Content, "Page 2 of ")
	})
	if pst.Callbacks[0].Type != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Errorf("next page not acknowledged as an update of its message: %+v", pst.Callbacks[0])
	}
	dg.mu.Lock()
	scope := dg.scopes[0]
	dg.mu.Unlock()
	if scope.Topic != "talks" || scope.Since.IsZero() || time.Since(scope.Since) < 6*24*time.Hour {
		t.Errorf("scope = %+v", scope)
	}
	bad := h2.command(nil, "summary", strOpt("since", "last tuesday"))
	st = h2.responded(bad)
	if st.Callbacks[0].Type != discordgo.InteractionResponseChannelMessageWithSource || !strings.Contains(string(st.Callbacks[0].Data), "24h, 7d, 2w") {
		t.Errorf("a bad since: %+v", st.Callbacks[0])
	}
}
