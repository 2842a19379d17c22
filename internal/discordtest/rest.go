package discordtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// DefaultChannelID is the channel SendInteraction and SendMessage use when
// the test names none.
const DefaultChannelID = "200000000000000001"

// request is one REST call on its way through a handler, which adds the
// problems it finds.
type request struct {
	call     *Call
	rel      string // path without /api/vN
	params   map[string]string
	problems []string
}

func (rq *request) problem(format string, args ...any) {
	rq.problems = append(rq.problems, fmt.Sprintf(format, args...))
}

// body decodes a JSON object body; numbers stay json.Number so ids and
// permissions keep every digit.
func (rq *request) body() (map[string]any, bool) {
	m, err := decodeObject(rq.call.Body)
	if err != nil {
		rq.problem("request body: %v", err)
		return nil, false
	}
	return m, true
}

func decodeObject(b []byte) (map[string]any, error) {
	if len(b) == 0 {
		return map[string]any{}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

type handler func(s *Server, rq *request) (int, any)

// routes lists what the fake serves, literal paths before templates that
// would also match them. Patterns are matched like CallsTo's.
var routes = []struct {
	method, pattern string
	h               handler
}{
	{"GET", "/gateway", (*Server).getGateway},
	{"GET", "/gateway/bot", (*Server).getGatewayBot},
	{"GET", "/users/@me", (*Server).getMe},
	{"GET", "/applications/@me", (*Server).getApplication},
	{"GET", "/applications/{app}/commands", (*Server).listCommands},
	{"PUT", "/applications/{app}/commands", (*Server).overwriteCommands},
	{"POST", "/applications/{app}/commands", (*Server).createCommand},
	{"DELETE", "/applications/{app}/commands/{command}", (*Server).deleteCommand},
	{"GET", "/applications/{app}/guilds/{guild}/commands", (*Server).listCommands},
	{"PUT", "/applications/{app}/guilds/{guild}/commands", (*Server).overwriteCommands},
	{"POST", "/applications/{app}/guilds/{guild}/commands", (*Server).createCommand},
	{"DELETE", "/applications/{app}/guilds/{guild}/commands/{command}", (*Server).deleteCommand},
	{"POST", "/interactions/{id}/{token}/callback", (*Server).interactionCallback},
	{"POST", "/webhooks/{app}/{token}", (*Server).createFollowup},
	{"GET", "/webhooks/{app}/{token}/messages/{message}", (*Server).getWebhookMessage},
	{"PATCH", "/webhooks/{app}/{token}/messages/{message}", (*Server).editWebhookMessage},
	{"DELETE", "/webhooks/{app}/{token}/messages/{message}", (*Server).deleteWebhookMessage},
	{"GET", "/channels/{channel}", (*Server).getChannel},
	{"GET", "/channels/{channel}/messages", (*Server).listMessages},
	{"POST", "/channels/{channel}/messages", (*Server).createMessage},
	{"GET", "/channels/{channel}/messages/{message}", (*Server).getMessage},
	{"PATCH", "/channels/{channel}/messages/{message}", (*Server).editMessage},
	{"DELETE", "/channels/{channel}/messages/{message}", (*Server).deleteMessage},
	{"POST", "/channels/{channel}/typing", (*Server).typing},
	{"GET", "/guilds/{guild}", (*Server).getGuild},
	{"GET", "/guilds/{guild}/members/{user}", (*Server).getMember},
	{"GET", "/guilds/{guild}/roles", (*Server).getRoles},
}

// route runs the handler for a call; callers hold s.mu. A route the fake
// does not serve is a violation: the bot calls something no test expects.
func (s *Server) route(rq *request) (int, any) {
	for _, rt := range routes {
		if rt.method != rq.call.Method {
			continue
		}
		if p := matchPath(rt.pattern, rq.rel); p != nil {
			rq.params = p
			return rt.h(s, rq)
		}
	}
	rq.problem("discordtest does not serve %s %s; teach it the route or stop calling it", rq.call.Method, rq.rel)
	return http.StatusNotFound, discordError(0, "404: Not Found")
}

func (s *Server) gatewayURL() string {
	return "ws://" + s.hs.Listener.Addr().String() + "/gateway"
}

func (s *Server) getGateway(*request) (int, any) {
	return http.StatusOK, map[string]any{"url": s.gatewayURL()}
}

func (s *Server) getGatewayBot(*request) (int, any) {
	return http.StatusOK, map[string]any{
		"url":    s.gatewayURL(),
		"shards": 1,
		"session_start_limit": map[string]any{
			"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": 1,
		},
	}
}

func (s *Server) botUser() map[string]any {
	return map[string]any{
		"id": s.cfg.botID, "username": s.cfg.botName, "discriminator": "0", "global_name": nil,
		"avatar": nil, "bot": true, "verified": true, "mfa_enabled": false, "flags": 0,
	}
}

func (s *Server) getMe(*request) (int, any) { return http.StatusOK, s.botUser() }

func (s *Server) getApplication(*request) (int, any) {
	return http.StatusOK, map[string]any{
		"id": s.cfg.appID, "name": s.cfg.botName, "icon": nil, "description": "", "bot_public": false,
		"bot_require_code_grant": false, "flags": 0, "bot": s.botUser(),
	}
}

// checkApp insists that the bot uses its own application id: Discord answers
// anything else with Missing Access.
func (s *Server) checkApp(rq *request) (int, any, bool) {
	if app := rq.params["app"]; app != s.cfg.appID {
		rq.problem("application id %s is not this bot's application (%s)", app, s.cfg.appID)
		return http.StatusForbidden, discordError(50001, "Missing Access"), false
	}
	return 0, nil, true
}

func (s *Server) listCommands(rq *request) (int, any) {
	if st, body, ok := s.checkApp(rq); !ok {
		return st, body
	}
	cmds := s.commands[rq.params["guild"]]
	if cmds == nil {
		cmds = []map[string]any{}
	}
	return http.StatusOK, cmds
}

// overwriteCommands replaces the scope's commands, keeping the id of a
// command whose name and type were registered before, as Discord does.
func (s *Server) overwriteCommands(rq *request) (int, any) {
	if st, body, ok := s.checkApp(rq); !ok {
		return st, body
	}
	dec := json.NewDecoder(bytes.NewReader(rq.call.Body))
	dec.UseNumber()
	var in []map[string]any
	if err := dec.Decode(&in); err != nil {
		rq.problem("request body: %v", err)
		return http.StatusBadRequest, discordError(50109, "The request body contains invalid JSON.")
	}
	guild := rq.params["guild"]
	out := []map[string]any{}
	seen := map[string]bool{}
	for _, c := range in {
		key := commandKey(c)
		if seen[key] {
			rq.problem("two commands named %q of the same type; Discord rejects the whole list", c["name"])
			return http.StatusBadRequest, discordError(50035, "Invalid Form Body")
		}
		seen[key] = true
		out = append(out, s.newCommand(guild, c, s.findCommand(guild, key)))
	}
	s.commands[guild] = out
	return http.StatusOK, out
}

func (s *Server) createCommand(rq *request) (int, any) {
	if st, body, ok := s.checkApp(rq); !ok {
		return st, body
	}
	c, ok := rq.body()
	if !ok {
		return http.StatusBadRequest, discordError(50109, "The request body contains invalid JSON.")
	}
	guild := rq.params["guild"]
	key := commandKey(c)
	old := s.findCommand(guild, key)
	cmd := s.newCommand(guild, c, old)
	cmds := s.commands[guild]
	if old != nil {
		for i := range cmds {
			if cmds[i]["id"] == old["id"] {
				cmds[i] = cmd
			}
		}
		return http.StatusOK, cmd
	}
	s.commands[guild] = append(cmds, cmd)
	return http.StatusCreated, cmd
}

func (s *Server) deleteCommand(rq *request) (int, any) {
	if st, body, ok := s.checkApp(rq); !ok {
		return st, body
	}
	guild := rq.params["guild"]
	for i, c := range s.commands[guild] {
		if c["id"] == rq.params["command"] {
			s.commands[guild] = slices.Delete(s.commands[guild], i, i+1)
			return http.StatusNoContent, nil
		}
	}
	return http.StatusNotFound, discordError(10063, "Unknown application command")
}

func commandKey(c map[string]any) string {
	t := "1"
	if v, ok := c["type"]; ok && v != nil {
		t = fmt.Sprint(v)
	}
	return t + "/" + fmt.Sprint(c["name"])
}

func (s *Server) findCommand(guild, key string) map[string]any {
	for _, c := range s.commands[guild] {
		if commandKey(c) == key {
			return c
		}
	}
	return nil
}

// newCommand is what Discord stores for a command the bot sent: its fields
// plus the ones Discord assigns.
func (s *Server) newCommand(guild string, in, old map[string]any) map[string]any {
	c := map[string]any{
		"type": json.Number("1"), "description": "", "default_member_permissions": nil,
		"nsfw": false, "integration_types": []any{json.Number("0")},
	}
	for k, v := range in {
		if v != nil {
			c[k] = v
		}
	}
	c["id"] = s.ids.next()
	if old != nil {
		c["id"] = old["id"]
	}
	c["application_id"] = s.cfg.appID
	c["version"] = s.ids.next()
	if guild != "" {
		c["guild_id"] = guild
	} else {
		delete(c, "guild_id")
	}
	return c
}

// Commands returns the commands registered for a guild, or the global ones
// for guildID "", as Discord would list them.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.ApplicationCommand
	s.convert(s.commands[guildID], &out)
	return out
}

// messageObject is a message as Discord sends it, components included:
// discordgo marshals a Message without them.
func (s *Server) messageObject(m *discordgo.Message) map[string]any {
	obj := map[string]any{}
	s.convert(m, &obj)
	comps := []any{}
	if len(m.Components) > 0 {
		s.convert(m.Components, &comps)
	}
	obj["components"] = comps
	return obj
}

// convert copies the fake's JSON state into discordgo's types by way of
// JSON, so callers never share memory with the server.
func (s *Server) convert(from, to any) {
	b, err := json.Marshal(from)
	if err == nil {
		err = json.Unmarshal(b, to)
	}
	if err != nil {
		s.t.Errorf("discordtest: convert %T to %T: %v", from, to, err)
	}
}

// interactionRecord is the fake's memory of one interaction: what it was,
// and every response the bot made to it.
type interactionRecord struct {
	id, token, channelID string
	typ                  discordgo.InteractionType
	sentAt               time.Time
	interaction          json.RawMessage
	callbacks            []Callback
	original             map[string]any // the response message, or for types 6 and 7 the component's message
	followups            []map[string]any
}

// Callback is one interaction response the bot sent.
type Callback struct {
	Type discordgo.InteractionResponseType
	Data json.RawMessage
	At   time.Time
}

// InteractionState is everything the bot did with one interaction.
// Original is the message the interaction's webhook calls @original: the
// response message for callback types 4 and 5 (a deferred response has empty
// content and the loading flag until edited), the message with the component
// for types 6 and 7; nil before the callback and after a delete. Interaction
// responses and followups are kept here, not in Messages.
type InteractionState struct {
	Interaction *discordgo.Interaction
	Callbacks   []Callback
	Original    *discordgo.Message
	Followups   []*discordgo.Message
}

// Interaction returns the state of an interaction sent with SendInteraction.
func (s *Server) Interaction(id string) (InteractionState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.interaction(id)
}

// WaitForInteraction waits until the state of the interaction id satisfies
// ok, and returns it; a test waits for the bot's response without polling.
func (s *Server) WaitForInteraction(ctx context.Context, id string, ok func(InteractionState) bool) (InteractionState, error) {
	var st InteractionState
	err := s.wait(ctx, func() bool {
		st, _ = s.interaction(id)
		return ok(st)
	})
	if err != nil {
		return st, fmt.Errorf("wait for interaction %s: %w", id, err)
	}
	return st, nil
}

// interaction is Interaction for a caller that holds s.mu.
func (s *Server) interaction(id string) (InteractionState, bool) {
	rec := s.interactions[id]
	if rec == nil {
		return InteractionState{}, false
	}
	st := InteractionState{Callbacks: append([]Callback(nil), rec.callbacks...)}
	s.convert(rec.interaction, &st.Interaction)
	if rec.original != nil {
		s.convert(rec.original, &st.Original)
	}
	for _, m := range rec.followups {
		var msg *discordgo.Message
		s.convert(m, &msg)
		st.Followups = append(st.Followups, msg)
	}
	return st, true
}

// allowedCallbacks says which response types Discord accepts for each
// interaction type.
var allowedCallbacks = map[discordgo.InteractionType][]discordgo.InteractionResponseType{
	discordgo.InteractionApplicationCommand:             {4, 5, 9},
	discordgo.InteractionMessageComponent:               {4, 5, 6, 7, 9},
	discordgo.InteractionApplicationCommandAutocomplete: {8},
	discordgo.InteractionModalSubmit:                    {4, 5, 6, 7},
}

// ackDeadline is how long Discord waits for the first response.
const ackDeadline = 3 * time.Second

func (s *Server) interactionCallback(rq *request) (int, any) {
	rec := s.interactions[rq.params["id"]]
	if rec == nil || rec.token != rq.params["token"] {
		rq.problem("callback for an interaction the fake never sent (id %s)", rq.params["id"])
		return http.StatusNotFound, discordError(10062, "Unknown interaction")
	}
	if len(rec.callbacks) > 0 {
		rq.problem("interaction %s acknowledged twice; edit the original response instead", rec.id)
		return http.StatusBadRequest, discordError(40060, "Interaction has already been acknowledged.")
	}
	if late := rq.call.At.Sub(rec.sentAt); late > ackDeadline {
		rq.problem("interaction %s acknowledged after %v; Discord allows %v", rec.id, late.Round(time.Millisecond), ackDeadline)
		return http.StatusNotFound, discordError(10062, "Unknown interaction")
	}
	var cb struct {
		Type discordgo.InteractionResponseType `json:"type"`
		Data json.RawMessage                   `json:"data"`
	}
	if err := json.Unmarshal(rq.call.Body, &cb); err != nil {
		rq.problem("request body: %v", err)
		return http.StatusBadRequest, discordError(50109, "The request body contains invalid JSON.")
	}
	if !slices.Contains(allowedCallbacks[rec.typ], cb.Type) {
		rq.problem("callback type %d does not answer an interaction of type %d (allowed: %v)", cb.Type, rec.typ, allowedCallbacks[rec.typ])
		return http.StatusBadRequest, discordError(50035, "Invalid Form Body")
	}
	rec.callbacks = append(rec.callbacks, Callback{Type: cb.Type, Data: cb.Data, At: rq.call.At})
	data, ok := decodeData(rq, cb.Data)
	if !ok {
		return http.StatusBadRequest, discordError(50109, "The request body contains invalid JSON.")
	}
	switch cb.Type {
	case discordgo.InteractionResponseChannelMessageWithSource:
		if len(data) == 0 {
			rq.problem("callback type 4 without data")
		}
		s.checkMessage(rq, cb.Data)
		rec.original = s.newMessage(rec.channelID, data, rq.call.Files)
		s.markWebhook(rec.original)
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		flags, _ := data["flags"].(json.Number)
		f, _ := flags.Int64()
		rec.original = s.newMessage(rec.channelID, map[string]any{"flags": json.Number(strconv.FormatInt(f|int64(discordgo.MessageFlagsLoading), 10))}, nil)
		s.markWebhook(rec.original)
	case discordgo.InteractionResponseUpdateMessage:
		s.checkMessage(rq, cb.Data)
		if rec.original != nil {
			s.applyMessage(rec.original, data, rq.call.Files, true)
		}
	}
	if rq.call.Query.Get("with_response") == "true" {
		resp := map[string]any{"interaction": map[string]any{
			"id": rec.id, "type": rec.typ, "activity_instance_id": nil,
			"response_message_id": nil, "response_message_loading": cb.Type == 5, "response_message_ephemeral": false,
		}}
		if rec.original != nil {
			resp["resource"] = map[string]any{"type": cb.Type, "message": rec.original}
		}
		return http.StatusOK, resp
	}
	return http.StatusNoContent, nil
}

func decodeData(rq *request, raw json.RawMessage) (map[string]any, bool) {
	if len(raw) == 0 || string(raw) == "null" {
		return map[string]any{}, true
	}
	m, err := decodeObject(raw)
	if err != nil {
		rq.problem("data: %v", err)
		return nil, false
	}
	return m, true
}

func (s *Server) markWebhook(m map[string]any) {
	m["webhook_id"] = s.cfg.appID
	m["application_id"] = s.cfg.appID
}

// checkMessage applies Discord's limits and the allowed_mentions rule to a
// message body the bot sent.
func (s *Server) checkMessage(rq *request, body []byte) {
	if err := checkMessage(body, !s.cfg.allowMentions); err != nil {
		for _, e := range unwrapAll(err) {
			rq.problem("message: %v", e)
		}
	}
}

func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// webhookMessageBody is webhook for a call that sends a message: the
// interaction, and the message's body, read and checked as Discord would.
func (s *Server) webhookMessageBody(rq *request) (*interactionRecord, map[string]any, int, any) {
	rec, st, errBody := s.webhook(rq)
	if rec == nil {
		return nil, nil, st, errBody
	}
	body, ok := rq.body()
	if !ok {
		return nil, nil, http.StatusBadRequest, discordError(50109, "The request body contains invalid JSON.")
	}
	s.checkMessage(rq, rq.call.Body)
	return rec, body, 0, nil
}

// webhook finds the interaction behind an interaction webhook: the bot's
// application id and a token the fake handed out, already acknowledged.
func (s *Server) webhook(rq *request) (*interactionRecord, int, any) {
	if app := rq.params["app"]; app != s.cfg.appID {
		rq.problem("webhook id %s is not the application id %s", app, s.cfg.appID)
		return nil, http.StatusNotFound, discordError(10015, "Unknown Webhook")
	}
	rec := s.byToken[rq.params["token"]]
	if rec == nil {
		rq.problem("webhook token is no interaction's token")
		return nil, http.StatusNotFound, discordError(10015, "Unknown Webhook")
	}
	if len(rec.callbacks) == 0 {
		rq.problem("interaction %s used through its webhook before it was acknowledged", rec.id)
		return nil, http.StatusNotFound, discordError(10015, "Unknown Webhook")
	}
	return rec, 0, nil
}

func (s *Server) createFollowup(rq *request) (int, any) {
	rec, body, st, errBody := s.webhookMessageBody(rq)
	if rec == nil {
		return st, errBody
	}
	m := s.newMessage(rec.channelID, body, rq.call.Files)
	s.markWebhook(m)
	rec.followups = append(rec.followups, m)
	if rq.call.Query.Get("wait") != "true" {
		return http.StatusNoContent, nil
	}
	return http.StatusOK, m
}

// webhookMessage finds @original or a followup by id.
func (rec *interactionRecord) webhookMessage(id string) (map[string]any, int) {
	if id == "@original" {
		return rec.original, -1
	}
	for i, m := range rec.followups {
		if m["id"] == id {
			return m, i
		}
	}
	return nil, -1
}

func (s *Server) getWebhookMessage(rq *request) (int, any) {
	rec, st, errBody := s.webhook(rq)
	if rec == nil {
		return st, errBody
	}
	if m, _ := rec.webhookMessage(rq.params["message"]); m != nil {
		return http.StatusOK, m
	}
	return http.StatusNotFound, discordError(10008, "Unknown Message")
}

func (s *Server) editWebhookMessage(rq *request) (int, any) {
	rec, body, st, errBody := s.webhookMessageBody(rq)
	if rec == nil {
		return st, errBody
	}
	m, _ := rec.webhookMessage(rq.params["message"])
	if m == nil {
		return http.StatusNotFound, discordError(10008, "Unknown Message")
	}
	s.applyMessage(m, body, rq.call.Files, true)
	clearLoading(m)
	return http.StatusOK, m
}

// clearLoading ends the "thinking…" of a deferred response: on Discord the
// first edit of the original response replaces it with the message.
func clearLoading(m map[string]any) {
	var f int64
	switch v := m["flags"].(type) {
	case json.Number: // from a request body
		f, _ = v.Int64()
	case float64: // from a discordgo.Message, through JSON
		f = int64(v)
	}
	m["flags"] = json.Number(strconv.FormatInt(f&^int64(discordgo.MessageFlagsLoading), 10))
}

func (s *Server) deleteWebhookMessage(rq *request) (int, any) {
	rec, st, errBody := s.webhook(rq)
	if rec == nil {
		return st, errBody
	}
	m, i := rec.webhookMessage(rq.params["message"])
	switch {
	case m == nil:
		return http.StatusNotFound, discordError(10008, "Unknown Message")
	case i < 0:
		rec.original = nil
	default:
		rec.followups = slices.Delete(rec.followups, i, i+1)
	}
	return http.StatusNoContent, nil
}

// newMessage is the message Discord makes from a body the bot sent.
func (s *Server) newMessage(channelID string, body map[string]any, files []File) map[string]any {
	m := map[string]any{
		"id": s.ids.next(), "channel_id": channelID, "type": 0, "author": s.botUser(),
		"content": "", "embeds": []any{}, "components": []any{}, "attachments": []any{},
		"mentions": []any{}, "mention_roles": []any{}, "mention_everyone": false,
		"pinned": false, "tts": false, "flags": json.Number("0"),
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano), "edited_timestamp": nil,
	}
	s.applyMessage(m, body, files, false)
	return m
}

// applyMessage sets the fields a create or edit body carries. An edit's
// attachments list names the attachments to keep; new files are added.
func (s *Server) applyMessage(m, body map[string]any, files []File, edit bool) {
	for _, k := range []string{"content", "components", "flags", "tts", "message_reference", "poll"} {
		if v, ok := body[k]; ok && v != nil {
			m[k] = v
		}
	}
	if v, ok := body["embeds"].([]any); ok {
		for _, e := range v {
			if e, ok := e.(map[string]any); ok && e["type"] == nil {
				e["type"] = "rich"
			}
		}
		m["embeds"] = v
	}
	if keep, ok := body["attachments"].([]any); ok && edit {
		old, _ := m["attachments"].([]any)
		var kept []any
		for _, a := range old {
			for _, k := range keep {
				if km, ok := k.(map[string]any); ok && km["id"] == a.(map[string]any)["id"] {
					kept = append(kept, a)
				}
			}
		}
		m["attachments"] = kept
	}
	for _, f := range files {
		id := s.ids.next()
		list, _ := m["attachments"].([]any)
		m["attachments"] = append(list, map[string]any{
			"id": id, "filename": f.Name, "size": len(f.Content), "content_type": f.ContentType,
			"url":       "https://cdn.discordapp.com/attachments/" + fmt.Sprint(m["channel_id"]) + "/" + id + "/" + f.Name,
			"proxy_url": "https://media.discordapp.net/attachments/" + fmt.Sprint(m["channel_id"]) + "/" + id + "/" + f.Name,
		})
	}
	if edit {
		m["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
	}
}

func (s *Server) getChannel(rq *request) (int, any) {
	id := rq.params["channel"]
	if c, ok := s.channels[id]; ok {
		return http.StatusOK, c
	}
	return http.StatusOK, map[string]any{
		"id": id, "type": discordgo.ChannelTypeGuildText, "guild_id": s.cfg.guilds[0], "name": "general",
		"position": 0, "permission_overwrites": []any{}, "nsfw": false, "topic": nil, "last_message_id": nil,
		"rate_limit_per_user": 0, "parent_id": nil,
	}
}

func (s *Server) listMessages(rq *request) (int, any) {
	limit := 50
	if l, err := strconv.Atoi(rq.call.Query.Get("limit")); err == nil && l > 0 {
		limit = l
	}
	msgs := s.messages[rq.params["channel"]]
	out := []map[string]any{}
	for i := len(msgs) - 1; i >= 0 && len(out) < limit; i-- {
		out = append(out, msgs[i])
	}
	return http.StatusOK, out
}

func (s *Server) createMessage(rq *request) (int, any) {
	body, ok := rq.body()
	if !ok {
		return http.StatusBadRequest, discordError(50109, "The request body contains invalid JSON.")
	}
	s.checkMessage(rq, rq.call.Body)
	empty := len(rq.call.Files) == 0
	for _, k := range []string{"content", "embeds", "components", "sticker_ids", "poll"} {
		switch v := body[k].(type) {
		case string:
			empty = empty && v == ""
		case []any:
			empty = empty && len(v) == 0
		case nil:
		default:
			empty = false
		}
	}
	if empty {
		rq.problem("message has no content, embeds, components, stickers, poll or files")
		return http.StatusBadRequest, discordError(50006, "Cannot send an empty message")
	}
	ch := rq.params["channel"]
	m := s.newMessage(ch, body, rq.call.Files)
	s.messages[ch] = append(s.messages[ch], m)
	return http.StatusOK, m
}

func (s *Server) findMessage(channel, id string) (map[string]any, int) {
	for i, m := range s.messages[channel] {
		if m["id"] == id {
			return m, i
		}
	}
	return nil, -1
}

func (s *Server) getMessage(rq *request) (int, any) {
	if m, _ := s.findMessage(rq.params["channel"], rq.params["message"]); m != nil {
		return http.StatusOK, m
	}
	return http.StatusNotFound, discordError(10008, "Unknown Message")
}

func (s *Server) editMessage(rq *request) (int, any) {
	m, _ := s.findMessage(rq.params["channel"], rq.params["message"])
	if m == nil {
		return http.StatusNotFound, discordError(10008, "Unknown Message")
	}
	body, ok := rq.body()
	if !ok {
		return http.StatusBadRequest, discordError(50109, "The request body contains invalid JSON.")
	}
	s.checkMessage(rq, rq.call.Body)
	if author, _ := m["author"].(map[string]any); author == nil || author["id"] != s.cfg.botID {
		return http.StatusForbidden, discordError(50005, "Cannot edit a message authored by another user")
	}
	s.applyMessage(m, body, rq.call.Files, true)
	return http.StatusOK, m
}

func (s *Server) deleteMessage(rq *request) (int, any) {
	ch := rq.params["channel"]
	if _, i := s.findMessage(ch, rq.params["message"]); i >= 0 {
		s.messages[ch] = slices.Delete(s.messages[ch], i, i+1)
		return http.StatusNoContent, nil
	}
	return http.StatusNotFound, discordError(10008, "Unknown Message")
}

func (s *Server) typing(*request) (int, any) { return http.StatusNoContent, nil }

func (s *Server) getGuild(rq *request) (int, any) {
	id := rq.params["guild"]
	if !slices.Contains(s.cfg.guilds, id) {
		return http.StatusNotFound, discordError(10004, "Unknown Guild")
	}
	return http.StatusOK, s.guild(id)
}

// guild is the guild object of GET /guilds/{id} and GUILD_CREATE.
func (s *Server) guild(id string) map[string]any {
	var channels []*discordgo.Channel
	for _, c := range s.channels {
		if c.GuildID == id {
			channels = append(channels, c)
		}
	}
	slices.SortFunc(channels, func(a, b *discordgo.Channel) int { return cmpID(a.ID, b.ID) })
	return map[string]any{
		"id": id, "name": "Guild " + id, "icon": nil, "owner_id": DefaultUserID, "unavailable": false,
		"roles": s.guildRoles(id), "emojis": []any{}, "features": []any{}, "channels": channels,
		"members": []any{}, "member_count": len(s.members[id]), "preferred_locale": "en-US",
		"joined_at": time.Now().UTC().Format(time.RFC3339), "large": false,
	}
}

func cmpID(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *Server) getMember(rq *request) (int, any) {
	if m := s.members[rq.params["guild"]][rq.params["user"]]; m != nil {
		return http.StatusOK, m
	}
	return http.StatusNotFound, discordError(10007, "Unknown Member")
}

func (s *Server) getRoles(rq *request) (int, any) {
	return http.StatusOK, s.guildRoles(rq.params["guild"])
}

// guildRoles is what SetRoles set, or just @everyone, whose id is the
// guild's, with Discord's default permissions.
func (s *Server) guildRoles(guild string) []*discordgo.Role {
	if r, ok := s.roles[guild]; ok {
		return r
	}
	return []*discordgo.Role{{ID: guild, Name: "@everyone", Permissions: 1071698660929}}
}

// SetChannel makes GET /channels/{id} (and GUILD_CREATE) return c instead of
// a text-channel stub.
func (s *Server) SetChannel(c *discordgo.Channel) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cp := *c
	s.channels[c.ID] = &cp
}

// SetMember makes GET /guilds/{guild}/members/{user} return m; other users
// are Unknown Member.
func (s *Server) SetMember(guildID string, m *discordgo.Member) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.members[guildID] == nil {
		s.members[guildID] = map[string]*discordgo.Member{}
	}
	cp := *m
	cp.GuildID = guildID
	s.members[guildID][m.User.ID] = &cp
}

// SetRoles makes GET /guilds/{guild}/roles return roles.
func (s *Server) SetRoles(guildID string, roles ...*discordgo.Role) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.roles[guildID] = append([]*discordgo.Role(nil), roles...)
}

// PutMessage stores a message as if someone had posted it, so the bot can
// fetch it (GET /channels/{channel}/messages/{id}); nothing is dispatched.
// An empty id, channel, author or timestamp is filled in. It returns the id.
func (s *Server) PutMessage(m *discordgo.Message) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.putMessage(m)
}

func (s *Server) putMessage(m *discordgo.Message) string {
	cp := *m
	if cp.ID == "" {
		cp.ID = s.ids.next()
	}
	if cp.ChannelID == "" {
		cp.ChannelID = DefaultChannelID
	}
	if cp.Author == nil {
		cp.Author = defaultUser()
	}
	if cp.Timestamp.IsZero() {
		cp.Timestamp = time.Now().UTC()
	}
	stored := s.messageObject(&cp)
	if old, i := s.findMessage(cp.ChannelID, cp.ID); old != nil {
		s.messages[cp.ChannelID][i] = stored
	} else {
		s.messages[cp.ChannelID] = append(s.messages[cp.ChannelID], stored)
	}
	return cp.ID
}

// Messages returns a channel's messages, oldest first: those the bot
// created and those stored with PutMessage or SendMessage.
func (s *Server) Messages(channelID string) []*discordgo.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.Message
	s.convert(s.messages[channelID], &out)
	return out
}

func defaultUser() *discordgo.User {
	return &discordgo.User{ID: DefaultUserID, Username: DefaultUserName, Discriminator: "0"}
}
