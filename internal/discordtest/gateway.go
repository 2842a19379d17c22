package discordtest

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// gateway is the websocket side of the fake. A session lives from IDENTIFY
// until the server stops, so that a client whose connection dropped can
// RESUME it and get the events it missed; a conn is one websocket.
type gateway struct {
	wg         sync.WaitGroup // one per connection's read loop
	conns      map[*gwConn]bool
	sessions   map[string]*gwSession
	identifies []discordgo.Identify
	resumes    []Resume
	heartbeats int
	closed     bool // the server is stopping: refuse new connections
}

func (g *gateway) init() {
	g.conns = map[*gwConn]bool{}
	g.sessions = map[string]*gwSession{}
}

type gwConn struct {
	ws      *websocket.Conn
	wmu     sync.Mutex
	session *gwSession // nil until IDENTIFY or RESUME
	closed  bool
}

type gwSession struct {
	id       string
	seq      int64
	frames   [][]byte // every dispatch, for replay on RESUME; frames[i] has seq i+1
	conn     *gwConn  // nil while disconnected
	compress bool
}

// Resume is a RESUME (op 6) the bot sent.
type Resume struct {
	Token     string `json:"token"`
	SessionID string `json:"session_id"`
	Seq       int64  `json:"seq"`
}

// frame is a gateway payload; s and t are null except in dispatches.
type frame struct {
	Op   int             `json:"op"`
	Data json.RawMessage `json:"d"`
	Seq  *int64          `json:"s"`
	Type *string         `json:"t"`
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

// serveGateway speaks the gateway as discordgo v0.29 uses it: it connects
// to the URL GET /gateway names plus "/?v=9&encoding=json" (no
// compress=zlib-stream, so there is no transport compression), and sets
// "compress": true in IDENTIFY, which asks for zlib-compressed binary frames
// for large payloads; the fake sends READY that way and the rest as text.
func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var problems []string
	if v := q.Get("v"); v != "9" && v != "10" {
		problems = append(problems, fmt.Sprintf("gateway version v=%q; discordgo speaks 9", v))
	}
	if e := q.Get("encoding"); e != "json" {
		problems = append(problems, fmt.Sprintf("gateway encoding=%q; the fake speaks json", e))
	}
	if c := q.Get("compress"); c != "" {
		problems = append(problems, fmt.Sprintf("gateway compress=%q; the fake has no transport compression", c))
	}
	if len(problems) > 0 {
		s.mu.Lock()
		s.violate("GET", r.URL.String(), problems...)
		s.mu.Unlock()
	}
	ws, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // Upgrade has answered with an error
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	if s.gw.closed {
		s.mu.Unlock()
		ws.Close()
		return
	}
	s.gw.conns[c] = true
	s.gw.wg.Add(1)
	s.mu.Unlock()
	defer s.gw.wg.Done()
	defer s.dropConn(c)

	hello, _ := json.Marshal(map[string]any{"heartbeat_interval": s.cfg.heartbeat.Milliseconds()})
	if err := c.write(websocket.TextMessage, mustFrame(10, hello, nil, "")); err != nil {
		return
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var f frame
		if err := json.Unmarshal(msg, &f); err != nil {
			s.gwProblem("gateway payload is not JSON: %v", err)
			continue
		}
		s.handleFrame(c, f)
	}
}

func (s *Server) handleFrame(c *gwConn, f frame) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch f.Op {
	case 1: // heartbeat
		s.gw.heartbeats++
		s.bump()
		c.write(websocket.TextMessage, mustFrame(11, nil, nil, ""))
	case 2: // identify
		// Only the fields the fake checks: discordgo's own Identify does not
		// read back what it writes (presence.game.created_at).
		var in struct {
			Token          string                       `json:"token"`
			Properties     discordgo.IdentifyProperties `json:"properties"`
			Compress       bool                         `json:"compress"`
			LargeThreshold int                          `json:"large_threshold"`
			Shard          *[2]int                      `json:"shard"`
			Intents        discordgo.Intent             `json:"intents"`
		}
		if err := json.Unmarshal(f.Data, &in); err != nil {
			s.gwProblemLocked("IDENTIFY: %v", err)
			c.closeWith(4002, "Error while decoding payload.")
			return
		}
		id := discordgo.Identify{Token: in.Token, Properties: in.Properties, Compress: in.Compress,
			LargeThreshold: in.LargeThreshold, Shard: in.Shard, Intents: in.Intents}
		s.gw.identifies = append(s.gw.identifies, id)
		if id.Token == "" {
			s.gwProblemLocked("IDENTIFY without a token")
		}
		if !bytes.Contains(f.Data, []byte(`"intents"`)) {
			s.gwProblemLocked("IDENTIFY without intents; API v9 requires them")
		}
		if c.session != nil {
			s.gwProblemLocked("second IDENTIFY on one connection")
		}
		sess := &gwSession{id: randomHex(16), compress: id.Compress, conn: c}
		s.gw.sessions[sess.id] = sess
		c.session = sess
		s.dispatchTo(sess, "READY", s.ready(sess, id))
		for _, g := range s.cfg.guilds {
			s.dispatchTo(sess, "GUILD_CREATE", s.guild(g))
		}
		s.bump()
	case 6: // resume
		var r Resume
		if err := json.Unmarshal(f.Data, &r); err != nil {
			s.gwProblemLocked("RESUME: %v", err)
			c.closeWith(4002, "Error while decoding payload.")
			return
		}
		s.gw.resumes = append(s.gw.resumes, r)
		sess := s.gw.sessions[r.SessionID]
		if sess == nil || r.Seq < 0 || r.Seq > sess.seq {
			// Invalid session, not resumable: the client must IDENTIFY.
			c.write(websocket.TextMessage, mustFrame(9, json.RawMessage("false"), nil, ""))
			s.bump()
			return
		}
		if old := sess.conn; old != nil && old != c {
			old.session = nil
		}
		sess.conn, c.session = c, sess
		for _, fr := range sess.frames[r.Seq:] {
			c.write(websocket.TextMessage, fr)
		}
		s.dispatchTo(sess, "RESUMED", map[string]any{})
		s.bump()
	case 3, 4, 8: // presence, voice state and member requests: accepted, unanswered
	default:
		s.gwProblemLocked("gateway op %d is not one a bot sends", f.Op)
	}
}

// ready is READY's data, shaped as Discord sends it to a bot.
func (s *Server) ready(sess *gwSession, id discordgo.Identify) map[string]any {
	guilds := make([]map[string]any, len(s.cfg.guilds))
	for i, g := range s.cfg.guilds {
		guilds[i] = map[string]any{"id": g, "unavailable": true}
	}
	d := map[string]any{
		"v":                  9,
		"user":               s.botUser(),
		"guilds":             guilds,
		"private_channels":   []any{},
		"session_id":         sess.id,
		"session_type":       "normal",
		"resume_gateway_url": s.gatewayURL(),
		"application":        map[string]any{"id": s.cfg.appID, "flags": 0},
	}
	if id.Shard != nil {
		d["shard"] = id.Shard
	}
	return d
}

// dispatchTo sends an op-0 event with the session's next sequence number,
// keeping it for a later RESUME; callers hold s.mu, which keeps sequence
// numbers in order on the wire.
func (s *Server) dispatchTo(sess *gwSession, event string, data any) {
	d, err := json.Marshal(data)
	if err != nil {
		s.t.Errorf("discordtest: dispatch %s: %v", event, err)
		return
	}
	sess.seq++
	seq := sess.seq
	fr := mustFrame(0, d, &seq, event)
	sess.frames = append(sess.frames, fr)
	if sess.conn == nil {
		return
	}
	if event == "READY" && sess.compress {
		var buf bytes.Buffer
		zw := zlib.NewWriter(&buf)
		zw.Write(fr)
		zw.Close()
		sess.conn.write(websocket.BinaryMessage, buf.Bytes())
		return
	}
	sess.conn.write(websocket.TextMessage, fr)
}

func mustFrame(op int, d json.RawMessage, seq *int64, event string) []byte {
	f := frame{Op: op, Data: d, Seq: seq}
	if len(d) == 0 {
		f.Data = json.RawMessage("null")
	}
	if event != "" {
		f.Type = &event
	}
	b, err := json.Marshal(f)
	if err != nil {
		panic(err) // every field is already JSON
	}
	return b
}

func (c *gwConn) write(mt int, b []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return websocket.ErrCloseSent
	}
	c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteMessage(mt, b)
}

// closeWith ends a connection the way Discord does after a client error:
// a close frame with a gateway close code, then the socket.
func (c *gwConn) closeWith(code int, text string) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, text), time.Now().Add(time.Second))
	c.ws.Close()
}

func (c *gwConn) close() {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.closed = true
	c.ws.Close()
}

// dropConn forgets a connection whose read loop ended; its session stays
// resumable.
func (s *Server) dropConn(c *gwConn) {
	c.close()
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.gw.conns, c)
	if c.session != nil && c.session.conn == c {
		c.session.conn = nil
	}
	c.session = nil
	s.bump()
}

func (g *gateway) snapshot() []*gwConn {
	var out []*gwConn
	for c := range g.conns {
		out = append(out, c)
	}
	return out
}

func (s *Server) gwProblem(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gwProblemLocked(format, args...)
}

func (s *Server) gwProblemLocked(format string, args ...any) {
	s.violate("WS", "/gateway", fmt.Sprintf(format, args...))
}

// Dispatch sends an event (op 0, with the next sequence number) to every
// gateway session: at once to connected ones, and on RESUME to one whose
// connection dropped. Dispatching before any session identified fails the
// test, since the bot could never see the event; call WaitReady first.
func (s *Server) Dispatch(eventType string, data any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dispatch(eventType, data)
}

func (s *Server) dispatch(eventType string, data any) {
	if len(s.gw.sessions) == 0 {
		s.t.Errorf("discordtest: dispatch %s: no gateway session has identified; call WaitReady first", eventType)
		return
	}
	for _, sess := range s.gw.sessions {
		s.dispatchTo(sess, eventType, data)
	}
}

// SendInteraction dispatches INTERACTION_CREATE and remembers the
// interaction, so the bot's callback, edits and followups are checked and
// kept (see Interaction). Empty fields are filled in: id, token,
// application id, version 1, channel DefaultChannelID, locale en-US, the
// invoking user (a Member in a guild, a User otherwise) and, from the
// concrete type of Data, the interaction type. It returns the id and token.
func (s *Server) SendInteraction(i *discordgo.Interaction) (id, token string) {
	cp := *i
	s.mu.Lock()
	defer s.mu.Unlock()
	if cp.ID == "" {
		cp.ID = s.ids.next()
	}
	if cp.Token == "" {
		cp.Token = "aW50ZXJhY3Rpb24" + randomHex(32)
	}
	if cp.AppID == "" {
		cp.AppID = s.cfg.appID
	}
	if cp.Version == 0 {
		cp.Version = 1
	}
	if cp.ChannelID == "" {
		cp.ChannelID = DefaultChannelID
	}
	if cp.Locale == "" {
		cp.Locale = discordgo.EnglishUS
	}
	if cp.Member == nil && cp.User == nil {
		if cp.GuildID != "" {
			cp.Member = &discordgo.Member{GuildID: cp.GuildID, User: defaultUser(), JoinedAt: time.Now().UTC(), Roles: []string{}}
		} else {
			cp.User = defaultUser()
		}
	}
	if cp.Type == 0 {
		switch cp.Data.(type) {
		case discordgo.ApplicationCommandInteractionData, *discordgo.ApplicationCommandInteractionData:
			cp.Type = discordgo.InteractionApplicationCommand
		case discordgo.MessageComponentInteractionData, *discordgo.MessageComponentInteractionData:
			cp.Type = discordgo.InteractionMessageComponent
		case discordgo.ModalSubmitInteractionData, *discordgo.ModalSubmitInteractionData:
			cp.Type = discordgo.InteractionModalSubmit
		}
	}
	var msg map[string]any
	if cp.Message != nil {
		msg = s.messageObject(cp.Message)
	}
	raw, err := json.Marshal(struct {
		*discordgo.Interaction
		Message map[string]any `json:"message,omitempty"`
	}{&cp, msg})
	if err != nil {
		s.t.Errorf("discordtest: marshal interaction: %v", err)
		return cp.ID, cp.Token
	}
	rec := &interactionRecord{id: cp.ID, token: cp.Token, channelID: cp.ChannelID, typ: cp.Type, sentAt: time.Now(), interaction: raw, original: msg}
	s.interactions[rec.id] = rec
	s.byToken[rec.token] = rec
	s.dispatch("INTERACTION_CREATE", json.RawMessage(raw))
	return cp.ID, cp.Token
}

// Press sends the interaction Discord sends when someone presses the button
// with customID on i.Message: MESSAGE_COMPONENT (type 3) with the button's
// custom id and the message, the rest of i filled in as SendInteraction
// does. As in Discord's client, only an enabled button of the message can
// be pressed; anything else is an error and nothing is sent.
func (s *Server) Press(i *discordgo.Interaction, customID string) (id, token string, err error) {
	if i.Message == nil {
		return "", "", fmt.Errorf("press %q: no message", customID)
	}
	var labels []string
	for _, b := range Buttons(i.Message) {
		if b.CustomID != customID {
			labels = append(labels, fmt.Sprintf("%q (%s)", b.Label, b.CustomID))
			continue
		}
		if b.Disabled {
			return "", "", fmt.Errorf("press %q: the button %q is disabled", customID, b.Label)
		}
		cp := *i
		cp.Type = discordgo.InteractionMessageComponent
		cp.Data = discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent}
		if cp.ChannelID == "" {
			cp.ChannelID = i.Message.ChannelID
		}
		id, token = s.SendInteraction(&cp)
		return id, token, nil
	}
	if len(labels) == 0 {
		return "", "", fmt.Errorf("press %q: message %s has no buttons", customID, i.Message.ID)
	}
	return "", "", fmt.Errorf("press %q: message %s has no such button, only %s", customID, i.Message.ID, strings.Join(labels, ", "))
}

// Buttons returns the buttons of a message, row by row, as Discord's client
// shows them.
func Buttons(m *discordgo.Message) []discordgo.Button {
	var out []discordgo.Button
	for _, c := range m.Components {
		var row []discordgo.MessageComponent
		switch r := c.(type) {
		case *discordgo.ActionsRow:
			row = r.Components
		case discordgo.ActionsRow:
			row = r.Components
		}
		for _, c := range row {
			switch b := c.(type) {
			case *discordgo.Button:
				out = append(out, *b)
			case discordgo.Button:
				out = append(out, b)
			}
		}
	}
	return out
}

// SendMessage dispatches MESSAGE_CREATE for a message someone posted, and
// stores it as PutMessage does. It returns the message id.
func (s *Server) SendMessage(m *discordgo.Message) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.putMessage(m)
	stored, _ := s.findMessage(cmp.Or(m.ChannelID, DefaultChannelID), id)
	s.dispatch("MESSAGE_CREATE", stored)
	return id
}

// DropConnections closes every gateway websocket without a close frame, as
// a network failure would, to exercise discordgo's reconnect and RESUME.
// The sessions stay resumable, and events dispatched meanwhile are replayed.
func (s *Server) DropConnections() {
	s.mu.Lock()
	conns := s.gw.snapshot()
	for _, c := range conns {
		if c.session != nil && c.session.conn == c {
			c.session.conn = nil
		}
		c.session = nil
	}
	s.bump()
	s.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
}

// Connected reports whether a bot is on the gateway now: a connection that
// has had READY or RESUMED.
func (s *Server) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connected()
}

func (s *Server) connected() bool {
	for _, sess := range s.gw.sessions {
		if sess.conn != nil {
			return true
		}
	}
	return false
}

// WaitReady waits until Connected: after Open, or after a reconnect.
func (s *Server) WaitReady(ctx context.Context) error {
	if err := s.wait(ctx, s.connected); err != nil {
		return fmt.Errorf("wait for a gateway session: %w", err)
	}
	return nil
}

// Identifies returns every IDENTIFY the bot sent, to assert its token and
// intents.
func (s *Server) Identifies() []discordgo.Identify {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]discordgo.Identify(nil), s.gw.identifies...)
}

// Resumes returns every RESUME the bot sent.
func (s *Server) Resumes() []Resume {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Resume(nil), s.gw.resumes...)
}

// Heartbeats counts the heartbeats (op 1) received, each answered with an
// ACK (op 11).
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.heartbeats
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
