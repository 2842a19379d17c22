// Package discordtest is a fake Discord on 127.0.0.1 for end-to-end tests of
// the bot: a REST API under /api/v9 (and /api/v10) and a websocket gateway
// that a real discordgo Session reaches through Open when it is made by
// bot.NewSession(token, srv.URL()).
//
// The fake answers the way Discord does and is strict about what it is sent:
// every request is validated against Discord's OpenAPI description
// (spec/openapi.json, embedded; its source and licence are beside it), every
// message against Discord's length limits and the allowed_mentions rule, and
// every call to a route the fake does not know is answered 404. Each problem
// fails the test through t.Errorf and is kept in Violations.
//
// A typical test:
//
//	srv := discordtest.New(t)
//	s, _ := bot.NewSession("token", srv.URL())
//	// add handlers, then:
//	if err := s.Open(); err != nil { t.Fatal(err) }
//	t.Cleanup(func() { s.Close() }) // registered after New, so it runs first
//	srv.WaitReady(ctx)
//	id, _ := srv.SendInteraction(&discordgo.Interaction{Type: discordgo.InteractionApplicationCommand, ...})
//	call, _ := srv.WaitForCall(ctx, "PATCH", "/webhooks/{app}/{token}/messages/@original")
package discordtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Defaults for the bot the fake pretends the token belongs to.
const (
	DefaultBotID    = "900000000000000001"
	DefaultBotName  = "Parley"
	DefaultGuildID  = "100000000000000001"
	DefaultUserID   = "800000000000000001" // the user who invokes interactions
	DefaultUserName = "tester"
)

// Call is one REST request as the fake received it. For multipart/form-data
// requests Body is the payload_json part and Files holds the attachments.
type Call struct {
	Method string
	Path   string // as sent, with the /api/v9 prefix
	Query  url.Values
	Header http.Header
	Body   []byte
	Files  []File
	Status int // what the fake answered
	At     time.Time
}

// Decode unmarshals the call's JSON body, to save each test the boilerplate.
func (c Call) Decode(v any) error {
	return json.Unmarshal(c.Body, v)
}

// File is one uploaded attachment of a multipart request.
type File struct {
	Field, Name, ContentType string
	Content                  []byte
}

// Violation is one thing the bot did that Discord would reject or that the
// project forbids.
type Violation struct {
	Method, Path, Message string
}

func (v Violation) String() string {
	return fmt.Sprintf("%s %s: %s", v.Method, v.Path, v.Message)
}

// Option configures a Server.
type Option func(*config)

type config struct {
	botID, botName, appID string
	guilds                []string
	heartbeat             time.Duration
	allowMentions         bool
	listener              net.Listener
}

// WithBotUser sets the user the token belongs to: READY's user, GET
// /users/@me and the author of the bot's messages.
func WithBotUser(id, username string) Option {
	return func(c *config) { c.botID, c.botName = id, username }
}

// WithApplicationID sets the application id, which otherwise equals the bot
// user's id as it does for every bot made since 2016.
func WithApplicationID(id string) Option {
	return func(c *config) { c.appID = id }
}

// WithGuilds sets the guilds READY lists (as unavailable stubs, each followed
// by a GUILD_CREATE), replacing the default single guild.
func WithGuilds(ids ...string) Option {
	return func(c *config) { c.guilds = ids }
}

// WithHeartbeatInterval sets the interval HELLO asks for, so a test can see
// heartbeats without waiting Discord's 41.25 seconds. discordgo counts it in
// whole milliseconds.
func WithHeartbeatInterval(d time.Duration) Option {
	return func(c *config) { c.heartbeat = d }
}

// AllowMentions turns off the check that every message carries
// allowed_mentions with an empty parse list, for a test of a message that is
// meant to ping someone.
func AllowMentions() Option {
	return func(c *config) { c.allowMentions = true }
}

// WithListener makes the fake serve on l, which it closes when it stops,
// instead of on a free port of 127.0.0.1: fakediscord's -addr.
func WithListener(l net.Listener) Option {
	return func(c *config) { c.listener = l }
}

// Server is the fake Discord. Its methods are safe for concurrent use.
type Server struct {
	t    testing.TB
	cfg  config
	hs   *httptest.Server
	spec *spec
	ids  snowflakes

	mu         sync.Mutex
	changed    chan struct{} // closed and replaced whenever state changes
	calls      []Call
	cursors    map[string]int // WaitForCall's position per method and pattern
	violations []Violation
	failures   []failure

	commands     map[string][]map[string]any // by guild id, "" for global
	messages     map[string][]map[string]any // by channel id
	channels     map[string]*discordgo.Channel
	members      map[string]map[string]*discordgo.Member // guild → user → member
	roles        map[string][]*discordgo.Role
	interactions map[string]*interactionRecord // by interaction id
	byToken      map[string]*interactionRecord

	gw gateway
}

type failure struct {
	method, pattern string
	status          int
	body            string
}

// New starts a fake Discord for one test and stops it when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	cfg := config{
		botID:     DefaultBotID,
		botName:   DefaultBotName,
		guilds:    []string{DefaultGuildID},
		heartbeat: 41250 * time.Millisecond,
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.appID == "" {
		cfg.appID = cfg.botID
	}
	s := &Server{
		t:            t,
		cfg:          cfg,
		changed:      make(chan struct{}),
		cursors:      map[string]int{},
		commands:     map[string][]map[string]any{},
		messages:     map[string][]map[string]any{},
		channels:     map[string]*discordgo.Channel{},
		members:      map[string]map[string]*discordgo.Member{},
		roles:        map[string][]*discordgo.Role{},
		interactions: map[string]*interactionRecord{},
		byToken:      map[string]*interactionRecord{},
	}
	s.gw.init()
	sp, err := loadSpec()
	if err != nil {
		t.Fatalf("discordtest: %v", err)
	}
	s.spec = sp
	if cfg.listener == nil {
		s.hs = httptest.NewServer(s)
	} else {
		s.hs = httptest.NewUnstartedServer(s)
		s.hs.Listener.Close()
		s.hs.Listener = cfg.listener
		s.hs.Start()
	}
	t.Cleanup(s.close)
	return s
}

// URL is the fake's base URL, "http://127.0.0.1:PORT", for discord.api_url.
func (s *Server) URL() string { return s.hs.URL }

// close stops the gateway's connections first: the HTTP server does not
// track hijacked websockets, so their read loops are waited for separately.
func (s *Server) close() {
	s.mu.Lock()
	s.gw.closed = true
	conns := s.gw.snapshot()
	s.mu.Unlock()
	for _, c := range conns {
		c.close()
	}
	s.hs.Close()
	s.gw.wg.Wait()
}

// bump wakes everyone waiting for a change; callers hold s.mu.
func (s *Server) bump() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// wait blocks until ready, called with s.mu held, reports true, or ctx ends.
func (s *Server) wait(ctx context.Context, ready func() bool) error {
	for {
		s.mu.Lock()
		ok := ready()
		ch := s.changed
		s.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ch:
		}
	}
}

// violate records problems and fails the test; callers hold s.mu.
func (s *Server) violate(method, path string, msgs ...string) {
	for _, m := range msgs {
		v := Violation{Method: method, Path: path, Message: m}
		s.violations = append(s.violations, v)
		s.t.Errorf("discordtest: %s", v)
	}
	if len(msgs) > 0 {
		s.bump()
	}
}

// Violations returns every problem found so far.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Violation(nil), s.violations...)
}

// Calls returns every REST call so far, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallsTo returns the calls whose method and path match. method "" matches
// any method. pathPattern is matched segment by segment, "{name}" standing
// for any one segment, and may be written with or without the /api/vN
// prefix: "/channels/{id}/messages" matches POST /api/v9/channels/1/messages
// but not /api/v9/channels/1/messages/2. A query string is not part of it.
func (s *Server) CallsTo(method, pathPattern string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if callMatches(c, method, pathPattern) {
			out = append(out, c)
		}
	}
	return out
}

// WaitForCall returns the next call matching method and pathPattern (as in
// CallsTo), waiting for it if it has not arrived. Calls are handed out in
// order, each once per pattern, so a test can wait for the same route twice
// and get two different calls, whether they came before the wait or after.
func (s *Server) WaitForCall(ctx context.Context, method, pathPattern string) (Call, error) {
	key := method + " " + pathPattern
	var got Call
	err := s.wait(ctx, func() bool {
		for i := s.cursors[key]; i < len(s.calls); i++ {
			if callMatches(s.calls[i], method, pathPattern) {
				s.cursors[key] = i + 1
				got = s.calls[i]
				return true
			}
		}
		s.cursors[key] = len(s.calls)
		return false
	})
	if err != nil {
		return Call{}, fmt.Errorf("wait for %s: %w", key, err)
	}
	return got, nil
}

// FailNext makes the next call matching method and pathPattern (as in
// CallsTo) fail with status and body, for tests of the bot's error handling.
// An empty body becomes Discord's: for 429 {"message": "You are being rate
// limited.", "retry_after": 0.01, "global": false}, which discordgo waits out
// and retries, otherwise {"message": "<status text>", "code": 0}. The call is
// still validated and recorded.
func (s *Server) FailNext(method, pathPattern string, status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method: method, pattern: pathPattern, status: status, body: body})
}

func callMatches(c Call, method, pattern string) bool {
	if method != "" && !strings.EqualFold(method, c.Method) {
		return false
	}
	return matchPath(pattern, c.Path) != nil
}

var versionPrefix = regexp.MustCompile(`^/api/v[0-9]+`)

func splitPath(p string) []string {
	p = versionPrefix.ReplaceAllString(p, "")
	return strings.Split(strings.Trim(p, "/"), "/")
}

// matchPath matches a pattern with {name} wildcards against a path, both
// with or without the /api/vN prefix, and returns the wildcards' values, or
// nil when they do not match.
func matchPath(pattern, path string) map[string]string {
	return matchSegs(splitPath(pattern), splitPath(path))
}

func matchSegs(pat, segs []string) map[string]string {
	if len(pat) != len(segs) {
		return nil
	}
	vals := map[string]string{}
	for i, p := range pat {
		switch {
		case isParam(p):
			if segs[i] == "" {
				return nil
			}
			vals[strings.Trim(p, "{}")] = segs[i]
		case p != segs[i]:
			return nil
		}
	}
	return vals
}

func isParam(seg string) bool {
	return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}")
}

// apiPath matches the REST prefixes the fake serves: discordgo's v9 and,
// since the spec describes v10 with the same paths, v10.
var apiPath = regexp.MustCompile(`^/api/v(9|10)(/.*)$`)

// ServeHTTP records, checks and answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/gateway" || r.URL.Path == "/gateway/" {
		s.serveGateway(w, r)
		return
	}
	call := Call{
		Method: r.Method,
		Path:   r.URL.Path,
		Query:  r.URL.Query(),
		Header: r.Header.Clone(),
		At:     time.Now(),
	}
	var problems []string
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		problems = append(problems, fmt.Sprintf("read body: %v", err))
	}
	mediaType, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case len(raw) == 0:
	case mediaType == "multipart/form-data":
		call.Body, call.Files, err = readMultipart(raw, params["boundary"])
		if err != nil {
			problems = append(problems, fmt.Sprintf("multipart body: %v", err))
		}
	case mediaType == "application/json":
		call.Body = raw
	default:
		call.Body = raw
		problems = append(problems, fmt.Sprintf("unexpected Content-Type %q; discordgo sends application/json or multipart/form-data", r.Header.Get("Content-Type")))
	}

	m := apiPath.FindStringSubmatch(r.URL.Path)
	var rel string
	if m != nil {
		rel = m[2]
		problems = append(problems, checkHeaders(r, rel)...)
		problems = append(problems, s.spec.check(r.Method, rel, call.Query, mediaType, call.Body)...)
	}

	s.mu.Lock()
	var status int
	var resp any
	if f, ok := s.takeFailure(call); ok {
		status, resp = f.status, failureBody(f)
	} else if m == nil {
		status, resp = http.StatusNotFound, discordError(0, "404: Not Found")
		problems = append(problems, "not a Discord API path (discordgo uses /api/v9/…)")
	} else {
		rq := &request{call: &call, rel: rel}
		status, resp = s.route(rq)
		problems = append(problems, rq.problems...)
	}
	call.Status = status
	s.calls = append(s.calls, call)
	s.violate(call.Method, call.Path, problems...)
	s.bump()
	s.mu.Unlock()

	writeResponse(w, status, resp, rel)
}

// checkHeaders applies Discord's rules for the headers every bot request
// carries; webhook and interaction-callback routes are authorised by their
// token instead.
func checkHeaders(r *http.Request, rel string) []string {
	var problems []string
	if !strings.HasPrefix(rel, "/webhooks/") && !strings.HasPrefix(rel, "/interactions/") {
		if a := r.Header.Get("Authorization"); !strings.HasPrefix(a, "Bot ") {
			problems = append(problems, fmt.Sprintf("Authorization header %q; a bot sends \"Bot <token>\"", a))
		}
	}
	if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "DiscordBot ") {
		problems = append(problems, fmt.Sprintf("User-Agent %q; Discord requires \"DiscordBot (url, version)\"", ua))
	}
	return problems
}

func (s *Server) takeFailure(c Call) (failure, bool) {
	for i, f := range s.failures {
		if callMatches(c, f.method, f.pattern) {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
			return f, true
		}
	}
	return failure{}, false
}

func failureBody(f failure) any {
	switch {
	case f.body != "":
		return json.RawMessage(f.body)
	case f.status == http.StatusTooManyRequests:
		return map[string]any{"message": "You are being rate limited.", "retry_after": 0.01, "global": false}
	default:
		return discordError(0, http.StatusText(f.status))
	}
}

func discordError(code int, msg string) map[string]any {
	return map[string]any{"message": msg, "code": code}
}

// writeResponse sends JSON with the rate-limit headers discordgo reads,
// generous enough that it never waits. The bucket is a hash of the route so
// that, as on Discord, routes do not share one.
func writeResponse(w http.ResponseWriter, status int, body any, rel string) {
	h := w.Header()
	h.Set("X-RateLimit-Limit", "50")
	h.Set("X-RateLimit-Remaining", "49")
	h.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Minute).Unix(), 10))
	h.Set("X-RateLimit-Reset-After", "60.000")
	h.Set("X-RateLimit-Bucket", fmt.Sprintf("%08x", fnv32(rel)))
	if status == http.StatusTooManyRequests {
		h.Set("X-RateLimit-Scope", "user")
	}
	if status == http.StatusNoContent || body == nil {
		w.WriteHeader(status)
		return
	}
	b, err := json.Marshal(body)
	if err != nil {
		b = []byte(fmt.Sprintf(`{"message": %q, "code": 0}`, err.Error()))
		status = http.StatusInternalServerError
	}
	h.Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(b)
}

func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// readMultipart splits discordgo's multipart body into payload_json and the
// files that follow it.
func readMultipart(raw []byte, boundary string) ([]byte, []File, error) {
	if boundary == "" {
		return nil, nil, fmt.Errorf("no boundary")
	}
	mr := multipart.NewReader(bytes.NewReader(raw), boundary)
	var payload []byte
	var files []File
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return payload, files, err
		}
		b, err := io.ReadAll(p)
		if err != nil {
			return payload, files, err
		}
		if p.FormName() == "payload_json" {
			payload = b
			continue
		}
		files = append(files, File{Field: p.FormName(), Name: p.FileName(), ContentType: p.Header.Get("Content-Type"), Content: b})
	}
	if payload == nil {
		return nil, files, fmt.Errorf("no payload_json part")
	}
	return payload, files, nil
}

// snowflakes makes Discord-style ids: milliseconds since 2015 in the top
// bits, strictly increasing so that ids sort in creation order.
type snowflakes struct {
	mu   sync.Mutex
	last int64
}

const discordEpoch = 1420070400000

func (g *snowflakes) next() string {
	g.mu.Lock()
	defer g.mu.Unlock()
	id := (time.Now().UnixMilli() - discordEpoch) << 22
	if id <= g.last {
		id = g.last + 1
	}
	g.last = id
	return strconv.FormatInt(id, 10)
}
