package discordtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"github.com/parley-bot/parley/bot"
	"github.com/parley-bot/parley/internal/discordtest"
)

var quiet = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}

func context10s(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// newSession makes the session the way the bot does; Close is registered
// after New's cleanup, so it runs first and the fake sees a clean goodbye.
func newSession(t *testing.T, srv *discordtest.Server) *discordgo.Session {
	t.Helper()
	s, err := bot.NewSession("test-token", srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	s.LogLevel = -1 // discordgo logs reconnects at error level; the tests provoke them
	return s
}

func open(t *testing.T, srv *discordtest.Server, s *discordgo.Session) {
	t.Helper()
	if err := s.Open(); err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := srv.WaitReady(context10s(t)); err != nil {
		t.Fatal(err)
	}
}

func receive[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("no %s within 10s", what)
		panic("unreachable")
	}
}

func TestSessionEndToEnd(t *testing.T) {
	srv := discordtest.New(t)
	s := newSession(t, srv)
	ready := make(chan *discordgo.Ready, 1)
	messages := make(chan *discordgo.MessageCreate, 1)
	handled := make(chan error, 1)
	rawReady := make(chan json.RawMessage, 1)
	guilds := make(chan discordgo.Guild, 1)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r })
	s.AddHandler(func(_ *discordgo.Session, e *discordgo.Event) {
		if e.Type == "READY" {
			rawReady <- e.RawData
		}
	})
	s.AddHandler(func(_ *discordgo.Session, g *discordgo.GuildCreate) { guilds <- *g.Guild })
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { messages <- m })
	s.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		// What the bot does: acknowledge at once, then edit in the answer.
		err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		})
		if err == nil {
			answer := "The council voted 5–2 [1]."
			_, err = s.InteractionResponseEdit(i.Interaction, &discordgo.WebhookEdit{Content: &answer, AllowedMentions: quiet})
		}
		handled <- err
	})
	open(t, srv, s)

	r := receive(t, ready, "READY")
	if r.User.ID != discordtest.DefaultBotID || r.User.Username != discordtest.DefaultBotName || !r.User.Bot {
		t.Errorf("READY user = %+v, want the default bot", r.User)
	}
	if r.SessionID == "" || r.Application == nil || r.Application.ID != discordtest.DefaultBotID {
		t.Errorf("READY session %q, application %+v", r.SessionID, r.Application)
	}
	// discordgo's state fills READY's guild stubs in place from GUILD_CREATE,
	// so the stubs are checked in the raw event.
	var raw struct {
		Guilds []struct {
			ID          string `json:"id"`
			Unavailable bool   `json:"unavailable"`
		} `json:"guilds"`
		ResumeURL string `json:"resume_gateway_url"`
	}
	if err := json.Unmarshal(receive(t, rawReady, "raw READY"), &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw.Guilds) != 1 || raw.Guilds[0].ID != discordtest.DefaultGuildID || !raw.Guilds[0].Unavailable || raw.ResumeURL == "" {
		t.Errorf("READY = %+v, want one unavailable guild stub and a resume URL", raw)
	}
	if g := receive(t, guilds, "GUILD_CREATE"); g.ID != discordtest.DefaultGuildID || g.Unavailable {
		t.Errorf("GUILD_CREATE = %+v", g)
	}
	ids := srv.Identifies()
	if len(ids) != 1 || ids[0].Token != "Bot test-token" || ids[0].Intents != discordgo.IntentsAllWithoutPrivileged || !ids[0].Compress {
		t.Errorf("IDENTIFY = %+v", ids)
	}

	srv.SendMessage(&discordgo.Message{Content: "what happened at the council?", GuildID: discordtest.DefaultGuildID})
	if m := receive(t, messages, "MESSAGE_CREATE"); m.Content != "what happened at the council?" || m.Author.ID != discordtest.DefaultUserID {
		t.Errorf("MESSAGE_CREATE = %+v", m.Message)
	}

	id, token := srv.SendInteraction(&discordgo.Interaction{
		GuildID: discordtest.DefaultGuildID,
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "what did the council decide?"},
		}},
	})
	if err := receive(t, handled, "interaction handled"); err != nil {
		t.Fatalf("respond: %v", err)
	}
	edit, err := srv.WaitForCall(context10s(t), "PATCH", "/webhooks/{app}/{token}/messages/@original")
	if err != nil {
		t.Fatal(err)
	}
	if want := "/api/v9/webhooks/" + discordtest.DefaultBotID + "/" + token + "/messages/@original"; edit.Path != want || edit.Status != http.StatusOK {
		t.Errorf("edit = %s %d, want %s 200", edit.Path, edit.Status, want)
	}
	cb := srv.CallsTo("POST", "/interactions/{id}/{token}/callback")
	if len(cb) != 1 || !strings.Contains(cb[0].Path, id) || cb[0].Status != http.StatusNoContent {
		t.Errorf("callbacks = %+v", cb)
	}
	st, ok := srv.Interaction(id)
	if !ok {
		t.Fatal("interaction not kept")
	}
	if len(st.Callbacks) != 1 || st.Callbacks[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("callbacks = %+v", st.Callbacks)
	}
	if st.Original == nil || st.Original.Content != "The council voted 5–2 [1]." || st.Original.ID == "" ||
		st.Original.ChannelID != discordtest.DefaultChannelID || st.Original.EditedTimestamp == nil ||
		st.Original.Flags&discordgo.MessageFlagsLoading != 0 {
		t.Errorf("original = %+v", st.Original)
	}
	if st.Interaction.Member == nil || st.Interaction.Member.User.ID != discordtest.DefaultUserID {
		t.Errorf("interaction member = %+v", st.Interaction.Member)
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}

func TestCommandsBulkOverwrite(t *testing.T) {
	srv := discordtest.New(t)
	s := newSession(t, srv)
	perm := int64(discordgo.PermissionManageMessages)
	cmds := []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask about the news", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true, MaxLength: 300},
		}},
		{Name: "feeds", Description: "Manage feeds", DefaultMemberPermissions: &perm},
		{Name: "Summarize", Type: discordgo.MessageApplicationCommand},
	}
	for _, guild := range []string{discordtest.DefaultGuildID, ""} {
		got, err := s.ApplicationCommandBulkOverwrite(discordtest.DefaultBotID, guild, cmds)
		if err != nil {
			t.Fatalf("overwrite %q: %v", guild, err)
		}
		if len(got) != 3 || got[0].ID == "" || got[0].ApplicationID != discordtest.DefaultBotID || got[0].GuildID != guild ||
			got[1].DefaultMemberPermissions == nil || *got[1].DefaultMemberPermissions != perm {
			t.Errorf("overwrite %q returned %+v", guild, got)
		}
		if diff := cmp.Diff(got, srv.Commands(guild)); diff != "" {
			t.Errorf("Commands(%q) differs from the response (-response +kept):\n%s", guild, diff)
		}
		listed, err := s.ApplicationCommands(discordtest.DefaultBotID, guild)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(got, listed); diff != "" {
			t.Errorf("GET commands differs (-overwrite +get):\n%s", diff)
		}
	}
	// A second overwrite keeps the ids of commands it still has.
	first := srv.Commands(discordtest.DefaultGuildID)
	again, err := s.ApplicationCommandBulkOverwrite(discordtest.DefaultBotID, discordtest.DefaultGuildID, cmds[:1])
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 1 || again[0].ID != first[0].ID {
		t.Errorf("second overwrite = %+v, want only ask with id %s", again, first[0].ID)
	}
	calls := srv.CallsTo("PUT", "/applications/{app}/guilds/{guild}/commands")
	if len(calls) != 2 {
		t.Fatalf("recorded %d guild overwrites, want 2", len(calls))
	}
	var sent []map[string]any
	if err := calls[0].Decode(&sent); err != nil || len(sent) != 3 || sent[1]["default_member_permissions"] != "8192" {
		t.Errorf("recorded body %s (%v)", calls[0].Body, err)
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}

func TestChannelMessages(t *testing.T) {
	srv := discordtest.New(t)
	s := newSession(t, srv)
	const ch = "300000000000000001"
	q := srv.PutMessage(&discordgo.Message{ChannelID: ch, Content: "source article"})
	got, err := s.ChannelMessage(ch, q)
	if err != nil || got.Content != "source article" {
		t.Fatalf("GET stored message = %+v, %v", got, err)
	}
	if _, err := s.ChannelMessage(ch, "1"); !isRESTCode(err, 10008) {
		t.Errorf("GET unknown message: %v, want Unknown Message", err)
	}
	if err := s.ChannelTyping(ch); err != nil {
		t.Fatal(err)
	}
	sent, err := s.ChannelMessageSendComplex(ch, &discordgo.MessageSend{
		Content:         "Here is the summary.",
		Embeds:          []*discordgo.MessageEmbed{{Title: "Council", Description: "Voted 5–2.", Fields: []*discordgo.MessageEmbedField{{Name: "Source", Value: "[1]"}}}},
		AllowedMentions: quiet,
		Reference:       &discordgo.MessageReference{MessageID: q, ChannelID: ch},
		Files:           []*discordgo.File{{Name: "summary.txt", ContentType: "text/plain", Reader: strings.NewReader("full text")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sent.Author.ID != discordtest.DefaultBotID || sent.ID <= q || len(sent.Attachments) != 1 || sent.Attachments[0].Filename != "summary.txt" {
		t.Errorf("created = %+v", sent)
	}
	call, err := srv.WaitForCall(context10s(t), "POST", "/channels/{channel}/messages")
	if err != nil {
		t.Fatal(err)
	}
	if len(call.Files) != 1 || string(call.Files[0].Content) != "full text" || !strings.Contains(string(call.Body), `"Here is the summary."`) {
		t.Errorf("multipart call: files %+v body %s", call.Files, call.Body)
	}
	edited := "Here is the corrected summary."
	if _, err := s.ChannelMessageEditComplex(&discordgo.MessageEdit{ID: sent.ID, Channel: ch, Content: &edited, AllowedMentions: quiet}); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages(ch)
	if len(msgs) != 2 || msgs[1].Content != edited || msgs[1].EditedTimestamp == nil {
		t.Errorf("Messages = %+v", msgs)
	}
	c, err := s.Channel(ch)
	if err != nil || c.Type != discordgo.ChannelTypeGuildText || c.ID != ch {
		t.Errorf("channel stub = %+v, %v", c, err)
	}
	srv.SetMember(discordtest.DefaultGuildID, &discordgo.Member{User: &discordgo.User{ID: "42"}, Roles: []string{"7"}})
	srv.SetRoles(discordtest.DefaultGuildID, &discordgo.Role{ID: "7", Name: "editors", Permissions: discordgo.PermissionManageMessages})
	if m, err := s.GuildMember(discordtest.DefaultGuildID, "42"); err != nil || m.Roles[0] != "7" {
		t.Errorf("member = %+v, %v", m, err)
	}
	if _, err := s.GuildMember(discordtest.DefaultGuildID, "43"); !isRESTCode(err, 10007) {
		t.Errorf("unknown member: %v", err)
	}
	if roles, err := s.GuildRoles(discordtest.DefaultGuildID); err != nil || len(roles) != 1 || roles[0].Name != "editors" {
		t.Errorf("roles = %+v, %v", roles, err)
	}
	// API v10 paths reach the same handlers.
	if _, err := s.Request("GET", discordgo.EndpointDiscord+"api/v10/users/@me", nil); err != nil {
		t.Errorf("v10: %v", err)
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}

func isRESTCode(err error, code int) bool {
	var re *discordgo.RESTError
	return errors.As(err, &re) && re.Message != nil && re.Message.Code == code
}

func TestFailNext(t *testing.T) {
	srv := discordtest.New(t)
	s := newSession(t, srv)
	send := &discordgo.MessageSend{Content: "hello", AllowedMentions: quiet}

	srv.FailNext("POST", "/channels/{channel}/messages", http.StatusInternalServerError, "")
	var re *discordgo.RESTError
	if _, err := s.ChannelMessageSendComplex("5", send); !errors.As(err, &re) || re.Response.StatusCode != 500 {
		t.Errorf("scripted 500: %v", err)
	}
	srv.FailNext("POST", "/channels/{channel}/messages", http.StatusTooManyRequests, "")
	if _, err := s.ChannelMessageSendComplex("5", send); err != nil {
		t.Errorf("discordgo should wait out a 429 and retry: %v", err)
	}
	var statuses []int
	for _, c := range srv.CallsTo("POST", "/channels/{channel}/messages") {
		statuses = append(statuses, c.Status)
	}
	if diff := cmp.Diff([]int{500, 429, 200}, statuses); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if len(srv.Messages("5")) != 1 {
		t.Errorf("only the retried message should be stored: %+v", srv.Messages("5"))
	}
}

// recorder stands in for the test so that the violations this test
// provokes on purpose are captured instead of failing it.
type recorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) since(n int) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.errors[n:]...)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.errors)
}

func TestViolations(t *testing.T) {
	rec := &recorder{TB: t}
	srv := discordtest.New(rec)
	s := newSession(t, srv)
	open(t, srv, s)
	const ch = discordtest.DefaultChannelID
	long := strings.Repeat("a", 2500)
	interaction := func() *discordgo.Interaction {
		id, token := srv.SendInteraction(&discordgo.Interaction{Data: discordgo.ApplicationCommandInteractionData{Name: "ask"}})
		return &discordgo.Interaction{ID: id, Token: token, AppID: discordtest.DefaultBotID}
	}
	tests := []struct {
		name string
		do   func()
		want []string // each must appear in some violation
	}{
		{"content over 2000", func() {
			s.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: long, AllowedMentions: quiet})
		}, []string{"content has 2500 characters, Discord allows 2000"}},
		{"no allowed_mentions", func() {
			s.ChannelMessageSend(ch, "hello")
		}, []string{"allowed_mentions is missing"}},
		{"allowed_mentions with parse null", func() {
			s.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: "hi", AllowedMentions: &discordgo.MessageAllowedMentions{}})
		}, []string{"allowed_mentions.parse is null"}},
		{"embed limits", func() {
			fields := make([]*discordgo.MessageEmbedField, 26)
			for i := range fields {
				fields[i] = &discordgo.MessageEmbedField{Name: "n", Value: "v"}
			}
			s.ChannelMessageSendComplex(ch, &discordgo.MessageSend{AllowedMentions: quiet, Embeds: []*discordgo.MessageEmbed{
				{Title: strings.Repeat("t", 300), Fields: fields},
			}})
		}, []string{"embeds[0].title has 300 characters", "embeds[0] has 26 fields", "create_message (POST /channels/{channel_id}/messages): request body"}},
		{"spec: wrong type", func() {
			s.Request("POST", discordgo.EndpointChannelMessages(ch), map[string]any{"content": "x", "tts": "yes", "allowed_mentions": quiet})
		}, []string{"at '/tts': got string, want"}},
		{"spec: command name too long", func() {
			s.ApplicationCommandBulkOverwrite(discordtest.DefaultBotID, "", []*discordgo.ApplicationCommand{{Name: strings.Repeat("x", 40), Description: "d"}})
		}, []string{"bulk_set_application_commands", "maxLength"}},
		{"spec: query parameter", func() {
			s.Request("GET", discordgo.EndpointChannelMessages(ch)+"?limit=many", nil)
		}, []string{"query parameter limit=\"many\""}},
		{"spec: path parameter", func() {
			s.Request("GET", discordgo.EndpointChannel("general"), nil)
		}, []string{"path parameter channel_id=\"general\""}},
		{"unknown route", func() {
			s.GuildChannels(discordtest.DefaultGuildID)
		}, []string{"discordtest does not serve GET /guilds/" + discordtest.DefaultGuildID + "/channels"}},
		{"webhook edit without allowed_mentions", func() {
			i := interaction()
			s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource})
			text := "answer"
			s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &text})
		}, []string{"PATCH /api/v9/webhooks/", "allowed_mentions is missing"}},
		{"callback message too long", func() {
			s.InteractionRespond(interaction(), &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: long, AllowedMentions: quiet}})
		}, []string{"/callback: message: content has 2500 characters"}},
		{"acknowledged twice", func() {
			i := interaction()
			deferred := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
			s.InteractionRespond(i, deferred)
			s.InteractionRespond(i, deferred)
		}, []string{"acknowledged twice"}},
		{"edit before acknowledging", func() {
			text := "too early"
			s.InteractionResponseEdit(interaction(), &discordgo.WebhookEdit{Content: &text, AllowedMentions: quiet})
		}, []string{"before it was acknowledged"}},
		{"wrong callback type", func() {
			s.InteractionRespond(interaction(), &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult})
		}, []string{"callback type 8 does not answer an interaction of type 2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, vBefore := rec.count(), len(srv.Violations())
			tc.do()
			got := rec.since(before)
			if len(srv.Violations())-vBefore != len(got) {
				t.Errorf("Violations grew by %d, Errorf called %d times", len(srv.Violations())-vBefore, len(got))
			}
			all := strings.Join(got, "\n")
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("no violation containing %q; got:\n%s", w, all)
				}
			}
		})
	}
}

func TestDropConnectionsResumes(t *testing.T) {
	srv := discordtest.New(t, discordtest.WithHeartbeatInterval(20*time.Millisecond))
	s := newSession(t, srv)
	messages := make(chan *discordgo.MessageCreate, 2)
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { messages <- m })
	open(t, srv, s)
	ctx := context10s(t)

	// Heartbeats every 20ms are each ACKed: discordgo reconnects when five
	// intervals pass without an ACK, so a dozen beats on one IDENTIFY
	// without a RESUME show the ACKs arrive.
	for srv.Heartbeats() < 12 {
		select {
		case <-ctx.Done():
			t.Fatalf("only %d heartbeats", srv.Heartbeats())
		case <-time.After(10 * time.Millisecond):
		}
	}
	s.RLock()
	acked := s.LastHeartbeatAck
	s.RUnlock()
	if len(srv.Identifies()) != 1 || len(srv.Resumes()) != 0 || time.Since(acked) > time.Second {
		t.Fatalf("after heartbeats: %d identifies, %d resumes, last ACK %v ago", len(srv.Identifies()), len(srv.Resumes()), time.Since(acked))
	}

	srv.DropConnections()
	if srv.Connected() {
		t.Error("Connected right after DropConnections")
	}
	// Sent while the bot is away: replayed when it resumes.
	srv.SendMessage(&discordgo.Message{Content: "missed while away"})
	if err := srv.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	res := srv.Resumes()
	if len(res) != 1 || res[0].SessionID == "" || res[0].Token != "Bot test-token" || res[0].Seq == 0 {
		t.Errorf("resumes = %+v (identifies %d)", res, len(srv.Identifies()))
	}
	if m := receive(t, messages, "replayed MESSAGE_CREATE"); m.Content != "missed while away" {
		t.Errorf("replayed %q", m.Content)
	}
	srv.SendMessage(&discordgo.Message{Content: "after resume"})
	if m := receive(t, messages, "MESSAGE_CREATE after resume"); m.Content != "after resume" {
		t.Errorf("got %q", m.Content)
	}
}

func TestCheckMessage(t *testing.T) {
	embed := func(e discordgo.MessageEmbed) *discordgo.MessageSend {
		return &discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{&e}, AllowedMentions: quiet}
	}
	fields := func(n, name, value int) []*discordgo.MessageEmbedField {
		out := make([]*discordgo.MessageEmbedField, n)
		for i := range out {
			out[i] = &discordgo.MessageEmbedField{Name: strings.Repeat("n", name), Value: strings.Repeat("v", value)}
		}
		return out
	}
	tests := []struct {
		name string
		msg  any
		want string // "" for no error
	}{
		{"fine", &discordgo.MessageSend{Content: strings.Repeat("é", 2000), AllowedMentions: quiet}, ""},
		{"content", &discordgo.MessageSend{Content: strings.Repeat("a", 2001), AllowedMentions: quiet}, "content has 2001 characters"},
		{"embeds", &discordgo.MessageSend{Embeds: make([]*discordgo.MessageEmbed, 11), AllowedMentions: quiet}, "11 embeds"},
		{"title", embed(discordgo.MessageEmbed{Title: strings.Repeat("t", 257)}), "title has 257"},
		{"description", embed(discordgo.MessageEmbed{Description: strings.Repeat("d", 4097)}), "description has 4097"},
		{"fields", embed(discordgo.MessageEmbed{Fields: fields(26, 1, 1)}), "26 fields"},
		{"field name", embed(discordgo.MessageEmbed{Fields: fields(1, 257, 1)}), "fields[0].name has 257"},
		{"field value", embed(discordgo.MessageEmbed{Fields: fields(1, 1, 1025)}), "fields[0].value has 1025"},
		{"footer", embed(discordgo.MessageEmbed{Footer: &discordgo.MessageEmbedFooter{Text: strings.Repeat("f", 2049)}}), "footer.text has 2049"},
		{"total", embed(discordgo.MessageEmbed{Description: strings.Repeat("d", 4000), Fields: fields(2, 1, 1000)}), "6002 characters in all"},
		{"mentions missing", &discordgo.WebhookEdit{}, "allowed_mentions is missing"},
		{"mentions parse users", []byte(`{"content":"x","allowed_mentions":{"parse":["users"]}}`), `allowed_mentions.parse is ["users"]`},
		{"interaction data", &discordgo.InteractionResponseData{Content: "ok", AllowedMentions: quiet}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := discordtest.CheckMessage(tc.msg)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("CheckMessage: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("CheckMessage = %v, want %q", err, tc.want)
			}
		})
	}
	if err := discordtest.CheckLimits(&discordgo.MessageSend{Content: "no mentions field"}); err != nil {
		t.Errorf("CheckLimits checks allowed_mentions: %v", err)
	}
}

func TestPress(t *testing.T) {
	srv := discordtest.New(t)
	s := newSession(t, srv)
	presses := make(chan *discordgo.Interaction, 1)
	s.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		presses <- i.Interaction
		r := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "the passages", Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: quiet}}
		if i.MessageComponentData().CustomID == "page:1" {
			r = &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage,
				Data: &discordgo.InteractionResponseData{Content: "page 2", AllowedMentions: quiet}}
		}
		s.InteractionRespond(i.Interaction, r)
	})
	open(t, srv, s)
	row := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Show passages", Style: discordgo.SecondaryButton, CustomID: "passages:7"},
		discordgo.Button{Label: "Previous", Style: discordgo.SecondaryButton, CustomID: "page:0", Disabled: true},
		discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: "page:1"},
	}}
	sent, err := s.ChannelMessageSendComplex(discordtest.DefaultChannelID, &discordgo.MessageSend{
		Content: "page 1", Components: []discordgo.MessageComponent{row}, AllowedMentions: quiet})
	if err != nil {
		t.Fatal(err)
	}
	m := srv.Messages(discordtest.DefaultChannelID)[0]
	var labels []string
	for _, b := range discordtest.Buttons(m) {
		labels = append(labels, b.Label)
	}
	if diff := cmp.Diff([]string{"Show passages", "Previous", "Next"}, labels); diff != "" {
		t.Errorf("Buttons (-want +got):\n%s", diff)
	}
	from := func() *discordgo.Interaction {
		return &discordgo.Interaction{GuildID: discordtest.DefaultGuildID, Message: m}
	}

	id, _, err := srv.Press(from(), "passages:7")
	if err != nil {
		t.Fatal(err)
	}
	got := receive(t, presses, "the press")
	if got.Type != discordgo.InteractionMessageComponent || got.MessageComponentData().CustomID != "passages:7" ||
		got.MessageComponentData().ComponentType != discordgo.ButtonComponent || got.Message == nil || got.Message.ID != sent.ID || len(discordtest.Buttons(got.Message)) != 3 ||
		got.ChannelID != discordtest.DefaultChannelID || got.Member == nil || got.Member.User.ID != discordtest.DefaultUserID {
		t.Errorf("the bot received %+v", got)
	}
	st := waitResponse(t, srv, id)
	if st.Original == nil || st.Original.Content != "the passages" || st.Original.Flags&discordgo.MessageFlagsEphemeral == 0 || st.Original.ID == sent.ID {
		t.Errorf("response to Show passages = %+v", st.Original)
	}

	id, _, err = srv.Press(from(), "page:1")
	if err != nil {
		t.Fatal(err)
	}
	receive(t, presses, "the second press")
	st = waitResponse(t, srv, id)
	if st.Original == nil || st.Original.Content != "page 2" || st.Original.ID != sent.ID || st.Original.EditedTimestamp == nil ||
		len(discordtest.Buttons(st.Original)) != 3 {
		t.Errorf("the page after Next = %+v", st.Original)
	}

	for _, tc := range []struct {
		name     string
		i        *discordgo.Interaction
		customID string
		want     string
	}{
		{"disabled", from(), "page:0", `the button "Previous" is disabled`},
		{"no such button", from(), "vote:up:7", `has no such button, only "Show passages" (passages:7)`},
		{"no message", &discordgo.Interaction{}, "passages:7", "no message"},
	} {
		if _, _, err := srv.Press(tc.i, tc.customID); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Press = %v, want an error containing %q", tc.name, err, tc.want)
		}
	}
	select {
	case i := <-presses:
		t.Errorf("a refused press reached the bot: %+v", i)
	case <-time.After(100 * time.Millisecond):
	}
	if v := srv.Violations(); len(v) != 0 {
		t.Errorf("violations: %v", v)
	}
}

func waitResponse(t *testing.T, srv *discordtest.Server, id string) discordtest.InteractionState {
	t.Helper()
	ctx := context10s(t)
	for {
		if st, _ := srv.Interaction(id); len(st.Callbacks) > 0 {
			return st
		}
		select {
		case <-ctx.Done():
			t.Fatalf("interaction %s: no response", id)
		case <-time.After(10 * time.Millisecond):
		}
	}
}
