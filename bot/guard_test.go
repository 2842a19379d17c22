package bot

import (
	"context"
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/discordtest"
)

// ephemeralText is the text of an interaction's first callback, and
// whether only the user sees it.
func ephemeralText(st discordtest.InteractionState) (string, bool) {
	var data discordgo.InteractionResponseData
	json.Unmarshal(st.Callbacks[0].Data, &data)
	return data.Content, st.Callbacks[0].Type == discordgo.InteractionResponseChannelMessageWithSource &&
		data.Flags&discordgo.MessageFlagsEphemeral != 0
}

// dmPress presses a button, as user, on a message of a DM.
func (h *harness) dmPress(user, customID string, msg *discordgo.Message) string {
	id, _ := h.srv.SendInteraction(&discordgo.Interaction{User: &discordgo.User{ID: user, Username: "u" + user}, Message: msg,
		Data: discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent}})
	return id
}

// TestWrongInteractionTypeRefused forges, as an admin, a modal submission
// under each button's custom id and a button press under the modal's: each
// is refused, to the user alone, and no handler panics.
func TestWrongInteractionTypeRefused(t *testing.T) {
	t.Parallel()
	dg := &fakeDigests{points: 60}
	h := startWith(t, Config{AdminUserIDs: []string{"9"}}, nil, func(d *Deps) { d.Digests = dg })
	admin := member("9", 0)
	m := h.answered(h.ask(admin, "When?")).Original
	var ids []string
	for _, custom := range []string{"vote:up:1", "passages:1", "sources:0:talks", "timeline:1:::talks"} {
		id, _ := h.srv.SendInteraction(&discordgo.Interaction{Type: discordgo.InteractionModalSubmit, GuildID: discordtest.DefaultGuildID,
			Member: admin, Data: modalData{CustomID: custom}})
		ids = append(ids, id)
	}
	ids = append(ids, h.press(admin, "article:add", m), h.press(admin, "nothing:1", m))
	for _, id := range ids {
		st := h.responded(id)
		if text, private := ephemeralText(st); !private || !strings.Contains(text, "not one of mine") {
			t.Errorf("interaction %s: %q (ephemeral %v), want a refusal only the user sees", id, text, private)
		}
	}
	if logs := h.logs(); strings.Contains(logs, "panic") || strings.Contains(logs, "goroutine ") {
		t.Errorf("a forged interaction made a handler panic:\n%s", logs)
	}
	if votes := h.mem.allVotes(); len(votes) != 0 {
		t.Errorf("a forged vote was stored: %+v", votes)
	}
}

// TestOnlyTheAskerVotesOrSeesPassages: the buttons of an answer work for
// whoever asked, in a guild, in a DM and under a reply to a mention, and
// for admins; anyone else is refused, to them alone, and their vote is not
// stored.
func TestOnlyTheAskerVotesOrSeesPassages(t *testing.T) {
	t.Parallel()
	h := start(t, Config{AdminUserIDs: []string{"9"}}, nil)
	asker, other := member("1001", 0), member("1002", 0)
	inGuild := h.answered(h.ask(asker, "When?")).Original
	dmID, _ := h.srv.SendInteraction(&discordgo.Interaction{User: &discordgo.User{ID: "2001", Username: "dm"},
		Data: discordgo.ApplicationCommandInteractionData{ID: "1", Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{strOpt("question", "When?")}}})
	inDM := h.answered(dmID).Original
	reply := h.mention("<@"+discordtest.DefaultBotID+"> when?", nil) // asked by user 31

	refused := func(what, id string) {
		t.Helper()
		text, private := ephemeralText(h.responded(id))
		if !private || !strings.Contains(text, "Only the person who asked") {
			t.Errorf("%s: %q (ephemeral %v), want a refusal only they see", what, text, private)
		}
	}
	allowed := func(what, id, want string) {
		t.Helper()
		st := h.responded(id)
		text, private := ephemeralText(st)
		if !private || !strings.Contains(string(st.Callbacks[0].Data), want) {
			t.Errorf("%s: %q (ephemeral %v), want %q", what, text, private, want)
		}
	}
	refused("another member's vote", h.press(other, "vote:up:1", inGuild))
	refused("another member's passages", h.press(other, "passages:1", inGuild))
	refused("another user's vote in a DM", h.dmPress("2002", "vote:down:2", inDM))
	refused("another user's passages in a DM", h.dmPress("2002", "passages:2", inDM))
	refused("another member's vote on a reply", h.press(other, "vote:up:3", reply))
	if votes := h.mem.allVotes(); len(votes) != 0 {
		t.Fatalf("votes of others were stored: %+v", votes)
	}

	allowed("the asker's vote", h.press(asker, "vote:up:1", inGuild), "👍")
	allowed("the asker's passages", h.press(asker, "passages:1", inGuild), "Geneva talks resume")
	allowed("the asker's vote in a DM", h.dmPress("2001", "vote:down:2", inDM), "👎")
	allowed("the asker's vote on a reply", h.press(member("31", 0), "vote:up:3", reply), "👍")
	allowed("an admin's vote", h.press(member("9", 0), "vote:down:1", inGuild), "👎")
	if votes := h.mem.allVotes(); len(votes) != 4 {
		t.Errorf("%d votes stored, want 4: %+v", len(votes), votes)
	}
}

// blockingDigests makes digests, noting whether an answer was being
// composed meanwhile.
type blockingDigests struct {
	fakeDigests
	composing *atomic.Bool
	overlap   atomic.Bool
	calls     atomic.Int32
}

func (d *blockingDigests) Summary(ctx context.Context, s parley.Scope) (*parley.Digest, error) {
	d.calls.Add(1)
	if d.composing.Load() {
		d.overlap.Store(true)
	}
	return d.fakeDigests.Summary(ctx, s)
}

// TestDigestsShareTheAnswersLimits: /summary, /timeline and the timeline's
// page buttons count against the user's rate limit as /ask does, and wait
// for a composer as answers do.
func TestDigestsShareTheAnswersLimits(t *testing.T) {
	t.Parallel()
	t.Run("rate limit", func(t *testing.T) {
		dg := &fakeDigests{points: 60}
		h := startWith(t, Config{QuestionsPerMinute: 1, Burst: 2}, nil, func(d *Deps) { d.Digests = dg })
		page := h.answered(h.command(nil, "timeline", strOpt("topic", "talks"))).Original
		h.answered(h.ask(nil, "When?"))
		for what, id := range map[string]string{
			"/summary":    h.command(nil, "summary"),
			"/timeline":   h.command(nil, "timeline"),
			"a page turn": h.press(nil, "timeline:1:::talks", page),
		} {
			if text, private := ephemeralText(h.responded(id)); !private || !strings.Contains(text, "try again in") {
				t.Errorf("%s past the rate limit: %q (ephemeral %v)", what, text, private)
			}
		}
		dg.mu.Lock()
		defer dg.mu.Unlock()
		if len(dg.scopes) != 1 {
			t.Errorf("%d digests made, want 1", len(dg.scopes))
		}
	})
	t.Run("composers", func(t *testing.T) {
		var composing atomic.Bool
		release := make(chan struct{})
		started := make(chan struct{})
		ans := &fakeAnswerer{AskFunc: func(_ context.Context, q parley.Question) (*parley.Answer, error) {
			composing.Store(true)
			close(started)
			<-release
			composing.Store(false)
			return quoteAnswer(q.Text), nil
		}}
		dg := &blockingDigests{fakeDigests: fakeDigests{points: 3}, composing: &composing}
		h := startWith(t, Config{MaxConcurrentAnswers: 1}, ans, func(d *Deps) { d.Digests = dg })
		asked := h.ask(member("1001", 0), "When?")
		<-started
		summary := h.command(member("1002", 0), "summary")
		if st := h.responded(summary); st.Callbacks[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
			t.Errorf("/summary not acknowledged at once while the composer is busy: %+v", st.Callbacks[0])
		}
		h.waitLog("waiting for a composer") // the summary waits its turn
		close(release)
		h.answered(asked)
		h.answered(summary)
		if dg.overlap.Load() || dg.calls.Load() != 1 {
			t.Errorf("the summary was made while the only composer was answering (%d summaries)", dg.calls.Load())
		}
	})
}

// failingTimeline makes its first timeline and fails the next ones.
type failingTimeline struct {
	fakeDigests
	made atomic.Int32
}

func (d *failingTimeline) Timeline(ctx context.Context, s parley.Scope) (*parley.Digest, error) {
	if d.made.Add(1) > 1 {
		return nil, context.DeadlineExceeded
	}
	return d.fakeDigests.Timeline(ctx, s)
}

// TestPageTurnFailureTold: a page turn that fails after its press was
// acknowledged tells the user in a message only they see, and leaves the
// timeline as it was.
func TestPageTurnFailureTold(t *testing.T) {
	t.Parallel()
	dg := &failingTimeline{fakeDigests: fakeDigests{points: 60}}
	h := startWith(t, Config{}, nil, func(d *Deps) { d.Digests = dg })
	page := h.answered(h.command(nil, "timeline", strOpt("topic", "talks"))).Original
	st := h.wait(h.press(nil, "timeline:1:::talks", page), func(st discordtest.InteractionState) bool { return len(st.Followups) > 0 })
	if f := st.Followups[0]; f.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(f.Content, "took too long") {
		t.Errorf("the failure was told as %+v", f)
	}
	if st.Original.Content != page.Content {
		t.Errorf("the timeline was replaced by %q", st.Original.Content)
	}
	if v := h.srv.Violations(); len(v) > 0 {
		t.Errorf("protocol violations: %+v", v)
	}
}
