package bot

import (
	"context"
	"encoding/json"
	"github.com/parley-bot/parley"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/parley-bot/parley/internal/discordtest"
)

func TestCommandsRegistered(t *testing.T) {
	t.Parallel()
	h := start(t, Config{}, nil)
	calls := h.srv.CallsTo("PUT", "/applications/{app}/commands")
	if len(calls) != 1 {
		t.Fatalf("%d bulk overwrites, want 1", len(calls))
	}
	var cmds []map[string]any
	if err := json.Unmarshal(calls[0].Body, &cmds); err != nil {
		t.Fatal(err)
	}
	names := map[string]map[string]any{}
	for _, c := range cmds {
		names[c["name"].(string)] = c
	}
	for _, n := range []string{"ask", "sources", "article"} {
		if names[n] == nil {
			t.Errorf("command /%s not registered", n)
		}
	}
	if got := names["article"]["default_member_permissions"]; got != "32" {
		t.Errorf("/article default_member_permissions = %v, want \"32\"", got)
	}
	// Servers only: contexts [0] (GUILD), never DMs or group DMs.
	if got, ok := names["article"]["contexts"].([]any); !ok || len(got) != 1 || got[0] != float64(0) {
		t.Errorf("/article contexts = %v, want [0]", names["article"]["contexts"])
	}
	ids := h.srv.Identifies()
	want := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if len(ids) == 0 || ids[0].Intents != want {
		t.Errorf("identify intents = %v, want %v", ids, want)
	}
}

func TestAskAnswered(t *testing.T) {
	t.Parallel()
	h := start(t, Config{}, nil)
	id := h.ask(nil, "When did the Geneva talks resume?")
	st := h.answered(id)
	if st.Callbacks[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("first callback type %d, want 5", st.Callbacks[0].Type)
	}
	m := st.Original
	if !strings.Contains(m.Content, "“Delegations from both sides met in Geneva on Monday.” — Reuters, 2025-08-17 [1]") {
		t.Errorf("content %q", m.Content)
	}
	if len(m.Embeds) != 1 || m.Embeds[0].Title != "Sources" ||
		m.Embeds[0].Description != "[1] [Geneva talks resume](https://reuters.example/geneva) — Reuters, 2025-08-17" {
		t.Errorf("embeds %+v", m.Embeds)
	}
	if got := buttonIDs(m); got != "passages:1 vote:up:1 vote:down:1" {
		t.Errorf("buttons %q", got)
	}
	if links := h.mem.waitLinked(func(l map[string]int64) bool { return l[m.ID] != 0 }); links[m.ID] != 1 {
		t.Errorf("message %s not linked to answer 1: %v", m.ID, links)
	}
}

func buttonIDs(m *discordgo.Message) string {
	var ids []string
	for _, row := range m.Components {
		if r, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range r.Components {
				if b, ok := c.(*discordgo.Button); ok {
					ids = append(ids, b.CustomID)
				}
			}
		}
	}
	return strings.Join(ids, " ")
}

func TestAskAbstention(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{AskFunc: func(_ context.Context, q parley.Question) (*parley.Answer, error) {
		a := &parley.Answer{Question: q.Text, Abstained: true, Nearest: []parley.Source{talksSource},
			Body: "The articles I have don't answer that. The nearest ones:\n- Reuters, “Geneva talks resume”, 2025-08-17 https://reuters.example/geneva"}
		a.Text = a.Body
		return a, nil
	}}
	h := start(t, Config{}, ans)
	m := h.answered(h.ask(nil, "Who won the 1998 World Cup?")).Original
	if !strings.HasPrefix(m.Content, "The articles I have don't answer that.") || !strings.Contains(m.Content, "<https://reuters.example/geneva>") {
		t.Errorf("content %q", m.Content)
	}
	if len(m.Embeds) != 1 || m.Embeds[0].Title != "Nearest articles" {
		t.Errorf("embeds %+v", m.Embeds)
	}
}

func TestAskLongAnswerSplit(t *testing.T) {
	t.Parallel()
	body := longAnswer(5000)
	ans := &fakeAnswerer{AskFunc: func(_ context.Context, q parley.Question) (*parley.Answer, error) {
		a := quoteAnswer(q.Text)
		a.Body = body
		return a, nil
	}}
	h := start(t, Config{}, ans)
	st := h.wait(h.ask(nil, "Tell me everything"), func(st discordtest.InteractionState) bool { return len(st.Followups) == 2 })
	msgs := append([]*discordgo.Message{st.Original}, st.Followups...)
	var joined []string
	for i, m := range msgs {
		if n := runeLen(m.Content); n > maxContent || n == 0 {
			t.Errorf("message %d has %d characters", i, n)
		}
		if strings.Count(m.Content, "“") != strings.Count(m.Content, "”") {
			t.Errorf("message %d cuts a quote", i)
		}
		if last := i == len(msgs)-1; last != (len(m.Embeds) == 1) || last != (buttonIDs(m) != "") {
			t.Errorf("message %d: %d embeds, buttons %q", i, len(m.Embeds), buttonIDs(m))
		}
		joined = append(joined, m.Content)
	}
	if squash(strings.Join(joined, "")) != squash(body) {
		t.Errorf("the messages do not add up to the answer")
	}
	// The bot links a message after Discord has it: wait for the last link.
	if n := len(h.mem.waitLinked(func(l map[string]int64) bool { return len(l) >= 3 })); n != 3 {
		t.Errorf("%d messages linked to the answer, want 3", n)
	}
}

func TestMentionsNeverPing(t *testing.T) {
	t.Parallel()
	ans := &fakeAnswerer{AskFunc: func(_ context.Context, q parley.Question) (*parley.Answer, error) {
		a := quoteAnswer(q.Text)
		a.Body = "- “Tell @everyone and @here, and <@123>, <@&9> in <#5>.” — X [1]"
		a.Sources[0].Title = "@everyone <@123> *bold* [x](https://evil.example)"
		return a, nil
	}}
	h := start(t, Config{}, ans)
	m := h.answered(h.ask(nil, "Who pinged?")).Original
	for _, bad := range []string{"@everyone", "@here", "<@123>", "<@&9>", "<#5>"} {
		if strings.Contains(m.Content, bad) || strings.Contains(m.Embeds[0].Description, bad) {
			t.Errorf("%s left as it is: %q / %q", bad, m.Content, m.Embeds[0].Description)
		}
	}
	for _, c := range h.srv.CallsTo("PATCH", "/webhooks/{app}/{token}/messages/{message}") {
		var body struct {
			AllowedMentions *struct{ Parse []string } `json:"allowed_mentions"`
		}
		if err := c.Decode(&body); err != nil || body.AllowedMentions == nil || body.AllowedMentions.Parse == nil || len(body.AllowedMentions.Parse) != 0 {
			t.Errorf("edit without allowed_mentions {parse: []}: %s", c.Body)
		}
	}
}

func TestArticleRemoveRefused(t *testing.T) {
	t.Parallel()
	h := start(t, Config{AdminUserIDs: []string{"42"}, AllowManageServer: true}, nil)
	id := h.command(member("5", discordgo.PermissionSendMessages), "article", subOpt("remove", intOpt("id", 7)))
	st := h.responded(id)
	var data discordgo.InteractionResponseData
	json.Unmarshal(st.Callbacks[0].Data, &data)
	if st.Callbacks[0].Type != 4 || data.Flags&discordgo.MessageFlagsEphemeral == 0 ||
		!strings.Contains(data.Content, "Only Parley admins can use /article: you need Manage Server or an admin role") {
		t.Errorf("callback %d %+v", st.Callbacks[0].Type, data)
	}
	// Autocomplete gives a non-admin nothing either.
	aid, _ := h.srv.SendInteraction(&discordgo.Interaction{Type: discordgo.InteractionApplicationCommandAutocomplete,
		GuildID: discordtest.DefaultGuildID, Member: member("5", 0),
		Data: discordgo.ApplicationCommandInteractionData{ID: "1", Name: "article", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			subOpt("remove", &discordgo.ApplicationCommandInteractionDataOption{Name: "id", Type: discordgo.ApplicationCommandOptionInteger, Value: "Gen", Focused: true})}}})
	if cb := h.responded(aid).Callbacks[0]; cb.Type != 8 || strings.Contains(string(cb.Data), "Geneva") {
		t.Errorf("autocomplete for a non-admin: %d %s", cb.Type, cb.Data)
	}
	if got := h.lib.removals(); len(got) != 0 {
		t.Errorf("Library.Remove called: %v", got)
	}
}

func TestArticleRemoveByAdmin(t *testing.T) {
	t.Parallel()
	h := start(t, Config{AdminRoleIDs: []string{"77"}}, nil)
	admin := member("6", 0, "77")
	aid, _ := h.srv.SendInteraction(&discordgo.Interaction{Type: discordgo.InteractionApplicationCommandAutocomplete,
		GuildID: discordtest.DefaultGuildID, Member: admin,
		Data: discordgo.ApplicationCommandInteractionData{ID: "1", Name: "article", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			subOpt("remove", &discordgo.ApplicationCommandInteractionDataOption{Name: "id", Type: discordgo.ApplicationCommandOptionInteger, Value: "gen", Focused: true})}}})
	var got struct {
		Choices []struct {
			Name  string
			Value int64
		}
	}
	json.Unmarshal(h.responded(aid).Callbacks[0].Data, &got)
	if len(got.Choices) != 1 || got.Choices[0].Name != "#7 Geneva talks resume — Reuters, 2025-08-17" || got.Choices[0].Value != 7 {
		t.Errorf("choices %+v", got.Choices)
	}
	st := h.answered(h.command(admin, "article", subOpt("remove", intOpt("id", 7))))
	if st.Original.Content != "Removed “Geneva talks resume” (#7)." {
		t.Errorf("reply %q", st.Original.Content)
	}
	st = h.answered(h.command(admin, "article", subOpt("remove", intOpt("id", 7))))
	if st.Original.Content != "There is no article #7." {
		t.Errorf("reply %q", st.Original.Content)
	}
}

func intOpt(name string, v int64) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionInteger, Value: float64(v)}
}

func TestArticleAddByAttachment(t *testing.T) {
	t.Parallel()
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/empty.md" {
			return
		}
		io.WriteString(w, "# Talks in Riyadh\nThe delegations met in Riyadh.")
	}))
	defer files.Close()
	h := start(t, Config{AllowManageServer: true}, nil)
	admin := member("8", discordgo.PermissionManageGuild)
	add := func(name string) string {
		data := discordgo.ApplicationCommandInteractionData{ID: "1", Name: "article",
			Options: []*discordgo.ApplicationCommandInteractionDataOption{subOpt("add",
				&discordgo.ApplicationCommandInteractionDataOption{Name: "file", Type: discordgo.ApplicationCommandOptionAttachment, Value: "555"})},
			Resolved: &discordgo.ApplicationCommandInteractionDataResolved{Attachments: map[string]*discordgo.MessageAttachment{
				"555": {ID: "555", Filename: name, URL: files.URL + "/" + name, Size: 60}}}}
		id, _ := h.srv.SendInteraction(&discordgo.Interaction{GuildID: discordtest.DefaultGuildID, Member: admin, Data: data})
		return h.answered(id).Original.Content
	}
	if got := add("riyadh.md"); got != "Added #101 “Talks in Riyadh”." {
		t.Errorf("reply %q", got)
	}
	if got := string(h.lib.files["riyadh.md"]); !strings.Contains(got, "Riyadh") {
		t.Errorf("AddFile got %q", got)
	}
	if got := add("empty.md"); got != "That was rejected: the file is empty." {
		t.Errorf("reply %q", got)
	}
	if got := add("talks.pdf"); !strings.Contains(got, "I can add .md, .txt and .html files") {
		t.Errorf("reply %q", got)
	}
}

func TestArticleAddByModal(t *testing.T) {
	t.Parallel()
	h := start(t, Config{AdminUserIDs: []string{"9"}}, nil)
	admin := member("9", 0)
	st := h.responded(h.command(admin, "article", subOpt("add")))
	if st.Callbacks[0].Type != discordgo.InteractionResponseModal {
		t.Fatalf("callback type %d, want 9", st.Callbacks[0].Type)
	}
	submit := func(m *discordgo.Member, date string) string {
		row := func(id, v string) discordgo.MessageComponent {
			return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: id, Value: v, Style: discordgo.TextInputShort}}}
		}
		id, _ := h.srv.SendInteraction(&discordgo.Interaction{Type: discordgo.InteractionModalSubmit, GuildID: discordtest.DefaultGuildID, Member: m,
			Data: modalData{CustomID: "article:add", Components: []discordgo.MessageComponent{
				row("title", "Ceasefire draft"), row("outlet", "AP"), row("url", "https://ap.example/x"),
				row("date", date), row("text", "The draft foresees a ceasefire."),
			}}})
		st := h.wait(id, func(st discordtest.InteractionState) bool {
			return st.Original != nil && st.Original.Content != ""
		})
		return st.Original.Content
	}
	if got := submit(admin, "2025-08-31"); got != "Added #101 “Ceasefire draft” (AP, 2025-08-31)." {
		t.Errorf("reply %q", got)
	}
	if got := submit(admin, "31/08/2025"); !strings.Contains(got, "is not a date I can read: write it as YYYY-MM-DD") {
		t.Errorf("reply %q", got)
	}
	if got := submit(member("10", 0), "2025-08-31"); !strings.Contains(got, "Only Parley admins can add articles") {
		t.Errorf("reply %q", got)
	}
	if a, err := h.lib.Article(context.Background(), 102); err == nil {
		t.Errorf("refused or invalid submission stored %+v", a)
	}
}

// modalData is a modal submission as Discord sends it: discordgo's own type
// leaves its components out when marshalled.
type modalData struct {
	CustomID   string                       `json:"custom_id"`
	Components []discordgo.MessageComponent `json:"components"`
}

func (modalData) Type() discordgo.InteractionType { return discordgo.InteractionModalSubmit }
