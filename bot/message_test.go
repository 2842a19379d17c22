package bot

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley"
	"github.com/parley-bot/parley/internal/discordtest"
)

var botUser = &discordgo.User{ID: discordtest.DefaultBotID, Username: discordtest.DefaultBotName, Bot: true}

// mention posts a message that mentions the bot and returns the bot's reply.
func (h *harness) mention(content string, ref *discordgo.Message) *discordgo.Message {
	h.t.Helper()
	m := &discordgo.Message{GuildID: discordtest.DefaultGuildID, Content: content,
		Author: &discordgo.User{ID: "31", Username: "asker"}, Mentions: []*discordgo.User{botUser}}
	if ref != nil {
		m.MessageReference = &discordgo.MessageReference{MessageID: ref.ID, ChannelID: ref.ChannelID, GuildID: discordtest.DefaultGuildID}
		m.ReferencedMessage = ref
	}
	id := h.srv.SendMessage(m)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	call, err := h.srv.WaitForCall(ctx, "POST", "/channels/{channel}/messages")
	if err != nil {
		h.t.Fatal(err)
	}
	var sent discordgo.Message
	if err := json.Unmarshal(call.Body, &sent); err != nil {
		h.t.Fatal(err)
	}
	var body struct {
		Ref             *discordgo.MessageReference `json:"message_reference"`
		AllowedMentions struct {
			Parse       []string `json:"parse"`
			RepliedUser *bool    `json:"replied_user"`
		} `json:"allowed_mentions"`
	}
	call.Decode(&body)
	if body.Ref == nil || body.Ref.MessageID != id {
		h.t.Errorf("reply refers to %+v, want message %s", body.Ref, id)
	}
	if body.AllowedMentions.Parse == nil || len(body.AllowedMentions.Parse) != 0 || body.AllowedMentions.RepliedUser == nil || *body.AllowedMentions.RepliedUser {
		h.t.Errorf("allowed_mentions %+v", body.AllowedMentions)
	}
	for _, m := range h.srv.Messages(discordtest.DefaultChannelID) {
		if m.Author != nil && m.Author.ID == discordtest.DefaultBotID && m.Content == sent.Content {
			return m
		}
	}
	h.t.Fatalf("reply not stored")
	return nil
}

func TestMentionAnsweredAsReply(t *testing.T) {
	t.Parallel()
	h := start(t, Config{}, nil)
	reply := h.mention("<@"+discordtest.DefaultBotID+"> when did the talks resume?", nil)
	if !strings.Contains(reply.Content, "[1]") || len(reply.Embeds) != 1 {
		t.Errorf("reply %q with %d embeds", reply.Content, len(reply.Embeds))
	}
	if q := h.ans.questions(); len(q) != 1 || q[0].Text != "when did the talks resume?" {
		t.Errorf("asked %+v", q)
	}
	if len(h.srv.CallsTo("POST", "/channels/{channel}/typing")) == 0 {
		t.Error("no typing indicator")
	}
	if help := h.mention("<@!"+discordtest.DefaultBotID+">", nil); !strings.Contains(help.Content, "mention me with a question") {
		t.Errorf("bare mention got %q", help.Content)
	}
}

func TestFollowUpUsesContext(t *testing.T) {
	t.Parallel()
	h := start(t, Config{}, nil)
	first := h.mention("<@"+discordtest.DefaultBotID+"> when did the talks resume?", nil)
	if h.mem.waitLinked(func(l map[string]int64) bool { return l[first.ID] != 0 })[first.ID] == 0 {
		t.Fatalf("reply %s never linked to its answer", first.ID)
	}
	h.mention("and who attended?", first)
	q := h.ans.questions()
	if len(q) != 2 || q[1].Text != "and who attended?" ||
		!strings.Contains(q[1].Context, "when did the talks resume?\n") || !strings.Contains(q[1].Context, "Delegations from both sides met in Geneva") {
		t.Errorf("follow-up asked %+v", q)
	}
}

func TestVoteStoredHashed(t *testing.T) {
	t.Parallel()
	h := start(t, Config{}, nil)
	m := h.answered(h.ask(nil, "When?")).Original
	st := h.responded(h.press(nil, "vote:up:1", m))
	var data discordgo.InteractionResponseData
	json.Unmarshal(st.Callbacks[0].Data, &data)
	if data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(data.Content, "👍") {
		t.Errorf("acknowledgement %+v", data)
	}
	votes := h.mem.allVotes()
	if len(votes) != 1 || votes[0].answerID != 1 || votes[0].value != 1 || len(votes[0].user) != 64 ||
		strings.Contains(votes[0].user, discordtest.DefaultUserID) {
		t.Errorf("votes %+v", votes)
	}
}

func TestShowPassages(t *testing.T) {
	t.Parallel()
	h := start(t, Config{}, nil)
	m := h.answered(h.ask(nil, "When?")).Original
	st := h.responded(h.press(nil, "passages:1", m))
	var data discordgo.InteractionResponseData
	json.Unmarshal(st.Callbacks[0].Data, &data)
	if len(data.Embeds) != 1 || data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatalf("response %+v", data)
	}
	want := "**Delegations from both sides met in Geneva on Monday.** They spoke for hours, @" + zwsp + "everyone said."
	if e := data.Embeds[0]; e.Description != want || e.Title != "[1] Geneva talks resume" {
		t.Errorf("embed %q %q", e.Title, e.Description)
	}
}

func TestRateLimited(t *testing.T) {
	t.Parallel()
	h := start(t, Config{QuestionsPerMinute: 1, Burst: 1}, nil)
	h.answered(h.ask(nil, "first"))
	st := h.responded(h.ask(nil, "second"))
	var data discordgo.InteractionResponseData
	json.Unmarshal(st.Callbacks[0].Data, &data)
	if st.Callbacks[0].Type != 4 || data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(data.Content, "try again in 6") {
		t.Errorf("callback %d %q", st.Callbacks[0].Type, data.Content)
	}
	if n := len(h.ans.questions()); n != 1 {
		t.Errorf("%d questions composed, want 1", n)
	}
}

func TestPanicSurvived(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{}
	ans.AskFunc = func(_ context.Context, q parley.Question) (*parley.Answer, error) {
		if q.Text == "boom" {
			panic("composer exploded")
		}
		return quoteAnswer(q.Text), nil
	}
	h := start(t, Config{}, ans)
	m := h.answered(h.ask(nil, "boom")).Original
	if !strings.HasPrefix(m.Content, "Something went wrong on my side (error ") || !strings.HasSuffix(m.Content, "An admin can find the details in the log.") {
		t.Fatalf("content %q", m.Content)
	}
	errID := strings.TrimSuffix(strings.Fields(m.Content)[7], ").")
	if !strings.Contains(h.logs(), "error_id="+errID) || !strings.Contains(h.logs(), "composer exploded") {
		t.Errorf("error %s not in the log:\n%s", errID, h.logs())
	}
	if m := h.answered(h.ask(nil, "still there?")).Original; !strings.Contains(m.Content, "[1]") {
		t.Errorf("after the panic: %q", m.Content)
	}
}

func TestSourcesPaging(t *testing.T) {
	t.Parallel()
	h := start(t, Config{}, nil)
	for i := range 24 {
		h.lib.AddArticle(context.Background(), parley.Article{Title: "Talks day " + string(rune('A'+i)), Outlet: "AP", URL: "https://ap.example/" + string(rune('a'+i)), Body: "x"})
	}
	st := h.responded(h.command(nil, "sources", strOpt("query", "talks")))
	if got := buttonIDs(st.Original); got != "sources:0:talks sources:1:talks" {
		t.Fatalf("buttons %q", got)
	}
	if e := st.Original.Embeds[0]; e.Footer.Text != "Page 1 of 3 · 25 articles" || strings.Count(e.Description, "\n") != 9 {
		t.Errorf("embed %q / %q", e.Footer.Text, e.Description)
	}
	st = h.responded(h.press(nil, "sources:2:talks", st.Original))
	if st.Callbacks[0].Type != discordgo.InteractionResponseUpdateMessage {
		t.Errorf("callback type %d, want 7", st.Callbacks[0].Type)
	}
	var data discordgo.InteractionResponseData
	json.Unmarshal(st.Callbacks[0].Data, &data)
	if len(data.Embeds) != 1 || data.Embeds[0].Footer.Text != "Page 3 of 3 · 25 articles" {
		t.Errorf("page 3: %+v", data.Embeds)
	}
}

func TestShutdownFinishesWorkInFlight(t *testing.T) {
	t.Parallel()
	started, release := make(chan struct{}), make(chan struct{})
	ans := &fakeAnswerer{AskFunc: func(_ context.Context, q parley.Question) (*parley.Answer, error) {
		close(started)
		<-release
		return quoteAnswer(q.Text), nil
	}}
	h := start(t, Config{}, ans)
	id := h.ask(nil, "slow")
	<-started
	stopped := make(chan error)
	go func() { stopped <- h.stop() }()
	h.waitLog("shutting down")
	late := h.responded(h.ask(nil, "too late"))
	if !strings.Contains(string(late.Callbacks[0].Data), "Parley is restarting, try again in a minute") {
		t.Errorf("late interaction got %s", late.Callbacks[0].Data)
	}
	close(release) // the work in flight ends after the stop began
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if st, _ := h.srv.Interaction(id); st.Original == nil || !strings.Contains(st.Original.Content, "[1]") {
		t.Errorf("work in flight not finished: %+v", st.Original)
	}
}
