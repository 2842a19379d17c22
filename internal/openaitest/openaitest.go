// Package openaitest is a fake OpenAI-compatible server on 127.0.0.1, so
// that the go-openai adapter can be tested through the real HTTP API (chat
// completions, streamed or not, embeddings and the model list) and its
// failures (status codes, Retry-After, slow, malformed and empty replies,
// dropped connections) without the internet.
//
// It answers both the OpenAI path shape ({base}/v1/chat/completions) and the
// Azure one ({base}/openai/deployments/{name}/chat/completions?api-version=…),
// so one fake serves every kind of server the adapter supports.
package openaitest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	openai "github.com/sashabaranov/go-openai"
)

// Server is the fake. Replies to chat completions come from the queue that
// Script fills, then from Default; embeddings are computed from the text
// unless ScriptEmbeddings queued something else.
type Server struct {
	// Default answers a chat completion when the queue is empty; nil
	// replies "ok". It runs on the server's goroutine: don't call t.Fatal.
	Default func(req openai.ChatCompletionRequest) Step
	// Dims is the length of embedding vectors when the request doesn't ask
	// for a length of its own.
	Dims int
	// Models are the ids GET /models lists.
	Models []string

	key  string
	srv  *httptest.Server
	done chan struct{} // closed on cleanup, so delayed steps stop waiting

	mu         sync.Mutex
	chat       []Step
	embeddings []Step
	requests   []Request
}

// Request is what the fake received, decoded, so tests can assert the
// prompt, the parameters and the headers the client sent.
type Request struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	// Deployment is the Azure deployment named in the path, if any.
	Deployment string
	// Chat is set for chat completions, Embedding for embeddings.
	Chat      *openai.ChatCompletionRequest
	Embedding *openai.EmbeddingRequest
	// Inputs are the texts of an embedding request.
	Inputs []string
}

// Option changes a new Server.
type Option func(*Server)

// WithKey makes the server require the key, as "Authorization: Bearer key"
// on OpenAI paths and as "api-key: key" on Azure paths, and answer 401
// otherwise, as real servers do.
func WithKey(key string) Option { return func(s *Server) { s.key = key } }

// New starts a fake server that stops when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{Dims: 64, Models: []string{"gpt-4o-mini", "text-embedding-3-small"}, done: make(chan struct{})}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		close(s.done)
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
	return s
}

// URL is the base URL a client is given, with the /v1 that OpenAI's has.
func (s *Server) URL() string { return s.srv.URL + "/v1" }

// Host is the server's host:port, for transports that redirect another
// host (an Azure resource, say) here.
func (s *Server) Host() string { return strings.TrimPrefix(s.srv.URL, "http://") }

// Script queues how the next chat completions are answered, one step each.
func (s *Server) Script(steps ...Step) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.chat = append(s.chat, steps...)
}

// ScriptEmbeddings queues how the next embedding requests are answered. On
// this queue Reply answers normally (its text is not used) and Empty
// answers with no vectors.
func (s *Server) ScriptEmbeddings(steps ...Step) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.embeddings = append(s.embeddings, steps...)
}

// Requests returns a copy of every request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ChatRequests returns the chat completion requests received so far.
func (s *Server) ChatRequests() []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.Chat != nil {
			out = append(out, r)
		}
	}
	return out
}

type kind int

const (
	kindReply kind = iota
	kindStatus
	kindMalformed
	kindEmpty
	kindDrop
)

// Step is one scripted answer.
type Step struct {
	kind   kind
	text   string
	code   int
	body   string
	header http.Header
	delay  time.Duration
}

// Reply answers with text: as one JSON response, or as several server-sent
// event chunks when the request asked to stream.
func Reply(text string) Step { return Step{kind: kindReply, text: text} }

// Status answers with an HTTP error. An empty body becomes an OpenAI-style
// error object; header is key, value pairs such as "Retry-After", "1".
func Status(code int, body string, header ...string) Step {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Add(header[i], header[i+1])
	}
	return Step{kind: kindStatus, code: code, body: body, header: h}
}

// Malformed answers 200 with JSON that doesn't parse, in a stream too.
func Malformed() Step { return Step{kind: kindMalformed} }

// Empty answers 200 with a choice whose content is empty.
func Empty() Step { return Step{kind: kindEmpty} }

// Drop closes the connection without answering, as a crashed server or a
// broken proxy would.
func Drop() Step { return Step{kind: kindDrop} }

// Delay answers with then after d, or not at all if the client gives up
// first; it makes a reply slower than a client's timeout.
func Delay(d time.Duration, then Step) Step {
	then.delay += d
	return then
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone()}
	endpoint, azure := route(r.URL.Path, &rec)

	var decodeErr error
	switch endpoint {
	case "/chat/completions":
		rec.Chat = new(openai.ChatCompletionRequest)
		decodeErr = json.Unmarshal(body, rec.Chat)
	case "/embeddings":
		rec.Embedding = new(openai.EmbeddingRequest)
		decodeErr = json.Unmarshal(body, rec.Embedding)
		if decodeErr == nil {
			rec.Inputs, decodeErr = inputs(rec.Embedding.Input)
		}
	}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.mu.Unlock()

	if !s.authorized(r, azure) {
		writeError(w, http.StatusUnauthorized, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key")
		return
	}
	if azure && r.URL.Query().Get("api-version") == "" {
		writeError(w, http.StatusNotFound, "Resource not found", "", "404")
		return
	}
	if decodeErr != nil {
		writeError(w, http.StatusBadRequest, "We could not parse the JSON body of your request: "+decodeErr.Error(), "invalid_request_error", "")
		return
	}
	switch {
	case endpoint == "/chat/completions" && r.Method == http.MethodPost:
		s.serveChat(w, r, rec.Chat)
	case endpoint == "/embeddings" && r.Method == http.MethodPost:
		s.serveEmbeddings(w, r, rec.Embedding, rec.Inputs)
	case endpoint == "/models" && r.Method == http.MethodGet:
		s.serveModels(w)
	default:
		writeError(w, http.StatusNotFound, fmt.Sprintf("Unknown request URL: %s %s.", r.Method, r.URL.Path), "invalid_request_error", "unknown_url")
	}
}

// route maps an OpenAI or Azure path to the endpoint it names.
func route(path string, rec *Request) (endpoint string, azure bool) {
	if rest, ok := strings.CutPrefix(path, "/v1"); ok {
		return rest, false
	}
	if rest, ok := strings.CutPrefix(path, "/openai/deployments/"); ok {
		name, rest, _ := strings.Cut(rest, "/")
		rec.Deployment = name
		return "/" + rest, true
	}
	if rest, ok := strings.CutPrefix(path, "/openai"); ok {
		return rest, true
	}
	return path, false
}

func (s *Server) authorized(r *http.Request, azure bool) bool {
	if s.key == "" {
		return true
	}
	if azure {
		return r.Header.Get("api-key") == s.key
	}
	return r.Header.Get("Authorization") == "Bearer "+s.key
}

func (s *Server) next(queue *[]Step) (Step, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(*queue) == 0 {
		return Step{}, false
	}
	st := (*queue)[0]
	*queue = (*queue)[1:]
	return st, true
}

// wait sleeps for the step's delay; false means the client or the server
// went away meanwhile and there is no one to answer.
func (s *Server) wait(r *http.Request, st Step) bool {
	if st.delay <= 0 {
		return true
	}
	t := time.NewTimer(st.delay)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
	case <-s.done:
	}
	return false
}

// answerFailure writes the steps that mean the same on every endpoint and
// reports whether it did.
func answerFailure(w http.ResponseWriter, st Step) bool {
	switch st.kind {
	case kindStatus:
		for k, vs := range st.header {
			w.Header()[k] = vs
		}
		if st.body == "" {
			writeError(w, st.code, http.StatusText(st.code), "server_error", "")
			return true
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(st.code)
		io.WriteString(w, st.body)
		return true
	case kindDrop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler)
	}
	return false
}

func (s *Server) serveChat(w http.ResponseWriter, r *http.Request, req *openai.ChatCompletionRequest) {
	st, ok := s.next(&s.chat)
	if !ok {
		st = Reply("ok")
		if s.Default != nil {
			st = s.Default(*req)
		}
	}
	if !s.wait(r, st) || answerFailure(w, st) {
		return
	}
	text := st.text
	if st.kind == kindEmpty {
		text = ""
	}
	id := fmt.Sprintf("chatcmpl-fake%d", time.Now().UnixNano())
	if !req.Stream {
		if st.kind == kindMalformed {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"id":"`+id+`","object":"chat.completion","choices":[{"index":0,"message":{"role":"assist`)
			return
		}
		writeJSON(w, http.StatusOK, completion{
			ID: id, Object: "chat.completion", Created: time.Now().Unix(), Model: req.Model,
			Choices: []choice{{Message: &message{Role: "assistant", Content: text}, FinishReason: ptr("stop")}},
			Usage:   &usage{PromptTokens: 10, CompletionTokens: len(strings.Fields(text)), TotalTokens: 10 + len(strings.Fields(text))},
		})
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	chunk := func(delta message, finish *string) {
		b, _ := json.Marshal(completion{ID: id, Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: req.Model,
			Choices: []choice{{Delta: &delta, FinishReason: finish}}})
		fmt.Fprintf(w, "data: %s\n\n", b)
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
	chunk(message{Role: "assistant"}, nil)
	if st.kind == kindMalformed {
		io.WriteString(w, "data: {\"id\":\"broken\",\"choices\":[{\"delta\":{\"content\":\"Hal\n\n")
		return
	}
	for _, part := range split(text) {
		chunk(message{Content: part}, nil)
	}
	chunk(message{}, ptr("stop"))
	io.WriteString(w, "data: [DONE]\n\n")
}

// split cuts text into a few chunks on word boundaries, as a model streams
// it, keeping every byte so the chunks concatenate to text.
func split(text string) []string {
	var parts []string
	start, words := 0, 0
	for i, r := range text {
		if r == ' ' && i > start {
			words++
			if words%2 == 0 {
				parts = append(parts, text[start:i])
				start = i
			}
		}
	}
	if start < len(text) {
		parts = append(parts, text[start:])
	}
	return parts
}

func (s *Server) serveEmbeddings(w http.ResponseWriter, r *http.Request, req *openai.EmbeddingRequest, texts []string) {
	st, ok := s.next(&s.embeddings)
	if !ok {
		st = Reply("")
	}
	if !s.wait(r, st) || answerFailure(w, st) {
		return
	}
	switch st.kind {
	case kindMalformed:
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"object":"list","data":[{"object":"embedding","embedding":[0.1,`)
		return
	case kindEmpty:
		texts = nil
	}
	dims := s.Dims
	if req.Dimensions > 0 {
		dims = req.Dimensions
	}
	resp := embeddingList{Object: "list", Model: string(req.Model), Data: []embedding{}}
	for i, text := range texts {
		resp.Data = append(resp.Data, embedding{Object: "embedding", Index: i, Embedding: Vector(text, dims)})
	}
	writeJSON(w, http.StatusOK, resp)
}

// Vector is the fake's embedding of text: every word adds ±1 to a
// coordinate chosen by its hash, and the sum is normalised, so texts that
// share words get close vectors and a test can compute what to expect.
func Vector(text string, dims int) []float32 {
	v := make([]float64, dims)
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		h := fnv.New64a()
		io.WriteString(h, w)
		sum := h.Sum64()
		sign := 1.0
		if sum>>63 == 1 {
			sign = -1
		}
		v[sum%uint64(dims)] += sign
	}
	var norm float64
	for _, x := range v {
		norm += x * x
	}
	out := make([]float32, dims)
	if norm == 0 {
		out[0] = 1 // an empty text still gets a unit vector
		return out
	}
	norm = math.Sqrt(norm)
	for i, x := range v {
		out[i] = float32(x / norm)
	}
	return out
}

func (s *Server) serveModels(w http.ResponseWriter) {
	list := modelList{Object: "list", Data: []model{}}
	for _, id := range s.Models {
		list.Data = append(list.Data, model{ID: id, Object: "model", Created: 1700000000, OwnedBy: "openaitest"})
	}
	writeJSON(w, http.StatusOK, list)
}

// inputs reads an embedding request's input, a string or a list of them.
func inputs(input any) ([]string, error) {
	switch in := input.(type) {
	case string:
		return []string{in}, nil
	case []any:
		out := make([]string, len(in))
		for i, x := range in {
			s, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("input[%d] is not a string", i)
			}
			out[i] = s
		}
		return out, nil
	}
	return nil, fmt.Errorf("input must be a string or a list of strings, not %T", input)
}

// The response types are written out here, rather than borrowed from
// go-openai, so that the fake checks go-openai against the API's JSON and
// not against itself.

type completion struct {
	ID      string   `json:"id"`
	Object  string   `json:"object"`
	Created int64    `json:"created"`
	Model   string   `json:"model"`
	Choices []choice `json:"choices"`
	Usage   *usage   `json:"usage,omitempty"`
}

type choice struct {
	Index        int      `json:"index"`
	Message      *message `json:"message,omitempty"`
	Delta        *message `json:"delta,omitempty"`
	FinishReason *string  `json:"finish_reason"`
}

type message struct {
	Role    string `json:"role,omitempty"`
	Content string `json:"content"`
}

type usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

type embeddingList struct {
	Object string      `json:"object"`
	Data   []embedding `json:"data"`
	Model  string      `json:"model"`
}

type embedding struct {
	Object    string    `json:"object"`
	Index     int       `json:"index"`
	Embedding []float32 `json:"embedding"`
}

type modelList struct {
	Object string  `json:"object"`
	Data   []model `json:"data"`
}

type model struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// writeError writes the error object OpenAI answers failures with.
func writeError(w http.ResponseWriter, code int, msg, typ, errCode string) {
	e := map[string]any{"message": msg, "type": typ, "param": nil, "code": nil}
	if errCode != "" {
		e["code"] = errCode
	}
	writeJSON(w, code, map[string]any{"error": e})
}

func ptr[T any](v T) *T { return &v }
